namespace Julia.Conversations;

internal sealed class ConversationsOptions
{
    public const string Section = "Conversations";
    public int MaxMessageChars { get; set; } = 4_000;
    public int TruncateAboveChars { get; set; } = 10_000;
    public int RejectAboveChars { get; set; } = 50_000;
    /// <summary>DEBOUNCE_SEGUNDOS; unset → 5 s, or 0 when HUMANIZAR=false (docs/decisions.md#humanised-delays).</summary>
    public int? DebounceSeconds { get; set; }
    public int DebounceMaxSeconds { get; set; } = 20;
    public bool AnswerOutsideBusinessHours { get; set; } = true;
    /// <summary>HUMANIZAR, from <see cref="Infrastructure.Hosting.AppOptions.Humanize"/>.</summary>
    public bool Humanize { get; set; } = true;
    /// <summary>Holding message at most once per this window per conversation (docs/decisions.md#agent).</summary>
    public int HoldingMessageWindowMinutes { get; set; } = 30;
    /// <summary>A turn the agent could not answer is retried after 1×, 2×, then 4× this (docs/decisions.md#agent: 30 s, 60 s, 120 s).</summary>
    public int RetryBaseSeconds { get; set; } = 30;
    public int SweepIntervalSeconds { get; set; } = 60;
    public int SweepAgeSeconds { get; set; } = 120;
    /// <summary>
    /// How long `lock:conversa:{id}` outlives a process that died holding it (120 s, README's Redis keys). Shorter only in the fault
    /// drills (docs/reliability.md#settings): a turn longer than the lease could be run twice.
    /// </summary>
    public int LockLeaseSeconds { get; set; } = 120;
    /// <summary>A turn kept out of its conversation this long by a lock held elsewhere is logged (WARNING 1204), once per wait.</summary>
    public int LockWaitWarningSeconds { get; set; } = 30;
    /// <summary>Idle days before the `encerramento` job closes an active conversation.</summary>
    public int IdleCloseDays { get; set; } = 7;

    public TimeSpan Debounce => TimeSpan.FromSeconds(DebounceSeconds ?? (Humanize ? 5 : 0));
    public TimeSpan DebounceMax => TimeSpan.FromSeconds(Math.Max(DebounceMaxSeconds, DebounceSeconds ?? 0));
}
