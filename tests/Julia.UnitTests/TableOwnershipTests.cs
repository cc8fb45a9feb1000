using System.Text.RegularExpressions;

namespace Julia.UnitTests;

/// <summary>
/// Keeps "Who owns what" in docs/architecture.md true: every INSERT, UPDATE or DELETE written in a feature's folder
/// targets a table that feature owns. Another feature's table changes only through SQL its owner builds.
/// </summary>
public sealed partial class TableOwnershipTests
{
    [Fact]
    public void EveryWriteIsInTheFolderOfTheTablesOwner()
    {
        var owners = DocumentedOwners();
        var root = Path.Combine(ArchitectureDocument.RepositoryRoot(), "src", "Julia");
        var problems = new List<string>();

        foreach (var file in Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories).Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")))
        {
            var folder = Path.GetRelativePath(root, file).Split(Path.DirectorySeparatorChar)[0];
            foreach (Match write in Writes().Matches(File.ReadAllText(file)))
            {
                var table = write.Groups["table"].Value;
                if (!owners.TryGetValue(table, out var owner)) problems.Add($"{Path.GetRelativePath(root, file)} writes {table}, which has no owner in docs/architecture.md");
                else if (owner != folder) problems.Add($"{Path.GetRelativePath(root, file)} writes {table}, owned by {owner}");
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems.Distinct()));
    }

    [Fact]
    public void TheOwnershipTableNamesEachTableOnce()
    {
        var rows = ArchitectureDocument.TableRows("| feature | tables (writes) | Redis keys |");

        var tables = rows.SelectMany(r => Tables().Matches(r[1]).Select(m => m.Groups[1].Value)).ToList();

        Assert.NotEmpty(tables);
        Assert.Equal(tables.Distinct().Count(), tables.Count);
    }

    /// <summary>Table → owning folder, from the backticked names of the "tables (writes)" column.</summary>
    static Dictionary<string, string> DocumentedOwners() =>
        ArchitectureDocument.TableRows("| feature | tables (writes) | Redis keys |")
            .SelectMany(r => Tables().Matches(r[1]).Select(m => (Table: m.Groups[1].Value, Owner: r[0])))
            .ToDictionary(x => x.Table, x => x.Owner);

    [GeneratedRegex(@"\b(?:INSERT INTO|UPDATE|DELETE FROM)\s+(?<table>[a-z_]+)\b")]
    private static partial Regex Writes();

    [GeneratedRegex(@"`([a-z_]+)`")]
    private static partial Regex Tables();
}
