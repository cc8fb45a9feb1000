namespace Julia.Doctors;

/// <summary>The parts of a medicos row that the conversation pipeline needs; cached as JSON under medico:telefone:* and medico:id:*.</summary>
internal sealed record DoctorRecord(
    Guid Id,
    string? Telefone,
    string? WhatsappJid,
    string? WhatsappLid,
    string? PrimeiroNome,
    string? Sobrenome,
    bool OptedOut,
    bool Bloqueado,
    string StageJornada);

/// <summary>
/// What Júlia knows about a sender before the first row exists: created in the same statement as the message.
/// <see cref="HashTelefone"/>/<see cref="HashLid"/> are the keyed hashes an erasure keeps (docs/decisions.md#lgpd).
/// </summary>
internal sealed record NewDoctor(string? Telefone, string WhatsappJid, string? WhatsappLid, string? PrimeiroNome, string? Sobrenome, string? Titulo = null)
{
    public byte[]? HashTelefone { get; init; }
    public byte[]? HashLid { get; init; }

    public static NewDoctor From(string? telefone, string jid, string? lid, string? pushName)
    {
        var (title, first, last) = SplitName(pushName);
        return new NewDoctor(telefone, jid, lid, first, last, title);
    }

    /// <summary>
    /// The WhatsApp name as title, first name and the rest: doctors often write "Dr. João Silva" or "Dra Ana 🩺", and
    /// "Dr." is not a first name (greetings read "Oi Dr. Dr."). Words without a letter or digit (emoji) are left out.
    /// </summary>
    public static (string? Title, string? First, string? Last) SplitName(string? pushName)
    {
        var words = (pushName ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(w => w.Any(char.IsLetterOrDigit)).ToList();
        string? title = null;
        if (words.Count > 1 && Title(words[0]) is { } t)
        {
            title = t;
            words.RemoveAt(0);
        }
        return words.Count switch
        {
            0 => (title, null, null),
            1 => (title, words[0], null),
            _ => (title, words[0], string.Join(' ', words.Skip(1))),
        };
    }

    static string? Title(string word) => word.TrimEnd('.', ',', ':').ToLowerInvariant() switch
    {
        "dr" or "doutor" or "dr(a)" => "Dr.",
        "dra" or "doutora" or "drª" => "Dra.",
        _ => null,
    };
}
