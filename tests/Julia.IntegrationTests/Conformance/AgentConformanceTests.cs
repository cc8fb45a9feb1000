using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Julia.Agent;
using Julia.Infrastructure.Redis;
using Julia.IntegrationTests.Agent;
using Julia.IntegrationTests.TestHost;
using Microsoft.Extensions.DependencyInjection;
using static Julia.IntegrationTests.TestHost.EvolutionWebhooks;
using static Julia.IntegrationTests.TestHost.FakeAnthropic;

namespace Julia.IntegrationTests.Conformance;

/// <summary>
/// The agent's contract (docs/decisions.md#agent) at the edge it names: what Júlia sends the model — read from the fake
/// Anthropic server's recorded requests — and what the tools the model calls do to the database, on the real host
/// (real Postgres and Redis, the Anthropic SDK pointed at a loopback fake). Each test proves claims no other test proves
/// there; the claims proven elsewhere, and where:
/// <list type="bullet">
/// <item>Persona and honesty rules stated in the system prompt: <c>UnitTests/Agent/PersonaConformanceTests</c>.</item>
/// <item>First contact vs ongoing, back from a human: <c>Chatwoot/HumanLoopTests.BackWithJuliaAfterAHandoffWithNoStaffMessageSheIsToldControlReturned</c>,
/// <c>UnitTests/Agent/AgentContextBuilderTests</c>; directives (context item 6): <c>AgentTests.ActiveDirectivesForEveryoneAndForTheDoctorReachTheModelAndNoOthers</c>;
/// the static context cached in <c>contexto:medico:{id}</c>: <c>RedisKeysConformanceTests</c>.</item>
/// <item>"No open shift right now" line, unknown specialty: <c>UnitTests/Agent/AgentContextBuilderTests.NoShiftsIsSaidExplicitly</c>,
/// <c>…AnUnknownSpecialtyIsAskedForNotAnsweredWithNothing</c>.</item>
/// <item><c>reservar_plantao</c>: <c>anunciada</c> reservable — <c>AgentTests.AnAnnouncedShiftADirectiveNamesCanBeReserved</c>; explicit
/// acceptance — <c>AgentTests.JuliasQuotedWordsAreNotTheDoctorsAcceptance</c>, <c>PromptInjectionCannotReserve</c>, <c>UnitTests/Agent/AcceptanceRulesTests</c>;
/// overlap by time with <c>reservada</c>/<c>confirmada</c> — <c>Shifts/ReservationTests.ADoctorCannotHoldTwoOverlappingShifts</c>,
/// <c>Journeys/ShiftJourneyTests.AnOfferedShiftThatNowClashesWithHisHoldIsToldAsAClash</c>; 0 rows → "já foi reservada por outra
/// pessoa" and one Slack "Plantão reservado" — <c>Journeys/ShiftJourneyTests.TwoDoctorsSayingQueroAtOnceHoldTheShiftOnceAndBothAreAnswered</c>,
/// the notice's fields — <c>UnitTests/Slack/SlackMessagesTests</c>; conversation <c>stage='reservou'</c> —
/// <c>AgentTests.TwoToolRoundsSearchThenReserveAfterAnExplicitYes</c>; atomic race — <c>Shifts/ReservationTests.TwoDoctorsRacingForOneShiftHaveExactlyOneWinner</c>.</item>
/// <item><c>agendar_lembrete</c> in business hours with the nearest valid slot: <c>AgentTests.AReminderTimeThatIsNotIsoIsRefusedAndAClosedOneGetsTheNearestValidMinute</c>.</item>
/// <item><c>atualizar_preferencias</c> merge, names resolved to ids, cache dropped; <c>registrar_opt_out</c> and <c>solicitar_humano</c> discard
/// the model's words: <c>AgentTests.ToolsForOptOutHandoffPreferencesAndReminders</c>, <c>AgentTests.PreferencesSavedInATurnBoundASearchLaterInIt</c>.</item>
/// <item>Up to 3 tool rounds: <c>AgentTests.ThreeToolRoundsThenAnEmptyAnswerAreRetriedWithoutTools</c>; tool errors back to the model:
/// <c>UnitTests/Agent/ToolFailureLogTests</c> and every refusal test above; <c>max_tokens</c> 300 and no temperature on the Anthropic wire
/// (docs/decisions.md#agent) — <c>AgentTests.PlainTextReplyIsQueuedAndTheRequestCarriesContextWithFullShiftIds</c>, temperature 0.7 on
/// OpenAI-compatible servers — <c>OpenAIAgentTests</c>.</item>
/// <item>Fallback: retries, the holding message at most once per 30 min, handoff <c>erro_sistema</c> after FALLBACK_HANDOFF_MINUTOS, no raw
/// error text — <c>PatientFallbackTests</c>, <c>ResilienceTests</c>, <c>ProviderErrorTests</c>; circuit opening and <c>circuito_aberto</c> —
/// <c>ResilienceTests.OverloadedUntilTheCircuitOpensThenNoMoreCallsAndEveryoneGetsAPerson</c>, <c>Alerts/ImmediateAlertsTests</c>.</item>
/// </list>
/// </summary>
public sealed class AgentConformanceTests(AgentFixture f) : IClassFixture<AgentFixture>
{
    const string SantaHelena = "b0000000-0000-4000-8000-000000000001", VilaAssuncao = "b0000000-0000-4000-8000-000000000002";
    const string Uti = "5e700000-0000-4000-8000-000000000001", Ps = "5e700000-0000-4000-8000-000000000002";
    static readonly TimeZoneInfo SaoPaulo = TimeZoneInfo.FindSystemTimeZoneById("America/Sao_Paulo");
    static readonly Regex VagaId = new(@"vaga_id=([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})");

