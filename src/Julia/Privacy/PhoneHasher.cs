using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Julia.Privacy;

/// <summary>
/// HMAC-SHA256 of a canonical phone with LGPD_SEGREDO: the only trace an erasure keeps (titulares_apagados), so a doctor
/// who opted out and asked to be erased is recognised — and not contacted — if he writes again. Without the secret the
/// hash cannot be reversed by trying every Brazilian number.
/// </summary>
internal sealed class PhoneHasher(IOptions<PrivacyOptions> options)
{
    readonly byte[] key = Encoding.UTF8.GetBytes(string.IsNullOrEmpty(options.Value.Secret) ? PrivacyOptions.DevelopmentSecret : options.Value.Secret);

    public bool UsesDevelopmentSecret => string.IsNullOrEmpty(options.Value.Secret);

    public byte[]? Hash(string? canonicalPhone) =>
        canonicalPhone is null ? null : HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(canonicalPhone));
}
