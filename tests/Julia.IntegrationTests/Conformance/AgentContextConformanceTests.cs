using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Julia.Infrastructure.Redis;
using Julia.IntegrationTests.Agent;
using Julia.IntegrationTests.TestHost;
using Microsoft.Extensions.DependencyInjection;
using static Julia.IntegrationTests.TestHost.EvolutionWebhooks;
using static Julia.IntegrationTests.TestHost.FakeAnthropic;

namespace Julia.IntegrationTests.Conformance;

/// <summary>
/// Júlia on the real SDK and the fake Anthropic (<see cref="AgentFixture"/>) with the host's clock in the test's hands
/// (<see cref="JourneyClock"/>), always set ahead of the real one, and a holiday (FERIADOS) on the Thursday of the test week.
/// </summary>
public sealed class AgentContextFixture : AgentFixture
{
    public JourneyClock Clock { get; } = new();

    /// <summary>A Wednesday at least a week ahead (São Paulo is UTC−3 all year).</summary>
    public DateOnly Wednesday { get; } = Enumerable.Range(8, 7).Select(d => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(-3)).AddDays(d))
        .First(d => d.DayOfWeek == DayOfWeek.Wednesday);

    public DateOnly Holiday => Wednesday.AddDays(1);

    public static DateTimeOffset SaoPaulo(DateOnly day, string time) =>
        new(day.ToDateTime(TimeOnly.Parse(time, CultureInfo.InvariantCulture)), TimeSpan.FromHours(-3));

    protected override Dictionary<string, string?> AgentSettings => new() { ["FERIADOS"] = Holiday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) };

    protected override void AddServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);
}

/// <summary>
/// What the model sees each turn and what its tools do, black box (SPEC §5; docs/decisions.md#agent): the request the fake
/// Anthropic receives and the rows and keys afterwards, at the edges no other test holds. Held elsewhere:
/// <see cref="AgentConformanceTests"/> (the five shifts, their filters and order, profile, history, reminders' window, the
/// complex model), <c>AgentTests</c> (tools, rounds, directives), <c>DoctorThirdRoundConformanceTests</c> (a second reminder
/// replaces the first), <c>PatientFallbackTests</c>/<c>ResilienceTests</c> (fallback).
/// </summary>
public sealed class AgentContextConformanceTests(AgentContextFixture f) : IClassFixture<AgentContextFixture>
{
    const string SantaHelena = "b0000000-0000-4000-8000-000000000001";
    const string Uti = "5e700000-0000-4000-8000-000000000001";
    static readonly CultureInfo PtBr = CultureInfo.GetCultureInfo("pt-BR");
    static readonly Regex VagaId = new(@"vaga_id=([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})");

    static string Unescaped(JsonNode node) => Regex.Unescape(node.ToJsonString());
    static string System(JsonObject request) => Unescaped(request["system"]!);
    static string LastMessage(JsonObject request) => Unescaped(request["messages"]!.AsArray()[^1]!);

    static string Section(string system, string heading)
    {
        var start = system.IndexOf(heading, StringComparison.Ordinal);
        Assert.True(start >= 0, system);
        var end = system.IndexOf("\n## ", start + heading.Length, StringComparison.Ordinal);
        return end < 0 ? system[start..] : system[start..end];
    }

    static string Iso(DateOnly day, string time) => $"{day:yyyy-MM-dd}T{time}";

    async Task<Guid> SpecialtyAsync(string name) =>
        await f.ScalarAsync<Guid>("INSERT INTO especialidades (nome, nome_display) VALUES (@name, @name) RETURNING id", new { name });

    async Task<Guid> DoctorAsync(string phone, Guid especialidade, string preferences = "{}") => await f.ScalarAsync<Guid>("""
        INSERT INTO medicos (telefone, primeiro_nome, titulo, crm, estado, cidade, regiao, especialidade_id, stage_jornada, origem, preferencias_detectadas)
        VALUES (@phone, 'Bruno', 'Dr.', '654321', 'SP', 'Santo André', 'ABC', @especialidade, 'respondeu', 'import', @preferences::jsonb)
        RETURNING id
        """, new { phone, especialidade, preferences });

