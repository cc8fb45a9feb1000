using Julia.Infrastructure.Configuration;
using Microsoft.Extensions.Logging;

namespace Julia.UnitTests.Infrastructure.Configuration;

public sealed class LogLevelsTests
{
    [Theory]
    [InlineData("DEBUG", LogLevel.Debug)]
    [InlineData("INFO", LogLevel.Information)]
    [InlineData("info", LogLevel.Information)]
    [InlineData("WARNING", LogLevel.Warning)]
    [InlineData("WARN", LogLevel.Warning)]
    [InlineData("ERROR", LogLevel.Error)]
    [InlineData("CRITICAL", LogLevel.Critical)]
    [InlineData("FATAL", LogLevel.Critical)] // Python's logging alias of CRITICAL: the reference's setting keeps working
    [InlineData("fatal", LogLevel.Critical)]
    public void OperatorNamesMapToDotNetLevels(string name, LogLevel expected)
    {
        Assert.True(LogLevels.TryParse(name, out var level));
        Assert.Equal(expected, level);
    }

    [Fact]
    public void UnknownNamesAreRefused() => Assert.False(LogLevels.TryParse("VERBOSE", out _));
}
