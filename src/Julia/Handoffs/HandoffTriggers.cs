namespace Julia.Handoffs;

/// <summary>handoffs.trigger_type values (docs/decisions.md#data-model).</summary>
internal static class HandoffTriggers
{
    public const string PersonRequested = "pedido_humano", Legal = "juridico", NegativeSentiment = "sentimento_negativo",
        LowConfidence = "baixa_confianca", Manual = "manual", SystemError = "erro_sistema";

    /// <summary>The types `solicitar_humano` may name; anything else becomes baixa_confianca.</summary>
    public static readonly IReadOnlySet<string> RequestableByAgent = new HashSet<string>([PersonRequested, LowConfidence, Legal, NegativeSentiment]);

    /// <summary>Every type, for what sweeps them all (the notices staff read).</summary>
    public static readonly IReadOnlyList<string> All = [PersonRequested, Legal, NegativeSentiment, LowConfidence, SystemError, Manual];

    /// <summary>
    /// The type in words, for people (docs/decisions.md#staff-texts): "pedido de uma pessoa", not "pedido_humano". A type
    /// this version does not know (a row written by hand) is shown as stored.
    /// </summary>
    public static string Label(string type) => type switch
    {
        PersonRequested => "pedido de uma pessoa",
        Legal => "assunto jurídico",
        NegativeSentiment => "insatisfação",
        LowConfidence => "dúvida sem resposta segura",
        SystemError => "falha técnica",
        Manual => "assumida pela equipe",
        _ => type,
    };

    /// <summary>
    /// What the person who takes the conversation does (docs/decisions.md#staff-texts), in the Chatwoot note and the Slack
    /// notice: both said why, never what to do about it.
    /// </summary>
    public static string StaffAction(string type) => type switch
    {
        PersonRequested => "responda ao médico: ele pediu para falar com uma pessoa.",
        Legal => "passe a quem cuida de contratos e questões jurídicas e responda ao médico; a Júlia não trata do assunto.",
        NegativeSentiment => "leia a conversa e responda ao médico: ele está insatisfeito.",
        LowConfidence => "responda à dúvida do médico: a Júlia disse a ele que ia confirmar com a equipe.",
        SystemError => "responda ao médico: a Júlia não conseguiu responder (falha técnica; a causa está nos logs).",
        Manual => "siga com o médico (a equipe já está com a conversa) e devolva à Júlia quando terminar.",
        _ => "responda ao médico.",
    };
}
