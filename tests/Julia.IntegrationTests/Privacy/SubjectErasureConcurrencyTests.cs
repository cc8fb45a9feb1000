using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dapper;
using Julia.Conversations;
using Julia.IntegrationTests.TestHost;
using Microsoft.Extensions.DependencyInjection;
using static Julia.IntegrationTests.TestHost.EvolutionWebhooks;

namespace Julia.IntegrationTests.Privacy;

/// <summary>
/// An erasure while the doctor is still writing and Júlia still working (docs/decisions.md#lgpd): a message that finds a
/// view of him from before the erasure, a turn waiting for the model, a message no turn consumed yet and a turn
/// committing at the same moment leave nothing about him behind, and the erasure always completes.
/// </summary>
public sealed class SubjectErasureConcurrencyTests(PrivacyFixture f) : IClassFixture<PrivacyFixture>
{
    Task<long> ContentRowsAsync(Guid id) => f.ScalarAsync<long>("""
        SELECT (SELECT count(*) FROM interacoes WHERE medico_id = @id AND conteudo IS NOT NULL)
             + (SELECT count(*) FROM fila_mensagens WHERE medico_id = @id AND conteudo <> '')
        """, new { id });

    [Fact]
    public async Task AMessageThatFindsACachedViewFromBeforeTheErasureStartsANewCleanRecord()
    {
        var doctor = await f.DoctorWithHistoryAsync("5511988887801", "Claudionor", "Maracujá", "401122");
        var cached = await f.CachedAsync($"medico:telefone:{doctor.Phone}");
        Assert.NotNull(cached);
        await f.EraseAsync(doctor.Id);
        // A process that read the doctor just before the commit puts its view back after the erasure dropped it.
        await f.CacheAsync($"medico:telefone:{doctor.Phone}", cached!);

        Assert.Equal(HttpStatusCode.OK, (await PostAsync(f.Client, Text(doctor.Phone, "oi, aqui é o Claudionor de novo"))).StatusCode);
        await f.WaitProcessedAsync(doctor.Phone);

        var again = await f.ScalarAsync<Guid>("SELECT id FROM medicos WHERE telefone = @phone", new { phone = doctor.Phone });
        Assert.NotEqual(doctor.Id, again);
        Assert.Equal(1L, await f.ScalarAsync<long>("SELECT count(*) FROM interacoes WHERE medico_id = @again AND direcao = 'entrada'", new { again }));
        Assert.Equal(0L, await ContentRowsAsync(doctor.Id));
    }

    [Fact]
    public async Task AReplyTheModelWasStillWritingWhenTheDoctorWasErasedIsDropped()
    {
        var doctor = await f.DoctorWithHistoryAsync("5511988887802", "Genoveva", "Umbuzeiro", "401133");
        var release = new TaskCompletionSource();
        var original = f.Agent.Respond;
        f.Agent.Respond = async turn =>
        {
            if (turn.Doctor.Id == doctor.Id) await release.Task;
            return await original(turn);
        };
        try
        {
            await PostAsync(f.Client, Text(doctor.Phone, "sou a Genoveva, CRM 401133: tem plantão amanhã?"));
            var thinking = await Eventually.MatchesAsync(
                () => Task.FromResult(f.Agent.Turns.FirstOrDefault(t => t.Doctor.Id == doctor.Id && t.Parts.Any(p => p.Contains("amanhã")))), t => t is not null);

            await f.EraseAsync(doctor.Id);
            var earlier = f.App.Logs.Lines.Count;
            release.SetResult();

            // The turn ends either way: its reply queued (1111) or dropped (1117) — a line after the release (his first
            // message's reply was queued in the same conversation).
            var conversation = thinking!.ConversaId.ToString();
            await Eventually.MatchesAsync(
                () => Task.FromResult(f.App.Logs.Lines.Skip(earlier).Count(l => l.EventId is 1111 or 1117 && l.Message.Contains(conversation))), n => n > 0);
        }
        finally
        {
            f.Agent.Respond = original;
            release.TrySetResult();
        }

        Assert.Contains(f.App.Logs.Lines, l => l.EventId == 1117);
        Assert.Equal(0L, await ContentRowsAsync(doctor.Id));
        Assert.Empty(await f.WhereFoundAsync(doctor.Identifiers));
    }

