using Julia.Agent;
using Julia.IntegrationTests.Conversations;
using Julia.IntegrationTests.TestHost;

namespace Julia.IntegrationTests.Queue;

/// <summary>Júlia sending through the real Evolution client to <see cref="FakeEvolution"/> on loopback.</summary>
public sealed class DispatcherFixture : PipelineFixture
{
    public FakeEvolution Evolution { get; private set; } = null!;

    protected override Dictionary<string, string?> Settings => new(Evolution.Settings(timeoutSeconds: 1)) { ["HUMANIZAR"] = "false" };

    public override async Task InitializeAsync()
    {
        Evolution = await FakeEvolution.StartAsync();
        await base.InitializeAsync();
        Agent.Respond = turn => Task.FromResult<AgentOutcome>(new AgentOutcome.Reply("Oi! Tudo bem?\nTenho plantão sexta, quer ver?"));
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Evolution.DisposeAsync();
    }

    /// <summary>A doctor with an open AI-controlled conversation, created directly in the database.</summary>
    public async Task<(Guid Medico, Guid Conversa)> DoctorAsync(string phone)
    {
        var medico = await ScalarAsync<Guid>("""
            INSERT INTO medicos (telefone, whatsapp_jid, primeiro_nome, origem) VALUES (@phone, @jid, 'Teste', 'manual') RETURNING id
            """, new { phone, jid = phone + "@s.whatsapp.net" });
        var conversa = await ScalarAsync<Guid>("INSERT INTO conversations (medico_id) VALUES (@medico) RETURNING id", new { medico });
        return (medico, conversa);
    }

    public Task<List<string>> StatusesAsync(string phone) => QueryAsync<string>("""
        SELECT f.status || ':' || COALESCE(f.outcome_reason_code, '') FROM fila_mensagens f JOIN medicos m ON m.id = f.medico_id
        WHERE m.telefone = @phone ORDER BY f.created_at, f.sequencia
        """, new { phone });
}
