namespace Julia.WhatsApp;

/// <summary>
/// What Evolution's `statusReason` (Baileys `DisconnectReason`) means to the operator, in pt-BR
/// (docs/decisions.md#whatsapp-disconnect-reason): a logout (401), a forbidden (403) or a replaced (440) session, and
/// the closes Evolution does not retry (402, 406), need someone to scan the QR code again — waiting does not help; the
/// other codes are drops Evolution reconnects by itself.
/// </summary>
internal static class DisconnectReasons
{
    /// <summary>A reason worth keeping: an error code. `connecting`/`open` come with 200, which explains nothing.</summary>
    public static int? Of(int? statusReason) => statusReason is >= 400 and <= 599 ? statusReason : null;

    /// <summary>Whether someone must scan the QR code in Evolution's manager for the session to come back.</summary>
    public static bool NeedsNewQrCode(int code) => code is 401 or 402 or 403 or 406 or 440;

    /// <summary>"401: sessão encerrada — escanear o QR code de novo": the code, what happened, what to do.</summary>
    public static string Describe(int code) => $"{code}: " + code switch
    {
        401 => "sessão encerrada — escanear o QR code de novo",
        403 => "acesso recusado pelo WhatsApp — escanear o QR code de novo",
        440 => "sessão substituída por outra conexão — escanear o QR code de novo",
        // WhatsApp Web's connect-failure codes, which Evolution 2.3.x does not retry (fixtures README): 402 a temporary
        // ban, 406 a logout WhatsApp gives no reason for — the QR code again, once the phone shows the number is usable.
        402 => "número suspenso temporariamente pelo WhatsApp — ver o número no celular e escanear o QR code de novo",
        406 => "sessão encerrada pelo WhatsApp sem motivo — ver o número no celular e escanear o QR code de novo",
        408 => "conexão perdida ou sem resposta — a Evolution reconecta sozinha",
        411 => "versão de multiaparelho incompatível — a Evolution tenta de novo",
        428 => "conexão fechada — a Evolution reconecta sozinha",
        500 => "sessão inválida — a Evolution tenta de novo; se não voltar, escanear o QR code de novo",
        503 => "WhatsApp indisponível — a Evolution reconecta sozinha",
        515 => "reinício pedido pelo WhatsApp — a Evolution reconecta sozinha",
        _ => "motivo desconhecido — ver a instância no Evolution Manager",
    };

    /// <summary>
    /// A state as an operator reads it: "close (401: sessão encerrada — escanear o QR code de novo)"; the bare state when
    /// it is `open`/`sandbox` or no reason is known.
    /// </summary>
    public static string Shown(string state, int? reason) =>
        reason is { } code && state is not ("open" or "sandbox") ? $"{state} ({Describe(code)})" : state;
}
