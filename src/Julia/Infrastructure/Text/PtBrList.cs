namespace Julia.Infrastructure.Text;

/// <summary>
/// A list as a sentence says it in pt-BR: "a", "a e b", "a, b e c" — never "a, b, c" where a person reads it.
/// </summary>
internal static class PtBrList
{
    public static string Join(IReadOnlyList<string> items) => items.Count switch
    {
        0 => "",
        1 => items[0],
        _ => $"{string.Join(", ", items.Take(items.Count - 1))} e {items[^1]}",
    };
}
