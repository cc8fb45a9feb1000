namespace Julia.Conversations.Text;

/// <summary>
/// What a doctor's message asks that is handled when it arrives, not when the burst it is part of ends: an opt-out, and a
/// handoff trigger of its own (docs/decisions.md#inbound). Anger read across several messages is not: it needs
/// the burst.
/// </summary>
internal static class ArrivalRules
{
    public static bool RunsAtOnce(string? words) =>
        !string.IsNullOrWhiteSpace(words) && (OptOutDetector.IsOptOut(words) || HandoffTriggerDetector.Detect(words) is not null);
}
