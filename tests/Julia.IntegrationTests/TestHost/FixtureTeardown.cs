namespace Julia.IntegrationTests.TestHost;

/// <summary>
/// What a fixture closes after its host, in order, each step whatever the one before did: the host's disposal throws
/// when the log leak guard finds a leak (docs/decisions.md#log-leak-guard), and a derived fixture that closed its fake
/// servers after <c>await base.DisposeAsync()</c> left them listening for the rest of the run. The first failure
/// (the leak) is thrown once every step has run.
/// </summary>
internal sealed class FixtureTeardown
{
    readonly List<IAsyncDisposable> peers = [];

    /// <summary>A fake peer (Evolution, Chatwoot, Anthropic, Slack…) to close after the host.</summary>
    public T Add<T>(T peer) where T : IAsyncDisposable
    {
        peers.Add(peer);
        return peer;
    }

    /// <summary>Runs <paramref name="steps"/> (host first, then its database and Redis), then closes the peers, latest first.</summary>
    public async Task RunAsync(params Func<ValueTask>[] steps)
    {
        Exception? first = null;
        foreach (var step in steps.Concat(Enumerable.Reverse(peers).Select(p => (Func<ValueTask>)p.DisposeAsync)))
        {
            try { await step(); }
            catch (Exception ex) { first ??= ex; }
        }
        peers.Clear();
        if (first is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(first);
    }
}
