// Detection speed (issue #11): opt-out and handoff detection run on the hot path of every turn. Times 100 000 messages
// (the labelled corpus repeated) through OptOutDetector.IsOptOut and HandoffTriggerDetector.Detect, twice: first right
// after start (2 000 messages of warm-up, as every run before the twenty-seventh session measured, so the figure includes
// the JIT's tiering), then after both detectors ran for 5 s — the steady state of a process that has been answering for a while.
// Usage: bench/run.sh deteccao [messages]
using System.Diagnostics;
using Julia.Conversations.Text;

internal static class DetectionBench
{
    public static void Run(string corpusPath, int count)
    {
        var corpus = File.ReadAllLines(corpusPath).Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => l.Split('\t', 2)[1]).ToArray();
        var messages = Enumerable.Range(0, count).Select(i => corpus[i % corpus.Length]).ToArray();
        foreach (var m in messages.Take(2_000)) _ = OptOutDetector.IsOptOut(m); // vocabulary load, first JIT
        Console.WriteLine($"messages: {messages.Length} ({corpus.Length} distinct)");
        Measure("just started", messages);
        var warm = Stopwatch.StartNew();
        while (warm.Elapsed < TimeSpan.FromSeconds(5)) Detect(corpus);
        Measure("warm (after 5 s)", messages);
    }

    static void Measure(string phase, string[] messages)
    {
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();
        var hits = Detect(messages);
        watch.Stop();
        var perMessage = watch.Elapsed.TotalMicroseconds / messages.Length;
        Console.WriteLine($"{phase}: detected {hits}, total {watch.Elapsed.TotalMilliseconds:F0} ms, {perMessage:F2} µs per message, {(GC.GetAllocatedBytesForCurrentThread() - allocated) / messages.Length} bytes allocated per message");
    }

    static int Detect(string[] messages)
    {
        var hits = 0;
        foreach (var m in messages)
        {
            if (OptOutDetector.IsOptOut(m)) hits++;
            else if (HandoffTriggerDetector.Detect(m) is not null) hits++;
        }
        return hits;
    }
}
