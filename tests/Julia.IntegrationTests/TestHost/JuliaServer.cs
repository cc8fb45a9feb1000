using System.Diagnostics;
using Julia.IntegrationTests.TestHost.LeakGuard;

namespace Julia.IntegrationTests.TestHost;

/// <summary>
/// `julia serve` as a real child process (the built julia.dll) on a port of its own: its output is kept for
/// assertion messages, and it is killed on dispose whatever happened, so no test leaves a process behind.
/// </summary>
public sealed class JuliaServer : IAsyncDisposable
{
    readonly Process process;
    readonly List<string> output = [];

    readonly HostLeakGuard leakGuard = new();
    int disposed;

    JuliaServer(string name, int port, Process process, IReadOnlyDictionary<string, string> environment)
    {
        Name = name;
        Port = port;
        this.process = process;
        leakGuard.Sent.AddSettings(environment.Select(e => KeyValuePair.Create(e.Key, (string?)e.Value)));
        Http = new HttpClient(new RecordingHandler(leakGuard.Sent)) { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
    }

    public string Name { get; }
    public int Port { get; }
    public HttpClient Http { get; }
    public bool HasExited => process.HasExited;

    /// <summary>
    /// Starts `julia serve --role {role}` and waits until `GET /health` answers (migrations done). A process that could
    /// not bind its port (taken by something outside this test run) is started again on another one.
    /// </summary>
    public static async Task<JuliaServer> StartAsync(string name, IReadOnlyDictionary<string, string> environment, string role = "all")
    {
        for (var attempt = 1; ; attempt++)
        {
            var port = LoopbackPorts.Hold(); // held while the test may still call it: a killed process's port goes to nobody else
            var env = new Dictionary<string, string>(environment) { ["PORT"] = port.ToString() };
            var process = Process.Start(JuliaProcess.StartInfo(env, "serve", "--role", role))!;
            var server = new JuliaServer(name, port, process, env);
            process.OutputDataReceived += (_, e) => server.Append(e.Data);
            process.ErrorDataReceived += (_, e) => server.Append(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            try
            {
                await server.WaitHealthyAsync();
                return server;
            }
            catch (Xunit.Sdk.XunitException) when (attempt < 3 && server.CountLines("address already in use") > 0)
            {
                await server.DisposeAsync();
            }
            catch
            {
                await server.DisposeAsync();
                throw;
            }
        }
    }

    async Task WaitHealthyAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                if ((await Http.GetAsync("/health")).IsSuccessStatusCode && !process.HasExited) return;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException) { }
            await Task.Delay(200);
        }
        throw new Xunit.Sdk.XunitException($"{Name} did not answer /health{(process.HasExited ? $" (exited {process.ExitCode})" : "")}:\n{Output()}");
    }

    void Append(string? line)
    {
        if (line is null) return;
        lock (output) output.Add(line);
    }

    /// <summary>The process's output so far (the last <paramref name="lines"/> lines), prefixed with its name.</summary>
    public string Output(int lines = 150)
    {
        lock (output) return $"--- {Name} (last {Math.Min(lines, output.Count)} of {output.Count} lines)\n" + string.Join('\n', output.TakeLast(lines));
    }

    /// <summary>Each line holding <paramref name="text"/> with the <paramref name="after"/> lines that follow it (an exception's text).</summary>
    public IReadOnlyList<string> LinesWith(string text, int after = 0)
    {
        lock (output)
            return [.. output.Select((l, i) => (l, i)).Where(x => x.l.Contains(text, StringComparison.Ordinal))
                .Select(x => string.Join('\n', output.Skip(x.i).Take(after + 1)))];
    }

    public int CountLines(string text)
    {
        lock (output) return output.Count(l => l.Contains(text, StringComparison.Ordinal));
    }

    /// <summary>`kill -9`: no shutdown code runs, nothing is flushed or released.</summary>
    public void Kill()
    {
        if (process.HasExited) return;
        process.Kill(entireProcessTree: true);
        if (!ChildProcess.WaitForExit(process, TimeSpan.FromSeconds(30))) throw new TimeoutException($"julia (pid {process.Id}) still running 30 s after kill -9");
    }

    /// <summary>
    /// `kill -TERM` — what `docker stop`, systemd and a deploy send: the host's graceful stop runs. Waits for the exit
    /// (at most <paramref name="timeout"/>) and returns the exit code.
    /// </summary>
    public async Task<int> TerminateAsync(TimeSpan timeout)
    {
        using (var term = Process.Start(new ProcessStartInfo("kill", ["-TERM", process.Id.ToString()]) { UseShellExecute = false })!)
            await term.WaitForExitAsync();
        if (!await ChildProcess.WaitForExitAsync(process, timeout))
            throw new Xunit.Sdk.XunitException($"{Name} still running {timeout.TotalSeconds:0} s after SIGTERM:\n{Output()}");
        return process.ExitCode;
    }

    /// <summary>`kill -{signal}` without waiting for an exit: `STOP` freezes the process (a paused VM, a stalled host), `CONT` wakes it.</summary>
    public async Task SignalAsync(string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", [$"-{signal}", process.Id.ToString()]) { UseShellExecute = false })!;
        await kill.WaitForExitAsync();
        if (kill.ExitCode != 0) throw new InvalidOperationException($"kill -{signal} {process.Id} exited {kill.ExitCode}");
    }

    /// <summary>What the guard checks this process's output against; a test that leaks on purpose turns it off.</summary>
    public HostLeakGuard LeakGuard => leakGuard;

    /// <summary>Kills the process, then fails the test on a leaked value in its output (docs/decisions.md#log-leak-guard).</summary>
    public async ValueTask DisposeAsync()
    {
        Kill();
        process.Dispose();
        Http.Dispose();
        LoopbackPorts.Release(Port);
        if (Interlocked.Exchange(ref disposed, 1) != 0) return;
        string[] lines;
        lock (output) lines = [.. output];
        leakGuard.Check(Name, ChildLogLines.Parse(lines));
    }
}
