using System.Net;
using Julia.IntegrationTests.TestHost;
using static Julia.IntegrationTests.Conformance.DoctorConversationsConformanceTests;
using static Julia.IntegrationTests.TestHost.EvolutionWebhooks;
using static Julia.IntegrationTests.TestHost.FakeAnthropic;

namespace Julia.IntegrationTests.Conformance;

/// <summary>
/// <see cref="DoctorConversationsFixture"/> with HUMANIZAR on, as in production: a reply waits in the queue for its read
/// delay (2–8 s) and its "digitando…" (2–6 s) before WhatsApp gets it — the time in which a doctor may take his words back.
/// </summary>
public sealed class DoctorConversationsHumanisedFixture : DoctorConversationsFixture
{
    protected override Dictionary<string, string?> Settings
    {
        get
        {
            var settings = base.Settings;
            settings["HUMANIZAR"] = "true";
            return settings;
        }
    }
}

/// <summary>
/// Round 2 of the doctor's conversations, left by round 1: he deletes for everyone what he wrote after the turn that read
/// it ran, while its reply still waits to go out (docs/decisions.md#inbound, "Edits and deletions").
/// </summary>
public sealed class DoctorWithdrawsConformanceTests(DoctorConversationsHumanisedFixture f) : IClassFixture<DoctorConversationsHumanisedFixture>
{
    // "?" and digits: a read delay of 8 s (the clamp), so the reply is still waiting when he deletes.
    const string Question = "tem plantão dia 15? meu crm é 123456";

    Task<List<(string Status, string? Reason)>> RepliesAsync(string phone) => f.QueryAsync<(string, string?)>("""
        SELECT q.status, q.outcome_reason_code FROM fila_mensagens q JOIN medicos m ON m.id = q.medico_id
        WHERE m.telefone = @phone AND q.tipo = 'resposta' ORDER BY q.sequencia
        """, new { phone });

    async Task ReplyWaitingAsync(string phone) =>
        await UntilAsync(async () => (await RepliesAsync(phone)) is { Count: > 0 } rows && rows.All(r => r.Status is "pendente" or "processando"), "a reply waiting to go out");

    async Task ReplyEndedAsync(string phone) =>
        await UntilAsync(async () => (await RepliesAsync(phone)) is { Count: > 0 } rows && rows.All(r => r.Status is not ("pendente" or "processando")), "the reply's end");

    /// <summary>
    /// He asks, the model answers, and while the answer waits its read delay he deletes the question for everyone:
    /// WhatsApp gets nothing — the reply is `cancelada` `mensagem_apagada` (a status of the runbook's queue).
    /// </summary>
    [Fact]
    public async Task AReplyToAMessageHeDeletedBeforeItWentOutIsNotSent()
    {
        const string phone = "5511977720001", marker = "(cx01)";
        f.Anthropic.ScriptFor(marker, Text("Dia 15 tenho noturno no Hospital Central. Quer?"));
        var question = NewId();

        await PostAsync(f.Client, Text(phone, $"{Question} {marker}", question));
        await ReplyWaitingAsync(phone);
        var deleted = await PostAsync(f.Client, Deletion("messages.delete", phone, question));
        await ReplyEndedAsync(phone);

        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Single(f.Anthropic.RequestsCarrying(marker));
        Assert.All(await RepliesAsync(phone), r => Assert.Equal(("cancelada", "mensagem_apagada"), r));
        Assert.Empty(f.SentTo(phone));
    }

    /// <summary>
    /// The reply answers two lines of his burst and he deletes one: it also answers the line he kept, so it goes out
    /// (docs/decisions.md#inbound: the deleted line is out of every later turn's history).
    /// </summary>
    [Fact]
    public async Task AReplyThatAlsoAnswersALineHeKeptStillGoesOut()
    {
        const string phone = "5511977720002", marker = "(cx02)";
        f.Anthropic.ScriptFor(marker, Text("Sábado tenho diurno no Hospital Central. Quer?"));
        var pix = NewId();

        await PostAsync(f.Client, Text(phone, $"{Question} {marker}"));
        await PostAsync(f.Client, Text(phone, "meu pix é 123.456.789-00", pix));
        await ReplyWaitingAsync(phone);
        await PostAsync(f.Client, Deletion("messages.delete", phone, pix));
        await ReplyEndedAsync(phone);

        Assert.Equal(["Sábado tenho diurno no Hospital Central. Quer?"], f.SentTo(phone));
        Assert.All(await RepliesAsync(phone), r => Assert.Equal("enviada", r.Status));
    }

