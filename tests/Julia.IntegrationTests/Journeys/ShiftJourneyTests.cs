using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Julia.IntegrationTests.Chatwoot;
using Julia.IntegrationTests.TestHost;
using Microsoft.Extensions.DependencyInjection;
using static Julia.IntegrationTests.TestHost.EvolutionWebhooks;
using static Julia.IntegrationTests.TestHost.FakeAnthropic;

namespace Julia.IntegrationTests.Journeys;

/// <summary>
/// <see cref="JourneyFixture"/> with the real agent: the production Anthropic client talks to <see cref="FakeAnthropic"/>
/// on loopback, so the doctor's turns run the real tool loop (`buscar_vagas`, `reservar_plantao`, `solicitar_humano`)
/// against the real shift store and cache.
/// </summary>
public class ShiftJourneyFixture : JourneyFixture
{
    public FakeAnthropic Anthropic { get; private set; } = null!;

    protected override bool UseScriptedAgent => false;

    protected override Dictionary<string, string?> Settings
    {
        get
        {
            var settings = base.Settings;
            settings["ANTHROPIC_API_KEY"] = "sk-ant-test-FAKE";
            settings["ANTHROPIC_BASE_URL"] = Anthropic.Url;
            settings["Agent:MaxRetries"] = "1";
            return settings;
        }
    }

    public override async Task InitializeAsync()
    {
        Anthropic = Peer(await FakeAnthropic.StartAsync());
        await base.InitializeAsync();
    }


    /// <summary>
    /// One turn of the doctor: <paramref name="text"/> (ending with a marker of its own) answered by the model with
    /// <paramref name="answers"/> in order (tool calls, then the text); returns the model requests of that turn once its
    /// reply went out and was recorded — as he reads it before he answers: the next turn reads what that reply offered
    /// (`termos_oferecidos`) from the recorded outbound, and a "sim" sent before the reply reached him answers the earlier
    /// offer (the terms journey failed once under the full suite when its next message overtook the send).
    /// </summary>
    public async Task<List<JsonObject>> TurnAsync(string phone, string text, string marker, params FakeModelServer.Answer[] answers)
    {
        Anthropic.ScriptFor(marker, answers);
        await PostAsync(Client, Text(phone, $"{text} {marker}"));
        await WaitProcessedAsync(phone);
        await WaitSendsRecordedAsync(phone);
        return RequestsOf(marker);
    }

    /// <summary>
    /// <see cref="StaffReservationFixture.DoctorAsync"/>, then his cached views dropped: his specialty is set after his
    /// first turn cached his profile, and the real agent reads it (as staff changing it in the database wait CACHE_TTL_CONTEXTO).
    /// </summary>
    public new async Task<(Guid Medico, Guid Conversa, long ChatwootId)> DoctorAsync(string phone, string specialty)
    {
        var doctor = await base.DoctorAsync(phone, specialty);
        await App.Services.GetRequiredService<Julia.Doctors.DoctorDirectory>().InvalidateAsync(doctor.Medico, phone);
        return doctor;
    }

    /// <summary>
    /// As it is once CACHE_TTL_VAGAS has passed (the offer was yesterday): the shift's specialty has no cached open shifts
    /// (`vagas:especialidade:*`), which staff's own system never drops when it changes a shift.
    /// </summary>
    public async Task CachedShiftsExpiredAsync(Guid vaga) => await App.Services.GetRequiredService<Julia.Shifts.ShiftCatalog>()
        .InvalidateSpecialtyAsync(await ScalarAsync<Guid>("SELECT especialidade_id FROM vagas WHERE id = @vaga", new { vaga }));

    public List<JsonObject> RequestsOf(string marker) => Anthropic.RequestsCarrying(marker);

    /// <summary>What the tools answered the model in these requests (their `tool_result` blocks), once each.</summary>
    public static List<string> ToolResults(IEnumerable<JsonObject> requests) =>
        [.. requests.SelectMany(r => r["messages"]!.AsArray())
            .SelectMany(m => m?["content"] as JsonArray ?? [])
            .Where(p => p?["type"]?.GetValue<string>() == "tool_result")
            .Select(p => FakeModelServer.Content(p!)).Distinct()];

