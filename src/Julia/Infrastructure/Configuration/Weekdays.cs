namespace Julia.Infrastructure.Configuration;

/// <summary>Parses DIAS_UTEIS: ISO weekdays (1 = Monday … 7 = Sunday) as a range "1-5" or a list "1,2,3".</summary>
internal static class Weekdays
{
    public static bool TryParse(string text, out IReadOnlySet<DayOfWeek> days)
    {
        var set = new HashSet<DayOfWeek>();
        days = set;
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var bounds = part.Split('-', StringSplitOptions.TrimEntries);
            if (bounds.Length is < 1 or > 2) return false;
            if (!int.TryParse(bounds[0], out var from) || !int.TryParse(bounds[^1], out var to)) return false;
            if (from is < 1 or > 7 || to is < 1 or > 7 || to < from) return false;
            for (var d = from; d <= to; d++) set.Add((DayOfWeek)(d % 7));
        }
        return set.Count > 0;
    }
}
