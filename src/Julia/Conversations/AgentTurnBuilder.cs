using Julia.Agent;
using Julia.Conversations.Text;
using Julia.Doctors;
using Julia.Shifts;

namespace Julia.Conversations;

/// <summary>
/// A turn's messages as the agent and the tools' rules read them: <see cref="Parts"/> in the order he wrote them (a
/// quote, a late delivery, a caption in words; stickers dropped), <see cref="OwnWords"/> what he himself typed.
/// </summary>
internal sealed record TurnParts(IReadOnlyList<TurnPart> Parts, IReadOnlyList<string> OwnWords)
{
    /// <summary>Nothing to answer (stickers, unsupported kinds): the model is not asked.</summary>
    public bool Nothing => Parts.Count == 0;

    /// <summary>Only media the agent cannot read (audio, a photo without words): a canned reply, the model is not asked.</summary>
    public bool OnlyPlaceholders => Parts.Count > 0 && Parts.All(p => p.Placeholder is not null);

    public string CannedReply => InboundText.CannedReply(Parts.Select(p => p.Placeholder!.Value));
}

/// <summary>
/// What the agent is asked for one turn, from the rows the turn read. One definition for the live turn
/// (<see cref="TurnProcessor"/>) and the replay of `julia avaliar-prompt`: a candidate persona is judged on the request a
/// doctor's turn makes — the same parts, own words, history, earlier offers and their terms, holdings and ended holds
/// (docs/decisions.md#prompt-review).
/// </summary>
internal static class AgentTurnBuilder
{
    /// <summary>A turn shows the agent at most this many messages' worth of text (MAX_MENSAGEM_CHARS each).</summary>
    public const int MaxTurnCharsFactor = 3;

    /// <summary>The turn's inbound rows as parts, in the order he wrote them: a message WhatsApp delivered late goes before the ones written after it.</summary>
    public static TurnParts PartsOf(IReadOnlyList<PendingInbound> pending)
    {
        var written = pending.OrderBy(p => p.WrittenAt).ThenBy(p => p.Id).ToList();
        return new TurnParts(
            [.. written.Select(p => InboundText.ForTurn(p.Kind, p.Content, p.Caption, p.Quoted, p.WrittenLate)).OfType<TurnPart>()],
            [.. written.Select(p => p.Kind == WhatsApp.MessageKinds.Text ? p.Content : p.Caption).OfType<string>().Where(t => !string.IsNullOrWhiteSpace(t))]);
    }

    /// <param name="holdings">The shifts he holds, read with the turn; null and the agent reads them.</param>
    /// <param name="ended">His reservations that ended lately (<see cref="ShiftStore.EndedHoldsSql"/>).</param>
    public static AgentTurn Build(DoctorRecord doctor, DoctorProfile? profile, Guid conversaId, int messageCount, TurnParts parts,
        IReadOnlyList<ConversationLine> history, IReadOnlyList<Shift>? holdings, IReadOnlyList<EndedHold>? ended, int maxMessageChars) =>
        new(doctor, profile, conversaId, messageCount, InboundText.ForAgent(parts.Parts, MaxTurnCharsFactor * maxMessageChars),
            [.. history.Select(h => new HistoryItem(h.Direction, h.AuthorType, h.Content))], holdings, parts.OwnWords,
            AgentTurn.EarlierOffersOf(history.Select(h => h.Offered)), ended, AgentTurn.OfferedTermsOf(history.Select(h => h.Offered)));
}
