using Julia.Infrastructure.Health;

namespace Julia.Infrastructure.Hosting;

/// <summary>Builds the web host for `julia serve` and the one-shot verbs. Features are added here, one line each.</summary>
internal static class JuliaHost
{
    public static WebApplication Build(string[] args, HostRoleInfo role, StartupFlags flags)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ApplicationName = typeof(JuliaHost).Assembly.GetName().Name });
        builder.AddInfrastructure(role, flags);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapHealth();
        return app;
    }
}
