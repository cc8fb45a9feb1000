using Dapper;
using Npgsql;

namespace Julia.Campaigns;

/// <summary>SQL on envios_campanha needed outside Campaigns (opt-out cancels a doctor's pending sends).</summary>
internal sealed class CampaignSendStore
{
    public Task<int> CancelPendingForDoctorAsync(NpgsqlTransaction tx, Guid medicoId, string reason, CancellationToken ct) =>
        tx.Connection!.ExecuteAsync(new CommandDefinition("""
            UPDATE envios_campanha SET status = 'cancelado', motivo = @reason
            WHERE medico_id = @medicoId AND status IN ('pendente', 'enfileirado')
            """, new { medicoId, reason }, tx, cancellationToken: ct));
}