    async Task<Guid> ShiftAsync(Guid especialidade, DateOnly day, string start, string end, int valor, string status = "aberta", Guid? medico = null,
        string valorTipo = "fixo", int? min = null, int? max = null) => await f.ScalarAsync<Guid>("""
        INSERT INTO vagas (hospital_id, especialidade_id, setor_id, data, hora_inicio, hora_fim, valor, valor_tipo, valor_minimo, valor_maximo, status, medico_id)
        VALUES (@hospital::uuid, @especialidade, @setor::uuid, @day, @start::time, @end::time, @valor, @valorTipo, @min, @max, @status, @medico)
        RETURNING id
        """, new { hospital = SantaHelena, especialidade, setor = Uti, day = day.ToDateTime(TimeOnly.MinValue), start, end, valor, valorTipo, min, max, status, medico });

    /// <summary>
    /// Context item 1 across midnight UTC: at 01:30 UTC on a Thursday it is still Wednesday 22:30 in São Paulo — the day a
    /// reminder "amanhã" counts from. The prompt says Wednesday, not Thursday, and 22:30, not 01:30.
    /// </summary>
    [Fact]
    public async Task NowIsTheSaoPauloEveningWhenUtcIsAlreadyTheNextDay()
    {
        const string phone = "5511946600001";
        await DoctorAsync(phone, await SpecialtyAsync("ctx_meia_noite"));
        f.Clock.Set(AgentContextFixture.SaoPaulo(f.Wednesday, "22:30"));
        string? system = null;
        f.Anthropic.Enqueue(r => { system = System(r); return Text("Oi Dr. Bruno!"); });

        await PostAsync(f.Client, Text(phone, "oi, boa noite"));
        await f.WaitProcessedAsync(phone);

        Assert.Contains($"## Agora\n{PtBr.DateTimeFormat.GetDayName(DayOfWeek.Wednesday)}, {f.Wednesday:dd'/'MM'/'yyyy} 22:", Section(system!, "## Agora"));
    }

    /// <summary>
    /// Context item 4 at its edges: a shift that starts when his held one ends (19:00–07:00 after his 07:00–19:00) is no
    /// clash and is offered; one overlapping by an hour is not; pay equal to his minimum is kept, a range is shown as a
    /// range (R$ 1.500 a R$ 2.000), another specialty's shift never appears.
    /// </summary>
    [Fact]
    public async Task AShiftTouchingHisHoldIsOfferedAnOverlappingOneIsNotAndPayEqualToHisMinimumStays()
    {
        const string phone = "5511946600002";
        var especialidade = await SpecialtyAsync("ctx_bordas");
        var other = await SpecialtyAsync("ctx_bordas_outra");
        var medico = await DoctorAsync(phone, especialidade, """{"valor_minimo": 1500}""");
        var day = f.Wednesday.AddDays(14);
        await ShiftAsync(especialidade, day, "07:00", "19:00", 1500, status: "reservada", medico: medico);
        var touching = await ShiftAsync(especialidade, day, "19:00", "07:00", 1500);
        var overlapping = await ShiftAsync(especialidade, day, "18:00", "06:00", 3000);
        var range = await ShiftAsync(especialidade, day.AddDays(1), "07:00", "19:00", 0, valorTipo: "faixa", min: 1500, max: 2000);
        var below = await ShiftAsync(especialidade, day.AddDays(1), "07:00", "19:00", 1499);
        var otherSpecialty = await ShiftAsync(other, day.AddDays(1), "07:00", "19:00", 5000);
        string? system = null;
        f.Anthropic.Enqueue(r => { system = System(r); return Text("Tenho sim!"); });

        await PostAsync(f.Client, Text(phone, "tem algo pra mim?"));
        await f.WaitProcessedAsync(phone);

        var context = Section(system!, "## Plantões abertos compatíveis");
        Assert.Equal([touching, range], VagaId.Matches(context).Select(m => Guid.Parse(m.Groups[1].Value)));
        Assert.Contains("R$ 1.500 a R$ 2.000", context);
        Assert.All(new[] { overlapping, below, otherSpecialty }, id => Assert.DoesNotContain(id.ToString(), system));
    }

