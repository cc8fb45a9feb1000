using System.Text;
using System.Text.RegularExpressions;

namespace Julia.UnitTests;

/// <summary>
/// The design lives in the repository's docs, and code comments point there ("docs/decisions.md#opt-out"): every such
/// pointer, and every relative link of the repository's Markdown, must reach a file that exists and an anchor it has —
/// an explicit <c>&lt;a id="…"&gt;</c> or a heading's GitHub slug. A section renamed or moved breaks the test, not the
/// next reader.
/// </summary>
public sealed partial class DocumentLinksTests
{
    static readonly string Root = ArchitectureDocument.RepositoryRoot();

    [Fact]
    public void EveryPointerToTheDocsInCodeAndDocsReachesItsAnchor()
    {
        var problems = new List<string>();
        var checkedPointers = 0;

        foreach (var file in SourceAndDocumentFiles())
        {
            var text = File.ReadAllText(file);
            foreach (Match pointer in DocsPointer().Matches(text))
            {
                checkedPointers++;
                var target = Path.Combine(Root, "docs", pointer.Groups["doc"].Value + ".md");
                var problem = Resolve(target, pointer.Groups["anchor"].Value);
                if (problem is not null)
                    problems.Add($"{Relative(file)}: {pointer.Value} — {problem}");
            }
        }

        Assert.True(checkedPointers > 20, $"only {checkedPointers} pointers found: is the scan looking in the right place?");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void EveryRelativeMarkdownLinkReachesAFileAndItsAnchor()
    {
        var problems = new List<string>();
        var checkedLinks = 0;

        foreach (var file in MarkdownFiles())
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                // A link shown as code (`[texto](url)`) is an example, not a link.
                var line = InlineCode().Replace(lines[i], "");
                foreach (Match link in MarkdownLink().Matches(line))
                {
                    var address = link.Groups["address"].Value;
                    if (address.Contains("://", StringComparison.Ordinal) || address.StartsWith("mailto:", StringComparison.Ordinal))
                        continue;

                    checkedLinks++;
                    var hash = address.IndexOf('#');
                    var path = hash < 0 ? address : address[..hash];
                    var anchor = hash < 0 ? null : address[(hash + 1)..];
                    var target = path.Length == 0 ? file : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, Uri.UnescapeDataString(path)));

                    var problem = !File.Exists(target) && !Directory.Exists(target) ? "no such file"
                        : anchor is null || Directory.Exists(target) ? null
                        : Resolve(target, anchor);
                    if (problem is not null)
                        problems.Add($"{Relative(file)}:{i + 1}: ({address}) — {problem}");
                }
            }
        }

        Assert.True(checkedLinks > 10, $"only {checkedLinks} links found: is the scan looking in the right place?");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void EveryRepositoryPathTheMarkdownNamesExists()
    {
        var problems = new List<string>();
        var checkedPaths = 0;

        foreach (var file in MarkdownFiles())
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                foreach (Match code in InlineCode().Matches(lines[i]))
                {
                    foreach (Match named in RepositoryPath().Matches(code.Value))
                    {
                        var path = named.Value.TrimEnd('.', ':', ',');
                        // Placeholders (`src/Julia/<Feature>/`, `*.sql`) and build output are not files of the repository.
                        if (path.IndexOfAny(['<', '*', '{', '$']) >= 0 || IsBuildOutput(Path.Combine(Root, path)))
                            continue;

                        checkedPaths++;
                        var target = Path.Combine(Root, path);
                        if (!File.Exists(target) && !Directory.Exists(target))
                            problems.Add($"{Relative(file)}:{i + 1}: `{path}` — no such file or folder");
                    }
                }
            }
        }

        Assert.True(checkedPaths > 50, $"only {checkedPaths} paths found: is the scan looking in the right place?");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Theory]
    [InlineData("Turn scheduling and the reply path", "turn-scheduling-and-the-reply-path")]
    [InlineData("Prompt review (`julia avaliar-prompt`)", "prompt-review-julia-avaliar-prompt")]
    [InlineData("LGPD (data-subject requests)", "lgpd-data-subject-requests")]
    [InlineData("7. Mensagens de médicos não são respondidas", "7-mensagens-de-médicos-não-são-respondidas")]
    [InlineData("Textos: the fixed words people read", "textos-the-fixed-words-people-read")]
    public void AHeadingsSlugIsGitHubs(string heading, string slug) => Assert.Equal(slug, Slug(heading));

    /// <summary>Null when <paramref name="anchor"/> is in <paramref name="markdownFile"/>, else what is wrong.</summary>
    static string? Resolve(string markdownFile, string anchor)
    {
        if (!File.Exists(markdownFile))
            return "no such document";

        var lines = File.ReadAllLines(markdownFile);
        var explicitAnchor = $"id=\"{anchor}\"";
        if (lines.Any(l => l.Contains(explicitAnchor, StringComparison.Ordinal)))
            return null;

        var insideFence = false;
        foreach (var line in lines)
        {
            if (line.StartsWith("```", StringComparison.Ordinal))
                insideFence = !insideFence;
            else if (!insideFence && Heading().Match(line) is { Success: true } heading && Slug(heading.Groups["title"].Value) == anchor)
                return null;
        }

        return "no such anchor";
    }

    /// <summary>GitHub's heading slug: lower case, punctuation dropped (letters of any script, digits, '-' and '_' kept), spaces to '-'.</summary>
    static string Slug(string heading)
    {
        var slug = new StringBuilder(heading.Length);
        foreach (var c in heading.Trim().ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(c) || c is '-' or '_')
                slug.Append(c);
            else if (c == ' ')
                slug.Append('-');
        }

        return slug.ToString();
    }

    static IEnumerable<string> SourceAndDocumentFiles()
    {
        string[] extensions = [".cs", ".sh", ".md", ".json", ".sql", ".yml", ".yaml"];
        return new[] { "src", "tests", "bench", "scripts", "docs", ".ci" }
            .Select(d => Path.Combine(Root, d))
            .Where(Directory.Exists)
            .SelectMany(d => Directory.EnumerateFiles(d, "*", SearchOption.AllDirectories))
            .Where(f => extensions.Contains(Path.GetExtension(f)) && !IsBuildOutput(f))
            .Concat(Directory.EnumerateFiles(Root).Where(f => Path.GetExtension(f) is ".md" or ".sh"));
    }

    static IEnumerable<string> MarkdownFiles() =>
        Directory.EnumerateFiles(Root, "*.md")
            .Concat(Directory.EnumerateFiles(Path.Combine(Root, "docs"), "*.md", SearchOption.AllDirectories));

    static bool IsBuildOutput(string path)
    {
        var parts = Path.GetRelativePath(Root, path).Split(Path.DirectorySeparatorChar);
        return parts.Any(p => p is "bin" or "obj" or "node_modules" or ".local" or "TestResults");
    }

    static string Relative(string path) => Path.GetRelativePath(Root, path);

    [GeneratedRegex(@"docs/(?<doc>[a-z][a-z0-9-]*)\.md#(?<anchor>[\w-]+)")]
    private static partial Regex DocsPointer();

    [GeneratedRegex(@"\]\((?<address>[^)\s]+)\)")]
    private static partial Regex MarkdownLink();

    [GeneratedRegex(@"(?<![\w./-])(?:src|tests|scripts|bench|docs)/[^\s`'""),;]+")]
    private static partial Regex RepositoryPath();

    [GeneratedRegex(@"`[^`]*`")]
    private static partial Regex InlineCode();

    [GeneratedRegex(@"^#{1,6}\s+(?<title>.+?)\s*#*\s*$")]
    private static partial Regex Heading();
}
