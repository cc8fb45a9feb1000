using Julia.Agent.Tools;

namespace Julia.UnitTests.Agent;

/// <summary>
/// The standard reminder a doctor gets when the model wrote none (an audit of what people read, 2026-12-04): without a
/// name it greeted "Oi Dr(a), tudo bem?", and without a subject it read "retomar o que a gente combinou sobre nossa conversa".
/// </summary>
public sealed class ReminderTextTests
{
    [Theory]
    [InlineData("Dr. André", "plantões de UTI", "Oi Dr. André, tudo bem? Passando pra retomar o que a gente combinou sobre plantões de UTI.")]
    [InlineData(null, "plantões de UTI.", "Oi, tudo bem? Passando pra retomar o que a gente combinou sobre plantões de UTI.")]
    [InlineData("Dra. Ana", null, "Oi Dra. Ana, tudo bem? Passando pra retomar nossa conversa.")]
    [InlineData(" ", " ", "Oi, tudo bem? Passando pra retomar nossa conversa.")]
    public void TheStandardReminderReadsWithOrWithoutNameAndSubject(string? salutation, string? subject, string expected) =>
        Assert.Equal(expected, ConversationTools.DefaultReminderText(salutation, subject));
}
