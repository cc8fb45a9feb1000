using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Julia.IntegrationTests.Conversations;
using Julia.IntegrationTests.Quality;
using Julia.IntegrationTests.TestHost;
using Julia.Jobs;
using Julia.Maintenance;
using Microsoft.Extensions.DependencyInjection;
using static Julia.IntegrationTests.TestHost.FakeAnthropic;

namespace Julia.IntegrationTests.Conformance;

// Edges the earlier conformance passes noticed and left (SPEC §6, §7, §8.3, §9, §10, §11), each tested at the value the
// specification names, on the real host: the feeder's daily caps one under, at and one over; the nightly quality batch
// of 50 with 49, 50 and 51 conversations waiting; the health problem "oldest due pendente > 10 min" at 9:59 and 10:01;
// LOG_LEVEL's start-up error; HANDOFF_LEMBRETE_MINUTOS; what counts as a contact for the pressure decay, the 90 days of
// ended queue rows, and a reminder's exemption from the hour and day caps.

/// <summary>Júlia with small daily caps (MAX_MSGS_POR_DIA=6, MAX_PRIMEIROS_CONTATOS_DIA=3), so each edge is a few rows.</summary>
public sealed class FeederCapsFixture : PipelineFixture
{
    protected override Dictionary<string, string?> Settings => new(base.Settings) { ["MAX_MSGS_POR_DIA"] = "6", ["MAX_PRIMEIROS_CONTATOS_DIA"] = "3" };
}

/// <summary>
/// §6/§7: the feeder moves into the queue no more than what is left of today's global cap (`followup` and `campanha`
/// counted; a `lembrete_solicitado` is "exempt (doctor asked)" and a reply or system message "exempt, not counted" — the
/// table of §6) and of the first-contact cap (campaign sends to doctors never contacted), one under, at and one over.
/// </summary>
public sealed class FeederCapsConformanceTests(FeederCapsFixture f) : IClassFixture<FeederCapsFixture>
{
    Task RunFeederAsync() => f.App.Services.GetServices<IJob>().Single(j => j.Name == "campanhas").RunAsync(CancellationToken.None);

    /// <summary>No campaign running and no queue row: each case starts from an empty day.</summary>
    Task ClearAsync() => f.ExecuteAsync("""
        UPDATE campanhas SET status = 'cancelada' WHERE status <> 'cancelada';
        DELETE FROM envios_campanha; DELETE FROM fila_mensagens;
        """);

    Task<Guid> DoctorAsync(string phone, string tag, bool contacted) => f.ScalarAsync<Guid>("""
        INSERT INTO medicos (telefone, whatsapp_jid, primeiro_nome, origem, tags, primeiro_contato_em)
        VALUES (@phone, @phone || '@s.whatsapp.net', 'Bia', 'import', jsonb_build_array(@tag), CASE WHEN @contacted THEN now() - interval '30 days' END)
        RETURNING id
        """, new { phone, tag, contacted });

    /// <summary>Today's rows of one doctor: <paramref name="n"/> sent messages of this kind (with this first-contact mark).</summary>
    Task SentTodayAsync(Guid medico, string tipo, int n, bool firstContact = false) => f.ExecuteAsync("""
        INSERT INTO fila_mensagens (medico_id, tipo, conteudo, status, enviada_em, created_at, metadata)
        SELECT @medico, @tipo, 'x', 'enviada', now(), now(), jsonb_build_object('primeiro_contato', @firstContact) FROM generate_series(1, @n)
        """, new { medico, tipo, n, firstContact });

