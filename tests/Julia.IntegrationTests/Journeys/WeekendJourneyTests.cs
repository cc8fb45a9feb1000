using System.Text.Json;
using Julia.IntegrationTests.TestHost;
using Microsoft.Extensions.DependencyInjection;
using static Julia.IntegrationTests.TestHost.EvolutionWebhooks;

namespace Julia.IntegrationTests.Journeys;

/// <summary>
/// <see cref="JourneyFixture"/> with business hours and caps as shipped — Mon–Fri 08:00 ≤ t &lt; 20:00 São Paulo, 20
/// counted sends a clock hour and 100 a day — one holiday in FERIADOS, and the host's clock in the test's hands
/// (<see cref="JourneyClock"/>), set on days at least a week ahead so that every instant the host schedules is still in
/// the database's future and waits until the test's clock gets there. No random spacing: the caps are what is walked.
/// </summary>
public sealed class WeekendJourneyFixture : JourneyFixture
{
    public JourneyClock Clock { get; } = new();

    /// <summary>A Friday at least a week ahead on the São Paulo calendar.</summary>
    public DateOnly Friday { get; } = FridayAfter(DateOnly.FromDateTime(DateTime.UtcNow.AddHours(-3)).AddDays(7));

    /// <summary>The Friday after <see cref="Friday"/>, whose Monday is in FERIADOS.</summary>
    public DateOnly FridayBeforeAHoliday => Friday.AddDays(7);

    public DateOnly Holiday => FridayBeforeAHoliday.AddDays(3);

    protected override Dictionary<string, string?> Settings
    {
        get
        {
            var settings = base.Settings;
            settings["DIAS_UTEIS"] = "1-5";
            settings["HORARIO_INICIO"] = "08:00";
            settings["HORARIO_FIM"] = "20:00";
            settings["FERIADOS"] = Holiday.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            return settings;
        }
    }

    protected override void AddServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);

    static DateOnly FridayAfter(DateOnly day)
    {
        while (day.DayOfWeek != DayOfWeek.Friday) day = day.AddDays(1);
        return day;
    }

    /// <summary>That day's <paramref name="time"/> on the São Paulo clock (UTC−3 all year: Brazil has had no summer time since 2019).</summary>
    public static DateTimeOffset SaoPaulo(DateOnly day, string time) =>
        new(day.ToDateTime(TimeOnly.Parse(time, System.Globalization.CultureInfo.InvariantCulture)), TimeSpan.FromHours(-3));
}

/// <summary>
/// A Friday on which the day's 100 proactive sends are used up by late afternoon, walked to the next working day on the
/// real host: what the limits hold on Friday waits for the São Paulo midnight, then for business hours — Monday's opening
/// plus up to 15 minutes (or Tuesday's, when Monday is a holiday) — and then goes once; what doctors write on Friday
/// evening is answered at once all the same, because replies are neither counted nor kept to business hours
/// (docs/decisions.md#rate-limits, RESPONDER_FORA_HORARIO). Time is the host's clock; the test makes a row due when that
/// clock reaches the instant the row waits for, as the dispatcher would find it.
/// </summary>
public sealed class WeekendJourneyTests(WeekendJourneyFixture f) : IClassFixture<WeekendJourneyFixture>
{
    const int PerHour = 20, PerDay = 100;
    static readonly TimeSpan OpeningWindow = TimeSpan.FromMinutes(15);

    static DateTimeOffset At(DateOnly day, string time) => WeekendJourneyFixture.SaoPaulo(day, time);