    /// <summary>
    /// "Starting in the future" (SPEC §5) holds for the specialty's cached list too (`vagas:especialidade:{id}:*`, up to
    /// CACHE_TTL_VAGAS): a shift that started after the list was cached is neither in the next turn's context nor in a
    /// search — it was offered for up to a minute after it began, and his "quero" then met "já começou".
    /// </summary>
    [Fact]
    public async Task AShiftThatStartedSinceTheListWasCachedIsNotOffered()
    {
        const string phone = "5511946600003";
        var especialidade = await SpecialtyAsync("ctx_comecou");
        await DoctorAsync(phone, especialidade);
        var day = f.Wednesday.AddDays(2);
        var starting = await ShiftAsync(especialidade, day, "10:00", "22:00", 1800);
        var later = await ShiftAsync(especialidade, day.AddDays(1), "10:00", "22:00", 1800);
        f.Clock.Set(AgentContextFixture.SaoPaulo(day, "09:50"));
        string? first = null, second = null, found = null;
        f.Anthropic.Enqueue(r => { first = System(r); return Text("Tenho um hoje às 10h!"); });
        await PostAsync(f.Client, Text(phone, "tem plantão hoje?"));
        await f.WaitProcessedAsync(phone);
        await f.WaitSendsRecordedAsync(phone);

        f.Clock.Set(AgentContextFixture.SaoPaulo(day, "10:05"));
        f.Anthropic.Enqueue(r => { second = System(r); return Tool("buscar_vagas", new JsonObject()); });
        f.Anthropic.Enqueue(r => { found = LastMessage(r); return Text("Esse já começou, tenho amanhã."); });
        await PostAsync(f.Client, Text(phone, "e agora, ainda dá?"));
        await f.WaitProcessedAsync(phone);

        Assert.Contains(starting.ToString(), Section(first!, "## Plantões abertos compatíveis"));
        Assert.DoesNotContain(starting.ToString(), Section(second!, "## Plantões abertos compatíveis"));
        Assert.Contains(later.ToString(), second);
        Assert.DoesNotContain(starting.ToString(), found);
        Assert.Contains(later.ToString(), found);
    }

    /// <summary>
    /// `atualizar_preferencias` merges (keys not sent stay) and drops `contexto:medico:{id}`: the next turn, well inside
    /// CACHE_TTL_CONTEXTO, shows the new minimum with the old shift preference, and the shift below it is no longer offered.
    /// </summary>
    [Fact]
    public async Task SavedPreferencesMergeAndTheNextTurnsPromptShowsThem()
    {
        const string phone = "5511946600004";
        var especialidade = await SpecialtyAsync("ctx_prefs");
        var medico = await DoctorAsync(phone, especialidade, """{"turnos": ["noturno"], "valor_minimo": 1500}""");
        var shift = await ShiftAsync(especialidade, f.Wednesday.AddDays(15), "07:00", "19:00", 1800);
        var keys = f.App.Services.GetRequiredService<RedisGate>().Multiplexer.GetDatabase(f.Redis.Database);
        string? first = null, second = null;
        f.Anthropic.Enqueue(r => { first = System(r); return Tool("atualizar_preferencias", new JsonObject { ["regioes"] = new JsonArray("ABC"), ["valor_minimo"] = 2000 }); });
        f.Anthropic.Enqueue(Text("Anotado!"));
        await PostAsync(f.Client, Text(phone, "só pego no ABC e acima de 2 mil"));
        await f.WaitProcessedAsync(phone);
        await f.WaitSendsRecordedAsync(phone);
        var cachedAfterFirst = await keys.KeyExistsAsync($"contexto:medico:{medico}");

        f.Anthropic.Enqueue(r => { second = System(r); return Text("No momento não tenho nada acima de 2 mil."); });
        await PostAsync(f.Client, Text(phone, "e aí, tem algo?"));
        await f.WaitProcessedAsync(phone);

        Assert.False(cachedAfterFirst, "contexto:medico was left after his preferences changed");
        Assert.Contains("valor_minimo=1500", Section(first!, "## Médico"));
        Assert.Contains(shift.ToString(), first);
        var profile = Section(second!, "## Médico");
        foreach (var part in new[] { "turnos=noturno", "regioes=ABC", "valor_minimo=2000" }) Assert.Contains(part, profile);
        Assert.DoesNotContain(shift.ToString(), second);
        var saved = await f.ScalarAsync<string>("SELECT preferencias_detectadas::text FROM medicos WHERE id = @medico", new { medico });
        Assert.Contains("noturno", saved);
    }