    async Task<long> StartCampaignAsync(string tag)
    {
        var created = await f.Client.PostAsJsonAsync("/campanhas", new
        {
            nome = "Bordas " + tag, tipo = "oferta_plantao", mensagem_template = "Oi {nome}, tenho plantões", filtros = new { tags = new[] { tag } }, max_por_dia = 50,
        });
        var body = await created.Content.ReadAsStringAsync();
        Assert.True(created.StatusCode == HttpStatusCode.Created, body);
        var id = JsonDocument.Parse(body).RootElement.GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.OK, (await f.Client.PostAsync($"/campanhas/{id}/iniciar", null)).StatusCode);
        return id;
    }

    Task<List<(bool First, int Prioridade)>> FedAsync(long campanha) => f.QueryAsync<(bool, int)>("""
        SELECT COALESCE((metadata->>'primeiro_contato')::boolean, false), prioridade FROM fila_mensagens
        WHERE tipo = 'campanha' AND metadata->>'campanha_id' = @id ORDER BY 1
        """, new { id = campanha.ToString() });

    /// <summary>
    /// 5, 6 or 7 follow-ups and campaign sends today against a cap of 6 → 1, 0, 0 places for the campaign (never a
    /// negative allowance), whatever the reminders, replies and system messages of the day: three `lembrete_solicitado`
    /// sends do not take the last place (had they counted, 5 + 3 left none).
    /// </summary>
    [Theory]
    [InlineData(5, 1)]
    [InlineData(6, 0)]
    [InlineData(7, 0)]
    public async Task TheGlobalDailyCapCountsFollowUpsAndCampaignsNotRemindersOrReplies(int countedToday, int expectedFed)
    {
        await ClearAsync();
        var tag = $"bordas-global-{countedToday}";
        var filler = await DoctorAsync($"55119885{countedToday}1000", tag + "-enchimento", contacted: true);
        await SentTodayAsync(filler, "followup", countedToday - 2);
        await SentTodayAsync(filler, "campanha", 2);
        await SentTodayAsync(filler, "lembrete_solicitado", 3);
        await SentTodayAsync(filler, "resposta", 4);
        await SentTodayAsync(filler, "sistema", 2);
        for (var i = 1; i <= 4; i++) await DoctorAsync($"55119885{countedToday}100{i}", tag, contacted: true);
        var campanha = await StartCampaignAsync(tag);

        await RunFeederAsync();
        await RunFeederAsync();

        Assert.Equal(Enumerable.Repeat((false, 3), expectedFed), await FedAsync(campanha));
        Assert.Equal(4L - expectedFed, await f.ScalarAsync<long>("SELECT count(*) FROM envios_campanha WHERE campanha_id = @campanha AND status = 'pendente'", new { campanha }));
    }

    /// <summary>
    /// 2, 3 or 4 first contacts today against a cap of 3 → 1, 0, 0 more first contacts; the doctor already contacted
    /// behind them in the campaign still goes today (the global cap, 6, has room), and those left wait as `pendente`.
    /// </summary>
    [Theory]
    [InlineData(2, 1)]
    [InlineData(3, 0)]
    [InlineData(4, 0)]
    public async Task TheFirstContactCapLeavesExactlyItsRemainderAndLetsKnownDoctorsThrough(int firstToday, int expectedFirst)
    {
        await ClearAsync();
        var tag = $"bordas-primeiro-{firstToday}";
        var filler = await DoctorAsync($"55119886{firstToday}1000", tag + "-enchimento", contacted: true);
        await SentTodayAsync(filler, "campanha", firstToday, firstContact: true);
        for (var i = 1; i <= 3; i++) await DoctorAsync($"55119886{firstToday}100{i}", tag, contacted: false);
        await DoctorAsync($"55119886{firstToday}1009", tag, contacted: true);
        var campanha = await StartCampaignAsync(tag);

        await RunFeederAsync();
        await RunFeederAsync();

        var fed = await FedAsync(campanha);
        Assert.Equal(expectedFirst, fed.Count(r => r.First));
        Assert.Single(fed, r => !r.First);
        Assert.Equal(3L - expectedFirst, await f.ScalarAsync<long>("SELECT count(*) FROM envios_campanha WHERE campanha_id = @campanha AND status = 'pendente'", new { campanha }));
    }
}

/// <summary>
/// §9: the nightly quality job judges at most 50 `completed` conversations: with 49 or 50 waiting all of them, with 51
/// fifty — the 51st at the next run — and none twice, however many times it runs.
/// </summary>
public sealed class QualityBatchConformanceTests(QualityFixture f) : IClassFixture<QualityFixture>
{
    const string Verdict = """{"naturalidade": 8, "persona": 8, "objetivo": 7, "satisfacao": 8, "pontos_positivos": [], "pontos_negativos": [], "sugestoes": []}""";

