using System.Text.Json;
using Julia.Chatwoot;
using Julia.IntegrationTests.TestHost;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Julia.IntegrationTests.Chatwoot;

/// <summary>The typed client against <see cref="FakeChatwoot"/> over real HTTP: no database, no Redis, no app host.</summary>
public sealed class ChatwootClientTests : IAsyncLifetime
{
    FakeChatwoot fake = null!;
    HttpClient http = null!;
    ChatwootClient client = null!;

    public async Task InitializeAsync()
    {
        fake = await FakeChatwoot.StartAsync();
        http = new HttpClient { BaseAddress = new Uri(fake.Url + "/"), Timeout = TimeSpan.FromSeconds(10) };
        http.DefaultRequestHeaders.Add("api_access_token", "tok");
        client = new ChatwootClient(http, Options.Create(new ChatwootOptions { BaseUrl = fake.Url, ApiToken = "tok", AccountId = 1, InboxId = 3 }),
            new ChatwootMeter(TestMeters.Factory), NullLogger<ChatwootClient>.Instance);
    }

    public async Task DisposeAsync()
    {
        http.Dispose();
        await fake.DisposeAsync();
    }

    [Fact]
    public async Task ProfileReturnsTheIntegrationUserAndSendsTheToken()
    {
        fake.ProfileId = 123;

        var profile = await client.GetProfileAsync(default);

        Assert.Equal(new ChatwootProfile(123, "Integração Júlia", "user"), profile);
        var call = Assert.Single(fake.Requests);
        Assert.Equal(("GET", "/api/v1/profile", "tok"), (call.Method, call.Path, call.Token));
    }

    [Fact]
    public async Task ContactContactInboxAndConversationAreCreatedWithChatwootsShapes()
    {
        var created = await client.CreateContactAsync("Maria Silva", "+5511999990007", 3, "5511999990007", default);
        var taken = await Assert.ThrowsAsync<ChatwootException>(() => client.CreateContactAsync("Outra", "+5511999990007", 3, "x", default));
        fake.AddContact(44, "João Souza", "+5521988880004");
        var source = await client.CreateContactInboxAsync(44, 3, "5521988880004", default);
        var conversation = await client.CreateConversationAsync(created.Id, 3, created.SourceIds![3], default);

        Assert.Equal(("Maria Silva", "+5511999990007", "5511999990007"), (created.Name, created.PhoneNumber, created.SourceIds[3]));
        Assert.Equal((422, false), (taken.Status, taken.Transient)); // phone already taken: not worth trying again
        Assert.Equal("5521988880004", source);
        Assert.Equal((conversation, 3L, "open"), Assert.Single(fake.ConversationsOf(created.Id)));
        Assert.Equal(["/api/v1/accounts/1/contacts", "/api/v1/accounts/1/contacts", "/api/v1/accounts/1/contacts/44/contact_inboxes", "/api/v1/accounts/1/conversations"],
            fake.Requests.Where(r => r.Method == "POST").Select(r => r.Path));
    }

    [Fact]
    public async Task SearchFindsTheContactWithAndWithoutPlus()
    {
        fake.AddContact(42, "Maria Silva", "+5511999990001", inboxId: 3);
        fake.AddContact(43, "João Souza", "+5521988880002");

        var withPlus = await client.SearchContactsAsync("+5511999990001", default);
        var withoutPlus = await client.SearchContactsAsync("5511999990001", default);
        var none = await client.SearchContactsAsync("+5599000000000", default);

        var found = Assert.Single(withPlus);
        Assert.Equal((42L, "Maria Silva", "+5511999990001"), (found.Id, found.Name, found.PhoneNumber));
        Assert.Equal("5511999990001", found.SourceIds![3]); // the contact-inbox a conversation in inbox 3 is created with
        Assert.Equal(found.Id, Assert.Single(withoutPlus).Id);
        Assert.Empty(none);
        var first = fake.Requests.First();
        Assert.Equal("/api/v1/accounts/1/contacts/search", first.Path);
        Assert.Equal("?q=%2B5511999990001", first.Query); // `+` escaped, or it would arrive as a space
    }

    [Fact]
    public async Task ContactConversationsCarryInboxStatusAndLastActivity()
    {
        fake.AddContact(42, "Maria Silva", "+5511999990001");
        fake.AddConversation(42, 1234, 3, 1765387500);
        fake.AddConversation(42, 1300, 5, 1765390000, "resolved");
        fake.AddConversation(43, 1400, 3, 1765390000);

        var conversations = await client.ContactConversationsAsync(42, default);

        Assert.Equal(
            [new ChatwootConversationRef(1234, 3, "open", 1765387500), new ChatwootConversationRef(1300, 5, "resolved", 1765390000)],
            conversations);
        Assert.Equal("/api/v1/accounts/1/contacts/42/conversations", fake.Requests.Single().Path);
    }

    [Fact]
    public async Task CreateMessagePostsTheFieldsAndReturnsTheNewId()
    {
        var first = await client.CreateMessageAsync(1234, "Sim! Sábado abrimos das 9h às 13h.", isPrivate: false, "outgoing", "3EB0A1B2C3D4E5F6071829", default);
        var note = await client.CreateMessageAsync(1234, "Handoff: pedido de humano", isPrivate: true, "outgoing", null, default);

        Assert.NotNull(first);
        Assert.Equal(first + 1, note);
        var messages = fake.Messages.ToArray();
        Assert.Equal(2, messages.Length);
        var (conversationId, body) = messages[0];
        Assert.Equal(1234, conversationId);
        Assert.Equal("Sim! Sábado abrimos das 9h às 13h.", body["content"]!.GetValue<string>());
        Assert.Equal("outgoing", body["message_type"]!.GetValue<string>());
        Assert.False(body["private"]!.GetValue<bool>());
        Assert.Equal("text", body["content_type"]!.GetValue<string>());
        Assert.Equal("3EB0A1B2C3D4E5F6071829", body["source_id"]!.GetValue<string>());
        Assert.True(messages[1].Body["private"]!.GetValue<bool>());
        Assert.False(messages[1].Body.ContainsKey("source_id"));
        var call = fake.Requests.First();
        Assert.Equal(("POST", "/api/v1/accounts/1/conversations/1234/messages", "tok"), (call.Method, call.Path, call.Token));
    }

