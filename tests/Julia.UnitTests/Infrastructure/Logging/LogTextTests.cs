using System.Globalization;
using Julia.Infrastructure.Logging;

namespace Julia.UnitTests.Infrastructure.Logging;

public sealed class LogTextTests
{
    /// <summary>Every control, format, separator and lone surrogate code unit of the BMP, and the tag characters beyond it.</summary>
    [Fact]
    public void NoInvisibleOrControlCharacterReachesTheLine()
    {
        for (var c = 0; c <= 0xFFFF; c++)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory((char)c);
            if (category is not (UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator
                or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Surrogate)) continue;
            Assert.Equal("ab", LogText.Untrusted($"a{(char)c}b"));
        }
        foreach (var tag in new[] { 0xE0001, 0xE0041, 0xE007F })
            Assert.Equal("ab", LogText.Untrusted("a" + char.ConvertFromUtf32(tag) + "b"));
    }

    [Theory]
    [InlineData("3EB0\u001b[31mFORJADO\u001b[0m", "3EB0[31mFORJADO[0m")]    // ANSI colours
    [InlineData("abc\b\b\bxyz\u000b\u000c", "abcxyz")]                      // backspace, vertical tab, form feed
    [InlineData("id\r\nWARNING forjado\u2028ERROR", "idWARNING forjadoERROR")]
    [InlineData("\u202Egnp.exe\u200B\uFEFF", "gnp.exe")]
    [InlineData("Dra. Ana 🩺 Conceição", "Dra. Ana 🩺 Conceição")]        // letters, accents and emoji stay
    [InlineData("open", "open")]
    public void ControlAndFormatCharactersAreDropped(string input, string expected) => Assert.Equal(expected, LogText.Untrusted(input));

    [Theory]
    [InlineData("5511999990001", "55119999*****")]                    // as PhoneMask shows it
    [InlineData("5511999990001@s.whatsapp.net", "55119999*****@s.whatsapp.net")]
    [InlineData("x@5511999990024", "x@55119999*****")]
    [InlineData("+55 (11) 99999-0001", "+55 (11) 9999*-****")]
    [InlineData("1199990001", "119999****")]                          // never its last 4
    [InlineData("99990001", "9999****")]
    [InlineData("５５１１９９９９９０００１", "５５１１９９９９*****")]     // any script's digits
    [InlineData("3EB0A1B2C3D4E5F6", "3EB0A1B2C3D4E5F6")]              // an id's short digit runs stay
    [InlineData("1234567", "1234567")]
    public void RunsOfEightOrMoreDigitsAreMaskedLikeAPhone(string input, string expected) => Assert.Equal(expected, LogText.Untrusted(input));

    /// <summary>However a number is hidden in a value — any length, any place, the cut going through it — at most 8 of its digits show.</summary>
    [Fact]
    public void NoRunOfDigitsShowsMoreThanEightOrItsLastFour()
    {
        var random = new Random(7);
        for (var n = 0; n < 2_000; n++)
        {
            var number = string.Concat(Enumerable.Range(0, random.Next(8, 30)).Select(_ => (char)('0' + random.Next(10))));
            var input = new string('x', random.Next(0, 80)) + number + new string('y', random.Next(0, 5));
            var shown = LogText.Untrusted(input);
            var visible = string.Concat(shown.Where(char.IsDigit));
            Assert.True(visible.Length <= Math.Min(8, number.Length - 4), $"{input} → {shown}");
        }
    }

    [Fact]
    public void TheLengthIsBoundedWhateverTheInput()
    {
        Assert.Equal(LogText.MaxChars + 1, LogText.Untrusted(new string('é', 1_000_000)).Length);
        Assert.EndsWith("…", LogText.Untrusted(new string('é', 1_000_000)));
        Assert.EndsWith("a…", LogText.Untrusted(new string('\u200B', 200) + new string('a', 1_000)));
        Assert.Equal(LogText.MaxChars + 1, LogText.Untrusted(string.Concat(Enumerable.Repeat("🧨", 1_000))).Length); // a pair is never cut
        Assert.Equal(10, LogText.Untrusted("a\u0007b\u0007c\u0007d\u0007e\u0007f\u0007g\u0007h\u0007i\u0007j", 20).Length);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("\u0000\u001b\u202E")]
    public void NothingLeftIsADash(string? input) => Assert.Equal("-", LogText.Untrusted(input));
}
