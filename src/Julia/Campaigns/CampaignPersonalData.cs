using System.Text.Json.Nodes;
using Julia.Privacy;
using Julia.Queue;
using Npgsql;

namespace Julia.Campaigns;

/// <summary>
/// Campaigns' part of a data-subject request (docs/decisions.md#lgpd): his envios_campanha rows stay (a campaign's
/// results keep their counts); sends not yet made are cancelled — one whose message is already going out is not (the
/// erasure cannot stop it) and follows its send, as after an opt-out.
/// </summary>
internal sealed class CampaignPersonalData : IPersonalDataOwner
{
    public int Order => 30;

    public Task ExportAsync(NpgsqlConnection c, DataSubject subject, JsonObject tables, CancellationToken ct) =>
        PersonalDataSql.AddSectionAsync(c, tables, "envios_campanha",
            "SELECT * FROM envios_campanha WHERE medico_id = @medicoId ORDER BY created_at", subject.Id, ct);

    public Task EraseAsync(NpgsqlTransaction tx, DataSubject subject, IDictionary<string, long> counts, CancellationToken ct) =>
        PersonalDataSql.CountAsync(tx, counts, "envios_campanha", $"""
            UPDATE envios_campanha SET status = 'cancelado', motivo = 'titular_apagado'
            WHERE medico_id = @medicoId
              AND (status = 'pendente' OR (status = 'enfileirado' AND NOT {QueueStore.GoingOutSql("envios_campanha.fila_mensagem_id")}))
            """, subject.Id, ct);
}
