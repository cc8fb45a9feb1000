namespace Julia.Infrastructure.Logging;

/// <summary>Masks phone numbers and WhatsApp addresses for logs: digits after the 8th become '*' (docs/decisions.md#configuration).</summary>
internal static class PhoneMask
{
    public static string Mask(string? phoneOrJid)
    {
        if (string.IsNullOrEmpty(phoneOrJid)) return "-";
        // Addresses come from outside: a huge one is cut, never logged whole (nor put on the stack).
        if (phoneOrJid.Length > 64) phoneOrJid = phoneOrJid[..64] + "…";
        var at = phoneOrJid.IndexOf('@');
        var local = at >= 0 ? phoneOrJid[..at] : phoneOrJid;
        var suffix = at >= 0 ? phoneOrJid[at..] : "";
        Span<char> buffer = stackalloc char[local.Length];
        var digits = 0;
        for (var i = 0; i < local.Length; i++)
        {
            var c = local[i];
            buffer[i] = char.IsAsciiDigit(c) && ++digits > 8 ? '*' : c;
        }
        return new string(buffer) + suffix;
    }
}
