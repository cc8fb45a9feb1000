using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using static Julia.Chatwoot.ChatwootJson;

namespace Julia.Chatwoot;

internal sealed record ChatwootProfile(long Id, string? Name, string? Type);

/// <summary>A contact; <paramref name="SourceIds"/>: its contact-inbox source id per inbox id (a conversation is created with one).</summary>
internal sealed record ChatwootContact(long Id, string? Name, string? PhoneNumber, IReadOnlyDictionary<long, string>? SourceIds = null);

/// <summary>One conversation of a contact: <paramref name="Id"/> is the display_id used in API paths; <paramref name="LastActivityAt"/> is epoch seconds.</summary>
internal sealed record ChatwootConversationRef(long Id, long? InboxId, string? Status, long? LastActivityAt);

/// <summary>
/// A failed Chatwoot call. <see cref="Transient"/> says whether trying again later can help (network, timeout, 429, 5xx)
/// or not (bad token, missing record, validation error, a 2xx we cannot read).
/// </summary>
internal sealed class ChatwootException(int? status, bool transient, string message, bool outcomeUnknown = false) : Exception(message)
{
    public int? Status { get; } = status;
    public bool Transient { get; } = transient;

    /// <summary>No answer came (a timeout, a connection lost mid-call): Chatwoot may have carried the call out all the same.</summary>
    public bool OutcomeUnknown { get; } = outcomeUnknown;
}

/// <summary>
/// Chatwoot Application API (tests/fixtures/README.md, "2.2 Calls we make to Chatwoot"). The HttpClient arrives with
/// BaseAddress and the `api_access_token` header already set; the token never appears in a message or a log line here.
/// Successful creates answer 200, so any 2xx counts as success. No retries: the caller decides with <see cref="ChatwootException.Transient"/>.
/// </summary>
internal sealed partial class ChatwootClient(HttpClient http, IOptions<ChatwootOptions> options, ChatwootMeter meter, ILogger<ChatwootClient> logger)
{
    string Account => $"api/v1/accounts/{options.Value.AccountId}";

    /// <summary>
    /// GET /api/v1/profile. <paramref name="quiet"/>: no WARNING of this class for a failure — the start-up loop that asks
    /// again until Chatwoot answers logs its outage once, on its own streak, instead of a line per try.
    /// </summary>
    public Task<ChatwootProfile> GetProfileAsync(CancellationToken ct, bool quiet = false) =>
        SendAsync(HttpMethod.Get, "api/v1/profile", null, "profile", root =>
            Id(root, "id") is { } id ? new ChatwootProfile(id, Str(root, "name"), Str(root, "type")) : null, ct, quiet: quiet);

    public Task<IReadOnlyList<ChatwootContact>> SearchContactsAsync(string query, CancellationToken ct) =>
        SendAsync(HttpMethod.Get, $"{Account}/contacts/search?q={Uri.EscapeDataString(query)}", null, "contacts/search", root =>
            Payload(root, ReadContact), ct);

    /// <summary>
    /// Creates a contact with its contact-inbox in <paramref name="inboxId"/> (`POST /contacts`, answered as
    /// `payload.{contact, contact_inbox}`). A phone already taken answers 422: another process created him a moment ago.
    /// </summary>
    public Task<ChatwootContact> CreateContactAsync(string name, string phoneE164, long inboxId, string sourceId, CancellationToken ct) =>
        SendAsync(HttpMethod.Post, $"{Account}/contacts",
            new JsonObject { ["inbox_id"] = inboxId, ["name"] = name, ["phone_number"] = phoneE164, ["source_id"] = sourceId },
            "contacts/create", root =>
            {
                var payload = Obj(root, "payload");
                if (ReadContact(Obj(payload, "contact")) is not { } contact) return null;
                var inbox = Obj(payload, "contact_inbox");
                if (Text(Prop(inbox, "source_id")) is not { Length: > 0 } created) return contact;
                var sourceIds = new Dictionary<long, string>(contact.SourceIds!) { [Id(Obj(inbox, "inbox"), "id") ?? inboxId] = created };
                return contact with { SourceIds = sourceIds };
            }, ct);

