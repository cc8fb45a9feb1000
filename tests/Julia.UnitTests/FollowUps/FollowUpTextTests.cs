using Julia.FollowUps;
using Julia.Shifts;

namespace Julia.UnitTests.FollowUps;

/// <summary>
/// What the follow-ups say. FU2 names a shift; one without a period (periodo_id is optional) read
/// "sexta-feira 12/12, , R$ 2.500" (an audit of what people read, 2026-12-04).
/// </summary>
public sealed class FollowUpTextTests
{
    static Shift Shift(string? period, TimeOnly? start, TimeOnly? end) =>
        new(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "Hospital Certo", "Santo André", "ABC", new DateOnly(2025, 12, 12),
            start, end, period, null, null, 2500, "fixo", null, null, "normal", "aberta");

    [Theory]
    [InlineData("noturno", 19, 7, "Oi Dra. Lia! Surgiu um plantão que pode te interessar: Hospital Certo (Santo André), sexta-feira 12/12, noturno, R$ 2.500. Quer que eu te conte mais?")]
    [InlineData(null, 7, 19, "Oi Dra. Lia! Surgiu um plantão que pode te interessar: Hospital Certo (Santo André), sexta-feira 12/12, 07:00–19:00, R$ 2.500. Quer que eu te conte mais?")]
    [InlineData(" ", null, null, "Oi Dra. Lia! Surgiu um plantão que pode te interessar: Hospital Certo (Santo André), sexta-feira 12/12, R$ 2.500. Quer que eu te conte mais?")]
    public void TheSecondFollowUpNamesTheShiftWithoutEmptyParts(string? period, int? start, int? end, string expected) =>
        Assert.Equal(expected, FollowUpJob.Text("fu2", "Oi Dra. Lia",
            Shift(period, start is { } s ? new TimeOnly(s, 0) : null, end is { } e ? new TimeOnly(e, 0) : null)));

    [Fact]
    public void EveryStepReadsWithoutAName()
    {
        foreach (var step in new[] { "fu1", "fu2", "fu3" })
        {
            var text = FollowUpJob.Text(step, "Oi", null);
            Assert.StartsWith("Oi", text);
            Assert.DoesNotContain("{", text);
            Assert.DoesNotContain(" ,", text);
            Assert.DoesNotContain("  ", text);
        }
    }
}
