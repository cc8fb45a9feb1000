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
        var port = LoopbackPorts.Free();
        var env = new Dictionary<string, string>
        {
            ["DATABASE_URL"] = db.Url, ["REDIS_URL"] = redis.Url, ["PORT"] = port.ToString(), ["LOG_LEVEL"] = "INFO",
            ["EVOLUTION_WEBHOOK_TOKEN"] = "tok-evo", ["CHATWOOT_WEBHOOK_TOKEN"] = "tok-cw", ["ADMIN_API_TOKEN"] = "tok-adm",
        };
        var start = JuliaProcess.StartInfo(env, "serve", "--seed-demo");
        start.WorkingDirectory = Repository.Root; // where ./run.sh starts it
        using var process = Process.Start(start)!;
        using var reaper = new KillOnDispose(process); // a failed assertion must not leave `julia serve` running
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

        // Framing only a real HTTP/1.1 parser sees: a chunk size over 2 GiB is the sender's fault on every endpoint that
        // reads its own body — a 400, never a 500 with an ERROR line (checked at the end: no " ERROR " in the log).
        foreach (var (path, auth) in new[] { ("/webhook/evolution?token=tok-evo", ""), ("/chatwoot/webhook?token=tok-cw", ""),
                     ($"/admin/handoffs/{Guid.NewGuid()}/resolver", "Authorization: Bearer tok-adm\r\n") })
        {
            var answer = await RawAsync(port, $"POST {path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n{auth}Transfer-Encoding: chunked\r\n\r\n80000000\r\n{{}}");
            Assert.True(answer.StartsWith("HTTP/1.1 400", StringComparison.Ordinal), $"{path}: {answer.Split('\n')[0]}");
        }

        // Ctrl-C. A test run started in the background of a non-interactive shell inherits SIGINT as ignored (POSIX), and
        // so does the child: then the same graceful stop is asked with SIGTERM (what `docker compose stop` sends).
        var signal = SigIntIgnored() ? "-TERM" : "-INT";
        using (var kill = Process.Start("kill", [signal, process.Id.ToString()])) await kill.WaitForExitAsync();
        if (!await ChildProcess.WaitForExitAsync(process, TimeSpan.FromSeconds(30)))
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
        // No ERROR line — but for the Redis gate's own outage line: on a loaded host (a full test run on 2 cores) the
        // first connection can outlast its 2 s and Júlia rightly says she works from Postgres meanwhile; what this test
        // checks is that no request of its own, the bad framing above included, is an ERROR (CI, 2026-12-04).
        Assert.DoesNotContain(log.Split('\n'), line => line.Contains(" ERROR ", StringComparison.Ordinal)
                                                          && !line.Contains("Redis unavailable at", StringComparison.Ordinal));
    }

    sealed class KillOnDispose(Process process) : IDisposable
    {
        public void Dispose()
        {
            try { if (!process.HasExited) process.Kill(entireProcessTree: true); }
            catch (InvalidOperationException) { } // already gone
        }
    }

    /// <summary>Sends raw bytes over one connection and reads the start of the answer.</summary>
    static async Task<string> RawAsync(int port, string request)
    {
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync("127.0.0.1", port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        var buffer = new byte[4096];
        var read = await stream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        return Encoding.UTF8.GetString(buffer, 0, read);
    }

    /// <summary>Whether this process ignores SIGINT (bit 2 of SigIgn in /proc/self/status), which children inherit.</summary>
    static bool SigIntIgnored()
    {
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
        return line is not null && (Convert.ToUInt64(line[7..].Trim(), 16) & 0b10) != 0;
    }
}
