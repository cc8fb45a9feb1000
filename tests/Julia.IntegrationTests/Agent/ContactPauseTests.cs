using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Julia.Doctors;
using Julia.Infrastructure.Time;
using Julia.IntegrationTests.TestHost;
using Microsoft.Extensions.DependencyInjection;
using static Julia.IntegrationTests.TestHost.EvolutionWebhooks;
using static Julia.IntegrationTests.TestHost.FakeAnthropic;

namespace Julia.IntegrationTests.Agent;

/// <summary>Business hours all day, every day, and no spacing: a due proactive row goes out at once.</summary>
public sealed class ContactPauseFixture : AgentFixture
{
    protected override Dictionary<string, string?> AgentSettings => new()
    {
        ["DIAS_UTEIS"] = "1-7", ["HORARIO_INICIO"] = "00:00", ["HORARIO_FIM"] = "00:00",
        ["INTERVALO_MIN_SEGUNDOS"] = "0", ["INTERVALO_MAX_SEGUNDOS"] = "0", ["INTERVALO_ENTRE_ENVIOS_SEGUNDOS"] = "0",
    };
}

/// <summary>
/// A pause the doctor asks for — "nos próximos 6 meses não quero nada", "só depois do carnaval" (docs/decisions.md#contact-pause):
/// `pausar_contato` records it on the doctor; campaigns and follow-ups skip him until the date, what was queued ends
/// unsent (`bloqueada` `pausa_pedida`), his own messages are answered, a reminder he asked for still goes, and staff (or
/// Júlia, when he says he is back) can end it.
/// </summary>
public sealed class ContactPauseTests(ContactPauseFixture f) : IClassFixture<ContactPauseFixture>
{
    static DateOnly TodayInSaoPaulo => DateOnly.FromDateTime(SaoPaulo.ToLocal(DateTimeOffset.UtcNow).DateTime);

    async Task<Guid> DoctorAsync(string phone, string tag) => await f.ScalarAsync<Guid>("""
        INSERT INTO medicos (telefone, whatsapp_jid, primeiro_nome, titulo, origem, tags)
        VALUES (@phone, @phone || '@s.whatsapp.net', 'Paulo', 'Dr.', 'import', jsonb_build_array(@tag::text)) RETURNING id
        """, new { phone, tag });

    /// <summary>The pause as the tool records it (the same store method), from today until <paramref name="days"/> ahead.</summary>
    Task PauseAsync(Guid medico, int days = 60) =>
        f.App.Services.GetRequiredService<DoctorStore>().PauseContactAsync(medico, DateTimeOffset.UtcNow.AddDays(days), "residência", default);

    /// <summary>Time passes beyond his date: the pause ended yesterday.</summary>
    Task PauseDatePassesAsync(Guid medico) =>
        f.ExecuteAsync("UPDATE medicos SET contato_pausado_ate = now() - interval '1 day' WHERE id = @medico", new { medico });

    Task<DateTime?> PausedUntilAsync(Guid medico) =>
        f.ScalarAsync<DateTime?>("SELECT contato_pausado_ate FROM medicos WHERE id = @medico", new { medico });

    /// <summary>He writes <paramref name="text"/> (plain ASCII: the fake model finds its script by the raw, escaped JSON); the model calls <paramref name="tool"/> and then says "Combinado!". Returns what the tool answered.</summary>
    async Task<string> ToolTurnAsync(string phone, string text, string tool, JsonObject args)
    {
        f.Anthropic.ScriptFor(text, Tool(tool, args), Text("Combinado!"));
        await PostAsync(f.Client, Text(phone, text));
        await f.WaitProcessedAsync(phone);
        var request = await Eventually.MatchesAsync(() => Task.FromResult(f.Anthropic.Requests.LastOrDefault(r => Seen(r).Contains(text) && Seen(r).Contains("tool_result"))),
            r => r is not null);
        return Regex.Unescape(request!["messages"]!.AsArray()[^1]!.ToJsonString());
    }

    /// <summary>A request as the model reads it (the wire escapes accents).</summary>
    static string Seen(JsonObject request) => Regex.Unescape(request.ToJsonString());

