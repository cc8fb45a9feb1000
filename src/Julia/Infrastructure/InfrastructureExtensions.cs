using Microsoft.Extensions.Options;
using Julia.Infrastructure.Admin;
using Julia.Infrastructure.Configuration;
using Julia.Infrastructure.Database;
using Julia.Infrastructure.Health;
using Julia.Infrastructure.Http;
using Julia.Infrastructure.Hosting;
using Julia.Infrastructure.Logging;
using Julia.Infrastructure.Redis;
using Julia.Infrastructure.Resilience;

namespace Julia.Infrastructure;

internal static class InfrastructureExtensions
{
    /// <summary>Configuration mapping and checks, logging, Postgres, Redis, health checks, breakers, admin auth, ProblemDetails, clock.</summary>
    public static void AddInfrastructure(this WebApplicationBuilder builder, HostRoleInfo role, StartupFlags flags)
    {
        var mapped = ConfigurationMapper.Map(builder.Configuration);
        if (mapped.Errors.Count > 0) throw new ConfigurationException(mapped.Errors);
        builder.Configuration.AddInMemoryCollection(mapped.Values);
        if (flags.ChatConsole)
        {
            // `julia chat`: answer at once, and never take the API's port.
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["App:Humanize"] = "false", ["Conversations:DebounceSeconds"] = "0", ["Http:Port"] = "0", ["Log:Level"] = "WARNING",
                ["Evolution:BaseUrl"] = "", // the console is the channel: nothing goes to a real WhatsApp
            });
        }
        if (flags.ReadOnly)
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Evolution:BaseUrl"] = "", ["Http:Port"] = "0" });

        builder.AddJuliaLogging();
        builder.WebHost.UseUrls($"http://{builder.Configuration["Http:Host"]}:{builder.Configuration["Http:Port"]}");
        builder.Services.AddOptions<AppOptions>().BindConfiguration(AppOptions.Section);
        builder.Services.AddOptions<HttpOptions>().BindConfiguration(HttpOptions.Section);
        builder.Services.AddOptions<WorkersOptions>().BindConfiguration(WorkersOptions.Section);
        builder.Services.AddSingleton(role);
        builder.Services.AddSingleton(flags);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddOptions<Time.BusinessHoursOptions>().BindConfiguration(Time.BusinessHoursOptions.Section);
        builder.Services.AddSingleton<Time.BusinessHours>();
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = FrameworkProblems.InPortuguese);
        // The admin API's numbers are JSON numbers: "max_por_dia": "30" or "naturalidade": "7" is a 400, as a wrong type
        // is everywhere else (ASP.NET's web defaults would read them from strings).
        // A field given twice (`{"motivo": "a", "motivo": "b"}`, or `"confirmar"` false then true) is a 400 naming it: which
        // of the two was meant is not Júlia's guess (docs/decisions.md#security; ASP.NET's default keeps the last in silence).
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict;
            o.SerializerOptions.AllowDuplicateProperties = false;
        });
        builder.Services.AddExceptionHandler<HostileInputExceptionHandler>();
        // A request that cannot be bound throws in every environment, so Production answers exactly what the tests see.
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddSingleton<AdminAuthFilter>();
        builder.Services.AddOptions<CircuitOptions>().BindConfiguration(CircuitOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<CircuitOptions>, CircuitOptionsValidator>();
        builder.Services.AddSingleton<CircuitBreakers>();

        builder.AddDatabase(flags.ReadOnly);
        builder.AddRedis();
        builder.AddHealth();
        // Order matters: the schema is ready before any other hosted service starts.
        builder.Services.AddHostedService<DatabaseStartup>();
    }
}
