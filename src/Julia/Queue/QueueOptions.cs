namespace Julia.Queue;

internal sealed class QueueOptions
{
    public const string Section = "Queue";
    public int MaxPerHour { get; set; } = 20;
    public int MaxPerDay { get; set; } = 100;
    public int MinIntervalSeconds { get; set; } = 45;
    public int MaxIntervalSeconds { get; set; } = 180;
    public int MaxFirstContactsPerDay { get; set; } = 50;
    public int FirstContactIntervalSeconds { get; set; } = 300;
    public int ProcessingTimeoutSeconds { get; set; } = 300;
    /// <summary>A failed send is due again after RetryBaseSeconds·2^n (60 s, docs/decisions.md#queue); shorter only in the fault drills (docs/reliability.md#settings).</summary>
    public int RetryBaseSeconds { get; set; } = 60;
    /// <summary>Longest wait between polls when nothing wakes the dispatcher (docs/decisions.md#queue: ≤ 1 s).</summary>
    public int PollMilliseconds { get; set; } = 1_000;
    /// <summary>
    /// HUMANIZAR (<see cref="Infrastructure.Hosting.AppOptions.Humanize"/>): a row queued with no typing time of its own — proactive and system
    /// messages — shows "digitando…" for its text's typing time before its send (docs/decisions.md#humanised-delays).
    /// </summary>
    public bool Humanize { get; set; } = true;

    /// <summary>
    /// The variables at 0 that pause the counted proactive sends (`followup`, `campanha`), as `MAX_MSGS_POR_HORA=0`, or null
    /// when none is (docs/decisions.md#rate-limits, "A limit at 0 pauses"): the start-up WARNING and `/health/rate-limit`
    /// `motivo` say the same.
    /// </summary>
    public string? PausedBy() =>
        (MaxPerHour, MaxPerDay) switch
        {
            (0, 0) => "MAX_MSGS_POR_HORA=0, MAX_MSGS_POR_DIA=0",
            (0, _) => "MAX_MSGS_POR_HORA=0",
            (_, 0) => "MAX_MSGS_POR_DIA=0",
            _ => null,
        };
}