    /// <summary>The system prompt of a request, unescaped.</summary>
    public static string System(JsonObject request) => Regex.Unescape(request["system"]!.ToJsonString());

    /// <summary>A shift of the specialty on the same night and hours as <paramref name="like"/>, at another hospital.</summary>
    public Task<Guid> SameNightShiftAsync(Guid like, string hospital) => ScalarAsync<Guid>("""
        WITH h AS (INSERT INTO hospitais (nome, cidade) VALUES (@hospital, 'São Bernardo do Campo')
                   ON CONFLICT (nome, cidade) DO UPDATE SET nome = EXCLUDED.nome RETURNING id)
        INSERT INTO vagas (hospital_id, especialidade_id, periodo_id, data, hora_inicio, hora_fim, valor, status)
        SELECT h.id, v.especialidade_id, v.periodo_id, v.data, v.hora_inicio, v.hora_fim, 1900, 'aberta' FROM vagas v, h WHERE v.id = @like
        RETURNING id
        """, new { like, hospital });

    /// <summary>The terms the latest reply Júlia sent him recorded for the shift (`termos_oferecidos`), once it went out.</summary>
    public Task<string?> TermsSentAsync(Guid medico, Guid vaga, string containing) => Eventually.MatchesAsync(() => ScalarAsync<string?>("""
        SELECT llm->'termos_oferecidos'->>@id FROM interacoes
        WHERE medico_id = @medico AND direcao = 'saida' AND llm->'termos_oferecidos'->>@id IS NOT NULL ORDER BY created_at DESC LIMIT 1
        """, new { medico, id = vaga.ToString() }), t => t?.Contains(containing, StringComparison.Ordinal) == true);

    public Task<List<(Guid Medico, string Status)>> ReservationsAsync(Guid vaga) => QueryAsync<(Guid, string)>(
        "SELECT medico_id, status FROM reservas_vaga WHERE vaga_id = @vaga ORDER BY created_at", new { vaga });

    public int SlackCount(string text, string about) =>
        Slack.Received.Count(m => HumanLoopFixture.SlackMentions(m, text) && HumanLoopFixture.SlackMentions(m, about));
}

/// <summary>
/// The shift side of a doctor's day with the agent's tools (docs/decisions.md#agent, #reservations): offers, "quero",
/// holds, changes staff make in their system, other doctors and the jobs in between — on the real host, checked by what
/// was held, what the tools told the model, what the model's context said and what WhatsApp and Slack got.
/// </summary>
public sealed class ShiftJourneyTests(ShiftJourneyFixture f) : IClassFixture<ShiftJourneyFixture>
{
    static JsonObject Reserve(Guid vaga, string words = "quero") => new() { ["vaga_id"] = vaga.ToString(), ["confirmacao"] = words };

