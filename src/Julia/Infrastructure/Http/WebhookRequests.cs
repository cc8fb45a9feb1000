using System.Security.Cryptography;
using System.Text;

namespace Julia.Infrastructure.Http;

/// <summary>What every webhook endpoint does with its request before reading it: a size limit and secret comparison.</summary>
internal static class WebhookRequests
{
    public const int MaxBodyBytes = 1_048_576;

    /// <summary>The most a body read by <see cref="ReadBodyDroppingAsync"/> may be before the values it leaves out.</summary>
    public const long MaxDroppingBodyBytes = 256L * 1_048_576;

    /// <summary>The body, or null when it is larger than <see cref="MaxBodyBytes"/> (413).</summary>
    public static Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken ct) =>
        request.ContentLength > MaxBodyBytes ? Task.FromResult<byte[]?>(null) : ReadAsync(request, null, ct);

    /// <summary>
    /// The body without the values of the properties called one of <paramref name="propertyNames"/> (left out while it is
    /// read, so a large one costs no memory: <see cref="JsonValueDropper"/>), or null when what is left is larger than
    /// <see cref="MaxBodyBytes"/> or the body larger than <see cref="MaxDroppingBodyBytes"/> (413).
    /// </summary>
    public static Task<byte[]?> ReadBodyDroppingAsync(HttpRequest request, string[] propertyNames, CancellationToken ct)
    {
        if (request.ContentLength > MaxDroppingBodyBytes) return Task.FromResult<byte[]?>(null);
        if (request.HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = MaxDroppingBodyBytes;
        return ReadAsync(request, new JsonValueDropper(propertyNames), ct);
    }

    static async Task<byte[]?> ReadAsync(HttpRequest request, JsonValueDropper? dropper, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        long total = 0;
        int read;
        try
        {
            while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
            {
                total += read;
                if (dropper is null)
                {
                    if (buffer.Length + read > MaxBodyBytes) return null;
                    buffer.Write(chunk, 0, read);
                    continue;
                }
                if (total > MaxDroppingBodyBytes) return null;
                dropper.Process(chunk.AsSpan(0, read), buffer);
                if (buffer.Length > MaxBodyBytes) return null;
            }
        }
        catch (IOException ex) when (ex is not BadHttpRequestException && !ct.IsCancellationRequested)
        {
            // Kestrel reports some malformed framing (a chunk size over 2 GiB) as a plain IOException: the sender's fault,
            // a 400 like the rest of the framing errors (HostileInputExceptionHandler), not a 500.
            throw new BadHttpRequestException("corpo ilegível (enquadramento HTTP inválido)", StatusCodes.Status400BadRequest, ex);
        }
        return buffer.ToArray();
    }

    /// <summary>
    /// The body without a UTF-8 byte-order mark before the JSON: accepted, as most JSON readers do, by every webhook
    /// (docs/decisions.md#security). A signature is checked over the body as sent, mark included.
    /// </summary>
    public static ReadOnlyMemory<byte> WithoutBom(byte[] body) =>
        body.Length >= 3 && body[0] == 0xEF && body[1] == 0xBB && body[2] == 0xBF ? body.AsMemory(3) : body;

    /// <summary>Constant-time comparison of a presented secret with the configured one.</summary>
    public static bool SecretMatches(string? given, string secret) =>
        !string.IsNullOrEmpty(given) && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(secret));

    /// <summary>The token of `Authorization: Bearer &lt;token&gt;`, or null.</summary>
    public static string? Bearer(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization["Bearer ".Length..].Trim() : null;
    }
}
