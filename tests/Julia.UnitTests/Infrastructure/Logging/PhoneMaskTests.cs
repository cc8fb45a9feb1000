using Julia.Infrastructure.Logging;

namespace Julia.UnitTests.Infrastructure.Logging;

public sealed class PhoneMaskTests
{
    [Theory]
    [InlineData("5511999990001", "55119999*****")]
    [InlineData("5511999990001@s.whatsapp.net", "55119999*****@s.whatsapp.net")]
    [InlineData("551133330001", "55113333****")]
    [InlineData("1234", "1234")]
    [InlineData(null, "-")]
    public void DigitsAfterTheEighthAreMasked(string? input, string expected) => Assert.Equal(expected, PhoneMask.Mask(input));
}
