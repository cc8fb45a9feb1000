using Julia.Jobs;

namespace Julia.Quality;

/// <summary>
/// `qualidade` — daily 02:00 (São Paulo), also `POST /jobs/qualidade`: up to 50 `completed` conversations without an
/// `auto` evaluation go to the judge, one at a time — half the newest, half the longest waiting (none starves behind
/// busy nights). Two invalid answers skip a conversation (WARNING; it is tried again
/// another night); a failed call stops the batch, so a provider in trouble is not hammered 50 times. Reruns are harmless:
/// the partial unique index keeps one `auto` row per conversation.
/// </summary>
internal sealed partial class QualityJob(QualityStore store, QualityJudge judge, ILogger<QualityJob> logger) : IJob
{
    public const int BatchSize = 50, TranscriptMessages = 200;

    public string Name => "qualidade";
    public JobSchedule Schedule => new(DailyAt: new TimeOnly(2, 0));

    public async Task<string> RunAsync(CancellationToken ct)
    {
        if (!judge.IsEnabled)
        {
            LogAgentOff();
            return $"{judge.OffReason}: nenhuma conversa avaliada";
        }
        var pending = await store.PendingAsync(BatchSize, ct);
        int evaluated = 0, skipped = 0;
        for (var i = 0; i < pending.Count; i++)
        {
            var conversaId = pending[i];
            var (lines, omitted) = await store.TranscriptAsync(conversaId, TranscriptMessages, ct);
            switch (await judge.JudgeAsync(conversaId, QualityTranscript.Build(lines, omitted), ct))
            {
                case JudgeOutcome.Judged judged:
                    if (await store.InsertAutoAsync(conversaId, judged.Verdict, judged.Model, ct)) evaluated++;
                    LogEvaluated(conversaId, judged.Verdict.Scores.Overall, judged.Attempts);
                    break;
                case JudgeOutcome.Invalid invalid:
                    skipped++;
                    LogSkipped(conversaId, QualityJudge.Attempts, invalid.Problem);
                    break;
                case JudgeOutcome.Refused refused:
                    skipped++;
                    LogRefused(conversaId, refused.Reason);
                    break;
                case JudgeOutcome.Failed failed:
                    LogStopped(failed.Reason, pending.Count - i);
                    return $"{Summary(evaluated, skipped)}; interrompido ({failed.Reason}): {Infrastructure.Text.PtBrCount.Of(pending.Count - i, "conversa fica", "conversas ficam")} para a próxima execução";
            }
        }
        return Summary(evaluated, skipped);
    }

    static string Summary(int evaluated, int skipped) =>
        $"{Infrastructure.Text.PtBrCount.Of(evaluated, "conversa avaliada", "conversas avaliadas")}, {Infrastructure.Text.PtBrCount.Of(skipped, "pulada", "puladas")} (resposta inválida do avaliador ou pedido recusado pelo modelo)";

    [LoggerMessage(EventId = 9511, Level = LogLevel.Information, Message = "Quality job: the agent is off (no model to ask), nothing evaluated")]
    private partial void LogAgentOff();

    [LoggerMessage(EventId = 9512, Level = LogLevel.Information, Message = "Quality: conversa {ConversaId} scored {ScoreGeral} (attempt {Attempt})")]
    private partial void LogEvaluated(Guid conversaId, int scoreGeral, int attempt);

    [LoggerMessage(EventId = 9513, Level = LogLevel.Warning, Message = "Quality: conversa {ConversaId} skipped, no valid evaluation after {Attempts} answers: {Problem}")]
    private partial void LogSkipped(Guid conversaId, int attempts, string problem);

    [LoggerMessage(EventId = 9518, Level = LogLevel.Warning, Message = "Quality: conversa {ConversaId} skipped, the model refused its request: {Reason}")]
    private partial void LogRefused(Guid conversaId, string reason);

    [LoggerMessage(EventId = 9514, Level = LogLevel.Warning, Message = "Quality job stopped: {Reason}; {Remaining} conversations left for the next run")]
    private partial void LogStopped(string reason, int remaining);
}
