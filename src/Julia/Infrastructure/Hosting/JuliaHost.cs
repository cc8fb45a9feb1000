using Julia.Agent;
using Julia.Campaigns;
using Julia.Conversations;
using Julia.Doctors;
using Julia.Handoffs;
using Julia.Infrastructure.Health;
using Julia.Jobs;
using Julia.Metrics;
using Julia.Queue;
using Julia.Shifts;
using Julia.WhatsApp;

namespace Julia.Infrastructure.Hosting;

/// <summary>Builds the web host for `julia serve` and the one-shot verbs. Features are added here, one line each.</summary>
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
        });
        builder.AddInfrastructure(role, flags);
        builder.AddMetrics();
        builder.AddDoctors();
        builder.AddHandoffs();
        builder.AddShifts();
        builder.AddAgent();
        builder.AddConversations(role);
        builder.AddWhatsApp();
        builder.AddQueue(role);
        builder.AddJobs(role);
        builder.AddCampaigns();

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseStaticFiles();
        app.MapHealth();
        app.MapReadiness();
        app.MapEvolutionWebhook();
        app.MapQueueHealth();
        app.MapSandbox();
        app.MapJobs();
        app.MapCampaigns();
        return app;
    }
}
