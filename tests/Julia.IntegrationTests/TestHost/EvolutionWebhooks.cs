using System.Text;
using System.Text.Json.Nodes;

namespace Julia.IntegrationTests.TestHost;

/// <summary>Evolution webhook bodies built from the real fixtures, with the fields a test changes.</summary>
internal static class EvolutionWebhooks
{
    public static JsonObject Fixture(string name) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", "evolution", name)))!.AsObject();

    /// <summary>A text message from a phone, with a fresh message id unless one is given.</summary>
    public static JsonObject Text(string phone, string text, string? id = null, string? pushName = "Ana Souza")
    {
        var body = Fixture("webhook-messages-upsert-text.json");
        var data = body["data"]!.AsObject();
        var key = data["key"]!.AsObject();
        key["remoteJid"] = $"{phone}@s.whatsapp.net";
        key.Remove("remoteJidAlt");
        key["id"] = id ?? Guid.NewGuid().ToString("N").ToUpperInvariant();
        data["pushName"] = pushName;
        data["message"] = new JsonObject { ["conversation"] = text };
        return body;
    }

    /// <summary>A text message answering (quoting) another, as Evolution ≥ 2.1 sends it: `contextInfo` beside the message.</summary>
    public static JsonObject Quoted(string phone, string text, string quoted)
    {
        var body = Text(phone, text);
        body["data"]!.AsObject()["contextInfo"] = new JsonObject
        {
            ["stanzaId"] = "3EB0" + Guid.NewGuid().ToString("N")[..16].ToUpperInvariant(),
            ["quotedMessage"] = new JsonObject { ["conversation"] = quoted },
        };
        return body;
    }

    public static StringContent Json(JsonObject body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");

    public static Task<HttpResponseMessage> PostAsync(HttpClient client, JsonObject body, string path = "/webhook/evolution") =>
        client.PostAsync(path, Json(body));
}
