using System.Reflection;
using System.Text.RegularExpressions;
using Julia.Infrastructure.Text;

namespace Julia.UnitTests.Infrastructure.Text;

public class RegexAlternationTests
{
    static readonly RegexAlternation Pieces = new(new Regex(@"\bplantao\b|\bvaga\b"), new Regex(@"\bescala\b"), new Regex(@"\bvaga extra\b"));

    [Theory]
    [InlineData("tem plantao?", true)]
    [InlineData("e a escala?", true)]
    [InlineData("plantaozinho", false)]
    [InlineData("", false)]
    public void MatchesWhenAnyPieceMatches(string text, bool expected) => Assert.Equal(expected, Pieces.IsMatch(text));

    [Fact]
    public void EnumeratesEveryPiecesMatchesPieceByPiece()
    {
        var found = new List<string>();
        const string text = "a vaga extra da escala e o plantao";
        foreach (var m in Pieces.EnumerateMatches(text)) found.Add(text.Substring(m.Index, m.Length));
        // The first piece's matches in order of position, then the second's, then the third's: "vaga" is also the start
        // of the third piece's "vaga extra", which the single alternation would never have offered.
        Assert.Equal(["vaga", "plantao", "escala", "vaga extra"], found);
    }

    [Fact]
    public void NoMatchEnumeratesNothing()
    {
        var count = 0;
        foreach (var _ in Pieces.EnumerateMatches("bom dia")) count++;
        Assert.Equal(0, count);
    }

    /// <summary>
    /// The JIT compiles a method past its size limits without optimisations, and the regex generator emits 10–20 bytes of
    /// IL per pattern character: the 5 230-character legal expression (87 KB of IL) and three longer ones ran unoptimised
    /// at every tier (docs/decisions.md#detection-speed). The longest optimised today is 3 530 characters (36 KB). An
    /// expression that grows past the limit is split into pieces of a <see cref="RegexAlternation"/>.
    /// </summary>
    [Fact]
    public void EveryGeneratedExpressionIsSmallEnoughForTheJitToOptimise()
    {
        const int limit = 3_600;
        var expressions = typeof(RegexAlternation).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .Where(m => m.ReturnType == typeof(Regex) && m.GetParameters().Length == 0 && m.GetCustomAttribute<GeneratedRegexAttribute>() is not null)
            .Select(m => (Name: $"{m.DeclaringType!.Name}.{m.Name}", ((Regex)m.Invoke(null, null)!).ToString().Length))
            .ToList();
        Assert.True(expressions.Count > 100, $"only {expressions.Count} generated expressions found");
        Assert.Empty(expressions.Where(e => e.Length > limit).Select(e => $"{e.Name}: {e.Length} characters"));
    }
}