    /// <summary>Puts an existing contact in <paramref name="inboxId"/> (`POST /contacts/{id}/contact_inboxes`); answers the source id.</summary>
    public async Task<string> CreateContactInboxAsync(long contactId, long inboxId, string sourceId, CancellationToken ct) =>
        (await SendAsync(HttpMethod.Post, $"{Account}/contacts/{contactId}/contact_inboxes",
            new JsonObject { ["inbox_id"] = inboxId, ["source_id"] = sourceId }, "contact_inboxes/create",
            root => Text(Prop(root, "source_id")) is { } created ? new Box<string>(created) : null, ct)).Value;

    /// <summary>Opens a conversation for a contact in <paramref name="inboxId"/> (`POST /conversations`); answers its id (display_id).</summary>
    public async Task<long> CreateConversationAsync(long contactId, long inboxId, string sourceId, CancellationToken ct) =>
        (await SendAsync(HttpMethod.Post, $"{Account}/conversations",
            new JsonObject
            {
                ["source_id"] = sourceId, ["inbox_id"] = inboxId, ["contact_id"] = contactId, ["status"] = "open",
                ["custom_attributes"] = new JsonObject { ["canal"] = "whatsapp" },
            },
            "conversations/create", root => Id(root, "id") is { } id ? new Box<long>(id) : null, ct)).Value;

    static ChatwootContact? ReadContact(JsonElement c)
    {
        if (Id(c, "id") is not { } id) return null;
        var sourceIds = new Dictionary<long, string>();
        if (Prop(c, "contact_inboxes") is { ValueKind: JsonValueKind.Array } inboxes)
            foreach (var ci in inboxes.EnumerateArray())
                if (Id(Obj(ci, "inbox"), "id") is { } inbox && Text(Prop(ci, "source_id")) is { Length: > 0 } source)
                    sourceIds.TryAdd(inbox, source);
        return new ChatwootContact(id, Str(c, "name"), Blank(Str(c, "phone_number")), sourceIds);
    }

    public Task<IReadOnlyList<ChatwootConversationRef>> ContactConversationsAsync(long contactId, CancellationToken ct) =>
        SendAsync(HttpMethod.Get, $"{Account}/contacts/{contactId}/conversations", null, "contacts/conversations", root =>
            Payload(root, c => Id(c, "id") is { } id
                ? new ChatwootConversationRef(id, Id(c, "inbox_id"), Str(c, "status"), Epoch(Prop(c, "last_activity_at")) ?? Epoch(Prop(c, "timestamp")))
                : null), ct);

    /// <summary>The phone of a conversation's contact (`GET /conversations/{id}`, `meta.sender.phone_number`), or null when he has none.</summary>
    public async Task<string?> ConversationContactPhoneAsync(long conversationId, CancellationToken ct) =>
        (await SendAsync(HttpMethod.Get, $"{Account}/conversations/{conversationId}", null, "conversations/show",
            root => Id(root, "id") is not null ? new Box<string?>(Blank(Str(Obj(Obj(root, "meta"), "sender"), "phone_number"))) : null, ct)).Value;

    /// <summary>
    /// Posts a message to a conversation and answers the new message's id (null if Chatwoot left it out).
    /// <paramref name="sourceId"/> carries the WhatsApp message id, so the webhook echo of this message can be recognised.
    /// </summary>
    public async Task<long?> CreateMessageAsync(long conversationId, string content, bool isPrivate, string messageType, string? sourceId, CancellationToken ct)
    {
        var body = new JsonObject
        {
            ["content"] = content,
            ["message_type"] = messageType,
            ["private"] = isPrivate,
            ["content_type"] = "text",
        };
        if (sourceId is not null) body["source_id"] = sourceId;
        var created = await SendAsync(HttpMethod.Post, $"{Account}/conversations/{conversationId}/messages", body, "messages/create",
            root => new Box<long?>(Id(root, "id")), ct);
        return created.Value;
    }

    /// <summary>
    /// Deletes a contact with its conversations (data-subject erasure, docs/decisions.md#lgpd). Chatwoot answers 200 with
    /// no body; false when the contact was already gone (404).
    /// </summary>
    public async Task<bool> DeleteContactAsync(long contactId, CancellationToken ct)
    {
        try
        {
            await SendAsync(HttpMethod.Delete, $"{Account}/contacts/{contactId}", null, "contacts/delete", _ => new Box<bool>(true), ct, emptyBodyIsOk: true);
            return true;
        }
        catch (ChatwootException ex) when (ex.Status == 404)
        {
            return false;
        }
    }

    sealed record Box<T>(T Value);

