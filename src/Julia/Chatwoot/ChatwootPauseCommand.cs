using System.Globalization;
using Julia.Doctors;

namespace Julia.Chatwoot;

/// <summary>
/// `/pausar &lt;data&gt; motivo` and `/retomar` in a staff private note of the doctor's conversation
/// (docs/decisions.md#contact-pause): a recruiter who heard "estou de licença até março" on the phone records the pause
/// the doctor would have asked Júlia for — the same rules (<see cref="PauseRules"/>) and the same write
/// (<see cref="ContactPauses"/>) — or ends it. The date is the first day we may contact him again, as for the agent's
/// tool and the admin API. Nothing is sent to the doctor.
/// </summary>
internal sealed class ChatwootPauseCommand(ContactPauses pauses, TimeProvider time)
{
    public const string Usage = "/pausar <data> motivo — a data (15/03/2027, 15/03 ou 2027-03-15) é o primeiro dia em que podemos procurá-lo de novo; ex.: /pausar 15/03/2027 licença";

    public async Task<(string Outcome, string Reply)> DecideAsync(Guid medicoId, PauseCommand command, string by, CancellationToken ct)
    {
        if (await pauses.StateAsync(medicoId, ct) is not { } state) return ("médico não encontrado", "Médico não encontrado (apagado?): nada foi feito.");
        return command.Verb == PauseCommand.Resume ? await ResumeAsync(state, command.Rest, by, ct) : await PauseAsync(state, command.Rest, by, ct);
    }

    async Task<(string, string)> PauseAsync(ContactPauseState state, string? rest, string by, CancellationToken ct)
    {
        if (rest is null) return ("uso", $"Diga até quando e por quê: nada foi registrado. Use {Usage}");
        var today = PauseRules.Today(time.GetUtcNow());
        var (day, reason) = Read(rest, today);
        switch (PauseRules.Check(state.OptedOut, reason, day, today))
        {
            case PauseRefusal.OptedOut:
                return ("opt-out", "Ele tem opt-out (pediu para não receber mensagens nossas): não há o que pausar. Nada foi registrado.");
            case PauseRefusal.Unreadable:
                return ("uso", $"Não entendi a data: nada foi registrado. Use {Usage}");
            case PauseRefusal.NoReason:
                return ("sem motivo", $"Diga o motivo: nada foi registrado. Use {Usage}");
            case PauseRefusal.NotAhead:
                return ("data não futura", $"A data precisa ser futura (hoje é {Shown(today)}): nada foi registrado.");
            case PauseRefusal.TooFar:
                return ("data distante", $"A pausa vai no máximo até {Shown(PauseRules.Latest(today))} ({PauseRules.MaxMonths} meses): nada foi registrado. " +
                    "Use essa data ou uma anterior; perto dela dá para pausar de novo.");
        }
        var until = day!.Value;
        if (await pauses.PauseReplacingAsync(state.MedicoId, until, reason!, by, ct) is not { } written)
            return ("médico não encontrado", "Médico não encontrado (apagado?): nada foi feito.");
        var replaced = written.ReplacedDay is { } old ? $" (substitui a pausa que ia até {Shown(old)})" : "";
        return ("pausado", $"⏸️ Contato pausado até {Shown(until)} ({PauseRules.Reason(reason!)}){replaced}: campanhas e follow-ups não chegam a ele até lá; " +
            $"respostas e lembretes pedidos por ele seguem. A partir de {Shown(until)} ele volta a recebê-los. Registrado por {by}.");
    }

    /// <summary>
    /// Ends the pause. Words after `/retomar` ("/retomar ligou dizendo que voltou") are the reason, like `/pausar`'s: the
    /// answer note repeats them, so the conversation keeps why with who — never dropped without a word. Not in the log
    /// line, which is INFO and takes no typed text (docs/decisions.md#configuration); no column keeps them either.
    /// </summary>
    async Task<(string, string)> ResumeAsync(ContactPauseState state, string? reason, string by, CancellationToken ct)
    {
        var why = reason is null ? "" : $" Motivo: {PauseRules.Reason(reason)}.";
        return await pauses.ResumeAsync(state.MedicoId, by, ct) is { } was
            ? ("retomado", $"▶️ Pausa encerrada (ia até {Shown(was)}): campanhas e follow-ups voltam a chegar a ele.{why} Registrado por {by}.")
            : ("sem pausa", "Ele não tinha pausa de contato em vigor: nada mudou.");
    }

    /// <summary>"15/03/2027 licença" (an "até" before the date is allowed): the day, and the reason after it.</summary>
    static (DateOnly? Day, string? Reason) Read(string? rest, DateOnly today)
    {
        var words = (rest ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).ToList();
        if (words.Count > 1 && words[0].ToLowerInvariant() is "até" or "ate") words.RemoveAt(0);
        if (words.Count == 0) return (null, null);
        return (PauseRules.ParseTyped(words[0], today), words.Count > 1 ? string.Join(' ', words.Skip(1)) : null);
    }

    static string Shown(DateOnly day) => day.ToString("dd'/'MM'/'yyyy", CultureInfo.InvariantCulture);
}
