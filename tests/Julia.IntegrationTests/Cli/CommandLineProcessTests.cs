using Julia.IntegrationTests.TestHost;

namespace Julia.IntegrationTests.Cli;

/// <summary>The `julia` program as an operator runs it: exit codes and one-line messages.</summary>
public sealed class CommandLineProcessTests
{
    static readonly Dictionary<string, string> NoDatabase = new() { ["REDIS_URL"] = "redis://127.0.0.1:6399/0" };

    [Fact]
    public async Task MissingDatabaseUrlStopsWithOneLineAndNonZeroExit()
    {
        var (exit, _, stderr) = await JuliaProcess.RunAsync(NoDatabase, "serve");

        Assert.Equal(1, exit);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("DATABASE_URL", line);
        Assert.DoesNotContain("   at ", stderr);
    }

    [Fact]
    public async Task SupabaseUrlAloneGetsThePointerToTheConnectionString()
    {
        var env = new Dictionary<string, string>(NoDatabase) { ["SUPABASE_URL"] = "https://abc.supabase.co", ["SUPABASE_KEY"] = "eyJ-segredo" };

        var (exit, stdout, stderr) = await JuliaProcess.RunAsync(env, "migrate");

        Assert.Equal(1, exit);
        Assert.Contains("DATABASE_URL", stderr);
        Assert.Contains("Supabase", stderr);
        Assert.DoesNotContain("eyJ-segredo", stderr + stdout);
    }

    [Fact]
    public async Task WrongPasswordInDatabaseUrlIsNeverPrinted()
    {
        var env = new Dictionary<string, string> { ["DATABASE_URL"] = "postgres://u:senha-secreta@:1/x", ["REDIS_URL"] = "redis://127.0.0.1:6399" };

        var (exit, stdout, stderr) = await JuliaProcess.RunAsync(env, "serve");

        Assert.Equal(1, exit);
        Assert.Contains("DATABASE_URL", stderr);
        Assert.DoesNotContain("senha-secreta", stderr + stdout);
    }