    /// <summary>
    /// The journey: 100 first follow-ups become due at 13:00 — 20 go each clock hour until 17:00's twenty use up the day —
    /// and at 17:55 three more proactive messages are queued (two follow-ups and a campaign's opening to a doctor never
    /// contacted). None goes on Friday evening, Saturday or Sunday, even when something makes it due then; each goes on
    /// Monday between 08:00 and 08:15, once. Two doctors who got a follow-up write on Friday evening, one before 20:00 and
    /// one after: both are answered at once, and their answers do not count toward the day.
    /// </summary>
    [Fact]
    public async Task WhatTheDayCapHoldsOnFridayGoesOnceAtMondaysOpeningWhileRepliesAreAnsweredAtOnce()
    {
        var friday = f.Friday;
        var (morning, _) = await DayCapUsedUpAsync(friday, "771");

        f.Clock.Set(At(friday, "17:55"));
        var held = await FollowUpsDueAsync("772", 2);
        held.Add(await CampaignOpeningDueAsync("5511977300001", "Oi Dr. Paulo! Sou a Júlia, da escala médica. Temos plantões de clínica no ABC, quer ver?"));
        var everyone = morning.Concat(held).Select(d => d.Medico).ToArray();
        await SettledAsync(everyone);
        Assert.All(held, d => Assert.Empty(f.SentTo(d.Phone)));
        var saturday = friday.AddDays(1);
        foreach (var d in held) Assert.Equal(("pendente", "limite", At(saturday, "00:00")), await RowAsync(d.Fila));

        // Friday evening: still capped while open, then closed. Made due anyway (a restart, an operator), it is held again.
        await AtAsync(At(friday, "18:00"), everyone);
        await MadeDueAsync(held, everyone);
        foreach (var d in held) Assert.Equal(("pendente", "limite", At(saturday, "00:00")), await RowAsync(d.Fila));

        // A doctor who got a follow-up at 13:00 answers it at 18:40, and another at 21:30: both answered at once.
        await AtAsync(At(friday, "18:40"), everyone);
        await AnsweredAtOnceAsync(morning[0], "oi Júlia, vi sim! tem plantão no sábado à noite?");
        await AtAsync(At(friday, "19:59:59"), everyone);
        await AtAsync(At(friday, "21:30"), everyone);
        await AnsweredAtOnceAsync(morning[1], "desculpa a hora, ainda dá pra pegar aquele plantão?");
        var usage = await RateLimitAsync();
        Assert.Equal(PerDay, usage.GetProperty("msgs_dia").GetInt32());   // the two answers are not counted
        Assert.False(usage.GetProperty("horario_permitido").GetBoolean());
        await AtAsync(At(friday, "23:59:59"), everyone);
        Assert.All(held, d => Assert.Empty(f.SentTo(d.Phone)));

        // São Paulo's midnight frees the day's cap; business hours then hold them to Monday's opening + 0–15 min.
        var monday = friday.AddDays(3);
        await AtAsync(At(saturday, "00:00"), everyone);
        await HeldForTheOpeningAsync(held, At(monday, "08:00"));
        await AtAsync(At(saturday, "10:00"), everyone);
        await AtAsync(At(saturday.AddDays(1), "15:00"), everyone);
        await MadeDueAsync(held, everyone);
        await HeldForTheOpeningAsync(held, At(monday, "08:00"));
        await AtAsync(At(monday, "07:59:59"), everyone);
        Assert.All(held, d => Assert.Empty(f.SentTo(d.Phone)));

        await EachGoesWhenDueAsync(held, everyone);
        Assert.Equal(held.Count, (await RateLimitAsync()).GetProperty("msgs_dia").GetInt32());   // Monday's own day
        await AtAsync(At(monday, "09:00"), everyone);
        await AtAsync(At(monday.AddDays(1), "08:30"), everyone);
        Assert.All(held, d => Assert.Single(f.SentTo(d.Phone)));
        Assert.Equal(PerDay + 2, morning.Sum(d => f.SentTo(d.Phone).Count));   // Friday's follow-ups and the two answers, nothing more
    }

    /// <summary>
    /// The same Friday a week later, with Monday in FERIADOS: what the day cap holds waits past the holiday to Tuesday's
    /// opening + 0–15 min, and goes then, once.
    /// </summary>
    [Fact]
    public async Task WhatTheDayCapHoldsBeforeAHolidayMondayGoesAtTuesdaysOpening()
    {
        var friday = f.FridayBeforeAHoliday;
        var (morning, _) = await DayCapUsedUpAsync(friday, "781");
        f.Clock.Set(At(friday, "17:55"));
        var held = await FollowUpsDueAsync("782", 1);
        var everyone = morning.Concat(held).Select(d => d.Medico).ToArray();
        await SettledAsync(everyone);
        Assert.Equal(("pendente", "limite", At(friday.AddDays(1), "00:00")), await RowAsync(held[0].Fila));

        var tuesday = f.Holiday.AddDays(1);
        await AtAsync(At(friday.AddDays(1), "00:00"), everyone);
        await HeldForTheOpeningAsync(held, At(tuesday, "08:00"));
        await AtAsync(At(f.Holiday, "08:00"), everyone);
        await MadeDueAsync(held, everyone);                              // the holiday's opening hour: still closed
        await HeldForTheOpeningAsync(held, At(tuesday, "08:00"));
        await AtAsync(At(f.Holiday, "12:00"), everyone);
        await AtAsync(At(tuesday, "07:59:59"), everyone);
        Assert.Empty(f.SentTo(held[0].Phone));

        await EachGoesWhenDueAsync(held, everyone);
        await AtAsync(At(tuesday, "10:00"), everyone);
        Assert.Single(f.SentTo(held[0].Phone));
    }

