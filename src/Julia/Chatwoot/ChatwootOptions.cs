namespace Julia.Chatwoot;

internal sealed class ChatwootOptions
{
    public const string Section = "Chatwoot";
    /// <summary>CHATWOOT_URL, e.g. http://chatwoot:3000. With CHATWOOT_API_TOKEN it turns the integration on.</summary>
    public string? BaseUrl { get; set; }
    /// <summary>CHATWOOT_API_TOKEN: a user (agent/admin) access token, sent as header `api_access_token`.</summary>
    public string? ApiToken { get; set; }
    public int AccountId { get; set; } = 1;
    public int InboxId { get; set; } = 1;
    /// <summary>CHATWOOT_WEBHOOK_TOKEN: `?token=` in the webhook URL, or header X-Chatwoot-Token / Authorization: Bearer.</summary>
    public string? WebhookToken { get; set; }
    /// <summary>CHATWOOT_WEBHOOK_SECRET: when set, X-Chatwoot-Signature is verified too (Chatwoot ≥ 4.11 signs deliveries).</summary>
    public string? WebhookSecret { get; set; }
    /// <summary>CHATWOOT_ESPELHAMENTO: `evolution` (Evolution mirrors WhatsApp traffic) or `app` (Júlia posts the copies).</summary>
    public string Mirroring { get; set; } = "evolution";
    /// <summary>CHATWOOT_TRANSICAO_NO_LABEL: the label `humano` sends the doctor the transition message.</summary>
    public bool TransitionOnLabel { get; set; } = true;
    public int TimeoutSeconds { get; set; } = 10;
    public bool Enabled => !string.IsNullOrWhiteSpace(BaseUrl) && !string.IsNullOrWhiteSpace(ApiToken);
    public bool AppMirrors => string.Equals(Mirroring, "app", StringComparison.OrdinalIgnoreCase);
}
