using System.Globalization;
using System.Text.Json.Nodes;
using Julia.Privacy;
using Microsoft.Extensions.Options;

namespace Julia.Chatwoot;

/// <summary>
/// The Chatwoot side of a data-subject erasure (docs/decisions.md#lgpd), with CHATWOOT_URL and CHATWOOT_API_TOKEN: the
/// doctor's contact — the id Júlia stored, then the contacts whose phone is exactly his — is deleted, and with it its
/// conversations. Runs after the database erasure committed; the outcome goes into solicitacoes_titular.externos, and
/// a failure keeps the stored contact id there (the database no longer has it) for the manual deletion.
/// </summary>
internal sealed class ChatwootContactErasure(ChatwootClient client, IOptions<ChatwootOptions> options) : IExternalErasure
{
    public string Name => "chatwoot";

    public async Task<JsonObject?> EraseAsync(DataSubject subject, CancellationToken ct)
    {
        if (!options.Value.Enabled) return null;
        var deleted = new List<long>();
        long? stored = long.TryParse(subject.ChatwootContactId, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
        try
        {
            // The stored contact first: a search that fails afterwards has still deleted it.
            if (stored is { } known && await client.DeleteContactAsync(known, ct)) deleted.Add(known);
            if (subject.Telefone is { } phone)
            {
                var found = (await client.SearchContactsAsync("+" + phone, ct)).Concat(await client.SearchContactsAsync(phone, ct));
                foreach (var contact in found.Where(c => Digits(c.PhoneNumber) == phone).Select(c => c.Id).Distinct().Where(c => c != stored))
                    if (await client.DeleteContactAsync(contact, ct)) deleted.Add(contact);
            }
            return new JsonObject { ["status"] = deleted.Count > 0 ? "apagado" : "sem_contato", ["contatos"] = Ids(deleted) };
        }
        catch (ChatwootException ex)
        {
            var failed = new JsonObject { ["status"] = "falhou", ["erro"] = ex.Message, ["contatos"] = Ids(deleted) };
            if (stored is { } left && !deleted.Contains(left)) failed["contato_id"] = left.ToString(CultureInfo.InvariantCulture);
            return failed;
        }
    }

    static JsonArray Ids(IEnumerable<long> ids) => [.. ids.Select(i => (JsonNode)i.ToString(CultureInfo.InvariantCulture))];

    static string Digits(string? s) => new((s ?? "").Where(char.IsAsciiDigit).ToArray());
}
