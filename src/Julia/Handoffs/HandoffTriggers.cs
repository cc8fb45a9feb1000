namespace Julia.Handoffs;

/// <summary>handoffs.trigger_type values (docs/decisions.md#data-model).</summary>
internal static class HandoffTriggers
{
    public const string PersonRequested = "pedido_humano", Legal = "juridico", NegativeSentiment = "sentimento_negativo",
        LowConfidence = "baixa_confianca", Manual = "manual", SystemError = "erro_sistema";

    /// <summary>The types `solicitar_humano` may name; anything else becomes baixa_confianca.</summary>
    public static readonly IReadOnlySet<string> RequestableByAgent = new HashSet<string>([PersonRequested, LowConfidence, Legal, NegativeSentiment]);
}
