using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Julia.WhatsApp;

/// <summary>
/// A JSON string value whatever its bytes (docs/decisions.md#security, "Hostile input"): bytes that are not UTF-8 (a raw
/// Latin-1 byte, an overlong or cut sequence) and escaped lone surrogates (`"\ud800"`) become U+FFFD, and the rest of the
/// text is kept. For the values <see cref="JsonElement.GetString"/> refuses; the document was parsed, so every escape is
/// well formed.
/// </summary>
internal static class TolerantJsonString
{
    /// <summary>Decodes with U+FFFD in place of each invalid sequence (the Unicode "maximal subpart" rule), never throws.</summary>
    static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    public static string Decode(JsonElement value)
    {
        var raw = JsonMarshal.GetRawUtf8Value(value);
        if (raw.Length >= 2 && raw[0] == (byte)'"') raw = raw[1..^1];
        var text = new StringBuilder(raw.Length);
        while (!raw.IsEmpty)
        {
            var slash = raw.IndexOf((byte)'\\');
            text.Append(Utf8.GetString(slash < 0 ? raw : raw[..slash]));
            if (slash < 0 || slash + 1 >= raw.Length) break;
            var length = 2;
            switch (raw[slash + 1])
            {
                case (byte)'u' when slash + 6 <= raw.Length:
                    text.Append(Hex4(raw.Slice(slash + 2, 4)));
                    length = 6;
                    break;
                case (byte)'b': text.Append('\b'); break;
                case (byte)'f': text.Append('\f'); break;
                case (byte)'n': text.Append('\n'); break;
                case (byte)'r': text.Append('\r'); break;
                case (byte)'t': text.Append('\t'); break;
                case var other: text.Append((char)other); break; // \" \\ \/
            }
            raw = raw[(slash + length)..];
        }
        // An escaped surrogate is a UTF-16 code unit: one without its pair is no character.
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) { i++; continue; }
            if (char.IsSurrogate(text[i])) text[i] = '\uFFFD';
        }
        return text.ToString();
    }

    static char Hex4(ReadOnlySpan<byte> digits)
    {
        var value = 0;
        foreach (var d in digits)
            value = value * 16 + (d switch { >= (byte)'0' and <= (byte)'9' => d - '0', >= (byte)'a' and <= (byte)'f' => d - 'a' + 10, >= (byte)'A' and <= (byte)'F' => d - 'A' + 10, _ => 0 });
        return (char)value;
    }
}
