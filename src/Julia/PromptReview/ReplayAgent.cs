using Julia.Agent;
using Julia.Agent.Tools;
using Julia.Infrastructure.Hosting;
using Julia.Infrastructure.Resilience;
using Julia.Shifts;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace Julia.PromptReview;

/// <summary>
/// The candidate's answer to one recorded turn. <see cref="Automatic"/>: the model handed the turn to the system
/// (opt-out, handoff) and the text says what would have happened. <see cref="Unavailable"/>: no answer.
/// </summary>
internal sealed record ReplayReply(string Text, bool Automatic, IReadOnlyList<string> Tools, string? Unavailable = null);

/// <summary>
/// Asks the conversation model one recorded turn again with a candidate persona: the context is built as
/// <see cref="ClaudeAgent"/> builds it (AgentContextBuilder, the open shifts of the doctor's specialty, the first-contact
/// and back-from-human phases), "now" is when the doctor wrote, and the tools are <see cref="ReplayToolbox"/>'s.
/// </summary>
internal sealed class ReplayAgent(
    ShiftStore shifts, ShiftCatalog catalog, ReplayToolbox toolbox, CircuitBreakers breakers, IOptions<AgentOptions> options,
    IOptions<AppOptions> app, IChatClient? chat = null)
{
    public bool IsEnabled => chat is not null && options.Value.Enabled;
    public string Model => options.Value.Model;

    public async Task<ReplayReply> RespondAsync(AgentTurn turn, DateTimeOffset at, string persona, CancellationToken ct)
    {
        var calls = new List<string>();
        if (chat is null) return new("", false, calls, "agente desligado (sem ANTHROPIC_API_KEY)");
        if (!breakers.Claude.TryEnter()) return new("", false, calls, "circuito claude aberto");
        var o = options.Value;
        var prefs = Preferences.Parse(turn.Profile?.Preferencias);
        var holdings = await shifts.HoldingsAsync(turn.Doctor.Id, ct);
        var offered = o.ShiftsInContext == 0 ? [] : await catalog.SearchAsync(new ShiftSearch(turn.Profile?.EspecialidadeId,
            ValorMinimo: prefs.ValorMinimo, Limit: o.ShiftsInContext, BlockedHospitals: prefs.BlockedHospitals,
            BlockedSectors: prefs.BlockedSectors), holdings, ct);
        var firstContact = !turn.History.Any(h => h.Direction == "saida") && turn.MessageCount <= turn.Parts.Count;
        var system = AgentContextBuilder.SystemPrompt(at, app.Value.CompanyName, turn.Profile, offered, firstContact, turn.ReturnedFromHuman, persona);
        var messages = AgentContextBuilder.Messages(system, turn.History, turn.Parts);
        var session = new ToolSession(turn, offered);
        var tools = toolbox.For(session, calls);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(o.TurnDeadline);
        try
        {
            var response = await chat.GetResponseAsync(messages, Options(o.Model, o.MaxTokens, tools, o), deadline.Token);
            if (session.TakeOver is null && string.IsNullOrWhiteSpace(response.Text))
            {
                messages.AddRange(response.Messages);
                response = await chat.GetResponseAsync(messages, Options(o.ComplexModel, 1_000, tools, o), deadline.Token);
            }
            breakers.Claude.RecordSuccess();
            return session.TakeOver switch
            {
                AgentOutcome.Handoff h => new($"[passaria a conversa para uma pessoa da equipe ({h.TriggerType}): {h.Reason}]", true, calls),
                AgentOutcome.OptOut x => new($"[registraria o opt-out do médico: {x.Reason}]", true, calls),
                _ when string.IsNullOrWhiteSpace(response.Text) => new("", false, calls, "resposta vazia do modelo"),
                _ => new(response.Text.Trim(), false, calls),
            };
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            breakers.Claude.RecordFailure();
            return new("", false, calls, $"falha ao chamar o modelo ({ex.GetType().Name})");
        }
    }

    static ChatOptions Options(string model, int maxTokens, IList<AITool> tools, AgentOptions o) => new()
    {
        ModelId = model, MaxOutputTokens = maxTokens, Temperature = o.Temperature, Tools = tools, ToolMode = ChatToolMode.Auto,
    };
}
