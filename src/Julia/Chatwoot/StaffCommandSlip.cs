using Julia.Infrastructure.Text;

namespace Julia.Chatwoot;

/// <summary>
/// A staff private note that starts like one of the commands but names none — `/pausa 15/03 licença`, `/retoma`,
/// `/pausar: 15/03`, `/confirma` — is answered with how to write the command it looks like, and nothing is done
/// (docs/decisions.md#contact-pause). Ignored, the recruiter would read the silence as "done" and the doctor keep
/// getting campaigns. "Looks like": the same first four letters, or at most two slips off (a letter added, dropped, changed, or two swapped). Any other `/word` (a
/// team's own shorthand) and a command in the middle of a sentence are ignored on purpose, as before: only a note that
/// starts with the command runs it, so nobody's sentence ("vou /retomar amanhã") is taken for one.
/// </summary>
internal sealed record StaffCommandSlip(string Typed, string Meant)
{
    /// <summary>Each command and how to write it, as the answer shows it.</summary>
    static readonly (string Verb, string Usage)[] Commands =
    [
        (PauseCommand.Pause, ChatwootPauseCommand.Usage),
        (PauseCommand.Resume, "/retomar [motivo]"),
        (ReservationCommand.Confirm, "/confirmar [início do id] [notas]"),
        (ReservationCommand.Cancel, "/cancelar [início do id] motivo"),
        (ReservationCommand.Reserve, ChatwootReserveCommand.Usage),
    ];

    const int MaxTyped = 24;

    public static StaffCommandSlip? Parse(string? content)
    {
        var text = content?.Trim();
        if (text is null || text.Length < 2 || text[0] != '/') return null;
        var end = 1;
        while (end < text.Length && !char.IsWhiteSpace(text[end])) end++;
        var typed = text[1..end].ToLowerInvariant();
        // A word of letters, perhaps ending in punctuation ("/pausar:"); a path or a URL is nobody's command.
        var word = typed.TrimEnd(':', ',', '.', ';', '!', '?');
        if (word.Length is < 4 or > MaxTyped || !word.All(char.IsLetter)) return null;
        if (typed == word && Commands.Any(c => c.Verb == typed)) return null; // a command: its own parser runs it
        foreach (var (verb, _) in Commands)
            if (word == verb || word[..4] == verb[..4] || EditDistance.Of(word, verb) <= 2) return new(typed, verb);
        return null;
    }

    /// <summary>The answer note: nothing done, and how to write the command it looks like.</summary>
    public string Reply => $"Não reconheci o comando /{Typed}: nada foi feito. Quis dizer /{Meant}? Use {Commands.Single(c => c.Verb == Meant).Usage}";
}
