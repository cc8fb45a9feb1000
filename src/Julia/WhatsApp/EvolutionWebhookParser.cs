using System.Text.Json;

namespace Julia.WhatsApp;

/// <summary>
/// Reads Evolution API webhooks (v2, and v1 where the shapes differ — tests/fixtures/README.md, sections 1.3–1.4)
/// into <see cref="EvolutionEvent"/>s. Pure: no I/O, so every fixture is a unit test.
/// </summary>
internal static class EvolutionWebhookParser
{
    public static EvolutionEvent Parse(JsonElement body, string expectedInstance, string? eventFromPath = null)
    {
        if (body.ValueKind != JsonValueKind.Object) return new EvolutionEvent.Invalid("o corpo precisa ser um objeto JSON");
        var eventName = NormaliseEventName(GetString(body, "event") ?? eventFromPath);
        var instance = GetString(body, "instance");
        if (eventName is null) return new EvolutionEvent.Invalid("campo obrigatório ausente: event");
        if (string.IsNullOrEmpty(instance)) return new EvolutionEvent.Invalid("campo obrigatório ausente: instance");
        if (!string.Equals(instance, expectedInstance, StringComparison.OrdinalIgnoreCase))
            return new EvolutionEvent.Ignored("instância desconhecida");

        return eventName switch
        {
            "messages.upsert" => ParseMessage(body, instance),
            "connection.update" => ParseConnection(body, instance),
            "messages.edited" => ParseRevisionEvent(body, instance, deletion: false),
            "messages.delete" => ParseRevisionEvent(body, instance, deletion: true),
            _ => new EvolutionEvent.Ignored("evento não tratado"),
        };
    }

    /// <summary>`messages.upsert`, `MESSAGES_UPSERT` and `messages-upsert` (webhook by events) are the same event.</summary>
    public static string? NormaliseEventName(string? name) =>
        string.IsNullOrWhiteSpace(name) ? null : name.Trim().ToLowerInvariant().Replace('_', '.').Replace('-', '.');

