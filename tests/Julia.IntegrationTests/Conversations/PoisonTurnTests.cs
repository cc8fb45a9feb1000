using Julia.Agent;
using Julia.IntegrationTests.TestHost;
using static Julia.IntegrationTests.TestHost.EvolutionWebhooks;

namespace Julia.IntegrationTests.Conversations;

/// <summary>
/// docs/reliability.md, "A turn that fails the same way": a turn that meets the same non-transient error twice is given
/// to a person (holding message, handoff `erro_sistema`, messages processed) instead of being retried for good; an
/// outage-like error is waited out and the doctor answered once it passes.
/// </summary>
public sealed class PoisonTurnTests(PipelineFixture f) : IClassFixture<PipelineFixture>
{
    [Fact]
    public async Task ATurnThatFailsTheSameWayTwiceGoesToAPersonInsteadOfBeingRetriedForGood()
    {
        const string phone = "5511999990161";
        var calls = 0;
        var original = f.Agent.Respond;
        f.Agent.Respond = turn => turn.Doctor.Telefone == phone
            ? Task.FromException<AgentOutcome>(new ArgumentException($"um defeito ({Interlocked.Increment(ref calls)})"))
            : original(turn);
        try
        {
            await PostAsync(f.Client, Text(phone, "oi, tem plantão no sábado?"));
            await f.WaitProcessedAsync(phone);
            await Task.Delay(TimeSpan.FromSeconds(6)); // one more backoff: a turn still retried would call again

            Assert.Equal(2, Volatile.Read(ref calls));
            var holding = Assert.Single(await f.QueueAsync(phone));
            Assert.Equal(("sistema", "espera"), (holding.Tipo, holding.TipoSistema));
            var handoff = Assert.Single(await f.QueryAsync<(string Trigger, string Status, string Reason)>(
                "SELECT trigger_type, status, motivo FROM handoffs h JOIN medicos m ON m.id = h.medico_id WHERE m.telefone = @phone", new { phone }));
            Assert.Equal(("erro_sistema", "pendente"), (handoff.Trigger, handoff.Status));
            Assert.Contains("ArgumentException", handoff.Reason);
            Assert.Single(f.App.Logs.Lines, l => l.EventId == 1205 && l.Message.Contains("ArgumentException"));
        }
        finally { f.Agent.Respond = original; }
    }

    [Fact]
    public async Task AnOutageLikeErrorIsWaitedOutAndTheDoctorAnswered()
    {
        const string phone = "5511999990162";
        var calls = 0;
        var original = f.Agent.Respond;
        f.Agent.Respond = turn => turn.Doctor.Telefone == phone && Interlocked.Increment(ref calls) <= 2
            ? Task.FromException<AgentOutcome>(new TimeoutException("o banco demorou"))
            : original(turn);
        try
        {
            await PostAsync(f.Client, Text(phone, "oi, tem plantão no domingo?"));
            await f.WaitProcessedAsync(phone);

            Assert.Equal(3, Volatile.Read(ref calls));
            var reply = Assert.Single(await f.QueueAsync(phone));
            Assert.Equal("resposta", reply.Tipo);
            Assert.Empty(await f.QueryAsync<string>(
                "SELECT trigger_type FROM handoffs h JOIN medicos m ON m.id = h.medico_id WHERE m.telefone = @phone", new { phone }));
        }
        finally { f.Agent.Respond = original; }
    }
}
