using System.Net;
using System.Text.Json.Nodes;
using Julia.IntegrationTests.TestHost;
using static Julia.IntegrationTests.TestHost.EvolutionWebhooks;

namespace Julia.IntegrationTests.Conformance;

/// <summary>
/// The decisions on open questions, the configuration table and the actors' promises, checked where an operator or a
/// doctor meets them: the `julia` process (exit code, stderr, start-up lines, /admin/metricas/health) and the webhook →
/// Slack / queue path of a real host. Only the claims no other test proves at that edge are re-tested here; the others:
/// <list type="bullet">
/// <item>every variable's default reaches the process — <see cref="ConfigurationConformanceTests.EachVariableLeftUnsetHasItsDefault"/>;
/// jobs and their times — <see cref="ConfigurationConformanceTests.EachJobRunsAtItsTime"/>; burst wait 5 s / 20 s —
/// <see cref="ConfigurationConformanceTests.TheBurstWaitIsFiveSecondsAndAtMostTwentyByDefault"/>.</item>
/// <item>DATABASE_URL missing, SUPABASE_URL alone (where Supabase shows the connection string), a password never printed, an
/// unreachable database in one line — Cli/CommandLineProcessTests; aliases and their conflicts, bad values, placeholder and
/// short secrets in production — Julia.UnitTests ConfigurationMapperTests.</item>
/// <item>start-up lines "Integration Evolution: sandbox" / "Integration Anthropic: off", literal level names, a clean stop —
/// Host/ServeProcessTests; peers' passwords masked in the start-up lines — Host/StartupBannerTests; the agent off shown by
/// /admin/metricas/health and the sandbox by /admin/metricas/performance — Metrics/MetricsEndpointsTests.</item>
/// <item>no key → holding message + handoff (agent off) — Cli/ChatConsoleTests.ChatTalksThroughTheRealPipelineAndShowsTheFallbackWithoutAKey,
/// Conversations/TurnSchedulingTests.WithoutAnAgentTheDoctorGetsAHoldingMessageAndAPerson; FALLBACK_HANDOFF_MINUTOS —
/// Agent/PatientFallbackTests, Conversations/FallbackRetryTests.</item>
/// <item>§13.3 disclosure in the default campaign template and first contact — Campaigns/CampaignTests, Journeys/JourneyTests,
/// Julia.UnitTests PersonaConformanceTests and CampaignTemplateTests.</item>
/// <item>§13.4 replies at any hour, proactive kinds held to business hours, FERIADOS — Conversations/OutsideBusinessHoursTests,
/// Journeys/WeekendJourneyTests (a holiday Monday), Conformance/OutboundQueueConformanceTests.</item>
/// <item>§13.5 HUMANIZAR=false with and without DEBOUNCE_SEGUNDOS — Conversations/TurnSchedulingTests (BurstFixture),
/// Conversations/PipelineTests (HumanisedFixture), Queue/TypingBeforeSendTests.</item>
/// <item>§13.6 retention keeps a conversation active in the window or with an open handoff; runbook SQL as written —
/// Maintenance/RetentionTests, RunbookSqlTests.</item>
/// <item>§13.7 a LID-only sender becomes a phoneless doctor who talks — Chatwoot/HumanLoopTests.AnUnknownLidWhoseChatwootContactHasNoPhoneIsALidOnlyDoctor.</item>
/// <item>§13.9 holds confirmed by staff, expiry with one Slack notice — Journeys/StaffJourneyTests, Journeys/ShiftJourneyTests,
/// Shifts/StaffReservationTests.</item>
/// <item>§13.10 the detection of "não tenho interesse" and its variants — Julia.UnitTests OptOutDetectorTests (corpus); what an
/// opt-out writes — Conformance/OptOutConformanceTests.</item>
/// <item>§13.11 api + worker samples merged through Redis — Metrics/SharedMetricsTests.</item>
/// <item>§1 and §11 otherwise: log words `handoff` / `enviar` and JSON fields — Operations/RunbookTests; phones masked after 8
/// digits in logs — Conversations/PipelineTests, WhatsApp/HostileSenderTests; CACHE_TTL as the TTL of `medico:*` —
/// Conformance/RedisKeysConformanceTests; MAX_WORKERS — Conversations/TurnPlanningTests; the `apikey` header — the fake
/// Evolution every WhatsApp test sends to; CHATWOOT_WEBHOOK_SECRET — Chatwoot/SignedWebhookTests; REDIS_URL's password —
/// Infrastructure/Redis/RedisCacheTests; DIAS_UTEIS ranges and lists, `1-7` — Julia.UnitTests BusinessHoursTests; a stored
/// JID re-verified only on a send error — Queue/NumberCheckTests; `anunciada` reservable — Agent/AgentTests.</item>
/// </list>
/// </summary>
public sealed class DecisionsProcessConformanceTests
{
    /// <summary>The runbook's "Obrigatórias" but SUPABASE_URL/SUPABASE_KEY, and §11's tokens, with ENVIRONMENT=production.</summary>
    static readonly string[] RequiredInProduction =
        ["ANTHROPIC_API_KEY", "EVOLUTION_URL", "EVOLUTION_API_KEY", "EVOLUTION_WEBHOOK_TOKEN", "CHATWOOT_WEBHOOK_TOKEN", "ADMIN_API_TOKEN"];

