using System.Globalization;
using System.Text.Json;
using static Julia.Chatwoot.ChatwootJson;
using Julia.Infrastructure.Text;

namespace Julia.Chatwoot;

/// <summary>
/// Reads Chatwoot webhooks (account webhooks and API-inbox webhooks carry the same bodies) into <see cref="ChatwootEvent"/>s.
/// Pure and total: whatever JSON arrives, it answers a record instead of throwing, because the body comes from outside
/// and a throw would turn a harmless odd payload into a 500 and a lost delivery.
/// </summary>
internal static class ChatwootWebhookParser
{
    public static ChatwootEvent Parse(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object) return new ChatwootEvent.Invalid("o corpo precisa ser um objeto JSON");
        if (!HasReadableStrings(root)) return new ChatwootEvent.Invalid("o corpo tem texto inválido (UTF-8 ou UTF-16)");
        var eventName = Str(root, "event")?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(eventName)) return new ChatwootEvent.Invalid("campo obrigatório ausente: event");

        ChatwootEvent parsed = eventName switch
        {
            "conversation_updated" => ParseConversationUpdated(root),
            // A conversation created with the label already on (an API call, an automation that ran before the event was
            // built): no `conversation_updated` for the label follows, so it is a label just added (docs/decisions.md#handoff).
            "conversation_created" => ParseConversationUpdated(root, created: true) is ChatwootEvent.ConversationUpdated { } created
                                      && created.Labels.Any(ChatwootEventHandler.IsHumanLabel)
                ? created
                : new ChatwootEvent.Ignored("evento não tratado"),
            "conversation_status_changed" => ParseStatusChanged(root),
            // What an inbox's agent bot receives instead of `conversation_status_changed` (docs/decisions.md#handoff,
            // "Chatwoot webhook"): the same conversation payload, named after the new status.
            "conversation_resolved" => ParseStatusChanged(root, "resolved"),
            "conversation_opened" => ParseStatusChanged(root, "open"),
            "message_created" => ParseMessageCreated(root),
            "message_updated" => ParseMessageUpdated(root),
            _ => new ChatwootEvent.Ignored("evento não tratado"),
        };
        var conversation = Obj(root, "conversation");
        var contact = Obj(Obj(eventName.StartsWith("message_", StringComparison.Ordinal) ? conversation : root, "meta"), "sender");
        return parsed with
        {
            AccountId = Named(Obj(root, "account"), "id") ?? Named(root, "account_id") ?? Named(conversation, "account_id"),
            InboxId = Named(Obj(root, "inbox"), "id") ?? Named(root, "inbox_id") ?? Named(conversation, "inbox_id"),
            ContactLid = Blank(Str(contact, "phone_number")) is null ? Julia.Doctors.PhoneNumbers.ValidLid(Str(contact, "identifier")?.Trim()) : null,
            UpdatedAt = eventName.StartsWith("message_", StringComparison.Ordinal) ? null : Instant(Prop(root, "updated_at")),
        };
    }

    /// <summary>
    /// The account or inbox id a payload names; null only when it names none (absent or null). A value that is there
    /// but is no id (text, a fraction, zero, negative, past 64 bits) reads as 0, which no account or inbox has: the
    /// event is another account's, never taken as ours (docs/decisions.md#handoff, "Chatwoot webhook").
    /// </summary>
    static long? Named(JsonElement obj, string name) =>
        Prop(obj, name) is { ValueKind: not (JsonValueKind.Undefined or JsonValueKind.Null) } value ? Id(value) ?? 0 : null;

    static ChatwootEvent ParseConversationUpdated(JsonElement root, bool created = false)
    {
        if (Id(root, "id") is not { } conversationId) return new ChatwootEvent.Invalid("campo obrigatório ausente ou inválido: id");
        var (phone, contactId) = ConversationContact(root);
        var labels = LabelList(Prop(root, "labels")) ?? LabelList(Prop(Obj(root, "conversation"), "labels")) ?? CurrentLabels(root) ?? [];
        var status = ConversationStatus(Prop(root, "status"));
        return new ChatwootEvent.ConversationUpdated(conversationId, phone, contactId, labels, created ? [] : PreviousLabels(root),
            ChangesKnown: created || Prop(root, "changed_attributes").ValueKind is JsonValueKind.Array or JsonValueKind.Object,
            Status: status, Assignee: Assignee(root),
            ResolvedNow: !created && status is ("resolved" or null) && StatusChange(root, "current_value") == "resolved"
                         && StatusChange(root, "previous_value") != "resolved");
    }

    /// <summary>One side of the `status` entry of `changed_attributes` (absent when this update did not change the status).</summary>
    static string? StatusChange(JsonElement root, string side)
    {
        var changes = Prop(root, "changed_attributes");
        IEnumerable<JsonElement> entries = changes.ValueKind switch
        {
            JsonValueKind.Array => changes.EnumerateArray(),
            JsonValueKind.Object => [changes],
            _ => [],
        };
        foreach (var entry in entries)
            if (Obj(entry, "status") is { ValueKind: JsonValueKind.Object } change)
                return ConversationStatus(Prop(change, side));
        return null;
    }

    /// <summary>The agent the conversation is assigned to (`meta.assignee`): who gave it back, as far as the payload says.</summary>
    static string? Assignee(JsonElement conversation)
    {
        var assignee = Obj(Obj(conversation, "meta"), "assignee");
        var name = Blank(Str(assignee, "available_name")?.Trim()) ?? Blank(Str(assignee, "name")?.Trim());
        return name is null ? null : TextPrefix.Of(name, 100);
    }

    static ChatwootEvent ParseStatusChanged(JsonElement root, string? statusOfEvent = null)
    {
        if (Id(root, "id") is not { } conversationId) return new ChatwootEvent.Invalid("campo obrigatório ausente ou inválido: id");
        var status = statusOfEvent ?? ConversationStatus(Prop(root, "status"));
        if (status is null) return new ChatwootEvent.Invalid("campo obrigatório ausente ou inválido: status");
        var (phone, contactId) = ConversationContact(root);
        return new ChatwootEvent.StatusChanged(conversationId, phone, contactId, status, Assignee(root));
    }

    static ChatwootEvent ParseMessageCreated(JsonElement root)
    {
        var conversation = Obj(root, "conversation");
        if ((Id(conversation, "id") ?? Id(root, "conversation_id")) is not { } conversationId)
            return new ChatwootEvent.Invalid("campo obrigatório ausente ou inválido: conversation.id");
        if (Id(root, "id") is not { } messageId) return new ChatwootEvent.Invalid("campo obrigatório ausente ou inválido: id");
        if (!root.TryGetProperty("message_type", out var rawType)) return new ChatwootEvent.Invalid("campo obrigatório ausente: message_type");
        if (MessageType(rawType) is not { } messageType) return new ChatwootEvent.Ignored("message_type desconhecido");

        var sender = Obj(root, "sender");
        var senderType = SenderType(Str(sender, "type")) ?? SenderType(Str(root, "sender_type"))
                         // A contact's webhook_data carries no `type` (users and bots do), and only contacts write incoming messages.
                         ?? (messageType == "incoming" ? "contact" : null);
        var senderIsContact = senderType == "contact";

        var (phone, contactId) = ConversationContact(conversation);
        phone ??= senderIsContact ? Blank(Str(sender, "phone_number")) : null;
        contactId ??= senderIsContact ? Id(sender, "id") : null;

        return new ChatwootEvent.MessageCreated(
            conversationId, phone, contactId, messageId, messageType, IsPrivate(Prop(root, "private")),
            Str(root, "content") is { } content ? TextPrefix.Of(content, MaxContentChars) : null, Text(Prop(root, "source_id")), senderType, Id(sender, "id") ?? Id(root, "sender_id"), Str(sender, "name"),
            Prop(root, "attachments") is { ValueKind: JsonValueKind.Array } files ? files.GetArrayLength() : 0,
            WrittenAt(Prop(root, "created_at")), WrittenElsewhere(Prop(Obj(root, "content_attributes"), "external_created_at")));
    }

    /// <summary>
    /// `content_attributes.external_created_at` (Chatwoot's "created at a different timestamp externally"): ISO-8601 or
    /// epoch seconds or milliseconds; there but unreadable → <see cref="DateTimeOffset.MinValue"/> (long ago: only a message
    /// written elsewhere has it); absent, null or empty → null.
    /// </summary>
    static DateTimeOffset? WrittenElsewhere(JsonElement value)
    {
        if (value.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null) return null;
        if (value.ValueKind == JsonValueKind.String && string.IsNullOrWhiteSpace(value.GetString())) return null;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var n) && n >= 1e11 && n < 253402300799000)
            return DateTimeOffset.FromUnixTimeMilliseconds((long)n);
        return WrittenAt(value) ?? DateTimeOffset.MinValue;
    }

    /// <summary>
    /// A message's `created_at`: ISO-8601 at the top of `message_created` (epoch seconds accepted too, as inside
    /// `conversation.messages[]`); null when absent or unreadable, or not between 2000 and 9999.
    /// </summary>
    static DateTimeOffset? WrittenAt(JsonElement value) =>
        value.ValueKind == JsonValueKind.String
        && DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
        && at.Year >= 2000
            ? at
            : Instant(value);

    /// <summary>WhatsApp's own limit for one text message: a staff message past it could not be delivered whole anyway.</summary>
    internal const int MaxContentChars = 65_536;

    /// <summary>Only a deletion is acted on: an edit of a message already delivered cannot be edited on WhatsApp.</summary>
    static ChatwootEvent ParseMessageUpdated(JsonElement root)
    {
        if (Prop(Obj(root, "content_attributes"), "deleted").ValueKind != JsonValueKind.True)
            return new ChatwootEvent.Ignored("mensagem editada: não tratada");
        var conversation = Obj(root, "conversation");
        if ((Id(conversation, "id") ?? Id(root, "conversation_id")) is not { } conversationId)
            return new ChatwootEvent.Invalid("campo obrigatório ausente ou inválido: conversation.id");
        if (Id(root, "id") is not { } messageId) return new ChatwootEvent.Invalid("campo obrigatório ausente ou inválido: id");
        var (phone, contactId) = ConversationContact(conversation);
        return new ChatwootEvent.MessageDeleted(conversationId, phone, contactId, messageId);
    }

    /// <summary>
    /// The doctor behind a conversation payload: `meta.sender`, else `contact_inbox.contact_id` for the id. A contact
    /// without `phone_number` whose `identifier` is his WhatsApp address (`&lt;number&gt;@s.whatsapp.net`, what Evolution's
    /// integration sets) gives that number (docs/decisions.md#handoff, "Chatwoot webhook").
    /// </summary>
    static (string? Phone, long? ContactId) ConversationContact(JsonElement conversation)
    {
        var contact = Obj(Obj(conversation, "meta"), "sender");
        var identifier = Blank(Str(contact, "identifier")?.Trim());
        var phone = Blank(Str(contact, "phone_number"))
                    ?? (identifier is not null && identifier.Contains('@') && Julia.Doctors.PhoneNumbers.Canonical(identifier) is not null ? identifier : null);
        return (phone, Id(contact, "id") ?? Id(Obj(conversation, "contact_inbox"), "contact_id"));
    }

    /// <summary>
    /// `changed_attributes` is a list of single-key objects (`[{label_list: {previous_value, current_value}}, …]`, order not
    /// guaranteed); a plain object is accepted too. Null when there is no `label_list` entry: the labels did not change.
    /// </summary>
    static IReadOnlyList<string>? PreviousLabels(JsonElement root) => LabelChange(root, "previous_value");

    /// <summary>The labels after the change as `changed_attributes` tells them, for a payload without `labels`.</summary>
    static IReadOnlyList<string>? CurrentLabels(JsonElement root) => LabelChange(root, "current_value");

    static IReadOnlyList<string>? LabelChange(JsonElement root, string side)
    {
        var changes = Prop(root, "changed_attributes");
        if (changes.ValueKind == JsonValueKind.Object) return Value(changes, side);
        if (changes.ValueKind != JsonValueKind.Array) return null;
        foreach (var entry in changes.EnumerateArray())
            if (Value(entry, side) is { } value) return value;
        return null;

        static IReadOnlyList<string>? Value(JsonElement entry, string side) =>
            entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty("label_list", out var change)
                ? LabelList(Prop(change, side)) ?? []
                : null;
    }

    /// <summary>
    /// An array of label names or of label objects (`{id, title, color…}`, the shape of Chatwoot's label API, which
    /// integrations and proxies pass on), or the comma-separated `cached_label_list` form; null when none of these.
    /// </summary>
    static IReadOnlyList<string>? LabelList(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Array => [.. value.EnumerateArray().Select(LabelName).OfType<string>()],
        JsonValueKind.String => [.. (value.GetString() ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)],
        _ => null,
    };

    static string? LabelName(JsonElement label) => label.ValueKind switch
    {
        JsonValueKind.String => Blank(label.GetString()?.Trim()),
        JsonValueKind.Object => Blank(Str(label, "title")?.Trim()) ?? Blank(Str(label, "name")?.Trim()),
        _ => null,
    };

    static readonly string[] MessageTypes = ["incoming", "outgoing", "activity", "template"];
    static readonly string[] Statuses = ["open", "resolved", "pending", "snoozed"];

    /// <summary>A string at the top of `message_created`, but the Rails enum integer elsewhere (0 incoming … 3 template).</summary>
    static string? MessageType(JsonElement value) => Enum(value, MessageTypes);

    /// <summary>A string in webhooks; the enum integer (0 open, 1 resolved, 2 pending, 3 snoozed) is accepted too.</summary>
    static string? ConversationStatus(JsonElement value) =>
        Enum(value, Statuses) ?? (value.ValueKind == JsonValueKind.String ? Blank(value.GetString()?.Trim().ToLowerInvariant()) : null);

    static string? Enum(JsonElement value, string[] names)
    {
        long? index = value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetInt64(out var n) => n,
            JsonValueKind.String when long.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) => n,
            _ => null,
        };
        if (index >= 0 && index < names.Length) return names[index.Value];
        var name = value.ValueKind == JsonValueKind.String ? value.GetString()?.Trim().ToLowerInvariant() : null;
        return names.FirstOrDefault(n => n == name);
    }

    /// <summary>
    /// `private` decides whether a note reaches a doctor, so anything we cannot read as a clear false counts as private;
    /// only a missing/null field means Chatwoot's default (false).
    /// </summary>
    static bool IsPrivate(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.False or JsonValueKind.Null or JsonValueKind.Undefined => false,
        JsonValueKind.String => value.GetString()?.Trim().ToLowerInvariant() is not ("false" or "0"),
        JsonValueKind.Number => !(value.TryGetInt64(out var n) && n == 0),
        _ => true,
    };

    /// <summary>`user`, `agent_bot`, `contact`…: `sender.type` is already snake case, `sender_type` is the class name (`AgentBot`).</summary>
    static string? SenderType(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw)) return null;
        var snake = new System.Text.StringBuilder(raw.Length + 4);
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            if (char.IsLetterOrDigit(c))
            {
                if (char.IsUpper(c) && i > 0 && char.IsLetterOrDigit(raw[i - 1]) && !char.IsUpper(raw[i - 1])) snake.Append('_');
                snake.Append(char.ToLowerInvariant(c));
            }
            else if (snake.Length > 0 && snake[^1] != '_') snake.Append('_'); // Captain::Assistant → captain_assistant
        }
        var result = snake.ToString().Trim('_');
        return result.Length == 0 ? null : result;
    }
}

