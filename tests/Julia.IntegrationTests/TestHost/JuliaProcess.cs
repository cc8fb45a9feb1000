using System.Diagnostics;

namespace Julia.IntegrationTests.TestHost;

/// <summary>Runs the real `julia` program (the built julia.dll) as a child process with a controlled environment.</summary>
internal static class JuliaProcess
{
    /// <summary>
    /// What a child keeps of the test run's environment. `DOTNET_TieredPGO`: ./test.sh switches dynamic PGO off for the
    /// whole run, children included — a JIT knob, no behaviour, ~0.5 s of CPU less per short-lived `julia` (docs/reliability.md, "Run time").
    /// </summary>
    static readonly string[] Inherited = ["PATH", "HOME", "DOTNET_ROOT", "TMPDIR", "LANG", "DOTNET_TieredPGO"];

    public static ProcessStartInfo StartInfo(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "julia.dll"));
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.Environment.Clear();
        foreach (var name in Inherited)
            if (Environment.GetEnvironmentVariable(name) is { } value) info.Environment[name] = value;
        info.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in environment) info.Environment[key] = value;
        return info;
    }

    public static Task<(int ExitCode, string StdOut, string StdErr)> RunAsync(
        IReadOnlyDictionary<string, string> environment, params string[] args) => RunWithInputAsync(environment, null, args);

    public static async Task<(int ExitCode, string StdOut, string StdErr)> RunWithInputAsync(
        IReadOnlyDictionary<string, string> environment, string? input, params string[] args)
    {
        var result = await ChildProcess.RunAsync(StartInfo(environment, args), input, TimeSpan.FromMinutes(2));
        // A CLI prints to the operator's terminal (and to cron's mail): its secrets never; the phone the operator typed
        // (`julia chat --telefone`) it may show (docs/decisions.md#log-leak-guard).
        var guard = new LeakGuard.HostLeakGuard();
        guard.Sent.AddSettings(environment.Select(e => KeyValuePair.Create(e.Key, (string?)e.Value)));
        guard.Check($"julia {string.Join(' ', args.Take(2))}", LeakGuard.ChildLogLines.Parse((result.StdOut + "\n" + result.StdErr).Split('\n')), secretsOnly: true);
        return result;
    }
}
