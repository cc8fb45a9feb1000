using Julia.Quality;

namespace Julia.UnitTests.Quality;

public sealed class QualityScoresTests
{
    [Theory]
    [InlineData(7, 8, 6, 9, 8)]   // 7.5: half away from zero
    [InlineData(6, 7, 6, 7, 7)]   // 6.5
    [InlineData(7, 7, 7, 8, 7)]   // 7.25
    [InlineData(7, 8, 8, 8, 8)]   // 7.75
    [InlineData(1, 1, 1, 2, 1)]   // 1.25
    [InlineData(10, 10, 10, 9, 10)]
    public void TheOverallScoreIsTheRoundedMeanHalfAwayFromZero(int n, int p, int o, int s, int overall) =>
        Assert.Equal(overall, new QualityScores(n, p, o, s).Overall);
}
