using System.Text.Json;
using Dapper;
using Julia.Doctors;
using Julia.Queue;
using Julia.Shifts;
using Npgsql;

namespace Julia.Campaigns;

internal sealed record CampaignRow(long Id, string Nome, string Kind, string MensagemTemplate, string Filtros, int MaxPorDia, string Status,
    DateTime? ScheduledFor, DateTime? IniciadaEm, DateTime? ConcluidaEm, int TotalDestinatarios, DateTime CreatedAt);

/// <summary>SQL on campanhas and envios_campanha, and the segment query of docs/decisions.md#proactive.</summary>
internal sealed class CampaignStore(NpgsqlDataSource db, ShiftStore shifts, QueueStore queue)
{
    const string Columns = """
        id AS Id, nome AS Nome, tipo AS Kind, mensagem_template AS MensagemTemplate, filtros::text AS Filtros, max_por_dia AS MaxPorDia,
        status AS Status, agendar_para AS ScheduledFor, iniciada_em AS IniciadaEm, concluida_em AS ConcluidaEm,
        total_destinatarios AS TotalDestinatarios, created_at AS CreatedAt
        """;

    public async Task<CampaignRow> CreateAsync(CreateCampaignRequest r, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.QuerySingleAsync<CampaignRow>(new CommandDefinition($"""
            INSERT INTO campanhas (nome, tipo, mensagem_template, filtros, max_por_dia, status, agendar_para)
            VALUES (@Nome, @Kind, @MensagemTemplate, @filtros::jsonb, @max, CASE WHEN @ScheduledFor::timestamptz IS NULL THEN 'rascunho' ELSE 'agendada' END, @ScheduledFor)
            RETURNING {Columns}
            """, new { r.Nome, r.Kind, r.MensagemTemplate, filtros = JsonSerializer.Serialize(r.Filtros ?? new CampaignFilters()),
                max = r.MaxPorDia ?? 50, ScheduledFor = r.ScheduledFor?.UtcDateTime }, cancellationToken: ct));
    }

    public async Task<CampaignRow?> FindAsync(long id, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.QueryFirstOrDefaultAsync<CampaignRow>(new CommandDefinition($"SELECT {Columns} FROM campanhas WHERE id = @id", new { id }, cancellationToken: ct));
    }

    /// <summary>Specialty names (case and accents folded) or ids → ids; unknown names are returned apart.</summary>
    public Task<(Guid[] Ids, string[] Unknown)> SpecialtiesAsync(string[] references, CancellationToken ct) =>
        shifts.ResolveSpecialtiesAsync(references, ct);

    /// <summary>The segment's pressure limit when the campaign names none.</summary>
    public const int DefaultPressureMax = 70;

    /// <summary>
    /// The segment's exclusions that change with time, over the doctor `m` (parameter `@pmax`), each with the `motivo` its
    /// send row gets when the feeder finds it true later (docs/decisions.md#proactive). One definition: the segment
    /// leaves these doctors out at the start, the feeder again as each message is made.
    /// </summary>
    internal static readonly (string Reason, string Condition)[] Exclusions =
    [
        // First: the doctor's own words outrank every other reason (docs/decisions.md#contact-pause).
        ("pausa_pedida", DoctorStore.ContactPausedSql("m")),
        ("controle_humano", "EXISTS (SELECT 1 FROM conversations c WHERE c.medico_id = m.id AND c.status IN ('active', 'paused') AND c.controlled_by = 'human')"),
        ("conversa_recente", "EXISTS (SELECT 1 FROM conversations c WHERE c.medico_id = m.id AND c.status IN ('active', 'paused') AND c.last_inbound_at > now() - interval '7 days')"),
        // A person of ours dealt with him in the last 7 days (a handoff they may have run by phone for weeks, so his last
        // inbound is older): an opening from Júlia right after reads as if no one had spoken to him (docs/decisions.md#proactive).
        ("handoff_recente", "EXISTS (SELECT 1 FROM handoffs h WHERE h.medico_id = m.id AND h.resolvido_em > now() - interval '7 days')"),
        ("envio_pendente", "EXISTS (SELECT 1 FROM fila_mensagens f WHERE f.medico_id = m.id AND f.status IN ('pendente', 'processando') AND f.tipo IN ('campanha', 'followup'))"),
        ("pressao", $"m.pressure_score > LEAST(@pmax, {NeverAbovePressure})"),
    ];

