using System.Globalization;
using System.Text.Json.Nodes;
using Julia.Privacy;
using Microsoft.Extensions.Options;

namespace Julia.Chatwoot;

/// <summary>
/// The Chatwoot side of a data-subject erasure (docs/decisions.md#lgpd), with CHATWOOT_URL and CHATWOOT_API_TOKEN: the
/// doctor's contact — the id Júlia stored, else the contacts whose phone is exactly his — is deleted, and with it its
/// conversations. Runs after the database erasure committed; the outcome goes into solicitacoes_titular.externos.
/// </summary>
internal sealed class ChatwootContactErasure(ChatwootClient client, IOptions<ChatwootOptions> options) : IExternalErasure
{
    public string Name => "chatwoot";

    public async Task<JsonObject?> EraseAsync(DataSubject subject, CancellationToken ct)
    {
        if (!options.Value.Enabled) return null;
        try
        {
            var ids = new List<long>();
            if (long.TryParse(subject.ChatwootContactId, NumberStyles.None, CultureInfo.InvariantCulture, out var stored)) ids.Add(stored);
            if (subject.Telefone is { } phone)
            {
                var found = (await client.SearchContactsAsync("+" + phone, ct)).Concat(await client.SearchContactsAsync(phone, ct));
                ids.AddRange(found.Where(c => Digits(c.PhoneNumber) == phone).Select(c => c.Id));
            }
            ids = [.. ids.Distinct()];
            if (ids.Count == 0) return new JsonObject { ["status"] = "sem_contato" };
            var deleted = new JsonArray();
            foreach (var id in ids)
                if (await client.DeleteContactAsync(id, ct)) deleted.Add(id.ToString(CultureInfo.InvariantCulture));
            return new JsonObject { ["status"] = deleted.Count > 0 ? "apagado" : "sem_contato", ["contatos"] = deleted };
        }
        catch (ChatwootException ex)
        {
            return new JsonObject { ["status"] = "falhou", ["erro"] = ex.Message };
        }
    }

    static string Digits(string? s) => new((s ?? "").Where(char.IsAsciiDigit).ToArray());
}
