using Julia.Infrastructure.Resilience;
using Julia.WhatsApp;
using Microsoft.Extensions.Options;

namespace Julia.Alerts;

/// <summary>
/// The two alerts whose window is "immediate" (docs/decisions.md#alerts): `circuito_aberto` the moment a breaker of this
/// process opens, `whatsapp_desconectado` when the connection state changed to anything but `open` and is still so 30 s
/// later (a reconnect pages nobody) — not at the next 15-minute run of the job, which missed every breaker that opened
/// and closed in between. Same record, cooldown
/// and Slack notice as the job's; an alert that cannot be recorded (the database is what failed) is tried again.
/// </summary>
internal sealed partial class ImmediateAlerts(
    CircuitBreakers breakers, WhatsAppConnection connection, AlertStore store, IOptions<AlertsOptions> options, TimeProvider time,
    ILogger<ImmediateAlerts> logger)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var breaker in breakers.All) breaker.Opened += OnCircuitOpened;
        connection.Disconnected += OnDisconnected;
        connection.Reconnected += OnReconnected;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var breaker in breakers.All) breaker.Opened -= OnCircuitOpened;
        connection.Disconnected -= OnDisconnected;
        connection.Reconnected -= OnReconnected;
        return Task.CompletedTask;
    }

    // Opened by a refusal of the model's key or account (Trip with its reason): the text says waiting will not help.
    void OnCircuitOpened(CircuitBreaker breaker) =>
        Raise(AlertRules.CircuitOpen([breaker.Name], breaker == breakers.Claude ? breaker.TripReason : null));

    void OnDisconnected(string state) => _ = Task.Run(async () =>
    {
        await Task.Delay(TimeSpan.FromSeconds(options.Value.DisconnectGraceSeconds), time);
        if (connection.State is not ("open" or "unknown") and var still) Raise(AlertRules.WhatsAppDisconnected(still, await connection.ReasonAsync()));
    });

    /// <summary>
    /// The end of an outage someone was paged about: `whatsapp_reconectado` (info), once per `whatsapp_desconectado` of the
    /// last day — a flap that paged nobody tells nobody (docs/decisions.md#alerts). Logged like every alert
    /// (`alerta {tipo} ({severidade}): …`, INFO here; docs/runbook.md "Alertas").
    /// </summary>
    void OnReconnected() => Record(AlertTypes.WhatsAppReconectado, async ct =>
    {
        AlertCandidate? alert = null;
        var recorded = await store.TryRecordRecoveryAsync(AlertTypes.WhatsAppReconectado, AlertTypes.WhatsAppDesconectado, TimeSpan.FromHours(24),
            pagedAt => alert = AlertRules.WhatsAppReconnected(pagedAt, time.GetUtcNow()), ct);
        if (recorded && alert is not null) LogAlert(AlertTypes.LogLevelOf(alert.Severidade), alert.Tipo, alert.Severidade, alert.Mensagem);
        return recorded;
    });

    void Raise(AlertCandidate alert) => Record(alert.Tipo, async ct =>
    {
        var recorded = await store.TryRecordAsync(alert, TimeSpan.FromMinutes(options.Value.CooldownMinutes), ct);
        if (recorded) LogAlert(AlertTypes.LogLevelOf(alert.Severidade), alert.Tipo, alert.Severidade, alert.Mensagem);
        return recorded;
    });

    /// <summary>
    /// Off the caller's thread: a breaker opens inside a send or a model call, which must not wait for the database. An
    /// alert the database cannot take now (the `database` circuit itself) is tried again every 30 s for an hour: the
    /// outage is told once the database is back, instead of never (the job only sees circuits still open). After the hour
    /// it is given up with an ERROR saying so: an operator reading the log after a long outage learns an alert is missing
    /// from `alertas_enviados` and Slack, instead of finding nothing.
    /// </summary>
    void Record(string tipo, Func<CancellationToken, Task<bool>> record) => _ = Task.Run(async () =>
    {
        var error = "";
        for (var attempt = 0; attempt < RecordAttempts; attempt++)
        {
            try
            {
                await record(CancellationToken.None);
                return;
            }
            catch (Exception ex)
            {
                error = ex.GetType().Name;
                if (attempt == 0) LogNotRecorded(tipo, error);
            }
            await Task.Delay(RecordRetry, time);
        }
        LogGaveUp(tipo, (int)(RecordAttempts * RecordRetry).TotalMinutes, error);
    });

    const int RecordAttempts = 120;
    static readonly TimeSpan RecordRetry = TimeSpan.FromSeconds(30);

    [LoggerMessage(EventId = 1702, Message = "alerta {Tipo} ({Severidade}): {Mensagem}")]
    private partial void LogAlert(LogLevel level, string tipo, string severidade, string mensagem);

    [LoggerMessage(EventId = 1703, Level = LogLevel.Warning, Message = "alerta {Tipo} não registrado agora ({Erro}); tentando de novo a cada 30 s")]
    private partial void LogNotRecorded(string tipo, string erro);

    [LoggerMessage(EventId = 1704, Level = LogLevel.Error,
        Message = "alerta {Tipo} perdido: não registrado em {Minutos} min de tentativas ({Erro}); não está em alertas_enviados nem no Slack")]
    private partial void LogGaveUp(string tipo, int minutos, string erro);
}
