using Julia.Infrastructure.Logging;
using Microsoft.Extensions.Options;

namespace Julia.Chatwoot;

/// <summary>
/// Who the integration is in Chatwoot: the profile of CHATWOOT_API_TOKEN, read at start. Its messages (notes, copies,
/// and Evolution's mirror when it uses the same token) are never mistaken for a person taking over.
/// </summary>
internal sealed class ChatwootIdentity
{
    sealed record Snapshot(long? ProfileId, string State);

    volatile Snapshot snapshot = new(null, "off");

    public long? ProfileId => snapshot.ProfileId;

    /// <summary>`on`, `off` (no CHATWOOT_URL / token) or `sem resposta`: what the banner and health say.</summary>
    public string State => snapshot.State;

    public void Set(long? id, string state) => snapshot = new Snapshot(id, state);
}

/// <summary>
/// Reads the profile (GET /api/v1/profile) in the background at start, and again until Chatwoot answers — after 5 s,
/// doubling up to a minute: until then the integration's own public messages are told apart only by their WhatsApp id
/// and text — so a Chatwoot that is down never delays start-up; says in the log whether it answers. A Chatwoot down for
/// long is logged as every loop's outage (<see cref="FailureStreak"/>, docs/decisions.md#configuration): before, the
/// client's WARNING came with every try, one a minute for as long as it lasted.
/// </summary>
internal sealed partial class ChatwootStartup(ChatwootIdentity identity, IServiceProvider services, IOptions<ChatwootOptions> options,
    TimeProvider time, ILogger<ChatwootStartup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        var o = options.Value;
        if (!o.Enabled)
        {
            identity.Set(null, "off");
            return;
        }
        var streak = new FailureStreak($"Chatwoot profile read at {SafeUrl.Of(o.BaseUrl)}",
            "handoff notes wait in the outbox; asking again within a minute", time, logger);
        // A refused token is no outage: the notes do not wait, each is given up at its first 401 (docs/decisions.md#notices-given-up).
        var refused = new FailureStreak($"Chatwoot refused CHATWOOT_API_TOKEN at {SafeUrl.Of(o.BaseUrl)}",
            "every handoff note and copy is given up until the token is fixed (then restart Júlia and requeue them: runbook); asking again within a minute",
            time, logger);
        var wait = TimeSpan.FromSeconds(5);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(TimeSpan.FromSeconds(10));
                var profile = await services.GetRequiredService<ChatwootClient>().GetProfileAsync(timeout.Token, quiet: true);
                identity.Set(profile.Id, "on");
                streak.Succeed();
                refused.Succeed();
                LogAnswers(SafeUrl.Of(o.BaseUrl), profile.Id, o.AccountId, o.InboxId, o.Mirroring);
                return;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { return; }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                identity.Set(null, "sem resposta");
                (ex is ChatwootException { Status: 401 or 403 } ? refused : streak).Fail(ex);
            }
            try { await Task.Delay(wait, time, ct); } catch (OperationCanceledException) { return; }
            wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, TimeSpan.FromMinutes(1).Ticks));
        }
    }

    [LoggerMessage(EventId = 6301, Level = LogLevel.Information, Message = "Chatwoot answers at {Url}: profile {ProfileId}, account {AccountId}, inbox {InboxId}, espelhamento {Mirroring}")]
    private partial void LogAnswers(string url, long profileId, int accountId, int inboxId, string mirroring);
}
