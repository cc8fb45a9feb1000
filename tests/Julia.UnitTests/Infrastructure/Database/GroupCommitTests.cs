using System.Collections.Concurrent;
using System.Diagnostics;
using Julia.Infrastructure.Database;
using Julia.Infrastructure.Telemetry;
using Npgsql;

namespace Julia.UnitTests.Infrastructure.Database;

/// <summary>
/// The batching of <see cref="GroupCommit{TItem,TResult}"/> (docs/decisions.md#group-commit), with a write that records
/// its batches; the SQL side is InboundStoreTests'.
/// </summary>
public sealed class GroupCommitTests
{
    /// <summary>A write that records each batch and can hold the next one at the "server" until released.</summary>
    sealed class Recorder
    {
        public ConcurrentQueue<string[]> Batches { get; } = new();
        public TaskCompletionSource? Hold { get; set; }
        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public Func<IReadOnlyList<string>, Exception?> Fails { get; set; } = _ => null;

        public async Task<IReadOnlyList<string>> WriteAsync(IReadOnlyList<string> items)
        {
            Batches.Enqueue([.. items]);
            Entered.TrySetResult();
            if (Hold is { } hold)
            {
                Hold = null;
                await hold.Task;
            }
            if (Fails(items) is { } error) throw error;
            return [.. items.Select(i => i.ToUpperInvariant())];
        }
    }

    [Fact]
    public async Task AWriteAloneGoesAtOnceAndGetsItsOwnResult()
    {
        var recorder = new Recorder();
        await using var commits = new GroupCommit<string, string>("teste", recorder.WriteAsync, writers: 1);
        Assert.Equal("A", await commits.WriteAsync("a", default));
        Assert.Equal(["a"], Assert.Single(recorder.Batches));
    }

    [Fact]
    public async Task WritesThatQueueWhileABatchIsAtTheServerGoTogetherInTheNextUpToTheLimit()
    {
        var recorder = new Recorder { Hold = new TaskCompletionSource() };
        var hold = recorder.Hold;
        await using var commits = new GroupCommit<string, string>("teste", recorder.WriteAsync, writers: 1, maxBatch: 4);
        var first = commits.WriteAsync("primeira", default);
        await recorder.Entered.Task;
        var queued = Enumerable.Range(0, 10).Select(i => commits.WriteAsync($"m{i}", default)).ToList();
        Assert.False(first.IsCompleted);
        hold.SetResult();

        Assert.Equal("PRIMEIRA", await first);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"M{i}"), await Task.WhenAll(queued));
        Assert.Equal([1, 4, 4, 2], recorder.Batches.Select(b => b.Length));
    }

    [Fact]
    public async Task ARefusedBatchIsWrittenAgainOneAtATimeSoOnlyTheBadWriteFails()
    {
        var refused = new PostgresException("insert or update violates foreign key constraint", "ERROR", "ERROR", PostgresErrorCodes.ForeignKeyViolation);
        var recorder = new Recorder { Hold = new TaskCompletionSource(), Fails = items => items.Contains("ruim") ? refused : null };
        var hold = recorder.Hold;
        await using var commits = new GroupCommit<string, string>("teste", recorder.WriteAsync, writers: 1);
        var first = commits.WriteAsync("primeira", default);
        await recorder.Entered.Task;
        var good1 = commits.WriteAsync("boa1", default);
        var bad = commits.WriteAsync("ruim", default);
        var good2 = commits.WriteAsync("boa2", default);
        hold.SetResult();

        Assert.Equal("PRIMEIRA", await first);
        Assert.Equal("BOA1", await good1);
        Assert.Equal("BOA2", await good2);
        Assert.Same(refused, await Assert.ThrowsAsync<PostgresException>(() => bad));
        // The batch of three, then each of them alone.
        Assert.Equal([["primeira"], ["boa1", "ruim", "boa2"], ["boa1"], ["ruim"], ["boa2"]], recorder.Batches.ToArray());
    }

    [Fact]
    public async Task AnUnreachableDatabaseFailsTheWholeBatchWithoutRetrying()
    {
        var down = new NpgsqlException("Failed to connect to 127.0.0.1:5432");
        var recorder = new Recorder { Hold = new TaskCompletionSource(), Fails = items => items.Count > 1 || items[0] != "primeira" ? down : null };
        var hold = recorder.Hold;
        await using var commits = new GroupCommit<string, string>("teste", recorder.WriteAsync, writers: 1);
        var first = commits.WriteAsync("primeira", default);
        await recorder.Entered.Task;
        var batch = new[] { commits.WriteAsync("x", default), commits.WriteAsync("y", default) };
        hold.SetResult();

        await first;
        foreach (var write in batch) Assert.Same(down, await Assert.ThrowsAsync<NpgsqlException>(() => write));
        Assert.Equal(2, recorder.Batches.Count);
    }

    [Fact]
    public async Task ACancelledCallerStopsWaitingButItsWriteStillHappens()
    {
        var recorder = new Recorder { Hold = new TaskCompletionSource() };
        var hold = recorder.Hold;
        await using var commits = new GroupCommit<string, string>("teste", recorder.WriteAsync, writers: 1);
        var first = commits.WriteAsync("primeira", default);
        await recorder.Entered.Task;
        using var cancel = new CancellationTokenSource();
        var waiting = commits.WriteAsync("cancelada", cancel.Token);
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        hold.SetResult();
        await first;

        await commits.DisposeAsync(); // drains the queue
        Assert.Contains(recorder.Batches, b => b.Contains("cancelada"));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => commits.WriteAsync("depois", default));
    }

    [Fact]
    public async Task ABatchIsASpanUnderItsFirstWritesTraceLinkedToTheOthers()
    {
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == JuliaTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        var recorder = new Recorder { Hold = new TaskCompletionSource() };
        var hold = recorder.Hold;
        await using var commits = new GroupCommit<string, string>("gravar_teste", recorder.WriteAsync, writers: 1);
        var first = commits.WriteAsync("primeira", default);
        await recorder.Entered.Task;

        var traces = new List<ActivityTraceId>();
        var writes = new List<Task<string>>();
        foreach (var item in new[] { "a", "b" })
        {
            using var request = new Activity("requisicao").Start();
            traces.Add(request.TraceId);
            writes.Add(commits.WriteAsync(item, default));
        }
        hold.SetResult();
        await first;
        await Task.WhenAll(writes);

        var batch = Assert.Single(spans, s => s.OperationName == "gravar_teste" && s.TraceId == traces[0]);
        Assert.Equal(2, batch.GetTagItem("lote"));
        Assert.Equal([traces[1]], batch.Links.Select(l => l.Context.TraceId));
    }
}
