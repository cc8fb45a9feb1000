using Julia.Infrastructure.Text;
using Julia.Infrastructure.Time;

namespace Julia.Conversations.Text;

/// <summary>One chunk of a reply with when its typing starts and how long "digitando…" is shown before it is sent.</summary>
internal sealed record ScheduledChunk(int Sequence, string Text, DateTimeOffset DueAt, TimeSpan Typing);

/// <summary>
/// Human-like timing of a reply (docs/decisions.md#inbound): a read delay measured from the doctor's
/// last message, typing time per chunk, and a gap between chunks. With HUMANIZAR=false every delay is zero.
/// </summary>
internal sealed class ReplySchedule(bool humanize, Random random)
{
    static readonly TimeSpan ReadMin = TimeSpan.FromSeconds(2), ReadMax = TimeSpan.FromSeconds(8);

    public IReadOnlyList<ScheduledChunk> Plan(IReadOnlyList<string> chunks, string inboundText, DateTimeOffset lastInboundAt, DateTimeOffset now)
    {
        var result = new List<ScheduledChunk>(chunks.Count);
        var due = humanize ? Max(now, lastInboundAt + ReadDelay(inboundText, lastInboundAt)) : now;
        for (var i = 0; i < chunks.Count; i++)
        {
            var typing = humanize ? TypingTime.For(chunks[i]) : TimeSpan.Zero;
            result.Add(new ScheduledChunk(i + 1, chunks[i], due, typing));
            if (i + 1 < chunks.Count) due += typing + (humanize ? Gap(chunks[i + 1]) : TimeSpan.Zero);
        }
        return result;
    }

    internal TimeSpan ReadDelay(string inbound, DateTimeOffset at)
    {
        var seconds = 2.0 + 0.3 * PtBrText.WordCount(inbound);
        if (inbound.Contains('?')) seconds += 5;
        if (inbound.Any(char.IsAsciiDigit)) seconds += 3;
        if (inbound.Length > 200) seconds += 5;
        var hour = SaoPaulo.ToLocal(at).Hour;
        seconds *= hour < 9 ? 1.3 : hour is >= 12 and < 14 ? 1.4 : hour >= 18 ? 1.2 : 1.0;
        seconds *= 0.7 + random.NextDouble() * 0.6;
        return Clamp(TimeSpan.FromSeconds(seconds), ReadMin, ReadMax);
    }

    TimeSpan Gap(string next) =>
        TimeSpan.FromSeconds(next.Length > 0 && char.IsLower(next[0]) ? 1 + random.NextDouble() * 2 : 3 + random.NextDouble() * 2);

    static TimeSpan Clamp(TimeSpan v, TimeSpan min, TimeSpan max) => v < min ? min : v > max ? max : v;
    static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
