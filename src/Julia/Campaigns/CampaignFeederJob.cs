using Dapper;
using Julia.Infrastructure.Hosting;
using Julia.Infrastructure.Time;
using Julia.Queue;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Julia.Campaigns;

/// <summary>
/// `campanhas` — every minute inside business hours (docs/decisions.md#proactive): starts `agendada` campaigns that are due, then drip-feeds
/// each `ativa` one into the queue within today's allowances (its `max_por_dia`, the global daily cap, the first-contact
/// cap), as `campanha` rows (prioridade 3); a campaign with no send left pending is `concluida`.
/// </summary>
internal sealed class CampaignFeederJob(
    NpgsqlDataSource db, CampaignStore campaigns, QueueStore queue, IOptions<QueueOptions> limits, IOptions<AppOptions> app, TimeProvider time) : Jobs.IJob
{
    public string Name => "campanhas";
    public Jobs.JobSchedule Schedule => new(Every: TimeSpan.FromMinutes(1), BusinessHoursOnly: true);

    /// <summary>
    /// A message of today that uses up the day's allowance: not one cancelled, blocked at send time (opt-out, a blocked or
    /// removed doctor, a person in control) or found to have no WhatsApp — none of those went out, and an imported list
    /// with dead numbers would otherwise spend the day on them (docs/decisions.md#proactive).
    /// </summary>
    const string CountsToday = "status NOT IN ('cancelada', 'bloqueada') AND NOT (status = 'erro' AND outcome_reason_code IS NOT DISTINCT FROM 'sem_whatsapp')";

    /// <summary>
    /// A message of today (São Paulo): created today, or created on an earlier day and still waiting or sent today — one
    /// fed at 19:50 that the limits and the end of business hours held overnight goes out today, in today's allowance
    /// (docs/decisions.md#proactive). Before, a campaign started in the evening sent its left-overs and a whole day's
    /// allowance the next morning.
    /// </summary>
    const string OfToday = $"{CountsToday} AND (created_at >= @dayStart OR status IN ('pendente', 'processando') OR enviada_em >= @dayStart)";

    public async Task<string> RunAsync(CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        var started = 0;
        foreach (var due in await c.QueryAsync<long>(new CommandDefinition(
            "SELECT id FROM campanhas WHERE status = 'agendada' AND agendar_para <= now()", cancellationToken: ct)))
        {
            await campaigns.StartAsync((await campaigns.FindAsync(due, ct))!, ct);
            started++;
        }

        var dayStart = new DateTimeOffset(SaoPaulo.ToLocal(time.GetUtcNow()).Date, SaoPaulo.ToLocal(time.GetUtcNow()).Offset).UtcDateTime;
        var (globalToday, firstToday) = await c.QuerySingleAsync<(long, long)>(new CommandDefinition($"""
            SELECT count(*) FILTER (WHERE tipo IN ('campanha', 'followup')), count(*) FILTER (WHERE (metadata->>'primeiro_contato')::boolean)
            FROM fila_mensagens WHERE {OfToday} AND tipo IN ('campanha', 'followup')
            """, new { dayStart }, cancellationToken: ct));
        var globalLeft = limits.Value.MaxPerDay - (int)globalToday;
        var firstLeft = limits.Value.MaxFirstContactsPerDay - (int)firstToday;
        var fed = 0;
        var company = app.Value.CompanyName;

        foreach (var campaign in await c.QueryAsync<(long Id, string Template, int MaxPorDia, int PressureMax)>(new CommandDefinition($"""
            SELECT id, mensagem_template, max_por_dia, COALESCE((filtros->>'pressure_score_max')::int, {CampaignStore.DefaultPressureMax})
            FROM campanhas WHERE status = 'ativa' ORDER BY id
            """, cancellationToken: ct)))
        {
            var campaignToday = await c.ExecuteScalarAsync<int>(new CommandDefinition($"""
                SELECT count(*) FROM fila_mensagens WHERE tipo = 'campanha' AND metadata->>'campanha_id' = @id AND {OfToday}
                """, new { id = campaign.Id.ToString(), dayStart }, cancellationToken: ct));
            var allowance = Math.Min(campaign.MaxPorDia - campaignToday, globalLeft);
            if (allowance > 0)
            {
                var n = await FeedAsync(c, campaign.Id, campaign.Template, campaign.PressureMax, allowance, firstLeft, company, ct);
                fed += n.Total;
                globalLeft -= n.Total;
                firstLeft -= n.First;
            }
            await c.ExecuteAsync(new CommandDefinition("""
                UPDATE campanhas SET status = 'concluida', concluida_em = now()
                WHERE id = @id AND status = 'ativa' AND NOT EXISTS (SELECT 1 FROM envios_campanha WHERE campanha_id = @id AND status IN ('pendente', 'enfileirado'))
                """, new { id = campaign.Id }, cancellationToken: ct));
        }
        return $"{Infrastructure.Text.PtBrCount.Of(started, "campanha iniciada", "campanhas iniciadas")}, {Infrastructure.Text.PtBrCount.Of(fed, "envio enfileirado", "envios enfileirados")}";
    }

    /// <summary>
    /// Today's share of one campaign, oldest send rows first. The segment's exclusions that change with time are checked
    /// again here, when the message is about to exist (a campaign drips over days; docs/decisions.md#proactive): a doctor whose
    /// open conversation a person controls, who wrote in the last 7 days, who has a campaign or follow-up message
    /// waiting, or whose pressure is above the campaign's limit is left out of it — his send row `cancelado` with that
    /// `motivo` — and the next one takes his place.
    /// </summary>
    async Task<(int Total, int First)> FeedAsync(NpgsqlConnection c, long campaignId, string template, int pressureMax, int allowance, int firstLeft,
        string company, CancellationToken ct)
    {
        await using var tx = await c.BeginTransactionAsync(ct);
        var items = new List<(Guid EnvioId, NewQueueItem Item)>();
        var seen = new List<Guid>();
        var first = 0;
        for (var round = 0; round < MaxRounds && items.Count < allowance; round++)
        {
            var candidates = (await c.QueryAsync<Candidate>(new CommandDefinition($"""
                SELECT s.id AS EnvioId, m.id AS MedicoId, m.titulo AS Titulo, m.primeiro_nome AS PrimeiroNome,
                       COALESCE(e.nome_display, e.nome) AS Especialidade, m.regiao AS Regiao, e.config->>'saudacao' AS Greeting,
                       m.primeiro_contato_em IS NULL AS FirstContact,
                       (SELECT c.id FROM conversations c WHERE c.medico_id = m.id AND c.status IN ('active', 'paused')) AS ConversaId,
                       {CampaignStore.ExclusionReasonSql} AS Excluded
                FROM envios_campanha s JOIN medicos m ON m.id = s.medico_id LEFT JOIN especialidades e ON e.id = m.especialidade_id
                WHERE s.campanha_id = @campaignId AND s.status = 'pendente' AND NOT (s.id = ANY(@seen))
                ORDER BY s.created_at, s.id
                LIMIT @limit
                FOR UPDATE OF s SKIP LOCKED
                """, new { campaignId, limit = allowance - items.Count, seen = seen.ToArray(), pmax = pressureMax }, tx, cancellationToken: ct))).ToList();
            if (candidates.Count == 0) break;
            seen.AddRange(candidates.Select(r => r.EnvioId));
            var excluded = candidates.Where(r => r.Excluded is not null).ToList();
            if (excluded.Count > 0)
                await c.ExecuteAsync(new CommandDefinition("""
                    UPDATE envios_campanha s SET status = 'cancelado', motivo = x.motivo
                    FROM unnest(@ids, @reasons) AS x (id, motivo) WHERE s.id = x.id
                    """, new { ids = excluded.Select(r => r.EnvioId).ToArray(), reasons = excluded.Select(r => r.Excluded!).ToArray() }, tx, cancellationToken: ct));
            var skipped = 0;
            foreach (var r in candidates.Where(r => r.Excluded is null))
            {
                if (r.FirstContact && first >= firstLeft)
                {
                    skipped++;   // stays pendente for another day; a doctor already contacted behind him may go today
                    continue;
                }
                if (r.FirstContact) first++;
                var recipient = new CampaignRecipient(r.MedicoId, r.Titulo, r.PrimeiroNome, r.Especialidade, r.Regiao, r.Greeting, r.FirstContact);
                items.Add((r.EnvioId, new NewQueueItem(r.MedicoId, r.ConversaId, QueueKinds.Campaign, CampaignTemplate.Render(template, recipient, company),
                    time.GetUtcNow(), Metadata: new Dictionary<string, object?>
                    {
                        ["campanha_id"] = campaignId.ToString(), ["envio_id"] = r.EnvioId, ["primeiro_contato"] = r.FirstContact,
                    })));
            }
            if (excluded.Count == 0 && skipped == 0) break;   // nobody left out: a short page means nothing more is pending
        }
        var queued = await queue.EnqueueAsync(tx, [.. items.Select(i => i.Item)], ct);
        await c.ExecuteAsync(new CommandDefinition("""
            UPDATE envios_campanha s SET status = 'enfileirado', fila_mensagem_id = q.fila_id
            FROM unnest(@ids, @queued) AS q (envio_id, fila_id) WHERE s.id = q.envio_id
            """, new { ids = items.Select(i => i.EnvioId).ToArray(), queued }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return (items.Count, first);
    }

    /// <summary>At most this many pages of candidates per campaign and run, however many are left out.</summary>
    const int MaxRounds = 10;

    sealed record Candidate(Guid EnvioId, Guid MedicoId, string? Titulo, string? PrimeiroNome, string? Especialidade, string? Regiao,
        string? Greeting, bool FirstContact, Guid? ConversaId, string? Excluded);
}