/// <summary>Type-checked reads of Chatwoot JSON (webhooks and API answers): a wrong type reads as absent, never as a throw.</summary>
internal static class ChatwootJson
{
    /// <summary>The named property whatever its kind, or an Undefined element when <paramref name="obj"/> is not an object or lacks it.</summary>
    public static JsonElement Prop(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var v) ? v : default;

    public static JsonElement Obj(JsonElement obj, string name) => Prop(obj, name) is { ValueKind: JsonValueKind.Object } o ? o : default;

    public static string? Str(JsonElement obj, string name) => Prop(obj, name) is { ValueKind: JsonValueKind.String } s ? WithoutNul(s.GetString()) : null;

    /// <summary>A string, or a number's text (a `source_id` may be numeric).</summary>
    public static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => WithoutNul(value.GetString()),
        JsonValueKind.Number => value.GetRawText(),
        _ => null,
    };

    public static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;

    /// <summary>Postgres refuses the NUL character in text: a hostile one is dropped, never a refused staff message.</summary>
    static string? WithoutNul(string? s) => s is not null && s.Contains('\0') ? s.Replace("\0", "") : s;

    /// <summary>Chatwoot ids are positive integers in JSON, but proxies and older versions send them as strings.</summary>
    public static long? Id(JsonElement obj, string name) => Id(Prop(obj, name));

    public static long? Id(JsonElement value)
    {
        long? id = value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetInt64(out var n) => n,
            JsonValueKind.String when long.TryParse(value.GetString()?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) => n,
            _ => null,
        };
        return id > 0 ? id : null;
    }

    /// <summary>Epoch seconds as an integer (or a float such as `updated_at`, truncated), or as digits in a string.</summary>
    public static long? Epoch(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number when value.TryGetInt64(out var n) => n,
        JsonValueKind.Number when value.TryGetDouble(out var d) && d is >= 0 and < 253402300800 => (long)d,
        JsonValueKind.String when long.TryParse(value.GetString()?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) => n,
        _ => null,
    };

    /// <summary>Epoch seconds with their fraction (Chatwoot's `updated_at` of a conversation), null when absent or out of range.</summary>
    public static DateTimeOffset? Instant(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number when value.TryGetDouble(out var d) && d is > 0 and < 253402300799 =>
            DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(d * 1000)),
        JsonValueKind.String when double.TryParse(value.GetString()?.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d)
                                  && d is > 0 and < 253402300799 => DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(d * 1000)),
        _ => null,
    };

    /// <summary>
    /// False when a string or property name holds an escaped lone surrogate (`"\uD800"`) or bytes that are not UTF-8:
    /// JsonDocument accepts both, but every later GetString/TryGetProperty on them throws. The raw text is valid JSON, so a
    /// backslash only ever starts an escape.
    /// </summary>
    public static bool HasReadableStrings(JsonElement root)
    {
        if (root.ValueKind == JsonValueKind.Undefined) return false;
        string raw;
        try { raw = root.GetRawText(); }
        catch (InvalidOperationException) { return false; } // not UTF-8
        for (var i = raw.IndexOf('\\'); i >= 0 && i < raw.Length; i = raw.IndexOf('\\', i))
        {
            if (i + 1 >= raw.Length) return false;
            if (raw[i + 1] != 'u') { i += 2; continue; }
            if (!TryHex4(raw, i + 2, out var c)) return false;
            i += 6;
            if (char.IsLowSurrogate(c)) return false;
            if (!char.IsHighSurrogate(c)) continue;
            if (i + 1 >= raw.Length || raw[i] != '\\' || raw[i + 1] != 'u' || !TryHex4(raw, i + 2, out var low) || !char.IsLowSurrogate(low))
                return false;
            i += 6;
        }
        return true;

        static bool TryHex4(string s, int start, out char c)
        {
            c = '\0';
            if (start + 4 > s.Length) return false;
            if (!ushort.TryParse(s.AsSpan(start, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var v)) return false;
            c = (char)v;
            return true;
        }
    }
}