    /// <summary>
    /// Context item 4 "with the doctor's specialty and preferences": his saved `turnos` and `regioes` ("só noturno, na
    /// Capital") put the shifts that fit them first, the others after, marked as outside them — ranked, not hidden. Before,
    /// the five earliest day shifts in the ABC filled the list and the one night in the Capital was not offered at all.
    /// </summary>
    [Fact]
    public async Task HisPreferredPeriodAndPlaceComeFirstAndTheOthersAfterMarked()
    {
        const string phone = "5511946600010";
        const string SantoAmaro = "b0000000-0000-4000-8000-000000000007"; // São Paulo, região Capital
        var especialidade = await SpecialtyAsync("ctx_turno_regiao");
        await DoctorAsync(phone, especialidade, """{"turnos": ["noite"], "regioes": ["capital"]}""");
        var start = f.Wednesday.AddDays(20);
        var days = new List<Guid>();
        for (var d = 0; d < 5; d++) days.Add(await ShiftAsync(especialidade, start.AddDays(d), "07:00", "19:00", 1800));
        var abcNight = await ShiftAsync(especialidade, start.AddDays(5), "19:00", "07:00", 1800);
        var capitalNight = await f.ScalarAsync<Guid>("""
            INSERT INTO vagas (hospital_id, especialidade_id, data, hora_inicio, hora_fim, valor, valor_tipo, status)
            VALUES (@hospital::uuid, @especialidade, @day, '19:00'::time, '07:00'::time, 1800, 'fixo', 'aberta') RETURNING id
            """, new { hospital = SantoAmaro, especialidade, day = start.AddDays(6).ToDateTime(TimeOnly.MinValue) });
        string? system = null;
        f.Anthropic.Enqueue(r => { system = System(r); return Text("Tenho um noturno em Santo Amaro!"); });

        await PostAsync(f.Client, Text(phone, "tem algo pra mim?"));
        await f.WaitProcessedAsync(phone);

        var context = Section(system!, "## Plantões abertos compatíveis");
        var lines = context.Split('\n').Where(l => VagaId.IsMatch(l)).ToList();
        Assert.Equal([capitalNight, .. days.Take(4)], lines.Select(l => Guid.Parse(VagaId.Match(l).Groups[1].Value)));
        Assert.DoesNotContain("fora do turno", lines[0]);
        Assert.All(lines.Skip(1), l => Assert.Contains("fora do turno/região que ele prefere", l));
        Assert.DoesNotContain(abcNight.ToString(), context); // a night, but not in the Capital: after the earlier days
    }

