using Julia.Agent;
using Julia.IntegrationTests.TestHost;
using static Julia.IntegrationTests.TestHost.EvolutionWebhooks;

namespace Julia.IntegrationTests.Conversations;

/// <summary>The agent is the second net: an opt-out the rules missed is still honoured, and the miss is reported.</summary>
public sealed class DetectionFeedbackTests(PipelineFixture f) : IClassFixture<PipelineFixture>
{
    [Fact]
    public async Task AnOptOutOnlyTheAgentSawIsHonouredAndReportedWithItsNearestFamily()
    {
        const string phone = "5511999990801";
        f.Agent.Respond = _ => Task.FromResult<AgentOutcome>(new AgentOutcome.OptOut("pediu para não ser mais procurado"));
        try
        {
            // Not a phrase the rules know: the model understood it.
            await PostAsync(f.Client, Text(phone, "olha, a partir de hoje considere que eu não existo pra vocês"));
            await f.WaitProcessedAsync(phone);
        }
        finally
        {
            f.Agent.Respond = new ScriptedAgent().Respond;
        }

        Assert.True(await f.ScalarAsync<bool>("SELECT opted_out FROM medicos WHERE telefone = @phone", new { phone }));
        await f.App.Logs.AssertLoggedAsync(l => l.EventId == 1130 && l.Message.Contains("opt_out") && l.Message.Contains("nearest rule family"), "1130 opt_out");
        Assert.DoesNotContain(f.App.Logs.Lines, l => l.EventId == 1130 && l.Message.Contains("considere que eu"));
    }
}