    [Theory]
    [InlineData(49)]
    [InlineData(50)]
    [InlineData(51)]
    public async Task AtMostFiftyConversationsARunTheRestNextRunNoneTwice(int waiting)
    {
        await QualityScenario.ResetAsync(f);
        await CompletedAsync(waiting, minutesAgo: 0);
        var before = f.Anthropic.Requests.Count;
        f.Anthropic.Override = _ => Text(Verdict);
        try
        {
            var first = await QualityScenario.RunJobAsync(f);
            var second = await QualityScenario.RunJobAsync(f);
            var third = await QualityScenario.RunJobAsync(f);

            Assert.StartsWith($"{Math.Min(waiting, 50)} conversas avaliadas", first);
            Assert.StartsWith(waiting > 50 ? $"{waiting - 50} conversa avaliada" : "0 conversas avaliadas", second);
            Assert.StartsWith("0 conversas avaliadas", third);
        }
        finally
        {
            f.Anthropic.Override = null;
        }
        Assert.Equal(waiting, f.Anthropic.Requests.Count - before);
        var rows = await f.QueryAsync<(int Total, int Conversations)>(
            "SELECT count(*)::int, count(DISTINCT conversa_id)::int FROM avaliacoes_qualidade WHERE avaliador = 'auto'");
        Assert.Equal((waiting, waiting), rows.Single());
        Assert.Equal(0L, await f.ScalarAsync<long>("""
            SELECT count(*) FROM conversations c WHERE c.status = 'completed'
              AND NOT EXISTS (SELECT 1 FROM avaliacoes_qualidade a WHERE a.conversa_id = c.id AND a.avaliador = 'auto')
            """));
    }

    /// <summary>
    /// More than 50 a night, night after night: the one left over from the first night is judged on the second, although
    /// 50 newer ones finished in between — it used to wait behind every newer one (newest first), for good while each
    /// night brought 50 more. Every conversation is judged once, none twice.
    /// </summary>
    [Fact]
    public async Task AConversationLeftOverOnABusyNightIsJudgedTheNextNightNotStarvedByNewerOnes()
    {
        await QualityScenario.ResetAsync(f);
        var firstNight = await CompletedAsync(51, minutesAgo: 3 * 24 * 60);
        f.Anthropic.Override = _ => Text(Verdict);
        try
        {
            Assert.StartsWith("50 conversas avaliadas", await QualityScenario.RunJobAsync(f));
            var leftOver = Assert.Single(firstNight.Except(await JudgedAsync()));
            var secondNight = await CompletedAsync(50, minutesAgo: 2 * 24 * 60);

            Assert.StartsWith("50 conversas avaliadas", await QualityScenario.RunJobAsync(f));
            Assert.Contains(leftOver, await JudgedAsync());
            Assert.StartsWith("1 conversa avaliada", await QualityScenario.RunJobAsync(f));
            Assert.StartsWith("0 conversas avaliadas", await QualityScenario.RunJobAsync(f));

            var judged = await JudgedAsync();
            Assert.Equal(firstNight.Concat(secondNight).Order(), judged.Order());
            Assert.Equal(judged.Count, judged.Distinct().Count());
        }
        finally
        {
            f.Anthropic.Override = null;
        }
    }

    Task<List<Guid>> JudgedAsync() => f.QueryAsync<Guid>("SELECT conversa_id FROM avaliacoes_qualidade WHERE avaliador = 'auto'");

    /// <summary><paramref name="count"/> finished conversations (doctor asked, Júlia answered), one a minute before <paramref name="minutesAgo"/>.</summary>
    Task<List<Guid>> CompletedAsync(int count, int minutesAgo) => f.QueryAsync<Guid>("""
        WITH m AS (SELECT id FROM medicos WHERE deleted_at IS NULL AND apagado_em IS NULL ORDER BY created_at, id LIMIT 1),
             c AS (INSERT INTO conversations (medico_id, status, completed_at)
                   SELECT m.id, 'completed', now() - make_interval(mins => @minutesAgo + g) FROM m, generate_series(1, @count) g RETURNING id, medico_id),
             i AS (INSERT INTO interacoes (medico_id, conversa_id, direcao, autor_tipo, origem, conteudo, created_at, processado_em)
                   SELECT c.medico_id, c.id, d.direcao, d.autor, d.origem, d.texto, now() - interval '4 days' + make_interval(secs => d.k),
                          CASE WHEN d.direcao = 'entrada' THEN now() - interval '4 days' END
                   FROM c, (VALUES ('entrada', 'medico', 'whatsapp', 'Tem plantão sábado?', 1), ('saida', 'julia', 'fila:resposta', 'Tenho um diurno, quer?', 2))
                        AS d (direcao, autor, origem, texto, k))
        SELECT id FROM c
        """, new { count, minutesAgo });
}

