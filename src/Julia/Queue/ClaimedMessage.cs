namespace Julia.Queue;

/// <summary>A fila_mensagens row claimed for sending, with the fresh state the pre-send checks need (docs/decisions.md#queue).</summary>
internal sealed record ClaimedMessage(
    Guid Id, Guid MedicoId, Guid? ConversaId, string Tipo, string Conteudo, int Tentativas, int MaxTentativas, DateTime CreatedAtUtc,
    string? TipoSistema, int DigitacaoMs, bool FirstContact, bool AllowedUnderHuman, string? Llm, string? TipoFollowup = null,
    int Prioridade = 0, DateTime AgendarParaUtc = default)
{
    public bool IsProactive => Tipo is QueueKinds.Lembrete or QueueKinds.Followup or QueueKinds.Campanha;
    public bool CountsTowardLimits => Tipo is QueueKinds.Followup or QueueKinds.Campanha;
    public bool NeedsBusinessHours => IsProactive;
}

/// <summary>What the database says right before the send (never the cache).</summary>
internal sealed record SendState(
    bool DoctorDeleted, bool OptedOut, bool Bloqueado, string? Address, bool HumanControlled, bool NewerInbound, bool InboundSinceEnqueue);
