using System.Globalization;

namespace Julia.Infrastructure.Configuration;

/// <summary>One model's price in USD per million tokens.</summary>
internal sealed record ModelPrice(string Model, decimal InputPerMillion, decimal OutputPerMillion);

/// <summary>
/// LLM_PRECOS: `modelo=entrada/saida` entries (USD per million tokens) separated by `,` or `;`, e.g.
/// `claude-haiku=1/5,claude-sonnet=3/15`. An entry prices the model of that exact id or of any id that starts with it;
/// the longest matching entry wins, so `claude-sonnet-4-5=3/15` overrides a family-wide `claude-sonnet=…`.
/// (Read/TryRead, not Parse/TryParse: minimal APIs would bind a type with a static TryParse from the query string.)
/// </summary>
internal sealed class ModelPrices
{
    /// <summary>Anthropic's list prices of the model families (haiku, sonnet, opus), USD per million input/output tokens.</summary>
    public const string Defaults = "claude-haiku=1/5,claude-sonnet=3/15,claude-opus=5/25";

    readonly IReadOnlyList<ModelPrice> prices;

    ModelPrices(IReadOnlyList<ModelPrice> prices) => this.prices = [.. prices.OrderByDescending(p => p.Model.Length)];

    public IReadOnlyList<ModelPrice> All => prices;

    public static ModelPrices Read(string? text) =>
        TryRead(string.IsNullOrWhiteSpace(text) ? Defaults : text, out var parsed) ? parsed : throw new FormatException("LLM_PRECOS inválido");

    public static bool TryRead(string text, out ModelPrices parsed)
    {
        var list = new List<ModelPrice>();
        parsed = new ModelPrices(list);
        foreach (var entry in text.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = entry.IndexOf('=');
            if (eq <= 0) return false;
            var model = entry[..eq].Trim();
            var pair = entry[(eq + 1)..].Split('/', StringSplitOptions.TrimEntries);
            if (model.Length == 0 || pair.Length != 2 || !TryPrice(pair[0], out var input) || !TryPrice(pair[1], out var output)) return false;
            if (list.Any(p => string.Equals(p.Model, model, StringComparison.OrdinalIgnoreCase))) return false;
            list.Add(new ModelPrice(model, input, output));
        }
        if (list.Count == 0) return false;
        parsed = new ModelPrices(list);
        return true;
    }

    /// <summary>The price of a model id, or null when no entry matches it.</summary>
    public ModelPrice? Find(string? model) =>
        string.IsNullOrWhiteSpace(model) ? null : prices.FirstOrDefault(p => model.StartsWith(p.Model, StringComparison.OrdinalIgnoreCase));

    /// <summary>Estimated cost in USD of these tokens on this model, or null when the model has no price.</summary>
    public decimal? Cost(string? model, long inputTokens, long outputTokens) =>
        Find(model) is { } p ? (inputTokens * p.InputPerMillion + outputTokens * p.OutputPerMillion) / 1_000_000m : null;

    static bool TryPrice(string text, out decimal value) =>
        decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value) && value >= 0;
}