    /// <summary>
    /// Júlia offers the Hospital Termos at R$ 2.100; staff lower it to R$ 1.500 in their system; he says "quero esse". He
    /// accepted R$ 2.100: nothing is held, the tool tells the model what changed (old and new pay) so it can ask him again,
    /// and the reply records the new terms as offered — his "sim" to them then holds the shift. Before, the hold was made
    /// at R$ 1.500 and the tool's "Reservado: … R$ 1.500" was all that hinted at the change.
    /// </summary>
    [Fact]
    public async Task TermsStaffChangedAfterTheOfferAreToldBeforeAnythingIsHeldAndHisNewYesHoldsIt()
    {
        const string phone = "5511966620001";
        var (medico, _, _) = await f.DoctorAsync(phone, "sj_termos");
        var vaga = await f.OpenShiftAsync("sj_termos", "Hospital Termos");
        await f.TurnAsync(phone, "tem plantão noturno?", "(j1a)", Text("Tenho no Hospital Termos, em Santo André, noturno, R$ 2.100. Quer?"));
        Assert.Contains("R$ 2.100", await f.TermsSentAsync(medico, vaga, "R$ 2.100"));

        await f.ExecuteAsync("UPDATE vagas SET valor = 1500 WHERE id = @vaga", new { vaga });
        var changed = await f.TurnAsync(phone, "quero esse", "(j1b)", Tool("reservar_plantao", Reserve(vaga)),
            Text("Dr., o valor desse plantão mudou pra R$ 1.500. Ainda quer?"));

        Assert.Empty(await f.ReservationsAsync(vaga));
        var told = Assert.Single(ShiftJourneyFixture.ToolResults(changed));
        Assert.Contains("Não reservado", told);
        Assert.Contains("valor: era R$ 2.100, agora R$ 1.500", told);
        Assert.Contains("R$ 1.500", await f.TermsSentAsync(medico, vaga, "R$ 1.500"));

        var again = await f.TurnAsync(phone, "sim, pode reservar mesmo assim", "(j1c)", Tool("reservar_plantao", Reserve(vaga, "sim")), Text("Reservado! A equipe confirma."));
        Assert.StartsWith("Reservado:", Assert.Single(ShiftJourneyFixture.ToolResults(again)));
        Assert.Equal([(medico, "ativa")], await f.ReservationsAsync(vaga));
        await f.WaitSlackAsync(m => HumanLoopFixture.SlackMentions(m, "Plantão reservado") && HumanLoopFixture.SlackMentions(m, "Hospital Termos"));
    }

    /// <summary>
    /// The cached list (`vagas:*`, CACHE_TTL_VAGAS) still shows the pay staff just changed in their system: within one turn
    /// ("pode reservar o noturno pra mim") the search answers the cached R$ 2.100 and the hold reads the database — it is
    /// refused with the change, so no shift is held on terms the doctor was never told (docs/runbook.md: clearing `vagas:*`).
    /// </summary>
    [Fact]
    public async Task ACachedListWithOldPayNeverHoldsTheShiftOnTermsHeWasNotTold()
    {
        const string phone = "5511966620002";
        await f.DoctorAsync(phone, "sj_cache");
        var vaga = await f.OpenShiftAsync("sj_cache", "Hospital Cacheado");
        await f.TurnAsync(phone, "bom dia", "(j2a)", Text("Bom dia, Dr.!"));   // his context list: the specialty's shifts, now cached
        await f.ExecuteAsync("UPDATE vagas SET valor = 1500 WHERE id = @vaga", new { vaga });

        var turn = await f.TurnAsync(phone, "pode reservar pra mim o noturno de Santo André", "(j2b)",
            Tool("buscar_vagas", new JsonObject()), Tool("reservar_plantao", Reserve(vaga, "pode reservar")), Text("O valor mudou pra R$ 1.500, ainda quer?"));

        Assert.Empty(await f.ReservationsAsync(vaga));
        var results = ShiftJourneyFixture.ToolResults(turn);
        Assert.Contains(results, r => r.Contains($"vaga_id={vaga}") && r.Contains("R$ 2.100"));   // the cache, for up to CACHE_TTL_VAGAS
        Assert.Contains(results, r => r.Contains("valor: era R$ 2.100, agora R$ 1.500"));
    }

