using System.Text.Json.Nodes;
using Dapper;
using Julia.Privacy;
using Npgsql;

namespace Julia.Conversations;

/// <summary>
/// Conversations' part of a data-subject request (docs/decisions.md#lgpd): conversations, interacoes and the bot-detection
/// rows. Rows stay (the dashboard's counts, response times and funnels keep them); what the doctor or Júlia wrote, the
/// media, the WhatsApp address and the Chatwoot links go. An open conversation ends as `abandoned`, and his messages no
/// turn consumed yet are marked processed.
/// </summary>
internal sealed class ConversationPersonalData : IPersonalDataOwner
{
    public int Order => 70;

    public async Task ExportAsync(NpgsqlConnection c, DataSubject subject, JsonObject tables, CancellationToken ct)
    {
        await PersonalDataSql.AddSectionAsync(c, tables, "conversations",
            "SELECT * FROM conversations WHERE medico_id = @medicoId ORDER BY created_at", subject.Id, ct);
        await PersonalDataSql.AddSectionAsync(c, tables, "interacoes",
            "SELECT * FROM interacoes WHERE medico_id = @medicoId ORDER BY created_at, id", subject.Id, ct);
        await PersonalDataSql.AddSectionAsync(c, tables, "metricas_deteccao_bot",
            "SELECT * FROM metricas_deteccao_bot WHERE medico_id = @medicoId ORDER BY created_at", subject.Id, ct);
    }

    public async Task EraseAsync(NpgsqlTransaction tx, DataSubject subject, IDictionary<string, long> counts, CancellationToken ct)
    {
        // A message no turn consumed yet is skipped on purpose (processado_em): no turn runs for an erased doctor.
        await PersonalDataSql.CountAsync(tx, counts, "interacoes", """
            UPDATE interacoes SET conteudo = NULL, midia = NULL, remote_jid = NULL,
                   processado_em = CASE WHEN direcao = 'entrada' THEN COALESCE(processado_em, now()) ELSE processado_em END
            WHERE medico_id = @medicoId
              AND (conteudo IS NOT NULL OR midia IS NOT NULL OR remote_jid IS NOT NULL OR (direcao = 'entrada' AND processado_em IS NULL))
            """, subject.Id, ct);
        await PersonalDataSql.CountAsync(tx, counts, "metricas_deteccao_bot", """
            UPDATE metricas_deteccao_bot SET mensagem = '', trecho = NULL
            WHERE medico_id = @medicoId AND (mensagem <> '' OR trecho IS NOT NULL)
            """, subject.Id, ct);
        await PersonalDataSql.CountAsync(tx, counts, "conversations", """
            UPDATE conversations SET escalation_reason = NULL, chatwoot_conversation_id = NULL, chatwoot_contact_id = NULL,
                   status = CASE WHEN status IN ('active', 'paused') THEN 'abandoned' ELSE status END,
                   completed_at = CASE WHEN status IN ('active', 'paused') THEN now() ELSE completed_at END,
                   controlled_by = 'ai', pausado_ate = NULL
            WHERE medico_id = @medicoId
              AND (status IN ('active', 'paused') OR escalation_reason IS NOT NULL OR chatwoot_conversation_id IS NOT NULL
                   OR chatwoot_contact_id IS NOT NULL OR controlled_by <> 'ai')
            """, subject.Id, ct);
    }

    public async Task<IReadOnlyList<string>> CacheKeysAsync(NpgsqlConnection c, DataSubject subject, CancellationToken ct)
    {
        var ids = await c.QueryAsync<Guid>(new CommandDefinition(
            "SELECT id FROM conversations WHERE medico_id = @medicoId", new { medicoId = subject.Id }, cancellationToken: ct));
        return [.. ids.SelectMany(id => new[] { ConversationLock.Key(id), $"debounce:conversa:{id}" })];
    }
}