    static EvolutionEvent ParseConnection(JsonElement body, string instance)
    {
        if (!body.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
            return new EvolutionEvent.Invalid("campo obrigatório ausente: data");
        var state = GetString(data, "state");
        if (string.IsNullOrWhiteSpace(state)) return new EvolutionEvent.Invalid("campo obrigatório ausente: data.state");
        int? reason = data.TryGetProperty("statusReason", out var r) && r.ValueKind == JsonValueKind.Number && r.TryGetInt32(out var code) ? code : null;
        return new EvolutionEvent.Connection(instance, WhatsAppConnection.StateWord(state), reason);
    }

    static EvolutionEvent ParseMessage(JsonElement body, string instance)
    {
        if (!body.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
            return new EvolutionEvent.Invalid("campo obrigatório ausente: data");
        if (!data.TryGetProperty("key", out var key) || key.ValueKind != JsonValueKind.Object)
            return new EvolutionEvent.Invalid("campo obrigatório ausente: data.key");
        if (key.TryGetProperty("fromMe", out var fromMe))
        {
            // `"true"`/`"false"` as text (a proxy or a low-code relay re-serialising the body) say as much as the boolean
            // (docs/decisions.md#inbound). Anything else: not knowing whether Júlia wrote it, she must not answer it.
            var flag = fromMe.ValueKind == JsonValueKind.String ? fromMe.GetString()?.Trim().ToLowerInvariant() : null;
            if (fromMe.ValueKind == JsonValueKind.True || flag == "true") return new EvolutionEvent.Ignored("fromMe");
            if (fromMe.ValueKind is not (JsonValueKind.False or JsonValueKind.Null) && flag != "false")
                return new EvolutionEvent.Invalid("data.key.fromMe precisa ser booleano");
        }
        var id = GetString(key, "id") ?? WholeNumber(key, "id");
        if (string.IsNullOrEmpty(id)) return new EvolutionEvent.Ignored("sem key.id");
        // WhatsApp's message ids are 16–40 characters; a longer one is not an id (and would reach the log and the index).
        if (id.Length > MaxMessageIdChars) return new EvolutionEvent.Invalid($"data.key.id com mais de {MaxMessageIdChars} caracteres");
        var remoteJid = GetString(key, "remoteJid");
        if (string.IsNullOrEmpty(remoteJid)) return new EvolutionEvent.Invalid("campo obrigatório ausente: data.key.remoteJid");
        if (remoteJid.EndsWith("@g.us", StringComparison.OrdinalIgnoreCase)) return new EvolutionEvent.Ignored("grupo");
        // A WhatsApp channel the company's number follows: nobody to answer.
        if (remoteJid.EndsWith("@newsletter", StringComparison.OrdinalIgnoreCase)) return new EvolutionEvent.Ignored("canal");
        if (remoteJid.StartsWith("status@broadcast", StringComparison.OrdinalIgnoreCase) || remoteJid.EndsWith("@broadcast", StringComparison.OrdinalIgnoreCase))
            return new EvolutionEvent.Ignored("status broadcast");

        var message = data.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.Object ? Unwrap(m) : default;
        // The upsert's own key is Júlia's side of the chat (fromMe checked above): it names the doctor who changed his message.
        if (ProtocolRevision(message) is { } protocol)
            return Revision(TargetId(protocol.Target), key, protocol.Text) is { } revision
                ? new EvolutionEvent.Revision(instance, revision) : new EvolutionEvent.Ignored("reação ou mensagem de protocolo");
        var content = MessageContentReader.Read(message, GetString(data, "messageType"));
        if (content is null) return new EvolutionEvent.Ignored("reação ou mensagem de protocolo");
        // Nothing the doctor wrote or sent (yet): the same id comes again with the content (MessageContentReader.HasContent).
        if (!MessageContentReader.HasContent(message)) return new EvolutionEvent.Ignored("mensagem sem conteúdo");

        var (phoneJid, lid) = Addresses(key);
        DateTimeOffset? sentAt = data.TryGetProperty("messageTimestamp", out var ts) ? ReadEpoch(ts) : null;
        var chatwootId = data.TryGetProperty("chatwootConversationId", out var cw)
            ? cw.ValueKind switch { JsonValueKind.Number => cw.GetRawText(), JsonValueKind.String => Clean(cw), _ => null } : null;

        return new EvolutionEvent.Message(instance, new InboundMessage(
            id, remoteJid, phoneJid, lid, PushName(GetString(data, "pushName")), content.Kind, content.Text, content.Media, sentAt, chatwootId,
            QuotedText(data, message)));
    }

    static readonly string[] AddressFields = ["remoteJid", "remoteJidAlt", "senderPn", "previousRemoteJid", "senderLid"];

    /// <summary>The phone JID and the LID a message key carries, in the order of <see cref="AddressFields"/>.</summary>
    static (string? PhoneJid, string? Lid) Addresses(params JsonElement[] keys)
    {
        var addresses = keys.Where(k => k.ValueKind == JsonValueKind.Object)
            .SelectMany(k => AddressFields.Select(f => GetString(k, f))).Where(a => !string.IsNullOrEmpty(a)).ToList();
        // Only one '@': "<number>@s.whatsapp.net@lid" is neither a phone nor a LID. The intake validates the number itself.
        var phoneJid = addresses.FirstOrDefault(a => OneAt(a!) && (a!.EndsWith("@s.whatsapp.net", StringComparison.OrdinalIgnoreCase) || a.EndsWith("@c.us", StringComparison.OrdinalIgnoreCase)));
        var lid = addresses.FirstOrDefault(a => OneAt(a!) && a!.EndsWith("@lid", StringComparison.OrdinalIgnoreCase));
        return (phoneJid, lid);
    }

    /// <summary>
    /// `messages.edited` (its data is the protocol message: the edited message's key, `type`, `editedMessage`) and
    /// `messages.delete` (its data is the deleted message's key) — docs/decisions.md#inbound, "Edits and deletions".
    /// </summary>
    static EvolutionEvent ParseRevisionEvent(JsonElement body, string instance, bool deletion)
    {
        if (!body.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
            return new EvolutionEvent.Ignored("evento não tratado");
        InboundRevision? revision;
        // A deletion's data is the deleted message's key as Júlia's side sees it (Evolution's `messages.update` handler).
        if (deletion) revision = IsFromMe(data) ? null : Revision(TargetId(data), data, null);
        // An edit's data is the protocol message itself, whose key is the SENDER's (see Revision): no address to read —
        // the message is found by its id among the doctors' own messages. Newer Evolution sends a REVOKE this way too.
        else revision = Protocol(data, assumeEdit: true) is { } change && !InGroup(change.Target)
            ? Revision(TargetId(change.Target), default, change.Text) : null;
        return revision is null ? new EvolutionEvent.Ignored("evento não tratado") : new EvolutionEvent.Revision(instance, revision);
    }

    /// <summary>
    /// An edit or a deletion for everyone inside a `messages.upsert`: `protocolMessage` of type `MESSAGE_EDIT` (14) with
    /// `editedMessage`, or `REVOKE` (0), also wrapped in `editedMessage.message` (Evolution 2.2). Null for any other
    /// message, and for a protocol message without the key of the message it changes.
    /// </summary>
    static (JsonElement Target, string? Text)? ProtocolRevision(JsonElement message)
    {
        if (message.ValueKind != JsonValueKind.Object) return null;
        if (message.TryGetProperty("editedMessage", out var wrapper) && wrapper.ValueKind == JsonValueKind.Object
            && wrapper.TryGetProperty("message", out var inner) && inner.ValueKind == JsonValueKind.Object)
            message = inner;
        return message.TryGetProperty("protocolMessage", out var protocol) ? Protocol(protocol, assumeEdit: false) : null;
    }

    static (JsonElement Target, string? Text)? Protocol(JsonElement protocol, bool assumeEdit)
    {
        if (protocol.ValueKind != JsonValueKind.Object || !protocol.TryGetProperty("key", out var target) || target.ValueKind != JsonValueKind.Object)
            return null;
        var type = protocol.TryGetProperty("type", out var t) ? t : default;
        if (IsType(type, "REVOKE", 0)) return (target, null);
        if (!IsType(type, "MESSAGE_EDIT", 14) && !(assumeEdit && type.ValueKind == JsonValueKind.Undefined)) return null;
        if (!protocol.TryGetProperty("editedMessage", out var edited) || edited.ValueKind != JsonValueKind.Object) return null;
        // His new words: a text's, or a photo's, a document's or a video's new caption (WhatsApp sends a caption edit as
        // the media message with only its caption: `editedMessage.imageMessage.caption`). The store changes the row the
        // id names by its kind (docs/decisions.md#inbound, "Edits and deletions").
        return MessageContentReader.Read(Unwrap(edited), null) switch
        {
            { Kind: MessageKinds.Text, Text: { Length: > 0 } words } => (target, words),
            { Kind: MessageKinds.Image or MessageKinds.Document or MessageKinds.Video, Text: { } caption } when !string.IsNullOrWhiteSpace(caption) => (target, caption),
            _ => null,
        };
    }

    static bool IsType(JsonElement type, string name, int number) => type.ValueKind switch
    {
        JsonValueKind.String => string.Equals(Clean(type).Trim(), name, StringComparison.OrdinalIgnoreCase),
        JsonValueKind.Number => type.TryGetInt32(out var n) && n == number,
        _ => false,
    };

    /// <summary>
    /// The revision of the doctor's message <paramref name="targetId"/>. <paramref name="chat"/> is a key written from
    /// Júlia's side (an upsert's own key, a deletion's key): it names the doctor's chat, whose messages only may change.
    /// A protocol message's inner key cannot serve: WhatsApp writes it from the SENDER's side — `fromMe: true` and
    /// `remoteJid` Júlia's own number for every doctor's edit or deletion (Baileys flips it; docs/decisions.md#inbound,
    /// "Edits and deletions") —, so without <paramref name="chat"/> only the id is known, and the store matches it among
    /// the doctors' messages (`direcao = 'entrada'`), which staff's edits of Júlia's own messages never are.
    /// </summary>
    static InboundRevision? Revision(string? targetId, JsonElement chat, string? text)
    {
        if (string.IsNullOrEmpty(targetId) || targetId.Length > MaxMessageIdChars) return null;
        if (chat.ValueKind != JsonValueKind.Object) return new InboundRevision(targetId, null, null, null, text);
        var remoteJid = GetString(chat, "remoteJid");
        if (string.IsNullOrEmpty(remoteJid) || InGroup(chat)) return null;
        var (phoneJid, lid) = Addresses(chat);
        return new InboundRevision(targetId, remoteJid, phoneJid, lid, text);
    }

    static string? TargetId(JsonElement key) => GetString(key, "id") ?? WholeNumber(key, "id");

    static bool InGroup(JsonElement key) => GetString(key, "remoteJid") is { } jid
        && (jid.Contains("@g.us", StringComparison.OrdinalIgnoreCase) || jid.Contains("broadcast", StringComparison.OrdinalIgnoreCase)
            || jid.EndsWith("@newsletter", StringComparison.OrdinalIgnoreCase));

    static bool IsFromMe(JsonElement key) => key.TryGetProperty("fromMe", out var fromMe)
        && (fromMe.ValueKind == JsonValueKind.True || (fromMe.ValueKind == JsonValueKind.String && Clean(fromMe).Trim().Equals("true", StringComparison.OrdinalIgnoreCase)));

    internal const int MaxQuotedChars = 300;

    /// <summary>
    /// The text of the message the doctor answered by quoting it ("quero esse de sexta" under one of several offers), or
    /// null. Evolution ≥ 2.1 puts `contextInfo` beside the message; the raw form keeps it inside `extendedTextMessage`; 2.4
    /// inside the content's own object (tests/fixtures/README.md, 1.4).
    /// </summary>
    static string? QuotedText(JsonElement data, JsonElement message)
    {
        var contexts = new List<JsonElement>();
        if (data.TryGetProperty("contextInfo", out var top) && top.ValueKind == JsonValueKind.Object) contexts.Add(top);
        if (message.ValueKind == JsonValueKind.Object)
            foreach (var content in message.EnumerateObject())
                if (content.Value.ValueKind == JsonValueKind.Object && content.Value.TryGetProperty("contextInfo", out var inner) && inner.ValueKind == JsonValueKind.Object)
                    contexts.Add(inner);
        foreach (var context in contexts)
        {
            if (!context.TryGetProperty("quotedMessage", out var quoted) || quoted.ValueKind != JsonValueKind.Object) continue;
            // The quoted message read as his own would be: its words, a caption, a location or card in words — and a
            // photo, audio, video, document or sticker without words as its kind ("[imagem]"), so that "quanto paga
            // esse?" under a photo points at something (docs/decisions.md#inbound, "Third blind round").
            var text = MessageContentReader.Read(Unwrap(quoted), null) switch
            {
                { Text: { } words } when !string.IsNullOrWhiteSpace(words) => words,
                // A document by its file name when it has one ("[documento: escala-dezembro.pdf]"): "dessa escala" then
                // points at it.
                { Kind: MessageKinds.Document, Media.FileName: { } file } when !string.IsNullOrWhiteSpace(file) => $"[documento: {file.Trim()}]",
                { Kind: var kind } => QuotedKind(kind),
                null => null,
            };
            if (string.IsNullOrWhiteSpace(text)) continue;
            text = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            return text.Length > MaxQuotedChars ? Bounded(text, MaxQuotedChars) + "…" : text;
        }
        return null;
    }

    static string? QuotedKind(string kind) => kind is MessageKinds.Text or MessageKinds.Other ? null : MessageKinds.Placeholder(kind);

    internal const int MaxMessageIdChars = 128, MaxPushNameChars = 100;

    /// <summary>
    /// A message id sent as a JSON integer (a relay that turned an all-digit id into a number): its digits, so the message
    /// is stored, deduplicated and answered like any other; a fraction, a sign or an exponent is no id.
    /// </summary>
    static string? WholeNumber(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.GetRawText() is var digits && digits.All(char.IsAsciiDigit)
            ? digits : null;

    static bool OneAt(string address) => address.IndexOf('@') == address.LastIndexOf('@');

    /// <summary>
    /// The name the doctor set in WhatsApp, as it becomes his first name and a line of the model's context: control
    /// characters dropped (no forged log lines or terminal escapes), at most <see cref="MaxPushNameChars"/> characters.
    /// </summary>
    static string? PushName(string? raw)
    {
        if (raw is null) return null;
        var name = raw.Any(NotInAName) ? new string([.. raw.Where(c => !NotInAName(c))]) : raw;
        name = Bounded(name.Trim(), MaxPushNameChars)!.Trim();
        // A name without a single letter — a phone number ("+55 11 98765-4321"), dots, emoji — is no name: it became
        // the first name "+55" (docs/decisions.md#inbound, "Third blind round").
        return name.Any(char.IsLetter) ? name : null;
    }

    /// <summary>
    /// Control characters, and the invisible format characters (Unicode Cf) — the direction marks and overrides
    /// (U+200E/F, U+202A–E, U+2066–9), zero-width spaces, the BOM — which gave "Dra. Beatriz" after a U+200F the first name "Dra." and
    /// can turn a name backwards where staff read it. The zero-width joiners (U+200C/D) stay: they hold emoji such
    /// as 👨‍⚕️ together.
    /// </summary>
    static bool NotInAName(char c) => char.IsControl(c)
        || (c is not ('\u200C' or '\u200D') && char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format);

    /// <summary>At most <paramref name="max"/> characters, never cutting a surrogate pair in half.</summary>
    internal static string? Bounded(string? value, int max)
    {
        return value is null ? null : Infrastructure.Text.TextPrefix.Of(value, max);
    }

    /// <summary>
    /// Wrappers that carry the real message one level down: disappearing, view-once, a document with a caption,
    /// `associatedChildMessage` — the HD copy of a photo or video (and an album's items) that newer WhatsApp apps send
    /// after a first upload, its caption inside — and `lottieStickerMessage`, an animated sticker (docs/decisions.md#inbound).
    /// An edit's `editedMessage` is read apart (<see cref="ProtocolRevision"/>).
    /// </summary>
    static readonly string[] Wrappers =
        ["ephemeralMessage", "viewOnceMessage", "viewOnceMessageV2", "viewOnceMessageV2Extension", "documentWithCaptionMessage", "associatedChildMessage",
         "lottieStickerMessage"];

    static JsonElement Unwrap(JsonElement message)
    {
        foreach (var wrapper in Wrappers)
            if (message.TryGetProperty(wrapper, out var w) && w.ValueKind == JsonValueKind.Object
                && w.TryGetProperty("message", out var inner) && inner.ValueKind == JsonValueKind.Object)
                return Unwrap(inner);
        return message;
    }

    internal static DateTimeOffset? ReadEpoch(JsonElement ts) => ts.ValueKind switch
    {
        JsonValueKind.Number when ts.TryGetInt64(out var n) => Epoch(n),
        JsonValueKind.String when long.TryParse(Clean(ts), out var s) => Epoch(s),
        JsonValueKind.Object when ts.TryGetProperty("low", out var low) && low.ValueKind == JsonValueKind.Number && low.TryGetInt64(out var l) => Epoch(l),
        _ => null,
    };

    /// <summary>Seconds since 1970 within a plausible range (0 … year 2100); anything else is ignored, never an exception.</summary>
    static DateTimeOffset? Epoch(long seconds) => seconds is > 0 and < 4_102_444_800 ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;

    internal static string? GetString(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? Clean(v) : null;

    /// <summary>
    /// The string without NUL (Postgres refuses the byte); bytes that are not UTF-8 and escaped lone surrogates read as
    /// U+FFFD (<see cref="TolerantJsonString"/>): one bad character never throws the whole text away, nor is it an
    /// exception or a "database unavailable".
    /// </summary>
    internal static string Clean(JsonElement value)
    {
        string raw;
        try { raw = value.GetString()!; }
        catch (InvalidOperationException) { raw = TolerantJsonString.Decode(value); }
        return raw.Contains('\0') ? raw.Replace("\0", "") : raw;
    }
}
