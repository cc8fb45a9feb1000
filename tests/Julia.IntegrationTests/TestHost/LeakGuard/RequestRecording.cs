using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Julia.IntegrationTests.TestHost.LeakGuard;

/// <summary>
/// Puts every request an in-process host receives into its <see cref="SentValues"/> before the app reads it: the body is
/// buffered and rewound, so the app sees it unchanged. Bodies over 256 KiB (the hostile-input tests) are skipped.
/// </summary>
internal sealed class RecordRequests(SentValues sent) : IStartupFilter
{
    const int MaxBody = 256 * 1024;

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, nextMiddleware) =>
        {
            string? body = null;
            var request = context.Request;
            if (request.ContentLength is > 0 and <= MaxBody && (request.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) ?? false))
            {
                request.EnableBuffering();
                using var reader = new StreamReader(request.Body, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, leaveOpen: true);
                body = await reader.ReadToEndAsync(context.RequestAborted);
                request.Body.Position = 0;
            }
            // The guard only watches: a body it cannot read (a hostile-input test's) never changes what the app answers.
            try { sent.AddRequest(request.QueryString.Value, request.Headers.Select(h => KeyValuePair.Create(h.Key, h.Value.ToString())), body); }
            catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or FormatException) { }
            await nextMiddleware(context);
        });
        next(app);
    };
}

/// <summary>The same for a `julia serve` child: every request the test sends through its <see cref="JuliaServer.Http"/>.</summary>
internal sealed class RecordingHandler(SentValues sent) : DelegatingHandler(new HttpClientHandler())
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        string? body = null;
        if (request.Content is { } content && content.Headers.ContentLength is null or <= 256 * 1024)
        {
            await content.LoadIntoBufferAsync(cancellationToken);
            body = await content.ReadAsStringAsync(cancellationToken);
        }
        var headers = request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>())
            .Select(h => KeyValuePair.Create(h.Key, string.Join(",", h.Value)));
        try { sent.AddRequest(request.RequestUri?.Query, headers, body); }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or FormatException) { }
        return await base.SendAsync(request, cancellationToken);
    }
}
