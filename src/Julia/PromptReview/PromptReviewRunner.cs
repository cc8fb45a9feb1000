using Julia.Agent;
using Julia.Conversations;
using Julia.Doctors;
using Julia.Infrastructure.Resilience;
using Julia.Quality;
using Julia.Shifts;
using Microsoft.Extensions.Options;

namespace Julia.PromptReview;

/// <summary>How far a run is: conversations done of the total, and a short pt-BR line about the last one.</summary>
internal sealed record PromptReviewProgress(int Done, int Total, string Line);

/// <summary>
/// `julia avaliar-prompt` (docs/decisions.md#prompt-review): the latest conversations where Júlia answered the doctor,
/// each doctor turn asked again with the candidate persona (<see cref="ReplayAgent"/>, tools read-only), then the judge
/// of the quality score rates the recorded conversation and the replayed one. Reads only: the host of this verb opens
/// read-only database sessions, so even a mistake could not write a row.
/// </summary>
internal sealed partial class PromptReviewRunner(
    ReplayStore store, DoctorStore doctors, DoctorProfileStore profiles, ShiftStore shifts, ReplayAgent agent, QualityJudge judge,
    CircuitBreakers breakers, IOptions<AgentOptions> options, IOptions<ConversationsOptions> conversations, TimeProvider time,
    ILogger<PromptReviewRunner> logger)
{
    public const int DefaultConversations = 50, MaxConversations = 500, TranscriptMessages = QualityJob.TranscriptMessages;

    public bool IsEnabled => agent.IsEnabled && judge.IsEnabled;

    /// <summary>Why nothing can be replayed when <see cref="IsEnabled"/> is false, naming the provider's variables.</summary>
    public string OffReason => agent.OffReason;

    public async Task<PromptReviewResult> RunAsync(string promptPath, string persona, int count, IProgress<PromptReviewProgress> progress, CancellationToken ct)
    {
        var started = time.GetUtcNow();
        var picked = await store.RecentAsync(count, ct);
        var reviews = new List<ConversationReview>();
        string? stopped = null;
        progress.Report(new(0, picked.Count, $"{Infrastructure.Text.PtBrCount.Of(picked.Count, "conversa para reproduzir", "conversas para reproduzir")}"));
        foreach (var (conversaId, medicoId) in picked)
        {
            var review = await ReviewAsync(conversaId, medicoId, persona, ct);
            reviews.Add(review);
            progress.Report(new(reviews.Count, picked.Count, Describe(review)));
            if (review.Skipped is not null) LogSkipped(conversaId, review.Skipped);
            if (breakers.Claude.State == CircuitState.Open)
            {
                stopped = "circuito claude aberto: o modelo falhou seguidamente";
                break;
            }
        }
        return new PromptReviewResult(promptPath, agent.Model, options.Value.ComplexModel, count, started, reviews, stopped);
    }

    async Task<ConversationReview> ReviewAsync(Guid conversaId, Guid medicoId, string persona, CancellationToken ct)
    {
        var (lines, omitted) = await store.LinesAsync(conversaId, TranscriptMessages, ct);
        var turns = RecordedTurn.Split(lines);
        if (turns.Count == 0) return new(conversaId, [], null, null, "nenhuma mensagem do médico respondida pela Júlia");
        var doctor = await doctors.FindByIdAsync(medicoId, ct);
        if (doctor is null) return new(conversaId, [], null, null, "médico não encontrado");
        var profile = await profiles.FindAsync(medicoId, ct);
        // Today's, as the profile (there is no history of them): what a turn of his now would be told he holds and lost.
        var holdings = await shifts.HoldingsAsync(medicoId, ct);
        var ended = await shifts.EndedHoldsAsync(medicoId, ct);

        var replies = new List<ReplayReply>();
        var comparisons = new List<TurnComparison>();
        foreach (var turn in turns)
        {
            var parts = AgentTurnBuilder.PartsOf([.. turn.Doctor.Select(d => d.Inbound!)]);
            // What a live turn answers without asking the model (docs/decisions.md#inbound): the same here, whatever the persona.
            if (parts.Nothing || parts.OnlyPlaceholders)
            {
                var canned = new ReplayReply(parts.Nothing ? turn.OldReply : parts.CannedReply, false, []);
                comparisons.Add(new TurnComparison(turn.Parts, turn.OldReply, canned));
                replies.Add(canned);
                continue;
            }
            var history = await store.HistoryAsync(medicoId, turn.Doctor[0], options.Value.HistoryLimit, ct);
            // message_count as it was then: the doctor's messages so far (older omitted lines only ever make it larger).
            var messageCount = omitted + lines.Take(turn.ReplyStart).Count(l => l.Direction == "entrada");
            var agentTurn = AgentTurnBuilder.Build(doctor, profile, conversaId, messageCount, parts, history, holdings, ended,
                conversations.Value.MaxMessageChars);
            var reply = await agent.RespondAsync(agentTurn, new DateTimeOffset(turn.Doctor[^1].CreatedAt, TimeSpan.Zero), persona, ct);
            comparisons.Add(new TurnComparison(turn.Parts, turn.OldReply, reply));
            if (reply.Unavailable is { } why) return new(conversaId, comparisons, null, null, $"sem resposta do agente: {why}");
            replies.Add(reply);
        }

        var old = await judge.JudgeAsync(conversaId, RecordedTurn.OldTranscript(lines, omitted), ct);
        if (old is not JudgeOutcome.Judged oldVerdict) return new(conversaId, comparisons, null, null, Problem(old));
        var candidate = await judge.JudgeAsync(conversaId, RecordedTurn.NewTranscript(lines, omitted, turns, replies), ct);
        if (candidate is not JudgeOutcome.Judged newVerdict) return new(conversaId, comparisons, null, null, Problem(candidate));
        return new(conversaId, comparisons, oldVerdict.Verdict.Scores, newVerdict.Verdict.Scores, null);
    }

    static string Problem(JudgeOutcome outcome) => outcome switch
    {
        JudgeOutcome.Invalid invalid => $"avaliador sem resposta válida em {QualityJudge.Attempts} tentativas ({invalid.Problem})",
        // The model is up and refused this transcript (400, 413, 422): not "unavailable".
        JudgeOutcome.Refused refused => $"o avaliador recusou esta conversa: {refused.Reason}",
        JudgeOutcome.Failed failed => $"avaliador indisponível: {failed.Reason}",
        _ => "avaliação não concluída",
    };

    static string Describe(ConversationReview r) => r.Judged
        ? $"conversa {r.ConversaId}: {r.Turns.Count} turnos, score_geral {r.Old!.Overall} → {r.New!.Overall}"
        : $"conversa {r.ConversaId}: pulada ({r.Skipped})";

    [LoggerMessage(EventId = 9601, Level = LogLevel.Warning, Message = "Prompt review: conversa {ConversaId} skipped: {Reason}")]
    private partial void LogSkipped(Guid conversaId, string reason);
}