    /// <summary>
    /// `buscar_vagas` without a period or place ranks as the context does (docs/decisions.md#agent, "Preferred shifts
    /// first"): his "só noturno" puts the night first and the day shifts after it, marked. Before, the tool answered the
    /// earliest day shifts first and the model offered them to a doctor who said he only works nights.
    /// </summary>
    [Fact]
    public async Task BuscarVagasRanksHisPreferredPeriodFirstAndMarksTheOthers()
    {
        const string phone = "5511946600011";
        var especialidade = await SpecialtyAsync("ctx_busca_turno");
        await DoctorAsync(phone, especialidade, """{"turnos": ["noite"]}""");
        var start = f.Wednesday.AddDays(20);
        var days = new List<Guid>();
        for (var d = 0; d < 3; d++) days.Add(await ShiftAsync(especialidade, start.AddDays(d), "07:00", "19:00", 1800));
        var night = await ShiftAsync(especialidade, start.AddDays(4), "19:00", "07:00", 1800);
        string? result = null;
        f.Anthropic.Enqueue(Tool("buscar_vagas", new JsonObject { ["limite"] = 3 }));
        f.Anthropic.Enqueue(r => { result = LastMessage(r); return Text("Tenho um noturno!"); });

        await PostAsync(f.Client, Text(phone, "tem algo pra mim?"));
        await f.WaitProcessedAsync(phone);

        var ids = VagaId.Matches(result!).Select(m => Guid.Parse(m.Groups[1].Value)).Distinct().ToList();
        Assert.Equal([night, days[0], days[1]], ids.Where(id => id == night || days.Contains(id)).Take(3));
        Assert.DoesNotContain(days[2].ToString(), result);
        Assert.Contains("fora do turno/região que ele prefere", result);
    }

    /// <summary>
    /// After `reservar_plantao` the next turn's prompt (inside CACHE_TTL_CONTEXTO) shows his new stage (`qualificado`) and the
    /// shift among those he holds, not among the open ones.
    /// </summary>
    [Fact]
    public async Task AfterAReservationTheNextTurnShowsHisStageAndTheHold()
    {
        const string phone = "5511946600005";
        var especialidade = await SpecialtyAsync("ctx_reserva");
        await DoctorAsync(phone, especialidade);
        var shift = await ShiftAsync(especialidade, f.Wednesday.AddDays(16), "07:00", "19:00", 1800);
        string? first = null, second = null;
        f.Anthropic.Enqueue(r => { first = System(r); return Tool("reservar_plantao", new JsonObject { ["vaga_id"] = shift.ToString(), ["confirmacao"] = "sim" }); });
        f.Anthropic.Enqueue(Text("Reservado! A equipe confirma."));
        await PostAsync(f.Client, Text(phone, "sim, quero esse, pode reservar"));
        await f.WaitProcessedAsync(phone);
        await f.WaitSendsRecordedAsync(phone);
        f.Anthropic.Enqueue(r => { second = System(r); return Text("Tá reservado sim!"); });
        await PostAsync(f.Client, Text(phone, "ficou reservado mesmo?"));
        await f.WaitProcessedAsync(phone);

        Assert.Contains("Etapa: respondeu", first);
        Assert.Contains("Etapa: qualificado", Section(second!, "## Médico"));
        Assert.DoesNotContain(shift.ToString(), Section(second!, "## Plantões abertos compatíveis"));
        Assert.Contains(shift.ToString(), Section(second!, "## Plantões que ele já tem"));
    }