    /// <summary>
    /// A database that refuses connections at start is one line naming host, port and database, and what to check
    /// (an outside walk, 2026-12-04: `serve` and `chat` printed the host's "Hosting failed to start" line with the
    /// whole Npgsql trace before the friendly line).
    /// </summary>
    [Theory]
    [InlineData("serve")]
    [InlineData("chat", "--telefone", "5511999990903")]
    [InlineData("migrate")]
    public async Task AnUnreachableDatabaseIsOneLineWithoutATrace(params string[] args)
    {
        var port = LoopbackPorts.Free(); // nothing listens there
        var env = new Dictionary<string, string>
        {
            ["DATABASE_URL"] = $"postgres://julia:senha-secreta@127.0.0.1:{port}/julia", ["REDIS_URL"] = "redis://127.0.0.1:6399/0",
            ["PORT"] = LoopbackPorts.Free().ToString(),
        };

        var (exit, stdout, stderr) = await JuliaProcess.RunAsync(env, args);

        Assert.Equal(1, exit);
        Assert.DoesNotContain("Hosting failed", stdout + stderr);
        Assert.DoesNotContain("   at ", stdout + stderr);
        Assert.DoesNotContain("senha-secreta", stdout + stderr);
        Assert.Equal($"julia: ERROR banco de dados inacessível em 127.0.0.1:{port}/julia (conexão recusada): o PostgreSQL está no ar? confira host e porta em DATABASE_URL",
            Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
    }

    /// <summary>
    /// An OTLP endpoint without its scheme is one line naming the variable and exit 1 (before, the service started and
    /// OpenTelemetry's library dropped every span and metric in silence).
    /// </summary>
    [Theory]
    [InlineData("OTEL_EXPORTER_OTLP_ENDPOINT", "ex.: http://otel-collector:4317 com grpc, http://otel-collector:4318 com http/protobuf")]
    [InlineData("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "ex.: http://otel-collector:4317 com grpc, http://otel-collector:4318/v1/traces com http/protobuf (usada como está)")]
    public async Task AnOtlpEndpointWithoutItsSchemeStopsWithOneLineNamingIt(string variable, string hint)
    {
        var env = new Dictionary<string, string>
        {
            ["DATABASE_URL"] = "postgres://julia@127.0.0.1:1/julia", ["REDIS_URL"] = "redis://127.0.0.1:6399/0",
            ["PORT"] = LoopbackPorts.Free().ToString(), [variable] = "collector:4317",
        };

        var (exit, stdout, stderr) = await JuliaProcess.RunAsync(env, "serve");

        Assert.Equal(1, exit);
        Assert.DoesNotContain("   at ", stdout + stderr);
        Assert.Equal($"julia: configuração inválida: {variable}: precisa ser uma URL http(s) absoluta ({hint})",
            Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
    }

    /// <summary>
    /// A drill's shorter circuit wait (`Circuits__OpenSeconds__slack`, docs/reliability.md) naming a circuit that does not
    /// exist, or a wait of 0, stops the start with one line each, not a trace — checked before the database is tried.
    /// </summary>
    [Fact]
    public async Task ACircuitWaitForAnUnknownCircuitOrOfZeroSecondsIsOneLineEach()
    {
        var env = new Dictionary<string, string>
        {
            ["DATABASE_URL"] = "postgres://julia@127.0.0.1:1/julia", ["REDIS_URL"] = "redis://127.0.0.1:6399/0",
            ["PORT"] = LoopbackPorts.Free().ToString(), ["Circuits__OpenSeconds__slak"] = "20", ["Circuits__OpenSeconds__chatwoot"] = "0",
        };

        var (exit, stdout, stderr) = await JuliaProcess.RunAsync(env, "serve");

        Assert.Equal(1, exit);
        Assert.DoesNotContain("   at ", stdout + stderr);
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(2, lines.Count);
        Assert.StartsWith("julia: configuração inválida: Circuits:OpenSeconds:chatwoot=0: ", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("julia: configuração inválida: Circuits:OpenSeconds:slak=20: o circuito é um de claude, evolution, database, chatwoot, slack", lines[1], StringComparison.Ordinal);
    }

    /// <summary>
    /// HOST set to an address this machine does not have is one line naming HOST, before anything starts (an outside
    /// walk, 2026-12-04: the port probe's SocketException escaped as .NET's unhandled-exception trace).
    /// </summary>
    [Fact]
    public async Task ServeOnAnAddressNotOfThisMachineSaysSoInOneLine()
    {
        var env = new Dictionary<string, string>
        {
            ["DATABASE_URL"] = "postgres://julia@127.0.0.1:1/julia", ["REDIS_URL"] = "redis://127.0.0.1:6399/0",
            ["HOST"] = "192.0.2.1", ["PORT"] = LoopbackPorts.Free().ToString(), // TEST-NET-1: never a local address
        };

        var (exit, stdout, stderr) = await JuliaProcess.RunAsync(env, "serve");

        Assert.Equal(1, exit);
        Assert.DoesNotContain("   at ", stdout + stderr);
        Assert.Equal("julia: ERROR HOST=192.0.2.1 não é um endereço desta máquina (use 127.0.0.1, 0.0.0.0 num container, ou um IP daqui)",
            Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
    }

    /// <summary>
    /// DATABASE_URL as psql takes it works as it does there: a libpq URI with its own parameters (Neon's
    /// `channel_binding`, `connect_timeout`, `application_name`) and libpq's space-separated keyword form. Before (a
    /// newcomer's pass, 2026-12-06) the first was refused as "não é uma URL postgres://" and the second read as one host
    /// named `127.0.0.1 port=… dbname=…`.
    /// </summary>
    [Theory]
    [InlineData("uri")]
    [InlineData("keywords")]
    public async Task ADatabaseUrlPsqlTakesIsTakenByJulia(string form)
    {
        await using var db = await TestDatabase.CreateAsync();
        using var redis = TestRedis.Lease();
        var csb = new Npgsql.NpgsqlConnectionStringBuilder(db.Url);
        var url = form == "uri"
            ? $"postgresql://{Uri.EscapeDataString(csb.Username!)}{(csb.Password is { } p ? ":" + Uri.EscapeDataString(p) : "")}@{csb.Host}:{csb.Port}/{csb.Database}"
              + "?sslmode=disable&channel_binding=disable&connect_timeout=7&application_name=julia-libpq"
            : $"host={csb.Host} port={csb.Port} dbname={csb.Database} user={csb.Username}{(csb.Password is { } q ? $" password='{q}'" : "")} connect_timeout=7";

        var (exit, _, stderr) = await JuliaProcess.RunAsync(new Dictionary<string, string> { ["DATABASE_URL"] = url, ["REDIS_URL"] = redis.Url }, "migrate");

        Assert.True(exit == 0, stderr);
        Assert.Contains("Migration 0001_initial.sql applied", stderr, StringComparison.Ordinal);
    }

    /// <summary>
    /// A password with an unencoded `#` (`2024#Senha`) ended the host early: Júlia went looking for host `julia`, port 2024,
    /// and said that host was unreachable. Now one line naming DATABASE_URL and how to encode it, never the password.
    /// </summary>
    [Fact]
    public async Task APasswordWithAnUnencodedHashIsOneLineSayingHowToEncodeIt()
    {
        var env = new Dictionary<string, string> { ["DATABASE_URL"] = "postgres://julia:2024#Senha@127.0.0.1:1/julia", ["REDIS_URL"] = "redis://127.0.0.1:6399/0" };

        var (exit, stdout, stderr) = await JuliaProcess.RunAsync(env, "serve");

        Assert.Equal(1, exit);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("julia: configuração inválida: DATABASE_URL: ", line, StringComparison.Ordinal);
        Assert.Contains("%23", line, StringComparison.Ordinal);
        Assert.DoesNotContain("Senha", stdout + stderr, StringComparison.Ordinal);
    }

    /// <summary>Every verb but `serve` keeps stdout for its result: log lines go to stderr (as `titular` always did).</summary>
    [Fact]
    public async Task MigrateLogsOnStderrAndLeavesStdoutEmpty()
    {
        await using var db = await TestDatabase.CreateAsync();
        using var redis = TestRedis.Lease();

        var (exit, stdout, stderr) = await JuliaProcess.RunAsync(new Dictionary<string, string> { ["DATABASE_URL"] = db.Url, ["REDIS_URL"] = redis.Url }, "migrate");

        Assert.True(exit == 0, stderr);
        Assert.Equal("", stdout);
        Assert.Contains("MigrationRunner: Migration 0001_initial.sql applied", stderr);
    }

    [Theory]
    [InlineData("deploy")]
    [InlineData("serve", "--role", "cron")]
    [InlineData("migrate", "--force")]
    public async Task UnknownVerbsAndBadFlagsPrintUsageAndExit2(params string[] args)
    {
        var (exit, _, stderr) = await JuliaProcess.RunAsync(NoDatabase, args);

        Assert.Equal(2, exit);
        Assert.Contains("Uso:", stderr);
    }

    /// <summary>
    /// Every verb used wrongly: exit 2, one line saying what is wrong, then that verb's usage line — no trace, no English,
    /// not the whole help (an audit of what people read, 2026-12-05: the error line came above 27 lines of help).
    /// </summary>
    [Theory]
    [InlineData("julia serve ", "serve", "--porta", "8001")]
    [InlineData("julia serve ", "serve", "--role", "cron")]
    [InlineData("julia migrate", "migrate", "--force")]
    [InlineData("julia seed-demo", "seed-demo", "--sim")]
    [InlineData("julia chat ", "chat")]
    [InlineData("julia chat ", "chat", "--telefone")]
    [InlineData("julia limpeza ", "limpeza", "agora")]
    [InlineData("julia titular exportar ", "titular", "exportar", "--arquivo", "x.json")]
    [InlineData("julia titular apagar ", "titular", "apagar", "--telefone", "5511999990001", "--forca")]
    [InlineData("julia titular exportar ", "titular")]
    [InlineData("julia avaliar-prompt ", "avaliar-prompt", "--conversas", "0")]
    [InlineData("julia <comando>", "deploy")]
    public async Task EveryVerbUsedWronglyIsOneLineAndItsUsage(string usage, params string[] args)
    {
        var (exit, stdout, stderr) = await JuliaProcess.RunAsync(NoDatabase, args);

        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(lines.Length == 2, stderr);
        Assert.StartsWith("julia: ", lines[0]);
        Assert.StartsWith("Uso: ", lines[1]);
        Assert.Contains(usage, lines[1]);
        Assert.DoesNotMatch(@"Exception|\s+at\s|Could not|denied|not found", stderr);
    }

    /// <summary>A prompt that is a folder or does not exist is said in pt-BR (.NET said "Access to the path '/tmp' is denied.").</summary>
    [Fact]
    public async Task AnUnreadablePromptIsSaidInWords()
    {
        var folder = Directory.CreateTempSubdirectory("julia-prompt-").FullName;
        try
        {
            var isAFolder = await JuliaProcess.RunAsync(NoDatabase, "avaliar-prompt", "--prompt", folder);
            var missing = await JuliaProcess.RunAsync(NoDatabase, "avaliar-prompt", "--prompt", Path.Combine(folder, "nao-existe.md"));

            Assert.Equal((2, 2), (isAFolder.ExitCode, missing.ExitCode));
            Assert.Equal($"julia: não consegui ler o prompt {folder}: é uma pasta; dê o arquivo do prompt (ex.: persona.md)", isAFolder.StdErr.Trim());
            Assert.Equal($"julia: não consegui ler o prompt {Path.Combine(folder, "nao-existe.md")}: o arquivo não existe (confira o caminho)", missing.StdErr.Trim());
        }
        finally { Directory.Delete(folder, recursive: true); }
    }

    [Fact]
    public async Task HelpListsTheVerbs()
    {
        var (exit, stdout, _) = await JuliaProcess.RunAsync(NoDatabase, "--help");

        Assert.Equal(0, exit);
        Assert.Contains("julia serve", stdout);
        Assert.Contains("julia migrate", stdout);
        Assert.Contains("julia seed-demo", stdout);
        Assert.Contains("julia avaliar-prompt", stdout);
    }
}

public sealed class ChatConsoleTests
{
    [Fact]
    public async Task ChatTalksThroughTheRealPipelineAndShowsTheFallbackWithoutAKey()
    {
        await using var db = await TestDatabase.CreateAsync();
        using var redis = TestRedis.Lease();
        var env = new Dictionary<string, string> { ["DATABASE_URL"] = db.Url, ["REDIS_URL"] = redis.Url };

        var (exit, stdout, stderr) = await JuliaProcess.RunWithInputAsync(env, "oi, tem plantão?\n/sair\n", "chat", "--telefone", "5511999990901");

        Assert.True(exit == 0, stderr);
        Assert.Contains("Júlia: Me dá só um minutinho que já te respondo", stdout);
        await using var source = db.CreateDataSource();
        await using var c = await source.OpenConnectionAsync();
        await using var cmd = new Npgsql.NpgsqlCommand("SELECT count(*) FROM interacoes WHERE direcao = 'saida' AND provider_message_id LIKE 'SANDBOX-%' AND origem = 'fila:sistema'", c);
        Assert.Equal(1L, await cmd.ExecuteScalarAsync());
    }

    /// <summary>
    /// `julia chat` runs the whole pipeline with the sandbox as its channel, and the demo doctors have real-looking numbers:
    /// neither touches a production database (an outside runbook pass, 2026-12-02: a chat in the api container "sent"
    /// other doctors' waiting replies to the sandbox).
    /// </summary>
    [Theory]
    [InlineData("chat", "--telefone", "5511999990902")]
    [InlineData("seed-demo")]
    [InlineData("serve", "--seed-demo")]
    public async Task ChatAndSeedDemoRefuseAProductionEnvironment(params string[] args)
    {
        await using var db = await TestDatabase.CreateAsync();
        using var redis = TestRedis.Lease();
        var env = new Dictionary<string, string>
        {
            ["DATABASE_URL"] = db.Url, ["REDIS_URL"] = redis.Url, ["ENVIRONMENT"] = "production", ["ADMIN_API_TOKEN"] = "token-admin-de-teste-longo",
            ["ANTHROPIC_API_KEY"] = "k", ["EVOLUTION_URL"] = "http://127.0.0.1:9", ["EVOLUTION_API_KEY"] = "e",
            ["EVOLUTION_WEBHOOK_TOKEN"] = "token-webhook-evolution-de-teste", ["CHATWOOT_WEBHOOK_TOKEN"] = "token-webhook-chatwoot-de-teste",
            ["LGPD_SEGREDO"] = "segredo-de-teste-com-32-caracteres!!",
        };

        var (exit, _, stderr) = await JuliaProcess.RunWithInputAsync(env, "oi\n/sair\n", args);

        Assert.True(exit == 2, stderr);
        Assert.Contains("não roda com ENVIRONMENT=production", stderr);
        await using var source = db.CreateDataSource();
        await using var c = await source.OpenConnectionAsync();
        // Refused before anything ran: not even the migrations.
        await using var cmd = new Npgsql.NpgsqlCommand("SELECT to_regclass('public.medicos') IS NULL", c);
        Assert.Equal(true, await cmd.ExecuteScalarAsync());
    }

    [Fact]
    public async Task ChatWithoutAPhoneIsAUsageError() =>
        Assert.Equal(2, (await JuliaProcess.RunAsync(new Dictionary<string, string>(), "chat")).ExitCode);

    /// <summary>
    /// A second Júlia on a port already in use (a second ./run.sh, a forgotten process) ends with one line and exit 1, before
    /// anything starts (an outside pass, 2026-12-02: a 26-line stack trace, exit 134, and jobs that started and failed).
    /// </summary>
    [Fact]
    public async Task ServeOnAPortAlreadyInUseSaysSoInOneLine()
    {
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        var port = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port;
        await using var db = await TestDatabase.CreateAsync();
        using var redis = TestRedis.Lease();

        var (exit, _, stderr) = await JuliaProcess.RunWithInputAsync(
            new Dictionary<string, string> { ["DATABASE_URL"] = db.Url, ["REDIS_URL"] = redis.Url, ["PORT"] = port.ToString(), ["HOST"] = "127.0.0.1" }, "", "serve");

        Assert.True(exit == 1, stderr);
        Assert.Contains($"127.0.0.1:{port} já está em uso", stderr);
        Assert.DoesNotContain("Unhandled exception", stderr);
        Assert.DoesNotContain("   at ", stderr);
    }
}
