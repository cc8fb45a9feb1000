namespace Julia.Infrastructure.Database;

/// <summary>SQL files compiled into the assembly: Migrations/NNNN_*.sql and DemoData/*.sql.</summary>
internal static class EmbeddedSql
{
    internal sealed record Script(string Name, string Sql);

    public static IEnumerable<Script> Migrations() => Load(".Migrations.");

    public static Script Single(string fileName) =>
        Load(".").FirstOrDefault(s => s.Name == fileName) ?? throw new InvalidOperationException($"Embedded SQL {fileName} not found");

    static IEnumerable<Script> Load(string folderMarker)
    {
        var assembly = typeof(EmbeddedSql).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.EndsWith(".sql", StringComparison.Ordinal) && n.Contains(folderMarker, StringComparison.Ordinal))
            .Select(n =>
            {
                using var stream = assembly.GetManifestResourceStream(n)!;
                using var reader = new StreamReader(stream);
                var withoutExtension = n[..^4];
                var name = withoutExtension[(withoutExtension.LastIndexOf('.') + 1)..] + ".sql";
                return new Script(name, reader.ReadToEnd());
            })
            .OrderBy(s => s.Name, StringComparer.Ordinal)
            .ToList();
    }
}
