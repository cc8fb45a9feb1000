using System.Text.Json.Nodes;
using Julia.Privacy;
using Npgsql;

namespace Julia.Handoffs;

/// <summary>
/// Handoffs' part of a data-subject request (docs/decisions.md#lgpd): rows stay (handoff counts and times), without the
/// reason, staff notes, the quoted messages of metadata and the reasons of later triggers (`gatilhos_adicionais[].motivo`,
/// which keep their type and time); an open handoff is resolved by `titular_apagado`.
/// </summary>
internal sealed class HandoffPersonalData : IPersonalDataOwner
{
    public int Order => 50;

    public Task ExportAsync(NpgsqlConnection c, DataSubject subject, JsonObject tables, CancellationToken ct) =>
        PersonalDataSql.AddSectionAsync(c, tables, "handoffs",
            "SELECT * FROM handoffs WHERE medico_id = @medicoId ORDER BY created_at", subject.Id, ct);

    public Task EraseAsync(NpgsqlTransaction tx, DataSubject subject, IDictionary<string, long> counts, CancellationToken ct) =>
        PersonalDataSql.CountAsync(tx, counts, "handoffs", """
            UPDATE handoffs SET motivo = NULL, notas = NULL,
                   metadata = metadata - 'ultima_mensagem' - 'mensagem_gatilho' || CASE WHEN metadata ? 'gatilhos_adicionais'
                       THEN jsonb_build_object('gatilhos_adicionais',
                            (SELECT COALESCE(jsonb_agg(g - 'motivo'), '[]'::jsonb) FROM jsonb_array_elements(metadata -> 'gatilhos_adicionais') g))
                       ELSE '{}'::jsonb END,
                   status = 'resolvido', resolvido_em = COALESCE(resolvido_em, now()),
                   resolvido_por = CASE WHEN status = 'resolvido' THEN resolvido_por ELSE 'titular_apagado' END
            WHERE medico_id = @medicoId
              AND (motivo IS NOT NULL OR notas IS NOT NULL OR metadata ?| ARRAY['ultima_mensagem', 'mensagem_gatilho']
                   OR jsonb_path_exists(metadata, '$.gatilhos_adicionais[*].motivo') OR status <> 'resolvido')
            """, subject.Id, ct);
}
