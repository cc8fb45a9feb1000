using Julia.Infrastructure.Text;

namespace Julia.Shifts;

/// <summary>
/// The period a search asks for ("noturno", "noite", "de dia", "24h") and the one a shift has: its period's name, or its
/// hours when it has none (docs/decisions.md#agent, `buscar_vagas`). A shift registered with hours and no period was
/// never found by a period, and "noite" never found a `noturno` one.
/// </summary>
internal static class ShiftPeriod
{
    internal enum Kind { Diurno, Noturno, Manha, Tarde, VinteQuatroHoras }

    /// <summary>Whether the shift is of the period asked; an unknown word keeps the old rule (the period's very name).</summary>
    public static bool Matches(Shift shift, string asked)
    {
        if (Read(asked) is not { } wanted) return PtBrText.SameName(shift.Periodo, asked);
        return Of(shift) switch
        {
            { } kind when kind == wanted => true,
            Kind.Manha or Kind.Tarde when wanted == Kind.Diurno => true,   // "de dia" takes a morning or an afternoon
            _ => false,
        };
    }

    /// <summary>The shift's period by its name, else by its hours; null without either.</summary>
    public static Kind? Of(Shift shift)
    {
        if (!string.IsNullOrWhiteSpace(shift.Periodo) && Read(shift.Periodo) is { } named) return named;
        if (shift.HoraInicio is not { } start || shift.HoraFim is null) return null;
        var (from, to) = shift.Window;
        if (to - from >= TimeSpan.FromHours(23)) return Kind.VinteQuatroHoras;
        return start.Hour switch
        {
            >= 17 or < 5 => Kind.Noturno,
            < 12 => to - from <= TimeSpan.FromHours(7) ? Kind.Manha : Kind.Diurno,
            _ => Kind.Tarde,
        };
    }

    /// <summary>A period in words ("Noturno 12h", "noite", "plantão de 24 horas", "manhã"); null when none is named.</summary>
    public static Kind? Read(string text)
    {
        var t = " " + PtBrText.Fold(text) + " ";
        if (t.Contains("24", StringComparison.Ordinal) || t.Contains("vinte e quatro", StringComparison.Ordinal)) return Kind.VinteQuatroHoras;
        if (t.Contains("notur", StringComparison.Ordinal) || t.Contains("noite", StringComparison.Ordinal) || t.Contains("madrugada", StringComparison.Ordinal))
            return Kind.Noturno;
        if (t.Contains("manha", StringComparison.Ordinal) || t.Contains("matutin", StringComparison.Ordinal)) return Kind.Manha;
        if (t.Contains("tarde", StringComparison.Ordinal) || t.Contains("vespertin", StringComparison.Ordinal)) return Kind.Tarde;
        if (t.Contains("diurn", StringComparison.Ordinal) || t.Contains(" dia ", StringComparison.Ordinal)) return Kind.Diurno;
        return null;
    }
}
