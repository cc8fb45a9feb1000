using System.Net;
using System.Text.Json.Nodes;
using Julia.IntegrationTests.Chatwoot;
using Julia.IntegrationTests.Privacy;
using Julia.IntegrationTests.TestHost;
using Microsoft.Extensions.DependencyInjection;
using static Julia.IntegrationTests.TestHost.EvolutionWebhooks;

namespace Julia.IntegrationTests.Conformance;

/// <summary>Júlia with Chatwoot mirroring every message (`app`), Slack on and an LGPD secret: the most a doctor leaves behind.</summary>
public sealed class ErasureFixture : PrivacyFixture
{
    public FakeSlack Slack { get; private set; } = null!;

    protected override Dictionary<string, string?> Settings
    {
        get
        {
            var settings = base.Settings;
            settings["CHATWOOT_INBOX_ID"] = HumanLoopFixture.Inbox.ToString();
            settings["CHATWOOT_ESPELHAMENTO"] = "app";
            settings["SLACK_WEBHOOK_URL"] = Slack.WebhookUrl;
            settings["SLACK_MASCARAR_TELEFONE"] = "true";
            settings["Notifications:PollMilliseconds"] = "50";
            settings["Slack:TimeoutSeconds"] = "1";
            // A create a test holds back until an erasure is done must not time out first.
            settings["Chatwoot:TimeoutSeconds"] = "15";
            return settings;
        }
    }

    public override async Task InitializeAsync()
    {
        Slack = Peer(await FakeSlack.StartAsync());
        await base.InitializeAsync();
        await Eventually.MatchesAsync(() => Task.FromResult(App.Services.GetRequiredService<Julia.Chatwoot.ChatwootIdentity>().ProfileId),
            id => id == Chatwoot.ProfileId);
    }

}

/// <summary>
/// LGPD erasure, black box first (docs/decisions.md#lgpd, runbook "LGPD — pedidos do titular"): a doctor who lived a whole
/// life through the real webhooks — a LID and a phone, media captions, a quoted reply, an edit and a deletion, a bot
/// question, a request for a person mirrored to Chatwoot, a staff message, a contact pause, an opt-out — is erased, and
/// then every text/jsonb column of every table, every Redis key and value and every log line is searched for anything
/// that names him. The search is generic on purpose: a table or key added later is searched too.
/// </summary>
public sealed class ErasureConformanceTests(ErasureFixture f) : IClassFixture<ErasureFixture>
{
    sealed record Life(Guid Id, string Phone, string Lid, string[] Needles);

