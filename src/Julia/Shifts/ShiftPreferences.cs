using System.Text.Json;
using Julia.Infrastructure.Text;

namespace Julia.Shifts;

/// <summary>
/// medicos.preferencias_detectadas as shift matching reads it (the agent's tools and context, follow-ups). <see cref="Turnos"/>
/// and <see cref="Regioes"/> (what `atualizar_preferencias` saves from "só noturno", "só no ABC") rank the context's shifts,
/// never hide one (docs/decisions.md#agent, "Preferred shifts first").
/// </summary>
internal sealed record ShiftPreferences(int? ValorMinimo, IReadOnlyList<string> BlockedHospitals, IReadOnlyList<string> BlockedSectors)
{
    public IReadOnlyList<string> Turnos { get; init; } = [];
    public IReadOnlyList<string> Regioes { get; init; } = [];

    /// <summary>Whether he said which periods or places he prefers.</summary>
    public bool RanksShifts => Turnos.Count > 0 || Regioes.Count > 0;

    /// <summary>
    /// Of a period he prefers (any, when he named none) and in a place he prefers — its city or region (any, when none):
    /// "noite" takes a `noturno` shift, "de dia" a morning one (<see cref="ShiftPeriod"/>).
    /// </summary>
    public bool Fits(Shift shift) =>
        (Turnos.Count == 0 || Turnos.Any(t => ShiftPeriod.Matches(shift, t)))
        && (Regioes.Count == 0 || Regioes.Any(r => PtBrText.SameName(shift.Cidade, r) || PtBrText.SameName(shift.Regiao, r)));

    /// <summary>A shift ranked after the preferred ones (he named periods or places and it is outside them): marked where it is listed.</summary>
    public bool Outside(Shift shift) => RanksShifts && !Fits(shift);

    /// <summary>How a list marks a shift outside his preferences, after its description.</summary>
    public const string OutsideNote = "fora do turno/região que ele prefere";

    public static ShiftPreferences Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return new(null, [], []);
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return new(null, [], []);
            int? min = root.TryGetProperty("valor_minimo", out var v) && v.TryGetInt32(out var n) ? n : null;
            return new(min, List(root, "hospitais_bloqueados"), List(root, "setores_bloqueados"))
            {
                Turnos = [.. List(root, "turnos").Where(t => !string.IsNullOrWhiteSpace(t))],
                Regioes = [.. List(root, "regioes").Where(r => !string.IsNullOrWhiteSpace(r))],
            };
        }
        catch (JsonException) { return new(null, [], []); }
    }

    static IReadOnlyList<string> List(JsonElement root, string name) =>
        root.TryGetProperty(name, out var a) && a.ValueKind == JsonValueKind.Array ? [.. a.EnumerateArray().Select(x => x.ToString())] : [];
}
