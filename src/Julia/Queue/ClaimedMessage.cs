namespace Julia.Queue;

/// <summary>
/// A fila_mensagens row claimed for sending, with the fresh state the pre-send checks need (docs/decisions.md#queue).
/// <see cref="SendStarted"/>: its send-started mark was committed with the claim. <see cref="AnswerBasisUtc"/>: for a
/// follow-up, the outbound message it follows up (an answer from the doctor after it cancels the follow-up).
/// <see cref="TypingMs"/>: the typing time the row was queued with (a reply chunk's, or 0 for a staff message); null
/// when it named none, and then its text's with HUMANIZAR on. <see cref="NamedShiftId"/>: the shift its text names
/// (metadata `vaga_id`, a second follow-up's), looked at again before the send (<see cref="ISendTextCheck"/>).
/// <see cref="ClaimedAtUtc"/>: the claim's `processando_desde`, which its send-started mark must still find (a process that
/// stalled past the claim's lease sends nothing another claim now holds: docs/decisions.md#claim-fencing).
/// <see cref="HonoursBlock"/>: not a proactive kind, yet blocked at the send when staff blocked the doctor
/// (<see cref="QueueStore.HonoursBlockKey"/>).
/// </summary>
internal sealed record ClaimedMessage(
    Guid Id, Guid MedicoId, Guid? ConversaId, string Kind, string Content, int Attempts, int MaxAttempts, DateTime CreatedAtUtc,
    string? SystemKind, int? TypingMs, bool FirstContact, bool AllowedUnderHuman, string? Llm, string? FollowUpStep = null,
    int Prioridade = 0, DateTime ScheduledForUtc = default, DateTime? AnswerBasisUtc = null, Guid? NamedShiftId = null,
    bool HonoursBlock = false, bool SendStarted = false, DateTime? ClaimedAtUtc = null)
{
    public bool IsProactive => Kind is QueueKinds.Reminder or QueueKinds.FollowUp or QueueKinds.Campaign;
    public bool CountsTowardLimits => Kind is QueueKinds.FollowUp or QueueKinds.Campaign;
    public bool NeedsBusinessHours => IsProactive;
}

/// <summary>
/// What the database says right before the send (never the cache). <see cref="Address"/>: his JID, or his bare number
/// when no JID was ever seen or verified; <see cref="Telefone"/>: his canonical number, checked again when a send to his
/// JID is refused. <see cref="ContactPaused"/>: he asked for no proactive message until a date still ahead
/// (`medicos.contato_pausado_ate`; docs/decisions.md#contact-pause). <see cref="AnswersWithdrawn"/>: a reply whose every
/// line of the doctor's he has deleted since (<see cref="QueueStore.AnswersOnlyWithdrawnSql"/>).
/// </summary>
internal sealed record SendState(
    bool DoctorDeleted, bool OptedOut, bool Bloqueado, string? Address, bool HumanControlled, bool NewerInbound, bool InboundSinceEnqueue,
    string? Telefone, bool ContactPaused = false, bool AnswersWithdrawn = false);
