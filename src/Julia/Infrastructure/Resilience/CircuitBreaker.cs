using Microsoft.Extensions.Options;

namespace Julia.Infrastructure.Resilience;

internal enum CircuitState { Closed, Open, HalfOpen }

/// <summary>
/// Consecutive-failure breaker of docs/decisions.md#agent (claude 3 / 60 s, evolution 3 / 30 s, database 5 / 30 s, slack 5 / 120 s, chatwoot 5 / 120 s):
/// after N failures in a row calls are refused until the wait is over; then one trial call is let through —
/// success closes it, failure opens it again.
/// </summary>
internal sealed class CircuitBreaker(string name, int failuresToOpen, TimeSpan openFor, TimeProvider time)
{
    readonly Lock gate = new();
    int failures;
    DateTimeOffset openedAt;
    bool trialInFlight;

    public string Name { get; } = name;

    /// <summary>Failures in a row that open it, and how long it stays open before a trial: shown at /health/circuits.</summary>
    public int FailuresToOpen { get; } = failuresToOpen;
    public TimeSpan OpenFor { get; internal set; } = openFor;

    /// <summary>How long one call may take before it counts as a failure (set by the peer's owner; null when none registered).</summary>
    public TimeSpan? CallTimeout { get; internal set; }
    public CircuitState State { get; private set; } = CircuitState.Closed;
    public int ConsecutiveFailures { get { lock (gate) return failures; } }
    public DateTimeOffset? LastFailureAt { get; private set; }
    public DateTimeOffset? LastSuccessAt { get; private set; }
    public DateTimeOffset? RetryAt { get { lock (gate) return State == CircuitState.Open ? openedAt + OpenFor : null; } }

    /// <summary>
    /// Why <see cref="Trip"/> opened it (the model provider refusing the key: its reason in words), until a success or an
    /// opening by ordinary failures; null otherwise. Read by the `circuito_aberto` alert, which must say that waiting will
    /// not help (docs/decisions.md#model-refused).
    /// </summary>
    public string? TripReason { get { lock (gate) return tripReason; } }
    string? tripReason;

    /// <summary>Raised when the breaker opens (alert `circuito_aberto`).</summary>
    public event Action<CircuitBreaker>? Opened;

    public bool TryEnter()
    {
        lock (gate)
        {
            switch (State)
            {
                case CircuitState.Closed:
                    return true;
                case CircuitState.Open when time.GetUtcNow() >= openedAt + OpenFor:
                    State = CircuitState.HalfOpen;
                    trialInFlight = true;
                    return true;
                case CircuitState.HalfOpen when !trialInFlight:
                    trialInFlight = true;
                    return true;
                default:
                    return false;
            }
        }
    }

    public void RecordSuccess()
    {
        lock (gate)
        {
            failures = 0;
            trialInFlight = false;
            tripReason = null;
            State = CircuitState.Closed;
            LastSuccessAt = time.GetUtcNow();
        }
    }

    /// <summary>
    /// A call let through ended with no outcome — its caller cancelled it (the turn's presence once the agent answered,
    /// shutdown): a half-open trial is given back, so the next call can try. Without this the breaker stayed half-open
    /// with a trial "in flight" for good and refused every call after.
    /// </summary>
    public void Abandon()
    {
        lock (gate)
        {
            if (State == CircuitState.HalfOpen) trialInFlight = false;
        }
    }

    /// <summary>
    /// A failure that every call would meet until someone fixes it (the model provider refusing the key): open now,
    /// without waiting for <see cref="FailuresToOpen"/> in a row; the wait and the trial call are as for any opening.
    /// </summary>
    public void Trip(string? reason = null)
    {
        bool opened;
        lock (gate)
        {
            tripReason = reason;
            failures = Math.Max(failures + 1, FailuresToOpen);
            trialInFlight = false;
            LastFailureAt = time.GetUtcNow();
            opened = State != CircuitState.Open;
            State = CircuitState.Open;
            openedAt = time.GetUtcNow();
        }
        if (opened) Opened?.Invoke(this);
    }