    /// <summary>
    /// `agendar_lembrete` with the clock on a Wednesday 10:00 São Paulo and Thursday a holiday (FERIADOS): 4 minutes ahead
    /// refused, 6 accepted; a Saturday refused naming Friday 19:59 (nearer than Monday 08:00); the holiday refused naming
    /// Wednesday 19:59; 30 days ahead less a minute accepted, 30 days and 30 minutes refused; an offset (`Z`) read as given.
    /// Each answer goes back to the model; the one pending row is the last accepted one.
    /// </summary>
    [Fact]
    public async Task RemindersAtTheirEdgesOnTheSaoPauloClockWithAHoliday()
    {
        const string phone = "5511946600006";
        var medico = await DoctorAsync(phone, await SpecialtyAsync("ctx_lembrete"));
        var w = f.Wednesday;
        f.Clock.Set(AgentContextFixture.SaoPaulo(w, "10:00"));
        var asked = new (string DataHora, string Expect)[]
        {
            (Iso(w, "10:04"), "pelo menos 5 minutos"),
            (Iso(w, "10:07"), "Lembrete agendado para quarta-feira"),
            // Named as the doctor reads a date, weekday first (it said "12/12 19:59"; docs/decisions.md#agent).
            (Iso(w.AddDays(3), "10:00"), $"O horário válido mais próximo é sexta-feira {w.AddDays(2):dd'/'MM} às 19:59"),
            (Iso(f.Holiday, "10:00"), $"O horário válido mais próximo é quarta-feira {w:dd'/'MM} às 19:59"),
            (Iso(w.AddDays(30), "10:30"), "até 30 dias"),
            (Iso(w.AddDays(30), "09:58"), "Lembrete agendado"),
            ($"{w.AddDays(6):yyyy-MM-dd}T14:00:00Z", "Lembrete agendado"),
        };
        // One answer calling the tool seven times (parallel tool_use blocks, run in order); the next request carries the
        // seven results, one tool_result per call.
        var body = FakeAnthropic.Fixture("response-tool-use.json");
        body["content"] = new JsonArray([.. asked.Select((a, i) => (JsonNode)new JsonObject
        {
            ["type"] = "tool_use", ["id"] = $"toolu_lembrete_{i}", ["name"] = "agendar_lembrete",
            ["input"] = new JsonObject { ["data_hora"] = a.DataHora, ["contexto"] = "plantão de UTI" },
        })]);
        JsonArray? results = null;
        f.Anthropic.Enqueue(new FakeModelServer.Answer(200, body.ToJsonString()));
        f.Anthropic.Enqueue(r => { results = r["messages"]!.AsArray()[^1]!["content"]!.AsArray(); return Text("Combinado!"); });

        await PostAsync(f.Client, Text(phone, "me lembra depois?"));
        await f.WaitProcessedAsync(phone);

        Assert.NotNull(results);
        for (var i = 0; i < asked.Length; i++)
        {
            var result = results!.Single(r => r!["tool_use_id"]?.GetValue<string>() == $"toolu_lembrete_{i}")!;
            Assert.True(Unescaped(result).Contains(asked[i].Expect, StringComparison.Ordinal), $"{asked[i].DataHora}: {Unescaped(result)}");
        }
        var pending = Assert.Single(await f.QueryAsync<DateTime>(
            "SELECT agendar_para FROM fila_mensagens WHERE medico_id = @medico AND tipo = 'lembrete_solicitado' AND status = 'pendente'", new { medico }));
        Assert.Equal(new DateTimeOffset(w.AddDays(6).ToDateTime(new TimeOnly(14, 0)), TimeSpan.Zero).UtcDateTime, DateTime.SpecifyKind(pending, DateTimeKind.Utc));
    }

    /// <summary>
    /// "At least 5 minutes ahead" counts in the minutes the model is shown: at 10:00:15 the prompt says 10:00, and "me
    /// lembra daqui 5 minutos" becomes 10:05 — accepted and queued for 10:05, not refused as 4 min 45 s ahead (which cost
    /// a tool round and had the model propose 10:06 to a doctor who asked for five minutes).
    /// </summary>
    [Fact]
    public async Task FiveMinutesAheadIsCountedInTheMinutesThePromptShows()
    {
        const string phone = "5511946600009";
        var medico = await DoctorAsync(phone, await SpecialtyAsync("ctx_cinco_minutos"));
        var day = f.Wednesday.AddDays(7);
        f.Clock.Set(AgentContextFixture.SaoPaulo(day, "10:00:15"));
        string? system = null, result = null;
        f.Anthropic.Enqueue(r =>
        {
            system = System(r);
            return Tool("agendar_lembrete", new JsonObject { ["data_hora"] = Iso(day, "10:05"), ["contexto"] = "a escala de janeiro" });
        });
        f.Anthropic.Enqueue(r => { result = LastMessage(r); return Text("Combinado, te chamo às 10h05!"); });

        await PostAsync(f.Client, Text(phone, "me lembra daqui 5 minutos"));
        await f.WaitProcessedAsync(phone);

        Assert.Contains($"{day:dd'/'MM'/'yyyy} 10:00 ", Section(system!, "## Agora"));
        Assert.Contains("Lembrete agendado", result);
        var pending = Assert.Single(await f.QueryAsync<DateTime>(
            "SELECT agendar_para FROM fila_mensagens WHERE medico_id = @medico AND tipo = 'lembrete_solicitado' AND status = 'pendente'", new { medico }));
        Assert.Equal(AgentContextFixture.SaoPaulo(day, "10:05").UtcDateTime, DateTime.SpecifyKind(pending, DateTimeKind.Utc));
    }

