using Julia.Infrastructure.Resilience;
using Julia.IntegrationTests.Conversations;
using Julia.IntegrationTests.TestHost;
using Julia.Queue;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Julia.IntegrationTests.Conformance;

/// <summary>
/// Júlia sending through the real Evolution client to a fake Evolution, with business days set to tomorrow only (São
/// Paulo): whatever the wall clock says, now is outside business hours and the next opening is tomorrow at 08:00.
/// </summary>
public sealed class OutboundQueueFixture : GatewayPipelineFixture
{
    public static readonly TimeZoneInfo SaoPaulo = TimeZoneInfo.FindSystemTimeZoneById("America/Sao_Paulo");

    public static DateTime TomorrowInSaoPaulo => TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, SaoPaulo).Date.AddDays(1);

    /// <summary>ISO weekday (1 = Monday … 7 = Sunday) of tomorrow in São Paulo.</summary>
    static string TomorrowIso => (TomorrowInSaoPaulo.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)TomorrowInSaoPaulo.DayOfWeek).ToString(System.Globalization.CultureInfo.InvariantCulture);

    protected override Dictionary<string, string?> Settings => new(Evolution.Settings(timeoutSeconds: 1))
    {
        ["HUMANIZAR"] = "false", ["DIAS_UTEIS"] = TomorrowIso, ["INTERVALO_MAX_SEGUNDOS"] = "0",
    };
}

/// <summary>
/// The outbound queue's numbers at their edges: which kinds wait for business hours (and until when, without spending an
/// attempt), the retry schedule of a failing send up to `max_tentativas` 3, and the stuck-claim lease of
/// FILA_PROCESSANDO_TIMEOUT_SEGUNDOS (300 s) at one side and the other.
/// </summary>
public sealed class OutboundQueueConformanceTests(OutboundQueueFixture f) : IClassFixture<OutboundQueueFixture>
{
    IEnumerable<FakeEvolution.Call> SendsTo(string phone) => f.Evolution.Sends.Where(c => c.Body?["number"]?.GetValue<string>()?.StartsWith(phone) == true);

    sealed record Row(string Tipo, string Status, int Tentativas, DateTime AgendarPara, string? Reason);

    Task<List<Row>> RowsAsync(Guid medico) => f.QueryAsync<Row>("""
        SELECT tipo AS Tipo, status AS Status, tentativas AS Tentativas, agendar_para AS AgendarPara, outcome_reason_code AS Reason
        FROM fila_mensagens WHERE medico_id = @medico ORDER BY prioridade DESC, tipo
        """, new { medico });

    /// <summary>
    /// Outside business hours a `sistema` message (opt-out confirmation, handoff transition, holding message) and a
    /// `resposta` go at once; `lembrete_solicitado`, `followup` and `campanha` go back to `pendente` for the next opening
    /// plus at most 15 minutes, with no attempt spent.
    /// </summary>
    [Fact]
    public async Task OutsideBusinessHoursOnlyProactiveKindsWaitForTheNextOpeningWithoutSpendingAnAttempt()
    {
        const string phone = "5511988830001";
        var (medico, conversa) = await f.DoctorAsync(phone);

        await f.ExecuteAsync("""
            INSERT INTO fila_mensagens (medico_id, conversa_id, tipo, conteudo, prioridade)
            VALUES (@medico, @conversa, 'sistema', 'Combinado, não te mando mais mensagens.', 10),
                   (@medico, @conversa, 'resposta', 'Oi! Tudo bem?', 10),
                   (@medico, @conversa, 'lembrete_solicitado', 'Oi, como combinado', 7),
                   (@medico, @conversa, 'followup', 'Passando pra saber', 4),
                   (@medico, @conversa, 'campanha', 'Oi, sou a Júlia', 3)
            """, new { medico, conversa });

        var rows = await Eventually.MatchesAsync(() => RowsAsync(medico),
            r => r.Count(x => x.Status == "enviada") == 2 && r.Count(x => x.Reason == "fora_do_horario") == 3);

        Assert.Equal(["resposta", "sistema"], rows.Where(r => r.Status == "enviada").Select(r => r.Tipo).Order());
        var opening = new DateTimeOffset(OutboundQueueFixture.TomorrowInSaoPaulo.AddHours(8),
            OutboundQueueFixture.SaoPaulo.GetUtcOffset(OutboundQueueFixture.TomorrowInSaoPaulo.AddHours(8))).UtcDateTime;
        Assert.All(rows.Where(r => r.Tipo is "lembrete_solicitado" or "followup" or "campanha"), r =>
        {
            Assert.Equal(("pendente", 0), (r.Status, r.Tentativas));
            Assert.InRange(DateTime.SpecifyKind(r.AgendarPara, DateTimeKind.Utc), opening, opening.AddMinutes(15));
        });
        Assert.Equal(2, SendsTo(phone).Count());
    }

