namespace Julia.IntegrationTests.TestHost;

/// <summary>Loopback ports for the servers a test starts itself: `julia serve`, PostgreSQL, Redis, a host's PORT.</summary>
internal static class LoopbackPorts
{
    /// <summary>Where <see cref="Free"/> hands out ports: just below the kernel's ephemeral range.</summary>
    static readonly (int First, int Count) PortRange = PortsBelowEphemeral();
    static int portsHandedOut = Random.Shared.Next(PortRange.Count);

    /// <summary>
    /// A loopback port free now, for a child process to listen on, not handed out again before the range's other ports. Taken below
    /// the kernel's ephemeral range (32768–60999 by default): a port from bind(0) — what every fake peer listens on —
    /// or an outgoing connection cannot take it between this check and the child binding it. (A port from bind(0),
    /// closed and handed over, was handed to two parallel `julia serve` at once: one failed to bind, and its test
    /// talked to the other test's process.)
    /// </summary>
    public static int Free() => Take(hold: false);

    /// <summary>
    /// Like <see cref="Free"/>, for a server that stops and starts again on the same port (a Redis or PostgreSQL a test
    /// restarts): not handed out again until <see cref="Release"/>, even after the range wraps around. (The range wraps
    /// within a run — every in-process host takes a port — and a private Redis stopped for an outage had its port handed
    /// to another test's Redis: the first test's client reconnected to the stranger, and its outage never happened.)
    /// </summary>
    public static int Hold() => Take(hold: true);

    public static void Release(int port) => held.TryRemove(port, out _);

    static readonly System.Collections.Concurrent.ConcurrentDictionary<int, byte> held = new();

    static int Take(bool hold)
    {
        for (var attempt = 0; attempt < PortRange.Count; attempt++)
        {
            var port = PortRange.First + Interlocked.Increment(ref portsHandedOut) % PortRange.Count;
            if (held.ContainsKey(port)) continue;
            try
            {
                using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, port);
                listener.Start();
            }
            catch (System.Net.Sockets.SocketException) { continue; }
            if (!hold || held.TryAdd(port, 0)) return port;
        }
        throw new InvalidOperationException($"no free loopback port in {PortRange.First}–{PortRange.First + PortRange.Count - 1}");
    }

    static (int First, int Count) PortsBelowEphemeral()
    {
        const int count = 1500;
        var low = 32768;
        try
        {
            var range = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries);
            if (int.TryParse(range[0], out var first)) low = first;
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        // Kept above 31000: LocalServicesTests starts its own PostgreSQL and Redis on 21000–30999.
        return low - count > 31000 ? (low - count, count) : (31000 + 1, count);
    }
}
