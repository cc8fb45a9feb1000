using System.Diagnostics;
using Npgsql;

namespace Julia.IntegrationTests.TestHost;

/// <summary>
/// A PostgreSQL cluster of the test's own (initdb in a temporary folder, pg_ctl), for tests that stop and restart the
/// server under a running Júlia. As root it runs as the `postgres` user, the way scripts/local-services.sh does.
/// </summary>
public sealed class PrivatePostgresServer : IAsyncDisposable
{
    const string Database = "julia";
    static readonly bool IsRoot = Environment.UserName == "root";

    readonly string folder;
    readonly string bin;

    readonly int maxConnections;

    PrivatePostgresServer(string folder, string bin, int maxConnections) { this.folder = folder; this.bin = bin; this.maxConnections = maxConnections; }

    public int Port { get; } = LoopbackPorts.Hold();
    string DataDirectory => Path.Combine(folder, "data");

    /// <summary>What DATABASE_URL receives: the `julia` database of this cluster.</summary>
    public string Url => $"Host=127.0.0.1;Port={Port};Username=postgres;Database={Database}";

    public NpgsqlDataSource CreateDataSource() => NpgsqlDataSource.Create(Url + ";Pooling=false");

    /// <param name="maxConnections">The server's `max_connections` (3 of them reserved for superusers, as by default).</param>
    public static async Task<PrivatePostgresServer> StartAsync(int maxConnections = 100)
    {
        var bin = Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
            .Where(d => File.Exists(Path.Combine(d, "pg_ctl"))).OrderBy(d => int.Parse(Path.GetFileName(Path.GetDirectoryName(d))!)).LastOrDefault()
            ?? throw new InvalidOperationException("no /usr/lib/postgresql/*/bin/pg_ctl: install postgresql (./test.sh does)");
        var server = new PrivatePostgresServer(await CreateFolderAsync(), bin, maxConnections);
        await server.RunAsync("initdb", "-D", server.DataDirectory, "--auth=trust", "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8");
        await server.StartAgainAsync();
        await using var admin = new NpgsqlConnection($"Host=127.0.0.1;Port={server.Port};Username=postgres;Database=postgres;Pooling=false");
        await admin.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE {Database}", admin);
        await create.ExecuteNonQueryAsync();
        return server;
    }

    /// <summary>
    /// A folder the `postgres` user can reach through its whole path (a temp folder under a mode-700 home cannot be).
    /// </summary>
    static async Task<string> CreateFolderAsync()
    {
        var parent = Path.GetTempPath();
        if (IsRoot && await ExitCodeAsync("runuser", "-u", "postgres", "--", "test", "-x", parent) != 0) parent = "/tmp";
        var folder = Directory.CreateDirectory(Path.Combine(parent, $"julia-pg-{Guid.NewGuid():N}")).FullName;
        if (IsRoot && await ExitCodeAsync("chown", "postgres", folder) != 0) throw new InvalidOperationException($"chown postgres {folder} failed");
        return folder;
    }

    /// <summary>Starts (or restarts after <see cref="StopAsync"/>) the server on the same port and data.</summary>
    public Task StartAgainAsync() => RunAsync("pg_ctl", "-D", DataDirectory, "-l", Path.Combine(folder, "server.log"), "-w", "-t", "60", "start",
        "-o", $"-c listen_addresses=127.0.0.1 -p {Port} -c unix_socket_directories='' -c fsync=off -c max_connections={maxConnections}");

    /// <summary>`pg_ctl stop` (fast: sessions are terminated, as in a restart by an operator or a failover).</summary>
    public Task StopAsync(string mode = "fast") => RunAsync("pg_ctl", "-D", DataDirectory, "-m", mode, "-w", "-t", "60", "stop");

