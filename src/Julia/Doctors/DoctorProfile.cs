using Dapper;
using Julia.Infrastructure.Database;
using Npgsql;

namespace Julia.Doctors;

/// <summary>
/// Who the doctor is, as the agent's context needs it (docs/decisions.md#agent). <see cref="Diretrizes"/>: the managers'
/// active directives that apply to him (everyone's and his own, at most <see cref="DoctorProfileStore.MaxDirectives"/>,
/// highest priority first) as a JSON array of `{tipo, conteudo, vaga_id, do_medico}`, or null when there are none.
/// <see cref="NomesPreferencias"/>: the names of the hospitals and sectors his preferences hold by id, as a JSON object
/// id → name (null when there are none), so the model reads "Hospital São Lucas", not a uuid.
/// <see cref="ContatoPausadoAte"/>, <see cref="ContatoPausadoMotivo"/>: the pause he asked for (UTC; null when none), so
/// the model knows it when he writes during it (docs/decisions.md#contact-pause).
/// </summary>
internal sealed record DoctorProfile(
    Guid Id, string? Titulo, string? PrimeiroNome, string? Sobrenome, string? Crm, string? Estado, string? Cidade, string? Regiao,
    Guid? EspecialidadeId, string? Especialidade, string? EspecialidadeNotas, string StageJornada, bool Vip, string Preferencias,
    string? Diretrizes = null, string? NomesPreferencias = null, DateTime? ContatoPausadoAte = null, string? ContatoPausadoMotivo = null);

internal sealed class DoctorProfileStore(NpgsqlDataSource db)
{
    const string Select = """
        SELECT m.id AS Id, m.titulo AS Titulo, m.primeiro_nome AS PrimeiroNome, m.sobrenome AS Sobrenome, m.crm AS Crm,
               m.estado AS Estado, m.cidade AS Cidade, m.regiao AS Regiao, m.especialidade_id AS EspecialidadeId,
               COALESCE(e.nome_display, e.nome, m.especialidade) AS Especialidade, e.config->>'nota_contexto' AS EspecialidadeNotas,
               m.stage_jornada AS StageJornada, m.vip AS Vip, m.preferencias_detectadas::text AS Preferencias,
               (SELECT json_agg(json_build_object('tipo', d.tipo, 'conteudo', d.conteudo, 'vaga_id', d.vaga_id, 'do_medico', d.medico_id IS NOT NULL)
                                ORDER BY d.prioridade DESC, d.created_at)::text
                FROM (SELECT tipo, left(conteudo, 500) AS conteudo, vaga_id, medico_id, prioridade, created_at FROM diretrizes
                      WHERE ativo AND (expira_em IS NULL OR expira_em > now()) AND (medico_id IS NULL OR medico_id = m.id)
                      ORDER BY prioridade DESC, created_at LIMIT 10) d) AS Diretrizes,
               (SELECT json_object_agg(x.id, x.nome)::text
                FROM (SELECT h.id, h.nome FROM hospitais h
                      WHERE h.id IN (SELECT v::uuid FROM jsonb_array_elements_text(
                                        CASE WHEN jsonb_typeof(m.preferencias_detectadas->'hospitais_preferidos') = 'array'
                                             THEN m.preferencias_detectadas->'hospitais_preferidos' ELSE '[]' END
                                        || CASE WHEN jsonb_typeof(m.preferencias_detectadas->'hospitais_bloqueados') = 'array'
                                                THEN m.preferencias_detectadas->'hospitais_bloqueados' ELSE '[]' END) AS v
                                     WHERE v ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$')
                      UNION ALL
                      SELECT s.id, s.nome FROM setores s
                      WHERE s.id IN (SELECT v::uuid FROM jsonb_array_elements_text(
                                        CASE WHEN jsonb_typeof(m.preferencias_detectadas->'setores_bloqueados') = 'array'
                                             THEN m.preferencias_detectadas->'setores_bloqueados' ELSE '[]' END) AS v
                                     WHERE v ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$')) x) AS NomesPreferencias,
               m.contato_pausado_ate AS ContatoPausadoAte, m.contato_pausado_motivo AS ContatoPausadoMotivo
        FROM medicos m LEFT JOIN especialidades e ON e.id = m.especialidade_id
        """;

    /// <summary>The most directives a turn's context carries (the highest priority ones).</summary>
    internal const int MaxDirectives = 10;

    /// <summary>
    /// For another feature's statement that reads a doctor from the database anyway: his profile in the same round trip,
    /// as `LEFT JOIN LATERAL (…) {name} ON true`, its columns those of <see cref="DoctorProfile"/> (the first is `Id`).
    /// </summary>
    internal static string LateralJoin(string name, string idExpression) => $"LEFT JOIN LATERAL ({Select} WHERE m.id = {idExpression}) {name} ON true";

    public async Task<DoctorProfile?> FindAsync(Guid id, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.QueryFirstOrDefaultPreparedAsync<DoctorProfile>($"{Select} WHERE m.id = @id", ct, new { id });
    }
}
