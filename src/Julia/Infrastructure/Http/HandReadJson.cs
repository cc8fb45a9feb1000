using System.Text;
using System.Text.Json;

namespace Julia.Infrastructure.Http;

/// <summary>
/// The two admin bodies read by hand (`POST /admin/handoffs/{id}/resolver`, the simulator's `…/responder`), read as the
/// typed bodies are (docs/decisions.md#security, "Admin bodies as people write them"): a UTF-8 BOM is read past, a
/// charset the Content-Type declares is honoured (`charset=iso-8859-1` with Latin-1 bytes reads as what was written), and
/// a field given twice is a 400 naming it — which of the two was meant is not Júlia's guess.
/// </summary>
internal static class HandReadJson
{
    /// <summary>The detail when a text cannot be read: the bytes were not UTF-8 (and no charset said otherwise), or a lone surrogate.</summary>
    public const string UnreadableText =
        "texto ilegível: o corpo não é UTF-8 válido (ou traz um surrogate solto); envie em UTF-8 ou declare o charset no Content-Type";

    /// <summary>The body parsed: BOM dropped, decoded from the declared charset when it is another that .NET knows.</summary>
    public static JsonDocument Parse(HttpRequest request, byte[] body)
    {
        if (DeclaredEncoding(request) is { } encoding && encoding.CodePage != Encoding.UTF8.CodePage)
        {
            var text = encoding.GetString(body);
            return JsonDocument.Parse(text.Length > 0 && text[0] == '\uFEFF' ? text.AsMemory(1) : text.AsMemory());
        }
        return JsonDocument.Parse(WebhookRequests.WithoutBom(body));
    }

    /// <summary>"campo repetido: notas" for the first field of the object given more than once; null when none is.</summary>
    public static string? RepeatedField(JsonElement root)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in root.EnumerateObject())
            if (!seen.Add(property.Name))
                return $"campo repetido: {(property.Name.Length is > 0 and <= 40 && property.Name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-') ? property.Name : "(nome inválido)")} (envie cada campo uma vez)";
        return null;
    }

    /// <summary>The encoding of the Content-Type's charset; null when none is declared or .NET has none by that name (read as UTF-8).</summary>
    static Encoding? DeclaredEncoding(HttpRequest request)
    {
        if (!Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || type.Charset.Length == 0) return null;
        try { return Encoding.GetEncoding(type.Charset.ToString().Trim('"')); }
        catch (ArgumentException) { return null; }
    }
}
