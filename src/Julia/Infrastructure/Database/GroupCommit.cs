using System.Diagnostics;
using System.Threading.Channels;
using Julia.Infrastructure.Telemetry;
using Npgsql;

namespace Julia.Infrastructure.Database;

/// <summary>
/// Group commit (docs/decisions.md#group-commit): writes that arrive while another batch is at the server are written
/// together by the next one — the owner's <c>write</c> turns a batch into one multi-row statement, one round trip and
/// one commit. A couple of writer loops take turns: alone, a write goes at once (no waiting for company); under load,
/// each batch takes what queued up meanwhile. A caller's task completes only after its batch committed.
/// When PostgreSQL refuses a batch (one row's data, a deadlock…), the transaction kept nothing of it; its writes then go
/// again one at a time, so each caller sees its own write's outcome, exactly as if it had been alone.
/// Cancelling a caller stops its wait, not its write (it may still commit: webhooks are deduplicated).
/// Tracing: each batch is a span named by the owner, a child of its first write's trace and linked to the others', with
/// the batch's SQL spans under it.
/// </summary>
internal sealed class GroupCommit<TItem, TResult> : IAsyncDisposable
{
    readonly Func<IReadOnlyList<TItem>, Task<IReadOnlyList<TResult>>> write;
    readonly string spanName;
    readonly int maxBatch;
    readonly Channel<Pending> pending = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = false });
    readonly Task[] writers;

    /// <param name="spanName">The trace span of a batch.</param>
    /// <param name="write">Writes a batch in one transaction; one result per item, in the items' order.</param>
    /// <param name="writers">Batches at the server at once.</param>
    /// <param name="maxBatch">Most items in one batch.</param>
    public GroupCommit(string spanName, Func<IReadOnlyList<TItem>, Task<IReadOnlyList<TResult>>> write, int writers = 2, int maxBatch = 64)
    {
        this.spanName = spanName;
        this.write = write;
        this.maxBatch = maxBatch;
        // The loops belong to no request: they must not inherit the trace of the one that created this.
        using (ExecutionContext.SuppressFlow())
            this.writers = [.. Enumerable.Range(0, writers).Select(_ => Task.Run(WriteLoopAsync))];
    }

    public Task<TResult> WriteAsync(TItem item, CancellationToken ct)
    {
        var entry = new Pending(item);
        if (!pending.Writer.TryWrite(entry)) throw new ObjectDisposedException(nameof(GroupCommit<TItem, TResult>));
        return entry.Done.Task.WaitAsync(ct);
    }

    async Task WriteLoopAsync()
    {
        var batch = new List<Pending>(maxBatch);
        while (await pending.Reader.WaitToReadAsync())
        {
            while (batch.Count < maxBatch && pending.Reader.TryRead(out var entry)) batch.Add(entry);
            if (batch.Count == 0) continue;
            await FlushAsync(batch);
            batch.Clear();
        }
    }

    async Task FlushAsync(List<Pending> batch)
    {
        using var span = JuliaTelemetry.Source.StartActivity(spanName, ActivityKind.Internal, batch[0].Trace,
            links: batch.Count > 1 ? [.. batch.Skip(1).Where(p => p.Trace != default).Select(p => new ActivityLink(p.Trace))] : null);
        span?.SetTag("lote", batch.Count);
        try
        {
            Complete(batch, await write([.. batch.Select(p => p.Item)]));
        }
        catch (PostgresException ex) when (batch.Count > 1 && ex.InvariantSeverity is not ("FATAL" or "PANIC"))
        {
            // A statement error rolled the whole batch back: each write again, alone.
            foreach (var entry in batch)
            {
                try
                {
                    Complete([entry], await write([entry.Item]));
                }
                catch (Exception alone)
                {
                    entry.Done.TrySetException(alone);
                }
            }
        }
        catch (Exception ex)
        {
            foreach (var entry in batch) entry.Done.TrySetException(ex);
        }
    }

    static void Complete(List<Pending> batch, IReadOnlyList<TResult> results)
    {
        if (results.Count != batch.Count) throw new InvalidOperationException($"A batch of {batch.Count} writes gave {results.Count} results.");
        for (var i = 0; i < batch.Count; i++) batch[i].Done.TrySetResult(results[i]);
    }

    public async ValueTask DisposeAsync()
    {
        pending.Writer.TryComplete();
        await Task.WhenAll(writers);
    }

    sealed class Pending(TItem item)
    {
        public TItem Item { get; } = item;
        public TaskCompletionSource<TResult> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public ActivityContext Trace { get; } = Activity.Current?.Context ?? default;
    }
}
