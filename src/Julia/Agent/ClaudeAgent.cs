using System.ClientModel;
using System.Diagnostics;
using Anthropic.Exceptions;
using Julia.Agent.Tools;
using Julia.Infrastructure.Hosting;
using Julia.Infrastructure.Resilience;
using Julia.Shifts;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace Julia.Agent;

/// <summary>
/// Júlia's brain (docs/decisions.md#agent): the model of LLM_PROVIDER — Claude, or any OpenAI-compatible server
/// (docs/decisions.md#model-provider) — through <see cref="IChatClient"/> with the six tools and up to 3 tool rounds,
/// behind the circuit breaker named `claude`, which guards whichever model is configured. Any failure becomes
/// <see cref="AgentOutcome.Unavailable"/> — the pipeline's fallback — and never an exception or an error text for the doctor.
/// </summary>
internal sealed partial class ClaudeAgent(
    IChatClient chat, ShiftStore shifts, ShiftCatalog catalog, AgentToolbox toolbox,
    CircuitBreakers breakers, IOptions<AgentOptions> options, IOptions<AppOptions> app, TimeProvider time, AgentMeter timings, ILogger<ClaudeAgent> logger)
    : IConversationAgent
{
    public bool IsEnabled => true;

    public async Task<AgentOutcome> RespondAsync(AgentTurn turn, CancellationToken ct)
    {
        var breaker = breakers.Claude;
        if (!breaker.TryEnter()) return new AgentOutcome.Unavailable("circuito claude aberto");
        var o = options.Value;
        var (messages, session) = await PrepareAsync(turn, o, ct);
        var started = Stopwatch.GetTimestamp();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(o.TurnDeadline);
        try
        {
            var response = await chat.GetResponseAsync(messages, Options(o.Model, o.MaxTokens, session, o), deadline.Token);
            var model = o.Model;
            if (session.TakeOver is null && string.IsNullOrWhiteSpace(response.Text))
            {
                // docs/decisions.md#agent: one retry with LLM_MODEL_COMPLEX after an empty answer.
                messages.AddRange(response.Messages);
                response = await chat.GetResponseAsync(messages, Options(o.ComplexModel, 1_000, session, o), deadline.Token);
                model = o.ComplexModel;
            }
            breaker.RecordSuccess();
            if (session.TakeOver is { } takeOver) return takeOver;
            if (string.IsNullOrWhiteSpace(response.Text)) return new AgentOutcome.Unavailable("resposta vazia do modelo");
            var latency = (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var accounting = new AgentAccounting(response.ModelId ?? model, (int)(response.Usage?.InputTokenCount ?? 0),
                (int)(response.Usage?.OutputTokenCount ?? 0), latency, session.ToolCalls, session.OfferedIn(response.Text));
            LogAnswered(turn.ConversaId, accounting.Model, accounting.InputTokens, accounting.OutputTokens, session.ToolCalls, latency);
            return new AgentOutcome.Reply(response.Text.Trim(), accounting);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            breaker.RecordFailure();
            timings.Error("llm_chamada");
            var reason = Describe(ex);
            LogCallFailed(turn.ConversaId, reason, breaker.State.ToString(), ex.GetType().Name);
            return session.TakeOver ?? new AgentOutcome.Unavailable(reason);
        }
        finally
        {
            timings.Time("llm_chamada", Stopwatch.GetElapsedTime(started));
        }
    }

    async Task<(List<ChatMessage>, ToolSession)> PrepareAsync(AgentTurn turn, AgentOptions o, CancellationToken ct)
    {
        var prefs = Preferences.Parse(turn.Profile?.Preferencias);
        var holdings = await shifts.HoldingsAsync(turn.Doctor.Id, ct);
        var offered = o.ShiftsInContext == 0 ? [] : await catalog.SearchAsync(new ShiftSearch(turn.Profile?.EspecialidadeId,
            ValorMinimo: prefs.ValorMinimo, Limit: o.ShiftsInContext, BlockedHospitals: prefs.BlockedHospitals,
            BlockedSectors: prefs.BlockedSectors), holdings, ct);
        var firstContact = !turn.History.Any(h => h.Direction == "saida") && turn.MessageCount <= turn.Parts.Count;
        var system = AgentContextBuilder.SystemPrompt(time.GetUtcNow(), app.Value.CompanyName, turn.Profile, offered, firstContact, turn.ReturnedFromHuman);
        var messages = AgentContextBuilder.Messages(system, turn.History, turn.Parts);
        return (messages, new ToolSession(turn, offered));
    }

    ChatOptions Options(string model, int maxTokens, ToolSession session, AgentOptions o) => new()
    {
        ModelId = model,
        MaxOutputTokens = maxTokens,
        Temperature = o.Temperature,
        Tools = toolbox.For(session),
        ToolMode = ChatToolMode.Auto,
    };

    static string Describe(Exception ex) => ex switch
    {
        AnthropicRateLimitException => "limite de taxa da Anthropic (429)",
        AnthropicApiException api when api.GetType().Name.Contains("Overloaded", StringComparison.Ordinal) => "Anthropic sobrecarregada (529)",
        OperationCanceledException or TimeoutException => "tempo esgotado",
        HttpRequestException => "falha de rede com a Anthropic",
        ClientResultException { Status: 429 } => "limite de taxa do modelo OpenAI-compatível (429)",
        ClientResultException { Status: >= 500 } e => $"modelo OpenAI-compatível indisponível ({e.Status})",
        ClientResultException { Status: 0 } => "falha de rede com o modelo OpenAI-compatível",
        ClientResultException e => $"erro do modelo OpenAI-compatível ({e.Status})",
        _ => $"erro do modelo ({ex.GetType().Name})",
    };

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Agent answered conversa {ConversaId}: model {Model}, tokens {InputTokens}/{OutputTokens}, {ToolCalls} tool calls, {LatencyMs} ms")]
    private partial void LogAnswered(Guid conversaId, string model, int inputTokens, int outputTokens, int toolCalls, int latencyMs);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Agent call failed for conversa {ConversaId}: {Reason} (circuit {CircuitState}, {ErrorType})")]
    private partial void LogCallFailed(Guid conversaId, string reason, string circuitState, string errorType);
}
