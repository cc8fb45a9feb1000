using Julia.Agent;
using Julia.IntegrationTests.TestHost;
using static Julia.IntegrationTests.TestHost.EvolutionWebhooks;

namespace Julia.IntegrationTests.Conversations;

/// <summary>RESPONDER_FORA_HORARIO=false on a day that is a holiday in São Paulo (today and tomorrow): every turn waits for the opening.</summary>
public sealed class ClosedTodayFixture : PipelineFixture
{
    public FakeEvolution Evolution { get; private set; } = null!;

    protected override Dictionary<string, string?> Settings
    {
        get
        {
            var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("America/Sao_Paulo")).DateTime);
            return new(Evolution.Settings(timeoutSeconds: 1))
            {
                ["HUMANIZAR"] = "false", ["RESPONDER_FORA_HORARIO"] = "false",
                ["FERIADOS"] = $"{today:yyyy-MM-dd},{today.AddDays(1):yyyy-MM-dd}",
            };
        }
    }

    public override async Task InitializeAsync()
    {
        Evolution = await FakeEvolution.StartAsync();
        await base.InitializeAsync();
        Agent.Respond = _ => Task.FromResult<AgentOutcome>(new AgentOutcome.Reply("Oi! Tenho plantão sexta."));
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Evolution.DisposeAsync();
    }

    public int ReceiptsFor(string messageId) => Evolution.Calls.Count(c => c.Path == "/chat/markMessageAsRead/julia"
        && c.Body!["readMessages"]!.AsArray().Any(m => m!["id"]!.GetValue<string>() == messageId));
}

/// <summary>SPEC §4.1 step 9: outside business hours the inbound waits, and read receipts go out when processing starts.</summary>
public sealed class OutsideBusinessHoursTests(ClosedTodayFixture f) : IClassFixture<ClosedTodayFixture>
{
    [Fact]
    public async Task AMessageThatWaitsForTheOpeningIsNeitherAnsweredNorMarkedRead()
    {
        const string phone = "5511999994101";
        var id = "NIGHT-" + Guid.NewGuid().ToString("N");
        var logged = f.App.Logs.Lines.Count(l => l.Message.Contains("deferred to business hours"));

        await PostAsync(f.Client, Text(phone, "boa noite, tem plantão de clínica médica sábado?", id));
        await Eventually.MatchesAsync(() => Task.FromResult(f.App.Logs.Lines.Count(l => l.Message.Contains("deferred to business hours"))),
            n => n > logged);
        // The receipt, were it sent, is fired as the turn decides: give it time to reach the fake.
        await Task.Delay(300);

        Assert.Equal(0, f.ReceiptsFor(id));
        Assert.DoesNotContain(f.Evolution.Sends, c => c.Body?["number"]?.GetValue<string>()?.StartsWith(phone) == true);
        Assert.Equal(1, await f.ScalarAsync<long>("""
            SELECT count(*) FROM interacoes i JOIN medicos m ON m.id = i.medico_id
            WHERE m.telefone = @phone AND i.direcao = 'entrada' AND i.processado_em IS NULL
            """, new { phone }));
    }

    [Fact]
    public async Task AHandoffAtNightIsProcessedAtOnceAndItsMessageMarkedRead()
    {
        const string phone = "5511999994102";
        var id = "NIGHT-" + Guid.NewGuid().ToString("N");

        await PostAsync(f.Client, Text(phone, "quero falar com uma pessoa de verdade, por favor", id));
        await Eventually.MatchesAsync(() => f.ScalarAsync<string>("""
            SELECT c.controlled_by FROM conversations c JOIN medicos m ON m.id = c.medico_id WHERE m.telefone = @phone
            """, new { phone }), c => c == "human");

        await Eventually.MatchesAsync(() => Task.FromResult(f.ReceiptsFor(id)), n => n == 1);
    }
}