    sealed record Doctor(Guid Medico, string Phone, Guid Fila);

    /// <summary>
    /// 100 first follow-ups due at 13:00 on <paramref name="friday"/>, walked hour by hour: 20 go at 13:00, 14:00, 15:00,
    /// 16:00 and 17:00, the rest waiting for the next clock hour each time, and the 100th uses up the day.
    /// </summary>
    async Task<(List<Doctor> Doctors, int Sent)> DayCapUsedUpAsync(DateOnly friday, string series)
    {
        f.Clock.Set(At(friday, "13:00"));
        var doctors = await FollowUpsDueAsync(series, PerDay);
        var ids = doctors.Select(d => d.Medico).ToArray();
        await SettledAsync(ids);
        for (var hour = 13; ; hour++)
        {
            var sent = doctors.Sum(d => f.SentTo(d.Phone).Count);
            Assert.Equal(Math.Min(PerDay, (hour - 12) * PerHour), sent);
            if (sent == PerDay) return (doctors, sent);
            Assert.True(hour < 17, $"{sent} sent by {hour}:00");
            await AtAsync(At(friday, $"{hour + 1}:00"), ids);
        }
    }

    /// <summary>Doctors a campaign reached two days ago, each with his first follow-up queued and due now.</summary>
    async Task<List<Doctor>> FollowUpsDueAsync(string series, int count)
    {
        var phones = Enumerable.Range(1, count).Select(i => $"55119{series}{i:D5}").ToArray();
        var rows = await f.QueryAsync<(Guid, string, Guid)>("""
            WITH m AS (INSERT INTO medicos (telefone, whatsapp_jid, primeiro_nome, origem)
                       SELECT p, p || '@s.whatsapp.net', 'Paulo', 'import' FROM unnest(@phones::text[]) p RETURNING id, telefone),
                 c AS (INSERT INTO conversations (medico_id, stage, last_outbound_at)
                       SELECT id, 'msg_enviada', now() - interval '49 hours' FROM m RETURNING id, medico_id),
                 q AS (INSERT INTO fila_mensagens (medico_id, conversa_id, tipo, conteudo, prioridade, agendar_para, metadata)
                       SELECT c.medico_id, c.id, 'followup', 'Oi Dr. Paulo, conseguiu ver os plantões do ABC que te mandei?', 4, now(),
                              jsonb_build_object('tipo_followup', 'fu1', 'ultima_saida', now() - interval '49 hours')
                       FROM c RETURNING medico_id, id)
            SELECT q.medico_id, m.telefone, q.id FROM q JOIN m ON m.id = q.medico_id
            """, new { phones });
        return [.. rows.Select(r => new Doctor(r.Item1, r.Item2, r.Item3)).OrderBy(d => d.Phone, StringComparer.Ordinal)];
    }

    async Task<Doctor> CampaignOpeningDueAsync(string phone, string text)
    {
        var medico = await f.ImportedDoctorAsync(phone);
        return new Doctor(medico, phone, await f.QueuedCampaignMessageAsync(medico, text, dueIn: "0 seconds"));
    }

    /// <summary>
    /// The host's clock reaches <paramref name="instant"/>: the rows of these doctors that the host scheduled for then or
    /// earlier fall due (the database's now() does not follow the clock), and the dispatcher deals with them.
    /// </summary>
    async Task AtAsync(DateTimeOffset instant, Guid[] doctors)
    {
        f.Clock.Set(instant);
        await f.ExecuteAsync("""
            UPDATE fila_mensagens SET agendar_para = now() WHERE status = 'pendente' AND agendar_para <= @instant AND medico_id = ANY(@doctors)
            """, new { instant = instant.UtcDateTime, doctors });
        await SettledAsync(doctors);
    }

