using System.Net;
using Julia.IntegrationTests.TestHost;
using Julia.Notifications;
using Microsoft.Extensions.DependencyInjection;
using static Julia.IntegrationTests.TestHost.EvolutionWebhooks;

namespace Julia.IntegrationTests.Chatwoot;

/// <summary>The outbox under failure and concurrency: Slack errors and timeouts end in one message; two processes send one.</summary>
public sealed class NoticeDeliveryTests(HumanLoopFixture f) : IClassFixture<HumanLoopFixture>
{
    [Fact]
    public async Task SlackFailingThenTimingOutThenAnsweringGetsExactlyOneMessage()
    {
        const string phone = "5511988880201";
        var (conversa, chatwootId) = await f.DoctorInChatwootAsync(phone);
        // Scripted before the calls: the retry after the 500 comes 1 s later, maybe before the test could change anything.
        // Only this conversation's notice is numbered: another test's notice still on its way answers 200 unscripted.
        f.Slack.ScriptOnly = body => body.ToJsonString().Contains($"/conversations/{chatwootId}", StringComparison.Ordinal);
        f.Slack.Respond = n => n == 1 ? (500, "rollup_error", null) : (200, "ok", null);
        f.Slack.DelayOf = n => n == 2 ? TimeSpan.FromSeconds(3) : TimeSpan.Zero; // longer than Slack:TimeoutSeconds=1
        try
        {
            await PostAsync(f.Client, Text(phone, "quero falar com uma pessoa agora"));
            await f.WaitProcessedAsync(phone);
            await AttemptsAsync(conversa, 2); // the 500, then the timeout
        }
        finally
        {
            f.Slack.DelayOf = null;
            f.Slack.Respond = null;
            f.Slack.ScriptOnly = null;
        }

        await Eventually.MatchesAsync(() => f.ScalarAsync<string>(
            "SELECT status FROM notificacoes WHERE conversa_id = @conversa AND tipo = 'handoff_aberto'", new { conversa }), s => s == "enviada");
        Assert.Equal(1, await f.ScalarAsync<long>("SELECT count(*) FROM notificacoes WHERE conversa_id = @conversa AND tipo = 'handoff_aberto'", new { conversa }));
        Assert.True(await f.ScalarAsync<bool>("SELECT slack_notificado_em IS NOT NULL FROM handoffs WHERE conversa_id = @conversa", new { conversa }));
        Assert.Equal("human", await f.ControlAsync(conversa));
    }

    Task<int> AttemptsAsync(Guid conversa, int atLeast) => Eventually.MatchesAsync(() => f.ScalarAsync<int>(
        "SELECT tentativas FROM notificacoes WHERE conversa_id = @conversa AND tipo = 'handoff_aberto'", new { conversa }), n => n >= atLeast);

    [Fact]
    public async Task TwoProcessesDeliverEachNoticeOnce()
    {
        string[] phones = ["5511988880211", "5511988880212", "5511988880213", "5511988880214"];
        var conversations = new List<Guid>();
        foreach (var phone in phones) conversations.Add((await f.DoctorInChatwootAsync(phone)).ConversaId);
        // A second Júlia on the same database: both run the notification dispatcher and race for every notice.
        await using var second = new JuliaAppFactory(f.Database, f.Redis, f.SettingsForSecondProcess);
        second.CreateClient();
        Assert.NotNull(second.Services.GetRequiredService<NotificationDispatcher>());

        await Task.WhenAll(phones.Select(p => PostAsync(f.Client, Text(p, "preciso falar com um humano"))));
        foreach (var phone in phones) await f.WaitProcessedAsync(phone);
        await Eventually.MatchesAsync(() => f.ScalarAsync<long>("""
            SELECT count(*) FROM notificacoes n JOIN handoffs h ON h.id = n.handoff_id
            WHERE h.conversa_id = ANY(@conversations) AND n.status = 'enviada'
            """, new { conversations = conversations.ToArray() }), n => n == 2 * phones.Length);
        await Task.Delay(300);

        foreach (var conversa in conversations)
        {
            Assert.Single(f.Slack.Received, m => HumanLoopFixture.SlackTextContains(m, "Handoff necessário") && HumanLoopFixture.SlackMentions(m, conversa.ToString()[..8]));
            var chatwootId = long.Parse(await f.ScalarAsync<string>("SELECT chatwoot_conversation_id FROM conversations WHERE id = @conversa", new { conversa }));
            Assert.Single(f.Chatwoot.Messages, m => m.ConversationId == chatwootId && m.Body["private"]!.GetValue<bool>());
        }
    }

