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
    [InlineData("447911123456@s.whatsapp.net", "447911123456")] // other countries' numbers WhatsApp delivers stay as they are
    [InlineData("4915112345678@s.whatsapp.net", "4915112345678")]
    [InlineData("5491123456789@s.whatsapp.net", "5491123456789")]
    [InlineData("351912345678@c.us", "351912345678")]
    // A typed number may start with the international prefix 00: the country code follows, nothing is added.
    [InlineData("0055 11 97200-0286", "5511972000286")]
    [InlineData("00551188887777", "5511988887777")]
    [InlineData("0014155550123", "14155550123")]
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

    /// <summary>
    /// Digits nobody's WhatsApp has (an outside fuzzing pass, each one a new doctor): a leading 0 — no country code
    /// starts with it, and a JID carries no dialling prefix — and, for Brazil's 55, a DDD off Anatel's list or a
    /// subscriber that is neither 9 + eight digits nor 2–9 + seven.
    /// </summary>
    [Theory]
    [InlineData("0000000000@s.whatsapp.net")]
    [InlineData("0123456789@s.whatsapp.net")]
    [InlineData("08001234567@s.whatsapp.net")]
    [InlineData("0800 123 4567@s.whatsapp.net")]
    [InlineData("00000000000000@s.whatsapp.net")]
    [InlineData("5500000000000@s.whatsapp.net")]   // DDD 00
    [InlineData("5511000000000@s.whatsapp.net")]   // subscriber 0…
    [InlineData("005511972000286@s.whatsapp.net")] // 00 in a JID: not WhatsApp's form of anybody's number
    [InlineData("0800 123 4567")]                  // typed: 55 + DDD 08
    [InlineData("0000000000")]
    [InlineData("000000000000000")]
    [InlineData("5511812345678")]                  // 13 digits: only a mobile (9…) is that long
    [InlineData("55119720002860")]                 // 55 and 14 digits
    [InlineData("5511972000@s.whatsapp.net")]      // 55 and 10 digits: neither a DDD + number nor 55 + DDD + number
    public void RejectsNumbersNobodyHas(string input) => Assert.Null(PhoneNumbers.Canonical(input));

    /// <summary>Every leading-0 number of every accepted length, as a JID and typed (after a 00 prefix too).</summary>
    [Fact]
    public void NoCanonicalNumberStartsWithZero()
    {
        foreach (var length in Enumerable.Range(10, 6))
            foreach (var second in "0123456789")
            {
                var digits = ("0" + second + "1197200028600")[..length];
                Assert.Null(PhoneNumbers.Canonical(digits + "@s.whatsapp.net"));
                Assert.Null(PhoneNumbers.Canonical(digits + ":3@c.us"));
                Assert.False(PhoneNumbers.Canonical(digits) is { } typed && typed[0] == '0', digits);
                Assert.False(PhoneNumbers.Canonical("00" + digits) is { } prefixed && prefixed[0] == '0', "00" + digits);
            }
    }

    /// <summary>
    /// Each DDD 00–99 with each first subscriber digit, 12 and 13 digits, as a JID, typed and without 55: accepted only
    /// for a DDD of the list and a subscriber of the numbering plan, and then always a 55 number of that form.
    /// </summary>
    [Fact]
    public void ABrazilianNumberHasARealDddAndSubscriber()
    {
        HashSet<string> ddds = ["11", "12", "13", "14", "15", "16", "17", "18", "19", "21", "22", "24", "27", "28", "31", "32", "33", "34", "35", "37",
            "38", "41", "42", "43", "44", "45", "46", "47", "48", "49", "51", "53", "54", "55", "61", "62", "63", "64", "65", "66",
            "67", "68", "69", "71", "73", "74", "75", "77", "79", "81", "82", "83", "84", "85", "86", "87", "88", "89", "91", "92",
            "93", "94", "95", "96", "97", "98", "99"];
        for (var ddd = 0; ddd < 100; ddd++)
            foreach (var first in "0123456789")
                foreach (var rest in new[] { "7200286", "72000286" }) // landline length, mobile length
                {
                    var national = $"{ddd:D2}{first}{rest}";
                    var valid = ddds.Contains($"{ddd:D2}") && (rest.Length == 8 ? first == '9' : first is >= '2' and <= '9');
                    foreach (var input in new[] { "55" + national + "@s.whatsapp.net", "+55 " + national, national, "0055" + national })
                    {
                        var canonical = PhoneNumbers.Canonical(input);
                        if (valid) Assert.True(canonical is { Length: 12 or 13 } && canonical.StartsWith("55" + $"{ddd:D2}"), $"{input} → {canonical}");
                        else Assert.False(canonical?.StartsWith("55", StringComparison.Ordinal) == true, $"{input} → {canonical}");
                    }
                }
    }

    [Theory]
    [InlineData("5531988887777", "553188887777")]
    [InlineData("5511999990001", "551199990001")]
    [InlineData("551133330001", null)]
    [InlineData("5511933330001", null)] // 9 followed by 3: not a legacy mobile form
    public void LegacyVariantDropsTheNinthDigitOfMobiles(string canonical, string? expected) =>
        Assert.Equal(expected, PhoneNumbers.LegacyVariant(canonical));
}
