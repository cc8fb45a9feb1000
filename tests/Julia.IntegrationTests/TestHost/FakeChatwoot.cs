using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Julia.IntegrationTests.TestHost;

/// <summary>
/// A fake Chatwoot Application API for account 1 on loopback, answering with the shapes in tests/fixtures/chatwoot:
/// profile, contact search, a contact's conversations, message creation (200, as Chatwoot answers creates) and contact
/// deletion (200 with no body, as Chatwoot's `head :ok`; 404 when the contact does not exist).
/// Every request is kept; <see cref="Down"/> and <see cref="RequiredToken"/> script outages and bad tokens.
/// </summary>
public sealed class FakeChatwoot : LoopbackServer
{
    public const long AccountId = 1;

    public sealed record Call(string Method, string Path, string Query, string? Token);

    sealed record Contact(long Id, string Name, string PhoneE164);

    sealed record Conversation(long ContactId, long Id, long InboxId, long LastActivityAt, string Status);

    readonly ConcurrentDictionary<long, Contact> contacts = new();
    readonly ConcurrentQueue<Conversation> conversations = new();
    long nextMessageId = 98764;

    public ConcurrentQueue<Call> Requests { get; } = new();
    public ConcurrentQueue<(long ConversationId, JsonObject Body)> Messages { get; } = new();

    /// <summary>The user id the profile answers: the integration's own, so its echoes can be told apart.</summary>
    public long ProfileId { get; set; } = 99;

    /// <summary>Every endpoint answers 503, as a Chatwoot behind a proxy that lost it.</summary>
    public bool Down { get; set; }

    /// <summary>When set, a request without this `api_access_token` answers 401 like Chatwoot.</summary>
    public string? RequiredToken { get; set; }

    /// <summary>Called as each request arrives (e.g. the caller goes away while Chatwoot is being asked).</summary>
    public Action<Call>? OnRequest { get; set; }

    public static async Task<FakeChatwoot> StartAsync()
    {
        var fake = new FakeChatwoot();
        await fake.StartServerAsync();
        return fake;
    }

    public void AddContact(long id, string name, string phoneE164) => contacts[id] = new Contact(id, name, phoneE164);

    public bool HasContact(long id) => contacts.ContainsKey(id);

    public void AddConversation(long contactId, long conversationId, long inboxId, long lastActivityAt, string status = "open") =>
        conversations.Enqueue(new Conversation(contactId, conversationId, inboxId, lastActivityAt, status));

