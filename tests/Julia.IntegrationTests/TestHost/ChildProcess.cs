using System.Diagnostics;

namespace Julia.IntegrationTests.TestHost;

/// <summary>
/// Runs a child program to its end (both outputs read as it writes them) and waits for its exit without trusting a
/// single SIGCHLD: the runtime learns a child exited from that signal, and once in a CI run a `julia serve` that fails
/// fast in under a second was waited on for the whole timeout. The wait is sliced; when the child is already a zombie
/// (exited, not yet reaped) a throwaway child is started, whose own SIGCHLD makes the runtime reap every exited child.
/// A child that really hangs is killed and the failure says where it stood (its /proc state and the last lines it wrote).
/// </summary>
internal static class ChildProcess
{
    public static async Task<(int ExitCode, string StdOut, string StdErr)> RunAsync(ProcessStartInfo info, string? input, TimeSpan timeout)
    {
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.RedirectStandardInput = true;
        info.UseShellExecute = false;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (input is not null) await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        if (!await WaitForExitAsync(process, timeout))
        {
            var state = State(process.Id);
            process.Kill(entireProcessTree: true);
            await WaitForExitAsync(process, TimeSpan.FromSeconds(10));
            throw new TimeoutException(
                $"{info.FileName} {string.Join(' ', info.ArgumentList)} did not exit within {timeout.TotalSeconds:0} s (state: {state}); "
                + $"stdout: {Tail(await Finished(stdout))}; stderr: {Tail(await Finished(stderr))}");
        }
        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>True once the child has exited (and been reaped); false when it still runs after <paramref name="timeout"/>.</summary>
    public static async Task<bool> WaitForExitAsync(Process process, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            using var slice = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            try
            {
                await process.WaitForExitAsync(slice.Token);
                return true;
            }
            catch (OperationCanceledException) { }
            if (clock.Elapsed >= timeout) return false;
            if (State(process.Id).StartsWith('Z')) Nudge();
        }
    }

    /// <summary>The same wait for synchronous callers (a `kill -9` in the middle of a test).</summary>
    public static bool WaitForExit(Process process, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!process.WaitForExit(TimeSpan.FromSeconds(1)))
        {
            if (clock.Elapsed >= timeout) return false;
            if (State(process.Id).StartsWith('Z')) Nudge();
        }
        return true;
    }

    /// <summary>The child's state letter and name from /proc (R, S, D, Z…), or "gone".</summary>
    static string State(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("State:", StringComparison.Ordinal));
            return line?["State:".Length..].Trim() ?? "unknown";
        }
        catch (IOException) { return "gone"; }
        catch (UnauthorizedAccessException) { return "unknown"; }
    }

    static void Nudge()
    {
        using var nudge = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false });
        nudge?.WaitForExit(TimeSpan.FromSeconds(5));
    }

    static async Task<string> Finished(Task<string> read) =>
        await Task.WhenAny(read, Task.Delay(TimeSpan.FromSeconds(5))) == read ? await read : "(still open)";

    static string Tail(string text) => text.Length <= 2_000 ? text : "…" + text[^2_000..];
}
