using Julia.Quality;

namespace Julia.PromptReview;

/// <summary>
/// A doctor turn of a recorded conversation: consecutive messages of the doctor and the Júlia reply that answered them
/// (one or more `saida`/`julia` rows: a reply is sent in chunks). Lines are indexes into the conversation's lines.
/// </summary>
internal sealed record RecordedTurn(IReadOnlyList<RecordedLine> Doctor, int ReplyStart, int ReplyEnd, string OldReply)
{
    public IReadOnlyList<string> Parts => [.. Doctor.Select(d => d.Text)];

    /// <summary>
    /// The turns Júlia answered, in order. Doctor messages answered by the system (holding message, handoff transition)
    /// or by a person of the team are not replayed: the candidate prompt would not have been asked either.
    /// </summary>
    public static IReadOnlyList<RecordedTurn> Split(IReadOnlyList<RecordedLine> lines)
    {
        var turns = new List<RecordedTurn>();
        var pending = new List<RecordedLine>();
        var i = 0;
        while (i < lines.Count)
        {
            var line = lines[i];
            if (line.Direction == "entrada") { pending.Add(line); i++; continue; }
            if (line.AuthorType != "julia" || pending.Count == 0) { pending.Clear(); i++; continue; }
            var start = i;
            while (i < lines.Count && lines[i].Direction == "saida" && lines[i].AuthorType == "julia") i++;
            var reply = string.Join('\n', lines.Skip(start).Take(i - start).Select(l => l.Content?.Trim()).Where(t => !string.IsNullOrEmpty(t)));
            turns.Add(new RecordedTurn([.. pending], start, i, reply));
            pending.Clear();
        }
        return turns;
    }

    /// <summary>The judge's transcript of the recorded conversation.</summary>
    public static string OldTranscript(IReadOnlyList<RecordedLine> lines, int omitted) =>
        QualityTranscript.Build([.. lines.Select(ToTranscript)], omitted);

    /// <summary>The same conversation with each replayed turn's recorded reply replaced by the candidate's.</summary>
    public static string NewTranscript(IReadOnlyList<RecordedLine> lines, int omitted, IReadOnlyList<RecordedTurn> turns, IReadOnlyList<ReplayReply> replies)
    {
        var result = new List<TranscriptLine>();
        var next = 0;
        for (var t = 0; t < turns.Count; t++)
        {
            for (; next < turns[t].ReplyStart; next++) result.Add(ToTranscript(lines[next]));
            var reply = replies[t];
            result.Add(new TranscriptLine("saida", reply.Automatic ? "sistema" : "julia", "texto", reply.Text));
            next = turns[t].ReplyEnd;
        }
        for (; next < lines.Count; next++) result.Add(ToTranscript(lines[next]));
        return QualityTranscript.Build(result, omitted);
    }

    static TranscriptLine ToTranscript(RecordedLine l) => new(l.Direction, l.AuthorType, l.Kind, l.Content);
}
