namespace Julia.Chatwoot;

/// <summary>
/// A staff command on the doctor's contact pause in a private note of his Chatwoot conversation
/// (docs/decisions.md#contact-pause): `/pausar &lt;data&gt; motivo` or `/retomar`. <see cref="Rest"/> is what follows the
/// verb (the date and the reason, read by <see cref="ChatwootPauseCommand"/>), null when nothing does.
/// </summary>
internal sealed record PauseCommand(string Verb, string? Rest)
{
    public const string Pause = "pausar", Resume = "retomar";

    public static PauseCommand? Parse(string? content)
    {
        var text = content?.Trim();
        if (text is null || !text.StartsWith('/')) return null;
        var parts = text[1..].Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 0) return null;
        var verb = parts[0].ToLowerInvariant();
        if (verb is not (Pause or Resume)) return null;
        return new(verb, parts.Length > 1 && parts[1].Length > 0 ? parts[1] : null);
    }
}