    /// <summary>The readable items of `payload[]`; null (an unexpected answer) when there is no such array, so "no contacts" is never a guess.</summary>
    static IReadOnlyList<T>? Payload<T>(JsonElement root, Func<JsonElement, T?> read) where T : class =>
        Prop(root, "payload") is { ValueKind: JsonValueKind.Array } items ? [.. items.EnumerateArray().Select(read).OfType<T>()] : null;

    /// <summary>One call: maps every failure onto <see cref="ChatwootException"/>; <paramref name="read"/> answering null means an unexpected shape.</summary>
    async Task<T> SendAsync<T>(HttpMethod method, string path, JsonObject? body, string operation, Func<JsonElement, T?> read, CancellationToken ct,
        bool emptyBodyIsOk = false, bool quiet = false)
        where T : class
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            return await SendUntimedAsync(method, path, body, operation, read, emptyBodyIsOk, quiet, ct);
        }
        catch (ChatwootException)
        {
            meter.Error("chatwoot_api");
            throw;
        }
        finally
        {
            meter.Time("chatwoot_api", System.Diagnostics.Stopwatch.GetElapsedTime(started));
        }
    }

    async Task<T> SendUntimedAsync<T>(HttpMethod method, string path, JsonObject? body, string operation, Func<JsonElement, T?> read, bool emptyBodyIsOk,
        bool quiet, CancellationToken ct)
        where T : class
    {
        try
        {
            using var request = new HttpRequestMessage(method, path);
            if (body is not null) request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
            using var response = await http.SendAsync(request, ct);
            var status = (int)response.StatusCode;
            if (!response.IsSuccessStatusCode)
            {
                var transient = response.StatusCode == HttpStatusCode.TooManyRequests || response.StatusCode == HttpStatusCode.RequestTimeout || status >= 500;
                if (!quiet) LogRejected(operation, status);
                throw new ChatwootException(status, transient, $"Chatwoot respondeu HTTP {status} em {operation}");
            }

            var text = await response.Content.ReadAsStringAsync(ct);
            if (emptyBodyIsOk && string.IsNullOrWhiteSpace(text)) text = "{}";
            T? result = null;
            try
            {
                using var doc = JsonDocument.Parse(text);
                if (HasReadableStrings(doc.RootElement)) result = read(doc.RootElement);
            }
            catch (JsonException) { }
            if (result is null)
            {
                if (!quiet) LogUnreadable(operation, status);
                throw new ChatwootException(status, false, $"Chatwoot respondeu HTTP {status} em {operation} com um corpo inesperado");
            }
            return result;
        }
        catch (HttpRequestException)
        {
            // The exception text may name the host; only the operation is logged.
            if (!quiet) LogUnreachable(operation);
            throw new ChatwootException(null, true, $"Chatwoot inacessível em {operation}", outcomeUnknown: true);
        }
        catch (Exception ex) when (ex is TaskCanceledException or TimeoutException or Polly.Timeout.TimeoutRejectedException && !ct.IsCancellationRequested)
        {
            if (!quiet) LogTimedOut(operation);
            throw new ChatwootException(null, true, $"tempo esgotado ao chamar o Chatwoot em {operation}", outcomeUnknown: true);
        }
        catch (Polly.CircuitBreaker.BrokenCircuitException)
        {
            if (!quiet) LogCircuitOpen(operation);
            throw new ChatwootException(null, true, $"Chatwoot indisponível (circuito aberto) em {operation}");
        }
    }

    [LoggerMessage(EventId = 6201, Level = LogLevel.Warning, Message = "chatwoot: {Operation} answered HTTP {Status}")]
    private partial void LogRejected(string operation, int status);

    [LoggerMessage(EventId = 6202, Level = LogLevel.Warning, Message = "chatwoot: {Operation} answered HTTP {Status} with a body that is not the expected JSON")]
    private partial void LogUnreadable(string operation, int status);

    [LoggerMessage(EventId = 6203, Level = LogLevel.Warning, Message = "chatwoot: {Operation} failed: Chatwoot unreachable")]
    private partial void LogUnreachable(string operation);

    [LoggerMessage(EventId = 6204, Level = LogLevel.Warning, Message = "chatwoot: {Operation} timed out")]
    private partial void LogTimedOut(string operation);

    [LoggerMessage(EventId = 6205, Level = LogLevel.Warning, Message = "chatwoot: {Operation} skipped: circuit open")]
    private partial void LogCircuitOpen(string operation);
}