    /// <summary>A failing send is tried again 2 min, then 4 min later (60·2^tentativas s); the third failure ends it `erro`.</summary>
    [Fact]
    public async Task AFailingSendIsRetriedAfterTwoThenFourMinutesAndGivenUpAtTheThirdFailure()
    {
        const string phone = "5511988830002";
        var (medico, conversa) = await f.DoctorAsync(phone);
        f.Evolution.FailNextSends(500, 3);
        await f.ExecuteAsync("INSERT INTO fila_mensagens (medico_id, conversa_id, tipo, conteudo, prioridade) VALUES (@medico, @conversa, 'sistema', 'x', 10)",
            new { medico, conversa });

        foreach (var (attempt, delay) in new[] { (1, 120), (2, 240) })
        {
            var waiting = await Eventually.MatchesAsync(() => f.QueryAsync<(string Status, int Tentativas, double InSeconds)>("""
                SELECT status, tentativas, EXTRACT(EPOCH FROM agendar_para - now())::float8 FROM fila_mensagens WHERE medico_id = @medico
                """, new { medico }), r => r[0].Tentativas == attempt && r[0].Status == "pendente");
            Assert.InRange(waiting[0].InSeconds, delay - 20, delay);
            await f.ExecuteAsync("UPDATE fila_mensagens SET agendar_para = now() WHERE medico_id = @medico", new { medico });
        }

        var final = await Eventually.MatchesAsync(() => f.QueryAsync<(string Status, int Tentativas)>(
            "SELECT status, tentativas FROM fila_mensagens WHERE medico_id = @medico", new { medico }), r => r[0].Status != "pendente" && r[0].Status != "processando");
        Assert.Equal(("erro", 3), final[0]);
        Assert.Equal(3, SendsTo(phone).Count());
        // Three failures in a row also opened the evolution breaker (3 / 30 s): closed again for the other tests of the class.
        f.App.Services.GetRequiredService<CircuitBreakers>().Evolution.RecordSuccess();
    }

    /// <summary>
    /// A claim is a 300 s lease: a row `processando` for 290 s is left alone; past 300 s it goes back to `pendente` if its
    /// send never started, else it ends `erro` `resultado_desconhecido` with an ERROR line, never sent again.
    /// </summary>
    [Fact]
    public async Task AStuckClaimIsRecoveredOnlyPastTheLease()
    {
        var (medico, conversa) = await f.DoctorAsync("5511988830003");
        await f.ExecuteAsync("""
            INSERT INTO fila_mensagens (medico_id, conversa_id, tipo, conteudo, prioridade, status, processando_desde, envio_iniciado_em, agendar_para)
            VALUES (@medico, @conversa, 'campanha', 'a: dentro, não começou', 3, 'processando', now() - interval '290 seconds', NULL, now() + interval '1 day'),
                   (@medico, @conversa, 'campanha', 'b: dentro, começou', 3, 'processando', now() - interval '290 seconds', now() - interval '290 seconds', now() + interval '1 day'),
                   (@medico, @conversa, 'campanha', 'c: fora, não começou', 3, 'processando', now() - interval '310 seconds', NULL, now() + interval '1 day'),
                   (@medico, @conversa, 'campanha', 'd: fora, começou', 3, 'processando', now() - interval '310 seconds', now() - interval '310 seconds', now() + interval '1 day')
            """, new { medico, conversa });

        await f.App.Services.GetRequiredService<QueueRecovery>().RunOnceAsync(default);

        var rows = await f.QueryAsync<(string Conteudo, string Status, string? Reason)>(
            "SELECT conteudo, status, outcome_reason_code FROM fila_mensagens WHERE medico_id = @medico ORDER BY conteudo", new { medico });
        Assert.Equal([
            ("a: dentro, não começou", "processando", null), ("b: dentro, começou", "processando", null),
            ("c: fora, não começou", "pendente", null), ("d: fora, começou", "erro", "resultado_desconhecido"),
        ], rows);
        Assert.Contains(f.App.Logs.Lines, l => l.Level == LogLevel.Error && l.Message.Contains("resultado_desconhecido"));
    }
}
