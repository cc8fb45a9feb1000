using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Julia.Doctors;
using Julia.Infrastructure.Time;
using Julia.IntegrationTests.Shifts;
using Julia.IntegrationTests.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Julia.IntegrationTests.Chatwoot;

/// <summary>Chatwoot on, and business hours all day with no spacing: a campaign's feed runs whenever a test asks.</summary>
public sealed class PauseCommandFixture : StaffReservationFixture
{
    protected override Dictionary<string, string?> Settings
    {
        get
        {
            var settings = base.Settings;
            settings["DIAS_UTEIS"] = "1-7";
            settings["HORARIO_INICIO"] = "00:00";
            settings["HORARIO_FIM"] = "00:00";
            settings["INTERVALO_ENTRE_ENVIOS_SEGUNDOS"] = "0";
            return settings;
        }
    }
}

/// <summary>
/// `/pausar &lt;data&gt; motivo` and `/retomar` in a private note of the doctor's Chatwoot conversation: a recruiter records
/// the pause he asked for on the phone, with the agent's rules, or ends it; the answer is a private note, once per note,
/// and nothing reaches the doctor (docs/decisions.md#contact-pause).
/// </summary>
public sealed class PauseCommandTests(PauseCommandFixture f) : IClassFixture<PauseCommandFixture>
{
    static DateOnly Today => PauseRules.Today(DateTimeOffset.UtcNow);

    static string Typed(DateOnly day) => day.ToString("dd'/'MM'/'yyyy", CultureInfo.InvariantCulture);

    Task<(DateTime? Ate, string? Motivo)> PauseOfAsync(Guid medico) => f.QueryAsync<(DateTime?, string?)>(
        "SELECT contato_pausado_ate, contato_pausado_motivo FROM medicos WHERE id = @medico", new { medico }).ContinueWith(t => t.Result.Single());

    /// <summary>His profile as the agent's next turn reads it: through `contexto:medico:*` (cached 120 s).</summary>
    Task<DoctorProfile?> CachedProfileAsync(Guid medico) =>
        f.App.Services.GetRequiredService<DoctorContext>().StartProfileRead(medico)(default);

    static DateTime Stored(DateOnly day) => PauseRules.StartOf(day).UtcDateTime;

    [Fact]
    public async Task PausarRecordsThePauseAnswersOnceAndTheCachedProfileShowsItAtOnce()
    {
        const string phone = "5511977730001";
        var (medico, conversa, chatwootId) = await f.DoctorAsync(phone, "pausa_nota");
        Assert.Null((await CachedProfileAsync(medico))!.ContatoPausadoAte);   // cached, without a pause
        var sentBefore = await f.ScalarAsync<long>("SELECT count(*) FROM fila_mensagens WHERE medico_id = @medico", new { medico });
        var day = Today.AddMonths(3);
        var note = HumanLoopFixture.StaffNote(chatwootId, phone, $"/pausar {Typed(day)} licença maternidade");

        var answer = await f.PostNoteAsync(note);

        Assert.Equal("ok", answer.GetProperty("status").GetString());
        Assert.Contains("pausado", answer.GetProperty("acao").GetString());
        Assert.Equal((Stored(day), "licença maternidade"), await PauseOfAsync(medico));
        var reply = await f.PrivateReplyAsync(chatwootId, 1);
        Assert.Contains($"Contato pausado até {Typed(day)} (licença maternidade)", reply);
        Assert.Contains("campanhas e follow-ups não chegam a ele", reply);
        Assert.Contains("Carlos Atendente", reply);
        Assert.Equal(Stored(day), (await CachedProfileAsync(medico))!.ContatoPausadoAte?.ToUniversalTime());

        // Chatwoot delivers the same note again: not run again, no second answer.
        var again = await f.PostNoteAsync(note);
        Assert.Equal("ignored", again.GetProperty("status").GetString());
        Assert.Contains("já tratado", again.GetProperty("acao").GetString());
        await Task.Delay(300);
        Assert.Single(f.PrivateReplies(chatwootId));

        // Staff's note: nothing to the doctor, no takeover.
        Assert.Equal(sentBefore, await f.ScalarAsync<long>("SELECT count(*) FROM fila_mensagens WHERE medico_id = @medico", new { medico }));
        Assert.Equal("ai", await f.ControlAsync(conversa));
    }

