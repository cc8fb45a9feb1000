using Dapper;
using Julia.Slack;
using Npgsql;

namespace Julia.Alerts;

/// <summary>
/// `alertas_enviados` (owned here). Recording an alert and its Slack notice is one transaction, serialised per `tipo`
/// by an advisory lock, so two processes evaluating at once send it once (docs/decisions.md#alerts).
/// </summary>
internal sealed class AlertStore(NpgsqlDataSource db, SlackNotices slack)
{
    /// <summary>
    /// A recovery notice (`whatsapp_reconectado`) only when its outage was paged: an <paramref name="outageTipo"/> alert
    /// of the last <paramref name="within"/> that no recovery of this kind answered yet. Once per outage, in one
    /// transaction with its Slack notice; false when there is nothing to answer.
    /// </summary>
    public async Task<bool> TryRecordRecoveryAsync(string tipo, string outageTipo, TimeSpan within,
        Func<DateTimeOffset, AlertCandidate> recovery, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        await LockAsync(c, tx, tipo, ct);
        var paged = await c.ExecuteScalarAsync<DateTime?>(new CommandDefinition("""
            SELECT max(created_at) FROM alertas_enviados
            WHERE tipo = @outageTipo AND created_at > now() - make_interval(secs => @seconds)
              AND created_at > COALESCE((SELECT max(created_at) FROM alertas_enviados WHERE tipo = @tipo), '-infinity')
            """, new { outageTipo, tipo, seconds = within.TotalSeconds }, tx, cancellationToken: ct));
        if (paged is not { } pagedAt) return false;
        var alert = recovery(new DateTimeOffset(DateTime.SpecifyKind(pagedAt, DateTimeKind.Utc)));
        await InsertAsync(c, tx, alert, ct);
        await tx.CommitAsync(ct);
        return true;
    }

    /// <summary>
    /// True when recorded (and put in the Slack outbox); false while the same or a higher severity of this `tipo` is in its
    /// cooldown — about the same subjects, when the alert names some (a second circuit opening is alerted). An alert whose
    /// end is told (`whatsapp_desconectado`, ended by `whatsapp_reconectado`) is held only by a page that no all-clear
    /// answered yet: after "conectado de novo" a new outage is news (docs/decisions.md#alerts).
    /// </summary>
    public async Task<bool> TryRecordAsync(AlertCandidate alert, TimeSpan cooldown, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        await LockAsync(c, tx, alert.Tipo, ct);
        var recent = await c.QueryAsync<(string Severidade, string Mensagem)>(new CommandDefinition("""
            SELECT severidade, mensagem FROM alertas_enviados
            WHERE tipo = @tipo AND created_at > now() - make_interval(secs => @seconds)
              AND (CAST(@endedBy AS text) IS NULL OR created_at >
                   COALESCE((SELECT max(created_at) FROM alertas_enviados WHERE tipo = @endedBy), '-infinity'))
            """, new { tipo = alert.Tipo, seconds = cooldown.TotalSeconds, endedBy = AlertTypes.EndedBy(alert.Tipo) },
            tx, cancellationToken: ct));
        if (recent.Any(r => AlertTypes.Rank(r.Severidade) >= AlertTypes.Rank(alert.Severidade)
                            && (alert.Subjects is null || alert.Subjects.All(s => r.Mensagem.Contains(s, StringComparison.Ordinal)))))
            return false;

        await InsertAsync(c, tx, alert, ct);
        await tx.CommitAsync(ct);
        return true;
    }

    /// <summary>One writer per `tipo` at a time, across processes (the transaction's advisory lock).</summary>
    static Task LockAsync(NpgsqlConnection c, NpgsqlTransaction tx, string tipo, CancellationToken ct) =>
        c.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(hashtext('alertas_enviados:' || @tipo))",
            new { tipo }, tx, cancellationToken: ct));

    async Task InsertAsync(NpgsqlConnection c, NpgsqlTransaction tx, AlertCandidate alert, CancellationToken ct)
    {
        var (id, createdAt) = await c.QuerySingleAsync<(Guid, DateTime)>(new CommandDefinition("""
            INSERT INTO alertas_enviados (tipo, severidade, mensagem, valor) VALUES (@Tipo, @Severidade, @Mensagem, @Valor)
            RETURNING id, created_at
            """, alert, tx, cancellationToken: ct));
        await slack.EnqueueAlertAsync(tx, id, new
        {
            tipo = alert.Tipo, severidade = alert.Severidade, mensagem = alert.Mensagem, valor = alert.Valor,
            criado_em = new DateTimeOffset(createdAt, TimeSpan.Zero), o_que_fazer = AlertGuide.For(alert.Tipo),
        }, ct);
    }
}
