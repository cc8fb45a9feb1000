using System.Globalization;
using Julia.Shifts;

namespace Julia.UnitTests.Shifts;

/// <summary>
/// What the agent and the doctor read is written the Brazilian way whatever the host's locale: a culture-sensitive
/// `dd/MM` prints the locale's date separator ("05.12" under de-DE, found by an audit).
/// </summary>
public sealed class ShiftDescriptionCultureTests
{
    [Theory]
    [InlineData("de-DE")]
    [InlineData("fi-FI")]
    [InlineData("pt-BR")]
    public void AShiftIsDescribedWithSlashesAndColonsUnderAnyLocale(string culture)
    {
        var before = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            var shift = new Shift(Guid.Empty, Guid.Empty, Guid.Empty, "Hospital Sul", "Santo André", null, new DateOnly(2026, 12, 5),
                new TimeOnly(19, 0), new TimeOnly(7, 0), "noturno", null, null, 1800, "fixo", null, null, "normal", "aberta");

            var line = shift.Describe();

            Assert.Contains("sábado 05/12 | noturno 19:00–07:00", line);
        }
        finally { CultureInfo.CurrentCulture = before; }
    }
}
