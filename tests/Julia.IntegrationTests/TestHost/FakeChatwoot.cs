using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Julia.IntegrationTests.TestHost;

/// <summary>
/// A fake Chatwoot Application API for account 1 on loopback, answering with the shapes in tests/fixtures/chatwoot:
/// profile, contact search, a contact's conversations, contact / contact-inbox / conversation / message creation (200, as
/// Chatwoot answers creates; a phone already taken 422) and contact deletion (200 with no body, as Chatwoot's `head :ok`;
/// 404 when the contact does not exist).
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
    readonly ConcurrentDictionary<long, byte> deleted = new();
    readonly ConcurrentDictionary<(long Contact, long Inbox), string> contactInboxes = new();
    readonly object creating = new();
    long nextMessageId = 98764, nextContactId = 880_000, nextConversationId = 77_000;

    public ConcurrentQueue<Call> Requests { get; } = new();
    public ConcurrentQueue<(long ConversationId, JsonObject Body)> Messages { get; } = new();

    /// <summary>The user id the profile answers: the integration's own, so its echoes can be told apart.</summary>
    public long ProfileId { get; set; } = 99;

    /// <summary>Every endpoint answers 503, as a Chatwoot behind a proxy that lost it.</summary>
    public bool Down { get; set; }

    /// <summary>
    /// A hung Chatwoot: every request is accepted and never answered (the caller times out). Requests already waiting
    /// stay unanswered after it is set back to false.
    /// </summary>
    public bool Hung { get; set; }

    /// <summary>When set, a request without this `api_access_token` answers 401 like Chatwoot.</summary>
    public string? RequiredToken { get; set; }

    /// <summary>Called as each request arrives (e.g. the caller goes away while Chatwoot is being asked).</summary>
    public Action<Call>? OnRequest { get; set; }

    /// <summary>
    /// Holds the next contact create (`POST …/contacts`) inside Chatwoot until the returned hold is released (or
    /// <paramref name="atMost"/> passes): <see cref="HeldRequest.ArrivedAsync"/> says it came. Disposing releases it and
    /// clears <see cref="OnRequest"/>.
    /// </summary>
    public HeldRequest HoldFirstContactCreate(TimeSpan atMost)
    {
        var hold = new HeldRequest(this);
        var first = 1;
        OnRequest = call =>
        {
            if (call.Method != "POST" || !call.Path.EndsWith("/contacts", StringComparison.Ordinal) || Interlocked.Exchange(ref first, 0) == 0) return;
            hold.Arrived.Release();
            hold.Released.Wait(atMost);
        };
        return hold;
    }

    public sealed class HeldRequest(FakeChatwoot chatwoot) : IDisposable
    {
        internal readonly SemaphoreSlim Arrived = new(0);
        internal readonly ManualResetEventSlim Released = new(false);

        public Task<bool> ArrivedAsync(TimeSpan within) => Arrived.WaitAsync(within);

        public void Release() => Released.Set();

        // The events are not disposed: Chatwoot's request thread may still be inside Released.Wait when the test ends.
        public void Dispose()
        {
            Released.Set();
            chatwoot.OnRequest = null;
        }
    }

    public static async Task<FakeChatwoot> StartAsync()
    {
        var fake = new FakeChatwoot();
        await fake.StartServerAsync();
        return fake;
    }

    /// <summary>A contact; with <paramref name="inboxId"/> also in that inbox (source id: his digits).</summary>
    public void AddContact(long id, string name, string phoneE164, long? inboxId = null)
    {
        contacts[id] = new Contact(id, name, phoneE164);
        if (inboxId is { } inbox) contactInboxes[(id, inbox)] = Digits(phoneE164);
    }

    /// <summary>The contact with this phone (digits, with or without `+`), or null.</summary>
    public (long Id, string Name)? ContactByPhone(string phone) =>
        contacts.Values.Where(c => Digits(c.PhoneE164) == Digits(phone)).Select(c => ((long, string)?)(c.Id, c.Name)).FirstOrDefault();

    /// <summary>The conversations of a contact: id, inbox and status.</summary>
    public IReadOnlyList<(long Id, long InboxId, string Status)> ConversationsOf(long contactId) =>
        [.. Live.Where(c => c.ContactId == contactId).Select(c => (c.Id, c.InboxId, c.Status))];

    public bool HasContact(long id) => contacts.ContainsKey(id);

    public void AddConversation(long contactId, long conversationId, long inboxId, long lastActivityAt, string status = "open") =>
        conversations.Enqueue(new Conversation(contactId, conversationId, inboxId, lastActivityAt, status));

    /// <summary>An admin deletes the conversation in Chatwoot: it is no longer listed, shown or written to (404).</summary>
    public void DeleteConversation(long conversationId) => deleted[conversationId] = 0;

    IEnumerable<Conversation> Live => conversations.Where(c => !deleted.ContainsKey(c.Id));

    protected override void Map(WebApplication app)
    {
        app.Use(async (http, next) =>
        {
            var token = http.Request.Headers.TryGetValue("api_access_token", out var t) ? t.ToString() : null;
            var call = new Call(http.Request.Method, http.Request.Path.Value ?? "", http.Request.QueryString.Value ?? "", token);
            Requests.Enqueue(call);
            OnRequest?.Invoke(call);
            if (Hung)
            {
                try { await Task.Delay(Timeout.Infinite, http.RequestAborted); } catch (OperationCanceledException) { }
                return;
            }
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
        app.MapGet("/api/v1/accounts/{account}/conversations/{conversationId}", (string account, string conversationId) =>
            OnAccount(account, () => ShowConversation(conversationId)));
        app.MapPost("/api/v1/accounts/{account}/conversations/{conversationId}/messages", async (string account, string conversationId, HttpContext http) =>
        {
            JsonObject? body;
            try { body = (await JsonNode.ParseAsync(http.Request.Body)) as JsonObject; }
            catch (JsonException) { body = null; }
            return OnAccount(account, () => CreateMessage(conversationId, body));
        });
        app.MapPost("/api/v1/accounts/{account}/contacts", async (string account, HttpContext http) =>
        {
            var body = await BodyAsync(http);
            return OnAccount(account, () => CreateContact(body));
        });
        app.MapPost("/api/v1/accounts/{account}/contacts/{contactId}/contact_inboxes", async (string account, string contactId, HttpContext http) =>
        {
            var body = await BodyAsync(http);
            return OnAccount(account, () => CreateContactInbox(contactId, body));
        });
        app.MapPost("/api/v1/accounts/{account}/conversations", async (string account, HttpContext http) =>
        {
            var body = await BodyAsync(http);
            return OnAccount(account, () => CreateConversation(body));
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
            var inboxes = new JsonArray();
            foreach (var ((contact, inbox), source) in contactInboxes.Where(ci => ci.Key.Contact == c.Id))
                inboxes.Add(new JsonObject { ["source_id"] = source, ["inbox"] = new JsonObject { ["id"] = inbox, ["name"] = "WhatsApp - Júlia" } });
            item["contact_inboxes"] = inboxes;
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
        foreach (var c in Live.Where(c => c.ContactId == id))
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

    /// <summary>`GET /conversations/{id}`: the conversation with its contact in `meta.sender` (no phone: `phone_number` null).</summary>
    IResult ShowConversation(string conversationId)
    {
        if (!long.TryParse(conversationId, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            || Live.FirstOrDefault(c => c.Id == id) is not { } c)
            return FixtureResult("error-404-not-found.json", 404);
        var item = Fixture("conversation-create-response.json");
        item["id"] = c.Id;
        item["inbox_id"] = c.InboxId;
        item["status"] = c.Status;
        var sender = item["meta"]!["sender"]!;
        sender["id"] = c.ContactId;
        sender["name"] = contacts.TryGetValue(c.ContactId, out var contact) ? contact.Name : "Contato";
        sender["phone_number"] = contact is { PhoneE164.Length: > 0 } ? contact.PhoneE164 : null;
        return Json(item);
    }

    static async Task<JsonObject?> BodyAsync(HttpContext http)
    {
        try { return (await JsonNode.ParseAsync(http.Request.Body)) as JsonObject; }
        catch (JsonException) { return null; }
    }

    static long? LongOf(JsonObject? body, string name) =>
        body?[name] is JsonValue v && v.TryGetValue<long>(out var n) ? n : null;

    static string? StringOf(JsonObject? body, string name) =>
        body?[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <summary>As Chatwoot: `phone_number` E.164 and unique in the account (else 422); with `inbox_id` the contact-inbox too.</summary>
    IResult CreateContact(JsonObject? body)
    {
        var phone = StringOf(body, "phone_number");
        if (phone is null || !phone.StartsWith('+') || Digits(phone).Length < 8) return FixtureResult("error-422-record-invalid.json", 422);
        Contact contact;
        lock (creating)
        {
            if (contacts.Values.Any(c => c.PhoneE164 == phone)) return FixtureResult("error-422-record-invalid.json", 422);
            contact = new Contact(Interlocked.Increment(ref nextContactId), StringOf(body, "name") ?? phone, phone);
            contacts[contact.Id] = contact;
        }
        var inbox = LongOf(body, "inbox_id");
        var source = StringOf(body, "source_id") ?? Guid.NewGuid().ToString();
        if (inbox is { } i) contactInboxes[(contact.Id, i)] = source;

        var response = Fixture("contact-create-response.json");
        var created = response["payload"]!["contact"]!.AsObject();
        created["id"] = contact.Id;
        created["name"] = contact.Name;
        created["phone_number"] = contact.PhoneE164;
        created["contact_inboxes"] = new JsonArray();
        if (inbox is { } id)
        {
            created["contact_inboxes"]!.AsArray().Add(new JsonObject { ["source_id"] = source, ["inbox"] = new JsonObject { ["id"] = id } });
            response["payload"]!["contact_inbox"]!["source_id"] = source;
            response["payload"]!["contact_inbox"]!["inbox"]!["id"] = id;
        }
        else response["payload"]!.AsObject().Remove("contact_inbox");
        return Json(response);
    }

    IResult CreateContactInbox(string contactId, JsonObject? body)
    {
        if (!long.TryParse(contactId, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || !contacts.ContainsKey(id))
            return FixtureResult("error-404-not-found.json", 404);
        if (LongOf(body, "inbox_id") is not { } inbox) return FixtureResult("error-422-record-invalid.json", 422);
        var source = contactInboxes.GetOrAdd((id, inbox), StringOf(body, "source_id") ?? Guid.NewGuid().ToString());
        var response = Fixture("contact-inbox-create-response.json");
        response["source_id"] = source;
        response["inbox"]!["id"] = inbox;
        return Json(response);
    }

    /// <summary>As Chatwoot: the `source_id` must be the contact's in that inbox.</summary>
    IResult CreateConversation(JsonObject? body)
    {
        if (LongOf(body, "contact_id") is not { } contactId || !contacts.TryGetValue(contactId, out var contact)
            || LongOf(body, "inbox_id") is not { } inbox)
            return FixtureResult("error-404-not-found.json", 404);
        if (!contactInboxes.TryGetValue((contactId, inbox), out var source) || source != StringOf(body, "source_id"))
            return FixtureResult("error-422-record-invalid.json", 422);
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var conversation = new Conversation(contactId, Interlocked.Increment(ref nextConversationId), inbox, now, StringOf(body, "status") ?? "open");
        conversations.Enqueue(conversation);
        var response = Fixture("conversation-create-response.json");
        response["id"] = conversation.Id;
        response["inbox_id"] = inbox;
        response["status"] = conversation.Status;
        response["meta"]!["sender"]!["id"] = contact.Id;
        response["meta"]!["sender"]!["name"] = contact.Name;
        response["meta"]!["sender"]!["phone_number"] = contact.PhoneE164;
        return Json(response);
    }

    IResult CreateMessage(string conversationId, JsonObject? body)
    {
        if (!long.TryParse(conversationId, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || deleted.ContainsKey(id))
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
