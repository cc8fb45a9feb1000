namespace Julia.Queue;

/// <summary>
/// The last look at a queued text that names a shift, right before its send, by the feature that wrote it
/// (docs/decisions.md#proactive, "The second follow-up's shift at send time"): the queue may have held the row for a night or a
/// weekend, and the shift may be taken, cancelled or started by then — or, for a reminder he asked about a shift, moved or
/// no longer his, and then the reminder is not sent at all (<see cref="WithdrawnText"/>). Asked only for rows that name one
/// (<see cref="ClaimedMessage.NamedShiftId"/>), so no other send pays a read. Register with
/// <c>services.AddSingleton&lt;ISendTextCheck, …&gt;()</c>.
/// </summary>
internal interface ISendTextCheck
{
    /// <summary>
    /// The text to send instead (<see cref="RewrittenText"/>), no send at all (<see cref="WithdrawnText"/>), or null when
    /// the queued one still holds (or the row is not this feature's).
    /// </summary>
    Task<SendTextVerdict?> CheckAsync(ClaimedMessage m, CancellationToken ct);
}

/// <summary>What a <see cref="ISendTextCheck"/> decided about a queued text.</summary>
internal abstract record SendTextVerdict;

/// <summary>
/// The text must not go out at all: the row ends `cancelada` with <paramref name="Reason"/> as its motivo and
/// <paramref name="Detail"/> (pt-BR) in `erro`, for whoever reads the row later.
/// </summary>
internal sealed record WithdrawnText(string Reason, string Detail) : SendTextVerdict;

/// <summary>
/// A rebuilt text, the shift it names now (null: none), why it was rebuilt (a code kept in the row's metadata) and the
/// terms the text tells of that shift (recorded as offered when it goes out; docs/decisions.md#proactive).
/// </summary>
internal sealed record RewrittenText(string Content, Guid? NamedShiftId, string Reason, string? NamedShiftTerms = null) : SendTextVerdict;
