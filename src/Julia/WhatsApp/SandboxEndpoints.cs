using System.Text.Json;

namespace Julia.WhatsApp;

/// <summary>`GET /sandbox/eventos` (Server-Sent Events) feeds /static/simulador.html with Júlia's typing and messages.</summary>
internal static class SandboxEndpoints
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void MapSandbox(this IEndpointRouteBuilder app)
    {
        app.MapGet("/sandbox/eventos", StreamAsync).WithTags("Sandbox");
        app.MapGet("/sandbox/mensagens", (IWhatsAppChannel channel) =>
            channel is SandboxChannel sandbox ? Results.Ok(sandbox.History) : Results.NotFound()).WithTags("Sandbox");
    }

    static async Task StreamAsync(HttpContext http, IWhatsAppChannel channel, IHostApplicationLifetime lifetime, CancellationToken requestAborted)
    {
        // Ends with the process too: an open simulator tab held Ctrl-C for ~20 s (Kestrel's drain of a live stream).
        using var both = CancellationTokenSource.CreateLinkedTokenSource(requestAborted, lifetime.ApplicationStopping);
        var ct = both.Token;
        if (channel is not SandboxChannel sandbox)
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        http.Response.Headers.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        var (id, reader) = sandbox.Subscribe();
        try
        {
            await http.Response.WriteAsync(": conectado\n\n", ct);
            await http.Response.Body.FlushAsync(ct);
            await foreach (var e in reader.ReadAllAsync(ct))
            {
                await http.Response.WriteAsync($"data: {JsonSerializer.Serialize(e, Json)}\n\n", ct);
                await http.Response.Body.FlushAsync(ct);
            }
        }
        catch (OperationCanceledException) { }
        finally { sandbox.Unsubscribe(id); }
    }
}
