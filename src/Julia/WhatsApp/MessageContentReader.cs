using System.Text.Json;

namespace Julia.WhatsApp;

/// <summary>Kind, text and media of a WhatsApp `message` object (docs/decisions.md#inbound kind mapping).</summary>
internal static class MessageContentReader
{
    internal sealed record Content(string Kind, string? Text, InboundMedia? Media);

    static readonly (string Field, string Kind)[] MediaKinds =
    [
        ("audioMessage", MessageKinds.Audio), ("imageMessage", MessageKinds.Image), ("documentMessage", MessageKinds.Document),
        ("videoMessage", MessageKinds.Video), ("ptvMessage", MessageKinds.Video), ("stickerMessage", MessageKinds.Sticker),
    ];

    /// <summary>
    /// A tap on a button, a list row or a template button, and an interactive reply: the words the doctor saw and chose
    /// are his answer; a client that sends only the chosen option's id (no display text, no row title) has that id read
    /// as his answer, as Evolution's own chatbots do (src/utils/getConversationMessage.ts: `responseRowId`,
    /// `selectedId`, `selectedButtonId`) — the id is the list's or button's author's word for the option, not dropped.
    /// </summary>
    static readonly (string Field, string[][] Paths)[] ReplyTexts =
    [
        ("buttonsResponseMessage", [["selectedDisplayText"], ["selectedButtonId"]]),
        ("templateButtonReplyMessage", [["selectedDisplayText"], ["selectedId"]]),
        ("listResponseMessage", [["title"], ["description"], ["singleSelectReply", "selectedRowId"]]),
        ("interactiveResponseMessage", [["body", "text"]]),
    ];

    /// <summary>
    /// Never a doctor's words: a reaction (also in its encrypted form), a protocol message (deletion, edit), a poll vote or an
    /// event answer, a message kept or pinned in the chat — WhatsApp shows a pin to both sides as "fixou uma mensagem", and
    /// stored it counted as a reply to an outreach (docs/decisions.md#inbound). Nor what WhatsApp itself writes in the chat
    /// and Evolution's WhatsApp Cloud API channel passes on as `<type>Message`: a `system` notice ("user changed number")
    /// and `request_welcome` (a person opened the chat and wrote nothing yet) — stored, either counted as his reply and
    /// created a doctor out of a notice (docs/decisions.md#inbound, "Second blind round").
    /// </summary>
    static readonly string[] IgnoredTypes =
    [
        "reactionMessage", "encReactionMessage", "protocolMessage", "pollUpdateMessage", "encEventResponseMessage",
        "keepInChatMessage", "pinInChatMessage", "editedMessage", "systemMessage", "request_welcomeMessage",
    ];

    /// <summary>
    /// What a `message` may hold beside the doctor's content and is not content: WhatsApp's per-message metadata, the
    /// stand-in a linked device gets for a message it could not read (`placeholderMessage`, e.g. `MASK_LINKED_DEVICES`),
    /// and the encryption key WhatsApp hands out with a message (`senderKeyDistributionMessage`). The key comes beside
    /// the words it encrypts: as an ignored kind it threw his text away with it (docs/decisions.md#inbound, "Second blind
    /// round"); alone it is a message without content.
    /// </summary>
    static readonly string[] NotContent = ["messageContextInfo", "placeholderMessage", "senderKeyDistributionMessage"];

    /// <summary>
    /// False when a message carries nothing the doctor wrote or sent: no `message`, an empty one (Evolution 1.x when a
    /// message could not be decrypted), only metadata and a placeholder (2.2+, a message masked on linked devices), or
    /// an empty text. Such a delivery is ignored rather than stored: WhatsApp delivers the real message again with the
    /// same id (Evolution asks the phone to resend it), and a stored placeholder would have made that one a
    /// "duplicate" — the doctor's words lost, never answered (docs/decisions.md#inbound, "A message without content").
    /// </summary>
    public static bool HasContent(JsonElement message) =>
        message.ValueKind == JsonValueKind.Object
        && message.EnumerateObject().Any(p => !NotContent.Contains(p.Name) && p.Value.ValueKind switch
        {
            JsonValueKind.Null or JsonValueKind.Undefined => false,
            JsonValueKind.String => !Blank(p.Value),
            // A text message is its text: blank, it holds nothing (its preview fields are no words of his).
            JsonValueKind.Object when p.Name == "extendedTextMessage" =>
                p.Value.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String && !Blank(t),
            _ => true,
        });

