using Julia.Infrastructure.Logging;

namespace Julia.WhatsApp;

/// <summary>
/// Polls `GET /instance/connectionState/{instance}` every 30 s so the state recovers even if a webhook is missed. A gateway
/// that refuses connections twice, 5 s apart, is state `inacessivel` (docs/decisions.md#inbound): nothing comes in or goes
/// out through it, so it pages like a lost session (`whatsapp_desconectado`) and its return like a reconnect — at a
/// quiet hour nothing else would notice before the alerts job. A poll the gateway answers but not with a state (a 401
/// for a rotated EVOLUTION_API_KEY, a 404 for a wrong EVOLUTION_INSTANCE, a body of another shape) is a failure of this
/// loop, logged like every loop's (<see cref="FailureStreak"/>, docs/decisions.md#configuration): before, it was silent
/// for as long as it lasted, and a body of another shape ended the loop and, with it, the host.
/// </summary>
internal sealed class WhatsAppConnectionMonitor(IWhatsAppChannel channel, WhatsAppConnection connection, TimeProvider time,
    Microsoft.Extensions.Options.IOptions<EvolutionOptions> options, ILogger<WhatsAppConnectionMonitor> logger) : BackgroundService
{
    /// <summary>How long a refused poll waits to ask again: a gateway restarting must not page anyone.</summary>
    internal static readonly TimeSpan RecheckAfter = TimeSpan.FromSeconds(5);

    readonly FailureStreak streak = new("WhatsApp state poll", "next poll in 30 s", time, logger);

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, options.Value.StatePollSeconds)), time);
        try
        {
            do
            {
                try
                {
                    var state = await channel.ConnectionStateAsync(ct);
                    if (state == WhatsAppStatus.Unreachable)
                    {
                        await Task.Delay(RecheckAfter, time, ct);
                        state = await channel.ConnectionStateAsync(ct);
                    }
                    // A slow answer (null) is no news either way: it neither ends a streak of wrong answers nor adds to it —
                    // under load it ended one between two 401s and the next 401 logged a second ERROR.
                    if (state is null) continue;
                    // No reason in this answer: the webhook's reason of the outage is kept until `open` (WhatsAppConnection).
                    await connection.UpdateAsync(state, null);
                    streak.Succeed();
                }
                catch (Exception ex) when (!ct.IsCancellationRequested)
                {
                    streak.Fail(ex);
                }
            } while (await timer.WaitForNextTickAsync(ct));
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
    }
}
