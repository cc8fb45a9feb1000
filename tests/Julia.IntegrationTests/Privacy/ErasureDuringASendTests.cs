using System.Net;
using Julia.IntegrationTests.TestHost;
using static Julia.IntegrationTests.TestHost.EvolutionWebhooks;

namespace Julia.IntegrationTests.Privacy;

/// <summary><see cref="PrivacyFixture"/> sending through a fake Evolution on loopback, whose answer a test can hold.</summary>
public sealed class PrivacyGatewayFixture : PrivacyFixture
{
    public FakeEvolution Evolution { get; private set; } = null!;

    protected override Dictionary<string, string?> Settings =>
        new(base.Settings.Concat(Evolution.Settings(timeoutSeconds: 10)).ToDictionary(p => p.Key, p => p.Value));

    public override async Task InitializeAsync()
    {
        Evolution = Peer(await FakeEvolution.StartAsync());
        await base.InitializeAsync();
    }

}

/// <summary>
/// An erasure while one of Júlia's replies to the doctor is at the gateway (docs/decisions.md#lgpd): the reply already
/// left, so it is recorded as sent, but without its text or the address it went to — the erasure and its second pass
/// may both have committed before the send's mark.
/// </summary>
public sealed class ErasureDuringASendTests(PrivacyGatewayFixture f) : IClassFixture<PrivacyGatewayFixture>
{
    [Fact]
    public async Task AReplyAtTheGatewayWhenTheDoctorIsErasedIsRecordedWithoutHisTextOrAddress()
    {
        var doctor = await f.DoctorWithHistoryAsync("5511988887805", "Teodolinda", "Pitangueira", "401166");
        var sentBefore = f.Evolution.Sends.Count();
        const string Outbound = "SELECT count(*) FROM interacoes WHERE medico_id = @id AND direcao = 'saida'";
        var outboundBefore = await f.ScalarAsync<long>(Outbound, new { id = doctor.Id });
        f.Evolution.DelayNextSend(TimeSpan.FromSeconds(3));

        Assert.Equal(HttpStatusCode.OK, (await PostAsync(f.Client, Text(doctor.Phone, "Teodolinda de novo: e o plantão de sábado?"))).StatusCode);
        await Eventually.MatchesAsync(() => Task.FromResult(f.Evolution.Sends.Count()), n => n > sentBefore); // at the gateway, unanswered
        using (var answer = await f.AdminAsync(HttpMethod.Post, $"/admin/medicos/{doctor.Id}/apagar", new { motivo = "pedido" }))
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);

        await f.WaitSendsRecordedAsync(doctor.Id);
        Assert.Equal(0L, await f.ScalarAsync<long>("""
            SELECT count(*) FROM interacoes WHERE medico_id = @id AND (conteudo IS NOT NULL OR remote_jid IS NOT NULL)
            """, new { id = doctor.Id }));
        Assert.Equal(outboundBefore + 1, await f.ScalarAsync<long>(Outbound, new { id = doctor.Id })); // the reply that left still counts
        Assert.Empty(await f.WhereFoundAsync(doctor.Identifiers));
    }
}
