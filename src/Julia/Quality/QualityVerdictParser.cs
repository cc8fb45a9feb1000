using System.Text.Json;
using Julia.Infrastructure.Text;

namespace Julia.Quality;

/// <summary>
/// Reads the judge's answer tolerantly — a bare object, one inside ``` fences, or one surrounded by prose — and
/// strictly where it matters: four integers 1–10. A `score_geral` the model may add is ignored (the system computes it).
/// Problems are short pt-BR phrases that never quote the answer (it may repeat the conversation).
/// </summary>
internal static class QualityVerdictParser
{
    const int MaxItems = 5, MaxItemLength = 500;

    public static (QualityVerdict? Verdict, string? Problem) Parse(string? answer)
    {
        if (string.IsNullOrWhiteSpace(answer)) return (null, "resposta vazia");
        if (JsonCandidate(answer) is not { } json) return (null, "nenhum objeto JSON na resposta");
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return (null, "o JSON não é um objeto");
            var values = new Dictionary<string, int?>();
            foreach (var name in QualityScores.Criteria)
            {
                if (!root.TryGetProperty(name, out var v)) return (null, $"{name} ausente");
                if (Integer(v) is not { } n) return (null, $"{name} não é um número inteiro");
                values[name] = n;
            }
            var (scores, problem) = QualityScores.From(values);
            if (scores is null) return (null, problem);
            return (new QualityVerdict(scores, new QualityDetails(
                Phrases(root, "pontos_positivos"), Phrases(root, "pontos_negativos"), Phrases(root, "sugestoes"))), null);
        }
        catch (JsonException) { return (null, "JSON malformado"); }
        catch (InvalidOperationException) { return (null, "texto com UTF-16 inválido"); }
    }

    /// <summary>The text between the first ``` fence and the next, else from the first `{` to the last `}`.</summary>
    static string? JsonCandidate(string answer)
    {
        var text = answer.Trim();
        var fence = text.IndexOf("```", StringComparison.Ordinal);
        if (fence >= 0)
        {
            var start = text.IndexOf('\n', fence);
            var end = start < 0 ? -1 : text.IndexOf("```", start, StringComparison.Ordinal);
            if (end > start) text = text[(start + 1)..end].Trim();
        }
        var open = text.IndexOf('{');
        var close = text.LastIndexOf('}');
        return open >= 0 && close > open ? text[open..(close + 1)] : null;
    }

    /// <summary>7, 7.0 and "7" are 7; 7.5, true or "sete" are not integers.</summary>
    static int? Integer(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.Number when v.TryGetDecimal(out var d) && d == decimal.Truncate(d) && d is >= int.MinValue and <= int.MaxValue => (int)d,
        JsonValueKind.String when int.TryParse(v.GetString()?.Trim(), out var n) => n,
        _ => null,
    };

    /// <summary>A list of phrases (one phrase alone counts as a list of one); anything else is an empty list.</summary>
    static IReadOnlyList<string> Phrases(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var v)) return [];
        IEnumerable<string?> items = v.ValueKind switch
        {
            JsonValueKind.Array => v.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()),
            JsonValueKind.String => [v.GetString()],
            _ => [],
        };
        return [.. items.Select(s => s?.Trim()).OfType<string>().Where(s => s.Length > 0).Take(MaxItems)
            .Select(s => TextPrefix.Of(s, MaxItemLength))];
    }
}