    static readonly Dictionary<string, string> NoServers = new()
    {
        ["DATABASE_URL"] = "postgres://julia:senha@127.0.0.1:1/julia", ["REDIS_URL"] = "redis://127.0.0.1:1/0",
    };

    static string[] Lines(string stderr) => stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>§13.2: production names each missing runbook "obrigatória" on a line of its own, and never a Supabase one.</summary>
    [Fact]
    public async Task ProductionNamesEachMissingRequiredVariableAndNoSupabaseOne()
    {
        var env = new Dictionary<string, string>(NoServers) { ["ENVIRONMENT"] = "production" };
        env.Remove("REDIS_URL");

        var (exit, _, stderr) = await JuliaProcess.RunAsync(env, "serve");

        Assert.Equal(1, exit);
        var lines = Lines(stderr);
        foreach (var name in RequiredInProduction.Append("REDIS_URL"))
            Assert.Single(lines, l => l.Contains($" {name}: obrigatória", StringComparison.Ordinal));
        Assert.DoesNotContain("SUPABASE", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    /// <summary>
    /// A variable given with a value that is refused is named once, for what is wrong with it — not also "obrigatória"
    /// with ENVIRONMENT=production, which told an operator who had set it that it was missing.
    /// </summary>
    [Theory]
    [InlineData("EVOLUTION_URL", "localhost:8080", null, null, "URL http(s)")]
    [InlineData("EVOLUTION_URL", "http://evolution-a:8080", "EVOLUTION_API_URL", "http://evolution-b:8080", "EVOLUTION_API_URL")]
    public async Task InProductionAVariableGivenWithABadValueIsNamedOnceForItsValue(string name, string value, string? alias, string? aliasValue, string says)
    {
        var env = new Dictionary<string, string>(NoServers) { ["ENVIRONMENT"] = "production", [name] = value };
        if (alias is not null) env[alias] = aliasValue!;

        var (exit, _, stderr) = await JuliaProcess.RunAsync(env, "serve");

        Assert.Equal(1, exit);
        var line = Assert.Single(Lines(stderr), l => l.Contains($" {name}: ", StringComparison.Ordinal));
        Assert.Contains(says, line, StringComparison.Ordinal);
    }

    /// <summary>
    /// The customer runbook's variable table: a value the process could not use stops it with one line naming the variable
    /// and what it accepts — never a stack trace, never the value of a secret.
    /// </summary>
    [Theory]
    [InlineData("LOG_LEVEL", "verbose", "INFO")]
    [InlineData("MAX_WORKERS", "0", "entre 1 e")]
    [InlineData("CACHE_TTL", "5m", "número inteiro")]
    [InlineData("EVOLUTION_URL", "evolution:8080", "URL http(s)")]
    [InlineData("SUPABASE_URL", "xxx.supabase.co", "URL http(s)")]
    [InlineData("CHATWOOT_URL", "chatwoot:3000", "URL http(s)")]
    [InlineData("CHATWOOT_ACCOUNT_ID", "conta-1", "número inteiro")]
    [InlineData("CHATWOOT_INBOX_ID", "0", "≥ 1")]
    [InlineData("SLACK_WEBHOOK_URL", "hooks.slack.com/services/segredo-slack", "URL http(s)")]
    [InlineData("REDIS_URL", "http://127.0.0.1:6379", "redis://")]
    public async Task ABadValueOfTheRunbooksTableIsOneLineNamingTheVariableAndWhatItAccepts(string name, string value, string accepted)
    {
        var env = new Dictionary<string, string>(NoServers) { [name] = value };

        var (exit, stdout, stderr) = await JuliaProcess.RunAsync(env, "serve");

        Assert.Equal(1, exit);
        var line = Assert.Single(Lines(stderr));
        Assert.Contains($"{name}: ", line, StringComparison.Ordinal);
        Assert.Contains(accepted, line, StringComparison.Ordinal);
        Assert.DoesNotContain("segredo-slack", stdout + stderr, StringComparison.Ordinal);
    }

    /// <summary>§11: SUPABASE_SERVICE_KEY is SUPABASE_KEY's alias — both given with different values is a start-up error naming both.</summary>
    [Fact]
    public async Task SupabaseKeyAndItsAliasWithDifferentValuesAreRefusedWithoutEchoingEither()
    {
        var env = new Dictionary<string, string>(NoServers) { ["SUPABASE_KEY"] = "eyJ-chave-um", ["SUPABASE_SERVICE_KEY"] = "eyJ-chave-dois" };

        var (exit, stdout, stderr) = await JuliaProcess.RunAsync(env, "serve");

        Assert.Equal(1, exit);
        var line = Assert.Single(Lines(stderr));
        Assert.Contains("SUPABASE_KEY", line, StringComparison.Ordinal);
        Assert.Contains("SUPABASE_SERVICE_KEY", line, StringComparison.Ordinal);
        Assert.DoesNotContain("eyJ-chave", stdout + stderr, StringComparison.Ordinal);
    }

    /// <summary>
    /// §13.1/§13.2 in production: with every required variable given (and LGPD_SEGREDO, Júlia's own), neither SUPABASE_URL nor
    /// SUPABASE_KEY is needed — the database is DATABASE_URL alone; and the log is JSON.
    /// </summary>
    [Fact]
    public async Task ProductionRunsWithoutAnySupabaseVariable()
    {
        await using var db = await TestDatabase.CreateAsync();
        using var redis = TestRedis.Lease();
        var env = new Dictionary<string, string>
        {
            ["ENVIRONMENT"] = "production", ["DATABASE_URL"] = db.Url, ["REDIS_URL"] = redis.Url,
            ["ANTHROPIC_API_KEY"] = "sk-ant-conformidade", ["EVOLUTION_URL"] = "http://127.0.0.1:9", ["EVOLUTION_API_KEY"] = "chave-evolution",
            ["EVOLUTION_WEBHOOK_TOKEN"] = "token-evolution-0123456789", ["CHATWOOT_WEBHOOK_TOKEN"] = "token-chatwoot-0123456789",
            ["ADMIN_API_TOKEN"] = "token-admin-0123456789abc", ["LGPD_SEGREDO"] = "segredo-lgpd-0123456789",
        };

        var (exit, _, stderr) = await JuliaProcess.RunAsync(env, "migrate");

        Assert.True(exit == 0, stderr);
        // §1: production logs are JSON objects carrying timestamp, level (spelt as operators grep it) and message.
        var lines = Lines(stderr);
        Assert.NotEmpty(lines);
        Assert.All(lines, line =>
        {
            var entry = JsonNode.Parse(line)!.AsObject();
            Assert.True(DateTimeOffset.TryParse(entry["timestamp"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture, out _), line);
            Assert.Contains(entry["level"]!.GetValue<string>(), new[] { "DEBUG", "INFO", "WARNING", "ERROR" });
            Assert.False(string.IsNullOrEmpty(entry["message"]!.GetValue<string>()), line);
        });
    }

    /// <summary>
    /// §13.2 in development: DATABASE_URL and REDIS_URL are all `julia serve` needs; the reference's variables Júlia accepts
    /// and does not use (SUPABASE_URL, the key under its alias, GESTOR_WHATSAPP, JULIA_API_URL) are taken without a word
    /// against them. Without EVOLUTION_URL the channel is the sandbox, without ANTHROPIC_API_KEY the agent is off: both said at
    /// start and both shown by /admin/metricas/health.
    /// </summary>
    [Fact]
    public async Task WithOnlyTheTwoServersServeStartsInTheSandboxWithTheAgentOffAndHealthSaysBoth()
    {
        await using var db = await TestDatabase.CreateAsync();
        using var redis = TestRedis.Lease();
        await using var server = await JuliaServer.StartAsync("julia serve (dev, two variables)", new Dictionary<string, string>
        {
            ["DATABASE_URL"] = db.Url, ["REDIS_URL"] = redis.Url,
            ["SUPABASE_URL"] = "https://xxx.supabase.co", ["SUPABASE_SERVICE_KEY"] = "eyJ-compatibilidade",
            ["GESTOR_WHATSAPP"] = "5511999990000", ["JULIA_API_URL"] = "http://localhost:8000",
        });

        var response = await server.Http.GetAsync("/admin/metricas/health");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        var health = JsonNode.Parse(body)!.AsObject();
        Assert.Equal("sandbox", health["metricas"]!["whatsapp"]!["canal"]!.GetValue<string>());
        Assert.False(health["metricas"]!["agente"]!["ligado"]!.GetValue<bool>());
        Assert.Contains(health["problemas"]!.AsArray(), p => p!.GetValue<string>().StartsWith("agente desligado", StringComparison.Ordinal));
        foreach (var line in new[] { "Integration Evolution: sandbox", "Integration Anthropic: off", "Integration Chatwoot: off", "Integration Slack: off" })
            Assert.True(server.CountLines(line) > 0, $"no \"{line}\"\n{server.Output()}");
        Assert.Equal(0, server.CountLines("eyJ-compatibilidade"));

        // §11: without SLACK_WEBHOOK_URL a handoff's notice is logged and skipped, not lost in silence.
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(server.Http, Text("5511988870101", "quero falar com uma pessoa, por favor"))).StatusCode);
        await Eventually.MatchesAsync(() => Task.FromResult(server.CountLines("Slack off (sem SLACK_WEBHOOK_URL): aviso handoff")), n => n > 0);
    }
}
