using Julia.Agent;
using Julia.IntegrationTests.Conversations;
using Julia.IntegrationTests.TestHost;

namespace Julia.IntegrationTests.Queue;

/// <summary>Júlia sending through the real Evolution client to <see cref="FakeEvolution"/> on loopback.</summary>
public sealed class DispatcherFixture : GatewayPipelineFixture
{
    protected override Dictionary<string, string?> Settings => new(Evolution.Settings(timeoutSeconds: 1)) { ["HUMANIZAR"] = "false" };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Agent.Respond = turn => Task.FromResult<AgentOutcome>(new AgentOutcome.Reply("Oi! Tudo bem?\nTenho plantão sexta, quer ver?"));
    }

    public Task<List<string>> StatusesAsync(string phone) => QueryAsync<string>("""
        SELECT f.status || ':' || COALESCE(f.outcome_reason_code, '') FROM fila_mensagens f JOIN medicos m ON m.id = f.medico_id
        WHERE m.telefone = @phone ORDER BY f.created_at, f.sequencia
        """, new { phone });
}