    static DateTime TodayInSaoPaulo => TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, SaoPaulo).Date;
    static string Unescaped(JsonNode node) => Regex.Unescape(node.ToJsonString());
    static string LastMessage(JsonObject request) => Unescaped(request["messages"]!.AsArray()[^1]!);

    /// <summary>One section of the system prompt, from its heading to the next one.</summary>
    static string Section(string system, string heading)
    {
        var start = system.IndexOf(heading, StringComparison.Ordinal);
        Assert.True(start >= 0, system);
        var end = system.IndexOf("\n## ", start + heading.Length, StringComparison.Ordinal);
        return end < 0 ? system[start..] : system[start..end];
    }

    async Task<Guid> SpecialtyAsync(string name, string? note = null) => await f.ScalarAsync<Guid>("""
        INSERT INTO especialidades (nome, nome_display, config) VALUES (@name, @name, jsonb_strip_nulls(jsonb_build_object('nota_contexto', @note::text)))
        RETURNING id
        """, new { name, note });

    async Task<Guid> DoctorAsync(string phone, Guid especialidade, string stage = "em_conversacao", string preferences = "{}") => await f.ScalarAsync<Guid>("""
        INSERT INTO medicos (telefone, primeiro_nome, sobrenome, titulo, crm, estado, cidade, regiao, especialidade_id, stage_jornada, vip, origem, preferencias_detectadas)
        VALUES (@phone, 'Conrado', 'Lima', 'Dr.', '123456', 'SP', 'Santo André', 'ABC', @especialidade, @stage, true, 'import', @preferences::jsonb)
        RETURNING id
        """, new { phone, especialidade, stage, preferences });

    async Task<Guid> ShiftAsync(Guid especialidade, DateTime day, string start, string end, string periodo, string prioridade, int valor,
        string hospital = SantaHelena, string setor = Uti, string status = "aberta", Guid? medico = null, bool deleted = false) =>
        await f.ScalarAsync<Guid>("""
            INSERT INTO vagas (hospital_id, especialidade_id, setor_id, periodo_id, data, hora_inicio, hora_fim, valor, prioridade, status,
                               medico_id, fechada_em, fechada_por, deleted_at)
            VALUES (@hospital::uuid, @especialidade, @setor::uuid, (SELECT id FROM periodos WHERE nome = @periodo), @day::date, @start::time, @end::time,
                    @valor, @prioridade, @status, @medico::uuid,
                    CASE WHEN @medico::uuid IS NULL THEN NULL ELSE now() END, CASE WHEN @medico::uuid IS NULL THEN NULL ELSE 'humano' END,
                    CASE WHEN @deleted THEN now() END)
            RETURNING id
            """, new { hospital, especialidade, setor, periodo, day, start, end, valor, prioridade, status, medico, deleted });

    /// <summary>
    /// Context item 4 and `buscar_vagas` (the reference never passed open shifts, cut their ids to 8 characters and saw a clash only on the same period id): the context lists up to VAGAS_NO_CONTEXTO (5) open shifts from the
    /// same query as the search with his specialty and preferences, each line with the full id, hospital + city, weekday
    /// dd/mm, period + hours, sector and pay; both drop a blocked hospital, a blocked sector, pay below his minimum, a
    /// shift clashing by time with one he holds (another period id), an `anunciada`, a deleted and a started one; both
    /// order by date, then prioridade (critica first), then pay. Context items 1–3 ride the same request.
    /// </summary>
    [Fact]
    public async Task TheContextAndTheSearchListTheSameFiveShiftsFilteredAndOrdered()
    {
        const string phone = "5511977700001";
        var especialidade = await SpecialtyAsync("conformidade_contexto", "Nota de conformidade: plantões com sedação.");
        var medico = await DoctorAsync(phone, especialidade,
            preferences: $$"""{"valor_minimo": 1000, "hospitais_bloqueados": ["{{VilaAssuncao}}"], "setores_bloqueados": ["{{Ps}}"]}""");
        var b = TodayInSaoPaulo.AddDays(20);
        // He holds B 19:00–23:00 (noturno): the critica B 14:00–20:00 (tarde, another period id) clashes by time.
        await ShiftAsync(especialidade, b, "19:00", "23:00", "noturno", "normal", 1000, status: "reservada", medico: medico);
        var s4 = await ShiftAsync(especialidade, b, "07:00", "13:00", "manhã", "normal", 1100);
        var s1 = await ShiftAsync(especialidade, b.AddDays(1), "07:00", "19:00", "diurno", "normal", 1500);
        var s2 = await ShiftAsync(especialidade, b.AddDays(1), "07:00", "19:00", "diurno", "critica", 1200);
        var s3 = await ShiftAsync(especialidade, b.AddDays(1), "07:00", "19:00", "diurno", "critica", 1800);
        var s5 = await ShiftAsync(especialidade, b.AddDays(2), "07:00", "19:00", "diurno", "alta", 2000);
        var sixth = await ShiftAsync(especialidade, b.AddDays(3), "07:00", "19:00", "diurno", "normal", 1300);
        var dropped = new[]
        {
            await ShiftAsync(especialidade, b, "14:00", "20:00", "tarde", "critica", 4000),                                 // clash by time
            await ShiftAsync(especialidade, b.AddDays(1), "07:00", "19:00", "diurno", "urgente", 5000, hospital: VilaAssuncao), // blocked hospital
            await ShiftAsync(especialidade, b.AddDays(1), "07:00", "19:00", "diurno", "urgente", 5000, setor: Ps),             // blocked sector
            await ShiftAsync(especialidade, b.AddDays(1), "07:00", "19:00", "diurno", "urgente", 900),                         // below his minimum
            await ShiftAsync(especialidade, b, "07:00", "19:00", "diurno", "critica", 5000, status: "anunciada"),              // not aberta
            await ShiftAsync(especialidade, b, "07:00", "19:00", "diurno", "critica", 5000, deleted: true),                    // deleted
            await ShiftAsync(especialidade, TodayInSaoPaulo.AddDays(-1), "07:00", "19:00", "diurno", "critica", 5000),         // started
        };
        string? system = null, found = null;
        f.Anthropic.Enqueue(request =>
        {
            system = Unescaped(request["system"]!);
            return Tool("buscar_vagas", new JsonObject());
        });
        f.Anthropic.Enqueue(request =>
        {
            found = LastMessage(request);
            return Text("Tenho um de manhã no Santa Helena, quer?");
        });

        await PostAsync(f.Client, Text(phone, "oi, tem plantão pra mim?"));
        await f.WaitProcessedAsync(phone);

        Guid[] expected = [s4, s3, s2, s1, s5];
        var context = Section(system!, "## Plantões abertos compatíveis");
        Assert.Equal(expected, VagaId.Matches(context).Select(m => Guid.Parse(m.Groups[1].Value)));
        Assert.Equal(expected, VagaId.Matches(found!).Select(m => Guid.Parse(m.Groups[1].Value)).Distinct());
        Assert.DoesNotContain(sixth.ToString(), context);
        Assert.All(dropped, id => Assert.DoesNotContain(id.ToString(), system + found));

        var day = b.AddDays(1);
        var weekday = System.Globalization.CultureInfo.GetCultureInfo("pt-BR").DateTimeFormat.GetDayName(day.DayOfWeek);
        var line = context.Split('\n').Single(l => l.Contains(s3.ToString(), StringComparison.Ordinal));
        Assert.Equal($"vaga_id={s3} | Hospital Santa Helena do ABC (Santo André) | {weekday} {day:dd'/'MM} | diurno 07:00–19:00, UTI | R$ 1.800", line.Trim());

        // Items 1–3: São Paulo now with its weekday; name, title, specialty, CRM-UF, city/region, stage, VIP, preferences; the specialty's note.
        var now = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, SaoPaulo);
        Assert.Contains($"{System.Globalization.CultureInfo.GetCultureInfo("pt-BR").DateTimeFormat.GetDayName(now.DayOfWeek)}, {now:dd'/'MM'/'yyyy}", system);
        var profile = Section(system!, "## Médico");
        foreach (var part in new[] { "Dr. Conrado Lima", "conformidade_contexto", "CRM: 123456-SP", "Santo André / ABC", "em_conversacao", "VIP",
                     "valor_minimo=1000", "hospitais_bloqueados=Hospital e Maternidade Vila Assunção", "setores_bloqueados=PS", "plantões com sedação" })
            Assert.Contains(part, profile);
    }

    /// <summary>
    /// History (the reference sent it in the system prompt and as messages, the current message twice): the last HISTORICO_LIMITE (10) interactions as alternating messages — doctor → user; Júlia,
    /// system and staff → assistant, staff lines prefixed [equipe]; same-role neighbours merged; the current turn appended
    /// once as the final user message; none of it repeated inside the system prompt.
    /// </summary>
    [Fact]
    public async Task HistoryIsTheLastTenInteractionsAsAlternatingMessagesAndTheTurnOnce()
    {
        const string phone = "5511977700002";
        var (medico, conversa) = await f.DoctorAsync(phone);
        // 12 lines, oldest first: the first two fall outside the last 10.
        (string Direcao, string Autor, string Text)[] lines =
        [
            ("entrada", "medico", "linha-h01 oi"), ("saida", "julia", "linha-h02 oi doutor"),
            ("entrada", "medico", "linha-h03 tem plantão?"), ("entrada", "medico", "linha-h04 de noite"),
            ("saida", "julia", "linha-h05 vou ver"), ("saida", "humano", "linha-h06 aqui é a Paula da equipe"),
            ("entrada", "medico", "linha-h07 obrigado Paula"), ("saida", "sistema", "linha-h08 a Júlia volta a te atender"),
            ("entrada", "medico", "linha-h09 e o noturno?"), ("saida", "julia", "linha-h10 tenho sábado"),
            ("entrada", "medico", "linha-h11 quanto paga?"), ("saida", "julia", "linha-h12 R$ 2.000"),
        ];
        for (var i = 0; i < lines.Length; i++)
            await f.ExecuteAsync("""
                INSERT INTO interacoes (medico_id, conversa_id, direcao, autor_tipo, origem, conteudo, processado_em, created_at)
                VALUES (@medico, @conversa, @direcao, @autor, 'whatsapp', @text, now(), now() - make_interval(mins => @ago))
                """, new { medico, conversa, direcao = lines[i].Direcao, autor = lines[i].Autor, text = lines[i].Text, ago = 60 - i });
        JsonObject? request = null;
        f.Anthropic.Enqueue(r =>
        {
            request = r;
            return Text("Paga R$ 2.000, quer?");
        });

        await PostAsync(f.Client, Text(phone, "linha-atual e o de domingo?"));
        await f.WaitProcessedAsync(phone);

        var messages = request!["messages"]!.AsArray().Select(m => (Role: m!["role"]!.GetValue<string>(), Text: FakeModelServer.Content(m))).ToList();
        Assert.Equal(
        [
            ("user", "linha-h03 tem plantão?\nlinha-h04 de noite"),
            ("assistant", "linha-h05 vou ver\n[equipe] linha-h06 aqui é a Paula da equipe"),
            ("user", "linha-h07 obrigado Paula"), ("assistant", "linha-h08 a Júlia volta a te atender"),
            ("user", "linha-h09 e o noturno?"), ("assistant", "linha-h10 tenho sábado"),
            ("user", "linha-h11 quanto paga?"), ("assistant", "linha-h12 R$ 2.000"),
        ], messages.Take(messages.Count - 1));
        Assert.Equal("user", messages[^1].Role);
        Assert.Contains("linha-atual e o de domingo?", messages[^1].Text);
        var all = Unescaped(request);
        Assert.Single(Regex.Matches(all, "linha-atual"));
        Assert.DoesNotContain("linha-h01", all);
        Assert.DoesNotContain("linha-h02", all);
        Assert.DoesNotContain("linha-", Unescaped(request["system"]!));
    }

    /// <summary>
    /// `reservar_plantao` on his explicit yes: the shift is his (`medico_id`, `fechada_em`, `fechada_por='julia'`), the
    /// doctor earlier in the funnel becomes `qualificado`, and the specialty's cached lists (`vagas:especialidade:{id}:*`),
    /// written by this very turn's context, are dropped.
    /// </summary>
    [Fact]
    public async Task AReservationHoldsTheShiftForJuliaQualifiesHimAndDropsTheSpecialtysCachedLists()
    {
        const string phone = "5511977700003";
        var especialidade = await SpecialtyAsync("conformidade_reserva");
        var medico = await DoctorAsync(phone, especialidade, stage: "respondeu");
        var vaga = await ShiftAsync(especialidade, TodayInSaoPaulo.AddDays(25), "07:00", "19:00", "diurno", "normal", 1500);
        var keys = f.App.Services.GetRequiredService<RedisGate>().Multiplexer.GetDatabase(f.Redis.Database);
        var cached = Julia.Shifts.ShiftCatalog.Key(especialidade, Julia.Shifts.ShiftCatalog.CachedPerSpecialty);
        bool? cachedDuringTurn = null;
        string? answer = null;
        f.Anthropic.Enqueue(request =>
        {
            cachedDuringTurn = keys.KeyExists(cached);
            return Tool("reservar_plantao", new JsonObject { ["vaga_id"] = FirstVagaId(request), ["confirmacao"] = "sim" });
        });
        f.Anthropic.Enqueue(request =>
        {
            answer = LastMessage(request);
            return Text("Reservado! A equipe confirma com vc.");
        });

        await PostAsync(f.Client, Text(phone, "sim, pode reservar esse pra mim"));
        await f.WaitProcessedAsync(phone);

        Assert.Contains("Reservado:", answer);
        Assert.True(cachedDuringTurn, "the turn's context did not cache the specialty's open shifts");
        Assert.False(await keys.KeyExistsAsync(cached));
        var held = Assert.Single(await f.QueryAsync<(string Status, Guid? Medico, bool Closed, string FechadaPor)>(
            "SELECT status, medico_id, fechada_em IS NOT NULL, fechada_por FROM vagas WHERE id = @vaga", new { vaga }));
        Assert.Equal(("reservada", medico, true, "julia"), (held.Status, held.Medico, held.Closed, held.FechadaPor));
        Assert.Equal("qualificado", await f.ScalarAsync<string>("SELECT stage_jornada FROM medicos WHERE id = @medico", new { medico }));
    }

    /// <summary>A doctor staff blocked (`bloqueado`) is answered, but his yes reserves nothing: the tool refuses and says to call staff.</summary>
    [Fact]
    public async Task ABlockedDoctorsYesReservesNothing()
    {
        const string phone = "5511977700006";
        var especialidade = await SpecialtyAsync("conformidade_bloqueado");
        var medico = await DoctorAsync(phone, especialidade);
        await f.ExecuteAsync("UPDATE medicos SET bloqueado = true, bloqueado_motivo = 'teste de conformidade' WHERE id = @medico", new { medico });
        var vaga = await ShiftAsync(especialidade, TodayInSaoPaulo.AddDays(26), "07:00", "19:00", "diurno", "normal", 1500);
        string? answer = null;
        f.Anthropic.Enqueue(request => Tool("reservar_plantao", new JsonObject { ["vaga_id"] = FirstVagaId(request), ["confirmacao"] = "sim" }));
        f.Anthropic.Enqueue(request =>
        {
            answer = LastMessage(request);
            return Text("Vou pedir pra equipe ver isso com vc.");
        });

        await PostAsync(f.Client, Text(phone, "sim, pode reservar esse pra mim"));
        await f.WaitProcessedAsync(phone);

        Assert.Contains("Não é possível reservar para este médico", answer);
        Assert.Equal(("aberta", 0L), (await f.ScalarAsync<string>("SELECT status FROM vagas WHERE id = @vaga", new { vaga }),
            await f.ScalarAsync<long>("SELECT count(*) FROM reservas_vaga WHERE vaga_id = @vaga", new { vaga })));
    }

    /// <summary>
    /// `agendar_lembrete`: a time without an offset is São Paulo's; less than 5 minutes ahead or more than 30 days is
    /// refused back to the model; one pending reminder per conversation (the newer replaces the older), prioridade 7,
    /// metadata {contexto, solicitado_em}, and the standard text greets him by first name and resumes "o que a gente
    /// combinou sobre {contexto}".
    /// </summary>
    [Fact]
    public async Task RemindersAreSaoPauloTimeInsideTheirWindowAndOnePendingPerConversation()
    {
        const string phone = "5511977700004";
        var medico = await DoctorAsync(phone, await SpecialtyAsync("conformidade_lembrete"));
        var localNow = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, SaoPaulo).DateTime;
        var day = TodayInSaoPaulo.AddDays(2);
        while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) day = day.AddDays(1);
        static string Iso(DateTime local) => local.ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        var answers = new List<string>();
        FakeModelServer.Answer Next(JsonObject request, FakeModelServer.Answer then)
        {
            answers.Add(LastMessage(request));
            return then;
        }
        f.Anthropic.Enqueue(Tool("agendar_lembrete", new JsonObject { ["data_hora"] = Iso(localNow.AddMinutes(4)), ["contexto"] = "UTI" }));
        f.Anthropic.Enqueue(r => Next(r, Tool("agendar_lembrete", new JsonObject { ["data_hora"] = Iso(localNow.AddDays(31)), ["contexto"] = "UTI" })));
        f.Anthropic.Enqueue(r => Next(r, Tool("agendar_lembrete", new JsonObject { ["data_hora"] = Iso(day.AddHours(10)), ["contexto"] = "plantões de UTI" })));
        f.Anthropic.Enqueue(r => Next(r, Text("Combinado!")));
        await PostAsync(f.Client, Text(phone, "me lembra depois?"));
        await f.WaitProcessedAsync(phone);
        f.Anthropic.Enqueue(Tool("agendar_lembrete", new JsonObject { ["data_hora"] = Iso(day.AddHours(15)), ["contexto"] = "plantões noturnos." }));
        f.Anthropic.Enqueue(r => Next(r, Text("Mudei pra tarde!")));
        await PostAsync(f.Client, Text(phone, "melhor às 15h"));
        await f.WaitProcessedAsync(phone);

        Assert.Equal(4, answers.Count);
        Assert.Contains("pelo menos 5 minutos", answers[0]);
        Assert.Contains("até 30 dias", answers[1]);
        Assert.Contains("Lembrete agendado", answers[2]);
        Assert.Contains("Lembrete agendado", answers[3]);
        var pending = Assert.Single(await f.QueryAsync<(DateTime Agendar, int Prioridade, string Conteudo, string? Contexto, string? SolicitadoEm)>("""
            SELECT agendar_para, prioridade, conteudo, metadata->>'contexto', metadata->>'solicitado_em' FROM fila_mensagens
            WHERE medico_id = @medico AND tipo = 'lembrete_solicitado' AND status = 'pendente'
            """, new { medico }));
        var at = day.AddHours(15);
        Assert.Equal(new DateTimeOffset(at, SaoPaulo.GetUtcOffset(at)).UtcDateTime, DateTime.SpecifyKind(pending.Agendar, DateTimeKind.Utc));
        Assert.Equal(7, pending.Prioridade);
        Assert.Equal("plantões noturnos.", pending.Contexto);
        Assert.True(DateTimeOffset.TryParse(pending.SolicitadoEm, out _), pending.SolicitadoEm);
        Assert.Equal("Oi Dr. Conrado, tudo bem? Passando pra retomar o que a gente combinou sobre plantões noturnos.", pending.Conteudo);
    }

    /// <summary>
    /// LLM_MODEL answers with max_tokens 300; after an empty answer LLM_MODEL_COMPLEX is asked once with max_tokens 1 000,
    /// and its answer is the reply.
    /// </summary>
    [Fact]
    public async Task AnEmptyAnswerIsAskedOnceOfTheComplexModelWithItsOwnTokenLimit()
    {
        const string phone = "5511977700005";
        var before = f.Anthropic.Requests.Count;
        f.Anthropic.Enqueue(Text(""), Text("Oi! Tenho plantões sim, quer ver?"));

        await PostAsync(f.Client, Text(phone, "oi júlia, tudo bem?"));
        await f.WaitProcessedAsync(phone);

        var requests = f.Anthropic.Requests.Skip(before).ToList();
        Assert.Equal([(AgentModels.Conversation, 300), (AgentModels.Complex, 1_000)],
            requests.Select(r => (r["model"]!.GetValue<string>(), r["max_tokens"]!.GetValue<int>())));
        Assert.Contains(await f.QueueAsync(phone), q => q.Conteudo == "Oi! Tenho plantões sim, quer ver?");
    }

    /// <summary>
    /// The circuit breakers' numbers (consecutive failures to open / call timeout / wait before half-open): claude
    /// 3 / 30 s / 60 s, evolution 3 / 10 s / 30 s, database 5 / 10 s / 30 s, chatwoot 5 / 10 s / 120 s — shown at
    /// /health/circuits with each one's state (the call timeouts since 2026-12-06; the database's was Npgsql's 30 s).
    /// </summary>
    [Fact]
    public async Task HealthCircuitsShowsEachBreakersNumbers()
    {
        var circuits = JsonNode.Parse(await f.Client.GetStringAsync("/health/circuits"))!;

        foreach (var (name, failures, timeout, wait) in new[]
                 { ("claude", 3, 30, 60), ("evolution", 3, 10, 30), ("database", 5, 10, 30), ("chatwoot", 5, 10, 120), ("slack", 5, 10, 120) })
        {
            var breaker = circuits[name];
            Assert.True(breaker is not null, $"/health/circuits has no {name}: {circuits.ToJsonString()}");
            Assert.Equal(((int?)failures, (int?)timeout, (int?)wait), (breaker!["limite_falhas"]?.GetValue<int>(),
                breaker["timeout_segundos"]?.GetValue<int>(), breaker["espera_segundos"]?.GetValue<int>()));
            Assert.NotNull(breaker["estado"]);
        }
    }
}