    /// <summary>
    /// Two doctors say "quero" to the same shift in the same second (two webhooks, two turns at once): one hold, one
    /// "Plantão reservado" in Slack; the other's tool says it was just taken (not "not offered"), and both are answered.
    /// </summary>
    [Fact]
    public async Task TwoDoctorsSayingQueroAtOnceHoldTheShiftOnceAndBothAreAnswered()
    {
        const string first = "5511966620003", second = "5511966620004";
        var (a, _, _) = await f.DoctorAsync(first, "sj_corrida");
        var (b, _, _) = await f.DoctorAsync(second, "sj_corrida");
        var vaga = await f.OpenShiftAsync("sj_corrida", "Hospital Corrida");
        await f.TurnAsync(first, "tem noturno?", "(j3a0)", Text("Tenho no Hospital Corrida, noturno, R$ 2.100. Quer?"));
        await f.TurnAsync(second, "tem noturno?", "(j3b0)", Text("Tenho no Hospital Corrida, noturno, R$ 2.100. Quer?"));
        await f.TermsSentAsync(a, vaga, "Corrida");
        await f.TermsSentAsync(b, vaga, "Corrida");
        var sentBefore = (f.SentTo(first).Count, f.SentTo(second).Count);
        f.Anthropic.ScriptFor("(j3a)", Tool("reservar_plantao", Reserve(vaga)), Text("Feito!"));
        f.Anthropic.ScriptFor("(j3b)", Tool("reservar_plantao", Reserve(vaga)), Text("Feito!"));

        await Task.WhenAll(PostAsync(f.Client, Text(first, "quero esse do Corrida (j3a)")), PostAsync(f.Client, Text(second, "quero esse do Corrida (j3b)")));
        await Task.WhenAll(f.WaitProcessedAsync(first), f.WaitProcessedAsync(second));

        var held = Assert.Single(await f.ReservationsAsync(vaga));
        Assert.Equal("ativa", held.Status);
        Assert.Contains(held.Medico, new[] { a, b });
        var loser = held.Medico == a ? "(j3b)" : "(j3a)";
        Assert.Equal(["Essa vaga já foi reservada por outra pessoa."], ShiftJourneyFixture.ToolResults(f.RequestsOf(loser)));
        await Eventually.MatchesAsync(() => Task.FromResult((f.SentTo(first).Count, f.SentTo(second).Count)),
            n => n.Item1 > sentBefore.Item1 && n.Item2 > sentBefore.Item2);
        await f.WaitSendsRecordedAsync(first);
        await f.WaitSendsRecordedAsync(second);
        await f.WaitSlackAsync(m => HumanLoopFixture.SlackMentions(m, "Plantão reservado") && HumanLoopFixture.SlackMentions(m, "Hospital Corrida"));
        Assert.Equal(1, f.SlackCount("Plantão reservado", "Hospital Corrida"));
    }

    /// <summary>
    /// Júlia offered two shifts of the same night (Aurora and Boreal); he took Aurora. Asked next about Boreal, the model
    /// is told it clashes with the shift he holds — it had vanished from the context, with nothing said, and its
    /// reservation was answered "não foi oferecido nesta conversa".
    /// </summary>
    [Fact]
    public async Task AnOfferedShiftThatNowClashesWithHisHoldIsToldAsAClash()
    {
        const string phone = "5511966620005";
        var (medico, conversa, _) = await f.DoctorAsync(phone, "sj_noite");
        var aurora = await f.OpenShiftAsync("sj_noite", "Hospital Aurora");
        var boreal = await f.SameNightShiftAsync(aurora, "Hospital Boreal");
        await f.TurnAsync(phone, "tem noturno?", "(j4a)", Text("Tenho no Aurora, R$ 2.100, e no Boreal, R$ 1.900, na mesma noite. Qual prefere?"));
        await f.TermsSentAsync(medico, boreal, "Boreal");
        await f.HoldAsync(aurora, medico, conversa);

        var turn = await f.TurnAsync(phone, "quero o do Boreal também", "(j4b)",
            Tool("reservar_plantao", Reserve(boreal, "quero também")), Text("Esse conflita com o seu do Aurora."));

        var gone = Section(ShiftJourneyFixture.System(turn[0]), "## Plantões oferecidos antes a ele que não estão mais disponíveis");
        Assert.Contains("Hospital Boreal", gone);
        Assert.Contains("conflita com um plantão que ele já tem (Hospital Aurora", gone);
        Assert.Contains("Recusado: conflita com um plantão que o médico já tem", Assert.Single(ShiftJourneyFixture.ToolResults(turn)));
        Assert.Equal([(medico, "ativa")], await f.ReservationsAsync(aurora));
        Assert.Empty(await f.ReservationsAsync(boreal));
    }

