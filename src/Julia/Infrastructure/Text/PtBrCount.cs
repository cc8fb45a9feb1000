using System.Globalization;

namespace Julia.Infrastructure.Text;

/// <summary>
/// A count and its noun in pt-BR: "1 avaliação", "0 avaliações", "2 avaliações", "1.234 conversas" — one takes the
/// singular, every other whole number the plural. A count a person reads never says "1 avaliações".
/// </summary>
internal static class PtBrCount
{
    static readonly CultureInfo PtBr = CultureInfo.GetCultureInfo("pt-BR");

    public static string Of(long count, string singular, string plural) =>
        $"{count.ToString("#,0", PtBr)} {(count is 1 or -1 ? singular : plural)}";

    /// <summary>A count that may be missing ("-"): the plural then, as in "- avaliações".</summary>
    public static string Of(long? count, string singular, string plural) =>
        count is { } n ? Of(n, singular, plural) : $"- {plural}";
}
