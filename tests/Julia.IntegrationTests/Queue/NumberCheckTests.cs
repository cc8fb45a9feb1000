using Julia.Infrastructure.Redis;
using Julia.IntegrationTests.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Julia.IntegrationTests.Queue;

/// <summary>
/// Sending never assumes the 9th-digit form (docs/decisions.md#queue, "Never-seen numbers"): a number no message came
/// from is checked with Evolution's `chat/whatsappNumbers` before its first send and the JID it answers becomes the
/// doctor's address; a stored JID Evolution refuses is checked again once.
/// </summary>
public sealed class NumberCheckTests(AlwaysOpenGatewayFixture f) : IClassFixture<AlwaysOpenGatewayFixture>
{
    [Fact]
    public async Task AnImportedDoctorIsSentToTheJidWhatsAppHasHisNumberAtAndItIsKept()
    {
        const string phone = "5511987657201", old = "551187657201@s.whatsapp.net";
        f.Evolution.NumberJids[phone] = old; // an old account, registered before the 9th digit
        var (medico, row) = await QueueFollowUpAsync(phone, jid: null);

        await Eventually.MatchesAsync(() => StatusAsync(row), s => s == "enviada");
        Assert.Single(f.Evolution.Sends, c => c.Body?["number"]?.GetValue<string>() == old);
        Assert.DoesNotContain(f.Evolution.Sends, c => c.Body?["number"]?.GetValue<string>()?.StartsWith(phone, StringComparison.Ordinal) == true);
        Assert.Equal(old, await f.ScalarAsync<string>("SELECT whatsapp_jid FROM medicos WHERE id = @medico", new { medico }));
        var check = Assert.Single(f.Evolution.NumberChecks, c => c.Body?["numbers"]?[0]?.GetValue<string>() == phone);
        Assert.Equal("evo-key-FAKE", check.ApiKey);

        // The next message (a system message: no per-number spacing) goes to the stored JID without asking again.
        var next = await f.ScalarAsync<Guid>("""
            INSERT INTO fila_mensagens (medico_id, conversa_id, tipo, conteudo, prioridade)
            SELECT @medico, id, 'sistema', 'Seu plantão foi confirmado.', 10 FROM conversations WHERE medico_id = @medico RETURNING id
            """, new { medico });
        await Eventually.MatchesAsync(() => StatusAsync(next), s => s == "enviada");
        Assert.Single(f.Evolution.NumberChecks, c => c.Body?["numbers"]?[0]?.GetValue<string>() == phone);
        Assert.Equal(2, f.Evolution.Sends.Count(c => c.Body?["number"]?.GetValue<string>() == old));
    }

    [Fact]
    public async Task ANumberNotOnWhatsAppEndsTheMessageWithoutASend()
    {
        const string phone = "5511987657202";
        f.Evolution.NumberJids[phone] = null;
        var (medico, row) = await QueueFollowUpAsync(phone, jid: null);

        await Eventually.MatchesAsync(() => f.QueryAsync<(string Status, string? Reason, int Attempts)>(
                "SELECT status, outcome_reason_code, tentativas FROM fila_mensagens WHERE id = @row", new { row }),
            r => r.Single() == ("erro", "sem_whatsapp", 0));
        Assert.DoesNotContain(f.Evolution.Sends, c => c.Body?["number"]?.GetValue<string>()?.StartsWith(phone, StringComparison.Ordinal) == true);
        Assert.Null(await f.ScalarAsync<string?>("SELECT whatsapp_jid FROM medicos WHERE id = @medico", new { medico }));
    }

    [Fact]
    public async Task AStoredJidThatIsRefusedIsCheckedAgainAndTheMessageGoesToTheJidWhatsAppNowHas()
    {
        const string phone = "5511987657203", stored = "5511987657203@s.whatsapp.net", current = "551187657203@s.whatsapp.net";
        f.Evolution.NumberJids[phone] = current;
        var (medico, row) = await QueueFollowUpAsync(phone, jid: stored, refuseFirstSend: true);

        // The refused send kept the doctor's 45 s gap (`rate:ultimo:{telefone}`, whatever the JID): the retry at the new
        // JID waits for it, spending no attempt. Here the gap is cut short rather than waited for.
        await Eventually.MatchesAsync(() => f.QueryAsync<string?>("SELECT outcome_reason_code FROM fila_mensagens WHERE id = @row", new { row }),
            r => r.Single() == "limite");
        var redis = f.App.Services.GetRequiredService<RedisGate>().Multiplexer.GetDatabase(f.Redis.Database);
        await redis.KeyDeleteAsync($"rate:ultimo:{phone}");
        await f.ExecuteAsync("UPDATE fila_mensagens SET agendar_para = now() WHERE id = @row AND status = 'pendente'", new { row });
        await Eventually.MatchesAsync(() => StatusAsync(row), s => s == "enviada");
        Assert.Equal([stored, current], f.Evolution.Sends.Select(c => c.Body?["number"]?.GetValue<string>())
            .Where(n => n is stored or current).ToList());
        Assert.Equal(current, await f.ScalarAsync<string>("SELECT whatsapp_jid FROM medicos WHERE id = @medico", new { medico }));
        Assert.Equal(0, await f.ScalarAsync<int>("SELECT tentativas FROM fila_mensagens WHERE id = @row", new { row }));
    }

    [Fact]
    public async Task AStoredJidRefusedWhereWhatsAppHasTheSameJidEndsAsNotOnWhatsApp()
    {
        const string phone = "5511987657204", stored = "5511987657204@s.whatsapp.net";
        var (medico, row) = await QueueFollowUpAsync(phone, jid: stored, refuseFirstSend: true);

        await Eventually.MatchesAsync(() => f.QueryAsync<(string Status, string? Reason)>(
            "SELECT status, outcome_reason_code FROM fila_mensagens WHERE id = @row", new { row }), r => r.Single() == ("erro", "sem_whatsapp"));
        Assert.Single(f.Evolution.Sends, c => c.Body?["number"]?.GetValue<string>() == stored);
        Assert.Single(f.Evolution.NumberChecks, c => c.Body?["numbers"]?[0]?.GetValue<string>() == phone);
        Assert.Equal(stored, await f.ScalarAsync<string>("SELECT whatsapp_jid FROM medicos WHERE id = @medico", new { medico }));
    }

    Task<string> StatusAsync(Guid row) => f.ScalarAsync<string>("SELECT status FROM fila_mensagens WHERE id = @row", new { row });

    async Task<(Guid Medico, Guid Row)> QueueFollowUpAsync(string phone, string? jid, bool refuseFirstSend = false)
    {
        var medico = await f.ScalarAsync<Guid>(
            "INSERT INTO medicos (telefone, whatsapp_jid, origem) VALUES (@phone, @jid, 'import') RETURNING id", new { phone, jid });
        if (refuseFirstSend) f.Evolution.NotOnWhatsAppNext();
        return (medico, await f.ScalarAsync<Guid>("""
            WITH c AS (INSERT INTO conversations (medico_id, last_outbound_at) VALUES (@medico, now() - interval '3 days') RETURNING id)
            INSERT INTO fila_mensagens (medico_id, conversa_id, tipo, conteudo, prioridade, metadata)
            SELECT @medico, id, 'followup', 'oi de novo', 4, '{"tipo_followup":"fu1"}' FROM c RETURNING id
            """, new { medico }));
    }
}
