using Julia.Shifts;

namespace Julia.UnitTests.Shifts;

public sealed class ShiftCatalogFilterTests
{
    static Shift S(string hospital, Guid hospitalId, int day, string setor = "UTI", int valor = 2000, string start = "07:00", string end = "19:00") => new(
        Guid.NewGuid(), Guid.Empty, hospitalId, hospital, "Santo André", "ABC", new DateOnly(2026, 11, day), TimeOnly.Parse(start), TimeOnly.Parse(end),
        "diurno", setor, Guid.NewGuid(), valor, "fixo", null, null, "normal", "aberta");

    [Fact]
    public void BlockedHospitalsBySectorOrNameMinimumPayAndClashesAreFilteredOut()
    {
        var blockedId = Guid.NewGuid();
        var open = new[]
        {
            S("Hospital Bloqueado", blockedId, 26),
            S("Hospital Bom", Guid.NewGuid(), 26, setor: "PS"),
            S("Hospital Barato", Guid.NewGuid(), 27, valor: 900),
            S("Hospital Noite", Guid.NewGuid(), 28, start: "19:00", end: "07:00"),
            S("Hospital Certo", Guid.NewGuid(), 29),
        };
        var holding = S("Já tenho", Guid.NewGuid(), 29, start: "01:00", end: "06:00"); // inside the night of the 28th, before the 29th's day shift
        var search = new ShiftSearch(Guid.Empty, ValorMinimo: 1500, BlockedHospitals: [blockedId.ToString()], BlockedSectors: ["ps"]);

        var result = ShiftCatalog.Filter(open, search, [holding]);

        Assert.Equal(["Hospital Certo"], result.Select(s => s.Hospital));
    }

    [Fact]
    public void ANightShiftEndsTheNextMorning()
    {
        var night = S("N", Guid.NewGuid(), 28, start: "19:00", end: "07:00");
        Assert.Equal(new DateTime(2026, 11, 29, 7, 0, 0), night.Window.End);
    }
}

/// <summary>`buscar_vagas`'s period: by the period's name in the words a model uses, or by the hours of a shift without one.</summary>
public sealed class ShiftPeriodTests
{
    static Shift S(string? periodo, string? start, string? end) => new(
        Guid.NewGuid(), Guid.Empty, Guid.NewGuid(), "H", "Santo André", "ABC", new DateOnly(2026, 11, 28),
        start is null ? null : TimeOnly.Parse(start), end is null ? null : TimeOnly.Parse(end), periodo, "UTI", null, 2000, "fixo", null, null, "normal", "aberta");

    [Theory]
    [InlineData(null, "19:00", "07:00", "noturno", true)]
    [InlineData(null, "19:00", "07:00", "noite", true)]
    [InlineData(null, "19:00", "07:00", "diurno", false)]
    [InlineData(null, "07:00", "19:00", "diurno", true)]
    [InlineData(null, "07:00", "19:00", "noturno", false)]
    [InlineData(null, "07:00", "13:00", "manhã", true)]
    [InlineData(null, "07:00", "13:00", "diurno", true)]     // "de dia" takes a morning
    [InlineData(null, "13:00", "19:00", "tarde", true)]
    [InlineData(null, "13:00", "19:00", "noturno", false)]
    [InlineData(null, "07:00", "07:00", "24h", true)]
    [InlineData(null, "07:00", "07:00", "plantão de 24 horas", true)]
    [InlineData(null, "07:00", "07:00", "noturno", false)]
    [InlineData(null, "22:00", "06:00", "madrugada", true)]
    [InlineData("noturno", "19:00", "07:00", "noite", true)]
    [InlineData("Noturno 12h", null, null, "noturno", true)]
    [InlineData("manhã", "07:00", "13:00", "tarde", false)]
    [InlineData("24h", "07:00", "07:00", "24h", true)]
    [InlineData(null, null, null, "noturno", false)]          // nothing to tell it by
    [InlineData("cinderela", "19:00", "01:00", "cinderela", true)] // an unknown period word: its very name, as before
    [InlineData("cinderela", "19:00", "01:00", "coruja", false)]
    public void APeriodIsFoundByItsNameOrItsHours(string? periodo, string? start, string? end, string asked, bool found) =>
        Assert.Equal(found, ShiftPeriod.Matches(S(periodo, start, end), asked));

    [Fact]
    public void AShiftWithoutAPeriodIsDescribedWithItsHoursAlone() =>
        Assert.Contains("| sábado 28/11 | 13:00–23:00, UTI |", S(null, "13:00", "23:00").Describe());
}
