using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Julia.Infrastructure.Time;
using Julia.Infrastructure.Text;

namespace Julia.Slack;

/// <summary>
/// An alert of the `alertas` job as Slack shows it (docs/decisions.md#alerts): "⚠️ Alerta: {tipo}" with Descrição,
/// Severidade ("Atenção (warning)"), Horário (HH:MM São Paulo) and O que fazer (the first step and the runbook's
/// section, from the payload's `o_que_fazer`), in an attachment coloured by severity.
/// </summary>
internal static class SlackAlertMessage
{
    public static string Color(string severity) => severity switch
    {
        "info" => "#2196F3", "warning" => "#FF9800", "error" => "#F44336", "critical" => "#9C27B0", _ => "#607D8B",
    };

    /// <summary>From the outbox payload `{tipo, severidade, mensagem, valor, criado_em, o_que_fazer}`; null when it is not one.</summary>
    public static JsonObject? Render(JsonElement payload)
    {
        if (Text(payload, "tipo") is not { } tipo || Text(payload, "severidade") is not { } severidade) return null;
        var at = payload.TryGetProperty("criado_em", out var c) && c.TryGetDateTimeOffset(out var when) ? when : DateTimeOffset.UtcNow;
        var title = $"⚠️ Alerta: {tipo}";
        var description = SlackMessages.Escape(Text(payload, "mensagem") ?? "-");
        if (description.Length > 1900) description = TextPrefix.Of(description, 1900) + "…";
        var hour = SaoPaulo.ToLocal(at).ToString("HH:mm", CultureInfo.InvariantCulture);
        var fields = new JsonArray(Field("Descrição", description), Field("Severidade", SeverityLabel(severidade)), Field("Horário", hour));
        // An alert put in the outbox before the field existed has none: the other three still go.
        if (Text(payload, "o_que_fazer") is { Length: > 0 } next) fields.Add(Field("O que fazer", SlackMessages.Escape(next)));
        return new JsonObject
        {
            ["text"] = title,
            ["attachments"] = new JsonArray(new JsonObject
            {
                ["color"] = Color(severidade),
                ["blocks"] = new JsonArray(
                    new JsonObject { ["type"] = "header", ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = title, ["emoji"] = true } },
                    new JsonObject
                    {
                        ["type"] = "section",
                        ["fields"] = fields,
                    }),
            }),
        };
    }

    /// <summary>
    /// The severity in pt-BR with its stored word beside it, the one the runbook's table and `alertas_enviados` use:
    /// "Atenção (warning)". Slack said "warning" (an audit of what people read, 2026-12-04).
    /// </summary>
    public static string SeverityLabel(string severity) => severity switch
    {
        "info" => "Informativo (info)",
        "warning" => "Atenção (warning)",
        "error" => "Erro (error)",
        "critical" => "Crítico (critical)",
        _ => SlackMessages.Escape(severity),
    };

    static JsonObject Field(string label, string value) => new() { ["type"] = "mrkdwn", ["text"] = $"*{label}:*\n{value}" };

    static string? Text(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