    [Fact]
    public async Task AMessageNoTurnConsumedYetIsNotAnsweredAndOpensNoConversation()
    {
        var doctor = await f.DoctorWithHistoryAsync("5511988887803", "Quitéria", "Jabuticaba", "401144");
        // Stored, but its turn has not run yet (debounce, business hours, a restart).
        await f.ExecuteAsync("""
            INSERT INTO interacoes (medico_id, direcao, autor_tipo, origem, conteudo, provider_message_id)
            VALUES (@id, 'entrada', 'medico', 'whatsapp', 'é a Quitéria, CRM 401144', 'WAID-PENDENTE-401144')
            """, new { id = doctor.Id });

        await f.EraseAsync(doctor.Id);
        f.App.Services.GetRequiredService<TurnSignals>().Notify(doctor.Id);

        await Eventually.MatchesAsync(() => Task.FromResult(f.App.Logs.Lines.Count(l => l.EventId == 1103 && l.Message.Contains(doctor.Id.ToString()))), n => n > 0);
        Assert.Equal(0L, await f.ScalarAsync<long>(
            "SELECT count(*) FROM interacoes WHERE medico_id = @id AND direcao = 'entrada' AND processado_em IS NULL", new { id = doctor.Id }));
        Assert.Equal(0L, await f.ScalarAsync<long>(
            "SELECT count(*) FROM conversations WHERE medico_id = @id AND status IN ('active', 'paused')", new { id = doctor.Id }));
        Assert.Equal(0L, await ContentRowsAsync(doctor.Id));
    }

    [Fact]
    public async Task AnErasureThatCrossesATurnCommittingAboutTheDoctorCompletesAndErasesThatTurnsRowsToo()
    {
        var doctor = await f.DoctorWithHistoryAsync("5511988887804", "Leovigildo", "Cambuci", "401155");
        await using var turn = await f.Db.OpenConnectionAsync();
        await using var tx = await turn.BeginTransactionAsync();
        // As TurnOutcomes commits a reply: its queue row first (the foreign key check shares the doctor's row), then
        // processado_em of the messages it answers. This side waits long before checking for a deadlock, so Postgres
        // aborts the erasure, which waited first.
        await turn.ExecuteAsync("SET LOCAL deadlock_timeout = '60s'", transaction: tx);
        await turn.ExecuteAsync("INSERT INTO fila_mensagens (medico_id, tipo, conteudo) VALUES (@id, 'resposta', 'Oi Leovigildo, CRM 401155 confirmado')",
            new { id = doctor.Id }, tx);

        var erasing = f.AdminAsync(HttpMethod.Post, $"/admin/medicos/{doctor.Id}/apagar", new { motivo = "pedido" });
        await Eventually.MatchesAsync(() => f.ScalarAsync<long>("""
            SELECT count(*) FROM pg_stat_activity
            WHERE pid <> pg_backend_pid() AND wait_event_type = 'Lock' AND query LIKE 'UPDATE medicos SET telefone = NULL%'
            """), n => n == 1);
        var turnWasTheVictim = false;
        try
        {
            await turn.ExecuteAsync("UPDATE interacoes SET processado_em = now() WHERE medico_id = @id", new { id = doctor.Id }, tx);
            await tx.CommitAsync();
        }
        catch (Npgsql.PostgresException ex) when (ex.SqlState == Npgsql.PostgresErrorCodes.DeadlockDetected)
        {
            turnWasTheVictim = true; // only when the erasure's own deadlock check ran before this side blocked
        }

        using var answer = await erasing;
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("apagado", (await answer.Content.ReadFromJsonAsync<JsonObject>())!["status"]!.GetValue<string>());
        if (!turnWasTheVictim) Assert.Contains(f.App.Logs.Lines, l => l.EventId == 9707);
        Assert.Equal(0L, await ContentRowsAsync(doctor.Id));
        Assert.Empty(await f.WhereFoundAsync(doctor.Identifiers));
    }
}