    /// <summary>
    /// A batch that outlasts its lease (a slow Chatwoot) while another process claims its last notices: what the first
    /// process then writes applies only under its own claim, and renewing a claim that is another's fails — so a notice is
    /// never delivered by both (an audit, 2026-12-03: nothing checked that the process still held the row).
    /// </summary>
    [Fact]
    public async Task AClaimAnotherProcessTookOverIsNeitherRenewedNorRecorded()
    {
        var outbox = f.App.Services.GetRequiredService<NotificationOutbox>();
        // Claimed a moment ago by "this process" (a fresh lease: the host's own dispatcher leaves it alone).
        var row = await f.ScalarAsync<long>("""
            INSERT INTO notificacoes (canal, tipo, chave, status, processando_desde)
            VALUES ('slack', 'teste_lease', 'slack:teste_lease:' || gen_random_uuid(), 'processando', now()) RETURNING id
            """);
        var ours = new Notification(row, "slack", "teste_lease", "-", null, null, "{}", 0, DateTime.UtcNow,
            await f.ScalarAsync<DateTime>("SELECT processando_desde FROM notificacoes WHERE id = @row", new { row }));

        // Our lease ran out and another process claimed it.
        await f.ExecuteAsync("UPDATE notificacoes SET processando_desde = clock_timestamp() WHERE id = @row", new { row });
        Assert.Null(await outbox.RenewAsync(ours, default));
        Assert.False(await outbox.MarkSentAsync(ours, default));
        Assert.False(await outbox.FailAsync(ours, "x", default));
        Assert.False(await outbox.RetryAsync(ours, DateTimeOffset.UtcNow, "x", true, default));
        Assert.Equal("processando", await f.ScalarAsync<string>("SELECT status FROM notificacoes WHERE id = @row", new { row }));

        // The other process's claim renews and records.
        var theirs = ours with { ClaimedAtUtc = await f.ScalarAsync<DateTime>("SELECT processando_desde FROM notificacoes WHERE id = @row", new { row }) };
        var renewed = await outbox.RenewAsync(theirs, default);
        Assert.NotNull(renewed);
        Assert.NotEqual(theirs.ClaimedAtUtc, renewed.ClaimedAtUtc);
        Assert.False(await outbox.MarkSentAsync(theirs, default));
        Assert.True(await outbox.MarkSentAsync(renewed, default));
        Assert.Equal("enviada", await f.ScalarAsync<string>("SELECT status FROM notificacoes WHERE id = @row", new { row }));
    }

    [Fact]
    public async Task AnExpiredHoldOpensTheShiftAgainAndTellsSlack()
    {
        const string phone = "5511988880203";
        var (conversa, _) = await f.DoctorInChatwootAsync(phone);
        var medico = await f.ScalarAsync<Guid>("SELECT medico_id FROM conversations WHERE id = @conversa", new { conversa });
        var vaga = await f.ScalarAsync<Guid>("""
            WITH h AS (INSERT INTO hospitais (nome, cidade) VALUES ('Hospital Teste Expiração', 'Santo André') RETURNING id),
                 e AS (INSERT INTO especialidades (nome) VALUES ('expiracao_teste') ON CONFLICT (nome) DO UPDATE SET nome = EXCLUDED.nome RETURNING id)
            INSERT INTO vagas (hospital_id, especialidade_id, data, valor, status, medico_id, fechada_por, fechada_em)
            SELECT h.id, e.id, current_date + 5, 1800, 'reservada', @medico, 'julia', now() FROM h, e RETURNING id
            """, new { medico });
        await f.ExecuteAsync("""
            INSERT INTO reservas_vaga (vaga_id, medico_id, conversa_id, status, origem, confirmacao, created_at)
            VALUES (@vaga, @medico, @conversa, 'ativa', 'julia', 'sim', now() - interval '25 hours')
            """, new { vaga, medico, conversa });

        Assert.Equal(HttpStatusCode.OK, (await f.RunJobAsync("reservas-expiracao")).StatusCode);

        Assert.Equal("aberta", await f.ScalarAsync<string>("SELECT status FROM vagas WHERE id = @vaga", new { vaga }));
        Assert.Equal("expirada", await f.ScalarAsync<string>("SELECT status FROM reservas_vaga WHERE vaga_id = @vaga ORDER BY created_at DESC LIMIT 1", new { vaga }));
        await f.WaitSlackAsync(m => HumanLoopFixture.SlackTextContains(m, "Reserva expirada"));
    }
}
