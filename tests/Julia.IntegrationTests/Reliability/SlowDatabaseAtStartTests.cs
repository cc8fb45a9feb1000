using System.Net;
using System.Net.Sockets;
using Julia.IntegrationTests.TestHost;
using Npgsql;

namespace Julia.IntegrationTests.Reliability;

/// <summary>
/// docs/decisions.md#database-timeouts: a database that does not answer the first connection of a starting process in
/// time is asked again (the process's first connect on a busy machine outlasting the connect timeout once); before,
/// `julia serve` exited 1 with "sem resposta no prazo" — as a CI run's fault test met it, a process started among five
/// others on two cores.
/// </summary>
public sealed class SlowDatabaseAtStartTests
{
    [Fact]
    public async Task AFirstConnectionNotAnsweredInTimeIsTriedAgainAndTheProcessStarts()
    {
        await using var rig = await FaultRig.StartAsync();
        var url = new NpgsqlConnectionStringBuilder(rig.Settings["DATABASE_URL"]);
        await using var proxy = SilentFirstProxy.Start(url.Host!, url.Port);
        // 3 s: a proxied connection on a loaded machine must still fit in it.
        (url.Host, url.Port, url.Timeout) = ("127.0.0.1", proxy.Port, 3);
        rig.Settings["DATABASE_URL"] = url.ConnectionString;

        var server = await rig.StartJuliaAsync("julia-1");

        Assert.Equal(1, proxy.Held);
        // The first attempt's (a loaded machine may make the second one late too: then a second line, still started).
        Assert.Contains("(attempt 1 of 3); trying again", server.LinesWith("Database did not answer in time at start-up")[0]);
        using var health = await server.Http.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    /// <summary>A loopback TCP proxy to Postgres that accepts its first connection and never answers it.</summary>
    sealed class SilentFirstProxy : IAsyncDisposable
    {
        readonly TcpListener listener = new(IPAddress.Loopback, 0);
        readonly CancellationTokenSource stop = new();
        readonly List<TcpClient> clients = [];
        Task accepting = Task.CompletedTask;
        int accepted;

        public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;
        public int Held => Math.Min(Volatile.Read(ref accepted), 1);

        public static SilentFirstProxy Start(string host, int port)
        {
            var proxy = new SilentFirstProxy();
            proxy.listener.Start();
            proxy.accepting = proxy.AcceptAsync(host, port);
            return proxy;
        }

        async Task AcceptAsync(string host, int port)
        {
            try
            {
                while (true)
                {
                    var client = await listener.AcceptTcpClientAsync(stop.Token);
                    lock (clients) clients.Add(client);
                    if (Interlocked.Increment(ref accepted) == 1) continue; // held open, never read nor answered
                    _ = RelayAsync(client, host, port);
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException) { }
        }

        /// <summary>One connection to Postgres and back; one the client gave up on (its timeout) just ends.</summary>
        async Task RelayAsync(TcpClient client, string host, int port)
        {
            try
            {
                var upstream = new TcpClient();
                lock (clients) clients.Add(upstream);
                await upstream.ConnectAsync(host, port, stop.Token);
                await Task.WhenAll(PipeAsync(client.GetStream(), upstream.GetStream()), PipeAsync(upstream.GetStream(), client.GetStream()));
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException or InvalidOperationException or IOException) { }
        }

        async Task PipeAsync(NetworkStream from, NetworkStream to)
        {
            try { await from.CopyToAsync(to, stop.Token); }
            catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException) { }
            finally
            {
                try { to.Socket.Shutdown(SocketShutdown.Send); }
                catch (Exception ex) when (ex is SocketException or ObjectDisposedException) { }
            }
        }

        public async ValueTask DisposeAsync()
        {
            await stop.CancelAsync();
            listener.Stop();
            await accepting;
            lock (clients) foreach (var c in clients) c.Dispose();
            stop.Dispose();
        }
    }
}
