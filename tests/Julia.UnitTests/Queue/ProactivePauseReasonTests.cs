using Julia.Queue;

namespace Julia.UnitTests.Queue;

/// <summary>
/// docs/decisions.md#rate-limits, "A limit at 0 pauses": which variable holds the follow-ups and campaign sends, as the
/// start-up WARNING and `/health/rate-limit` (`pausado`, `motivo`) say it.
/// </summary>
public sealed class ProactivePauseReasonTests
{
    [Theory]
    [InlineData(20, 100, 50, null)]
    [InlineData(0, 100, 50, "MAX_MSGS_POR_HORA=0")]
    [InlineData(20, 0, 50, "MAX_MSGS_POR_DIA=0")]
    [InlineData(0, 0, 50, "MAX_MSGS_POR_HORA=0, MAX_MSGS_POR_DIA=0")]
    [InlineData(20, 100, 0, null)] // first contacts only: follow-ups and the rest of a campaign still go
    public void ALimitAtZeroIsNamed(int perHour, int perDay, int firstContacts, string? expected)
    {
        var options = new QueueOptions { MaxPerHour = perHour, MaxPerDay = perDay, MaxFirstContactsPerDay = firstContacts };

        Assert.Equal(expected, options.PausedBy());
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("MAX_MSGS_POR_DIA=0", true)]
    public void TheHealthBodyCarriesPausadoAndMotivo(string? pausedBy, bool paused)
    {
        var json = new RateLimitUsage(3, 20, 40, pausedBy is null ? 100 : 0, true, "2026-12-07T10:00:00-03:00", PausedBy: pausedBy).ToJson();

        Assert.Equal(paused, json["pausado"]);
        Assert.Equal(pausedBy, json["motivo"]);
    }
}