    /// <summary>The pressure band 91–100 is "never contact" — whatever limit a campaign was given (docs/decisions.md#proactive).</summary>
    public const int NeverAbovePressure = 90;

    /// <summary>Why <see cref="Exclusions"/> leave the doctor `m` out now, or NULL.</summary>
    internal static readonly string ExclusionReasonSql =
        $"CASE {string.Join(" ", Exclusions.Select(e => $"WHEN {e.Condition} THEN '{e.Reason}'"))} END";

    static readonly string TimeDependentExclusions = string.Join("\n          ", Exclusions.Select(e => $"AND NOT ({e.Condition})"));

    static readonly string Segment = $$"""
        FROM medicos m LEFT JOIN especialidades e ON e.id = m.especialidade_id
        WHERE NOT m.opted_out AND NOT m.bloqueado AND m.deleted_at IS NULL AND (m.telefone IS NOT NULL OR m.whatsapp_jid IS NOT NULL)
          AND (cardinality(@esp) = 0 OR m.especialidade_id = ANY(@esp))
          AND (cardinality(@regioes) = 0 OR lower(m.regiao) = ANY(@regioes))
          AND (cardinality(@cidades) = 0 OR lower(m.cidade) = ANY(@cidades))
          AND (@estado::text IS NULL OR m.estado = @estado)
          AND (cardinality(@stages) = 0 OR m.stage_jornada = ANY(@stages))
          AND (cardinality(@tags) = 0 OR m.tags ?| @tags)
          {{TimeDependentExclusions}}
          AND (@campanha::bigint IS NULL OR NOT EXISTS (SELECT 1 FROM envios_campanha s WHERE s.campanha_id = @campanha AND s.medico_id = m.id))
        """;

    static object SegmentArgs(CampaignFilters f, Guid[] esp, long? campanha) => new
    {
        pmax = f.PressureScoreMax ?? DefaultPressureMax, esp,
        regioes = (f.Regioes ?? []).Select(r => r.ToLowerInvariant()).ToArray(),
        cidades = (f.Cidades ?? []).Select(r => r.ToLowerInvariant()).ToArray(),
        estado = f.Estado?.ToUpperInvariant(), stages = f.Stages ?? [], tags = f.Tags ?? [], campanha,
    };

    public async Task<(long Count, IReadOnlyList<(string? Nome, string? Especialidade, string? Regiao)> Samples)> PreviewAsync(CampaignFilters f, Guid[] esp, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        var args = SegmentArgs(f, esp, null);
        var count = await c.ExecuteScalarAsync<long>(new CommandDefinition($"SELECT count(*) {Segment}", args, cancellationToken: ct));
        var samples = (await c.QueryAsync<(string?, string?, string?)>(new CommandDefinition($"""
            SELECT concat_ws(' ', m.titulo, m.primeiro_nome, m.sobrenome), COALESCE(e.nome_display, e.nome), m.regiao {Segment} ORDER BY m.id LIMIT 10
            """, args, cancellationToken: ct))).ToList();
        return (count, samples);
    }

