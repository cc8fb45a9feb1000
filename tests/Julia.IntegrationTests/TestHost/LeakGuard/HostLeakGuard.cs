namespace Julia.IntegrationTests.TestHost.LeakGuard;

/// <summary>One host's guard: what it was given, and the check run when the host is disposed (docs/decisions.md#log-leak-guard).</summary>
public sealed class HostLeakGuard
{
    public SentValues Sent { get; } = new();

    /// <summary>Off for a test that writes a leak on purpose to see the guard catch it.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Throws naming each leak (event id, level, category, kind) — never the value.</summary>
    public void Check(string host, IEnumerable<LeakScan.Line> lines, bool secretsOnly = false)
    {
        if (!Enabled) return;
        var hits = LeakScan.Find(lines, Sent, secretsOnly);
        if (hits.Count == 0) return;
        throw new Xunit.Sdk.XunitException(
            $"log leak guard: {host} logged {hits.Count} line kind(s) carrying personal data or a secret "
            + "(docs/decisions.md#log-leak-guard; mask it at the source, lower the level or drop it; or add a reviewed entry to LeakAllowList):\n  "
            + string.Join("\n  ", hits.Take(20)));
    }
}
