using Julia.Infrastructure.Text;

namespace Julia.UnitTests.Infrastructure.Text;

public sealed class PtBrCountTests
{
    [Theory]
    [InlineData(0L, "0 avaliações")]
    [InlineData(1L, "1 avaliação")]
    [InlineData(2L, "2 avaliações")]
    [InlineData(1234L, "1.234 avaliações")]
    [InlineData(null, "- avaliações")]
    public void OneIsSingularEveryOtherCountPlural(long? count, string expected) =>
        Assert.Equal(expected, PtBrCount.Of(count, "avaliação", "avaliações"));
}