    public void RecordFailure()
    {
        var opened = false;
        lock (gate)
        {
            failures++;
            trialInFlight = false;
            LastFailureAt = time.GetUtcNow();
            if (State == CircuitState.HalfOpen || (State == CircuitState.Closed && failures >= FailuresToOpen))
            {
                opened = State != CircuitState.Open;
                State = CircuitState.Open;
                openedAt = time.GetUtcNow();
                tripReason = null;   // opened by failures this time, not by a refusal
            }
        }
        if (opened) Opened?.Invoke(this);
    }
}

/// <summary>
/// How long one call to a circuit's peer may take, registered by the feature that owns the peer's client (its options
/// hold the number): <c>services.AddSingleton(sp => new CircuitCallTimeout("evolution", …))</c>. Shown at /health/circuits.
/// </summary>
internal sealed record CircuitCallTimeout(string Circuit, TimeSpan Value);

/// <summary>
/// `Circuits:OpenSeconds:{name}` (env `Circuits__OpenSeconds__slack=20`): a shorter wait before a circuit's trial call,
/// for drills and tests only (docs/reliability.md#settings); production keeps the numbers of docs/decisions.md#agent.
/// </summary>
internal sealed class CircuitOptions
{
    public const string Section = "Circuits";
    public Dictionary<string, int> OpenSeconds { get; set; } = [];
}

/// <summary>A circuit that does not exist or a wait outside 1–3600 s stops the start-up with one line naming it.</summary>
internal sealed class CircuitOptionsValidator : IValidateOptions<CircuitOptions>
{
    public ValidateOptionsResult Validate(string? name, CircuitOptions options)
    {
        var wrong = options.OpenSeconds
            .Where(e => e.Value is < 1 or > 3_600 || !CircuitBreakers.Names.Contains(e.Key, StringComparer.OrdinalIgnoreCase))
            .Select(e => $"Circuits:OpenSeconds:{e.Key}={e.Value}: o circuito é um de {string.Join(", ", CircuitBreakers.Names)} e a espera fica entre 1 e 3600 segundos")
            .ToList();
        return wrong.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(wrong);
    }
}

/// <summary>The process's breakers by name, for callers and for /health/circuits.</summary>
internal sealed class CircuitBreakers(TimeProvider time)
{
    public CircuitBreakers(TimeProvider time, IEnumerable<CircuitCallTimeout> callTimeouts, IOptions<CircuitOptions> options) : this(time)
    {
        foreach (var timeout in callTimeouts)
            if (All.FirstOrDefault(b => b.Name == timeout.Circuit) is { } breaker) breaker.CallTimeout = timeout.Value;
        foreach (var (name, seconds) in options.Value.OpenSeconds)
            if (All.FirstOrDefault(b => string.Equals(b.Name, name, StringComparison.OrdinalIgnoreCase)) is { } breaker)
                breaker.OpenFor = TimeSpan.FromSeconds(seconds);
    }

    /// <summary>The circuits' names, as /health/circuits shows them.</summary>
    public static readonly string[] Names = ["claude", "evolution", "database", "chatwoot", "slack"];

    public CircuitBreaker Claude { get; } = new("claude", 3, TimeSpan.FromSeconds(60), time);
    public CircuitBreaker Evolution { get; } = new("evolution", 3, TimeSpan.FromSeconds(30), time);
    public CircuitBreaker Database { get; } = new("database", 5, TimeSpan.FromSeconds(30), time);
    public CircuitBreaker Chatwoot { get; } = new("chatwoot", 5, TimeSpan.FromSeconds(120), time);
    public CircuitBreaker Slack { get; } = new("slack", 5, TimeSpan.FromSeconds(120), time);

    public IEnumerable<CircuitBreaker> All => [Claude, Evolution, Database, Chatwoot, Slack];
}