    /// <summary>
    /// `solicitar_humano` with a `tipo` outside its list is not stored as such: the handoff is `baixa_confianca`, the
    /// doctor gets the canned transition text and never the model's words beside the call.
    /// </summary>
    [Fact]
    public async Task AHandoffOfAnUnknownTypeIsLowConfidenceWithTheCannedTransition()
    {
        const string phone = "5511946600007";
        var medico = await DoctorAsync(phone, await SpecialtyAsync("ctx_humano"));
        f.Anthropic.Enqueue(new FakeModelServer.Answer(200, ToolUse("solicitar_humano", new JsonObject { ["tipo"] = "urgente_demais", ["motivo"] = "ele quer negociar contrato" },
            text: "PALAVRAS-DO-MODELO vou te passar")));

        await PostAsync(f.Client, Text(phone, "quero negociar um contrato de exclusividade com vcs"));
        await f.WaitProcessedAsync(phone);

        Assert.Equal("baixa_confianca", await f.ScalarAsync<string>("SELECT trigger_type FROM handoffs WHERE medico_id = @medico", new { medico }));
        var queue = await f.QueueAsync(phone);
        Assert.Contains(queue, q => q.TipoSistema == "transicao_handoff");
        Assert.DoesNotContain(queue, q => q.Conteudo.Contains("PALAVRAS-DO-MODELO", StringComparison.Ordinal));
    }

    /// <summary>
    /// `buscar_vagas` with hostile `limite` values over its three rounds: 50 → at most 5 shifts, −3 → 1, "abc" → 5 (the
    /// default); each result goes back to the model and the answer after the third round is the reply.
    /// </summary>
    [Fact]
    public async Task ASearchLimitIsAtMostFiveWhateverTheModelAsks()
    {
        const string phone = "5511946600008";
        var especialidade = await SpecialtyAsync("ctx_limite");
        await DoctorAsync(phone, especialidade);
        for (var i = 0; i < 7; i++) await ShiftAsync(especialidade, f.Wednesday.AddDays(17 + i), "07:00", "19:00", 1800);
        var results = new List<string>();
        f.Anthropic.Enqueue(Tool("buscar_vagas", new JsonObject { ["limite"] = 50 }));
        f.Anthropic.Enqueue(r => { results.Add(LastMessage(r)); return Tool("buscar_vagas", new JsonObject { ["limite"] = -3 }); });
        f.Anthropic.Enqueue(r => { results.Add(LastMessage(r)); return Tool("buscar_vagas", new JsonObject { ["limite"] = "abc" }); });
        f.Anthropic.Enqueue(r => { results.Add(LastMessage(r)); return Text("Tenho vários, o primeiro é no Santa Helena."); });

        await PostAsync(f.Client, Text(phone, "me manda todos os plantões"));
        await f.WaitProcessedAsync(phone);

        Assert.Equal([5, 1, 5], results.Select(r => VagaId.Matches(r).Select(m => m.Groups[1].Value).Distinct().Count()));
        Assert.Contains(await f.QueueAsync(phone), q => q.Conteudo.Contains("Santa Helena", StringComparison.Ordinal));
    }
}
