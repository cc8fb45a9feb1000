using Julia.Quality;

namespace Julia.PromptReview;

/// <summary>One replayed doctor turn: what he wrote, the recorded reply and the candidate's.</summary>
internal sealed record TurnComparison(IReadOnlyList<string> Doctor, string OldReply, ReplayReply NewReply);

/// <summary>A conversation replayed and judged twice, or skipped (<see cref="Skipped"/> says why).</summary>
internal sealed record ConversationReview(Guid ConversaId, IReadOnlyList<TurnComparison> Turns, QualityScores? Old, QualityScores? New, string? Skipped)
{
    public bool Judged => Old is not null && New is not null;
    public int Delta => New!.Overall - Old!.Overall;
}

/// <summary>A whole run of `julia avaliar-prompt`.</summary>
internal sealed record PromptReviewResult(
    string PromptPath, string Model, string JudgeModel, int Requested, DateTimeOffset StartedAt,
    IReadOnlyList<ConversationReview> Conversations, string? StoppedBecause)
{
    public const int WorstShown = 10;

    /// <summary>The four criteria and score_geral, as the report and the summary list them.</summary>
    public static readonly string[] Rows = [.. QualityScores.Criteria, "score_geral"];

    public IReadOnlyList<ConversationReview> Judged => [.. Conversations.Where(c => c.Judged)];
    public IReadOnlyList<ConversationReview> Skipped => [.. Conversations.Where(c => !c.Judged)];

    /// <summary>Stopped early, or there were conversations and not one could be compared: exit code 1.</summary>
    public bool Failed => StoppedBecause is not null || (Judged.Count == 0 && Conversations.Count > 0);

    /// <summary>Mean old and new score of a row over the judged conversations; null when none was judged.</summary>
    public (double Old, double New)? Mean(string row)
    {
        var judged = Judged;
        if (judged.Count == 0) return null;
        return (judged.Average(c => Score(c.Old!, row)), judged.Average(c => Score(c.New!, row)));
    }

    /// <summary>The judged conversations that lost most score_geral first (ties: most criteria points lost).</summary>
    public IReadOnlyList<ConversationReview> WorstRegressions => [.. Judged
        .OrderBy(c => c.Delta).ThenBy(c => QualityScores.Criteria.Sum(r => Score(c.New!, r) - Score(c.Old!, r))).ThenBy(c => c.ConversaId)
        .Take(WorstShown)];

    public static int Score(QualityScores s, string row) => row switch
    {
        "naturalidade" => s.Naturalidade,
        "persona" => s.Persona,
        "objetivo" => s.Objetivo,
        "satisfacao" => s.Satisfacao,
        _ => s.Overall,
    };
}
