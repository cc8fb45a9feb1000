using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Julia.Notifications;

internal sealed class NotificationOptions
{
    public const string Section = "Notifications";
    public int PollMilliseconds { get; set; } = 1_000;
    public int MaxAttempts { get; set; } = 10;
    public int BaseBackoffSeconds { get; set; } = 15;
    public int MaxBackoffSeconds { get; set; } = 1_800;
    public int LeaseSeconds { get; set; } = 120;
}

/// <summary>
/// Delivers the outbox (docs/decisions.md#handoff): claims due notices with SKIP LOCKED, hands each to its channel,
/// and records the outcome — `enviada`, back to `pendente` with backoff (15 s·2^n, at most 30 min), or `falhou` after
/// 10 attempts. Runs in every process; the claim keeps two processes from sending one notice twice.
/// </summary>
internal sealed partial class NotificationDispatcher(
    NotificationOutbox outbox, IEnumerable<INotificationChannel> channels, IOptions<NotificationOptions> options, TimeProvider time,
    NotificationsMeter meter, ILogger<NotificationDispatcher> logger) : BackgroundService
{
    readonly Infrastructure.Logging.FailureStreak streak = new("Notification dispatch loop", "continuing", time, logger);

    readonly Dictionary<string, INotificationChannel> byName = channels.ToDictionary(c => c.Name, StringComparer.Ordinal);

    // A peer that said how long to stay away (Slack's 429 Retry-After) is not called again by this process before then:
    // the channel's other notices wait without spending an attempt. Before, the rest of a batch — a wave of handoffs, an
    // alert storm — was posted at once and each met the same 429, spending an attempt apiece
    // (docs/decisions.md#handoff, "A peer's Retry-After holds its channel").
    readonly ConcurrentDictionary<string, DateTimeOffset> heldUntil = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        var o = options.Value;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var delivered = await DeliverBatchAsync(ct);
                streak.Succeed();
                if (delivered == 0) await Task.Delay(TimeSpan.FromMilliseconds(o.PollMilliseconds), time, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { return; }
            catch (Exception ex)
            {
                streak.Fail(ex);
                try { await Task.Delay(TimeSpan.FromSeconds(2), time, ct); } catch (OperationCanceledException) { return; }
            }
        }
    }

    /// <summary>One claim and its deliveries; returns how many notices were handled (tests call it directly).</summary>
    public async Task<int> DeliverBatchAsync(CancellationToken ct)
    {
        var o = options.Value;
        var lease = TimeSpan.FromSeconds(o.LeaseSeconds);
        var claimed = time.GetTimestamp();
        var batch = await outbox.ClaimAsync(10, lease, ct);
        foreach (var claim in batch)
        {
            var n = claim;
            // A slow peer (Chatwoot's contact search, retried calls) can make a batch outlast the lease, and another process
            // then claims its last notices: past a quarter of the lease each one is renewed first, or left to that process.
            if (time.GetElapsedTime(claimed) > lease / 4)
            {
                if (await outbox.RenewAsync(n, CancellationToken.None) is not { } renewed)
                {
                    LogLeaseLost(n.Id, n.Channel, n.Kind);
                    continue;
                }
                n = renewed;
            }
            var result = !byName.TryGetValue(n.Channel, out var channel)
                ? new DeliveryResult.Failed($"canal desconhecido: {n.Channel}")
                : HeldFor(n.Channel) is { } left
                    ? new DeliveryResult.Retry($"aguardando o Retry-After do {n.Channel}", left, CountsAsAttempt: false)
                    : await DeliverOneAsync(channel, n);
            if (result is DeliveryResult.Retry { PeerAskedToWait: true, After: { } after } && after > TimeSpan.Zero)
                heldUntil[n.Channel] = time.GetUtcNow() + after;
            await RecordAsync(n, result, o);
        }
        return batch.Count;
    }

    /// <summary>How long the channel's peer asked this process to stay away still; null when it may be called.</summary>
    TimeSpan? HeldFor(string channel)
    {
        if (!heldUntil.TryGetValue(channel, out var until)) return null;
        var left = until - time.GetUtcNow();
        return left > TimeSpan.Zero ? left : null;
    }

    async Task<DeliveryResult> DeliverOneAsync(INotificationChannel channel, Notification n)
    {
        try
        {
            // A notice in flight is finished even during shutdown: its claim would otherwise wait for the lease.
            return await channel.DeliverAsync(n, CancellationToken.None);
        }
        catch (Exception ex)
        {
            LogChannelThrew(ex, n.Id, n.Channel, n.Kind);
            return new DeliveryResult.Retry($"erro interno: {ex.GetType().Name}");
        }
    }

    async Task RecordAsync(Notification n, DeliveryResult result, NotificationOptions o)
    {
        switch (result)
        {
            case DeliveryResult.Delivered when !await outbox.MarkSentAsync(n, CancellationToken.None):
                LogLeaseLost(n.Id, n.Channel, n.Kind);
                break;
            case DeliveryResult.Delivered:
                LogDelivered(n.Id, n.Channel, n.Kind, Subject(n));
                break;
            case DeliveryResult.Retry retry when !retry.CountsAsAttempt || n.Attempts + 1 < o.MaxAttempts:
                var wait = retry.After ?? TimeSpan.FromSeconds(Math.Min(o.MaxBackoffSeconds, o.BaseBackoffSeconds * Math.Pow(2, n.Attempts)));
                await outbox.RetryAsync(n, time.GetUtcNow() + wait, retry.Error, retry.CountsAsAttempt, CancellationToken.None);
                if (retry.CountsAsAttempt) LogRetrying(n.Id, n.Channel, n.Kind, Subject(n), n.Attempts + 1, (int)wait.TotalSeconds, retry.Error);
                break;
            case DeliveryResult.Retry retry:
                await GiveUpAsync(n, retry.Error);
                break;
            case DeliveryResult.Failed failed:
                await GiveUpAsync(n, failed.Error);
                break;
        }
    }

    async Task GiveUpAsync(Notification n, string error)
    {
        await outbox.FailAsync(n, error, CancellationToken.None);
        LogGaveUp(n.Id, n.Channel, n.Kind, Subject(n), n.Attempts + 1 == 1 ? "1 tentativa" : $"{n.Attempts + 1} tentativas", error);
        meter.Error(NotificationsMeter.GaveUp(n.Channel));
    }

    // Operators grep "handoff": notices about one say so.
    static string Subject(Notification n) => n.HandoffId is { } h ? $"handoff {h}" : n.ConversationId is { } c ? $"conversa {c}" : "-";

    [LoggerMessage(EventId = 7001, Level = LogLevel.Information, Message = "notificação {Id} entregue ({Channel}/{Kind}, {Subject})")]
    private partial void LogDelivered(long id, string channel, string kind, string subject);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Warning, Message = "notificação {Id} ({Channel}/{Kind}, {Subject}) falhou na tentativa {Attempt}: {Error}; nova tentativa em {Seconds} s")]
    private partial void LogRetrying(long id, string channel, string kind, string subject, int attempt, int seconds, string error);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Error, Message = "notificação {Id} ({Channel}/{Kind}, {Subject}) desistiu após {Attempts}: {Error}")]
    private partial void LogGaveUp(long id, string channel, string kind, string subject, string attempts, string error);

    [LoggerMessage(EventId = 7008, Level = LogLevel.Warning, Message = "notificação {Id} ({Channel}/{Kind}): outro processo a assumiu (o prazo da reserva acabou durante o lote); o resultado fica com ele")]
    private partial void LogLeaseLost(long id, string channel, string kind);

    [LoggerMessage(EventId = 7004, Level = LogLevel.Error, Message = "Notification channel {Channel} threw for notice {Id} ({Kind})")]
    private partial void LogChannelThrew(Exception ex, long id, string channel, string kind);
}
