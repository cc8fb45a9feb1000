using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Julia.IntegrationTests.TestHost;

/// <summary>
/// A small Kestrel app on a free loopback port: the base of the fake peers (Evolution, Anthropic). It can go down
/// (connections refused, as with a peer that crashed) and come back on the same port.
/// </summary>
public abstract class LoopbackServer : IAsyncDisposable
{
    WebApplication? app;
    int port;

    public string Url { get; private set; } = "";

    protected abstract void Map(WebApplication app);

    protected Task StartServerAsync() => ListenAsync(0);

    /// <summary>Stops listening: every connection to <see cref="Url"/> is refused until <see cref="ComeBackAsync"/>.</summary>
    public async Task GoDownAsync()
    {
        if (app is null) return;
        var running = app;
        app = null;
        await running.StopAsync();
        await running.DisposeAsync();
    }

    /// <summary>Listens again on the same port (retrying while the port is briefly taken).</summary>
    public async Task ComeBackAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await ListenAsync(port);
                return;
            }
            catch (IOException) when (attempt < 50)
            {
                await Task.Delay(200);
            }
        }
    }

    async Task ListenAsync(int onPort)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{onPort}");
        var started = builder.Build();
        Map(started);
        try
        {
            await started.StartAsync();
        }
        catch
        {
            await started.DisposeAsync();
            throw;
        }
        app = started;
        Url = started.Urls.First();
        port = new Uri(Url).Port;
    }

    public ValueTask DisposeAsync() => new(GoDownAsync());
}
