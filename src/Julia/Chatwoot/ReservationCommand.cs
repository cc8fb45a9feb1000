using System.Text.RegularExpressions;

namespace Julia.Chatwoot;

/// <summary>
/// A staff command in a private note of the doctor's Chatwoot conversation (docs/decisions.md#reservations):
/// `/confirmar [início do id] [notas]`, `/cancelar [início do id] motivo` or `/reservar <início do id da vaga> [notas]`.
/// <see cref="Prefix"/> is the first word when it could be the start of an id (4–32 hex digits, dashes allowed): of a
/// reservation for the first two, decided against the doctor's reservations, ended ones too (a shorter word that names
/// none is just the first word of <see cref="Text"/>; one of <see cref="ShownIdDigits"/> or more is a wrong id); of a
/// shift for `/reservar`.
/// </summary>
internal sealed partial record ReservationCommand(string Verb, string? Prefix, string? AfterPrefix, string? Text)
{
    public const string Confirm = "confirmar", Cancel = "cancelar", Reserve = "reservar";

    /// <summary>
    /// The digits of a reservation id the notes and Slack show (`ab12cd34`): a first word this long is an id, never the
    /// start of the notes or the reason, even when it names none of the doctor's reservations.
    /// </summary>
    public const int ShownIdDigits = 8;

    public static ReservationCommand? Parse(string? content)
    {
        var text = content?.Trim();
        if (text is null || !text.StartsWith('/')) return null;
        var parts = text[1..].Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 0) return null;
        var verb = parts[0].ToLowerInvariant();
        if (verb is not (Confirm or Cancel or Reserve)) return null;
        var rest = parts.Length > 1 && parts[1].Length > 0 ? parts[1] : null;
        if (rest is null) return new(verb, null, null, null);
        var words = rest.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var prefix = IdStart().IsMatch(words[0]) ? words[0].Replace("-", "").ToLowerInvariant() : null;
        return new(verb, prefix, prefix is null ? null : words.Length > 1 ? words[1] : null, rest);
    }

    [GeneratedRegex("^(?=(?:-*[0-9a-fA-F]){4,32}-*$)[0-9a-fA-F-]+$")]
    private static partial Regex IdStart();
}
