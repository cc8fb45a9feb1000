using System.Text.RegularExpressions;
using Julia.Infrastructure.Configuration;

namespace Julia.UnitTests.Infrastructure.Configuration;

/// <summary>
/// .env.example is what an operator copies and reads: every variable it sets is one Júlia reads and the README's table
/// names, and every value its comments offer is one start-up accepts — checked with the validator start-up uses
/// (ConfigurationMapper calls ValueValidator), so the file cannot drift from the code (docs/decisions.md#configuration).
/// </summary>
public sealed partial class EnvExampleTests
{
    static readonly string Root = ArchitectureDocument.RepositoryRoot();
    static readonly string[] Lines = File.ReadAllLines(Path.Combine(Root, ".env.example"));
    static readonly string Readme = File.ReadAllText(Path.Combine(Root, "README.md"));
    const string ComposeOnlyMarker = "# --- Só do docker-compose";

    static EnvironmentVariable? Variable(string name) => EnvironmentVariables.All.SingleOrDefault(v => v.Name == name);

    /// <summary>Each `NAME=` line with the comment lines right above it (its own explanation).</summary>
    static IEnumerable<(string Name, string Value, string Comment, bool ComposeOnly)> Entries()
    {
        var composeOnly = false;
        var comment = new List<string>();
        foreach (var line in Lines)
        {
            if (line.StartsWith(ComposeOnlyMarker, StringComparison.Ordinal)) composeOnly = true;
            if (line.StartsWith('#')) { comment.Add(line); continue; }
            if (Assignment().Match(line) is { Success: true } m)
                yield return (m.Groups[1].Value, m.Groups[2].Value.Trim(), string.Join('\n', comment), composeOnly);
            comment.Clear();
        }
    }

    [Fact]
    public void EveryVariableItSetsIsOneJuliaReadsAndTheReadmeTableNames()
    {
        var entries = Entries().Where(e => !e.ComposeOnly).ToList();

        Assert.NotEmpty(entries);
        Assert.All(entries, e => Assert.True(Variable(e.Name) is not null, $"{e.Name} is not read by Júlia (EnvironmentVariables.cs)"));
        var table = Readme.Split('\n').Where(l => l.StartsWith("| `", StringComparison.Ordinal)).Select(l => l.Split(" | ")[0]).ToList();
        Assert.All(entries, e => Assert.True(table.Any(cell => cell.Contains($"`{e.Name}`", StringComparison.Ordinal)),
            $"{e.Name} is not in the README's variable table"));
    }

    [Fact]
    public void TheComposeOnlyVariablesAreTheComposeFilesAndNotJulias()
    {
        var compose = File.ReadAllText(Path.Combine(Root, "docker-compose.yml"));
        var entries = Entries().Where(e => e.ComposeOnly).ToList();

        Assert.NotEmpty(entries);
        Assert.All(entries, e => Assert.Null(Variable(e.Name)));
        Assert.All(entries, e => Assert.Contains($"${{{e.Name}", compose, StringComparison.Ordinal));
    }

    /// <summary>
    /// A variable with a fixed set of values lists them in its comment, each in backquotes: every one listed is accepted,
    /// and every one accepted is listed (LOG_LEVEL's comment named four of the nine names the code takes).
    /// </summary>
    [Fact]
    public void EachChoiceItsCommentsListIsAcceptedAndEveryAcceptedOneIsListed()
    {
        var choices = Entries().Where(e => Variable(e.Name)?.Kind is ValueKind.Choice or ValueKind.LogLevel).ToList();

        Assert.Equal(EnvironmentVariables.All.Count(v => v.Kind is ValueKind.Choice or ValueKind.LogLevel), choices.Count);
        foreach (var (name, _, comment, _) in choices)
        {
            var variable = Variable(name)!;
            var listed = Quoted().Matches(comment).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.OrdinalIgnoreCase);
            Assert.All(listed, value => Assert.True(ValueValidator.Check(variable, value) is null, $"{name}: its comment offers `{value}`, refused at start-up"));
            var accepted = variable.Kind == ValueKind.LogLevel ? LogLevels.Names : variable.Choices!;
            var unlisted = accepted.Where(a => !listed.Contains(a)).ToList();
            Assert.True(unlisted.Count == 0, $"{name}: accepted but not in its comment: {string.Join(", ", unlisted)}");
        }
    }

    /// <summary>The README's table names every value of a variable with a fixed set (ENVIRONMENT's `staging` and `test` were not).</summary>
    [Fact]
    public void TheReadmeTableNamesEveryChoice()
    {
        var rows = Readme.Split('\n').Where(l => l.StartsWith("| `", StringComparison.Ordinal)).ToList();
        foreach (var variable in EnvironmentVariables.All.Where(v => v.Kind == ValueKind.Choice))
        {
            var row = Assert.Single(rows, r => r.Split(" | ")[0].Contains($"`{variable.Name}`", StringComparison.Ordinal));
            var unnamed = variable.Choices!.Where(c => !row.Contains($"`{c}`", StringComparison.Ordinal)).ToList();
            Assert.True(unnamed.Count == 0, $"README's row of {variable.Name} does not name: {string.Join(", ", unnamed)}");
        }
    }

    /// <summary>`NAME=value` written inside a comment ("Com ENVIRONMENT=production …") is a value start-up accepts.</summary>
    [Fact]
    public void EverySettingItsCommentsMentionIsAccepted()
    {
        var mentioned = Lines.Where(l => l.StartsWith('#')).SelectMany(l => Mention().Matches(l))
            .Select(m => (Name: m.Groups[1].Value, Value: m.Groups[2].Value.TrimEnd('.', ':'))).Where(m => Variable(m.Name) is not null).ToList();

        Assert.NotEmpty(mentioned);
        Assert.All(mentioned, m => Assert.True(ValueValidator.Check(Variable(m.Name)!, m.Value) is null, $"comment offers {m.Name}={m.Value}, refused at start-up"));
    }

    [GeneratedRegex(@"^([A-Z][A-Z0-9_]*)=(.*)$")]
    private static partial Regex Assignment();

    [GeneratedRegex(@"`([^`\s]+)`")]
    private static partial Regex Quoted();

    [GeneratedRegex(@"\b([A-Z][A-Z0-9_]{2,})=([A-Za-z0-9_./:-]+)")]
    private static partial Regex Mention();
}