    /// <summary>Posts a webhook body and waits until none of his messages is left unprocessed.</summary>
    async Task SendAsync(JsonObject body, string phone)
    {
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(f.Client, body)).StatusCode);
        await f.WaitProcessedAsync(phone);
    }

    JsonObject FromLid(string phone, string lid, string text, string name)
    {
        var body = Text(phone, text, pushName: name);
        body["data"]!["key"]!["remoteJid"] = lid + "@lid";
        body["data"]!["key"]!["remoteJidAlt"] = phone + "@s.whatsapp.net";
        return body;
    }

    async Task<Life> LiveAsync(string phone, string lid, string first, string last, string word)
    {
        var name = $"{first} {last}";
        await SendAsync(FromLid(phone, lid, $"oi, sou o {name}, CRM 4{phone[^5..]}, e-mail {first.ToLowerInvariant()}@{word}.com.br — {word}", name), phone);
        var id = await f.ScalarAsync<Guid>("SELECT id FROM medicos WHERE telefone = @phone", new { phone });
        await f.WaitSendsRecordedAsync(id);
        await SendAsync(DoctorConversationsConformanceTests.Photo(phone, $"minha escala {word}", NewId()), phone);
        await SendAsync(Quoted(phone, $"sobre isso {word}", $"Oi! Recebi: {word}"), phone);
        // An edit and a deletion of messages already answered: nothing new, and the words are his all the same.
        var edited = NewId();
        await SendAsync(Text(phone, $"plantão dia 12 {word}", edited, name), phone);
        await PostAsync(f.Client, DoctorConversationsConformanceTests.Edit("messages.edited", phone, edited, $"plantão dia 13 {word}"));
        var deleted = NewId();
        await SendAsync(Text(phone, $"meu outro número é 21 9{phone[^8..]} {word}", deleted, name), phone);
        await PostAsync(f.Client, DoctorConversationsConformanceTests.Deletion("messages.delete", phone, deleted));
        await SendAsync(Text(phone, $"você é um robô? {word}", pushName: name), phone);
        await f.WaitSendsRecordedAsync(id);
        // A contact pause staff record with his reason (health data, perhaps).
        using (var pause = await f.AdminAsync(HttpMethod.Post, $"/admin/medicos/{id}/pausar",
                   new { ate = DateTime.UtcNow.AddDays(30).ToString("yyyy-MM-dd"), motivo = $"cirurgia {word}", por = "Carla" }))
            Assert.Equal(HttpStatusCode.OK, pause.StatusCode);
        // A request for a person: a handoff, mirrored to Chatwoot, and a staff message from there.
        await SendAsync(Text(phone, $"quero falar com um humano agora, {word}", pushName: name), phone);
        var chatwootConversation = await Eventually.MatchesAsync(() => f.ScalarAsync<string?>(
            "SELECT chatwoot_conversation_id FROM conversations WHERE medico_id = @id AND chatwoot_conversation_id IS NOT NULL LIMIT 1", new { id }),
            v => v is not null);
        var staff = HumanLoopFixture.Webhook("webhook-message-created-outgoing.json", long.Parse(chatwootConversation!), phone);
        staff["id"] = 930_000 + int.Parse(phone[^3..]);
        staff["content"] = $"Oi {first}, aqui é a Carla, sobre o {word}";
        using (var response = await f.Client.PostAsync($"/chatwoot/webhook?token=tok-webhook-chatwoot", Json(staff)))
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await Eventually.MatchesAsync(() => f.ScalarAsync<long>(
            "SELECT count(*) FROM interacoes WHERE medico_id = @id AND autor_tipo = 'humano'", new { id }), n => n > 0);
        // His opt-out, in his words.
        await SendAsync(Text(phone, $"pela LGPD quero meus dados apagados e nenhum contato mais. {word}", pushName: name), phone);
        await f.WaitSendsRecordedAsync(id);
        await f.CacheAsync($"rate:ultimo:{phone}", "1765387400");
        await f.CacheAsync($"rate:ultimo:{lid}", "1765387400");
        // The cached views a turn leaves (medico:*, contexto:medico:*) are read again so they are there now.
        await SendAsync(Text(phone, $"última coisa {word}", pushName: name), phone);
        await f.WaitSendsRecordedAsync(id);
        var national = phone[2..];
        return new Life(id, phone, lid, [phone, national, lid, first, last, word, $"4{phone[^5..]}"]);
    }

    static string NewId() => "3EB0" + Guid.NewGuid().ToString("N")[..16].ToUpperInvariant();

    [Fact]
    public async Task AWholeLifeErasedThroughTheApiLeavesNoTraceInAnyTableKeyOrLogLineAndChatwootLosesTheContact()
    {
        var life = await LiveAsync("5511987650123", "240912345678901", "Zéfiro", "Quixabeira", "xilofonarquipelago");
        var before = await f.WhereFoundAsync(life.Needles);
        Assert.Contains(before, w => w.StartsWith("interacoes.conteudo", StringComparison.Ordinal));
        Assert.Contains(before, w => w.StartsWith("medicos.contato_pausado_motivo", StringComparison.Ordinal));
        Assert.True(f.Chatwoot.ContactByPhone(life.Phone) is not null, "the mirror made no Chatwoot contact");

        var answer = await f.EraseAsync(life.Id);

        Assert.Equal("apagado", answer["status"]!.GetValue<string>());
        var left = await f.WhereFoundAsync(life.Needles);
        Assert.True(left.Count == 0, "personal data left after the erasure:\n" + string.Join("\n", left));
        Assert.Null(f.Chatwoot.ContactByPhone(life.Phone));
        var logged = f.App.Logs.Lines.Where(l => l.Message.Contains(life.Phone, StringComparison.Ordinal)
            || l.Message.Contains("xilofonarquipelago", StringComparison.OrdinalIgnoreCase) || l.Message.Contains(life.Lid, StringComparison.Ordinal)
            || l.Message.Contains("Quixabeira", StringComparison.Ordinal)).Select(l => l.Message).ToList();
        Assert.True(logged.Count == 0, "log lines naming him:\n" + string.Join("\n", logged));
    }

    /// <summary>
    /// The mirror was creating his Chatwoot contact (from a read of his row just before) when the erasure ran: the
    /// erasure's Chatwoot step found no contact yet, and the create then landed — his name and phone in Chatwoot for
    /// good, and the contact id written on the anonymised row. Now the mapping sees the erasure when it stores the id and
    /// deletes the contact it has just created (docs/decisions.md#lgpd, "A Chatwoot mapping under way").
    /// </summary>
    [Fact]
    public async Task AChatwootContactTheMirrorWasCreatingWhenTheErasureRanIsDeletedAgain()
    {
        const string phone = "5511987650177";
        using var create = f.Chatwoot.HoldFirstContactCreate(TimeSpan.FromSeconds(12));
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(f.Client, Text(phone, "oi, sou o Teobaldo Jequitibá", pushName: "Teobaldo Jequitibá"))).StatusCode);
        Assert.True(await create.ArrivedAsync(TimeSpan.FromSeconds(30)), "the mirror never asked Chatwoot to create the contact");
        var id = await f.ScalarAsync<Guid>("SELECT id FROM medicos WHERE telefone = @phone", new { phone });

        var answer = await f.EraseAsync(id);
        Assert.Equal("apagado", answer["status"]!.GetValue<string>());
        create.Release();

        await f.App.Logs.AssertLoggedAsync(l => l.EventId == 6314 && l.Message.Contains(id.ToString(), StringComparison.Ordinal), "of the held contact created", 20);
        await Eventually.MatchesAsync(() => Task.FromResult(f.Chatwoot.ContactByPhone(phone) is null), gone => gone, seconds: 10);
        Assert.Null(await f.ScalarAsync<string?>("SELECT chatwoot_contact_id FROM medicos WHERE id = @id", new { id }));
        Assert.Empty(await f.WhereFoundAsync(phone, "Teobaldo", "Jequitibá"));
    }

    /// <summary>
    /// After an erasure whose Chatwoot part failed (the contact and its conversation are still there), the staff write in
    /// that conversation and the doctor edits and deletes a message he sent before: nothing finds the anonymised record —
    /// nothing is stored, queued or sent, and no column or key names him again.
    /// </summary>
    [Fact]
    public async Task AfterAnErasureNeitherTheStaffInTheOldChatwootConversationNorHisEditOfAnOldMessageBringsHimBack()
    {
        const string phone = "5511987650188";
        var old = NewId();
        await SendAsync(Text(phone, "oi, sou o Olegário Cambuci, plantão noturno?", old, "Olegário Cambuci"), phone);
        var id = await f.ScalarAsync<Guid>("SELECT id FROM medicos WHERE telefone = @phone", new { phone });
        await f.WaitSendsRecordedAsync(id);
        var chatwootConversation = await Eventually.MatchesAsync(() => f.ScalarAsync<string?>(
            "SELECT chatwoot_conversation_id FROM conversations WHERE medico_id = @id AND chatwoot_conversation_id IS NOT NULL LIMIT 1", new { id }),
            v => v is not null);
        f.Chatwoot.Down = true;
        try
        {
            var answer = await f.EraseAsync(id);
            Assert.Equal("falhou", answer["solicitacao"]!["externos"]!["chatwoot"]!["status"]!.GetValue<string>());
        }
        finally
        {
            f.Chatwoot.Down = false;
        }
        var rowsBefore = await f.ScalarAsync<long>("SELECT (SELECT count(*) FROM interacoes) + (SELECT count(*) FROM fila_mensagens) + (SELECT count(*) FROM medicos)");

        var staff = HumanLoopFixture.Webhook("webhook-message-created-outgoing.json", long.Parse(chatwootConversation!), phone);
        staff["id"] = 940_188;
        staff["content"] = "Oi Olegário, aqui é a Carla da equipe";
        using (var response = await f.Client.PostAsync("/chatwoot/webhook?token=tok-webhook-chatwoot", Json(staff)))
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(f.Client,
            DoctorConversationsConformanceTests.Edit("messages.edited", phone, old, "oi, sou o Olegário Cambuci, plantão quaxiquario?"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(f.Client, DoctorConversationsConformanceTests.Deletion("messages.delete", phone, old))).StatusCode);

        Assert.Equal(rowsBefore, await f.ScalarAsync<long>("SELECT (SELECT count(*) FROM interacoes) + (SELECT count(*) FROM fila_mensagens) + (SELECT count(*) FROM medicos)"));
        Assert.Empty(await f.WhereFoundAsync(phone, "Olegário", "Cambuci", "quaxiquario"));
    }
}
