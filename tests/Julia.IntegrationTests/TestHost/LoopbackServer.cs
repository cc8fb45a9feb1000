using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Julia.IntegrationTests.TestHost;

/// <summary>A small Kestrel app on a free loopback port: the base of the fake peers (Evolution, Anthropic).</summary>
public abstract class LoopbackServer : IAsyncDisposable
{
    WebApplication? app;

    public string Url { get; private set; } = "";

    protected abstract void Map(WebApplication app);

    protected async Task StartServerAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        app = builder.Build();
        Map(app);
        await app.StartAsync();
        Url = app.Urls.First();
    }

    public async ValueTask DisposeAsync()
    {
        if (app is null) return;
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
