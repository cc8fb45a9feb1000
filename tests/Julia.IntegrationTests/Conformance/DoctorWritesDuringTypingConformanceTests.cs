using Julia.IntegrationTests.TestHost;
using static Julia.IntegrationTests.Conformance.DoctorConversationsConformanceTests;
using static Julia.IntegrationTests.TestHost.EvolutionWebhooks;
using static Julia.IntegrationTests.TestHost.FakeAnthropic;

namespace Julia.IntegrationTests.Conformance;

/// <summary>
/// A doctor writes while a proactive message to him shows "digitando…" (HUMANIZAR on: its text's typing time, 2–6 s, after
/// its re-checks passed and before its send-started mark): he has just written, so it does not go
/// (docs/decisions.md#queue, "An answer during the typing").
/// </summary>
public sealed class DoctorWritesDuringTypingConformanceTests(DoctorConversationsHumanisedFixture f) : IClassFixture<DoctorConversationsHumanisedFixture>
{
    // Eight words and more: the typing clamp's 6 s, the window in which he writes.
    const string Nudge = "Oi Dr. Paulo, tudo bem? Ainda tem interesse no plantão de sábado no Hospital Central?";

    Task<(string Status, string? Reason, bool Started)> RowAsync(Guid fila) => f.ScalarAsync<string>("""
        SELECT status || '|' || COALESCE(outcome_reason_code, '') || '|' || (envio_iniciado_em IS NOT NULL)::text FROM fila_mensagens WHERE id = @fila
        """, new { fila }).ContinueWith(t => t.Result.Split('|') is var p ? (p[0], p[1] is "" ? null : p[1], p[2] == "true") : default);

    async Task<Guid> ProactiveRowAsync(string kind, string phone)
    {
        var medico = await f.ImportedDoctorAsync(phone);
        if (kind == "campanha")
        {
            var fila = await f.QueuedCampaignMessageAsync(medico, Nudge);
            await f.ExecuteAsync("UPDATE fila_mensagens SET agendar_para = now() WHERE id = @fila", new { fila });
            return fila;
        }
        var conversa = await f.ScalarAsync<Guid>("""
            INSERT INTO conversations (medico_id, stage, last_outbound_at, last_message_at) VALUES (@medico, 'msg_enviada', now() - interval '2 days', now() - interval '2 days')
            RETURNING id
            """, new { medico });
        return await f.ScalarAsync<Guid>("""
            INSERT INTO fila_mensagens (medico_id, conversa_id, tipo, conteudo, prioridade, metadata)
            VALUES (@medico, @conversa, 'followup', @text, 4, jsonb_build_object('tipo_followup', 'fu1', 'ultima_saida', now() - interval '2 days'))
            RETURNING id
            """, new { medico, conversa, text = Nudge });
    }

    /// <summary>
    /// A follow-up (or a campaign's opening) is claimed and shows "digitando…"; he writes "tem plantão domingo?" before its
    /// send starts: it ends `cancelada` (`respondeu` / `conversa_recente`, the reasons its re-check gives), WhatsApp gets
    /// only the answer to his question. Before, the re-checks had passed at the claim and the inbound's cancel takes only
    /// pending rows: the nudge reached him right after his own message.
    /// </summary>
    [Theory]
    [InlineData("followup", "respondeu", "5511977740101")]
    [InlineData("campanha", "conversa_recente", "5511977740102")]
    public async Task HisMessageDuringAProactiveMessagesTypingStopsIt(string kind, string reason, string phone)
    {
        var marker = $"(t3w{phone[^1..]})";
        f.Anthropic.ScriptFor(marker, Text("Domingo tenho diurno no Hospital Central. Quer?"));
        var fila = await ProactiveRowAsync(kind, phone);

        await UntilAsync(async () => await RowAsync(fila) is ("processando", _, false), "the row claimed, typing, its send not started");
        await PostAsync(f.Client, Text(phone, $"tem plantão domingo? {marker}"));
        await f.WaitProcessedAsync(phone);
        await UntilAsync(async () => await RowAsync(fila) is not ("pendente" or "processando", _, _), "the row's end");
        await f.WaitSendsRecordedAsync(phone);

        Assert.Equal(("cancelada", reason, false), await RowAsync(fila));
        Assert.Equal(["Domingo tenho diurno no Hospital Central. Quer?"], f.SentTo(phone));
        if (kind == "campanha")
            Assert.Equal("cancelado", await f.ScalarAsync<string>("SELECT status FROM envios_campanha WHERE fila_mensagem_id = @fila", new { fila }));
    }
}
