using System.Diagnostics;
using System.Text;
using Julia.IntegrationTests.TestHost;

namespace Julia.IntegrationTests.Host;

/// <summary>`julia serve` as ./run.sh starts it: a real port, the banner, /health, and a clean stop on Ctrl-C (SIGINT).</summary>
public sealed class ServeProcessTests
{
    [Fact]
    public async Task ServeMigratesAnswersHealthPrintsBannerAndStopsCleanlyOnSigint()
    {
        await using var db = await TestDatabase.CreateAsync();
        using var redis = TestRedis.Lease();
        var port = JuliaProcess.FreePort();
        var env = new Dictionary<string, string>
        {
            ["DATABASE_URL"] = db.Url, ["REDIS_URL"] = redis.Url, ["PORT"] = port.ToString(), ["LOG_LEVEL"] = "INFO",
        };
        var start = JuliaProcess.StartInfo(env, "serve", "--seed-demo");
        start.WorkingDirectory = Repository.Root; // where ./run.sh starts it
        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        var healthy = false;
        for (var i = 0; i < 300 && !healthy && !process.HasExited; i++)
        {
            try { healthy = (await http.GetAsync("/health")).IsSuccessStatusCode; }
            catch (HttpRequestException) { await Task.Delay(200); }
        }
        Assert.True(healthy, output.ToString());
        Assert.Equal(System.Net.HttpStatusCode.OK, (await http.GetAsync("/static/simulador.html")).StatusCode);

        // Ctrl-C. A test run started in the background of a non-interactive shell inherits SIGINT as ignored (POSIX), and
        // so does the child: then the same graceful stop is asked with SIGTERM (what `docker compose stop` sends).
        var signal = SigIntIgnored() ? "-TERM" : "-INT";
        using (var kill = Process.Start("kill", [signal, process.Id.ToString()])) await kill.WaitForExitAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try { await process.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            string tail;
            lock (output) tail = string.Join("\n", output.ToString().Split('\n').TakeLast(25));
            Assert.Fail("no exit 30 s after SIGINT; last lines:\n" + tail);
        }

        var log = output.ToString();
        Assert.Equal(0, process.ExitCode);
        Assert.Contains("Postgres 127.0.0.1:", log);
        Assert.Contains("Integration Evolution: sandbox", log);
        Assert.Contains("Integration Anthropic: off", log);
        Assert.Contains("Demo data ready", log);
        Assert.Matches(@"\d{4}-\d\d-\d\dT[\d:.]+Z INFO ", log);
        Assert.DoesNotContain(" ERROR ", log);
    }

    /// <summary>Whether this process ignores SIGINT (bit 2 of SigIgn in /proc/self/status), which children inherit.</summary>
    static bool SigIntIgnored()
    {
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
        return line is not null && (Convert.ToUInt64(line[7..].Trim(), 16) & 0b10) != 0;
    }
}
