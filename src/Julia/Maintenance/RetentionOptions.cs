namespace Julia.Maintenance;

internal sealed class RetentionOptions
{
    public const string Section = "Maintenance";
    /// <summary>RETENCAO_CONVERSAS_DIAS: conversations created and last active longer ago than this go.</summary>
    public int ConversationsDays { get; set; } = 90;
    /// <summary>RETENCAO_INTERACOES_DIAS.</summary>
    public int InteractionsDays { get; set; } = 90;
    /// <summary>RETENCAO_FILA_ENVIADA_DIAS: sent queue rows (and delivered staff notices).</summary>
    public int SentQueueDays { get; set; } = 30;
    /// <summary>Queue rows that ended unsent (`cancelada`, `bloqueada`, `erro`) and failed notices.</summary>
    public int EndedQueueDays { get; set; } = 90;
    public int BatchSize { get; set; } = 1_000;
}