    /// <summary>
    /// `iniciar`: the segment becomes envios_campanha rows (pendente; the unique key dedupes), the campaign `ativa`. The
    /// campaign's row is locked first and its status checked under the lock, so a `cancelar` at the same moment either
    /// committed first (then this starts nothing: null, the status it found) or waits and cancels what this added.
    /// </summary>
    public async Task<(int? Added, string Status)> StartAsync(CampaignRow campaign, CancellationToken ct)
    {
        var filters = JsonSerializer.Deserialize<CampaignFilters>(campaign.Filtros) ?? new CampaignFilters();
        var esp = (await SpecialtiesAsync(filters.Especialidades ?? [], ct)).Ids;
        await using var c = await db.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        var status = await c.ExecuteScalarAsync<string>(new CommandDefinition(
            "SELECT status FROM campanhas WHERE id = @id FOR UPDATE", new { id = campaign.Id }, tx, cancellationToken: ct));
        if (status is not ("rascunho" or "agendada" or "pausada")) return (null, status ?? "apagada");
        var added = await c.ExecuteAsync(new CommandDefinition($"""
            INSERT INTO envios_campanha (campanha_id, medico_id) SELECT @campanha, m.id {Segment}
            ON CONFLICT (campanha_id, medico_id) DO NOTHING
            """, SegmentArgs(filters, esp, campaign.Id), tx, cancellationToken: ct));
        await c.ExecuteAsync(new CommandDefinition("""
            UPDATE campanhas SET status = 'ativa', iniciada_em = COALESCE(iniciada_em, now()),
                   total_destinatarios = (SELECT count(*) FROM envios_campanha WHERE campanha_id = @id)
            WHERE id = @id
            """, new { id = campaign.Id }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return (added, "ativa");
    }

    /// <summary>
    /// `pausar`: the campaign stops feeding, and what it already put in the queue today and has not started to go out is
    /// held — those messages `cancelada` (`campanha_pausada`), their sends back to `pendente`, fed again after `iniciar`
    /// (a day's allowance is queued at once, so stopping the feed alone stopped nothing until tomorrow). False when the
    /// campaign was not `ativa`/`agendada` by the time its row was locked.
    /// </summary>
    public async Task<bool> PauseAsync(long id, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        if (await c.ExecuteAsync(new CommandDefinition(
                "UPDATE campanhas SET status = 'pausada' WHERE id = @id AND status IN ('ativa', 'agendada')", new { id }, tx, cancellationToken: ct)) == 0)
            return false;
        var held = await queue.CancelPendingByMetadataReturningAsync(tx, QueueKinds.Campaign, "campanha_id", id.ToString(), PausedReason, ct);
        await c.ExecuteAsync(new CommandDefinition("""
            UPDATE envios_campanha SET status = 'pendente', fila_mensagem_id = NULL
            WHERE campanha_id = @id AND status = 'enfileirado' AND fila_mensagem_id = ANY(@held)
            """, new { id, held }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return true;
    }

    /// <summary>outcome_reason_code of a campaign message held by `pausar`.</summary>
    const string PausedReason = "campanha_pausada";

    /// <summary>
    /// `cancelar`: pending sends and their queued messages are cancelled. False when the campaign had already ended
    /// (concluida or cancelada) by the time its row was locked.
    /// </summary>
    public async Task<bool> CancelAsync(long id, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        if (await c.ExecuteAsync(new CommandDefinition(
                "UPDATE campanhas SET status = 'cancelada', concluida_em = now() WHERE id = @id AND status NOT IN ('concluida', 'cancelada')",
                new { id }, tx, cancellationToken: ct)) == 0)
            return false;
        // Queue rows first: one whose send started is left to the dispatcher, and its envios_campanha row with it (`enfileirado`,
        // then `enviado` or the send's end) — marking it `cancelado` showed a message the doctor got as never sent.
        var cancelled = await queue.CancelPendingByMetadataReturningAsync(tx, QueueKinds.Campaign, "campanha_id", id.ToString(), "campanha_cancelada", ct);
        await c.ExecuteAsync(new CommandDefinition("""
            UPDATE envios_campanha SET status = 'cancelado', motivo = 'campanha_cancelada'
            WHERE campanha_id = @id AND (status = 'pendente' OR (status = 'enfileirado' AND fila_mensagem_id = ANY(@cancelled)))
            """, new { id, cancelled }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return true;
    }

    public async Task<Dictionary<string, object>> ReportAsync(long id, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        var counts = (await c.QueryAsync<(string Status, long N)>(new CommandDefinition(
            "SELECT status, count(*) FROM envios_campanha WHERE campanha_id = @id GROUP BY status", new { id }, cancellationToken: ct)))
            .ToDictionary(x => x.Status, x => x.N);
        var (answered, optOuts) = await c.QuerySingleAsync<(long, long)>(new CommandDefinition("""
            SELECT count(DISTINCT s.medico_id) FILTER (WHERE EXISTS (SELECT 1 FROM interacoes i WHERE i.medico_id = s.medico_id
                       AND i.direcao = 'entrada' AND i.created_at BETWEEN s.enviado_em AND s.enviado_em + interval '7 days')),
                   count(DISTINCT s.medico_id) FILTER (WHERE m.opted_out AND m.opted_out_at >= s.enviado_em)
            FROM envios_campanha s JOIN medicos m ON m.id = s.medico_id WHERE s.campanha_id = @id AND s.status = 'enviado'
            """, new { id }, cancellationToken: ct));
        var total = counts.Values.Sum();
        var sent = counts.GetValueOrDefault("enviado");
        return new Dictionary<string, object>
        {
            ["campanha_id"] = id, ["total"] = total, ["por_status"] = counts,
            ["taxa_entrega"] = total == 0 ? 0 : Math.Round((double)sent / total, 4), ["responderam_7d"] = answered, ["opt_outs"] = optOuts,
        };
    }

    public NpgsqlDataSource DataSource => db;
}