    /// <summary>
    /// The dispatcher's own check, when it claims the reply: a deletion the deletion's statement could not cancel the reply
    /// for (it committed while the turn that read the message was queuing its reply) is written here straight to the row,
    /// as the webhook writes it — the reply is still not sent.
    /// </summary>
    [Fact]
    public async Task TheDispatcherDoesNotSendAReplyWhoseEveryLineWasDeleted()
    {
        const string phone = "5511977720003", marker = "(cx03)";
        f.Anthropic.ScriptFor(marker, Text("Dia 15 tenho noturno no Hospital Central. Quer?"));
        var question = NewId();

        await PostAsync(f.Client, Text(phone, $"{Question} {marker}", question));
        await ReplyWaitingAsync(phone);
        var stillPending = await f.ScalarAsync<bool>("""
            WITH deleted AS (UPDATE interacoes SET conteudo = '[mensagem apagada pelo médico]', processado_em = COALESCE(processado_em, now())
                             WHERE provider_message_id = @question AND direcao = 'entrada' RETURNING medico_id)
            SELECT EXISTS (SELECT 1 FROM fila_mensagens q JOIN deleted d ON d.medico_id = q.medico_id
                           WHERE q.tipo = 'resposta' AND q.status = 'pendente' AND q.agendar_para > now())
            """, new { question });
        Assert.True(stillPending, "the reply was already due when the message was deleted: the test proves nothing");
        await ReplyEndedAsync(phone);

        Assert.All(await RepliesAsync(phone), r => Assert.Equal(("cancelada", "mensagem_apagada"), r));
        Assert.Empty(f.SentTo(phone));
    }
    /// <summary>
    /// The deletion's own statement cancels the waiting reply (docs/decisions.md#inbound, "Edits and deletions"): right
    /// after the deletion's webhook is answered, while the reply is not due yet — so no claim can have looked at it — it
    /// is already `cancelada` `mensagem_apagada`. The dispatcher's check at the claim is another test's.
    /// </summary>
    [Fact]
    public async Task TheDeletionItselfCancelsTheWaitingReplyBeforeAnyClaim()
    {
        const string phone = "5511977720004", marker = "(cx04)";
        f.Anthropic.ScriptFor(marker, Text("Dia 15 tenho noturno no Hospital Central. Quer?"));
        var question = NewId();

        await PostAsync(f.Client, Text(phone, $"{Question} {marker}", question));
        await ReplyWaitingAsync(phone);
        Assert.True(await NotDueForAsync(phone, TimeSpan.FromSeconds(1)), "the reply was nearly due before the deletion: the test proves nothing");
        var deleted = await PostAsync(f.Client, Deletion("messages.delete", phone, question));
        var right = await RepliesAsync(phone);
        var notDueYet = await NotDueForAsync(phone, TimeSpan.Zero);

        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.True(notDueYet, "the reply fell due before it was read: a claim may have cancelled it");
        Assert.All(right, r => Assert.Equal(("cancelada", "mensagem_apagada"), r));
        await f.WaitSendsRecordedAsync(phone);
        Assert.Empty(f.SentTo(phone));
    }

    /// <summary>Is every reply row of his due no sooner than <paramref name="margin"/> from now (not claimable yet)?</summary>
    Task<bool> NotDueForAsync(string phone, TimeSpan margin) => f.ScalarAsync<bool>("""
        SELECT bool_and(q.agendar_para > now() + @margin AND q.envio_iniciado_em IS NULL AND q.processando_desde IS NULL)
        FROM fila_mensagens q JOIN medicos m ON m.id = q.medico_id WHERE m.telefone = @phone AND q.tipo = 'resposta'
        """, new { phone, margin });
}
