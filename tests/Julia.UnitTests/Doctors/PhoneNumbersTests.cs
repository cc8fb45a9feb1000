using Julia.Doctors;

namespace Julia.UnitTests.Doctors;

public sealed class PhoneNumbersTests
{
    [Theory]
    [InlineData("5511999990001@s.whatsapp.net", "5511999990001")]
    [InlineData("+55 (11) 99999-0001", "5511999990001")]
    [InlineData("11999990001", "5511999990001")]
    [InlineData("5511999990001:12@s.whatsapp.net", "5511999990001")]
    [InlineData("553188887777@s.whatsapp.net", "5531988887777")] // mobile registered without the 9
    [InlineData("551188887777", "5511988887777")]
    [InlineData("551133330001", "551133330001")]               // landline keeps 12 digits
    [InlineData("1133330001", "551133330001")]
    // SPEC: 10–11 digits get 55, in a WhatsApp address too when they read as a DDD and a number…
    [InlineData("11987654321@s.whatsapp.net", "5511987654321")]
    [InlineData("2133330001@s.whatsapp.net", "552133330001")]
    [InlineData("5188887777@s.whatsapp.net", "5551988887777")]  // old 8-digit mobile: 55 and then the 9th digit
    [InlineData("51912340000@s.whatsapp.net", "5551912340000")] // Peru's 51 9… reads as Porto Alegre's: as specified
    // …and a JID that cannot be Brazilian is a foreign number with its own country code: a US number is not a DDD 14.
    [InlineData("14155550123@s.whatsapp.net", "14155550123")]
    [InlineData("14155550123@c.us", "14155550123")]
    [InlineData("20912345678@s.whatsapp.net", "20912345678")]   // 20 is no DDD (Egypt's code)
    public void NormalisesToTheCanonicalForm(string input, string expected) =>
        Assert.Equal(expected, PhoneNumbers.Canonical(input));

    [Theory]
    [InlineData("99990001")]
    [InlineData("100000000000002@lid")]
    [InlineData("120363000000000001@g.us")]
    [InlineData("5511999990001@s.whatsapp.net@s.whatsapp.net")] // two addresses glued together are neither
    [InlineData("5511999990001@c.us@s.whatsapp.net")]
    [InlineData("")]
    [InlineData(null)]
    public void RejectsWhatIsNotAPhone(string? input) => Assert.Null(PhoneNumbers.Canonical(input));

    [Theory]
    [InlineData("5531988887777", "553188887777")]
    [InlineData("5511999990001", "551199990001")]
    [InlineData("551133330001", null)]
    [InlineData("5511933330001", null)] // 9 followed by 3: not a legacy mobile form
    public void LegacyVariantDropsTheNinthDigitOfMobiles(string canonical, string? expected) =>
        Assert.Equal(expected, PhoneNumbers.LegacyVariant(canonical));
}
