using System.Net;
using System.Text.Json;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Julia.IntegrationTests.Conversations;
using Julia.IntegrationTests.TestHost;
using Microsoft.Extensions.DependencyInjection;
using static Julia.IntegrationTests.TestHost.EvolutionWebhooks;

namespace Julia.IntegrationTests.Chatwoot;

/// <summary>Júlia with Chatwoot and Slack on (fake servers on loopback answering the fixture shapes), notices polled fast.</summary>
public class HumanLoopFixture : PipelineFixture
{
    public const string WebhookToken = "tok-webhook-chatwoot";
    public const int Inbox = 3;
    public FakeChatwoot Chatwoot { get; private set; } = null!;
    public FakeSlack Slack { get; private set; } = null!;
    int nextConversation = 5000;

    protected virtual string Mirroring => "evolution";
    protected virtual string? WebhookSecret => null;

    /// <summary>The same settings, for a second process on the same database and Redis.</summary>
    public IReadOnlyDictionary<string, string?> SettingsForSecondProcess => Settings;

    protected override Dictionary<string, string?> Settings => new()
    {
        ["HUMANIZAR"] = "false",
        ["CHATWOOT_URL"] = Chatwoot.Url, ["CHATWOOT_API_TOKEN"] = "tok-api", ["CHATWOOT_ACCOUNT_ID"] = "1",
        ["CHATWOOT_INBOX_ID"] = Inbox.ToString(), ["CHATWOOT_WEBHOOK_TOKEN"] = WebhookToken, ["CHATWOOT_ESPELHAMENTO"] = Mirroring,
        ["SLACK_WEBHOOK_URL"] = Slack.WebhookUrl, ["SLACK_MASCARAR_TELEFONE"] = "true",
        ["Notifications:PollMilliseconds"] = "50", ["Notifications:BaseBackoffSeconds"] = "1", ["Notifications:MaxBackoffSeconds"] = "1",
        ["Chatwoot:TimeoutSeconds"] = "2", ["Slack:TimeoutSeconds"] = "1", ["CHATWOOT_WEBHOOK_SECRET"] = WebhookSecret,
    };

    public override async Task InitializeAsync()
    {
        Chatwoot = Peer(await FakeChatwoot.StartAsync());
        Slack = Peer(await FakeSlack.StartAsync());
        await base.InitializeAsync();
        // The integration's profile is read in the background at start: until it is, a note of the integration itself
        // ("/confirmar" sent as ProfileId) reads as a person's — on a busy host a class's first test came before it.
        await Eventually.MatchesAsync(() => Task.FromResult(App.Services.GetRequiredService<Julia.Chatwoot.ChatwootIdentity>().ProfileId),
            id => id == Chatwoot.ProfileId);
    }


    /// <summary>A doctor who wrote once (his conversation exists) and his contact + conversation in Chatwoot's inbox.</summary>
    public async Task<(Guid ConversaId, long ChatwootId)> DoctorInChatwootAsync(string phone, string firstMessage = "oi, tudo bem?")
    {
        var chatwootId = Interlocked.Increment(ref nextConversation);
        Chatwoot.AddContact(chatwootId + 100_000, "Dra. Teste", "+" + phone);
        Chatwoot.AddConversation(chatwootId + 100_000, chatwootId, Inbox, 1_765_387_400);
        await PostAsync(Client, Text(phone, firstMessage));
        await WaitProcessedAsync(phone);
        var conversa = await ScalarAsync<Guid>("""
            SELECT c.id FROM conversations c JOIN medicos m ON m.id = c.medico_id WHERE m.telefone = @phone ORDER BY c.created_at DESC LIMIT 1
            """, new { phone });
        // Júlia's reply went out (and is recorded with its provider id) before the test goes on.
        await Eventually.MatchesAsync(() => ScalarAsync<long>("""
            SELECT count(*) FROM interacoes WHERE conversa_id = @conversa AND direcao = 'saida' AND provider_message_id IS NOT NULL
            """, new { conversa }), n => n > 0);
        return (conversa, chatwootId);
    }

    public Task<string> ControlAsync(Guid conversa) => ScalarAsync<string>("SELECT controlled_by FROM conversations WHERE id = @conversa", new { conversa });

