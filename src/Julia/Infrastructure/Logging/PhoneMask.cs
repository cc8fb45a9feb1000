namespace Julia.Infrastructure.Logging;

/// <summary>Masks phone numbers and WhatsApp addresses for logs: digits after the 8th become '*' (docs/decisions.md#configuration).</summary>
internal static class PhoneMask
{
    public static string Mask(string? phoneOrJid)
    {
        if (string.IsNullOrEmpty(phoneOrJid)) return "-";
        // Addresses come from outside: a huge one is cut, never logged whole (nor put on the stack).
        if (phoneOrJid.Length > 64) phoneOrJid = phoneOrJid[..64] + "…";
        // Every digit after the 8th, on both sides of an '@': a hostile "x@5511…" hides a number after it.
        Span<char> buffer = stackalloc char[phoneOrJid.Length];
        var digits = 0;
        for (var i = 0; i < phoneOrJid.Length; i++)
        {
            var c = phoneOrJid[i];
            buffer[i] = char.IsDigit(c) && ++digits > 8 ? '*' : c; // any script's digits: "５５１１…" is a number too
        }
        return new string(buffer);
    }
}
