using Julia.Conversations;

namespace Julia.UnitTests.Conversations;

/// <summary>The `encerramento` job's summary: every count agrees with its noun, as in every other job's (PtBrCount).</summary>
public sealed class IdleCloseSummaryTests
{
    [Fact]
    public void OneOfEachIsSingular() =>
        Assert.Equal("1 conversa encerrada (completed), 1 abandonada, 1 com a equipe sem atividade devolvida à Júlia e encerrada, " +
                     "1 handoff aberto de conversa já encerrada resolvido", IdleCloseJob.Summary(1, 1, 1, 1));

    [Fact]
    public void NoneOrManyArePlural() =>
        Assert.Equal("0 conversas encerradas (completed), 2 abandonadas, 1.200 com a equipe sem atividade devolvidas à Júlia e encerradas",
            IdleCloseJob.Summary(0, 2, 1200, 0));
}
