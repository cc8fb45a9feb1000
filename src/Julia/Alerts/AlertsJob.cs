using Julia.Infrastructure.Time;
using Julia.Jobs;
using Microsoft.Extensions.Options;

namespace Julia.Alerts;

/// <summary>
/// Job `alertas` (every 15 min, and POST /jobs/alertas): evaluates the alert table and sends each alert that holds —
/// outside business hours only the "any time" ones — once per cooldown (docs/decisions.md#alerts).
/// </summary>
internal sealed partial class AlertsJob(
    AlertRules rules, AlertStore store, BusinessHours hours, IOptions<AlertsOptions> options,
    IOptions<Conversations.ConversationsOptions> conversations, TimeProvider time, ILogger<AlertsJob> logger) : IJob
{
    public string Name => "alertas";
    public JobSchedule Schedule { get; } = new(Every: TimeSpan.FromMinutes(15));

    public async Task<string> RunAsync(CancellationToken ct)
    {
        var candidates = await rules.EvaluateAsync(ct);
        var businessHours = hours.IsOpen(time.GetUtcNow());
        var cooldown = TimeSpan.FromMinutes(options.Value.CooldownMinutes);
        List<string> sent = [], cooling = [], offHours = [];
        foreach (var alert in candidates)
        {
            if (!alert.AnyTime && !businessHours && !RepliesAtNight(alert)) { offHours.Add(alert.Tipo); continue; }
            if (await store.TryRecordAsync(alert, cooldown, ct))
            {
                sent.Add(alert.Tipo);
                LogAlert(AlertTypes.LogLevelOf(alert.Severidade), alert.Tipo, alert.Severidade, alert.Mensagem);
            }
            else cooling.Add(alert.Tipo);
        }
        return candidates.Count == 0 ? "nenhum alerta"
            : $"enviados: {List(sent)}; em cooldown: {List(cooling)}; fora do horário: {List(offHours)}";
    }

    /// <summary>
    /// `sem_respostas` is about the reply path: when Júlia answers outside business hours (RESPONDER_FORA_HORARIO, the
    /// default), a dead reply path at 3 a.m. leaves doctors unanswered then, and pages then (docs/decisions.md#alerts).
    /// </summary>
    bool RepliesAtNight(AlertCandidate alert) => alert.Tipo == AlertTypes.SemRespostas && conversations.Value.AnswerOutsideBusinessHours;

    static string List(List<string> tipos) => tipos.Count == 0 ? "-" : string.Join(", ", tipos);

    [LoggerMessage(EventId = 1701, Message = "alerta {Tipo} ({Severidade}): {Mensagem}")]
    private partial void LogAlert(LogLevel level, string tipo, string severidade, string mensagem);
}
