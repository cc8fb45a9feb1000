namespace Julia.Doctors;

/// <summary>
/// The values of `medicos.stage_jornada` (migration 0012's domain `medicos_stage_jornada`): what a campaign's `stages`
/// filter may name. `DataModelConformanceTests` checks the domain and this list against each other.
/// </summary>
internal static class JourneyStages
{
    public static readonly string[] All =
    [
        "novo", "msg_enviada", "aguardando_resposta", "respondeu", "em_conversacao", "qualificado", "docs_pendentes",
        "cadastrado", "ativo", "nao_respondeu", "inativo", "perdido", "opt_out",
    ];
}