    /// <summary>The date as recruiters type it: with or without the year, two-digit year, ISO, "até" before it.</summary>
    [Fact]
    public async Task PausarReadsTheDateAsRecruitersTypeIt()
    {
        const string phone = "5511977730002";
        var (medico, _, chatwootId) = await f.DoctorAsync(phone, "pausa_formas");
        var inTwoMonths = Today.AddMonths(2);
        // dd/mm without a year: the next such day — one a week ago is next year's.
        var weekAgo = Today.AddDays(-7);
        var cases = new (string Typed, DateOnly Day)[]
        {
            (inTwoMonths.ToString("dd'/'MM", CultureInfo.InvariantCulture), inTwoMonths),
            (weekAgo.ToString("d'/'M", CultureInfo.InvariantCulture), new DateOnly(weekAgo.Year + 1, weekAgo.Month, weekAgo.Day)),
            (inTwoMonths.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), inTwoMonths.AddDays(1)),
            ("até " + inTwoMonths.AddDays(2).ToString("dd'/'MM'/'yy", CultureInfo.InvariantCulture), inTwoMonths.AddDays(2)),
            (inTwoMonths.AddDays(3).ToString("dd'.'MM'.'yyyy", CultureInfo.InvariantCulture), inTwoMonths.AddDays(3)),
        };
        for (var i = 0; i < cases.Length; i++)
        {
            await f.NoteAsync(chatwootId, phone, $"/Pausar {cases[i].Typed} residência");
            Assert.Contains($"Contato pausado até {Typed(cases[i].Day)} (residência)", await f.PrivateReplyAsync(chatwootId, i + 1));
            Assert.Equal((Stored(cases[i].Day), "residência"), await PauseOfAsync(medico));
        }
    }

    /// <summary>What the agent's tool refuses, a note refuses — nothing stored, the recruiter told why and how.</summary>
    [Fact]
    public async Task PausarRefusesWhatTheToolRefusesAndShowsHowToWriteIt()
    {
        const string phone = "5511977730003";
        var (medico, _, chatwootId) = await f.DoctorAsync(phone, "pausa_recusa");
        var inAMonth = Typed(Today.AddMonths(1));
        var cases = new (string Note, string Says)[]
        {
            ("/pausar", "/pausar <data> motivo"),
            ("/pausar licença", "Não entendi a data"),
            ("/pausar 31/02/2027 licença", "Não entendi a data"),
            ("/pausar 2027/13/40 licença", "Não entendi a data"),
            ($"/pausar {Typed(Today)} licença", "precisa ser futura"),
            ($"/pausar {Typed(Today.AddDays(-3))} licença", "precisa ser futura"),
            ($"/pausar {Typed(Today.AddMonths(13))} licença", $"no máximo até {Typed(Today.AddMonths(12))}"),
            ($"/pausar {inAMonth}", "Diga o motivo"),
        };
        for (var i = 0; i < cases.Length; i++)
        {
            await f.NoteAsync(chatwootId, phone, cases[i].Note);
            var reply = await f.PrivateReplyAsync(chatwootId, i + 1);
            Assert.Contains(cases[i].Says, reply);
            Assert.Contains("nada foi registrado", reply);
        }
        Assert.Equal((null, null), await PauseOfAsync(medico));

        // An opted-out doctor has nothing to pause.
        await f.ExecuteAsync("UPDATE medicos SET opted_out = true, opted_out_at = now() WHERE id = @medico", new { medico });
        await f.NoteAsync(chatwootId, phone, $"/pausar {inAMonth} licença");
        Assert.Contains("opt-out", await f.PrivateReplyAsync(chatwootId, cases.Length + 1));
        Assert.Equal((null, null), await PauseOfAsync(medico));
    }

    /// <summary>
    /// A pause set by a note keeps a running campaign from reaching him (his send `cancelado` `pausa_pedida` as it feeds);
    /// `/retomar` ends it at once — the cached profile too — and the next campaign reaches him; a second `/retomar` says
    /// there was nothing to end.
    /// </summary>
    [Fact]
    public async Task APauseSetByANoteKeepsACampaignAwayAndRetomarLetsTheNextOneThrough()
    {
        const string phone = "5511977730004";
        var (medico, _, chatwootId) = await f.DoctorAsync(phone, "pausa_campanha");
        const string tag = "pausa-nota-campanha";
        // He wrote 8 days ago (not "a recent conversation"): only his pause can keep a campaign from him.
        await f.ExecuteAsync("""
            UPDATE medicos SET tags = jsonb_build_array(@tag::text) WHERE id = @medico;
            UPDATE conversations SET last_inbound_at = now() - interval '8 days' WHERE medico_id = @medico;
            """, new { tag, medico });
        var running = await CampaignAsync(tag + "-antes");
        await f.ExecuteAsync("INSERT INTO envios_campanha (campanha_id, medico_id) VALUES (@running, @medico)", new { running, medico });

        await f.NoteAsync(chatwootId, phone, $"/pausar {Typed(Today.AddMonths(2))} fazendo residência");
        Assert.Contains("Contato pausado", await f.PrivateReplyAsync(chatwootId, 1));
        Assert.Equal(HttpStatusCode.OK, (await f.RunJobAsync("campanhas")).StatusCode);
        Assert.Equal(("cancelado", "pausa_pedida"), await f.QueryAsync<(string, string)>(
            "SELECT status, motivo FROM envios_campanha WHERE campanha_id = @running", new { running }).ContinueWith(t => t.Result.Single()));
        Assert.Empty(await SendsAsync(await CampaignAsync(tag)));
        Assert.NotNull((await CachedProfileAsync(medico))!.ContatoPausadoAte);   // cached, paused

        await f.NoteAsync(chatwootId, phone, "/retomar ele ligou, voltou da residência");
        var reply = await f.PrivateReplyAsync(chatwootId, 2);
        Assert.Contains($"Pausa encerrada (ia até {Typed(Today.AddMonths(2))})", reply);
        Assert.Contains("Motivo: ele ligou, voltou da residência.", reply);   // the words after /retomar are kept, not dropped
        Assert.Null((await PauseOfAsync(medico)).Ate);
        Assert.Null((await CachedProfileAsync(medico))!.ContatoPausadoAte);
        Assert.Equal([medico], await SendsAsync(await CampaignAsync(tag)));

        await f.NoteAsync(chatwootId, phone, "/retomar");
        Assert.Contains("não tinha pausa", await f.PrivateReplyAsync(chatwootId, 3));
    }

    /// <summary>
    /// A pause over another one in force says which date it replaced — a recruiter overwriting a colleague's pause sees it
    /// — also when only the reason changed; the same pause again replaces nothing.
    /// </summary>
    [Fact]
    public async Task APauseOverAnotherSaysTheDateItReplaced()
    {
        const string phone = "5511977730005";
        var (medico, _, chatwootId) = await f.DoctorAsync(phone, "pausa_substitui");
        var first = Today.AddMonths(2);
        var second = Today.AddMonths(5);

        await f.NoteAsync(chatwootId, phone, $"/pausar {Typed(first)} viagem");
        Assert.DoesNotContain("substitui", await f.PrivateReplyAsync(chatwootId, 1));
        await f.NoteAsync(chatwootId, phone, $"/pausar {Typed(second)} licença");
        Assert.Contains($"(substitui a pausa que ia até {Typed(first)})", await f.PrivateReplyAsync(chatwootId, 2));
        await f.NoteAsync(chatwootId, phone, $"/pausar {Typed(second)} licença maternidade");
        Assert.Contains($"(substitui a pausa que ia até {Typed(second)})", await f.PrivateReplyAsync(chatwootId, 3));
        await f.NoteAsync(chatwootId, phone, $"/pausar {Typed(second)} licença maternidade");
        Assert.DoesNotContain("substitui", await f.PrivateReplyAsync(chatwootId, 4));
        Assert.Equal((Stored(second), "licença maternidade"), await PauseOfAsync(medico));
    }

    /// <summary>
    /// A note that looks like a command but is none (`/pausa`, `/retoma`, `/pausar:`, `/confirma`) is answered with how
    /// to write it and changes nothing — silence read as "done" would leave him in the campaigns. Any other `/word` and a
    /// command in the middle of a sentence are ignored on purpose: no answer, nothing done.
    /// </summary>
    [Fact]
    public async Task ANoteThatLooksLikeACommandIsAnsweredWithTheUsageAndDoesNothing()
    {
        const string phone = "5511977730006";
        var (medico, _, chatwootId) = await f.DoctorAsync(phone, "pausa_quase");
        var day = Today.AddMonths(3);
        await f.NoteAsync(chatwootId, phone, $"/pausar {Typed(day)} plantão fixo");
        Assert.Contains("Contato pausado", await f.PrivateReplyAsync(chatwootId, 1));

        var slips = new (string Note, string Meant)[]
        {
            ($"/pausa {Typed(Today.AddMonths(6))} licença", "/pausar <data> motivo"),
            ("/Retoma ele voltou", "/retomar [motivo]"),
            ($"/pausar: {Typed(Today.AddMonths(6))} licença", "/pausar <data> motivo"),
            ("/retomr", "/retomar [motivo]"),
            ("/confirma", "/confirmar"),
        };
        for (var i = 0; i < slips.Length; i++)
        {
            var answer = await f.NoteAsync(chatwootId, phone, slips[i].Note);
            Assert.Contains("não reconhecido", answer.GetProperty("acao").GetString());
            var reply = await f.PrivateReplyAsync(chatwootId, i + 2);
            Assert.StartsWith("Não reconheci o comando /", reply);
            Assert.Contains("nada foi feito", reply);
            Assert.Contains(slips[i].Meant, reply);
            Assert.Equal((Stored(day), "plantão fixo"), await PauseOfAsync(medico));
        }

        foreach (var ignored in new[] { "/nota ligar na segunda", "vou /retomar amanhã com ele", "ele pediu /pausar até março" })
            Assert.Equal("ignored", (await f.NoteAsync(chatwootId, phone, ignored)).GetProperty("status").GetString());
        await Task.Delay(300);
        Assert.Equal(slips.Length + 1, f.PrivateReplies(chatwootId).Count);
        Assert.Equal((Stored(day), "plantão fixo"), await PauseOfAsync(medico));
    }

    async Task<long> CampaignAsync(string tag)
    {
        var created = await f.Client.PostAsJsonAsync("/campanhas", new
        {
            nome = "Pausa nota " + tag + Guid.NewGuid().ToString("N")[..6], tipo = "oferta_plantao",
            mensagem_template = "Oi {nome}! Temos plantões no ABC, quer ver?", filtros = new { tags = new[] { tag } },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<long>();
        Assert.Equal(HttpStatusCode.OK, (await f.Client.PostAsync($"/campanhas/{id}/iniciar", null)).StatusCode);
        return id;
    }

    Task<List<Guid>> SendsAsync(long campanha) =>
        f.QueryAsync<Guid>("SELECT medico_id FROM envios_campanha WHERE campanha_id = @campanha", new { campanha });
}
