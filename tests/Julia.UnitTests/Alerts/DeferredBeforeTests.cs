using Julia.Alerts;
using Julia.Infrastructure.Time;
using Microsoft.Extensions.Options;

namespace Julia.UnitTests.Alerts;

/// <summary>
/// `sem_respostas` and the opening: with RESPONDER_FORA_HORARIO=false the messages written before 08:00 are answered over
/// its first 15 min, so until then (and the reply's grace) they await nothing (an audit, 2026-12-03: a page every morning).
/// </summary>
public sealed class DeferredBeforeTests
{
    static readonly BusinessHours Hours = new(Options.Create(new BusinessHoursOptions()));
    static readonly DateTimeOffset Opening = DateTimeOffset.Parse("2026-12-02T08:00:00-03:00");   // a Wednesday, São Paulo

    [Theory]
    [InlineData(0, true)]
    [InlineData(10, true)]
    [InlineData(16, true)]    // the last stagger and the reply's 2 min grace
    [InlineData(18, false)]
    [InlineData(-30, false)]  // before the opening: the alerts of the night are another matter
    public void TheNightsMessagesWaitOnPurposeUntilTheStaggerEnds(int minutesAfterOpening, bool deferred) =>
        Assert.Equal(deferred ? Opening : null, AlertRules.DeferredBefore(Opening.AddMinutes(minutesAfterOpening), Hours, answerOutsideBusinessHours: false));

    [Fact]
    public void AnsweringAtNightDefersNothing() =>
        Assert.Null(AlertRules.DeferredBefore(Opening.AddMinutes(5), Hours, answerOutsideBusinessHours: true));
}
