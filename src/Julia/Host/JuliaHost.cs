using Julia.Agent;
using Julia.Alerts;
using Julia.Campaigns;
using Julia.Chatwoot;
using Julia.Conversations;
using Julia.Dashboard;
using Julia.DemoData;
using Julia.Doctors;
using Julia.FollowUps;
using Julia.Handoffs;
using Julia.Infrastructure;
using Julia.Infrastructure.Admin;
using Julia.Infrastructure.Configuration;
using Julia.Infrastructure.Health;
using Julia.Infrastructure.Http;
using Julia.Infrastructure.Hosting;
using Julia.Jobs;
using Julia.Maintenance;
using Julia.Metrics;
using Julia.Notifications;
using Julia.Privacy;
using Julia.PromptReview;
using Julia.Quality;
using Julia.Queue;
using Julia.Shifts;
using Julia.Slack;
using Julia.WhatsApp;

namespace Julia.Host;

/// <summary>
/// The composition root for `julia serve` and the one-shot verbs: one AddXxx and one MapXxx line per feature. Features
/// register their own services, jobs, health checks and effects; the arrows between them are in docs/architecture.md.
/// </summary>
internal static class JuliaHost
{
    public static WebApplication Build(string[] args, HostRoleInfo role, StartupFlags flags)
    {
        var webRoot = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(JuliaHost).Assembly.GetName().Name,
            WebRootPath = Directory.Exists(webRoot) ? webRoot : null,
            EnvironmentName = HostingEnvironment.FromArguments(args) ?? "Development",
        });
        // Whatever the environment: a missing registration fails at start, not at the first request that needs it.
        builder.Host.UseDefaultServiceProvider(o => { o.ValidateOnBuild = true; o.ValidateScopes = true; });
        // A stop (SIGINT/SIGTERM, `docker compose stop` waits 10 s by default before SIGKILL) never hangs: in-flight sends
        // drain, and whatever has not stopped after 20 s is abandoned (its rows are recovered by fila-recuperacao).
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(20));
        builder.AddInfrastructure(role, flags);
        builder.AddDemoData(flags);
        builder.Services.AddHostedService<StartupBanner>();
        builder.AddMetrics();
        builder.AddJobs(role);
        builder.AddWhatsApp();
        builder.AddQueue(role);
        builder.AddDoctors();
        builder.AddShifts();
        builder.AddHandoffs();
        builder.AddAgent();
        builder.AddConversations(role);
        builder.AddFollowUps();
        builder.AddCampaigns();
        builder.AddMaintenance();
        builder.AddNotifications();
        builder.AddSlack();
        builder.AddChatwoot();
        builder.AddAlerts();
        builder.AddQuality();
        builder.AddPromptReview();
        builder.AddDashboard();
        builder.AddPrivacy();

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        // The simulator drives the sandbox channel only: not in production, and not with Evolution configured, where its
        // webhooks would make Júlia write to real numbers while the page showed nothing (docs/decisions.md#modes).
        var simulatorServed = !app.Environment.IsProduction() && WhatsAppExtensions.IsSandbox(builder.Configuration);
        app.UseStaticPages(notServed: simulatorServed ? [] : ["/static/simulador.html"]);
        app.UseAdminTokenBeforeBinding();
        app.RefuseCompressedBodies();
        // HEAD wherever GET is served (docs/decisions.md#security, "Methods").
        var routes = app.MapRoutesWithHead();
        routes.MapHealth();
        routes.MapEvolutionWebhook();
        routes.MapSandbox();
        routes.MapQueueHealth();
        routes.MapJobs();
        routes.MapCampaigns();
        routes.MapHandoffAdmin();
        routes.MapReservations();
        routes.MapChatwoot();
        routes.MapMetrics();
        routes.MapQuality();
        routes.MapReview();
        routes.MapDashboard();
        routes.MapPrivacy();
        routes.MapContactPauses();
        return app;
    }
}