    /// <summary>Due now whatever they wait for — a restart, an operator's `agendar_para = now()` — and looked at again.</summary>
    async Task MadeDueAsync(IEnumerable<Doctor> held, Guid[] doctors)
    {
        await f.ExecuteAsync("UPDATE fila_mensagens SET agendar_para = now() WHERE id = ANY(@rows) AND status = 'pendente'",
            new { rows = held.Select(d => d.Fila).ToArray() });
        await SettledAsync(doctors);
    }

    /// <summary>Nothing of theirs due and unclaimed, nothing being sent.</summary>
    Task SettledAsync(Guid[] doctors) => Eventually.MatchesAsync(() => f.QueryAsync<string>("""
        SELECT tipo || ' ' || status FROM fila_mensagens
        WHERE medico_id = ANY(@doctors) AND (status = 'processando' OR (status = 'pendente' AND agendar_para <= now()))
        """, new { doctors }), rows => rows.Count == 0, seconds: 60);

    async Task<(string Status, string? Reason, DateTimeOffset Due)> RowAsync(Guid fila)
    {
        var (status, reason, due) = (await f.QueryAsync<(string, string?, DateTime)>(
            "SELECT status, outcome_reason_code, agendar_para FROM fila_mensagens WHERE id = @fila", new { fila })).Single();
        return (status, reason, new DateTimeOffset(DateTime.SpecifyKind(due, DateTimeKind.Utc)).ToOffset(TimeSpan.FromHours(-3)));
    }

    /// <summary>Each waits for business hours (`fora_do_horario`) until <paramref name="opening"/> plus 0–15 min.</summary>
    async Task HeldForTheOpeningAsync(IEnumerable<Doctor> held, DateTimeOffset opening)
    {
        foreach (var d in held)
        {
            var (status, reason, due) = await RowAsync(d.Fila);
            Assert.Equal(("pendente", "fora_do_horario"), (status, reason));
            Assert.InRange(due, opening, opening + OpeningWindow - TimeSpan.FromTicks(1));
            Assert.Empty(f.SentTo(d.Phone));
        }
    }

    /// <summary>The clock reaches each one's instant in turn: it goes then (the others not before their own), once.</summary>
    async Task EachGoesWhenDueAsync(List<Doctor> held, Guid[] doctors)
    {
        var due = new List<(Doctor Doctor, DateTimeOffset At)>();
        foreach (var d in held) due.Add((d, (await RowAsync(d.Fila)).Due));
        foreach (var (d, at) in due.OrderBy(x => x.At))
        {
            await AtAsync(at, doctors);
            Assert.Equal("enviada", (await RowAsync(d.Fila)).Status);
            Assert.Single(f.SentTo(d.Phone));
            Assert.All(due.Where(x => x.At > at), x => Assert.Empty(f.SentTo(x.Doctor.Phone)));
        }
    }

    /// <summary>
    /// He writes now (by the host's clock): his answer reaches WhatsApp before the clock moves on, never held back — a
    /// reply held for a limit or for business hours would stay `pendente` and the wait for his sends would time out.
    /// </summary>
    async Task AnsweredAtOnceAsync(Doctor doctor, string text)
    {
        var before = f.SentTo(doctor.Phone).Count;
        var message = Text(doctor.Phone, text);
        message["data"]!["messageTimestamp"] = f.Clock.GetUtcNow().ToUnixTimeSeconds();
        await PostAsync(f.Client, message);
        await f.WaitProcessedAsync(doctor.Phone);
        await f.WaitSendsRecordedAsync(doctor.Medico);
        Assert.Equal(before + 1, f.SentTo(doctor.Phone).Count);
        Assert.Contains("Recebi", f.SentTo(doctor.Phone)[^1]);
        var reply = (await f.QueryAsync<(string, string?, int)>("""
            SELECT status, outcome_reason_code, tentativas FROM fila_mensagens WHERE medico_id = @medico AND tipo = 'resposta'
            ORDER BY created_at DESC LIMIT 1
            """, new { medico = doctor.Medico })).Single();
        Assert.Equal<(string, string?, int)>(("enviada", null, 0), reply);   // never held back: no `limite`, no `fora_do_horario`
    }

    async Task<JsonElement> RateLimitAsync() => JsonDocument.Parse(await f.Client.GetStringAsync("/health/rate-limit")).RootElement;
}
