using Julia.Conversations.Text;
using Julia.Infrastructure.Text;

namespace Julia.UnitTests.Infrastructure.Text;

/// <summary>
/// People's text is cut without cutting a character in two (an audit, 2026-12-03: a cut through an emoji left half of
/// it, which PostgreSQL and System.Text.Json refuse — the opt-out or handoff of a long angry message failed on every try).
/// </summary>
public sealed class TextPrefixTests
{
    const string Emoji = "😡"; // two UTF-16 chars

    static bool Whole(string s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i])) { if (i + 1 >= s.Length || !char.IsLowSurrogate(s[++i])) return false; }
            else if (char.IsLowSurrogate(s[i])) return false;
        }
        return true;
    }

    [Theory]
    [InlineData("abc", 5, "abc")]
    [InlineData("abc", 2, "ab")]
    [InlineData("a" + Emoji, 2, "a")]
    [InlineData("a" + Emoji, 3, "a" + Emoji)]
    [InlineData(Emoji + Emoji, 3, Emoji)]
    public void APrefixNeverEndsInHalfAnEmoji(string text, int max, string expected) => Assert.Equal(expected, TextPrefix.Of(text, max));

    [Theory]
    [InlineData(3_999)] // the 4 000 cut falls inside the emoji
    [InlineData(9_999)] // the 10 000 one
    [InlineData(999)]
    public void AStoredMessageCutAtALimitIsWholeText(int before)
    {
        var text = new string('a', before) + string.Concat(Enumerable.Repeat(Emoji, 30_000));
        var stored = InboundText.Stored(text, "texto", new InboundTextLimits(4_000, 10_000, 50_000));

        Assert.True(Whole(stored));
    }

    [Fact]
    public void AReplyOfEmojisWithoutSpacesIsSplitIntoWholeText()
    {
        var chunks = ReplySplitter.Split("x" + string.Concat(Enumerable.Repeat("🙂👍", 200))); // the 150th char is half an emoji

        Assert.NotEmpty(chunks);
        Assert.All(chunks, c => Assert.True(Whole(c)));
    }
}
