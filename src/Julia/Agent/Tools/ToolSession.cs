using System.Collections.Concurrent;
using Julia.Shifts;

namespace Julia.Agent.Tools;

/// <summary>
/// What the tools of one turn may act on: this doctor, this conversation, the shifts offered to him in this turn,
/// and what he actually wrote. The model can ask; the server decides with this.
/// </summary>
internal sealed class ToolSession(AgentTurn turn, IEnumerable<Shift> offered, IReadOnlyList<Shift>? holdings = null)
{
    static readonly AsyncLocal<ToolSession?> current = new();

    /// <summary>
    /// The session of the model call running in this flow (set by <see cref="AgentModelCall.AskAsync"/>): the tools are
    /// built once and shared by concurrent turns, so each call finds its own turn here (docs/decisions.md#agent).
    /// </summary>
    public static ToolSession? Current
    {
        get => current.Value;
        internal set => current.Value = value;
    }

    readonly ConcurrentDictionary<Guid, Shift> known = new(offered.Select(s => KeyValuePair.Create(s.Id, s)));

    public AgentTurn Turn { get; } = turn;

    /// <summary>
    /// A recorded turn asked again (`julia avaliar-prompt`): each tool checks what it checks in a live turn and answers
    /// the same words, but writes nothing, queues nothing and drops no cache (docs/decisions.md#prompt-review). Null: live.
    /// </summary>
    public ReplayOf? Replay { get; init; }

    /// <summary>The tools' "now": the present, or when the doctor wrote the replayed turn (what the model was told).</summary>
    public DateTimeOffset Now(TimeProvider time) => Replay?.At ?? time.GetUtcNow();
    /// <summary>His own words of the turn (<see cref="AgentTurn.OwnWords"/>): what acceptance and opt-out rules read.</summary>
    public string DoctorText { get; } = string.Join('\n', turn.OwnWords ?? turn.Parts);
    public int ToolCalls;

    /// <summary>His preferences (`preferencias_detectadas`): read with the turn, then as atualizar_preferencias left them.</summary>
    public string? Preferences { get; set; } = turn.Profile?.Preferencias;
    public int Reservations;

    /// <summary>Set by registrar_opt_out / solicitar_humano: the pipeline then takes the same path as for detected text.</summary>
    public AgentOutcome? TakeOver { get; set; }

    public void Offer(IEnumerable<Shift> shifts) { foreach (var s in shifts) known[s.Id] = s; }
    /// <summary>
    /// Known to this turn (context list, a search), or offered to him by an earlier reply even if he can no longer take it
    /// (taken, cancelled, started, clashing): `reservar_plantao` then answers why, not "não foi oferecido" (docs/decisions.md#agent).
    /// </summary>
    public bool WasOffered(Guid id) => known.ContainsKey(id) || Turn.EarlierOffers?.Contains(id) == true;

    /// <summary>Shifts whose terms `reservar_plantao` found changed in this turn: his "quero" of this turn cannot hold them.</summary>
    readonly ConcurrentDictionary<Guid, string> changedTerms = new();

    /// <summary>
    /// The terms he was told of <paramref name="now"/> when they differ from its terms now (docs/decisions.md#agent, "Terms
    /// changed since the offer"); null when they are the same, or nothing says what he was told. What he was told: the
    /// terms the latest reply that offered it recorded (`termos_oferecidos`) — his "quero" answers that reply — else the
    /// shift as this turn knew it (the context list, maybe cached; a search). Once found changed, it stays changed for
    /// the turn, and the turn knows the new terms (its reply records them as offered): a new "sim" in a later turn holds it.
    /// </summary>
    public string? TermsChangedSinceOffer(Shift now)
    {
        if (changedTerms.TryGetValue(now.Id, out var told)) return told;
        told = Turn.OfferedTerms?.GetValueOrDefault(now.Id) ?? (known.TryGetValue(now.Id, out var seen) ? seen.Terms : null);
        if (told is null || told == now.Terms) return null;
        changedTerms[now.Id] = told;
        known[now.Id] = now;
        return told;
    }

    /// <summary>The terms this turn knows of the given shifts, as a reply naming them told them (`termos_oferecidos`).</summary>
    public IReadOnlyDictionary<string, string> TermsOf(IEnumerable<Guid> ids) =>
        ids.Where(known.ContainsKey).ToDictionary(id => id.ToString(), id => known[id].Terms);

    /// <summary>Shifts `reservar_plantao` held for him in this turn (<see cref="HeldNow"/>).</summary>
    readonly ConcurrentDictionary<Guid, Shift> heldThisTurn = new();

    /// <summary>
    /// One of the shifts he already holds (`reservada`/`confirmada`): read with the turn, or held in it — a second call for
    /// the shift the turn just held is told it is his, not "só um plantão por vez" (docs/decisions.md#agent).
    /// </summary>
    public Shift? Held(Guid id) => heldThisTurn.TryGetValue(id, out var now) ? now : holdings?.FirstOrDefault(s => s.Id == id);

    /// <summary>Records a hold this turn made, as a `reservada` shift (<see cref="Held"/>).</summary>
    public void HeldNow(Shift shift) => heldThisTurn[shift.Id] = shift with { Status = "reservada" };

    /// <summary>A shift he holds that <paramref name="shift"/> overlaps, as the reservation checks it (<see cref="ShiftStore.Overlaps"/>).</summary>
    public Shift? Clash(Shift shift) => holdings?.FirstOrDefault(h => h.Id != shift.Id && ShiftStore.Overlaps(h, shift));

    /// <summary>
    /// The shifts of this turn that <paramref name="reply"/> names (<see cref="OfferedShifts"/>), recorded as `vagas_oferecidas`
    /// — and those whose changed terms `reservar_plantao` told the model to put to him, named or not: the reply offers them
    /// again on the new terms, and his next "sim" is checked against those (docs/decisions.md#agent).
    /// </summary>
    public IReadOnlyList<Guid> OfferedIn(string reply) => [.. OfferedShifts.In(reply, known.Values).Union(changedTerms.Keys)];
}
