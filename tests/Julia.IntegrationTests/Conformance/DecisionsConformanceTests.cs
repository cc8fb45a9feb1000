using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Julia.Agent;
using Julia.Conversations;
using Julia.Infrastructure.Logging;
using Julia.IntegrationTests.Chatwoot;
using Julia.IntegrationTests.Conversations;
using Julia.IntegrationTests.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
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
    [InlineData("LLM_TEMPERATURE", "1,5", "entre 0 e 1")]
    [InlineData("LLM_TEMPERATURE", "morna", "número")]
    [InlineData("HOST", "julia.interna", "IP desta máquina")] // Kestrel took a name as "every interface"
    [InlineData("HOST", "127.0.0.1:8000", "sem porta")]
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

    /// <summary>
    /// LLM_TEMPERATURE as a Brazilian operator writes it: a decimal comma is the decimal mark (it was read as a thousands
    /// separator: `0,7` became 7 and the start-up refused it as out of range).
    /// </summary>
    [Theory]
    [InlineData("0,7", 0.7f)]
    [InlineData("0.3", 0.3f)]
    [InlineData("1", 1f)]
    public async Task ATemperatureWrittenWithADecimalCommaIsTheNumberMeant(string given, float expected)
    {
        await using var db = await TestDatabase.CreateAsync();
        using var redis = TestRedis.Lease();
        await using var app = new JuliaAppFactory(db, redis, new Dictionary<string, string?> { ["LLM_TEMPERATURE"] = given });

        _ = app.Server;

        Assert.Equal(expected, app.Services.GetRequiredService<IOptions<AgentOptions>>().Value.Temperature);
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

/// <summary>Júlia with Slack on (a fake incoming webhook) and Chatwoot off, SLACK_MASCARAR_TELEFONE left to its default.</summary>
public sealed class DecisionsSlackFixture : SlackPipelineFixture
{

    protected override Dictionary<string, string?> Settings => new()
    {
        ["HUMANIZAR"] = "false", ["SLACK_WEBHOOK_URL"] = Slack.WebhookUrl,
        ["Notifications:PollMilliseconds"] = "50", ["Notifications:BaseBackoffSeconds"] = "1", ["Notifications:MaxBackoffSeconds"] = "1",
    };

    /// <summary>The "Handoff necessário" notice of this conversation, once Slack has it.</summary>
    public Task<JsonObject> HandoffNoticeAsync(Guid conversa) => Eventually.MatchesAsync(
        () => Task.FromResult(Slack.Received.FirstOrDefault(m => HumanLoopFixture.SlackMentions(m, "Handoff necessário")
                                                                  && HumanLoopFixture.SlackMentions(m, conversa.ToString()[..8]))),
        m => m is not null).ContinueWith(t => t.Result!);

    public Task<Guid> ConversationOfAsync(string column, string value) => Eventually.MatchesAsync(
        () => ScalarAsync<Guid>($"SELECT c.id FROM conversations c JOIN medicos m ON m.id = c.medico_id WHERE m.{column} = @value", new { value }),
        id => id != Guid.Empty);
}

/// <summary>§13.7, §13.8 and §13.10 through a real host: what staff read in Slack, what a doctor who says "não tenho interesse" gets.</summary>
public sealed class DecisionsConformanceTests(DecisionsSlackFixture f) : IClassFixture<DecisionsSlackFixture>
{
    const string AskForAPerson = "quero falar com uma pessoa, por favor";

    /// <summary>§13.8: by default the handoff notice in Slack shows the phone masked after 8 digits, never whole.</summary>
    [Fact]
    public async Task TheSlackHandoffNoticeMasksThePhoneByDefault()
    {
        const string phone = "5511988870001";
        await PostAsync(f.Client, Text(phone, AskForAPerson));

        var notice = await f.HandoffNoticeAsync(await f.ConversationOfAsync("telefone", phone));

        Assert.True(HumanLoopFixture.SlackMentions(notice, PhoneMask.Mask(phone)), notice.ToJsonString());
        Assert.DoesNotContain(f.Slack.Received, m => HumanLoopFixture.SlackMentions(m, phone));
    }

    /// <summary>§13.7: a doctor WhatsApp names only by LID talks, is handed over, and staff read "sem telefone" in Slack.</summary>
    [Fact]
    public async Task ALidOnlyDoctorsHandoffNoticeSaysSemTelefone()
    {
        const string lid = "177770000000991@lid";
        var body = Text("0", AskForAPerson);
        body["data"]!["key"]!["remoteJid"] = lid;

        Assert.Equal(HttpStatusCode.OK, (await PostAsync(f.Client, body)).StatusCode);
        var notice = await f.HandoffNoticeAsync(await f.ConversationOfAsync("whatsapp_lid", lid));

        Assert.True(HumanLoopFixture.SlackMentions(notice, "sem telefone"), notice.ToJsonString());
        Assert.False(HumanLoopFixture.SlackMentions(notice, "177770000000991"), notice.ToJsonString());
    }

    /// <summary>
    /// §13.7 and §13.9: a LID-only doctor can hold a shift (here staff reserve it for him, the path Júlia's
    /// `reservar_plantao` shares), and the hold's Slack notice says "sem telefone".
    /// </summary>
    [Fact]
    public async Task ALidOnlyDoctorCanHoldAShiftAndItsSlackNoticeSaysSemTelefone()
    {
        const string lid = "177770000000992@lid";
        var body = Text("0", "oi, boa tarde");
        body["data"]!["key"]!["remoteJid"] = lid;
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(f.Client, body)).StatusCode);
        await f.ConversationOfAsync("whatsapp_lid", lid);
        var medico = await f.ScalarAsync<Guid>("""
            INSERT INTO especialidades (nome) VALUES ('conformidade_lid') ON CONFLICT (nome) DO NOTHING;
            UPDATE medicos SET especialidade_id = (SELECT id FROM especialidades WHERE nome = 'conformidade_lid') WHERE whatsapp_lid = @lid RETURNING id
            """, new { lid });
        var vaga = await f.ScalarAsync<Guid>("""
            WITH h AS (INSERT INTO hospitais (nome, cidade) VALUES ('Hospital Conformidade LID', 'Santo André') RETURNING id),
                 p AS (INSERT INTO periodos (nome, "index", hora_inicio, hora_fim) VALUES ('noturno', 3, '19:00', '07:00')
                       ON CONFLICT (nome) DO UPDATE SET nome = EXCLUDED.nome RETURNING id)
            INSERT INTO vagas (hospital_id, especialidade_id, periodo_id, data, hora_inicio, hora_fim, valor, status)
            SELECT h.id, (SELECT id FROM especialidades WHERE nome = 'conformidade_lid'), p.id,
                   (now() AT TIME ZONE 'America/Sao_Paulo')::date + 5, '19:00', '07:00', 2100, 'anunciada'
            FROM h, p RETURNING id
            """);

        using var reserved = await f.Client.PostAsJsonAsync($"/admin/vagas/{vaga}/reservar", new { medico_id = medico, por = "Carla" });

        Assert.True(reserved.StatusCode == HttpStatusCode.Created, await reserved.Content.ReadAsStringAsync());
        Assert.Equal(("reservada", medico), (await f.QueryAsync<(string, Guid)>("SELECT status, medico_id FROM vagas WHERE id = @vaga", new { vaga })).Single());
        var notice = await Eventually.MatchesAsync(() => Task.FromResult(f.Slack.Received.FirstOrDefault(m =>
            HumanLoopFixture.SlackMentions(m, "Hospital Conformidade LID"))), m => m is not null);
        Assert.True(HumanLoopFixture.SlackMentions(notice, "sem telefone"), notice!.ToJsonString());
    }

    /// <summary>§13.8: SLACK_MASCARAR_TELEFONE=false shows staff the whole number in Slack.</summary>
    [Fact]
    public async Task WithMaskingOffTheSlackHandoffNoticeShowsTheWholeNumber()
    {
        const string phone = "5511988870002";
        await using var db = await TestDatabase.CreateAsync();
        using var redis = TestRedis.Lease();
        await using var app = new JuliaAppFactory(db, redis, new Dictionary<string, string?>
        {
            ["HUMANIZAR"] = "false", ["SLACK_WEBHOOK_URL"] = f.Slack.WebhookUrl, ["SLACK_MASCARAR_TELEFONE"] = "false",
            ["Notifications:PollMilliseconds"] = "50",
        });
        await PostAsync(app.CreateClient(), Text(phone, AskForAPerson));
        await using var data = db.CreateDataSource();
        var conversa = await Eventually.MatchesAsync(async () =>
        {
            await using var c = await data.OpenConnectionAsync();
            await using var cmd = new Npgsql.NpgsqlCommand(
                "SELECT c.id FROM conversations c JOIN medicos m ON m.id = c.medico_id WHERE m.telefone = @phone", c);
            cmd.Parameters.AddWithValue("phone", phone);
            return await cmd.ExecuteScalarAsync() as Guid? ?? Guid.Empty;
        }, id => id != Guid.Empty);

        var notice = await f.HandoffNoticeAsync(conversa);

        Assert.True(HumanLoopFixture.SlackMentions(notice, phone), notice.ToJsonString());
    }

    /// <summary>
    /// §13.5: HUMANIZAR=false without DEBOUNCE_SEGUNDOS — no burst wait, and a reply's messages are due the moment they are
    /// queued (no read or typing delay).
    /// </summary>
    [Fact]
    public async Task WithHumanizarFalseAndNoDebounceGivenThereIsNoBurstWaitAndNoDeliberateDelay()
    {
        const string phone = "5511988870021";
        var options = f.App.Services.GetRequiredService<IOptions<ConversationsOptions>>().Value;
        Assert.Equal(TimeSpan.Zero, options.Debounce);

        await PostAsync(f.Client, Text(phone, "oi, tem plantão de pediatria amanhã? me conta os detalhes do valor e do horário"));
        await f.WaitProcessedAsync(phone);

        var delays = await Eventually.MatchesAsync(() => f.QueryAsync<double>("""
            SELECT extract(epoch FROM f.agendar_para - f.created_at)::float8 FROM fila_mensagens f JOIN medicos m ON m.id = f.medico_id
            WHERE m.telefone = @phone AND f.tipo = 'resposta'
            """, new { phone }), d => d.Count > 0);
        Assert.All(delays, d => Assert.True(d < 1, $"a reply due {d:0.0} s after it was queued"));
    }

    /// <summary>
    /// §13.10: "não tenho interesse" (as a doctor writes it: accents or not, a thanks around it) is an opt-out, and the one
    /// confirmation he is sent says he can write again.
    /// </summary>
    [Theory]
    [InlineData("5511988870011", "não tenho interesse")]
    [InlineData("5511988870012", "Nao tenho interesse")]
    [InlineData("5511988870013", "Não tenho interesse, obrigado.")]
    public async Task NaoTenhoInteresseIsAnOptOutWhoseConfirmationSaysHeCanWriteAgain(string phone, string text)
    {
        await PostAsync(f.Client, Text(phone, text));
        await f.WaitProcessedAsync(phone);

        Assert.True(await f.ScalarAsync<bool>("SELECT opted_out FROM medicos WHERE telefone = @phone", new { phone }));
        var sent = await Eventually.MatchesAsync(() => f.QueueAsync(phone), q => q.Any(r => r.TipoSistema == "confirmacao_opt_out" && r.Status == "enviada"));
        var confirmation = Assert.Single(sent, r => r.TipoSistema == "confirmacao_opt_out");
        Assert.Contains("é só chamar", confirmation.Conteudo, StringComparison.Ordinal);
        Assert.DoesNotContain(sent, r => r.Tipo == "resposta");
    }
}
