using System.ClientModel;
using Anthropic.Exceptions;
using Julia.Agent.Tools;
using Julia.Infrastructure.Hosting;
using Julia.Shifts;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace Julia.Agent;

/// <summary>A turn ready for the model: the messages as it gets them, and the turn's tool session.</summary>
internal sealed record PreparedTurn(List<ChatMessage> Messages, ToolSession Session);

/// <summary>
/// A recorded turn asked again (`julia avaliar-prompt`; docs/decisions.md#prompt-review): <paramref name="Persona"/> instead of
/// Prompts/persona.md, and <paramref name="At"/>, when the doctor wrote, as the turn's "now" — in the context and in the
/// tools' clocks. Its tools check what a live turn's check and write nothing (<see cref="ToolSession.Replay"/>).
/// </summary>
internal sealed record ReplayOf(string Persona, DateTimeOffset At);

/// <summary>What the model answered, which model gave the final answer, and the usage of every call of the turn.</summary>
internal sealed record ModelAnswer(ChatResponse Response, string Model, UsageDetails Usage);

/// <summary>
/// The part of a turn the live agent (<see cref="ClaudeAgent"/>) and `julia avaliar-prompt` share (docs/decisions.md#agent):
/// the context as the agent builds it — the open shifts of the doctor's specialty, the first-contact and back-from-human
/// phases — and the call: the conversation model, then once LLM_MODEL_COMPLEX after an empty or failed answer, with the
/// usage of both calls counted. The caller owns the breaker, the deadline and what a failure means.
/// </summary>
internal sealed partial class AgentModelCall(
    ShiftStore shifts, ShiftCatalog catalog, IOptions<AgentOptions> options, IOptions<AppOptions> app, TimeProvider time, ILogger<AgentModelCall> logger)
{
    /// <param name="replay">A recorded turn asked again (`julia avaliar-prompt`); null for a live turn, whose "now" is the present.</param>
    public async Task<PreparedTurn> PrepareAsync(AgentTurn turn, ReplayOf? replay, CancellationToken ct)
    {
        var o = options.Value;
        var now = replay?.At ?? time.GetUtcNow();
        var prefs = ShiftPreferences.Parse(turn.Profile?.Preferencias);
        var holdings = turn.Holdings ?? await shifts.HoldingsAsync(turn.Doctor.Id, ct);
        var search = ShiftSearch.OfDoctor(turn.Profile?.EspecialidadeId, prefs, o.ShiftsInContext);
        var offered = o.ShiftsInContext == 0 ? [] : await catalog.SearchPreferredFirstAsync(search, prefs, holdings, ct);
        var (earlier, gone) = await EarlierAsync(turn, search, offered, holdings, ct);
        var firstContact = !turn.History.Any(h => h.Direction == "saida") && turn.MessageCount <= turn.Parts.Count;
        var system = AgentContextBuilder.SystemPrompt(now, app.Value.CompanyName, turn.Profile, offered, firstContact, turn.ReturnedFromHuman, replay?.Persona,
            holdings, earlier, turn.EndedHolds, gone);
        return new PreparedTurn(AgentContextBuilder.Messages(system, turn.History, turn.Parts),
            new ToolSession(turn, [.. offered, .. earlier], holdings) { Replay = replay });
    }

    /// <summary>At most this many shifts offered earlier or named by a directive join a turn's context.</summary>
    internal const int MaxEarlierShifts = 5;

    /// <summary>
    /// The shifts Júlia offered in his history (<see cref="AgentTurn.EarlierOffers"/>) or a directive of the management
    /// names, not in the context list, still reservable and filtered as the search filters (blocked hospitals and sectors,
    /// minimum pay, clashes): his "sim" to the shift a search of the last turn found, or to the one a manager asked to push
    /// (an `anunciada` one too, which no search lists), can then be reserved at once (docs/decisions.md#agent); so can the
    /// still-open shift of a reservation of his that expired or was cancelled lately (<see cref="AgentTurn.EndedHolds"/>).
    /// Apart (<paramref name="listed"/> aside), the ones Júlia offered that he can no longer take, with why — taken by
    /// another doctor, cancelled or removed, started, clashing with a shift he now holds, outside his preferences: his "quero
    /// aquele de sábado" a day later must be answered with what happened, not with a shift that silently vanished. Read
    /// only when there is such an id — no round trip otherwise.
    /// </summary>
    async Task<(IReadOnlyList<Shift> Earlier, IReadOnlyList<GoneOffer> Gone)> EarlierAsync(
        AgentTurn turn, ShiftSearch search, IReadOnlyList<Shift> listed, IReadOnlyList<Shift> holdings, CancellationToken ct)
    {
        var ids = (turn.EarlierOffers ?? []).Concat(AgentContextBuilder.DirectiveShifts(turn.Profile?.Diretrizes))
            .Concat(turn.EndedHolds?.Where(e => e.StillOpen).Select(e => e.VagaId) ?? [])
            .Where(id => !listed.Any(s => s.Id == id)).Distinct().Take(MaxEarlierShifts).ToList();
        if (ids.Count == 0) return ([], []);
        var now = time.GetUtcNow();
        var found = await shifts.WithIdsAsync(ids, ct);
        var especialidade = turn.Profile?.EspecialidadeId;
        var earlier = ShiftCatalog.Filter(found.Where(s => s.ReservationRefusal(especialidade, now) is null), search with { Limit = MaxEarlierShifts }, holdings);

        // Only Júlia's own offers: he was told of them. Not one he holds (his holdings say it), nor one whose reservation
        // of his ended lately (that line says what happened).
        var gone = new List<GoneOffer>();
        foreach (var id in ids.Where(id => turn.EarlierOffers?.Contains(id) == true && !earlier.Any(s => s.Id == id)
                                           && !holdings.Any(h => h.Id == id) && turn.EndedHolds?.Any(e => e.VagaId == id) != true))
        {
            if (found.FirstOrDefault(s => s.Id == id) is not { } shift) continue;   // removed: nothing left to describe it with
            var why = shift.ReservationRefusal(especialidade, now) switch
            {
                "ja_reservada" => "reservado por outro médico",
                "ja_comecou" => "já começou ou passou",
                "nao_reservavel" => "cancelado pela equipe",
                "outra_especialidade" => "não é da especialidade dele",
                _ => holdings.FirstOrDefault(h => ShiftStore.Overlaps(h, shift)) is { } clash
                    ? $"conflita com um plantão que ele já tem ({clash.Hospital}, {clash.WhenText})"
                    : "fora das preferências que ele informou (hospital ou setor que ele não quer, ou valor abaixo do mínimo dele)",
            };
            gone.Add(new GoneOffer(shift, why));
        }
        return (earlier, gone);
    }

    /// <summary>
    /// One call with the conversation model; after an answer with nothing to send (<see cref="Sendable"/>: empty, refused,
    /// paused, cut before a sentence ended) and no tool took the turn over, one more with
    /// LLM_MODEL_COMPLEX — and after a failed answer too (a timeout, a malformed or refused answer; docs/decisions.md#agent), when no tool
    /// ran yet (a retry must not run a tool twice) and the caller's deadline has not passed; the second failure is the one
    /// thrown. A provider that is refusing calls (429, overloaded, 5xx, network) is not asked again at once: the turn's
    /// fallback retries it in 30/60/120 s, and each failed turn counts once for the breaker.
    /// </summary>
    public async Task<ModelAnswer> AskAsync(IChatClient chat, PreparedTurn turn, IList<AITool> tools, CancellationToken ct)
    {
        // The tools called during this call act on this turn; the value ends with this method (an async method's flow).
        ToolSession.Current = turn.Session;
        var o = options.Value;
        ChatResponse? first = null;
        // The first model leaves one call's time for the second: with the SDK's own retries of a slow answer it would
        // otherwise use up the turn's deadline, and LLM_MODEL_COMPLEX was never asked (an operator walk, 2026-12-03).
        using var firstBudget = CancellationTokenSource.CreateLinkedTokenSource(ct);
        if (o.ComplexModel != o.Model && o.TurnDeadline > o.CallTimeout) firstBudget.CancelAfter(o.TurnDeadline - o.CallTimeout);
        try
        {
            first = await chat.GetResponseAsync(turn.Messages, Options(o.Model, o.MaxTokens, tools, o), firstBudget.Token);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested && turn.Session.ToolCalls == 0 && turn.Session.TakeOver is null
                                   && o.ComplexModel != o.Model && WorthAnotherModel(ex))
        {
            // A failed answer: asked again of LLM_MODEL_COMPLEX below, like an empty one — and said, or a wrong LLM_MODEL
            // (404) answered by the complex model on every turn was seen nowhere (docs/decisions.md#model-provider).
            LogFirstModelFailed(IsConfigurationFault(ex) ? LogLevel.Error : LogLevel.Warning, o.Model, turn.Session.Turn.ConversaId,
                Describe(ex), ex.GetType().Name, o.ComplexModel);
        }
        var usage = new UsageDetails();
        var rounds = 0;
        if (first is not null)
        {
            usage.Add(first.Usage ?? new UsageDetails());
            if (turn.Session.TakeOver is not null || Sendable(first) is not null)
                return new ModelAnswer(first, o.Model, usage);
            if (AnswerEnds.Of(first) is AnswerEnd.Refused or AnswerEnd.Paused)
                LogFirstModelNoAnswer(o.Model, turn.Session.Turn.ConversaId, NoAnswerReason(first), o.ComplexModel);
            rounds = first.Messages.Count(m => m.Role == ChatRole.Assistant && m.Contents.OfType<FunctionCallContent>().Any());
            // Up to its last tool round: the unanswered end (a refusal, a paused or empty answer) is not sent back — as the
            // conversation's last message it would be a prefill the model continues, or refuses again (docs/decisions.md#model-provider).
            turn.Messages.AddRange(UpToLastToolRound(first.Messages));
        }
        // docs/decisions.md#agent: one retry with LLM_MODEL_COMPLEX after an empty or failed answer; both calls are paid for.
        // Up to 3 tool rounds per turn, not per call: a retry after rounds were used answers from their results, without tools.
        // Still defined, with tool_choice none: Anthropic refuses a request whose messages hold tool_use/tool_result
        // blocks and that defines no tools (400 "Requests which include tool_use or tool_result blocks must define tools").
        var response = await chat.GetResponseAsync(turn.Messages, Options(o.ComplexModel, 1_000, tools, o, toolsUsedUp: rounds > 0), ct);
        usage.Add(response.Usage ?? new UsageDetails());
        return new ModelAnswer(response, o.ComplexModel, usage);
    }

    /// <summary>
    /// What of this answer may reach the doctor (docs/decisions.md#model-provider, "Genuine responses"): the text after the
    /// last tool round, whole when the model finished, its whole sentences when the token limit or the context window cut
    /// it; null when nothing — empty, only whitespace, refused, paused, or cut before a sentence ended.
    /// </summary>
    public static string? Sendable(ChatResponse response)
    {
        var text = FinalText(response).Trim();
        if (text.Length == 0) return null;
        return AnswerEnds.Of(response) switch
        {
            AnswerEnd.Finished => text,
            AnswerEnd.Cut => WholeSentences.Of(text),
            _ => null,
        };
    }

    /// <summary>Why an answer gave nothing to send, in the words of fallback reasons.</summary>
    public static string NoAnswerReason(ChatResponse response) => AnswerEnds.Of(response) switch
    {
        AnswerEnd.Refused => $"resposta recusada pelo modelo ({AnswerEnds.StopReason(response) ?? "content_filter"})",
        AnswerEnd.Paused => "resposta pausada pelo modelo (pause_turn)",
        AnswerEnd.Cut when !string.IsNullOrWhiteSpace(FinalText(response)) => "resposta cortada no limite de tokens",
        _ => "resposta vazia do modelo",
    };

    /// <summary>The messages of an answer up to its last tool result (none when no tool ran): what a retry keeps of it.</summary>
    static IEnumerable<ChatMessage> UpToLastToolRound(IList<ChatMessage> messages)
    {
        var last = -1;
        for (var i = 0; i < messages.Count; i++)
            if (messages[i].Contents.Any(c => c is FunctionResultContent)) last = i;
        return messages.Take(last + 1);
    }

    /// <summary>
    /// What the model said after its last tool round — the answer. Text it wrote beside a tool call ("Show, vou reservar
    /// pra vc!") came before the tool's result and can contradict it (the reservation refused); it was sent too (a
    /// doctor-side walk, 2026-12-03). A round is any tool's, the provider's own too (Claude's `server_tool_use` and its
    /// result inside one answer), and it is read block by block: "Vou pesquisar." before such a call was glued to the
    /// answer after it (docs/decisions.md#model-provider). Reasoning (`thinking`) is never text. Empty when the last round
    /// said nothing: the empty-answer path.
    /// </summary>
    public static string FinalText(ChatResponse response)
    {
        var texts = new List<string>();
        foreach (var message in response.Messages)
            foreach (var content in message.Contents)
            {
                if (content is ToolCallContent or ToolResultContent) texts.Clear();
                else if (message.Role == ChatRole.Assistant && content is TextContent text) texts.Add(text.Text);
            }
        return string.Concat(texts);
    }

    static ChatOptions Options(string model, int maxTokens, IList<AITool> tools, AgentOptions o, bool toolsUsedUp = false) => new()
    {
        ModelId = model, MaxOutputTokens = maxTokens, Temperature = o.Temperature,
        Tools = tools.Count > 0 ? tools : null, ToolMode = tools.Count == 0 ? null : toolsUsedUp ? ChatToolMode.None : ChatToolMode.Auto,
    };

    /// <summary>A failure of this answer (a timeout, a malformed or refused reply), not of the provider: another model may answer.</summary>
    static bool WorthAnotherModel(Exception ex) => ex switch
    {
        ArgumentException => false,
        // The provider is refusing or unreachable: every model of it would be.
        AnthropicRateLimitException or Anthropic5xxException or AnthropicOverloadedException or AnthropicIOException
            or AnthropicUnauthorizedException or AnthropicForbiddenException or AnthropicPaymentRequiredException
            or HttpRequestException or IOException => false,
        _ when IsSpendLimit(ex) => false,
        ClientResultException { Status: 0 or 401 or 403 or 429 or >= 500 } => false,
        _ => true,
    };

    /// <summary>
    /// The model refused this request (400, 413, 422): a fault of this conversation's input, which says nothing about the
    /// model's health — it must not open the breaker that every other doctor's turn goes through (docs/decisions.md#agent).
    /// </summary>
    public static bool IsRequestFault(Exception ex) =>
        ex is AnthropicBadRequestException or AnthropicContentTooLargeException or AnthropicUnprocessableEntityException
            or ClientResultException { Status: 400 or 413 or 422 };

    /// <summary>
    /// The provider refuses the key, the account or the model name (401, 402, 403, 404): configuration an operator must fix —
    /// logged at ERROR, which the runbook's `grep ERROR` finds ("Se API key inválida").
    /// </summary>
    public static bool IsConfigurationFault(Exception ex) =>
        ex is AnthropicUnauthorizedException or AnthropicForbiddenException or AnthropicNotFoundException or AnthropicPaymentRequiredException
            or ClientResultException { Status: 401 or 402 or 403 or 404 } || IsSpendLimit(ex);

    /// <summary>
    /// The provider refuses Júlia's key or account (401, 402, 403, the spend limit) — every call of every conversation will
    /// be refused the same way until someone fixes it: the `claude` breaker opens at the first one (alert
    /// `circuito_aberto`) and health says why (<see cref="ModelRefusal"/>, docs/decisions.md#model-refused). A 404 is
    /// not: it names one model, and LLM_MODEL_COMPLEX may still answer.
    /// </summary>
    public static bool IsAccountRefusal(Exception ex) =>
        ex is AnthropicUnauthorizedException or AnthropicForbiddenException or AnthropicPaymentRequiredException
            or ClientResultException { Status: 401 or 402 or 403 } || IsSpendLimit(ex);

    /// <summary>
    /// The account's spend limit is reached, or the organization is on hold (`error.details.error_code`
    /// `enforced_spend_limit_reached` on a 429 with no `retry-after`, and its kin): it does not clear by retrying, someone
    /// must raise the limit — ERROR, like a refused key.
    /// </summary>
    static bool IsSpendLimit(Exception ex) =>
        ex is Anthropic.Models.AnthropicEnforcedSpendLimitReachedException or Anthropic.Models.AnthropicContractSpendLimitReachedException
            or Anthropic.Models.AnthropicLinkedOrganizationSpendLimitReachedException or Anthropic.Models.AnthropicOrganizationOnHoldException;

    [LoggerMessage(EventId = 2003, Message = "Model {Model} failed for conversa {ConversaId}: {Reason} ({ErrorType}); asking {ComplexModel}")]
    private partial void LogFirstModelFailed(LogLevel level, string model, Guid conversaId, string reason, string errorType, string complexModel);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Warning, Message = "Model {Model} gave conversa {ConversaId} no answer to send: {Reason}; asking {ComplexModel}")]
    private partial void LogFirstModelNoAnswer(string model, Guid conversaId, string reason, string complexModel);

    static int Status(Exception ex) => ex is AnthropicApiException api ? (int)api.StatusCode : 0;

    /// <summary>A failed call in the words of fallback reasons and reports (never the provider's raw error text).</summary>
    public static string Describe(Exception ex) => ex switch
    {
        AnthropicUnauthorizedException or ClientResultException { Status: 401 } => "chave da API recusada (401): confira a variável da chave",
        AnthropicPaymentRequiredException or ClientResultException { Status: 402 } => "conta do provedor sem crédito (402)",
        AnthropicForbiddenException or ClientResultException { Status: 403 } => "acesso negado pelo provedor (403)",
        AnthropicNotFoundException or ClientResultException { Status: 404 } => "modelo não encontrado (404): confira LLM_MODEL",
        AnthropicBadRequestException or ClientResultException { Status: 400 } => "pedido recusado pelo modelo (400)",
        AnthropicContentTooLargeException or ClientResultException { Status: 413 } => "pedido grande demais para o modelo (413)",
        _ when IsSpendLimit(ex) => $"limite de gastos da conta atingido ({Status(ex)}): confira os limites da conta no console da Anthropic",
        AnthropicRateLimitException => "limite de taxa da Anthropic (429)",
        AnthropicApiException api when api.GetType().Name.Contains("Overloaded", StringComparison.Ordinal) => "Anthropic sobrecarregada (529)",
        // Every other status with its code (500 api_error, 504 timeout_error, a proxy's 502 page), never the body.
        AnthropicApiException when Status(ex) >= 500 => $"Anthropic indisponível ({Status(ex)})",
        AnthropicApiException => $"erro da Anthropic ({Status(ex)})",
        OperationCanceledException or TimeoutException => "tempo esgotado",
        AnthropicIOException or HttpRequestException or IOException => "falha de rede com a Anthropic",
        // A 200 whose body is not a message (a proxy's HTML page, a body cut short): a failed answer.
        System.Text.Json.JsonException or AnthropicInvalidDataException => "resposta inválida do modelo",
        ClientResultException { Status: 429 } => "limite de taxa do modelo OpenAI-compatível (429)",
        ClientResultException { Status: >= 500 } e => $"modelo OpenAI-compatível indisponível ({e.Status})",
        ClientResultException { Status: 0 } => "falha de rede com o modelo OpenAI-compatível",
        ClientResultException e => $"erro do modelo OpenAI-compatível ({e.Status})",
        _ => $"erro do modelo ({ex.GetType().Name})",
    };
}