    /// <summary>
    /// "quero aquele de ontem": the shift Júlia offered him yesterday was taken by another doctor since. His context says
    /// so, and the reservation is answered "reservada por outra pessoa" — not "não foi oferecido", which sent the model
    /// searching for a shift that no search lists any more.
    /// </summary>
    [Fact]
    public async Task AQueroADayAfterTheOfferForAShiftAnotherDoctorTookIsToldItWasTaken()
    {
        const string phone = "5511966620006";
        var (medico, _, _) = await f.DoctorAsync(phone, "sj_ontem");
        var (other, otherConversa, _) = await f.DoctorAsync("5511966620007", "sj_ontem");
        var vaga = await f.OpenShiftAsync("sj_ontem", "Hospital Véspera");
        await f.TurnAsync(phone, "tem algo pra semana que vem?", "(j5a)", Text("Tenho no Hospital Véspera, noturno, R$ 2.100. Quer?"));
        await f.TermsSentAsync(medico, vaga, "Véspera");
        await f.ExecuteAsync("UPDATE interacoes SET created_at = created_at - interval '1 day' WHERE medico_id = @medico", new { medico });
        await f.HoldAsync(vaga, other, otherConversa);
        await f.CachedShiftsExpiredAsync(vaga);

        var turn = await f.TurnAsync(phone, "quero aquele de ontem", "(j5b)", Tool("reservar_plantao", Reserve(vaga)), Text("Poxa, esse já foi reservado."));

        Assert.Contains("Hospital Véspera (Santo André)", Section(ShiftJourneyFixture.System(turn[0]), "## Plantões oferecidos antes a ele que não estão mais disponíveis"));
        Assert.Contains("reservado por outro médico", ShiftJourneyFixture.System(turn[0]));
        Assert.Equal(["Essa vaga já foi reservada por outra pessoa."], ShiftJourneyFixture.ToolResults(turn));
        Assert.Equal([(other, "ativa")], await f.ReservationsAsync(vaga));
    }

    /// <summary>
    /// Offered on Monday for a night that has since started: "quero" is answered "já começou ou passou", and the context
    /// lists it among the offers no longer available for the same reason.
    /// </summary>
    [Fact]
    public async Task AnOfferedShiftThatHasStartedIsToldAsStarted()
    {
        const string phone = "5511966620008";
        var (medico, _, _) = await f.DoctorAsync(phone, "sj_passou");
        var vaga = await f.OpenShiftAsync("sj_passou", "Hospital Passado");
        await f.TurnAsync(phone, "tem noturno?", "(j6a)", Text("Tenho no Hospital Passado, noturno, R$ 2.100. Quer?"));
        await f.TermsSentAsync(medico, vaga, "Passado");
        await f.ExecuteAsync("UPDATE vagas SET data = (now() AT TIME ZONE 'America/Sao_Paulo')::date - 1 WHERE id = @vaga", new { vaga });
        await f.CachedShiftsExpiredAsync(vaga);

        var turn = await f.TurnAsync(phone, "quero", "(j6b)", Tool("reservar_plantao", Reserve(vaga)), Text("Esse já passou, Dr."));

        Assert.Contains("já começou ou passou", Section(ShiftJourneyFixture.System(turn[0]), "## Plantões oferecidos antes a ele que não estão mais disponíveis"));
        Assert.Equal(["Esse plantão já começou ou passou."], ShiftJourneyFixture.ToolResults(turn));
        Assert.Empty(await f.ReservationsAsync(vaga));
    }

