using Julia.Agent;
using Julia.IntegrationTests.TestHost;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Julia.BrowserTests;

/// <summary>Júlia on a real port (sandbox channel, scripted agent, HUMANIZAR=false) and Debian's headless Chromium on one of her pages.</summary>
internal sealed class BrowserSession : IAsyncDisposable
{
    TestDatabase database = null!;
    TestRedis redis = null!;
    JuliaAppFactory app = null!;
    IPlaywright playwright = null!;
    IBrowser browser = null!;

    public ScriptedAgent Agent { get; } = new();
    public IPage Page { get; private set; } = null!;

    public static Task<BrowserSession> OpenSimulatorAsync(int width = 480, int height = 800, string? adminToken = null) =>
        OpenAsync("/static/simulador.html", new Dictionary<string, string?> { ["HUMANIZAR"] = "false", ["ADMIN_API_TOKEN"] = adminToken },
            null, width, height);

    /// <summary>/static/dashboard.html on the demo data (`julia seed-demo`), behind ADMIN_API_TOKEN = <paramref name="adminToken"/>.</summary>
    public static Task<BrowserSession> OpenDashboardAsync(string adminToken, int width = 1280, int height = 900) =>
        OpenAsync("/static/dashboard.html", new Dictionary<string, string?> { ["HUMANIZAR"] = "false", ["ADMIN_API_TOKEN"] = adminToken },
            services => services.GetRequiredService<Julia.DemoData.DemoDataSeeder>().SeedAsync(default), width, height);

    /// <summary>
    /// /static/avaliar.html (the review UI) behind ADMIN_API_TOKEN = <paramref name="adminToken"/>, on the demo data or on
    /// an empty database, in a browser whose own time zone is <paramref name="timeZone"/> (the page shows São Paulo's).
    /// </summary>
    public static Task<BrowserSession> OpenReviewAsync(string adminToken, bool demoData, string timeZone) =>
        OpenAsync("/static/avaliar.html", new Dictionary<string, string?> { ["HUMANIZAR"] = "false", ["ADMIN_API_TOKEN"] = adminToken },
            demoData ? services => services.GetRequiredService<Julia.DemoData.DemoDataSeeder>().SeedAsync(default) : null, 1280, 900, timeZone);

    static async Task<BrowserSession> OpenAsync(string path, Dictionary<string, string?> settings, Func<IServiceProvider, Task>? prepare, int width, int height,
        string? timeZone = null)
    {
        var s = new BrowserSession();
        s.database = await TestDatabase.CreateAsync();
        s.redis = TestRedis.Lease();
        s.app = new JuliaAppFactory(s.database, s.redis, settings, services => services.AddSingleton<IConversationAgent>(s.Agent));
        s.app.UseKestrel(0);
        s.app.StartServer();
        if (prepare is not null) await prepare(s.app.Services);
        var address = s.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        s.playwright = await Playwright.CreateAsync();
        s.browser = await s.playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium", Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        s.Page = await s.browser.NewPageAsync(new() { ViewportSize = new() { Width = width, Height = height }, TimezoneId = timeZone });
        await s.Page.GotoAsync(address + path);
        return s;
    }

    public async Task SendAsDoctorAsync(string text)
    {
        await Page.FillAsync("#text", text);
        await Page.ClickAsync("form#send button");
    }

    public async ValueTask DisposeAsync()
    {
        await browser.DisposeAsync();
        playwright.Dispose();
        await app.DisposeAsync();
        await database.DisposeAsync();
        redis.Dispose();
    }
}