/// <summary>
/// §9 `/admin/metricas/health`: "oldest due `pendente` > 10 min" is a problem at 10:01 and not at 9:59, whether the row
/// fell due by its `agendar_para` or is a row the gateway's failure keeps postponing (due since `vencida_desde`); a row
/// created two hours ago but due in a minute is not late at all.
/// </summary>
public sealed class QueueHealthConformanceTests(AppFixture f) : IClassFixture<AppFixture>
{
    /// <summary>Runs <paramref name="sql"/>, then reads /admin/metricas/health: its queue problems and the age it measured (one snapshot).</summary>
    async Task<(List<string> Problems, long Age)> HealthAfterAsync(string sql)
    {
        await using (var db = f.Database.CreateDataSource())
        await using (var c = await db.OpenConnectionAsync())
        await using (var command = new Npgsql.NpgsqlCommand(sql, c))
            await command.ExecuteNonQueryAsync();
        var health = JsonNode.Parse(await f.Factory.CreateClient().GetStringAsync("/admin/metricas/health"))!;
        return ([.. health["problemas"]!.AsArray().Select(p => p!.GetValue<string>()).Where(p => p.StartsWith("fila:", StringComparison.Ordinal))],
            health["metricas"]!["fila"]!["idade_mais_antiga_s"]!.GetValue<long>());
    }

    /// <summary>
    /// 9:59 as health measures it: the age is now() at the request, so a machine that stalls for a second or two between
    /// the update and the request sees 10:00 or more — such a reading says nothing about the edge and is taken again.
    /// </summary>
    async Task<(List<string> Problems, long Age)> JustUnderTenMinutesAsync(string sql)
    {
        for (var attempt = 1; ; attempt++)
        {
            var reading = await HealthAfterAsync(sql);
            if (reading.Age is 599 or 600 || attempt == 10) return reading;
        }
    }

    [Fact]
    public async Task TheOldestDueRowIsAProblemAfterTenMinutesNotBefore()
    {
        // The second chunk of a reply whose first chunk is still being sent: due, pending, and not claimable (chunks go in
        // order), so the dispatcher of the running host leaves it where the test put it.
        await HealthAfterAsync("""
            DELETE FROM fila_mensagens;
            WITH m AS (INSERT INTO medicos (telefone) VALUES ('5511999993601') RETURNING id), l AS (SELECT gen_random_uuid() AS lote)
            INSERT INTO fila_mensagens (medico_id, tipo, conteudo, prioridade, status, agendar_para, processando_desde, lote_id, sequencia)
            SELECT m.id, 'resposta', x.conteudo, 10, x.status, now() - interval '2 minutes', x.desde, l.lote, x.seq
            FROM m, l, (VALUES ('bordas-1', 'processando', now(), 1), ('bordas-2', 'pendente', NULL::timestamptz, 2)) AS x (conteudo, status, desde, seq)
            """);

        var (problems, age) = await JustUnderTenMinutesAsync("UPDATE fila_mensagens SET agendar_para = now() - interval '9 minutes 59 seconds' WHERE conteudo = 'bordas-2'");
        Assert.InRange(age, 599, 600);
        Assert.Empty(problems);

        (problems, age) = await HealthAfterAsync("UPDATE fila_mensagens SET agendar_para = now() - interval '10 minutes 1 second' WHERE conteudo = 'bordas-2'");
        Assert.True(age >= 601, $"age {age}");
        Assert.StartsWith($"fila: a mensagem pendente mais antiga espera há {age / 60} min (limite 10 min)", Assert.Single(problems));

        // Postponed by a failing gateway: due again in 30 s, late since it first fell due.
        (problems, age) = await JustUnderTenMinutesAsync("""
            UPDATE fila_mensagens SET agendar_para = now() + interval '30 seconds',
                   metadata = jsonb_build_object('vencida_desde', now() - interval '9 minutes 59 seconds') WHERE conteudo = 'bordas-2'
            """);
        Assert.InRange(age, 599, 600);
        Assert.Empty(problems);
        (problems, age) = await HealthAfterAsync("""
            UPDATE fila_mensagens SET metadata = jsonb_build_object('vencida_desde', now() - interval '10 minutes 1 second') WHERE conteudo = 'bordas-2'
            """);
        Assert.True(age >= 601, $"age {age}");
        Assert.Single(problems);

        // Created two hours ago, due in a minute: waiting on purpose, not late.
        (problems, age) = await HealthAfterAsync(
            "UPDATE fila_mensagens SET agendar_para = now() + interval '1 minute', metadata = '{}', created_at = now() - interval '2 hours' WHERE conteudo = 'bordas-2'");
        Assert.Empty(problems);
        Assert.Equal(0, age);
    }
}