    /// <summary>
    /// He searches another specialty's shifts (the tool allows it) and says "quero": the hold is refused as another
    /// specialty and nothing is held (docs/decisions.md#agent: same specialty).
    /// </summary>
    [Fact]
    public async Task AShiftOfAnotherSpecialtyHeFoundIsNotHeld()
    {
        const string phone = "5511966620009";
        await f.DoctorAsync(phone, "sj_propria");
        await f.ExecuteAsync("INSERT INTO especialidades (nome) VALUES ('sj_alheia') ON CONFLICT (nome) DO NOTHING");
        var vaga = await f.OpenShiftAsync("sj_alheia", "Hospital Alheio");

        var turn = await f.TurnAsync(phone, "quero o de sj_alheia que tiver", "(j7)",
            Tool("buscar_vagas", new JsonObject { ["especialidade"] = "sj_alheia" }), Tool("reservar_plantao", Reserve(vaga, "quero")), Text("Esse é de outra especialidade."));

        var results = ShiftJourneyFixture.ToolResults(turn);
        Assert.Contains(results, r => r.Contains($"vaga_id={vaga}") && r.StartsWith("Atenção: estes plantões são de outra especialidade", StringComparison.Ordinal));
        Assert.Contains("Recusado: o plantão é de outra especialidade.", results);
        Assert.Empty(await f.ReservationsAsync(vaga));
    }

    /// <summary>
    /// "não vou poder mais ir no sábado": Júlia does not cancel holds (persona: `solicitar_humano`); the hold stays in
    /// force, a person gets the conversation with the hold listed in the handoff note, and staff's cancellation reopens the
    /// shift, tells Slack and sends him nothing (docs/decisions.md#reservations).
    /// </summary>
    [Fact]
    public async Task HeGivesUpAHoldOnWhatsAppAndAPersonCancelsIt()
    {
        const string phone = "5511966620010";
        var (medico, conversa, chatwootId) = await f.DoctorAsync(phone, "sj_desiste");
        var vaga = await f.OpenShiftAsync("sj_desiste", "Hospital Desistência");
        var reserva = await f.HoldAsync(vaga, medico, conversa);

        await f.TurnAsync(phone, "não vou poder mais ir no sábado, surgiu um compromisso", "(j8)",
            Tool("solicitar_humano", new JsonObject { ["tipo"] = "baixa_confianca", ["motivo"] = "quer desistir do plantão reservado" }));

        Assert.Equal("human", await f.ControlAsync(conversa));
        Assert.Equal("ativa", (await f.StateAsync(reserva)).Status);
        await Eventually.MatchesAsync(() => Task.FromResult(f.Chatwoot.Messages.Any(m => m.ConversationId == chatwootId
            && m.Body["private"]?.GetValue<bool>() == true && m.Body["content"]!.GetValue<string>().Contains("Hospital Desistência"))), any => any);
        var sent = f.SentTo(phone).Count;

        await f.OkJsonAsync(await f.PostJsonAsync($"/admin/reservas/{reserva}/cancelar", new { motivo = "médico desistiu", por = "Carla" }));

        Assert.Equal(("cancelada", "aberta"), ((string, string))((await f.StateAsync(reserva)).Status, (await f.StateAsync(reserva)).Vaga));
        await f.WaitSlackAsync(m => HumanLoopFixture.SlackMentions(m, "Reserva cancelada") && HumanLoopFixture.SlackMentions(m, "Hospital Desistência"));
        Assert.Equal(sent, f.SentTo(phone).Count);
    }

