using Dapper;
using Julia.Conversations.Text;
using Npgsql;

namespace Julia.Conversations;

/// <summary>
/// `metricas_deteccao_bot`: one row per message of a doctor that asks whether Júlia is a bot, an AI or a person
/// (<see cref="BotQuestionDetector"/>; docs/decisions.md#agent, "Questions about what Júlia is"). Written when his turn
/// reads the message, once per message however often the turn runs (a deferred or superseded turn reads it again).
/// Costs nothing on a turn without such a question.
/// </summary>
internal sealed partial class BotQuestionLog(NpgsqlDataSource db, ILogger<BotQuestionLog> logger)
{
    const int MaxStored = 1000;

    public async Task RecordAsync(Guid medicoId, Guid conversaId, IEnumerable<PendingInbound> pending, CancellationToken ct)
    {
        var asked = pending
            .Select(p => (Message: p, Words: p.Kind == WhatsApp.MessageKinds.Text ? p.Content : p.Caption))
            .Select(p => (p.Message, p.Words, Found: BotQuestionDetector.Detect(p.Words)))
            .Where(p => p.Found is not null)
            .Select(p => new
            {
                interacao = p.Message.Id, mensagem = Infrastructure.Text.TextPrefix.Of(p.Words!, MaxStored),
                padrao = p.Found!.Value.Pattern, trecho = Infrastructure.Text.TextPrefix.Of(p.Found.Value.Excerpt, 200),
            }).ToList();
        if (asked.Count == 0) return;
        try
        {
            await using var c = await db.OpenConnectionAsync(ct);
            var written = await c.ExecuteAsync(new CommandDefinition("""
                INSERT INTO metricas_deteccao_bot (medico_id, conversa_id, interacao_id, mensagem, padrao, trecho)
                SELECT @medicoId, @conversaId, @interacao, @mensagem, @padrao, @trecho
                WHERE NOT EXISTS (SELECT 1 FROM metricas_deteccao_bot WHERE interacao_id = @interacao)
                """, asked.Select(a => new { medicoId, conversaId, a.interacao, a.mensagem, a.padrao, a.trecho }), cancellationToken: ct));
            if (written > 0) LogAsked(conversaId, written, string.Join(", ", asked.Select(a => a.padrao).Distinct()));
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            // A metrics row: its loss must not cost the doctor his answer.
            LogNotRecorded(conversaId, ex.Message);
        }
    }

    [LoggerMessage(EventId = 1140, Level = LogLevel.Information, Message = "Bot question: conversa {ConversaId}, {Count} message(s) asking whether Júlia is a bot/AI ({Patterns}); metricas_deteccao_bot")]
    private partial void LogAsked(Guid conversaId, int count, string patterns);

    [LoggerMessage(EventId = 1141, Level = LogLevel.Warning, Message = "Bot question of conversa {ConversaId} not recorded in metricas_deteccao_bot: {Error}")]
    private partial void LogNotRecorded(Guid conversaId, string error);
}
