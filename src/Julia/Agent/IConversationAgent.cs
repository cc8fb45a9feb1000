using Julia.Doctors;

namespace Julia.Agent;

/// <summary>
/// What the agent gets for one turn, as input (it reads no conversation state itself): who, which conversation and how
/// many messages it has, the doctor's new messages as text, and the history before them, oldest first.
/// <paramref name="Holdings"/>: the shifts he holds, when the caller already read them (the turn's first batch); null,
/// and the agent reads them.
/// </summary>
/// <param name="OwnWords">What the doctor himself wrote in this turn (texts and captions), without what the agent's
/// view adds (the quoted message he answered, a late-delivery note): the server's rules on tool calls read these —
/// a "Claro!" of Júlia's quoted under his question is not his acceptance (docs/decisions.md#reservations). Null: the parts.</param>
/// <param name="EarlierOffers">The shifts Júlia's replies in <paramref name="History"/> offered (`vagas_oferecidas`), the
/// latest reply's first: the "sim" of this turn is about them, and neither the context list nor his history's text
/// carries their ids (docs/decisions.md#agent).</param>
/// <param name="EndedHolds">His reservations that expired or were cancelled in the last days (read with the turn): the
/// context tells Júlia, so his "e aquele plantão?" is not answered "você não tem nada". Null: none read.</param>
/// <param name="OfferedTerms">For the shifts of <paramref name="EarlierOffers"/>, the terms (<see cref="Julia.Shifts.Shift.Terms"/>)
/// the latest reply that offered each one told him (`termos_oferecidos`): his "quero" accepted those, and
/// `reservar_plantao` compares them with the shift as it is now (docs/decisions.md#agent). Null or absent: not recorded.</param>
internal sealed record AgentTurn(
    DoctorRecord Doctor, DoctorProfile? Profile, Guid ConversaId, int MessageCount, IReadOnlyList<string> Parts,
    IReadOnlyList<HistoryItem> History, IReadOnlyList<Julia.Shifts.Shift>? Holdings = null, IReadOnlyList<string>? OwnWords = null,
    IReadOnlyList<Guid>? EarlierOffers = null, IReadOnlyList<Julia.Shifts.EndedHold>? EndedHolds = null,
    IReadOnlyDictionary<Guid, string>? OfferedTerms = null)
{
    /// <summary>
    /// The SQL of an interacoes row's offers as <see cref="OfferedIds"/> and <see cref="OfferedTermsIn"/> read them: for a
    /// reply with `llm->'vagas_oferecidas'`, an object of those ids (`vagas`) and the terms it told (`termos`, from
    /// `llm->'termos_oferecidos'`; null on rows written before it existed), as text; NULL for any other row. One definition
    /// for the live turn's history and the prompt review's replay.
    /// </summary>
    public const string OfferedSql = "CASE WHEN direcao = 'saida' AND jsonb_typeof(llm->'vagas_oferecidas') = 'array' " +
        "THEN jsonb_build_object('vagas', llm->'vagas_oferecidas', 'termos', llm->'termos_oferecidos')::text END";

    /// <summary>The ids of a stored offer (<see cref="OfferedSql"/>); none when absent or unreadable.</summary>
    public static IReadOnlyList<Guid> OfferedIds(string? json) =>
        ReadOffer(json, root => root.TryGetProperty("vagas", out var ids) && ids.ValueKind == System.Text.Json.JsonValueKind.Array
            ? [.. ids.EnumerateArray().Select(id => id.ValueKind == System.Text.Json.JsonValueKind.String && Guid.TryParse(id.GetString(), out var g) ? g : Guid.Empty)
                .Where(g => g != Guid.Empty)]
            : (IReadOnlyList<Guid>)[]) ?? [];

    /// <summary>The terms a stored offer (<see cref="OfferedSql"/>) told, by shift; none when absent or unreadable.</summary>
    public static IReadOnlyList<KeyValuePair<Guid, string>> OfferedTermsIn(string? json) =>
        ReadOffer(json, root => root.TryGetProperty("termos", out var terms) && terms.ValueKind == System.Text.Json.JsonValueKind.Object
            ? [.. terms.EnumerateObject()
                .Where(t => Guid.TryParse(t.Name, out _) && t.Value.ValueKind == System.Text.Json.JsonValueKind.String)
                .Select(t => KeyValuePair.Create(Guid.Parse(t.Name), t.Value.GetString()!))]
            : (IReadOnlyList<KeyValuePair<Guid, string>>)[]) ?? [];

    static T? ReadOffer<T>(string? json, Func<System.Text.Json.JsonElement, T> read) where T : class
    {
        if (string.IsNullOrEmpty(json)) return null;
        try
        {
            using var doc = System.Text.Json.JsonDocument.Parse(json);
            return doc.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object ? read(doc.RootElement) : null;
        }
        catch (System.Text.Json.JsonException) { return null; }
    }

    /// <summary>The shifts a history's replies offered (their stored offers, oldest line first), the latest reply's first, once each.</summary>
    public static IReadOnlyList<Guid> EarlierOffersOf(IEnumerable<string?> offeredOldestFirst) =>
        [.. offeredOldestFirst.Reverse().SelectMany(OfferedIds).Distinct()];

    /// <summary>The terms each shift was last offered with (the latest reply that recorded them wins), from the history's stored offers.</summary>
    public static IReadOnlyDictionary<Guid, string> OfferedTermsOf(IEnumerable<string?> offeredOldestFirst)
    {
        var terms = new Dictionary<Guid, string>();
        foreach (var (id, told) in offeredOldestFirst.Reverse().SelectMany(OfferedTermsIn)) terms.TryAdd(id, told);
        return terms;
    }

    /// <summary>
    /// The conversation just came back from a handoff: since Júlia's own last reply a person of the team wrote, or a
    /// handoff's transition message went out — and the agent runs, so the team gave it back. A handoff the team resolves
    /// without writing in Chatwoot (a phone call, the admin API) counts too (docs/decisions.md#agent).
    /// </summary>
    public bool ReturnedFromHuman
    {
        get
        {
            for (var i = History.Count - 1; i >= 0; i--)
            {
                var h = History[i];
                if (h.Direction != "saida") continue;
                if (h.AuthorType == "humano") return true;
                if (h.AuthorType == "julia") return false;
                if (h.AuthorType == "sistema" && Handoffs.HandoffMessages.IsTransition(h.Content)) return true;
            }
            return false;
        }
    }
}

