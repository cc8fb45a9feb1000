using System.Text.RegularExpressions;

namespace Julia.Infrastructure.Text;

/// <summary>
/// One alternation written as several generated expressions and matched as one. The regex generator emits 10–20 bytes of
/// IL per pattern character, and the JIT compiles a method past its size limits without optimisations (MinOpts) at every
/// tier: a 16 000-character alternation ran ~15× slower than its alternatives as twenty expressions of under 1 000
/// characters each (docs/decisions.md#detection-speed). Matches come expression by expression, each in order of position;
/// the callers ask whether any match passes their checks, which the order does not change.
/// </summary>
internal sealed class RegexAlternation(params Regex[] parts)
{
    /// <summary>The expressions, in the order the alternation was written.</summary>
    public IReadOnlyList<Regex> Parts => parts;

    public bool IsMatch(string input)
    {
        foreach (var part in parts)
            if (part.IsMatch(input)) return true;
        return false;
    }

    /// <summary>Every match of every expression, without allocating (as <see cref="Regex.EnumerateMatches(string)"/>).</summary>
    public Enumerator EnumerateMatches(string input) => new(parts, input);

    public ref struct Enumerator(Regex[] parts, string input)
    {
        int next;
        bool started;
        Regex.ValueMatchEnumerator current;

        public readonly Enumerator GetEnumerator() => this;

        public readonly ValueMatch Current => current.Current;

        public bool MoveNext()
        {
            while (true)
            {
                if (started && current.MoveNext()) return true;
                if (next == parts.Length) return false;
                current = parts[next++].EnumerateMatches(input);
                started = true;
            }
        }
    }
}
