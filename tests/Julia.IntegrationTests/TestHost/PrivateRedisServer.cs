using System.Diagnostics;

namespace Julia.IntegrationTests.TestHost;

/// <summary>A redis-server process of the test's own, for tests that stop and restart Redis.</summary>
/// <param name="password">requirepass, when given.</param>
public sealed class PrivateRedisServer(string? password = null) : IDisposable
{
    readonly string directory = Directory.CreateTempSubdirectory("julia-redis-").FullName;
    Process? process;

    public int Port { get; } = LoopbackPorts.Hold();
    public string Url => $"redis://127.0.0.1:{Port}/0";

    public async Task StartAsync()
    {
        var info = new ProcessStartInfo(TestServers.RedisServerBinary)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { "--bind", "127.0.0.1", "--port", Port.ToString(), "--save", "", "--appendonly", "no", "--dir", directory })
            info.ArgumentList.Add(arg);
        if (password is not null) { info.ArgumentList.Add("--requirepass"); info.ArgumentList.Add(password); }
        process = Process.Start(info)!;
        var listening = false;
        for (var i = 0; i < 100 && !listening; i++)
        {
            try
            {
                using var client = new System.Net.Sockets.TcpClient();
                await client.ConnectAsync("127.0.0.1", Port);
                listening = true;
            }
            catch (System.Net.Sockets.SocketException) { await Task.Delay(50); }
        }
        if (!listening) throw new InvalidOperationException($"redis-server did not start on port {Port}");
        // The server that answers must be this one: a redis-server that could not bind exits, and another's answers.
        var served = await CommandAsync("INFO", "server");
        if (System.Text.RegularExpressions.Regex.Match(served, @"process_id:(\d+)").Groups[1].Value != process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))
            throw new InvalidOperationException($"port {Port} is answered by another redis-server, not the one this test started (pid {process.Id})");
    }

    /// <summary>Writes its data to disk, then stops: the next <see cref="StartAsync"/> comes back with the same keys and TTLs (a Redis restart, not a loss).</summary>
    public async Task StopKeepingDataAsync()
    {
        var options = StackExchange.Redis.ConfigurationOptions.Parse($"127.0.0.1:{Port}");
        options.AllowAdmin = true;
        options.Password = password;
        using (var client = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(options))
            await client.GetServer("127.0.0.1", Port).ExecuteAsync("SAVE");
        Stop();
    }

    /// <summary>Runs one command as an admin client of its own (FLUSHALL, CLIENT PAUSE…) and returns the reply as text.</summary>
    public async Task<string> CommandAsync(string command, params object[] args)
    {
        var options = StackExchange.Redis.ConfigurationOptions.Parse($"127.0.0.1:{Port}");
        options.AllowAdmin = true;
        options.Password = password;
        using var client = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(options);
        return (await client.GetServer("127.0.0.1", Port).ExecuteAsync(command, args)).ToString();
    }

    public void Stop()
    {
        if (process is { HasExited: false }) { process.Kill(); ChildProcess.WaitForExit(process, TimeSpan.FromSeconds(30)); }
        process?.Dispose();
        process = null;
    }

    public void Dispose()
    {
        Stop();
        LoopbackPorts.Release(Port);
        try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
    }
}