/// <summary>
/// §11 `LOG_LEVEL` through a real `julia serve`: every name the parser takes is taken (the process goes on to fail only
/// at the unreachable database), and a name it does not take stops start-up with one line that lists them all — it
/// listed four while six names and two aliases were taken. `FATAL` is CRITICAL, as in Python's logging (the reference).
/// `HANDOFF_LEMBRETE_MINUTOS` is checked like the others.
/// </summary>
public sealed class EdgesProcessConformanceTests
{
    static readonly Dictionary<string, string> NoServers = new()
    {
        ["DATABASE_URL"] = "postgres://julia:senha@127.0.0.1:1/julia", ["REDIS_URL"] = "redis://127.0.0.1:1/0",
    };

    static readonly string[] Names = ["TRACE", "DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL", "WARN", "INFORMATION", "FATAL"];

    [Theory]
    [InlineData("verbose", false)]
    [InlineData("trace", true)]
    [InlineData("critical", true)]
    [InlineData("FATAL", true)] // Python's alias of CRITICAL, what an operator of the reference may have set
    [InlineData("fatal", true)]
    [InlineData("WARN", true)]
    [InlineData("Information", true)]
    public async Task ALogLevelIsOneOfTheNamesItsErrorLists(string value, bool accepted)
    {
        var (exit, stdout, stderr) = await JuliaProcess.RunAsync(new Dictionary<string, string>(NoServers) { ["LOG_LEVEL"] = value }, "serve");

        Assert.Equal(1, exit); // no database either way
        if (accepted)
        {
            Assert.Contains("banco de dados inacessível", stderr, StringComparison.Ordinal); // past the configuration checks
            Assert.DoesNotContain("LOG_LEVEL:", stdout + stderr, StringComparison.Ordinal);
            return;
        }
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Contains("LOG_LEVEL: ", line, StringComparison.Ordinal);
        Assert.All(Names, name => Assert.Contains(name, line, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("0", "entre 1 e 1440")]
    [InlineData("1441", "entre 1 e 1440")]
    [InlineData("meia hora", "número inteiro")]
    public async Task ABadHandoffReminderDelayIsOneLine(string value, string says)
    {
        var (exit, _, stderr) = await JuliaProcess.RunAsync(new Dictionary<string, string>(NoServers) { ["HANDOFF_LEMBRETE_MINUTOS"] = value }, "serve");

        Assert.Equal(1, exit);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Contains("HANDOFF_LEMBRETE_MINUTOS: ", line, StringComparison.Ordinal);
        Assert.Contains(says, line, StringComparison.Ordinal);
    }
}

/// <summary>Júlia with Slack on (a fake incoming webhook) and HANDOFF_LEMBRETE_MINUTOS as the test class says.</summary>
public abstract class HandoffReminderFixture : SlackPipelineFixture
{
    protected abstract string? ReminderMinutes { get; }

    protected override Dictionary<string, string?> Settings
    {
        get
        {
            var settings = new Dictionary<string, string?>(base.Settings) { ["SLACK_WEBHOOK_URL"] = Slack.WebhookUrl };
            if (ReminderMinutes is { } minutes) settings["HANDOFF_LEMBRETE_MINUTOS"] = minutes;
            return settings;
        }
    }

    /// <summary>A `pendente` handoff of an open conversation, created <paramref name="minutesAgo"/> minutes ago.</summary>
    public async Task<Guid> PendingHandoffAsync(string phone, double minutesAgo)
    {
        var (medico, conversa) = await DoctorAsync(phone);
        return await ScalarAsync<Guid>("""
            INSERT INTO handoffs (conversa_id, medico_id, trigger_type, motivo, status, created_at)
            VALUES (@conversa, @medico, 'pedido_humano', 'bordas', 'pendente', now() - make_interval(secs => @seconds)) RETURNING id
            """, new { conversa, medico, seconds = minutesAgo * 60 });
    }

    /// <summary>Runs `handoffs-lembrete` once (as its 5-minute tick does) → the handoffs of <paramref name="ids"/> that now have their reminder.</summary>
    public async Task<bool[]> RemindedAfterARunAsync(params Guid[] ids)
    {
        await App.Services.GetServices<IJob>().Single(j => j.Name == "handoffs-lembrete").RunAsync(CancellationToken.None);
        var reminded = await QueryAsync<Guid>("SELECT handoff_id FROM notificacoes WHERE tipo = 'handoff_lembrete' AND handoff_id = ANY(@ids)", new { ids });
        return [.. ids.Select(reminded.Contains)];
    }
}

public sealed class DefaultHandoffReminderFixture : HandoffReminderFixture
{
    protected override string? ReminderMinutes => null;
}

public sealed class HandoffReminder45Fixture : HandoffReminderFixture
{
    protected override string? ReminderMinutes => "45";
}

/// <summary>§8.3: a `pendente` handoff older than 30 min ⚙ gets its Slack reminder — 31 min yes, 29 min not yet.</summary>
public sealed class HandoffReminderSettingTests(DefaultHandoffReminderFixture f) : IClassFixture<DefaultHandoffReminderFixture>
{
    [Fact]
    public async Task ByDefaultAHandoffIsRemindedAfterThirtyMinutes()
    {
        var young = await f.PendingHandoffAsync("5511988893001", 29);
        var old = await f.PendingHandoffAsync("5511988893002", 31);

        Assert.Equal(new[] { false, true }, await f.RemindedAfterARunAsync(young, old));
    }

    /// <summary>
    /// "Older than 30 min" at the second, on the job's clock (a fake one, fixed): 29:59 and 30:00 wait, 30:01 is reminded.
    /// The job used to take 30:00 itself (`created_at &lt;= now() - 30 min`).
    /// </summary>
    [Fact]
    public async Task TheReminderFiresPastThirtyMinutesNotAtThirtyMinutesExactly()
    {
        var now = new DateTimeOffset(2026, 12, 9, 13, 0, 0, TimeSpan.Zero);
        async Task<Guid> CreatedAtAsync(string phone, TimeSpan age)
        {
            var id = await f.PendingHandoffAsync(phone, 0);
            await f.ExecuteAsync("UPDATE handoffs SET created_at = @at WHERE id = @id", new { id, at = (now - age).UtcDateTime });
            return id;
        }
        var under = await CreatedAtAsync("5511988893021", new TimeSpan(0, 29, 59));
        var exactly = await CreatedAtAsync("5511988893022", TimeSpan.FromMinutes(30));
        var over = await CreatedAtAsync("5511988893023", new TimeSpan(0, 30, 1));
        var services = f.App.Services;
        var job = new Julia.Slack.HandoffReminderJob(services.GetRequiredService<Julia.Handoffs.HandoffStore>(),
            services.GetRequiredService<Julia.Slack.SlackNotices>(), services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Julia.Slack.SlackOptions>>(),
            new Microsoft.Extensions.Time.Testing.FakeTimeProvider(now));

        await job.RunAsync(CancellationToken.None);

        var reminded = await f.QueryAsync<Guid>("SELECT handoff_id FROM notificacoes WHERE tipo = 'handoff_lembrete' AND handoff_id = ANY(@ids)",
            new { ids = new[] { under, exactly, over } });
        Assert.Equal([over], reminded);
    }
}

/// <summary>HANDOFF_LEMBRETE_MINUTOS=45: 31 and 44 min wait, 46 min is reminded.</summary>
public sealed class HandoffReminderSetTo45Tests(HandoffReminder45Fixture f) : IClassFixture<HandoffReminder45Fixture>
{
    [Fact]
    public async Task SetTo45AHandoffIsRemindedAfter45Minutes()
    {
        var thirtyOne = await f.PendingHandoffAsync("5511988893011", 31);
        var fortyFour = await f.PendingHandoffAsync("5511988893012", 44);
        var fortySix = await f.PendingHandoffAsync("5511988893013", 46);

        Assert.Equal(new[] { false, false, true }, await f.RemindedAfterARunAsync(thirtyOne, fortyFour, fortySix));
    }
}

/// <summary>
/// §7 "pressure decays −5 per day without contact" and §10's ended queue rows, at their edges. A contact is a proactive
/// send that went out (campaign, follow-up, or a reminder the doctor asked for) in the last day: a reminder sent 23 h 59 min
/// ago holds the pressure, one of 24 h 1 min ago does not; a reply (the doctor wrote first) or a reminder that never went
/// out (`cancelada`) is no contact. Ended rows (`cancelada`, `bloqueada`) go at 90 days + 1 s and stay a minute short of it.
/// </summary>
public sealed class ContactAndRetentionEdgesConformanceTests(PipelineFixture f) : IClassFixture<PipelineFixture>
{
    [Fact]
    public async Task AReminderSentInTheLastDayHoldsThePressureARepliesOrUnsentOneDoesNot()
    {
        var cases = new (string Phone, string Tipo, string Status, string SentAgo, int Expected)[]
        {
            ("5511988894001", "lembrete_solicitado", "enviada", "23 hours 59 minutes", 50),
            ("5511988894002", "lembrete_solicitado", "enviada", "24 hours 1 minute", 45),
            ("5511988894003", "resposta", "enviada", "1 hour", 45),
            ("5511988894004", "lembrete_solicitado", "cancelada", "1 hour", 45),
            ("5511988894005", "followup", "enviada", "23 hours 59 minutes", 50),
        };
        foreach (var c in cases)
            await f.ExecuteAsync("""
                WITH m AS (INSERT INTO medicos (telefone, primeiro_nome, origem, pressure_score) VALUES (@Phone, 'Caio', 'import', 50) RETURNING id)
                INSERT INTO fila_mensagens (medico_id, tipo, conteudo, status, enviada_em, created_at)
                SELECT id, @Tipo, 'x', @Status, CASE WHEN @Status = 'enviada' THEN now() - CAST(@SentAgo AS interval) END, now() - interval '2 days' FROM m
                """, new { c.Phone, c.Tipo, c.Status, c.SentAgo });

        await f.App.Services.GetServices<IJob>().Single(j => j.Name == "pressao").RunAsync(CancellationToken.None);

        Assert.Equal(cases.Select(c => (c.Phone, c.Expected)), await f.QueryAsync<(string, int)>(
            "SELECT telefone, pressure_score FROM medicos WHERE telefone = ANY(@phones) ORDER BY telefone", new { phones = cases.Select(c => c.Phone).ToArray() }));
    }

    [Fact]
    public async Task CancelledAndBlockedQueueRowsGoAtNinetyDaysAndNotAMinuteBefore()
    {
        var medico = await f.ScalarAsync<Guid>("INSERT INTO medicos (telefone, primeiro_nome, origem) VALUES ('5511988894101', 'Caio', 'import') RETURNING id");
        await f.ExecuteAsync("""
            INSERT INTO fila_mensagens (medico_id, tipo, conteudo, status, created_at, agendar_para) VALUES
                (@medico, 'lembrete_solicitado', 'cancelada-90d+1s', 'cancelada', now() - interval '90 days 1 second', now() - interval '90 days 1 second'),
                (@medico, 'lembrete_solicitado', 'cancelada-89d23h59m', 'cancelada', now() - interval '89 days 23 hours 59 minutes', now() - interval '89 days 23 hours 59 minutes'),
                (@medico, 'campanha', 'bloqueada-90d+1s', 'bloqueada', now() - interval '90 days 1 second', now() - interval '90 days 1 second'),
                (@medico, 'campanha', 'bloqueada-89d23h59m', 'bloqueada', now() - interval '89 days 23 hours 59 minutes', now() - interval '89 days 23 hours 59 minutes');
            """, new { medico });

        await f.App.Services.GetRequiredService<RetentionRunner>().RunAsync(dryRun: false, null, CancellationToken.None);

        Assert.Equal(["bloqueada-89d23h59m", "cancelada-89d23h59m"],
            (await f.QueryAsync<string>("SELECT conteudo FROM fila_mensagens WHERE medico_id = @medico", new { medico })).Order(StringComparer.Ordinal));
    }
}

/// <summary>
/// §6's table at the limiter: a `lembrete_solicitado` is "exempt (doctor asked)" from the hour and day caps and from the
/// spacing between counted sends — with the hour (20) and the day (100) full and the next counted send not due for
/// 10 min, a reminder to another number goes at once and is not counted, while a follow-up waits for São Paulo's
/// midnight. The per-number gap still holds for it (<c>SendLimiterTests.AnyTwoNonReplySendsToOneNumberAreAtLeast45SecondsApart</c>).
/// </summary>
public sealed class ReminderLimitsConformanceTests(Queue.LimiterFixture f) : IClassFixture<Queue.LimiterFixture>
{
    static readonly DateTimeOffset TenAm = new(2026, 11, 25, 10, 0, 0, TimeSpan.FromHours(-3));

    static Julia.Queue.ClaimedMessage Message(string tipo) =>
        new(Guid.NewGuid(), Guid.NewGuid(), null, tipo, "x", 0, 3, DateTime.UtcNow, null, 0, false, false, null, null);

    [Fact]
    public async Task AReminderGoesWithTheHourAndDayFullAndIsNotCounted()
    {
        var limiter = f.Factory.Services.GetRequiredService<Julia.Queue.SendLimiter>();
        var redis = f.Factory.Services.GetRequiredService<Julia.Infrastructure.Redis.RedisGate>().Multiplexer.GetDatabase(f.Redis.Database);
        f.Redis.Flush();
        await redis.StringSetAsync("rate:hora:2026112510", 20);
        await redis.StringSetAsync("rate:dia:20261125", 100);
        await redis.StringSetAsync("rate:proximo", TenAm.AddMinutes(10).ToUnixTimeMilliseconds());

        var reminder = await limiter.TryReserveAsync(Message("lembrete_solicitado"), "5511999994001", TenAm, default);
        var followUp = await limiter.TryReserveAsync(Message("followup"), "5511999994002", TenAm, default);

        Assert.Null(reminder);
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 0, 0, 0, TimeSpan.FromHours(-3)), followUp?.RetryAt);
        Assert.Equal((20, 100), ((int)await redis.StringGetAsync("rate:hora:2026112510"), (int)await redis.StringGetAsync("rate:dia:20261125")));
    }
}