    /// <summary>
    /// A failover to another server under the same address, restored logically: the old server stopped (fast), its
    /// database dumped from a port nobody else knows (`pg_dump -Fc`), then a new cluster (`initdb`: another system
    /// identifier, other OIDs) started on <see cref="Port"/> and the dump restored into it (`pg_restore`). Nothing
    /// listens on the port from the stop until the restore is done, as while a standby is promoted. Returns how long the
    /// address had no server with the data.
    /// </summary>
    public async Task<TimeSpan> FailOverToARestoredCopyAsync()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await StopAsync();
        var aside = LoopbackPorts.Free();
        var dump = Path.Combine(folder, "failover.dump");
        await RunAsync("pg_ctl", "-D", DataDirectory, "-l", Path.Combine(folder, "server-old.log"), "-w", "-t", "60", "start",
            "-o", $"-c listen_addresses=127.0.0.1 -p {aside} -c unix_socket_directories='' -c fsync=off");
        await RunAsync("pg_dump", "-h", "127.0.0.1", "-p", aside.ToString(), "-U", "postgres", "-Fc", "-f", dump, Database);
        await RunAsync("pg_ctl", "-D", DataDirectory, "-m", "fast", "-w", "-t", "60", "stop");
        Directory.Move(DataDirectory, DataDirectory + "-antigo");
        await RunAsync("initdb", "-D", DataDirectory, "--auth=trust", "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8");
        await StartAgainAsync();
        // Restored under another name and renamed when complete: Júlia's sessions meet "database does not exist" until
        // then, never a half-restored schema (a promoted standby has its data at once).
        await AdminAsync($"CREATE DATABASE {Database}_restaurando");
        await RunAsync("pg_restore", "-h", "127.0.0.1", "-p", Port.ToString(), "-U", "postgres", "-d", Database + "_restaurando", "--exit-on-error", dump);
        await AdminAsync($"ALTER DATABASE {Database}_restaurando RENAME TO {Database}");
        return clock.Elapsed;
    }

    async Task AdminAsync(string sql)
    {
        await using var admin = new NpgsqlConnection($"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Pooling=false");
        await admin.OpenAsync();
        await using var command = new NpgsqlCommand(sql, admin);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>`ALTER DATABASE … ALLOW_CONNECTIONS`; refusing also ends the sessions already open on it.</summary>
    public async Task AllowConnectionsAsync(bool allow)
    {
        await using var admin = new NpgsqlConnection($"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Pooling=false");
        await admin.OpenAsync();
        await using var alter = new NpgsqlCommand($"ALTER DATABASE {Database} WITH ALLOW_CONNECTIONS {(allow ? "true" : "false")}", admin);
        await alter.ExecuteNonQueryAsync();
        if (allow) return;
        await using var end = new NpgsqlCommand($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{Database}'", admin);
        await end.ExecuteNonQueryAsync();
    }

    async Task RunAsync(string tool, params string[] args)
    {
        var path = Path.Combine(bin, tool);
        string[] command = IsRoot ? ["runuser", "-u", "postgres", "--", path, .. args] : [path, .. args];
        var (code, text) = await CaptureAsync(command);
        if (code != 0) throw new InvalidOperationException($"{tool} {string.Join(' ', args)} failed ({code}):\n{text}\n{ServerLog()}");
    }

    string ServerLog()
    {
        try { return File.ReadAllText(Path.Combine(folder, "server.log")); } catch (IOException) { return ""; }
    }

    static async Task<int> ExitCodeAsync(params string[] command) => (await CaptureAsync(command)).Code;

    static async Task<(int Code, string Output)> CaptureAsync(string[] command)
    {
        var info = new ProcessStartInfo(command[0]) { WorkingDirectory = "/" };
        foreach (var arg in command.Skip(1)) info.ArgumentList.Add(arg);
        var (code, stdout, stderr) = await ChildProcess.RunAsync(info, null, TimeSpan.FromMinutes(5));
        return (code, stdout + stderr);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try { await StopAsync("immediate"); } catch (InvalidOperationException) { } // already stopped
        LoopbackPorts.Release(Port);
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
