using System.Text.Json.Nodes;
using Julia.Privacy;
using Npgsql;

namespace Julia.Quality;

/// <summary>
/// Quality's part of a data-subject request (docs/decisions.md#lgpd): the evaluations of his conversations keep their
/// scores (the quality averages stay) without the judge's or staff's comments, which quote him; prompt suggestions drawn
/// from his conversations lose their examples.
/// </summary>
internal sealed class QualityPersonalData : IPersonalDataOwner
{
    const string Conversations = "(SELECT id FROM conversations WHERE medico_id = @medicoId)";

    public int Order => 20;

    public async Task ExportAsync(NpgsqlConnection c, DataSubject subject, JsonObject tables, CancellationToken ct)
    {
        await PersonalDataSql.AddSectionAsync(c, tables, "avaliacoes_qualidade",
            $"SELECT * FROM avaliacoes_qualidade WHERE conversa_id IN {Conversations} ORDER BY created_at", subject.Id, ct);
        await PersonalDataSql.AddSectionAsync(c, tables, "sugestoes_prompt",
            $"SELECT * FROM sugestoes_prompt WHERE conversa_id IN {Conversations} ORDER BY created_at", subject.Id, ct);
    }

    public async Task EraseAsync(NpgsqlTransaction tx, DataSubject subject, IDictionary<string, long> counts, CancellationToken ct)
    {
        await PersonalDataSql.CountAsync(tx, counts, "avaliacoes_qualidade", $$"""
            UPDATE avaliacoes_qualidade SET detalhes = '{}'::jsonb, notas = NULL
            WHERE conversa_id IN {{Conversations}} AND (detalhes <> '{}'::jsonb OR notas IS NOT NULL)
            """, subject.Id, ct);
        await PersonalDataSql.CountAsync(tx, counts, "sugestoes_prompt", $"""
            UPDATE sugestoes_prompt SET descricao = NULL, exemplo_ruim = NULL, exemplo_bom = NULL
            WHERE conversa_id IN {Conversations} AND (descricao IS NOT NULL OR exemplo_ruim IS NOT NULL OR exemplo_bom IS NOT NULL)
            """, subject.Id, ct);
    }
}
