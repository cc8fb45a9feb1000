using System.Text.RegularExpressions;
using NetArchTest.Rules;

namespace Julia.UnitTests;

/// <summary>
/// Keeps docs/architecture.md true: Infrastructure uses no feature, and the arrows between features are exactly the
/// table "Feature dependencies" — an arrow in code that the table lacks fails, and so does one the table lists in vain.
/// </summary>
public sealed partial class ArchitectureTests
{
    static readonly System.Reflection.Assembly Julia = typeof(Julia.Infrastructure.Hosting.AppOptions).Assembly;

    /// <summary>Top-level namespaces that are not features: the layer below them and the composition root above.</summary>
    static readonly string[] NotFeatures = ["Infrastructure", "Host", "Cli"];

    [Fact]
    public void InfrastructureUsesNoFeature()
    {
        var features = Features().Select(f => $"Julia.{f}").ToArray();

        var result = Types.InAssembly(Julia).That().ResideInNamespaceMatching(Under("Infrastructure"))
            .ShouldNot().HaveDependencyOnAny(features).GetResult();

        Assert.True(result.IsSuccessful, $"Infrastructure uses a feature: {string.Join(", ", result.FailingTypes?.Select(t => t.FullName) ?? [])}");
    }

    [Fact]
    public void EveryFeatureIsInTheDependencyTable()
    {
        var documented = DocumentedDependencies().Keys.Order().ToList();

        Assert.Equal(Features().Order().ToList(), documented);
    }

    [Fact]
    public void FeatureDependenciesAreExactlyTheDocumentedOnes()
    {
        var documented = DocumentedDependencies();
        var problems = new List<string>();

        foreach (var feature in Features())
        {
            var actual = Features().Where(other => other != feature && Uses(feature, other)).ToHashSet();
            var allowed = documented.GetValueOrDefault(feature, []);
            problems.AddRange(actual.Except(allowed).Select(o => $"{feature} uses {o}, which docs/architecture.md does not list ({Culprits(feature, o)})"));
            problems.AddRange(allowed.Except(actual).Select(o => $"docs/architecture.md says {feature} uses {o}, but no code of {feature} does"));
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    /// <summary>
    /// Comments point to the design in the repository (docs/architecture.md, docs/decisions.md), never to a document a
    /// person who clones it does not have (the specification the project was built from).
    /// </summary>
    [Fact]
    public void SourceCommentsPointToTheRepositorysDocsNotToTheSpecification()
    {
        var src = Path.Combine(ArchitectureDocument.RepositoryRoot(), "src", "Julia");
        var offenders = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (f, i, line)))
            .Where(x => SpecReference().IsMatch(x.line))
            .Select(x => $"{Path.GetRelativePath(src, x.f)}:{x.i + 1}: {x.line.Trim()}").ToList();
        Assert.True(offenders.Count == 0, string.Join("\n", offenders));
    }

    [GeneratedRegex(@"\bSPEC\b|SPEC\.md")]
    private static partial Regex SpecReference();

    static bool Uses(string feature, string other) =>
        Types.InAssembly(Julia).That().ResideInNamespaceMatching(Under(feature)).And().HaveDependencyOnAny($"Julia.{other}").GetTypes().Any();

    static string Culprits(string feature, string other) => string.Join(", ",
        Types.InAssembly(Julia).That().ResideInNamespaceMatching(Under(feature)).And().HaveDependencyOnAny($"Julia.{other}")
            .GetTypes().Select(t => t.FullName.Split('`', '<')[0]).Distinct().Take(5));

    static string Under(string name) => $@"^Julia\.{name}(\..*)?$";

    static IReadOnlyList<string> Features() =>
        [.. Julia.GetTypes().Select(t => t.Namespace).OfType<string>()
            .Where(ns => ns.StartsWith("Julia.", StringComparison.Ordinal))
            .Select(ns => ns.Split('.')[1]).Distinct().Except(NotFeatures)];

    /// <summary>The rows of the "| feature | uses |" table: `—` means none.</summary>
    static Dictionary<string, HashSet<string>> DocumentedDependencies() =>
        ArchitectureDocument.TableRows("| feature | uses |").ToDictionary(r => r[0], r => Words().Matches(r[1]).Select(m => m.Value).ToHashSet());

    [GeneratedRegex(@"[A-Z][A-Za-z]+")]
    private static partial Regex Words();
}

/// <summary>Reads docs/architecture.md, the document these tests keep true.</summary>
internal static class ArchitectureDocument
{
    /// <summary>The cells (without the outer pipes) of each row of the markdown table whose header is <paramref name="header"/>.</summary>
    public static IReadOnlyList<string[]> TableRows(string header)
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryRoot(), "docs", "architecture.md"));
        var start = Array.FindIndex(lines, l => l.Replace(" ", "") == header.Replace(" ", ""));
        Assert.True(start >= 0, $"docs/architecture.md has no \"{header}\" table");
        return [.. lines.Skip(start + 2).TakeWhile(l => l.StartsWith('|')).Select(l => l.Trim().Trim('|').Split('|', StringSplitOptions.TrimEntries))];
    }

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Julia.slnx"))) return dir.FullName;
        throw new InvalidOperationException("Julia.slnx not found above the test output");
    }
}
