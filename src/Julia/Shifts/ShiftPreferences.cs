using System.Text.Json;

namespace Julia.Shifts;

/// <summary>medicos.preferencias_detectadas as shift matching reads it (the agent's tools and context, follow-ups).</summary>
internal sealed record ShiftPreferences(int? ValorMinimo, IReadOnlyList<string> BlockedHospitals, IReadOnlyList<string> BlockedSectors)
{
    public static ShiftPreferences Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return new(null, [], []);
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            int? min = root.TryGetProperty("valor_minimo", out var v) && v.TryGetInt32(out var n) ? n : null;
            return new(min, List(root, "hospitais_bloqueados"), List(root, "setores_bloqueados"));
        }
        catch (JsonException) { return new(null, [], []); }
    }

    static IReadOnlyList<string> List(JsonElement root, string name) =>
        root.TryGetProperty(name, out var a) && a.ValueKind == JsonValueKind.Array ? [.. a.EnumerateArray().Select(x => x.ToString())] : [];
}
