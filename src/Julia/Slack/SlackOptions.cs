namespace Julia.Slack;

internal sealed class SlackOptions
{
    public const string Section = "Slack";
    /// <summary>SLACK_WEBHOOK_URL (incoming webhook; the URL is the secret). Empty: notices are only logged.</summary>
    public string? WebhookUrl { get; set; }
    /// <summary>SLACK_CHANNEL: accepted, not sent — app-based incoming webhooks post to the channel chosen when the app was installed.</summary>
    public string Channel { get; set; } = "#julia-gestao";
    /// <summary>SLACK_MASCARAR_TELEFONE: digits after the 8th become '*' in notices.</summary>
    public bool MaskPhone { get; set; } = true;
    /// <summary>HANDOFF_LEMBRETE_MINUTOS: a handoff still `pendente` this many minutes gets its one Slack reminder (docs/decisions.md#handoff).</summary>
    public int HandoffReminderMinutes { get; set; } = 30;
    public int TimeoutSeconds { get; set; } = 10;
    public bool Enabled => !string.IsNullOrWhiteSpace(WebhookUrl);
}
