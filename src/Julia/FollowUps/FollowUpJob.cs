using Julia.Conversations;
using Julia.Doctors;
using System.Globalization;
using Dapper;
using Julia.Queue;
using Julia.Shifts;
using Npgsql;

namespace Julia.FollowUps;

/// <summary>
/// `followups` — every 15 min inside business hours (docs/decisions.md#proactive): FU1 48 h after the opening, FU2 5 days after
/// FU1 (with one real open shift that matches him when there is one: his specialty, not below his minimum pay, not at a
/// hospital or sector he blocked, not clashing with a shift he holds — the agent's own search), FU3 15 days after FU2; only for active AI-controlled conversations
/// with no answer since our last message, doctors not opted out or blocked and with pressure &lt; 70, one step per
/// conversation per run and never two pending follow-ups. The intervals count from our last message or from a handoff's
/// resolution after it, whichever is later.
/// </summary>
internal sealed class FollowUpJob(NpgsqlDataSource db, QueueStore queue, ShiftStore shifts, ShiftCatalog catalog, TimeProvider time) : Jobs.IJob
{
    public string Name => "followups";
    public Jobs.JobSchedule Schedule => new(Every: TimeSpan.FromMinutes(15), BusinessHoursOnly: true);

    sealed record Eligible(Guid ConversaId, Guid MedicoId, string Stage, string? PrimeiroNome, string? Titulo, Guid? EspecialidadeId, string? Preferencias,
        DateTime LastOutboundUtc);

    public async Task<string> RunAsync(CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        var due = (await c.QueryAsync<Eligible>(new CommandDefinition($"""
            SELECT c.id AS ConversaId, c.medico_id AS MedicoId, c.stage AS Stage, m.primeiro_nome AS PrimeiroNome, m.titulo AS Titulo,
                   m.especialidade_id AS EspecialidadeId, m.preferencias_detectadas::text AS Preferencias, c.last_outbound_at AS LastOutboundUtc
            FROM conversations c JOIN medicos m ON m.id = c.medico_id
            -- The cadence's clock: our last message, or a person handing him back to Júlia after it — a takeover resolved
            -- without a word to him (a phone call) left the next step due minutes later (docs/decisions.md#proactive).
            CROSS JOIN LATERAL (SELECT GREATEST(c.last_outbound_at,
                                                (SELECT max(h.resolvido_em) FROM handoffs h WHERE h.conversa_id = c.id)) AS since) clock
            WHERE c.status = 'active' AND c.controlled_by = 'ai'
              AND NOT m.opted_out AND NOT m.bloqueado AND m.deleted_at IS NULL AND m.pressure_score < 70
              -- A pause he asked for: the cadence waits and goes on where it was once the date has passed
              -- (docs/decisions.md#contact-pause).
              AND NOT {DoctorStore.ContactPausedSql("m")}
              AND c.last_outbound_at IS NOT NULL AND (c.last_inbound_at IS NULL OR c.last_inbound_at < c.last_outbound_at)
              AND c.stage IN ('msg_enviada', 'followup_1_enviado', 'followup_2_enviado')
              AND clock.since <= now() - {FollowUpCadence.IntervalSql("c.stage")}
              -- An answer the turn has not attached yet (last_inbound_at does not know it) is an answer too.
              AND NOT EXISTS (SELECT 1 FROM interacoes i WHERE i.medico_id = m.id AND i.direcao <> 'saida' AND i.created_at > c.last_outbound_at)
              -- One step at a time; a step that ended in `erro` is not queued again until something else goes out: its
              -- outcome may be unknown (sent, perhaps), or the number cannot take it (docs/decisions.md#proactive).
              AND NOT EXISTS (SELECT 1 FROM fila_mensagens f WHERE f.conversa_id = c.id AND f.tipo = 'followup'
                              AND (f.status IN ('pendente', 'processando') OR (f.status = 'erro' AND f.created_at > c.last_outbound_at)))
            LIMIT 500
            """, cancellationToken: ct))).ToList();

        var items = new List<NewQueueItem>();
        foreach (var e in due)
        {
            var step = e.Stage switch { "msg_enviada" => "fu1", "followup_1_enviado" => "fu2", _ => "fu3" };
            var shift = step == "fu2" && e.EspecialidadeId is { } esp ? await MatchingShiftAsync(e, esp, ct) : null;
            var metadata = new Dictionary<string, object?>
            {
                ["tipo_followup"] = step,
                [QueueStore.AnswerBasisKey] = DateTime.SpecifyKind(e.LastOutboundUtc, DateTimeKind.Utc).ToString("O", CultureInfo.InvariantCulture),
            };
            // The shift the text names — its send checks it is still open (FollowUpShiftCheck) — and the terms it tells of
            // it, recorded as offered: his "quero" days later is checked against them (docs/decisions.md#offered-terms).
            if (shift is not null)
            {
                metadata[QueueStore.NamedShiftKey] = shift.Id;
                metadata[QueueStore.OfferedTermsKey] = new Dictionary<string, string> { [shift.Id.ToString()] = shift.Terms };
            }
            items.Add(new NewQueueItem(e.MedicoId, e.ConversaId, QueueKinds.FollowUp, Text(step, Greeting(e), shift), time.GetUtcNow(), Metadata: metadata));
        }
        await using var tx = await c.BeginTransactionAsync(ct);
        await queue.EnqueueAsync(tx, items, ct);
        await tx.CommitAsync(ct);
        return Infrastructure.Text.PtBrCount.Of(items.Count, "follow-up enfileirado", "follow-ups enfileirados");
    }

    /// <summary>
    /// The first open shift the agent would offer him: of his preferred periods and places first (the one ranking,
    /// <see cref="ShiftCatalog.SearchPreferredFirstAsync"/>), then date, priority, pay order; or null.
    /// </summary>
    async Task<Shift?> MatchingShiftAsync(Eligible e, Guid especialidadeId, CancellationToken ct) =>
        (await catalog.SearchPreferredFirstAsync(SearchFor(especialidadeId, e.Preferencias), ShiftPreferences.Parse(e.Preferencias),
            await shifts.HoldingsAsync(e.MedicoId, ct), ct)).FirstOrDefault();

    /// <summary>FU2's search: one shift of his specialty, his minimum pay, not at a hospital or sector he blocked.</summary>
    internal static ShiftSearch SearchFor(Guid especialidadeId, string? preferencias)
    {
        var prefs = ShiftPreferences.Parse(preferencias);
        return new ShiftSearch(especialidadeId, ValorMinimo: prefs.ValorMinimo, Limit: 1,
            BlockedHospitals: prefs.BlockedHospitals, BlockedSectors: prefs.BlockedSectors);
    }

    static string Greeting(Eligible e) => Greeting(e.Titulo, e.PrimeiroNome);

    internal static string Greeting(string? titulo, string? primeiroNome) => DoctorSalutation.Of(titulo, primeiroNome) is { } name ? $"Oi {name}" : "Oi";

    internal static string Text(string step, string greeting, Shift? shift) => step switch
    {
        "fu1" => $"{greeting}, tudo bem? Passando só pra saber se vc viu minha mensagem sobre os plantões",
        "fu2" when shift is not null =>
            $"{greeting}! Surgiu um plantão que pode te interessar: {shift.Place}, {shift.WhenText}, {shift.PayText}. " +
            "Quer que eu te conte mais?",
        "fu2" => $"{greeting}! Sigo com plantões na sua especialidade por aqui, se quiser é só me chamar",
        _ => $"{greeting}, não vou mais te incomodar por enquanto. Se precisar de plantão, é só me chamar aqui",
    };
}
