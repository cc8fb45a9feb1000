using System.Globalization;
using System.Text.Json;
using Julia.Infrastructure.Time;

namespace Julia.WhatsApp;

/// <summary>
/// What a doctor shared that is neither text nor media — a location, a contact card, a poll, a calendar event, a group
/// invite, a catalogue's product or order — in words the staff and the agent's history can read: "[localização: Hospital
/// Central, Av. Paulista, 1000]", "[contato: Dr. Pedro Alves]", "[evento: Plantão 12/12 19h, 12/12 às 19:00, Hospital Central]".
/// The message stays `outro`, and the agent answers it as these words (docs/decisions.md#inbound); before, all of them
/// were stored as "[mensagem não suportada]" and left unanswered — a doctor's "é esse o hospital" after the location he
/// sent read as about nothing, and a colleague's card he passed on got silence.
/// A contact's phone numbers (its vCard) are never kept: only the name the doctor's phone shows.
/// </summary>
internal static class SharedContent
{
    internal const int MaxChars = 300, MaxNameChars = 100, MaxItems = 5;

    /// <summary>The description, or null when the message is none of these kinds.</summary>
    public static string? Describe(JsonElement message)
    {
        if (Object(message, "locationMessage") is { } location)
            return Bracketed("localização", Joined(Name(location, "name"), Name(location, "address")) ?? Coordinates(location));
        if (Object(message, "liveLocationMessage") is { } live)
            return Bracketed("localização em tempo real", Name(live, "caption"));
        if (Object(message, "contactMessage") is { } contact)
            return Bracketed("contato", Name(contact, "displayName"));
        if (Object(message, "contactsArrayMessage") is { } contacts)
        {
            var names = Prop(contacts, "contacts") is { ValueKind: JsonValueKind.Array } list
                ? list.EnumerateArray().Select(c => Name(c, "displayName")).OfType<string>().Take(MaxItems).ToList() : [];
            return Bracketed("contatos", names.Count > 0 ? string.Join(", ", names) : Name(contacts, "displayName"));
        }
        foreach (var field in new[] { "pollCreationMessage", "pollCreationMessageV2", "pollCreationMessageV3", "pollCreationMessageV5" })
            if (Object(message, field) is { } poll)
            {
                var options = Prop(poll, "options") is { ValueKind: JsonValueKind.Array } list
                    ? list.EnumerateArray().Select(o => Name(o, "optionName")).OfType<string>().Take(MaxItems).ToList() : [];
                return Bracketed("enquete", Joined(Name(poll, "name"), options.Count > 0 ? "(" + string.Join(" / ", options) + ")" : null, " "));
            }
        if (Object(message, "eventMessage") is { } calendarEvent)
            return Bracketed(Bool(calendarEvent, "isCanceled") ? "evento cancelado" : "evento", Joined(Joined(Joined(
                Name(calendarEvent, "name"), When(calendarEvent, "startTime")), Name(Object(calendarEvent, "location") ?? default, "name")),
                Name(calendarEvent, "description")));
        // The group's name only: the invite code is a key to join it, never kept (docs/decisions.md#inbound).
        if (Object(message, "groupInviteMessage") is { } invite)
            return Bracketed("convite para grupo", Name(invite, "groupName"));
        if (Object(message, "productMessage") is { } product)
            return Bracketed("produto", Joined(Name(Object(product, "product") ?? default, "title"), Name(product, "body")));
        if (Object(message, "orderMessage") is { } order)
            return Bracketed("pedido", Joined(Joined(Name(order, "orderTitle"), Items(order), " "), Name(order, "message")));
        return null;
    }

    /// <summary>An event's start as the doctor's phone shows it, São Paulo time: "12/12 às 19:00".</summary>
    static string? When(JsonElement obj, string name) =>
        EvolutionWebhookParser.ReadEpoch(Prop(obj, name)) is { } at
            ? SaoPaulo.ToLocal(at).ToString("dd'/'MM 'às' HH':'mm", CultureInfo.InvariantCulture) : null;

    static string? Items(JsonElement order) =>
        Prop(order, "itemCount") is { ValueKind: JsonValueKind.Number } n && n.TryGetInt32(out var count) && count > 0
            ? count == 1 ? "(1 item)" : $"({count} itens)" : null;

    static bool Bool(JsonElement obj, string name) => Prop(obj, name).ValueKind == JsonValueKind.True;

    static string Bracketed(string what, string? detail)
    {
        var text = detail is null ? $"[{what}]" : $"[{what}: {detail}]";
        return text.Length <= MaxChars ? text : EvolutionWebhookParser.Bounded(text, MaxChars - 2) + "…]";
    }

    static string? Joined(string? first, string? second, string separator = ", ") =>
        first is null ? second : second is null ? first : first + separator + second;

    static string? Coordinates(JsonElement location) =>
        Number(location, "degreesLatitude") is { } lat && Number(location, "degreesLongitude") is { } lon
            ? string.Create(CultureInfo.InvariantCulture, $"{lat:0.#####}, {lon:0.#####}") : null;

    static double? Number(JsonElement obj, string name) =>
        Prop(obj, name) is { ValueKind: JsonValueKind.Number } n && n.TryGetDouble(out var d) && double.IsFinite(d) && Math.Abs(d) <= 180 ? d : null;

    /// <summary>One line, without control characters, at most <see cref="MaxNameChars"/>; null when blank.</summary>
    static string? Name(JsonElement obj, string name)
    {
        if (EvolutionWebhookParser.GetString(obj, name) is not { } raw) return null;
        var line = string.Join(' ', new string([.. raw.Select(c => char.IsControl(c) ? ' ' : c)]).Split(' ', StringSplitOptions.RemoveEmptyEntries));
        return line.Length == 0 ? null : EvolutionWebhookParser.Bounded(line, MaxNameChars);
    }

    static JsonElement? Object(JsonElement obj, string name) => Prop(obj, name) is { ValueKind: JsonValueKind.Object } o ? o : null;

    static JsonElement Prop(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var v) ? v : default;
}