    /// <summary>
    /// Another doctor's hold on the shift is past RESERVA_EXPIRA_HORAS; the expiry job runs while this doctor's "quero"
    /// reserves it. Whichever comes first, the old hold ends `expirada` once, the shift is never held twice, and if it is
    /// held it is his with his reservation in force.
    /// </summary>
    [Fact]
    public async Task TheExpiryJobAndHisQueroOnTheSameShiftNeverHoldItTwice()
    {
        const string phone = "5511966620011";
        var (medico, _, _) = await f.DoctorAsync(phone, "sj_expira");
        var (other, otherConversa, _) = await f.DoctorAsync("5511966620012", "sj_expira");
        var vaga = await f.OpenShiftAsync("sj_expira", "Hospital Prazo");
        await f.TurnAsync(phone, "tem noturno?", "(j9a)", Text("Tenho no Hospital Prazo, noturno, R$ 2.100. Quer?"));
        await f.TermsSentAsync(medico, vaga, "Prazo");
        var old = await f.HoldAsync(vaga, other, otherConversa);
        await f.ExecuteAsync("UPDATE reservas_vaga SET created_at = now() - interval '25 hours' WHERE id = @old", new { old });

        f.Anthropic.ScriptFor("(j9b)", Tool("reservar_plantao", Reserve(vaga)), Text("Certo!"));
        var job = f.RunJobAsync("reservas-expiracao");
        await PostAsync(f.Client, Text(phone, "quero (j9b)"));
        Assert.Equal(HttpStatusCode.OK, (await job).StatusCode);
        await f.WaitProcessedAsync(phone);

        Assert.Equal("expirada", (await f.StateAsync(old)).Status);
        var inForce = (await f.ReservationsAsync(vaga)).Where(r => r.Status is "ativa" or "confirmada").ToList();
        var (status, holder) = (await f.QueryAsync<(string, Guid?)>("SELECT status, medico_id FROM vagas WHERE id = @vaga", new { vaga })).Single();
        if (status == "reservada")
            Assert.Equal([(medico, "ativa")], inForce);
        else
        {
            Assert.Equal(("aberta", (Guid?)null), (status, holder));
            Assert.Empty(inForce);
        }
        await f.WaitSlackAsync(m => HumanLoopFixture.SlackMentions(m, "Reserva expirada") && HumanLoopFixture.SlackMentions(m, "Hospital Prazo"));
        Assert.Equal(1, f.SlackCount("Reserva expirada", "Hospital Prazo"));
    }

    /// <summary>
    /// "quero esse" and, right after, "qual o endereço?": one hold whatever the turns did (a turn regenerated after its own
    /// hold is told "já está reservado para ele"), one "Plantão reservado", both messages answered, and the question
    /// reaches the model.
    /// </summary>
    [Fact]
    public async Task AQueroAndAQuestionRightAfterHoldOnceAndTheQuestionIsAnswered()
    {
        const string phone = "5511966620013";
        var (medico, _, _) = await f.DoctorAsync(phone, "sj_rajada");
        var vaga = await f.OpenShiftAsync("sj_rajada", "Hospital Rajada");
        var sent = f.SentTo(phone).Count;
        f.Anthropic.ScriptFor("(j10)", Tool("reservar_plantao", Reserve(vaga)), Text("Reservado! Fica na Av. Central, 100."),
            Tool("reservar_plantao", Reserve(vaga)), Text("Reservado! Fica na Av. Central, 100."));

        await PostAsync(f.Client, Text(phone, "quero esse do Rajada (j10)"));
        await PostAsync(f.Client, Text(phone, "qual o endereço?"));
        await f.WaitProcessedAsync(phone);

        Assert.Equal([(medico, "ativa")], await f.ReservationsAsync(vaga));
        Assert.Contains(f.RequestsOf("(j10)"), r => r.ToJsonString().Contains("qual o endere", StringComparison.Ordinal));
        await Eventually.MatchesAsync(() => Task.FromResult(f.SentTo(phone).Skip(sent).ToList()), s => s.Any(t => t.Contains("Av. Central")));
        await f.WaitSlackAsync(m => HumanLoopFixture.SlackMentions(m, "Plantão reservado") && HumanLoopFixture.SlackMentions(m, "Hospital Rajada"));
        Assert.Equal(1, f.SlackCount("Plantão reservado", "Hospital Rajada"));
    }

    /// <summary>One section of the system prompt, from its heading to the next one.</summary>
    static string Section(string system, string heading)
    {
        var start = system.IndexOf(heading, StringComparison.Ordinal);
        Assert.True(start >= 0, system);
        var end = system.IndexOf("\n## ", start + heading.Length, StringComparison.Ordinal);
        return end < 0 ? system[start..] : system[start..end];
    }
}
