// Where the time of one reply goes (issue #12, step 5): with BENCH_TIMELINE=1 the sequential phase records every
// activity (Júlia's spans, ASP.NET Core requests, HttpClient calls, Npgsql statements) that starts while one message is
// in flight, and prints per span the median start offset from the webhook POST and the median duration. Only one
// message is in flight in that phase, so everything in its window is its work (or a background job's, which shows as
// a span present in few messages).
using System.Collections.Concurrent;
using System.Diagnostics;

internal sealed class Timeline : IDisposable
{
    readonly ActivityListener listener;
    readonly ConcurrentQueue<(Activity Span, DateTime Start, double Ms)> spans = new();
    readonly List<List<(string Name, double StartMs, double Ms)>> messages = [];
    DateTime windowStart;

    public Timeline()
    {
        listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name.StartsWith("Julia", StringComparison.Ordinal) || s.Name == "Npgsql"
                                  || s.Name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) || s.Name.StartsWith("System.Net.Http", StringComparison.Ordinal),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            // Named when the message's window closes, not here: this runs on Júlia's path (e.g. inside a reader's dispose).
            ActivityStopped = a => spans.Enqueue((a, a.StartTimeUtc, a.Duration.TotalMilliseconds)),
        };
        ActivitySource.AddActivityListener(listener);
    }

    public void Begin()
    {
        spans.Clear();
        windowStart = DateTime.UtcNow;
    }

    /// <summary>Closes the window of one message whose reply arrived <paramref name="totalMs"/> after the POST.</summary>
    public void End(double totalMs)
    {
        var list = new List<(string, double, double)>();
        while (spans.TryDequeue(out var s))
            list.Add((Name(s.Span), (s.Start - windowStart).TotalMilliseconds, s.Ms));
        list.Add(("(reply at the fake Evolution)", totalMs, 0));
        messages.Add(list);
    }

    public void Print()
    {
        if (messages.Count == 0) return;
        var byName = messages.SelectMany(m => m.GroupBy(s => s.Name).Select(g => (g.Key, Start: g.Min(s => s.StartMs), Ms: g.Sum(s => s.Ms), Count: g.Count())))
            .GroupBy(s => s.Key)
            .Select(g => (Name: g.Key, Start: Median(g.Select(s => s.Start)), Ms: Median(g.Select(s => s.Ms)), Count: g.Average(s => s.Count), Share: g.Count() / (double)messages.Count))
            .Where(s => s.Share >= 0.5)
            .OrderBy(s => s.Start);
        Console.WriteLine($"  timeline of one reply (median over {messages.Count} sequential messages; start offset from the webhook POST, time summed per message):");
        foreach (var s in byName)
            Console.WriteLine($"    +{s.Start,7:F2} ms  {s.Ms,6:F2} ms  ×{s.Count:F1}  {s.Name}");
        var typical = messages.OrderBy(m => m[^1].StartMs).ElementAt(messages.Count / 2);
        Console.WriteLine("  the message with the median latency, span by span (start offset, duration):");
        foreach (var s in typical.OrderBy(s => s.StartMs))
            Console.WriteLine($"    +{s.StartMs,7:F2} ms  {s.Ms,6:F2} ms  {s.Name}");
    }

    static string Name(Activity a)
    {
        if (a.Source.Name == "Npgsql")
        {
            return "sql: " + EndToEndBench.RoundTripCounter.Summary((a.GetTagItem("db.query.text") ?? a.GetTagItem("db.statement"))?.ToString() ?? a.DisplayName, 70);
        }
        if (a.Source.Name.StartsWith("System.Net.Http", StringComparison.Ordinal))
            return $"http out: {a.GetTagItem("http.request.method")} {a.GetTagItem("url.path") ?? (a.GetTagItem("url.full") is string u ? new Uri(u).AbsolutePath : a.DisplayName)}";
        if (a.Source.Name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal))
            return $"http in: {a.GetTagItem("http.request.method")} {a.GetTagItem("url.path") ?? a.DisplayName}";
        return $"{a.Source.Name}: {a.DisplayName}";
    }

    static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    public void Dispose() => listener.Dispose();
}
