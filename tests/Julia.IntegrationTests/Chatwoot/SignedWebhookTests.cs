using System.Net;
using System.Text;
using Julia.Chatwoot;

namespace Julia.IntegrationTests.Chatwoot;

/// <summary>With CHATWOOT_WEBHOOK_SECRET the token is not enough: X-Chatwoot-Signature must match the body and be recent.</summary>
public sealed class SignedWebhookTests(SignedWebhookTests.Fixture f) : IClassFixture<SignedWebhookTests.Fixture>
{
    public sealed class Fixture : HumanLoopFixture
    {
        public const string Secret = "segredo-de-assinatura";
        protected override string? WebhookSecret => Secret;
    }

    [Fact]
    public async Task ASignedWebhookIsAcceptedAndABadOrStaleSignatureIs401()
    {
        const string phone = "5511988880401";
        var (conversa, chatwootId) = await f.DoctorInChatwootAsync(phone);
        var body = Encoding.UTF8.GetBytes(HumanLoopFixture.Webhook("webhook-conversation-status-changed-resolved.json", chatwootId, phone).ToJsonString());
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(body, now, ChatwootSignature.Sign("outro-segredo", now, body))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(body, now - 3600, ChatwootSignature.Sign(Fixture.Secret, now - 3600, body))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(body, null, null)).StatusCode);
        Assert.Equal("ai", await f.ControlAsync(conversa));
        Assert.Equal("active", await f.ScalarAsync<string>("SELECT status FROM conversations WHERE id = @conversa", new { conversa }));

        Assert.Equal(HttpStatusCode.OK, (await PostAsync(body, now, ChatwootSignature.Sign(Fixture.Secret, now, body))).StatusCode);
        Assert.Equal("completed", await f.ScalarAsync<string>("SELECT status FROM conversations WHERE id = @conversa", new { conversa }));
    }

    Task<HttpResponseMessage> PostAsync(byte[] body, long? timestamp, string? signature)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/chatwoot/webhook?token={HumanLoopFixture.WebhookToken}")
        {
            Content = new ByteArrayContent(body) { Headers = { { "Content-Type", "application/json" } } },
        };
        if (timestamp is { } t) request.Headers.Add("X-Chatwoot-Timestamp", t.ToString());
        if (signature is not null) request.Headers.Add("X-Chatwoot-Signature", signature);
        return f.Client.SendAsync(request);
    }
}
