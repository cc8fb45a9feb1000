using Julia.Infrastructure.Text;
using Julia.Infrastructure.Time;
using Julia.WhatsApp;

namespace Julia.Conversations.Text;

/// <summary>Length limits and media placeholders of an inbound message (docs/decisions.md#inbound).</summary>
internal sealed record InboundTextLimits(int MaxChars = 4_000, int TruncateAbove = 10_000, int RejectAbove = 50_000);

internal static class InboundText
{
    public const string TruncatedMarker = " [truncada]";
    public const string TooLongForAgent = "[mensagem muito longa]";

    /// <summary>What interacoes.conteudo receives: the text cut by the limits, or a placeholder such as "[áudio]".</summary>
    public static string Stored(string? text, string kind, InboundTextLimits limits)
    {
        if (string.IsNullOrEmpty(text)) return MessageKinds.Placeholder(kind);
        if (text.Length > limits.RejectAbove) text = TextPrefix.Of(text, limits.RejectAbove);
        if (text.Length > limits.TruncateAbove) return TextPrefix.Of(text, 1_000) + TruncatedMarker;
        if (text.Length > limits.MaxChars) return TextPrefix.Of(text, limits.MaxChars) + "...";
        return text;
    }

    /// <summary>The most of a message's cut end <see cref="CutTail"/> keeps.</summary>
    public const int CutTailChars = 2_000;

    /// <summary>
    /// The end of a message that <see cref="Stored"/> cut off (null when nothing was cut): its last
    /// <see cref="CutTailChars"/> characters or fewer, from the start of a sentence, so that a closing "parem de me mandar
    /// mensagens" after 4 000 characters is still read for an opt-out or a handoff (docs/decisions.md#inbound). Never
    /// from the middle of a sentence: "…não quero que vocês | parem de me mandar" must not begin at the cut.
    /// </summary>
    public static string? CutTail(string? text, InboundTextLimits limits)
    {
        if (text is null || text.Length <= limits.MaxChars) return null;
        if (text.Length > limits.RejectAbove) text = TextPrefix.Of(text, limits.RejectAbove);
        var kept = text.Length > limits.TruncateAbove ? 1_000 : limits.MaxChars;
        var start = Math.Max(kept, text.Length - CutTailChars);
        var end = SentenceStartAtOrBefore(text, start);
        if (end < 0) return null;
        var tail = text[end..].Trim();
        return tail.Length == 0 ? null : tail;
    }

    /// <summary>Where the sentence holding <paramref name="at"/> begins (up to 300 characters back), else the next one
    /// (up to 300 forward); -1 when there is none — a dictated run-on with no punctuation is not cut at a word, where a
    /// "não quero que vocês" before the cut would be lost and "parem de me mandar" read alone.</summary>
    static int SentenceStartAtOrBefore(string text, int at)
    {
        const int Reach = 300;
        for (var i = at - 1; i >= Math.Max(0, at - Reach); i--)
            if (EndsSentence(text[i])) return i + 1;
        for (var i = at; i < Math.Min(text.Length, at + Reach); i++)
            if (EndsSentence(text[i])) return i + 1;
        return -1;
    }

    static bool EndsSentence(char c) => c is '.' or '!' or '?' or '\n' or ';';

    /// <summary>
    /// How one stored inbound row reaches the agent; null when it is dropped from the turn (stickers, unknown kinds). A
    /// message that quotes another comes with the quoted text before it: "esse" needs to say which offer.
    /// </summary>
    public static TurnPart? ForTurn(string kind, string stored, string? caption, string? quoted = null, DateTimeOffset? writtenLate = null)
    {
        var part = Part(kind, stored, caption);
        if (part is not { Placeholder: null }) return part;
        if (!string.IsNullOrWhiteSpace(quoted)) part = part with { Text = $"[respondendo a: \"{quoted}\"] {part.Text}" };
        if (writtenLate is { } at)
        {
            var local = SaoPaulo.ToLocal(at);
            part = part with { Text = $"[escrita em {local:dd'/'MM} às {local:HH':'mm}, recebida com atraso] {part.Text}" };
        }
        return part;
    }

    /// <summary>
    /// How late a message may reach us before the agent is told when it was written: WhatsApp delivers a message written
    /// with the phone offline, and Evolution re-sends a webhook we could not take, minutes or hours later — "amanhã" in it
    /// counts from when it was written (docs/decisions.md#inbound).
    /// </summary>
    public static readonly TimeSpan LateAfter = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How late a message may reach us before its writing time is kept to order the turn by (not said to the agent):
    /// Evolution re-sends a webhook it could not deliver seconds later, after the message he wrote next.
    /// </summary>
    public static readonly TimeSpan OutOfOrderAfter = TimeSpan.FromSeconds(3);