    async Task<long> CampaignAsync(string tag)
    {
        var created = await f.Client.PostAsJsonAsync("/campanhas", new
        {
            nome = "Pausa " + tag, tipo = "oferta_plantao", mensagem_template = "Oi {nome}! Temos plantões no ABC, quer ver?",
            filtros = new { tags = new[] { tag } },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<long>();
        Assert.Equal(HttpStatusCode.OK, (await f.Client.PostAsync($"/campanhas/{id}/iniciar", null)).StatusCode);
        return id;
    }

    Task<List<(Guid Medico, string Status, string? Motivo)>> SendsAsync(long campanha) => f.QueryAsync<(Guid, string, string?)>(
        "SELECT medico_id, status, motivo FROM envios_campanha WHERE campanha_id = @campanha", new { campanha });

    Task<long> SentProactiveAsync(Guid medico, string tipo) => f.ScalarAsync<long>(
        "SELECT count(*) FROM fila_mensagens WHERE medico_id = @medico AND tipo = @tipo AND status = 'enviada'", new { medico, tipo });

    async Task RunJobAsync(string job) => Assert.Equal(HttpStatusCode.OK, (await f.Client.PostAsync($"/jobs/{job}", null)).StatusCode);

    [Fact]
    public async Task PausarContatoRecordsTheFirstDayHeMayBeContactedAgainAndHeIsToldSo()
    {
        const string phone = "5511990055001";
        var medico = await DoctorAsync(phone, "pausa-ferramenta");
        var day = TodayInSaoPaulo.AddMonths(6);

        var answer = await ToolTurnAsync(phone, "nos proximos 6 meses nao quero nada, vou fazer residencia", "pausar_contato",
            new JsonObject { ["ate"] = day.ToString("yyyy-MM-dd"), ["motivo"] = "residência" });

        Assert.Contains("Pausa registrada", answer);
        var local = day.ToDateTime(TimeOnly.MinValue);
        var expected = new DateTimeOffset(local, SaoPaulo.Zone.GetUtcOffset(local)).UtcDateTime;
        Assert.Equal(expected, (await PausedUntilAsync(medico))!.Value.ToUniversalTime());
        Assert.Equal("residência", await f.ScalarAsync<string>("SELECT contato_pausado_motivo FROM medicos WHERE id = @medico", new { medico }));
        Assert.False(await f.ScalarAsync<bool>("SELECT opted_out FROM medicos WHERE id = @medico", new { medico }));   // not an opt-out
        await Eventually.MatchesAsync(() => SentProactiveAsync(medico, "resposta"), n => n == 1);   // his message is answered
    }

    /// <summary>A day not ahead, past 12 months, unreadable, or no reason: refused, nothing recorded, the model told why.</summary>
    [Theory]
    [InlineData("5511990055011", "hoje", "residência", "data futura")]
    [InlineData("5511990055012", "13 meses", "residência", "no máximo até")]
    [InlineData("5511990055013", "01/03/2027", "residência", "ate inválido")]
    [InlineData("5511990055014", "2 meses", "", "motivo obrigatório")]
    public async Task PausarContatoRefusesADayNotAheadTooFarUnreadableOrWithoutAReason(string phone, string when, string motivo, string refusal)
    {
        var medico = await DoctorAsync(phone, "pausa-recusa");
        var ate = when switch
        {
            "hoje" => TodayInSaoPaulo.ToString("yyyy-MM-dd"),
            "13 meses" => TodayInSaoPaulo.AddMonths(13).ToString("yyyy-MM-dd"),
            "2 meses" => TodayInSaoPaulo.AddMonths(2).ToString("yyyy-MM-dd"),
            _ => when,
        };

        var answer = await ToolTurnAsync(phone, $"vou viajar um tempo, depois a gente conversa ({phone})", "pausar_contato",
            new JsonObject { ["ate"] = ate, ["motivo"] = motivo });

        Assert.Contains(refusal, answer);
        Assert.Contains("nada foi registrado", answer);
        Assert.Null(await PausedUntilAsync(medico));
    }

    /// <summary>
    /// A campaign started during his pause leaves him out of its segment (the preview too); one already running when he
    /// paused cancels his send as it feeds (`pausa_pedida`); once his date has passed, a campaign reaches him.
    /// </summary>
    [Fact]
    public async Task CampaignsSkipHimDuringThePauseAndReachHimAfterTheDate()
    {
        const string tag = "pausa-campanha";
        var paused = await DoctorAsync("5511990055021", tag);
        var other = await DoctorAsync("5511990055022", tag);
        var late = await DoctorAsync("5511990055023", tag);
        var running = await CampaignAsync(tag + "-antes");   // no doctor has this tag: started empty, then fed below
        await f.ExecuteAsync("INSERT INTO envios_campanha (campanha_id, medico_id) VALUES (@running, @late)", new { running, late });
        await PauseAsync(paused);
        await PauseAsync(late);

        var preview = await f.Client.PostAsJsonAsync("/campanhas/segmento/preview", new { filtros = new { tags = new[] { tag } } });
        Assert.Equal(1, (await preview.Content.ReadFromJsonAsync<JsonObject>())!["total"]!.GetValue<long>());
        var during = await CampaignAsync(tag);
        Assert.Equal([other], (await SendsAsync(during)).Select(s => s.Medico));
        await RunJobAsync("campanhas");
        Assert.Equal(("cancelado", "pausa_pedida"), (await SendsAsync(running)).Select(s => (s.Status, s.Motivo)).Single());
        await Eventually.MatchesAsync(() => SentProactiveAsync(other, "campanha"), n => n == 1);
        Assert.Equal(0, await f.ScalarAsync<long>("SELECT count(*) FROM fila_mensagens WHERE medico_id = @paused", new { paused }));

        await PauseDatePassesAsync(paused);
        var after = await CampaignAsync(tag);
        Assert.Equal(new[] { paused, other }.Order(), (await SendsAsync(after)).Select(s => s.Medico).Order());   // late: still paused
        await RunJobAsync("campanhas");
        await Eventually.MatchesAsync(() => SentProactiveAsync(paused, "campanha"), n => n == 1);
    }

    /// <summary>A follow-up that falls due during his pause is not queued; after the date the cadence goes on where it was.</summary>
    [Fact]
    public async Task AFollowUpDueDuringThePauseWaitsUntilTheDate()
    {
        var medico = await DoctorAsync("5511990055031", "pausa-followup");
        await f.ExecuteAsync("""
            INSERT INTO conversations (medico_id, stage, last_outbound_at, last_message_at) VALUES (@medico, 'msg_enviada', now() - interval '49 hours', now() - interval '49 hours')
            """, new { medico });
        await PauseAsync(medico);

        await RunJobAsync("followups");
        Assert.Equal(0, await f.ScalarAsync<long>("SELECT count(*) FROM fila_mensagens WHERE medico_id = @medico AND tipo = 'followup'", new { medico }));

        await PauseDatePassesAsync(medico);
        await RunJobAsync("followups");
        await Eventually.MatchesAsync(() => SentProactiveAsync(medico, "followup"), n => n == 1);
    }

    /// <summary>
    /// A campaign opening and a follow-up queued before he paused end unsent at their send (`bloqueada` `pausa_pedida`, the
    /// campaign's send `bloqueado`); a reminder he asked for goes out all the same.
    /// </summary>
    [Fact]
    public async Task QueuedProactiveRowsEndUnsentButTheReminderHeAskedForGoes()
    {
        var medico = await DoctorAsync("5511990055041", "pausa-fila");
        var conversa = await f.ScalarAsync<Guid>("INSERT INTO conversations (medico_id, stage) VALUES (@medico, 'msg_enviada') RETURNING id", new { medico });
        var (campaignRow, send) = (await f.QueryAsync<(Guid, Guid)>("""
            WITH c AS (INSERT INTO campanhas (nome, tipo, mensagem_template, status, iniciada_em)
                       VALUES ('Pausa fila', 'oferta_plantao', 'Oi!', 'ativa', now()) RETURNING id),
                 s AS (INSERT INTO envios_campanha (campanha_id, medico_id, status) SELECT id, @medico, 'enfileirado' FROM c RETURNING id, campanha_id),
                 q AS (INSERT INTO fila_mensagens (medico_id, tipo, conteudo, prioridade, agendar_para, metadata)
                       SELECT @medico, 'campanha', 'Oi Dr. Paulo! Temos plantões no ABC, quer ver?', 3, now() + interval '1 hour',
                              jsonb_build_object('campanha_id', s.campanha_id::text, 'envio_id', s.id) FROM s RETURNING id, (metadata->>'envio_id')::uuid AS envio)
            SELECT id, envio FROM q
            """, new { medico })).Single();
        await f.ExecuteAsync("UPDATE envios_campanha SET fila_mensagem_id = @campaignRow WHERE id = @send", new { campaignRow, send });
        var followUp = await f.ScalarAsync<Guid>("""
            INSERT INTO fila_mensagens (medico_id, conversa_id, tipo, conteudo, prioridade, agendar_para, metadata)
            VALUES (@medico, @conversa, 'followup', 'Oi Dr. Paulo, conseguiu ver?', 4, now() + interval '1 hour', '{"tipo_followup": "fu1"}') RETURNING id
            """, new { medico, conversa });
        var reminder = await f.ScalarAsync<Guid>("""
            INSERT INTO fila_mensagens (medico_id, conversa_id, tipo, conteudo, prioridade, agendar_para, metadata)
            VALUES (@medico, @conversa, 'lembrete_solicitado', 'Oi Dr. Paulo, passando pra retomar o que a gente combinou.', 7, now() + interval '1 hour',
                    jsonb_build_object('contexto', 'plantão', 'solicitado_em', now())) RETURNING id
            """, new { medico, conversa });
        await PauseAsync(medico);

        await f.ExecuteAsync("UPDATE fila_mensagens SET agendar_para = now() WHERE medico_id = @medico", new { medico });
        var rows = await Eventually.MatchesAsync(() => f.QueryAsync<(Guid Id, string Status, string? Reason)>(
            "SELECT id, status, outcome_reason_code FROM fila_mensagens WHERE medico_id = @medico", new { medico }),
            r => r.Count == 3 && r.All(x => x.Status is not ("pendente" or "processando")));

        Assert.Equal(("bloqueada", "pausa_pedida"), rows.Where(r => r.Id == campaignRow).Select(r => (r.Status, r.Reason)).Single());
        Assert.Equal(("bloqueada", "pausa_pedida"), rows.Where(r => r.Id == followUp).Select(r => (r.Status, r.Reason)).Single());
        Assert.Equal("enviada", rows.Single(r => r.Id == reminder).Status);
        Assert.Equal("bloqueado", await f.ScalarAsync<string>("SELECT status FROM envios_campanha WHERE id = @send", new { send }));
        Assert.Equal(["fila:lembrete_solicitado"], await f.QueryAsync<string>(
            "SELECT origem FROM interacoes WHERE medico_id = @medico AND direcao = 'saida'", new { medico }));
    }

    /// <summary>
    /// He writes during his pause: Júlia answers (the model sees the pause), and writing alone does not end it; when he
    /// says he is back, `retomar_contato` ends it and campaigns reach him again.
    /// </summary>
    [Fact]
    public async Task HisOwnMessageDuringThePauseIsAnsweredAndSayingHeIsBackEndsIt()
    {
        const string phone = "5511990055051";
        var medico = await DoctorAsync(phone, "pausa-volta");
        await PauseAsync(medico);
        const string question = "oi, so uma duvida: voces tem o contato do RH do hospital?";
        f.Anthropic.ScriptFor(question, Text("Tenho sim, te passo já."));

        await PostAsync(f.Client, Text(phone, question));
        await f.WaitProcessedAsync(phone);

        await Eventually.MatchesAsync(() => SentProactiveAsync(medico, "resposta"), n => n == 1);
        var asked = f.Anthropic.Requests.Last(r => Seen(r).Contains(question));
        Assert.Contains("Pausa pedida por ele", Regex.Unescape(asked["system"]!.ToJsonString()));
        Assert.NotNull(await PausedUntilAsync(medico));

        var answer = await ToolTurnAsync(phone, "voltei! tem plantao essa semana?", "retomar_contato", []);
        Assert.Contains("Pausa encerrada", answer);
        Assert.Null(await PausedUntilAsync(medico));
    }

    /// <summary>
    /// Staff see who is paused and end a pause with the runbook's statements; a campaign then reaches him. The list is the
    /// one GET /admin/medicos/pausados gives: a doctor erased or removed keeps his date in the row, but is nobody's to call.
    /// </summary>
    [Fact]
    public async Task StaffSeeAndClearAPauseWithTheRunbooksStatements()
    {
        const string tag = "pausa-equipe";
        var medico = await DoctorAsync("5511990055061", tag);
        await PauseAsync(medico);
        var erased = await DoctorAsync("5511990055062", tag + "-apagado");
        await PauseAsync(erased);
        await f.ExecuteAsync("UPDATE medicos SET apagado_em = now(), deleted_at = now() WHERE id = @erased", new { erased });

        var listed = await f.QueryAsync<Guid>(RunbookSql("-- Quem pediu pausa de contato"));
        Assert.Contains(medico, listed);
        Assert.DoesNotContain(erased, listed);
        await f.ExecuteAsync(RunbookSql("-- Encerrar a pausa de contato").Replace("'<medico_id>'", $"'{medico}'"));

        Assert.Null(await PausedUntilAsync(medico));
        var campaign = await CampaignAsync(tag);
        Assert.Equal([medico], (await SendsAsync(campaign)).Select(s => s.Medico));
    }

    /// <summary>The statement of docs/runbook.md that follows the comment line <paramref name="comment"/>, up to its `;`.</summary>
    static string RunbookSql(string comment)
    {
        var lines = File.ReadAllLines(Path.Combine(Repository.Root, "docs", "runbook.md"));
        var start = Array.FindIndex(lines, l => l.StartsWith(comment, StringComparison.Ordinal));
        Assert.True(start >= 0, $"docs/runbook.md has no line starting with {comment}");
        var statement = new List<string>();
        foreach (var line in lines.Skip(start + 1))
        {
            statement.Add(line);
            if (line.TrimEnd().EndsWith(';')) break;
        }
        return string.Join('\n', statement);
    }
}
