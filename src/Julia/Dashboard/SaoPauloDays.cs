using Julia.Infrastructure.Time;

namespace Julia.Dashboard;

/// <summary>
/// A run of whole São Paulo days as the instants SQL compares with: [<see cref="From"/>, <see cref="To"/>). The last day
/// may be today, then <see cref="To"/> is now.
/// </summary>
internal sealed record SaoPauloDays(DateOnly First, DateOnly Last, DateTimeOffset From, DateTimeOffset To)
{
    public int Count => Last.DayNumber - First.DayNumber + 1;

    public static DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(SaoPaulo.ToLocal(now).DateTime);

    /// <summary>The last <paramref name="days"/> days up to now, today included.</summary>
    public static SaoPauloDays EndingNow(int days, DateTimeOffset now)
    {
        var today = Today(now);
        var first = today.AddDays(-(days - 1));
        return new SaoPauloDays(first, today, StartOf(first), now);
    }

    /// <summary>One whole day, midnight to midnight São Paulo time.</summary>
    public static SaoPauloDays Whole(DateOnly day) => new(day, day, StartOf(day), StartOf(day.AddDays(1)));

    /// <summary>Midnight of a São Paulo day as an instant.</summary>
    public static DateTimeOffset StartOf(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, SaoPaulo.Zone), TimeSpan.Zero);
    }
}
