using Julia.IntegrationTests.TestHost;
using System.Diagnostics;

namespace Julia.IntegrationTests.Operations;

/// <summary>
/// `./run.sh` and `./test.sh` start PostgreSQL and Redis through scripts/local-services.sh wherever a newcomer cloned:
/// here from a mode-700 folder whose path has spaces (as root that is the case of /root, which the postgres user cannot
/// enter). CI clones into a world-readable path and would never see that break.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class LocalServicesTests
{
    [Fact]
    public async Task TheServiceScriptsStartAndStopFromAPrivateFolderWithSpacesInItsPath()
    {
        var top = Path.Combine(Path.GetTempPath(), $"julia ops {Guid.NewGuid():N}"[..22]);
        var checkout = Path.Combine(top, "meu clone", "julia");
        Directory.CreateDirectory(Path.Combine(checkout, "scripts"));
        File.SetUnixFileMode(top, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.Copy(Path.Combine(Repository.Root, "scripts", "local-services.sh"), Path.Combine(checkout, "scripts", "local-services.sh"));
        // Below the kernel's ephemeral range (32768–60999), where an outgoing connection of a parallel test could hold
        // a random port; and checked free.
        var pgPort = FreePortBelowEphemeral(21000, 25999);
        var redisPort = FreePortBelowEphemeral(26000, 30999);
        try
        {
            var (code, output) = await RunAsync(checkout, $"""
                set -e
                source scripts/local-services.sh
                start_postgres pg {pgPort}
                echo "select:$(psql -h 127.0.0.1 -p {pgPort} -U postgres -d postgres -tAc 'select 40 + 2')"
                start_postgres pg {pgPort}   # idempotent: already answering
                stop_postgres pg {pgPort}
                "$(pg_bin)/pg_isready" -q -h 127.0.0.1 -p {pgPort} && echo still-up || echo pg-stopped
                start_redis redis {redisPort}
                echo "redis:$(redis-cli -h 127.0.0.1 -p {redisPort} ping)"
                stop_redis redis {redisPort}
                """);

            Assert.True(code == 0, output);
            Assert.Contains("select:42", output);
            Assert.Contains("pg-stopped", output);
            Assert.Contains("redis:PONG", output);
        }
        finally
        {
            await RunAsync(checkout, $"source scripts/local-services.sh; stop_postgres pg {pgPort}; stop_redis redis {redisPort}; " +
                "t=$(readlink -f .local/pg); case \"$t\" in /var/lib/julia-local/*) rm -rf \"$(dirname \"$t\")\";; esac");
            Directory.Delete(top, recursive: true);
        }
    }

    /// <summary>
    /// On a shared machine the default ports may already hold another user's (or another checkout's) servers: ./run.sh
    /// must refuse them, not seed demo data into someone else's database nor write into their Redis.
    /// </summary>
    [Fact]
    public async Task RunShRefusesServersOnItsPortsThatAnotherCheckoutStarted()
    {
        var top = Path.Combine(Path.GetTempPath(), $"julia ops {Guid.NewGuid():N}"[..22]);
        var owner = Path.Combine(top, "dono", "julia");
        var other = Path.Combine(top, "outro clone", "julia");
        foreach (var checkout in new[] { owner, other })
        {
            Directory.CreateDirectory(Path.Combine(checkout, "scripts"));
            File.Copy(Path.Combine(Repository.Root, "scripts", "local-services.sh"), Path.Combine(checkout, "scripts", "local-services.sh"));
            File.Copy(Path.Combine(Repository.Root, "run.sh"), Path.Combine(checkout, "run.sh"));
        }
        // Mode 700, as /root: run as root, PostgreSQL's data lives under /var/lib/julia-local, linked from .local/pg.
        File.SetUnixFileMode(top, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var pgPort = FreePortBelowEphemeral(21000, 25999);
        var redisPort = FreePortBelowEphemeral(26000, 30999);
        try
        {
            var (code, output) = await RunAsync(owner, $"""
                set -e
                source scripts/local-services.sh
                start_postgres pg {pgPort}
                start_redis redis {redisPort}
                owns_postgres pg {pgPort} && echo owner-owns-pg
                owns_redis redis {redisPort} && echo owner-owns-redis
                """);
            Assert.True(code == 0, output);
            Assert.Contains("owner-owns-pg", output);
            Assert.Contains("owner-owns-redis", output);

            var (pgCode, pgOutput) = await RunAsync(other,
                $"unset DATABASE_URL REDIS_URL; JULIA_PG_PORT={pgPort} JULIA_REDIS_PORT={redisPort} bash ./run.sh");
            Assert.Equal(1, pgCode);
            Assert.Contains($"a porta {pgPort} já tem um PostgreSQL que não é o desta cópia", pgOutput);
            Assert.Contains("JULIA_PG_PORT=", pgOutput);

            var (redisCode, redisOutput) = await RunAsync(other,
                $"export DATABASE_URL=postgres://postgres@127.0.0.1:{pgPort}/postgres; unset REDIS_URL; JULIA_REDIS_PORT={redisPort} bash ./run.sh");
            Assert.Equal(1, redisCode);
            Assert.Contains($"a porta {redisPort} já tem um Redis que não é o desta cópia", redisOutput);

            var (_, databases) = await RunAsync(owner,
                $"psql -h 127.0.0.1 -p {pgPort} -U postgres -d postgres -tAc \"SELECT count(*) FROM pg_database WHERE datname = 'julia'\"");
            Assert.Equal("0", databases.Trim());
        }
        finally
        {
            await RunAsync(owner, $"source scripts/local-services.sh; stop_postgres pg {pgPort}; stop_redis redis {redisPort}; " +
                "t=$(readlink -f .local/pg); case \"$t\" in /var/lib/julia-local/*) rm -rf \"$(dirname \"$t\")\";; esac");
            await RunAsync(other, "t=$(readlink -f .local/pg); case \"$t\" in /var/lib/julia-local/*) rm -rf \"$(dirname \"$t\")\";; esac");
            Directory.Delete(top, recursive: true);
        }
    }

    /// <summary>
    /// Another checkout's Redis on run.sh's Redis port is refused before run.sh starts a PostgreSQL of its own: refused
    /// after, the run ended with a cluster initialised and a server left running for nothing (a newcomer's pass, 2026-12-06:
    /// a second clone given a fresh JULIA_PG_PORT and the first clone's JULIA_REDIS_PORT).
    /// </summary>
    [Fact]
    public async Task RunShRefusesAnotherCheckoutsRedisBeforeStartingPostgres()
    {
        var top = Path.Combine(Path.GetTempPath(), $"julia ops {Guid.NewGuid():N}"[..22]);
        var owner = Path.Combine(top, "dono", "julia");
        var other = Path.Combine(top, "segundo clone", "julia");
        foreach (var checkout in new[] { owner, other })
        {
            Directory.CreateDirectory(Path.Combine(checkout, "scripts"));
            File.Copy(Path.Combine(Repository.Root, "scripts", "local-services.sh"), Path.Combine(checkout, "scripts", "local-services.sh"));
            File.Copy(Path.Combine(Repository.Root, "run.sh"), Path.Combine(checkout, "run.sh"));
        }
        var pgPort = FreePortBelowEphemeral(21000, 25999);
        var redisPort = FreePortBelowEphemeral(26000, 30999);
        try
        {
            var (started, startOutput) = await RunAsync(owner, $"source scripts/local-services.sh; start_redis redis {redisPort}");
            Assert.True(started == 0, startOutput);

            var (code, output) = await RunAsync(other,
                $"unset DATABASE_URL REDIS_URL; JULIA_PG_PORT={pgPort} JULIA_REDIS_PORT={redisPort} PORT={FreePortBelowEphemeral(21000, 25999)} bash ./run.sh");

            Assert.Equal(1, code);
            Assert.Equal($"julia: a porta {redisPort} já tem um Redis que não é o desta cópia (.local/redis): outro usuário ou outra cópia do repositório. Use outra porta (JULIA_REDIS_PORT=56479 ./run.sh) ou REDIS_URL",
                output.Trim());
            var (_, pg) = await RunAsync(other, $"source scripts/local-services.sh; \"$(pg_bin)/pg_isready\" -q -h 127.0.0.1 -p {pgPort} && echo pg-up || echo pg-down");
            Assert.Equal("pg-down", pg.Trim());
            Assert.False(Directory.Exists(Path.Combine(other, ".local", "pg", "data")), "no cluster initialised");
        }
        finally
        {
            await RunAsync(owner, $"source scripts/local-services.sh; stop_redis redis {redisPort}");
            await RunAsync(other, $"source scripts/local-services.sh; stop_postgres pg {pgPort}; " +
                "t=$(readlink -f .local/pg); case \"$t\" in /var/lib/julia-local/*) rm -rf \"$(dirname \"$t\")\";; esac");
            Directory.Delete(top, recursive: true);
        }
    }

    /// <summary>
    /// A second ./run.sh while a Júlia already listens on its port says so in one line, exit 1, before it starts a
    /// server or builds (an outside walk, 2026-12-04: with src/ changed it rebuilt .local/bin under the running Júlia for
    /// minutes, then `julia serve` refused the port).
    /// </summary>
    [Fact]
    public async Task RunShOnAPortAlreadyInUseStopsBeforeBuilding()
    {
        var checkout = Path.Combine(Path.GetTempPath(), $"julia-porta-{Guid.NewGuid():N}"[..24]);
        Directory.CreateDirectory(Path.Combine(checkout, "scripts"));
        File.Copy(Path.Combine(Repository.Root, "scripts", "local-services.sh"), Path.Combine(checkout, "scripts", "local-services.sh"));
        File.Copy(Path.Combine(Repository.Root, "run.sh"), Path.Combine(checkout, "run.sh"));
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        var port = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port;
        try
        {
            var (code, output) = await RunAsync(checkout,
                $"export DATABASE_URL=postgres://postgres@127.0.0.1:1/julia REDIS_URL=redis://127.0.0.1:1/0; PORT={port} HOST=0.0.0.0 bash ./run.sh");

            Assert.Equal(1, code);
            Assert.Equal($"julia: ERROR 127.0.0.1:{port} já está em uso (outra Júlia rodando? pare-a com Ctrl-C no terminal dela, ou use outra porta: PORT=8001 ./run.sh)",
                output.Trim());
            Assert.False(Directory.Exists(Path.Combine(checkout, ".local", "bin")), "nothing built");
        }
        finally
        {
            Directory.Delete(checkout, recursive: true);
        }
    }

    /// <summary>
    /// A second ./run.sh of the same checkout on another PORT, with src/ changed, while the first Júlia runs: the build goes
    /// into a fresh folder and .local/bin (a link) is swapped to it, so the running one keeps its files; a later build
    /// removes the folders nobody holds any more (an outside walk, 2026-12-04: it rebuilt .local/bin in place, under the
    /// running process). `dotnet` is a stand-in here: `publish` writes a julia.dll saying which build it is, and running
    /// it holds the file open (as Júlia does) for FAKE_SERVE seconds.
    /// </summary>
    [Fact]
    public async Task RunShRebuildsBesideARunningJuliaAndSwapsTheLinkInOneRename()
    {
        var checkout = FakeCheckout("julia-troca-", """
            case "$1" in
              publish) while [ $# -gt 0 ]; do [ "$1" = -o ] && out=$2; shift; done
                       echo "build $(cat "$(dirname "$0")/version")" > "$out/julia.dll" ;;
              *.dll) exec 3<"$1"; echo "serve $(readlink -f "$1"): $(cat "$1")"; sleep "${FAKE_SERVE:-0}" ;;
            esac
            """);
        var environment = $"export PATH=\"{checkout}/fake:$PATH\" DATABASE_URL=postgres://postgres@127.0.0.1:1/julia REDIS_URL=redis://127.0.0.1:1/0";
        async Task<string> Build(string version)
        {
            File.WriteAllText(Path.Combine(checkout, "fake", "version"), version);
            File.WriteAllText(Path.Combine(checkout, "src", "Julia", "Changed.cs"), version); // src/ newer than the stamp
            File.SetLastWriteTimeUtc(Path.Combine(checkout, "src", "Julia", "Changed.cs"), DateTime.UtcNow.AddSeconds(2));
            var (code, output) = await RunAsync(checkout, $"{environment}; PORT={FreePortBelowEphemeral(21000, 25999)} bash ./run.sh");
            Assert.True(code == 0, output);
            Assert.Contains("julia: compilando a Júlia em .local/bin", output);
            return output;
        }
        Process? first = null;
        try
        {
            File.WriteAllText(Path.Combine(checkout, "fake", "version"), "A");
            first = Process.Start(new ProcessStartInfo("bash", ["-c", $"{environment}; FAKE_SERVE=120 PORT={FreePortBelowEphemeral(21000, 25999)} exec bash ./run.sh"])
            {
                WorkingDirectory = checkout, RedirectStandardOutput = true, RedirectStandardError = true,
            })!;
            string? line;
            while ((line = await first.StandardOutput.ReadLineAsync()) is not null && !line.StartsWith("serve ", StringComparison.Ordinal)) { }
            Assert.NotNull(line);
            Assert.EndsWith(": build A", line);
            var firstDll = line["serve ".Length..line.LastIndexOf(": ", StringComparison.Ordinal)];

            var second = await Build("B");

            Assert.Equal("build A", File.ReadAllText(firstDll).Trim()); // the running one's files untouched
            Assert.Contains(": build B", second);
            Assert.Equal("build B", File.ReadAllText(Path.Combine(checkout, ".local", "bin", "julia.dll")).Trim());
            Assert.True(new FileInfo(Path.Combine(checkout, ".local", "bin")).LinkTarget is not null, ".local/bin is a link");

            first.Kill(entireProcessTree: true);
            Assert.True(await ChildProcess.WaitForExitAsync(first, TimeSpan.FromSeconds(30)));
            await Build("C");

            Assert.False(File.Exists(firstDll), "a build nobody holds is removed");
            Assert.Equal(["C"], Directory.GetDirectories(Path.Combine(checkout, ".local", "builds"))
                .Select(d => File.ReadAllText(Path.Combine(d, "julia.dll")).Trim()["build ".Length..]));
        }
        finally
        {
            if (first is { HasExited: false }) first.Kill(entireProcessTree: true);
            first?.Dispose();
            Directory.Delete(checkout, recursive: true);
        }
    }

    /// <summary>
    /// With DATABASE_URL given and Redis local, the "CLI em outro terminal" line exports the Redis run.sh started and
    /// says to use the same DATABASE_URL — it printed the operator's URL whole, password included, into the terminal's
    /// scrollback and any CI log (a newcomer's pass, 2026-12-06). `dotnet` is a stand-in, as above.
    /// </summary>
    [Fact]
    public async Task RunShNeverEchoesADatabaseUrlItWasGiven()
    {
        var checkout = FakeCheckout("julia-cli ", """
            case "$1" in
              publish) while [ $# -gt 0 ]; do [ "$1" = -o ] && out=$2; shift; done; echo build > "$out/julia.dll" ;;
              *.dll) echo "serve $*" ;;
            esac
            """);
        var redisPort = FreePortBelowEphemeral(26000, 30999);
        try
        {
            var (code, output) = await RunAsync(checkout,
                $"export PATH=\"{checkout}/fake:$PATH\" DATABASE_URL=postgres://julia:senha-do-operador@127.0.0.1:1/julia; unset REDIS_URL; " +
                $"JULIA_REDIS_PORT={redisPort} PORT={FreePortBelowEphemeral(21000, 25999)} bash ./run.sh");

            Assert.True(code == 0, output);
            Assert.Contains($"julia: CLI em outro terminal: export REDIS_URL=redis://127.0.0.1:{redisPort}/0 (com a mesma DATABASE_URL deste terminal);", output);
            Assert.DoesNotContain("senha-do-operador", output);
            Assert.Contains("serve ", output);
        }
        finally
        {
            await RunAsync(checkout, $"source scripts/local-services.sh; stop_redis redis {redisPort}");
            Directory.Delete(checkout, recursive: true);
        }
    }

    /// <summary>
    /// A throwaway checkout in the temp folder holding this repository's run.sh and scripts/local-services.sh, an empty
    /// project, and fake/dotnet: a stand-in answering `publish` and `julia.dll` with <paramref name="fakeDotnet"/>
    /// (a bash body). <paramref name="prefix"/> may hold a space: the scripts must take such a path.
    /// </summary>
    static string FakeCheckout(string prefix, string fakeDotnet)
    {
        var checkout = Path.Combine(Path.GetTempPath(), $"{prefix}{Guid.NewGuid():N}"[..24]);
        Directory.CreateDirectory(Path.Combine(checkout, "scripts"));
        Directory.CreateDirectory(Path.Combine(checkout, "src", "Julia"));
        Directory.CreateDirectory(Path.Combine(checkout, "fake"));
        File.Copy(Path.Combine(Repository.Root, "scripts", "local-services.sh"), Path.Combine(checkout, "scripts", "local-services.sh"));
        File.Copy(Path.Combine(Repository.Root, "run.sh"), Path.Combine(checkout, "run.sh"));
        File.WriteAllText(Path.Combine(checkout, "src", "Julia", "Julia.csproj"), "<Project />");
        var dotnet = Path.Combine(checkout, "fake", "dotnet");
        File.WriteAllText(dotnet, "#!/usr/bin/env bash\n" + fakeDotnet + "\n");
        File.SetUnixFileMode(dotnet, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return checkout;
    }

    static int FreePortBelowEphemeral(int from, int to)
    {
        for (var attempt = 0; ; attempt++)
        {
            var port = Random.Shared.Next(from, to);
            try
            {
                using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (System.Net.Sockets.SocketException) when (attempt < 50) { }
        }
    }

    static async Task<(int Code, string Output)> RunAsync(string directory, string script)
    {
        var start = new ProcessStartInfo("bash", ["-c", script])
        {
            WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        var (code, stdout, stderr) = await ChildProcess.RunAsync(start, null, TimeSpan.FromMinutes(2));
        return (code, stdout + stderr);
    }

}
