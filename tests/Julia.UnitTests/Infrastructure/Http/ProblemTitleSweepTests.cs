using System.Text.RegularExpressions;

namespace Julia.UnitTests.Infrastructure.Http;

/// <summary>
/// Every ProblemDetails title Júlia writes herself, read from the source (docs/decisions.md, "Textos"): a short pt-BR
/// summary that starts with a capital letter and has no final period — what is wrong with which field goes in the detail.
/// Before (an audit of what people read, 2026-12-05), "limite precisa estar entre 1 e 500", "status inválido" and
/// "texto é obrigatório" were titles, each worded its own way, beside "Campanha inválida" and "Requisição inválida".
/// </summary>
public sealed partial class ProblemTitleSweepTests
{
    /// <summary>
    /// Titles quoted word for word by the customer's runbook or the specification, kept as they are: none today ("dias
    /// inválido" of /metricas was the last, quoted by our own docs only; it is now "Requisição inválida").
    /// </summary>
    static readonly HashSet<string> Quoted = [];

    static IEnumerable<(string Where, string Title)> Titles()
    {
        var root = Path.Combine(ArchitectureDocument.RepositoryRoot(), "src", "Julia");
        foreach (var file in Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(file);
            foreach (Match m in TitleArgument().Matches(text))
                yield return ($"{Path.GetRelativePath(root, file)}:{text[..m.Index].Count(c => c == '\n') + 1}", m.Groups["title"].Value);
        }
    }

    [Fact]
    public void TheSweepFindsTheTitles() => Assert.True(Titles().Count() > 25, $"only {Titles().Count()} titles found");

    [Fact]
    public void EveryTitleIsAShortPortugueseSummary()
    {
        var wrong = new List<string>();
        foreach (var (where, title) in Titles().Where(t => !Quoted.Contains(t.Title)))
        {
            // "{id}" or "{nome}" may open it ("{nome} já rodou hoje" would not): the first letter outside a hole.
            var first = Hole().Replace(title, "").TrimStart().FirstOrDefault();
            if (!char.IsUpper(first)) wrong.Add($"{where}: \"{title}\" does not start with a capital letter");
            if (title.TrimEnd().EndsWith('.')) wrong.Add($"{where}: \"{title}\" ends with a period");
            if (English().IsMatch(title)) wrong.Add($"{where}: \"{title}\" is not pt-BR");
            if (Internal().IsMatch(title)) wrong.Add($"{where}: \"{title}\" names an exception, SQL or a stack");
            if (title.Length > 90) wrong.Add($"{where}: \"{title}\" is a sentence, not a title (the detail says the rest)");
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    /// <summary>`title: "…"` or `title: $"…"` in a call (the framework's own titles: FrameworkProblemsTests).</summary>
    [GeneratedRegex("""\btitle:\s*\$?"(?<title>(?:[^"\\]|\\.)*)"(?=\s*[,)])""")]
    private static partial Regex TitleArgument();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Hole();

    [GeneratedRegex(@"(?i)\b(not|found|invalid|error|failed|request|missing|required|bad|unauthorized|forbidden|conflict)\b")]
    private static partial Regex English();

    [GeneratedRegex(@"(?i)exception|sqlstate|npgsql|stack|\bat\s+Julia\.")]
    private static partial Regex Internal();
}
