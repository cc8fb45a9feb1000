// An ingest load generator outside this process (issue #12): wrk, a C program like pgbench, posting Evolution
// webhooks from a Lua script. The .NET load generator (EndToEndBench.IngestAsync) shares Júlia's process, runtime,
// thread pool and GC with what it measures; pgbench, the baseline, is a separate C client that costs PostgreSQL's
// machine next to nothing. wrk puts the webhook path on the same footing. BENCH_LOAD=dotnet keeps the .NET generator.
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

internal static partial class WrkLoad
{
    /// <summary>wrk's path, or null when it is not installed (bench/run.sh installs Debian's wrk as root) or BENCH_LOAD=dotnet.</summary>
    public static string? Path { get; } = Environment.GetEnvironmentVariable("BENCH_LOAD") == "dotnet" ? null
        : new[] { "/usr/bin/wrk", "/usr/local/bin/wrk" }.FirstOrDefault(File.Exists);

    /// <summary>Who sends: doctors the warm-up registered (the .NET generator's 16 clients × 1 000 numbers of the prefix),
    /// a new number on every message (first contacts), or a group (read, parsed and ignored).</summary>
    public enum Senders { Known, New, Group }

    // One body per request, built in Lua; the message shape of EndToEndBench.Webhook (the fixture's fields, text "oi").
    const string Script = """
        local prefix, mode, token = "", "known", ""
        local counter, tid = 0, 0
        local threads = 0
        function setup(thread) thread:set("tid", threads); threads = threads + 1 end
        function init(args) prefix, mode, token = args[1], args[2], args[3]; math.randomseed(os.time() * 1000 + tid) end
        wrk.method = "POST"
        wrk.headers["Content-Type"] = "application/json"
        function request()
          counter = counter + 1
          local phone, jid
          if mode == "new" then
            phone = string.format("%s%d%07d", prefix, tid, counter % 10000000)
          else
            phone = string.format("%s%02d%06d", prefix, math.random(0, 15), math.random(0, 999))
          end
          if mode == "group" then jid = phone .. "-1600000000@g.us" else jid = phone .. "@s.whatsapp.net" end
          local id = string.format("WRK%d%09d%09d", tid, counter, math.random(0, 999999999))
          local body = '{"event":"messages.upsert","instance":"julia","data":{"key":{"remoteJid":"' .. jid ..
            '","fromMe":false,"id":"' .. id .. '","addressingMode":"pn"},"pushName":"Dra. Bench","status":"DELIVERY_ACK",' ..
            '"message":{"conversation":"oi"},"messageType":"conversation","messageTimestamp":' .. os.time() ..
            ',"instanceId":"5f0c3a2e-8b1d-4c6a-9e7f-1a2b3c4d5e6f","source":"android"},' ..
            '"destination":"https://julia.example.com/webhooks/evolution","date_time":"2025-12-10T14:00:00.412Z",' ..
            '"sender":"5511999990000@s.whatsapp.net","server_url":"https://evolution.example.com","apikey":"x"}'
          return wrk.format(nil, "/webhook/evolution?token=" .. token, nil, body)
        end
        """;

    /// <summary>Posts for <paramref name="seconds"/> over <paramref name="connections"/> connections (one wrk thread); 2xx per second.</summary>
    public static async Task<double> RunAsync(string baseUrl, int connections, int seconds, string prefix, Senders senders, string token)
    {
        var script = System.IO.Path.GetTempFileName();
        await File.WriteAllTextAsync(script, Script);
        try
        {
            var info = new ProcessStartInfo(Path!) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in new[] { "-t", "1", "-c", connections.ToString(CultureInfo.InvariantCulture), "-d", $"{seconds}s",
                         "-s", script, baseUrl, "--", prefix, senders.ToString().ToLowerInvariant(), token })
                info.ArgumentList.Add(a);
            using var process = Process.Start(info)!;
            var output = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            var total = Total().Match(output);
            if (!total.Success) throw new InvalidOperationException("wrk failed: " + output + await process.StandardError.ReadToEndAsync());
            var requests = long.Parse(total.Groups[1].Value, CultureInfo.InvariantCulture);
            var elapsed = double.Parse(total.Groups[2].Value, CultureInfo.InvariantCulture) * (total.Groups[3].Value == "m" ? 60 : 1);
            var failed = Failed().Match(output) is { Success: true } f ? long.Parse(f.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
            return (requests - failed) / elapsed;
        }
        finally { File.Delete(script); }
    }

    [GeneratedRegex(@"(\d+) requests in ([\d.]+)(m|s)")]
    private static partial Regex Total();

    [GeneratedRegex(@"Non-2xx or 3xx responses: (\d+)")]
    private static partial Regex Failed();
}
