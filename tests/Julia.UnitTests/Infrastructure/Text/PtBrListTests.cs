using Julia.Infrastructure.Text;

namespace Julia.UnitTests.Infrastructure.Text;

public sealed class PtBrListTests
{
    [Theory]
    [InlineData(new string[0], "")]
    [InlineData(new[] { "claude" }, "claude")]
    [InlineData(new[] { "chatwoot", "claude" }, "chatwoot e claude")]
    [InlineData(new[] { "chatwoot", "claude", "slack" }, "chatwoot, claude e slack")]
    public void AListEndsWithEAndNotAComma(string[] items, string expected) => Assert.Equal(expected, PtBrList.Join(items));
}
