namespace Julia.WhatsApp;

/// <summary>Polls `GET /instance/connectionState/{instance}` every 30 s so the state recovers even if a webhook is missed.</summary>
internal sealed class WhatsAppConnectionMonitor(IWhatsAppChannel channel, WhatsAppConnection connection, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(30), time);
        do
        {
            // An unreachable gateway says nothing about the WhatsApp session itself: the last state heard stays.
            if (await channel.ConnectionStateAsync(ct) is { } state && state != WhatsAppStatus.Unreachable) await connection.UpdateAsync(state, null);
        } while (await Next(timer, ct));
    }

    static async Task<bool> Next(PeriodicTimer timer, CancellationToken ct)
    {
        try { return await timer.WaitForNextTickAsync(ct); } catch (OperationCanceledException) { return false; }
    }
}