/// <summary>What a turn produced.</summary>
internal abstract record AgentOutcome
{
    /// <summary>Text to send to the doctor (split into chunks by the pipeline).</summary>
    public sealed record Reply(string Text, AgentAccounting? Accounting = null) : AgentOutcome;

    /// <summary>`registrar_opt_out`: the same opt-out path as detected text; the model's words are discarded.</summary>
    public sealed record OptOut(string Reason) : AgentOutcome;

    /// <summary>`solicitar_humano`: the same handoff path as the pipeline's triggers; the model's words are discarded.</summary>
    public sealed record Handoff(string TriggerType, string Reason) : AgentOutcome;

    /// <summary>No answer this time (agent off, provider down, circuit open): the fallback path of docs/decisions.md#agent.</summary>
    public sealed record Unavailable(string Reason) : AgentOutcome;
}

/// <summary>
/// A reply's accounting, stored with each of its messages (interacoes.llm); <paramref name="OfferedShifts"/> =
/// `vagas_oferecidas`, <paramref name="OfferedTerms"/> = `termos_oferecidos` (the terms the reply told, by shift id).
/// </summary>
internal sealed record AgentAccounting(string Model, int InputTokens, int OutputTokens, int LatencyMs, int ToolCalls,
    IReadOnlyList<Guid>? OfferedShifts = null, IReadOnlyDictionary<string, string>? OfferedTerms = null);

/// <summary>Júlia's brain behind one interface, so the pipeline does not depend on the provider.</summary>
internal interface IConversationAgent
{
    bool IsEnabled { get; }
    Task<AgentOutcome> RespondAsync(AgentTurn turn, CancellationToken ct);
}

/// <summary>
/// No model to ask (no ANTHROPIC_API_KEY; with LLM_PROVIDER=openai, neither OPENAI_API_KEY nor an OPENAI_BASE_URL of the
/// team's own): every turn takes the fallback path at once (holding message + handoff erro_sistema).
/// </summary>
internal sealed class AgentOff(Microsoft.Extensions.Options.IOptions<AgentOptions> options) : IConversationAgent
{
    public bool IsEnabled => false;
    public Task<AgentOutcome> RespondAsync(AgentTurn turn, CancellationToken ct) =>
        Task.FromResult<AgentOutcome>(new AgentOutcome.Unavailable(options.Value.OffReason));
}