    /// <summary>
    /// A text of spaces and line breaks only is no words (docs/decisions.md#inbound, "Third blind round"): stored, the
    /// agent was shown a blank line as his message and answered it, and staff read an empty bubble.
    /// </summary>
    static bool Blank(JsonElement text) => text.ValueEquals("") || string.IsNullOrWhiteSpace(EvolutionWebhookParser.Clean(text));

    static string? Words(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    /// <summary>Null when the message is a reaction or a protocol message (ignored on purpose).</summary>
    public static Content? Read(JsonElement message, string? messageType)
    {
        if (message.ValueKind != JsonValueKind.Object)
            return messageType is not null && IgnoredTypes.Contains(messageType) ? null : new Content(MessageKinds.Other, null, null);
        if (IgnoredTypes.Any(t => message.TryGetProperty(t, out _)) || (messageType is not null && IgnoredTypes.Contains(messageType)))
            return null;

        if (Words(EvolutionWebhookParser.GetString(message, "conversation")) is { } text)
            return new Content(MessageKinds.Text, text, null);
        if (message.TryGetProperty("extendedTextMessage", out var ext) && Words(EvolutionWebhookParser.GetString(ext, "text")) is { } extText)
            return new Content(MessageKinds.Text, extText, null);

        foreach (var (field, paths) in ReplyTexts)
        {
            if (!message.TryGetProperty(field, out var reply)) continue;
            foreach (var path in paths)
            {
                var node = reply;
                foreach (var step in path[..^1])
                    node = node.ValueKind == JsonValueKind.Object && node.TryGetProperty(step, out var next) ? next : default;
                if (EvolutionWebhookParser.GetString(node, path[^1]) is { } chosen && !string.IsNullOrWhiteSpace(chosen))
                    return new Content(MessageKinds.Text, chosen, null);
            }
        }

        foreach (var (field, kind) in MediaKinds)
        {
            if (!message.TryGetProperty(field, out var media) || media.ValueKind != JsonValueKind.Object) continue;
            // Evolution's speech-to-text option puts the audio's words beside it: they reach the agent like a caption.
            // A caption of spaces only is none: the media's placeholder is what it shows.
            var caption = Words(EvolutionWebhookParser.GetString(media, "caption"))
                          ?? (kind == MessageKinds.Audio ? Transcript(EvolutionWebhookParser.GetString(message, "speechToText")) : null);
            int? seconds = media.TryGetProperty("seconds", out var s) && s.ValueKind == JsonValueKind.Number && s.TryGetInt32(out var n) && n >= 0 ? n : null;
            // The caption is bounded with the text (InboundIntake); a MIME type or file name is never longer than these.
            // Evolution's Cloud API channel passes Meta's own names, `mime_type` and `filename` (tests/fixtures/README.md, 1.5).
            return new Content(kind, caption, new InboundMedia(
                EvolutionWebhookParser.Bounded(EvolutionWebhookParser.GetString(media, "mimetype") ?? EvolutionWebhookParser.GetString(media, "mime_type"), 100),
                EvolutionWebhookParser.Bounded(EvolutionWebhookParser.GetString(media, "fileName") ?? EvolutionWebhookParser.GetString(media, "filename"), 255),
                caption, seconds));
        }
        // A location, a contact card, a poll: `outro`, kept in words (SharedContent).
        return new Content(MessageKinds.Other, SharedContent.Describe(message), null);
    }

    /// <summary>
    /// The doctor's words of Evolution's transcript, which it writes as "[audio] &lt;words&gt;": with the marker a spoken
    /// "chega" was no opt-out and a short answer counted a word short of a caption (docs/decisions.md#inbound).
    /// </summary>
    static string? Transcript(string? speechToText)
    {
        const string marker = "[audio]";
        var text = speechToText?.Trim();
        if (text is not null && text.StartsWith(marker, StringComparison.OrdinalIgnoreCase)) text = text[marker.Length..].Trim();
        return string.IsNullOrEmpty(text) ? null : text;
    }
}
