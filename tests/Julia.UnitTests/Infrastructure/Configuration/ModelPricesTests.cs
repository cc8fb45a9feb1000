using Julia.Infrastructure.Configuration;

namespace Julia.UnitTests.Infrastructure.Configuration;

public sealed class ModelPricesTests
{
    [Fact]
    public void TheDefaultsPriceEachModelFamilyByPrefix()
    {
        var prices = ModelPrices.Read(null);

        Assert.Equal(1m, prices.Find("claude-haiku-4-5-20251001")!.InputPerMillion);
        Assert.Equal(15m, prices.Find("claude-sonnet-4-5-20250929")!.OutputPerMillion);
        Assert.Equal(25m, prices.Find("claude-opus-4-5")!.OutputPerMillion);
        Assert.Null(prices.Find("gpt-4o"));
        // 2 000 input tokens at $3/M + 500 output tokens at $15/M.
        Assert.Equal(0.0135m, prices.Cost("claude-sonnet-4-5", 2_000, 500));
        Assert.Null(prices.Cost("gpt-4o", 2_000, 500));
    }

    [Fact]
    public void TheLongestMatchingEntryWinsAndDecimalsUseAPoint()
    {
        Assert.True(ModelPrices.TryRead(" claude-sonnet = 3/15 ; claude-sonnet-4-5=2.5/12.5,local-model=0/0", out var prices));

        Assert.Equal(2.5m, prices.Find("claude-sonnet-4-5-20250929")!.InputPerMillion);
        Assert.Equal(3m, prices.Find("claude-sonnet-4-20250514")!.InputPerMillion);
        Assert.Equal(0m, prices.Cost("local-model", 1_000_000, 1_000_000));
    }

    [Theory]
    [InlineData("")]
    [InlineData("claude-haiku")]
    [InlineData("claude-haiku=1")]
    [InlineData("claude-haiku=1/5/7")]
    [InlineData("claude-haiku=1,5/5")]
    [InlineData("claude-haiku=-1/5")]
    [InlineData("=1/5")]
    [InlineData("claude-haiku=um/cinco")]
    [InlineData("claude-haiku=1/5,claude-haiku=2/6")]
    public void MalformedListsAreRefused(string text) => Assert.False(ModelPrices.TryRead(text, out _));
}
