using System.Diagnostics;

namespace Julia.IntegrationTests.TestHost;

/// <summary>Runs the real `julia` program (the built julia.dll) as a child process with a controlled environment.</summary>
internal static class JuliaProcess
{
    static readonly string[] Inherited = ["PATH", "HOME", "DOTNET_ROOT", "TMPDIR", "LANG"];

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

    public static Task<(int ExitCode, string StdOut, string StdErr)> RunWithInputAsync(
        IReadOnlyDictionary<string, string> environment, string? input, params string[] args) =>
        ChildProcess.RunAsync(StartInfo(environment, args), input, TimeSpan.FromMinutes(2));
}
