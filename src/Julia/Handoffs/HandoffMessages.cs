namespace Julia.Handoffs;

/// <summary>The one `sistema` message a doctor gets when a person takes over (docs/decisions.md#handoff), in Júlia's own voice.</summary>
internal static class HandoffMessages
{
    public static string Transition(string triggerType) => triggerType switch
    {
        HandoffTriggers.PersonRequested => "Claro! Vou chamar alguém da equipe pra seguir com vc por aqui",
        HandoffTriggers.Legal => "Entendi, esse assunto precisa da nossa equipe, já estou encaminhando",
        HandoffTriggers.NegativeSentiment => "Desculpa pelo transtorno. Vou pedir pra alguém da equipe assumir aqui com vc, tá?",
        HandoffTriggers.LowConfidence => "Quero te responder certinho, vou confirmar com a equipe",
        HandoffTriggers.SystemError => "Vou pedir pra alguém da equipe seguir com vc por aqui, tá?",
        _ => "Uma colega da equipe vai continuar com vc por aqui",
    };

    static readonly HashSet<string> Transitions =
    [
        .. new[] { HandoffTriggers.PersonRequested, HandoffTriggers.Legal, HandoffTriggers.NegativeSentiment, HandoffTriggers.LowConfidence,
            HandoffTriggers.SystemError, HandoffTriggers.Manual }.Select(Transition),
    ];

    /// <summary>Is this text one of the transition messages (as stored on the outbound interaction)?</summary>
    public static bool IsTransition(string text) => Transitions.Contains(text.Trim());
}
