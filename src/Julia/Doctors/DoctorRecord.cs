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
internal sealed record NewDoctor(string? Telefone, string WhatsappJid, string? WhatsappLid, string? PrimeiroNome, string? Sobrenome)
{
    public byte[]? HashTelefone { get; init; }
    public byte[]? HashLid { get; init; }

    public static NewDoctor From(string? telefone, string jid, string? lid, string? pushName)
    {
        var (first, last) = SplitName(pushName);
        return new NewDoctor(telefone, jid, lid, first, last);
    }

    public static (string? First, string? Last) SplitName(string? pushName)
    {
        var parts = (pushName ?? "").Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return parts.Length switch { 0 => (null, null), 1 => (parts[0], null), _ => (parts[0], parts[1]) };
    }
}
