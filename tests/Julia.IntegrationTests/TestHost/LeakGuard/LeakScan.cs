using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace Julia.IntegrationTests.TestHost.LeakGuard;

/// <summary>
/// Reads a host's log lines against what it was given (docs/decisions.md#log-leak-guard). A hit names the line's event id,
/// level, category and the kind of value — never the value itself (a secret printed in a test failure is a leak too).
/// </summary>
public static partial class LeakScan
{
    public sealed record Line(LogLevel Level, string Category, int EventId, string Text);

    /// <param name="Shape">For a phone: the line with every digit written '#', to see where the number stood (null otherwise).</param>
    public sealed record Hit(LogLevel Level, string Category, int EventId, string Kind, string? Shape = null)
    {
        public override string ToString() => $"{Kind} in event {EventId} ({Level}, {Category})" + (Shape is null ? "" : $": {Shape}");
    }

    static long elapsedTicks, scannedLines;

    /// <summary>Time the guard has spent scanning in this test run, and lines scanned (for the decisions.md cost figure).</summary>
    public static (TimeSpan Elapsed, long Lines) Cost => (Stopwatch.GetElapsedTime(0, Interlocked.Read(ref elapsedTicks)), Interlocked.Read(ref scannedLines));

    static LeakScan()
    {
        // JULIA_LEAK_GUARD_REPORT=file: the run's total is appended there at exit (how decisions.md's cost was measured).
        if (Environment.GetEnvironmentVariable("JULIA_LEAK_GUARD_REPORT") is { Length: > 0 } report)
            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
                File.AppendAllText(report, $"leak guard: {Cost.Lines} lines scanned in {Cost.Elapsed.TotalMilliseconds:0} ms\n");
    }

    public static IReadOnlyList<Hit> Find(IEnumerable<Line> lines, SentValues sent, bool secretsOnly = false)
    {
        var started = Stopwatch.GetTimestamp();
        var phoneTails = sent.PhoneTails.ToArray();
        var texts = sent.Texts.ToArray();
        var emails = sent.Emails.ToArray();
        var secrets = sent.Secrets.ToArray();
        var hits = new List<Hit>();
        var count = 0;
        foreach (var line in lines)
        {
            count++;
            var kinds = Kinds(line, phoneTails, texts, emails, secrets, secretsOnly).Where(k => !LeakAllowList.Allows(line, k)).ToList();
            // The shape only when nothing else is in the line: a secret or a sent text is never printed, even digit-less.
            var shape = kinds.All(k => k.StartsWith("phone", StringComparison.Ordinal) || k == "WhatsApp address") ? Shape(line.Text) : null;
            foreach (var kind in kinds) hits.Add(new Hit(line.Level, line.Category, line.EventId, kind, shape));
        }
        Interlocked.Add(ref elapsedTicks, Stopwatch.GetTimestamp() - started);
        Interlocked.Add(ref scannedLines, count);
        return [.. hits.Distinct()];
    }

    static IEnumerable<string> Kinds(Line line, string[] phoneTails, string[] texts, string[] emails, KeyValuePair<string, string>[] secrets, bool secretsOnly)
    {
        var text = line.Text;
        foreach (var (value, category) in secrets)
            if (text.Contains(value, StringComparison.Ordinal)) yield return $"secret ({category})";
        if (secretsOnly) yield break;
        // A GUID's digit groups, joined across its dashes, can read as a number ("…b-5511-9876-5432-a…"): ids are no phones.
        var runs = Runs(GuidShape().Replace(text, "<id>"));
        if (runs.Any(r => phoneTails.Any(tail => r.Contains(tail, StringComparison.Ordinal)))) yield return "phone the test sent";
        else if (runs.Any(BrazilianPhoneShape)) yield return "phone-shaped number";
        else if (UnmaskedAddress().IsMatch(text)) yield return "WhatsApp address";
        foreach (var email in emails)
            if (text.Contains(email, StringComparison.OrdinalIgnoreCase)) { yield return "e-mail the test sent"; break; }
        if (line.Level >= LogLevel.Information && texts.Length > 0)
        {
            var normal = SentValues.Normalise(text);
            foreach (var sentText in texts)
                // A text cut to a prefix in the line is the same leak: its first 16 characters are enough.
                if (normal.Contains(sentText.Length > 24 ? sentText[..24] : sentText, StringComparison.OrdinalIgnoreCase))
                { yield return "message text the test sent"; break; }
        }
    }

    /// <summary>
    /// Each run of digits in the line, separators a phone is written with (" -.()+/") left out. A run glued to a letter
    /// is part of a word — an id such as `FAULT31000001AB…` that a test built from its phone's digits — not a number.
    /// </summary>
    static List<string> Runs(string text)
    {
        var runs = new List<string>();
        var run = new StringBuilder();
        var glued = false;
        var previous = ' ';
        foreach (var c in text)
        {
            if (c is >= '0' and <= '9')
            {
                if (run.Length == 0) glued = char.IsLetter(previous);
                run.Append(c);
            }
            else if (run.Length > 0 && c is ' ' or '-' or '.' or '(' or ')' or '+' or '/') { }
            else
            {
                if (char.IsLetter(c) && previous is >= '0' and <= '9') glued = true;
                Flush();
            }
            previous = c;
        }
        Flush();
        return runs;

        void Flush()
        {
            if (run.Length >= 8 && !glued) runs.Add(run.ToString());
            run.Clear();
            glued = false;
        }
    }

    static string Shape(string text)
    {
        var cut = text.Length > 200 ? text[..200] + "…" : text;
        return new string(cut.Select(c => char.IsDigit(c) ? '#' : c).ToArray());
    }

    /// <summary>55 + DDD (11–99, no 0 in it) + 8 digits, or 9 + 8 digits: a Brazilian number whole, from anywhere in the app.</summary>
    static bool BrazilianPhoneShape(string run) => BrazilianPhone().IsMatch(run);

    [GeneratedRegex(@"\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b")]
    private static partial Regex GuidShape();

    [GeneratedRegex(@"^55[1-9][1-9](?:9\d{8}|[2-8]\d{7})$")]
    private static partial Regex BrazilianPhone();

    /// <summary>An address with more than 8 digits shown before its '@' (PhoneMask shows at most 8).</summary>
    [GeneratedRegex(@"\d{9,}(?:-\d+)?@(?:s\.whatsapp\.net|c\.us|lid|g\.us)")]
    private static partial Regex UnmaskedAddress();
}
