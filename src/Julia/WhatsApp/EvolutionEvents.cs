namespace Julia.WhatsApp;

/// <summary>What one Evolution webhook body means to Júlia.</summary>
internal abstract record EvolutionEvent
{
    /// <summary>A doctor's message to store and answer.</summary>
    public sealed record Message(string Instance, InboundMessage Content) : EvolutionEvent;

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