    /// <summary>
    /// When the doctor wrote a message that reached us at least <see cref="OutOfOrderAfter"/> later: kept as
    /// `midia.enviada_em`, so the turn puts his lines in the order he wrote them. Null otherwise, and for a sending time
    /// from the future or older than WhatsApp keeps an undelivered message (30 days): a wrong clock or a replayed payload,
    /// not a late delivery.
    /// </summary>
    public static DateTimeOffset? WrittenBefore(DateTimeOffset? sentAt, DateTimeOffset received) =>
        sentAt is { } at && received - at >= OutOfOrderAfter && received - at <= TimeSpan.FromDays(30) ? at : null;

    /// <summary>
    /// <see cref="WrittenBefore"/> and at least <see cref="LateAfter"/> late: the agent is told when he wrote it.
    /// </summary>
    public static DateTimeOffset? WrittenLate(DateTimeOffset? sentAt, DateTimeOffset received) =>
        WrittenBefore(sentAt, received) is { } at && received - at >= LateAfter ? at : null;

    static TurnPart? Part(string kind, string stored, string? caption)
    {
        switch (kind)
        {
            // Only blanks or invisible characters (a zero-width space): nothing to answer, like a sticker.
            case MessageKinds.Text when stored.All(c => char.IsWhiteSpace(c) || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.Format):
                return null;
            case MessageKinds.Text:
                return stored.EndsWith(TruncatedMarker, StringComparison.Ordinal)
                    ? new TurnPart(TooLongForAgent, PlaceholderKind.LongText)
                    : new TurnPart(stored, null);
            case MessageKinds.Sticker:
                return null;
            // A location, a contact card, a poll: kept in words (WhatsApp.SharedContent) and answered as such — the doctor who
            // sends the hospital's pin or a colleague's card waits for an answer (docs/decisions.md#inbound). An unknown kind
            // ("[mensagem não suportada]") is still dropped.
            case MessageKinds.Other:
                return stored == MessageKinds.Placeholder(MessageKinds.Other) ? null : new TurnPart(stored, null);
        }
        var label = MessageKinds.Placeholder(kind); // audio, image, document or video: the other kinds were answered above
        if (PtBrText.WordCount(caption) >= 3) return new TurnPart($"{label} {caption}", null);
        return kind switch
        {
            MessageKinds.Audio => new TurnPart("[áudio não ouvido]", PlaceholderKind.Audio),
            MessageKinds.Image => new TurnPart("[imagem não vista]", PlaceholderKind.ImageOrDocument),
            MessageKinds.Document => new TurnPart("[documento não aberto]", PlaceholderKind.ImageOrDocument),
            _ => new TurnPart("[vídeo não visto]", PlaceholderKind.Video),
        };
    }

    /// <summary>
    /// What of one turn's parts reaches the agent: the latest ones, up to <paramref name="maxChars"/> of text in all
    /// (at least the last), after a note of how many earlier ones were left out. Every part still counts for the rules
    /// (opt-out, handoff triggers) and is consumed; only the model call is bounded (docs/decisions.md#inbound).
    /// </summary>
    public static IReadOnlyList<string> ForAgent(IReadOnlyList<TurnPart> parts, int maxChars)
    {
        var first = parts.Count - 1;
        for (var total = parts[first].Text.Length; first > 0 && total + parts[first - 1].Text.Length <= maxChars; first--)
            total += parts[first - 1].Text.Length;
        if (first == 0) return [.. parts.Select(p => p.Text)];
        return [OmittedNote(first), .. parts.Skip(first).Select(p => p.Text)];
    }

    static string OmittedNote(int count) =>
        count == 1 ? "[1 mensagem anterior desta sequência não mostrada: longa demais]"
                   : $"[{count} mensagens anteriores desta sequência não mostradas: longas demais]";

    /// <summary>The canned reply for a turn made only of placeholders (never a fake human excuse).</summary>
    public static string CannedReply(IEnumerable<PlaceholderKind> kinds)
    {
        var set = kinds.ToHashSet();
        if (set.Contains(PlaceholderKind.Audio)) return "Não consigo ouvir áudio por aqui, consegue me mandar por escrito?";
        if (set.Contains(PlaceholderKind.Video)) return "Não consigo ver vídeo por aqui, consegue me explicar numa mensagem curtinha?";
        if (set.Contains(PlaceholderKind.ImageOrDocument)) return "Recebi aqui! Me conta do que se trata?";
        return "Sua mensagem ficou bem longa pra mim, consegue me mandar só os pontos principais?";
    }
}

internal enum PlaceholderKind { Audio, ImageOrDocument, Video, LongText }

/// <summary>One inbound message as the agent sees it; <see cref="Placeholder"/> is set when it carries no readable text.</summary>
internal sealed record TurnPart(string Text, PlaceholderKind? Placeholder);
