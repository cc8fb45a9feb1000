using Julia.Infrastructure.Logging;

namespace Julia.UnitTests.Infrastructure.Logging;

public sealed class PhoneMaskTests
{
    [Theory]
    [InlineData("5511999990001", "55119999*****")]
    [InlineData("5511999990001@s.whatsapp.net", "55119999*****@s.whatsapp.net")]
    [InlineData("551133330001", "55113333****")]
    [InlineData("1234", "1234")]
    [InlineData("x@5511999990024", "x@55119999*****")] // a hostile address hides the number after the '@'
    [InlineData("100000000000002@lid", "10000000*******@lid")]
    [InlineData("５５１１９９９９９０００１@s.whatsapp.net", "５５１１９９９９*****@s.whatsapp.net")] // full-width digits
    [InlineData(null, "-")]
    public void DigitsAfterTheEighthAreMasked(string? input, string expected) => Assert.Equal(expected, PhoneMask.Mask(input));
}