/// <summary>
/// §6 "pressure score (+25 first contact, +15 follow-up, +20 campaign, max 100)" at the cap, through real sends: a
/// follow-up sent at 84 makes 99, at 86 makes 100 (not 101); a reminder the doctor asked for adds nothing.
/// </summary>
public sealed class PressureCapConformanceTests(Queue.AlwaysOpenFixture f) : IClassFixture<Queue.AlwaysOpenFixture>
{
    [Fact]
    public async Task AFollowUpRaisesPressureBy15UpTo100AndAReminderNotAtAll()
    {
        var cases = new (string Phone, string Tipo, int Before, int After)[]
        {
            ("5511988895001", "followup", 84, 99),
            ("5511988895002", "followup", 86, 100),
            ("5511988895003", "lembrete_solicitado", 50, 50),
        };
        foreach (var c in cases)
            await f.ExecuteAsync("""
                WITH m AS (INSERT INTO medicos (telefone, whatsapp_jid, pressure_score, origem) VALUES (@Phone, @Phone || '@s.whatsapp.net', @Before, 'import') RETURNING id),
                     c AS (INSERT INTO conversations (medico_id, stage, last_outbound_at) SELECT id, 'msg_enviada', now() - interval '49 hours' FROM m RETURNING id, medico_id)
                INSERT INTO fila_mensagens (medico_id, conversa_id, tipo, conteudo, prioridade, metadata)
                SELECT medico_id, id, @Tipo, 'Oi, passando por aqui', CASE WHEN @Tipo = 'followup' THEN 4 ELSE 7 END,
                       CASE WHEN @Tipo = 'followup' THEN '{"tipo_followup":"fu1"}'::jsonb ELSE '{}'::jsonb END FROM c
                """, new { c.Phone, c.Tipo, c.Before });
        var phones = cases.Select(c => c.Phone).ToArray();

        await Eventually.MatchesAsync(() => f.QueryAsync<string>(
            "SELECT f.status FROM fila_mensagens f JOIN medicos m ON m.id = f.medico_id WHERE m.telefone = ANY(@phones)", new { phones }),
            s => s.Count == cases.Length && s.All(x => x == "enviada"));

        Assert.Equal(cases.Select(c => (c.Phone, c.After)), await f.QueryAsync<(string, int)>(
            "SELECT telefone, pressure_score FROM medicos WHERE telefone = ANY(@phones) ORDER BY telefone", new { phones }));
    }
}
