using System.Diagnostics;
using Julia.Agent.Tools;
using Julia.Infrastructure.Resilience;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace Julia.Agent;

/// <summary>
/// Júlia's brain (docs/decisions.md#agent): the model of LLM_PROVIDER — Claude, or any OpenAI-compatible server
/// (docs/decisions.md#model-provider) — through <see cref="IChatClient"/> with the eight tools and up to 3 tool rounds,
/// behind the circuit breaker named `claude`, which guards whichever model is configured. Any failure becomes
/// <see cref="AgentOutcome.Unavailable"/> — the pipeline's fallback — and never an exception or an error text for the doctor.
/// </summary>
internal sealed partial class ClaudeAgent(
    IChatClient chat, AgentModelCall call, AgentToolbox toolbox, CircuitBreakers breakers, IOptions<AgentOptions> options,
    AgentMeter timings, ModelRefusal refusal, ILogger<ClaudeAgent> logger)
    : IConversationAgent
{
    public bool IsEnabled => true;

    public async Task<AgentOutcome> RespondAsync(AgentTurn turn, CancellationToken ct)
    {
        var breaker = breakers.Claude;
        if (!breaker.TryEnter()) return new AgentOutcome.Unavailable("circuito claude aberto");
        PreparedTurn prepared;
        try { prepared = await call.PrepareAsync(turn, replay: null, ct); }
        catch { breaker.Abandon(); throw; }   // no call was made: a half-open trial is given back (docs/decisions.md#agent)
        var session = prepared.Session;
        var started = Stopwatch.GetTimestamp();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(options.Value.TurnDeadline);
        try
        {
            var (response, model, usage) = await call.AskAsync(chat, prepared, toolbox.Tools, deadline.Token);
            breaker.RecordSuccess();
            await refusal.ClearAsync();
            if (session.TakeOver is { } takeOver) return takeOver;
            // Cut by the token limit (LLM_MAX_TOKENS) or the context window: the doctor gets its whole sentences, never one
            // broken off mid-word ("…e depois você entra na"; a doctor-side walk, 2026-12-03). Refused, paused, empty, or cut
            // before a sentence ended: nothing is sent, the fallback path (docs/decisions.md#model-provider).
            if (AnswerEnds.Of(response) == AnswerEnd.Cut && AgentModelCall.FinalText(response).Trim() is { Length: > 0 } cut)
                LogCutAtTokenLimit(turn.ConversaId, AnswerEnds.StopReason(response) ?? "length", cut.Length);
            if (AgentModelCall.Sendable(response) is not { } text)
            {
                timings.Error("llm_chamada");
                return new AgentOutcome.Unavailable(AgentModelCall.NoAnswerReason(response));
            }
            var latency = (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var offered = session.OfferedIn(text);
            var accounting = new AgentAccounting(response.ModelId ?? model, (int)(usage.InputTokenCount ?? 0),
                (int)(usage.OutputTokenCount ?? 0), latency, session.ToolCalls, offered, session.TermsOf(offered));
            LogAnswered(turn.ConversaId, accounting.Model, accounting.InputTokens, accounting.OutputTokens, session.ToolCalls, latency);
            return new AgentOutcome.Reply(text, accounting);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            breaker.Abandon();   // shutdown: no outcome, and no trial left in flight
            throw;
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            var reason = AgentModelCall.Describe(ex);
            // The model answered, refusing this request: it is up (as a 4xx from Evolution or Slack counts, too). Refusing
            // the key or the account: every call will be refused until someone fixes it (docs/decisions.md#model-refused).
            if (AgentModelCall.IsRequestFault(ex)) breaker.RecordSuccess();
            else if (AgentModelCall.IsAccountRefusal(ex))
            {
                breaker.Trip(reason);
                await refusal.RecordAsync(reason);
            }
            else breaker.RecordFailure();
            timings.Error("llm_chamada");
            LogCallFailed(AgentModelCall.IsConfigurationFault(ex) ? LogLevel.Error : LogLevel.Warning, turn.ConversaId, reason, breaker.State.ToString(), ex.GetType().Name);
            return session.TakeOver ?? new AgentOutcome.Unavailable(reason);
        }
        finally
        {
            timings.Time("llm_chamada", Stopwatch.GetElapsedTime(started));
        }
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Agent answered conversa {ConversaId}: model {Model}, tokens {InputTokens}/{OutputTokens}, {ToolCalls} tool calls, {LatenciaMs} ms")]
    private partial void LogAnswered(Guid conversaId, string model, int inputTokens, int outputTokens, int toolCalls, int latenciaMs);

    [LoggerMessage(EventId = 5012, Level = LogLevel.Warning, Message = "Agent answer for conversa {ConversaId} cut at the token limit (LLM_MAX_TOKENS, or the context window: {StopReason}) after {Chars} characters: only its whole sentences are sent")]
    private partial void LogCutAtTokenLimit(Guid conversaId, string stopReason, int chars);

    [LoggerMessage(EventId = 2002, Message = "Agent call failed for conversa {ConversaId}: {Reason} (circuit {CircuitState}, {ErrorType})")]
    private partial void LogCallFailed(LogLevel level, Guid conversaId, string reason, string circuitState, string errorType);
}
