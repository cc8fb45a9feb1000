namespace Julia.Doctors;

/// <summary>
/// Brazilian WhatsApp number rules (docs/decisions.md#inbound): digits only, country code 55 added to 10–11 digit numbers
/// (to a WhatsApp address only when its digits read as a Brazilian DDD and number), and the mobile 9th digit restored
/// on 12-digit numbers whose subscriber part starts with 6–9. What is left must be a number someone can have: no
/// leading 0, and a 55 number a real DDD and subscriber.
/// </summary>
internal static class PhoneNumbers
{
    /// <summary>The canonical form stored in medicos.telefone, or null when the text is not a usable number.</summary>
    public static string? Canonical(string? phoneOrJid)
    {
        if (string.IsNullOrWhiteSpace(phoneOrJid)) return null;
        var local = phoneOrJid;
        var at = local.IndexOf('@');
        if (at >= 0)
        {
            if (at != local.LastIndexOf('@')) return null; // "<number>@s.whatsapp.net@s.whatsapp.net" is not an address
            if (!local.EndsWith("@s.whatsapp.net", StringComparison.OrdinalIgnoreCase) && !local.EndsWith("@c.us", StringComparison.OrdinalIgnoreCase)) return null;
            local = local[..at];
        }
        var colon = local.IndexOf(':');
        if (colon >= 0) local = local[..colon]; // device suffix "5511…:12"
        // A phone is digits with the usual separators; letters or anything else make it garbage, not a number to repair.
        if (local.Length > 40 || local.Any(c => !char.IsAsciiDigit(c) && c is not ('+' or ' ' or '-' or '(' or ')' or '.'))) return null;
        var digits = new string(local.Where(char.IsAsciiDigit).ToArray());
        // A number someone typed may start with the international prefix 00 ("0055 11 9…"): the country code follows it.
        // A WhatsApp address never does — its digits are the account's number — so "0055…@s.whatsapp.net" stays
        // refused below (docs/decisions.md#inbound, "Phone normalisation").
        var international = at < 0 && digits.StartsWith("00", StringComparison.Ordinal);
        if (international) digits = digits[2..];
        if (digits.Length < 10 || digits.Length > 15) return null;
        // 10–11 digits are a Brazilian number without its country code (docs/decisions.md#inbound). A WhatsApp address normally carries its
        // own, so a JID is completed only when it reads as a Brazilian DDD and number: a US `1 415…` (DDD 14, then 1) is
        // a foreign number and stays as it is; Peru's `51 9…` reads as Porto Alegre's and is completed, as specified.
        // After 00 the country code is there already.
        if (digits.Length is 10 or 11 && !international && (at < 0 || ReadsAsBrazilian(digits))) digits = "55" + digits;
        if (digits.Length == 12 && digits.StartsWith("55", StringComparison.Ordinal) && digits[4] is >= '6' and <= '9')
            digits = digits[..4] + "9" + digits[4..];
        // No country code starts with 0, and 55 is Brazil's alone: a 55 number is a DDD of the list and a subscriber
        // (9 and eight digits, or 2–9 and seven). "0800…", "0000000000", DDD 00 or a subscriber "0…" is nobody.
        if (digits[0] == '0') return null;
        if (digits.StartsWith("55", StringComparison.Ordinal) && !(digits.Length is 12 or 13 && ReadsAsBrazilian(digits[2..]))) return null;
        return digits;
    }

    /// <summary>
    /// A valid DDD (Anatel's list) followed by a mobile (11 digits: 9 then eight) or a number of the old 8-digit plan
    /// (10 digits: 2–9 then seven).
    /// </summary>
    static bool ReadsAsBrazilian(string digits) =>
        Ddds.Contains(digits[..2]) && (digits.Length == 11 ? digits[2] == '9' : digits[2] is >= '2' and <= '9');

    static readonly HashSet<string> Ddds =
    [
        "11", "12", "13", "14", "15", "16", "17", "18", "19", "21", "22", "24", "27", "28", "31", "32", "33", "34", "35", "37",
        "38", "41", "42", "43", "44", "45", "46", "47", "48", "49", "51", "53", "54", "55", "61", "62", "63", "64", "65", "66",
        "67", "68", "69", "71", "73", "74", "75", "77", "79", "81", "82", "83", "84", "85", "86", "87", "88", "89", "91", "92",
        "93", "94", "95", "96", "97", "98", "99",
    ];

    /// <summary>The 12-digit form a mobile may have been stored with before the 9th digit (for lookups), or null.</summary>
    public static string? LegacyVariant(string canonical) =>
        canonical.Length == 13 && canonical.StartsWith("55", StringComparison.Ordinal) && canonical[4] == '9' && canonical[5] is >= '6' and <= '9'
            ? canonical[..4] + canonical[5..]
            : null;

    public static string Jid(string canonical) => canonical + "@s.whatsapp.net";

    public static bool IsLid(string? jid) => jid is not null && jid.EndsWith("@lid", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// A WhatsApp LID as Evolution sends it — `&lt;digits&gt;@lid` (5–20 digits, optional ":device") — in one form:
    /// `&lt;digits&gt;@lid`, without the device and with the suffix in lower case, so that one person is one LID; else null.
    /// </summary>
    public static string? ValidLid(string? jid)
    {
        if (jid is null || !jid.EndsWith("@lid", StringComparison.OrdinalIgnoreCase)) return null;
        var local = jid[..^4];
        var colon = local.IndexOf(':');
        var number = colon >= 0 ? local[..colon] : local;
        var device = colon >= 0 ? local[(colon + 1)..] : "0";
        return number.Length is >= 5 and <= 20 && number.All(char.IsAsciiDigit) && device.Length is > 0 and <= 3 && device.All(char.IsAsciiDigit)
            ? number + "@lid" : null;
    }

    /// <summary>
    /// The phone JID a message came from, as WhatsApp knows the account: its own digits (a legacy 12-digit number stays
    /// 12 digits) + `@s.whatsapp.net`, without device, separators or case variants. For an address
    /// <see cref="Canonical"/> accepts.
    /// </summary>
    public static string SenderJid(string phoneJid)
    {
        var at = phoneJid.IndexOf('@');
        var local = at >= 0 ? phoneJid[..at] : phoneJid;
        var colon = local.IndexOf(':');
        if (colon >= 0) local = local[..colon];
        return new string([.. local.Where(char.IsAsciiDigit)]) + "@s.whatsapp.net";
    }
}
