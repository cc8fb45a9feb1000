using Julia.IntegrationTests.TestHost;
using Julia.Queue;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Julia.IntegrationTests.Conversations;

/// <summary>
/// A chunk claimed by a turn's statement while the reply lane was stopping (docs/decisions.md#queue, "Hand-off") is not
/// sent by a lane that is going away, and not left `processando` with its mark — which recovery would end as
/// `resultado_desconhecido`, unsent: it goes back to `pendente` for the next process.
/// </summary>
public sealed class ReplyHandOffShutdownTests(PipelineFixture f) : IClassFixture<PipelineFixture>
{
    [Fact]
    public async Task AChunkHandedOffAfterTheLaneStoppedGoesBackToPendente()
    {
        const string phone = "5511999990801";
        var medicoId = await f.ScalarAsync<Guid>(
            "INSERT INTO medicos (telefone, primeiro_nome, origem) VALUES (@phone, 'Ana', 'import') RETURNING id", new { phone });
        var id = await f.ScalarAsync<Guid>("""
            INSERT INTO fila_mensagens (medico_id, tipo, conteudo, prioridade, status, processando_desde, envio_iniciado_em)
            VALUES (@medicoId, 'resposta', 'Tenho um plantão no sábado.', 10, 'processando', now(), now()) RETURNING id
            """, new { medicoId });
        var handOff = f.App.Services.GetRequiredService<ReplyHandOff>();
        Assert.True(handOff.Available);
        foreach (var lane in f.App.Services.GetServices<IHostedService>().OfType<QueueDispatcher>())
            await lane.StopAsync(CancellationToken.None);
        Assert.False(handOff.Available);

        await handOff.SendAsync(new ClaimedMessage(id, medicoId, null, QueueKinds.Reply, "Tenho um plantão no sábado.", 0, 3, DateTime.UtcNow,
                null, 0, false, false, null, SendStarted: true),
            new SendState(false, false, false, $"{phone}@s.whatsapp.net", false, false, false, phone), moreChunks: false);

        var row = await f.QueryAsync<(string Status, DateTime? Mark)>("SELECT status, envio_iniciado_em FROM fila_mensagens WHERE id = @id", new { id });
        Assert.Equal(("pendente", (DateTime?)null), row.Single());
    }
}
