namespace Julia.WhatsApp;

/// <summary>
/// Polls `GET /instance/connectionState/{instance}` every 30 s so the state recovers even if a webhook is missed. A gateway
/// that refuses connections twice, 5 s apart, is state `inacessivel` (docs/decisions.md#inbound): nothing comes in or goes
/// out through it, so it pages like a lost session (`whatsapp_desconectado`) and its return like a reconnect — at a
/// quiet hour nothing else would notice before the alerts job.
/// </summary>
internal sealed class WhatsAppConnectionMonitor(IWhatsAppChannel channel, WhatsAppConnection connection, TimeProvider time) : BackgroundService
{
    /// <summary>How long a refused poll waits to ask again: a gateway restarting must not page anyone.</summary>
    internal static readonly TimeSpan RecheckAfter = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(30), time);
        try
        {
            do
            {
                var state = await channel.ConnectionStateAsync(ct);
                if (state == WhatsAppStatus.Unreachable)
                {
                    await Task.Delay(RecheckAfter, time, ct);
                    state = await channel.ConnectionStateAsync(ct);
                }
                if (state is not null) await connection.UpdateAsync(state, null);
            } while (await timer.WaitForNextTickAsync(ct));
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
    }
}
