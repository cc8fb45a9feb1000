namespace Julia.WhatsApp;

/// <summary>What one Evolution webhook body means to Júlia.</summary>
internal abstract record EvolutionEvent
{
    /// <summary>A doctor's message to store and answer.</summary>
    public sealed record Message(string Instance, InboundMessage Content) : EvolutionEvent;

    /// <summary>
    /// The doctor edited one of his messages or deleted it for everyone (docs/decisions.md#inbound, "Edits and deletions").
    /// </summary>
    public sealed record Revision(string Instance, InboundRevision Content) : EvolutionEvent;

    /// <summary>WhatsApp connection state of the instance (`open`, `connecting`, `close`).</summary>
    public sealed record Connection(string Instance, string State, int? StatusReason) : EvolutionEvent;

    /// <summary>Accepted with 200 and deliberately not stored (fromMe, group, broadcast, reaction, other events…).</summary>
    public sealed record Ignored(string Reason) : EvolutionEvent;

    /// <summary>The body is not a usable webhook: 400 ProblemDetails.</summary>
    public sealed record Invalid(string Problem) : EvolutionEvent;
}

/// <summary>Interaction kinds of interacoes.tipo.</summary>
internal static class MessageKinds
{
    public const string Text = "texto", Audio = "audio", Image = "imagem", Document = "documento", Video = "video", Sticker = "sticker", Other = "outro";

    /// <summary>
    /// How a message of this kind without words reads where a person or the agent sees it ("[áudio]"): the stored
    /// `interacoes.conteudo`, the agent's turn and the quote a reply carries.
    /// </summary>
    public static string Placeholder(string kind) => kind switch
    {
        Audio => "[áudio]",
        Image => "[imagem]",
        Document => "[documento]",
        Video => "[vídeo]",
        Sticker => "[sticker]",
        _ => "[mensagem não suportada]",
    };
}

internal sealed record InboundMedia(string? MimeType, string? FileName, string? Caption, int? Seconds);

/// <summary>One inbound WhatsApp message, already unwrapped from Evolution's v1/v2 shapes.</summary>
internal sealed record InboundMessage(
    string MessageId,
    string RemoteJid,
    string? PhoneJid,
    string? Lid,
    string? PushName,
    string Kind,
    string? Text,
    InboundMedia? Media,
    DateTimeOffset? SentAt,
    string? ChatwootConversationId,
    string? Quoted = null);

/// <summary>
/// An edit (<paramref name="Text"/>: his new words) or a deletion for everyone (<paramref name="Text"/> null) of the doctor's
/// message <paramref name="TargetId"/>, sent from <paramref name="RemoteJid"/> (with its phone JID and LID when known; null
/// when the event names no chat — a `messages.edited`, whose key is written from the sender's side).
/// </summary>
internal sealed record InboundRevision(string TargetId, string? RemoteJid, string? PhoneJid, string? Lid, string? Text);