    protected override void Map(WebApplication app)
    {
        app.Use(async (http, next) =>
        {
            var token = http.Request.Headers.TryGetValue("api_access_token", out var t) ? t.ToString() : null;
            var call = new Call(http.Request.Method, http.Request.Path.Value ?? "", http.Request.QueryString.Value ?? "", token);
            Requests.Enqueue(call);
            OnRequest?.Invoke(call);
            if (Down)
            {
                await Results.Content("""{"error":"Service Unavailable"}""", "application/json", statusCode: 503).ExecuteAsync(http);
                return;
            }
            if (RequiredToken is not null && token != RequiredToken)
            {
                await FixtureResult("error-401-invalid-access-token.json", 401).ExecuteAsync(http);
                return;
            }
            await next(http);
        });

        app.MapGet("/api/v1/profile", () =>
            Json(new JsonObject { ["id"] = ProfileId, ["name"] = "Integração Júlia", ["type"] = "user", ["account_id"] = AccountId }));
        app.MapGet("/api/v1/accounts/{account}/contacts/search", (string account, string? q) => OnAccount(account, () => Search(q ?? "")));
        app.MapGet("/api/v1/accounts/{account}/contacts/{contactId}/conversations", (string account, string contactId) =>
            OnAccount(account, () => ContactConversations(contactId)));
        app.MapPost("/api/v1/accounts/{account}/conversations/{conversationId}/messages", async (string account, string conversationId, HttpContext http) =>
        {
            JsonObject? body;
            try { body = (await JsonNode.ParseAsync(http.Request.Body)) as JsonObject; }
            catch (JsonException) { body = null; }
            return OnAccount(account, () => CreateMessage(conversationId, body));
        });
        app.MapDelete("/api/v1/accounts/{account}/contacts/{contactId}", (string account, string contactId) => OnAccount(account, () =>
            long.TryParse(contactId, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && contacts.TryRemove(id, out _)
                ? Results.Ok()
                : FixtureResult("error-404-not-found.json", 404)));
        app.MapFallback(() => FixtureResult("error-404-not-found.json", 404));
    }

    static IResult OnAccount(string account, Func<IResult> action) =>
        account == AccountId.ToString(CultureInfo.InvariantCulture) ? action() : FixtureResult("error-404-not-found.json", 404);

    /// <summary>Chatwoot matches a substring of the phone (as well as name and email): `q` with or without `+` finds the contact.</summary>
    IResult Search(string q)
    {
        var digits = Digits(q);
        var found = contacts.Values.OrderBy(c => c.Id).Where(c => digits.Length > 0
            ? Digits(c.PhoneE164).Contains(digits, StringComparison.Ordinal)
            : q.Length > 0 && c.Name.Contains(q, StringComparison.OrdinalIgnoreCase)).ToList();

        var template = Fixture("contact-search-response.json");
        var sample = template["payload"]![0]!.AsObject();
        var payload = new JsonArray();
        foreach (var c in found)
        {
            var item = sample.DeepClone().AsObject();
            item["id"] = c.Id;
            item["name"] = c.Name;
            item["phone_number"] = c.PhoneE164;
            item["contact_inboxes"]![0]!["source_id"] = Digits(c.PhoneE164);
            payload.Add(item);
        }
        template["payload"] = payload;
        template["meta"]!["count"] = found.Count;
        return Json(template);
    }

    IResult ContactConversations(string contactId)
    {
        if (!long.TryParse(contactId, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || !contacts.TryGetValue(id, out var contact))
            return FixtureResult("error-404-not-found.json", 404);

        var sample = Fixture("conversation-create-response.json");
        var payload = new JsonArray();
        foreach (var c in conversations.Where(c => c.ContactId == id))
        {
            var item = sample.DeepClone().AsObject();
            item["id"] = c.Id;
            item["inbox_id"] = c.InboxId;
            item["status"] = c.Status;
            item["last_activity_at"] = c.LastActivityAt;
            item["timestamp"] = c.LastActivityAt;
            item["meta"]!["sender"]!["id"] = contact.Id;
            item["meta"]!["sender"]!["name"] = contact.Name;
            item["meta"]!["sender"]!["phone_number"] = contact.PhoneE164;
            payload.Add(item);
        }
        return Json(new JsonObject { ["payload"] = payload });
    }

    IResult CreateMessage(string conversationId, JsonObject? body)
    {
        if (!long.TryParse(conversationId, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            return FixtureResult("error-404-not-found.json", 404);
        if (body is null || body["content"] is not JsonValue)
            return FixtureResult("error-422-record-invalid.json", 422);
        Messages.Enqueue((id, body));

        var type = body["message_type"]?.GetValueKind() == JsonValueKind.String ? body["message_type"]!.GetValue<string>() : "outgoing";
        var response = Fixture("message-create-response.json");
        response["id"] = Interlocked.Increment(ref nextMessageId);
        response["conversation_id"] = id;
        response["content"] = body["content"]!.DeepClone();
        response["message_type"] = type == "incoming" ? 0 : 1;
        response["private"] = body["private"]?.GetValueKind() == JsonValueKind.True;
        response["source_id"] = body["source_id"]?.DeepClone();
        response["created_at"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        if (type != "incoming")
            response["sender"] = new JsonObject { ["id"] = ProfileId, ["name"] = "Integração Júlia", ["available_name"] = "Integração Júlia", ["type"] = "user" };
        return Json(response);
    }

    static string Digits(string s) => new(s.Where(char.IsAsciiDigit).ToArray());

    static IResult Json(JsonNode body, int status = 200) => Results.Content(body.ToJsonString(), "application/json", statusCode: status);

    static IResult FixtureResult(string name, int status) => Json(Fixture(name), status);

    static JsonObject Fixture(string name) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", "chatwoot", name)))!.AsObject();
}
