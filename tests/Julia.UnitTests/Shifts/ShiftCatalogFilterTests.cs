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
