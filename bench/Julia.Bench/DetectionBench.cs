// Detection speed (issue #11): opt-out and handoff detection run on the hot path of every turn. Times 100 000 messages
// (the labelled corpus repeated) through OptOutDetector.IsOptOut and HandoffTriggerDetector.Detect.
// Usage: bench/run.sh deteccao [messages]
using System.Diagnostics;
using Julia.Conversations.Text;

internal static class DetectionBench
{
    public static void Run(string corpusPath, int count)
    {
        var corpus = File.ReadAllLines(corpusPath).Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => l.Split('\t', 2)[1]).ToArray();
        var messages = Enumerable.Range(0, count).Select(i => corpus[i % corpus.Length]).ToArray();
        var hits = 0;
        foreach (var m in messages.Take(2_000)) hits += OptOutDetector.IsOptOut(m) ? 1 : 0; // warm-up: JIT, vocabulary load
        hits = 0;
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();
        foreach (var m in messages)
        {
            if (OptOutDetector.IsOptOut(m)) hits++;
            else if (HandoffTriggerDetector.Detect(m) is not null) hits++;
        }
        watch.Stop();
        var perMessage = watch.Elapsed.TotalMicroseconds / messages.Length;
        Console.WriteLine($"messages: {messages.Length} ({corpus.Length} distinct), detected: {hits}");
        Console.WriteLine($"total {watch.Elapsed.TotalMilliseconds:F0} ms, {perMessage:F2} µs per message, {(GC.GetAllocatedBytesForCurrentThread() - allocated) / messages.Length} bytes allocated per message");
    }
}
