using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Julia.Chatwoot;

/// <summary>
/// Chatwoot's webhook signature (account webhooks since 4.11.2, API-inbox and agent-bot webhooks since 4.13.0):
/// `X-Chatwoot-Signature: sha256=&lt;hex HMAC-SHA256(secret, "&lt;timestamp&gt;.&lt;raw body&gt;")&gt;` with `X-Chatwoot-Timestamp`
/// in unix seconds. The timestamp window stops a captured delivery from being replayed later.
/// </summary>
internal static class ChatwootSignature
{
    const string Prefix = "sha256=";
    const int HashBytes = 32;

    public static bool IsValid(string secret, string? timestampHeader, string? signatureHeader, ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan tolerance)
    {
        if (string.IsNullOrEmpty(secret) || timestampHeader is null || signatureHeader is null) return false;

        // The HMAC covers the header text exactly as sent, so it is parsed for the window check but hashed untouched.
        var timestampText = timestampHeader.Trim();
        if (!long.TryParse(timestampText, NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp)
            || timestamp > DateTimeOffset.MaxValue.ToUnixTimeSeconds()) return false;
        var age = now.ToUnixTimeSeconds() - timestamp; // both within DateTimeOffset's range: cannot overflow
        if (Math.Abs(age) > Math.Max(0, (long)tolerance.TotalSeconds)) return false;

        var signature = signatureHeader.AsSpan().Trim();
        if (!signature.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)) return false;
        var hex = signature[Prefix.Length..];
        if (hex.Length != HashBytes * 2) return false;
        Span<byte> received = stackalloc byte[HashBytes];
        if (Convert.FromHexString(hex, received, out _, out var written) != OperationStatus.Done || written != HashBytes) return false;

        Span<byte> expected = stackalloc byte[HashBytes];
        Compute(secret, timestampText, body, expected);
        return CryptographicOperations.FixedTimeEquals(expected, received);
    }

    /// <summary>The `X-Chatwoot-Signature` value Chatwoot would send for this body (tests and the fake server use it).</summary>
    public static string Sign(string secret, long timestamp, ReadOnlySpan<byte> body)
    {
        Span<byte> hash = stackalloc byte[HashBytes];
        Compute(secret, timestamp.ToString(CultureInfo.InvariantCulture), body, hash);
        return Prefix + Convert.ToHexStringLower(hash);
    }

    static void Compute(string secret, string timestamp, ReadOnlySpan<byte> body, Span<byte> destination)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret));
        hmac.AppendData(Encoding.ASCII.GetBytes(timestamp + "."));
        hmac.AppendData(body);
        hmac.GetHashAndReset(destination);
    }
}
