using Julia.Agent;
using Julia.Infrastructure.Resilience;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace Julia.Quality;

/// <summary>What the judge made of one conversation.</summary>
internal abstract record JudgeOutcome
{
    public sealed record Judged(QualityVerdict Verdict, string Model, int Attempts) : JudgeOutcome;

    /// <summary>Two answers that were not a valid evaluation: the conversation is skipped this time.</summary>
    public sealed record Invalid(string Problem) : JudgeOutcome;

    /// <summary>
    /// The model refused this conversation's request (400, 413, 422 — a transcript longer than its context window): a fault
    /// of this input, not of the provider — the conversation is skipped and the batch goes on.
    /// </summary>
    public sealed record Refused(string Reason) : JudgeOutcome;

    /// <summary>The model could not be asked (call failed, circuit open): the batch stops.</summary>
    public sealed record Failed(string Reason) : JudgeOutcome;
}

/// <summary>
/// The evaluator model (LLM_MODEL_COMPLEX) through the agent's <see cref="IChatClient"/>, behind the same claude breaker:
/// the prompt of Prompts/avaliador.md plus the transcript; an answer that is not a valid evaluation gets one more try,
/// told what was wrong. No IChatClient (the agent is off: no model to ask) means the judge is off.
/// </summary>
internal sealed partial class QualityJudge(
    IOptions<AgentOptions> options, CircuitBreakers breakers, ModelRefusal refusal, ILogger<QualityJudge> logger, IChatClient? chat = null)
{
    public const int Attempts = 2, MaxOutputTokens = 500; // docs/decisions.md#quality: 500 for the evaluator

    static readonly string Prompt = LoadPrompt();

    public bool IsEnabled => chat is not null && options.Value.Enabled;

    /// <summary>Why the judge is off, when it is.</summary>
    public string OffReason => options.Value.OffReason;

    public async Task<JudgeOutcome> JudgeAsync(Guid conversaId, string transcript, CancellationToken ct)
    {
        if (chat is null) return new JudgeOutcome.Failed(options.Value.OffReason);
        var model = options.Value.ComplexModel;
        var chatOptions = new ChatOptions { ModelId = model, MaxOutputTokens = MaxOutputTokens, Temperature = 0f };
        List<ChatMessage> messages =
        [
            new(ChatRole.System, Prompt),
            new(ChatRole.User, $"Transcrição da conversa:\n<transcricao>\n{transcript}</transcricao>\n\nResponda só com o JSON."),
        ];
        var problem = "";
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            if (!breakers.Claude.TryEnter()) return new JudgeOutcome.Failed("circuito claude aberto");
            ChatResponse response;
            try
            {
                response = await chat.GetResponseAsync(messages, chatOptions, ct);
                breakers.Claude.RecordSuccess();
                await refusal.ClearAsync();
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                var reason = AgentModelCall.Describe(ex);
                if (AgentModelCall.IsRequestFault(ex))
                {
                    // The model answered, refusing this transcript: it is up, and the next conversation may pass. Stopping
                    // the batch here stopped it at the same conversation every night — it keeps its place first in the
                    // longest-waiting half — and no conversation behind it was ever judged (docs/decisions.md#quality).
                    breakers.Claude.RecordSuccess();
                    LogRequestRefused(conversaId, reason, ex.GetType().Name);
                    return new JudgeOutcome.Refused(reason);
                }
                // The provider refusing the key or the account is said as the reply path says it: the breaker opens at once
                // (`circuito_aberto` names the refusal) and Redis `agente:recusa` makes health say it — at 02:00 the nightly
                // judge is often the first call of the night to meet a revoked key (docs/decisions.md#model-refused).
                if (AgentModelCall.IsAccountRefusal(ex))
                {
                    breakers.Claude.Trip(reason);
                    await refusal.RecordAsync(reason);
                }
                else breakers.Claude.RecordFailure();
                LogCallFailed(conversaId, reason, ex.GetType().Name, breakers.Claude.State.ToString());
                return new JudgeOutcome.Failed(reason);
            }
            var (verdict, invalid) = QualityVerdictParser.Parse(response.Text);
            if (verdict is not null) return new JudgeOutcome.Judged(verdict, response.ModelId ?? model, attempt);
            problem = invalid!;
            LogInvalidAnswer(conversaId, attempt, problem);
            if (!string.IsNullOrWhiteSpace(response.Text)) messages.Add(new ChatMessage(ChatRole.Assistant, response.Text));
            messages.Add(new ChatMessage(ChatRole.User,
                $"A resposta anterior não pôde ser usada ({problem}). Responda de novo apenas com o objeto JSON pedido, com as quatro notas inteiras de 1 a 10."));
        }
        return new JudgeOutcome.Invalid(problem);
    }

    static string LoadPrompt()
    {
        using var stream = typeof(QualityJudge).Assembly.GetManifestResourceStream("Julia.Quality.Prompts.avaliador.md")!;
        var text = new StreamReader(stream).ReadToEnd();
        return text[(text.IndexOf("-->", StringComparison.Ordinal) + 3)..].Trim();
    }

    // 951x: the quality feature's range (9501–9503 are the daily report's).
    [LoggerMessage(EventId = 9515, Level = LogLevel.Information, Message = "Quality judge answer {Attempt} for conversa {ConversaId} was not a valid evaluation: {Problem}")]
    private partial void LogInvalidAnswer(Guid conversaId, int attempt, string problem);

    [LoggerMessage(EventId = 9517, Level = LogLevel.Warning,
        Message = "Quality judge request for conversa {ConversaId} refused by the model: {Reason} ({ErrorType}); this conversation is skipped, the batch goes on")]
    private partial void LogRequestRefused(Guid conversaId, string reason, string errorType);

    // The reason in words (the type alone, "HttpRequestException", said nothing to the operator), and what follows.
    [LoggerMessage(EventId = 9516, Level = LogLevel.Warning,
        Message = "Quality judge call failed for conversa {ConversaId}: {Reason} ({ErrorType}, circuit {CircuitState}); not evaluated this run")]
    private partial void LogCallFailed(Guid conversaId, string reason, string errorType, string circuitState);
}