    public Task<List<(string Status, string TriggerType)>> HandoffsAsync(Guid conversa) =>
        QueryAsync<(string, string)>("SELECT status, trigger_type FROM handoffs WHERE conversa_id = @conversa ORDER BY created_at", new { conversa });

    /// <summary>A Chatwoot webhook body from a fixture, pointed at a conversation and a contact phone.</summary>
    public static JsonObject Webhook(string fixture, long conversationId, string phone)
    {
        var body = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", "chatwoot", fixture)))!.AsObject();
        var conversation = body["event"]!.GetValue<string>() == "message_created" ? body["conversation"]!.AsObject() : body;
        conversation["id"] = conversationId;
        if (conversation["meta"]?["sender"] is JsonObject sender) sender["phone_number"] = "+" + phone;
        // Chatwoot builds a conversation event when the change is made: its `updated_at` is now, not the fixture's 2025
        // (a resolve older than what it would give back is one delivered again: docs/decisions.md#handoff).
        if (!ReferenceEquals(conversation, body) || body["updated_at"] is null) return body;
        body["updated_at"] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;
        return body;
    }

    static long nextNote = 700_000;

    /// <summary>
    /// A staff private note's webhook body, each with a message id of its own (kept, so a test can deliver the very same
    /// message again); <paramref name="senderId"/> sets the agent who wrote it.
    /// </summary>
    public static JsonObject StaffNote(long chatwootId, string phone, string content, long? senderId = null)
    {
        var note = Webhook("webhook-message-created-private-note.json", chatwootId, phone);
        note["content"] = content;
        note["id"] = Interlocked.Increment(ref nextNote);
        if (senderId is { } id) note["sender"]!["id"] = id;
        return note;
    }

    /// <summary>Delivers a note (200 expected) and returns the webhook's answer.</summary>
    public async Task<JsonElement> PostNoteAsync(JsonObject note)
    {
        using var response = await PostChatwootAsync(note);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public Task<JsonElement> NoteAsync(long chatwootId, string phone, string content, long? senderId = null) =>
        PostNoteAsync(StaffNote(chatwootId, phone, content, senderId));

    /// <summary>The private notes Júlia posted in that Chatwoot conversation, in order.</summary>
    public List<string> PrivateReplies(long chatwootId) =>
        [.. Chatwoot.Messages.Where(m => m.ConversationId == chatwootId && m.Body["private"]!.GetValue<bool>()).Select(m => m.Body["content"]!.GetValue<string>())];

    /// <summary>Waits for the <paramref name="number"/>th private note Júlia posts there (1-based).</summary>
    public Task<string> PrivateReplyAsync(long chatwootId, int number) =>
        Eventually.MatchesAsync(() => Task.FromResult(PrivateReplies(chatwootId)), r => r.Count >= number).ContinueWith(t => t.Result[number - 1]);

    public Task<HttpResponseMessage> PostChatwootAsync(JsonObject body, string? token = WebhookToken) =>
        Client.PostAsync(token is null ? "/chatwoot/webhook" : $"/chatwoot/webhook?token={token}",
            new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));

    public Task<JsonObject> WaitSlackAsync(Func<JsonObject, bool> match) =>
        Eventually.MatchesAsync(() => Task.FromResult(Slack.Received.FirstOrDefault(match)), m => m is not null).ContinueWith(t => t.Result!);

    public static bool SlackTextContains(JsonObject message, string text) => message["text"]?.GetValue<string>().Contains(text) == true;

    /// <summary>Whether any string anywhere in the Slack message contains the text (JSON text escapes accents).</summary>
    public static bool SlackMentions(JsonNode? node, string text) => node switch
    {
        JsonObject o => o.Any(p => SlackMentions(p.Value, text)),
        JsonArray a => a.Any(i => SlackMentions(i, text)),
        JsonValue v when v.TryGetValue<string>(out var s) => s.Contains(text, StringComparison.Ordinal),
        _ => false,
    };

    public async Task<HttpResponseMessage> RunJobAsync(string name) => await Client.PostAsync($"/jobs/{name}", null);

    public Task<T?> GetJsonAsync<T>(string path) => Client.GetFromJsonAsync<T>(path);
}