    [Fact]
    public async Task IncomingCopiesKeepTheirType()
    {
        await client.CreateMessageAsync(77, "Oi Júlia!", isPrivate: false, "incoming", "A1B2C3D4E5F60718293A4B5C6D7E8F90", default);

        Assert.Equal("incoming", Assert.Single(fake.Messages).Body["message_type"]!.GetValue<string>());
    }

    [Fact]
    public async Task ABadTokenIsAPermanentFailureWithoutTheTokenInTheMessage()
    {
        fake.RequiredToken = "outro-token";

        var ex = await Assert.ThrowsAsync<ChatwootException>(() => client.GetProfileAsync(default));

        Assert.Equal(401, ex.Status);
        Assert.False(ex.Transient);
        Assert.DoesNotContain("tok", ex.Message, StringComparison.Ordinal);
        Assert.Empty(fake.Messages);
        await Assert.ThrowsAsync<ChatwootException>(() => client.CreateMessageAsync(1, "x", false, "outgoing", null, default));
        Assert.Empty(fake.Messages);
    }

    [Fact]
    public async Task AnUnknownRecordIsAPermanentFailure()
    {
        var ex = await Assert.ThrowsAsync<ChatwootException>(() => client.ContactConversationsAsync(999, default));

        Assert.Equal(404, ex.Status);
        Assert.False(ex.Transient);
    }

    [Fact]
    public async Task AChatwootThatIsDownIsATransientFailureOnEveryCall()
    {
        fake.Down = true;

        foreach (var call in new Func<Task>[]
                 {
                     () => client.GetProfileAsync(default),
                     () => client.SearchContactsAsync("+5511999990001", default),
                     () => client.ContactConversationsAsync(42, default),
                     () => client.CreateMessageAsync(1234, "x", false, "outgoing", null, default),
                 })
        {
            var ex = await Assert.ThrowsAsync<ChatwootException>(call);
            Assert.Equal(503, ex.Status);
            Assert.True(ex.Transient);
        }
        Assert.Empty(fake.Messages);
    }

    [Fact]
    public async Task TheFakeAnswersABadTokenWithChatwootsErrorBody()
    {
        fake.RequiredToken = "outro-token";

        using var response = await http.GetAsync("api/v1/profile");

        Assert.Equal(401, (int)response.StatusCode);
        Assert.Equal("Invalid Access Token", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task AnUnreachableChatwootIsATransientFailure()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop(); // nothing listens there any more: connection refused

        var ex = await Assert.ThrowsAsync<ChatwootException>(() => Stub(new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") }).GetProfileAsync(default));

        Assert.Null(ex.Status);
        Assert.True(ex.Transient);
    }

    [Fact]
    public async Task ATimeoutIsATransientFailure()
    {
        var handler = new StubHandler(_ => throw new TaskCanceledException("timeout", new TimeoutException()));

        var ex = await Assert.ThrowsAsync<ChatwootException>(() => Stub(handler).CreateMessageAsync(1, "x", false, "outgoing", null, default));

        Assert.True(ex.Transient);
        Assert.Null(ex.Status);
    }

    [Theory]
    [InlineData(429, true)]
    [InlineData(500, true)]
    [InlineData(502, true)]
    [InlineData(403, false)]
    [InlineData(422, false)]
    [InlineData(400, false)]
    public async Task StatusCodesMapToTransientOrPermanent(int status, bool transient)
    {
        var handler = new StubHandler(_ => new HttpResponseMessage((System.Net.HttpStatusCode)status) { Content = new StringContent("""{"error":"x"}""") });

        var ex = await Assert.ThrowsAsync<ChatwootException>(() => Stub(handler).SearchContactsAsync("+55", default));

        Assert.Equal(status, ex.Status);
        Assert.Equal(transient, ex.Transient);
    }

    [Theory]
    [InlineData("<html>bad gateway</html>")]
    [InlineData("")]
    [InlineData("""{"payload":{}}""")]
    [InlineData("""{"error":"\uD800"}""")]
    public async Task AnUnreadableSuccessIsAPermanentFailure(string body)
    {
        var handler = new StubHandler(_ => new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new StringContent(body) });

        var ex = await Assert.ThrowsAsync<ChatwootException>(() => Stub(handler).SearchContactsAsync("+55", default));

        Assert.Equal(200, ex.Status);
        Assert.False(ex.Transient);
    }

    [Fact]
    public async Task ACancelledCallIsNotWrapped()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetProfileAsync(cts.Token));
    }

    static ChatwootClient Stub(HttpMessageHandler handler) => Stub(new HttpClient(handler) { BaseAddress = new Uri("http://chatwoot.invalid/") });

    static ChatwootClient Stub(HttpClient http) =>
        new(http, Options.Create(new ChatwootOptions { BaseUrl = http.BaseAddress!.ToString(), ApiToken = "tok" }), new ChatwootMeter(TestMeters.Factory), NullLogger<ChatwootClient>.Instance);

    sealed class StubHandler(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(answer(request));
    }
}
