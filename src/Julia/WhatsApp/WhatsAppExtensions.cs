using Julia.Infrastructure.Telemetry;
using Julia.Infrastructure.Health;
using Julia.Infrastructure.Http;
using Julia.Infrastructure.Resilience;
using Microsoft.Extensions.Options;

namespace Julia.WhatsApp;

internal static class WhatsAppExtensions
{
    /// <summary>No EVOLUTION_URL: the in-app sandbox channel (and its simulator page) instead of Evolution API.</summary>
    public static bool IsSandbox(IConfiguration configuration) => string.IsNullOrWhiteSpace(configuration["Evolution:BaseUrl"]);

    /// <summary>Evolution API when EVOLUTION_URL is set; otherwise the in-app sandbox channel (docs/decisions.md#modes).</summary>
    public static void AddWhatsApp(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<EvolutionOptions>().BindConfiguration(EvolutionOptions.Section);
        builder.Services.AddSingleton(sp => new CircuitCallTimeout("evolution",
            TimeSpan.FromSeconds(sp.GetRequiredService<IOptions<EvolutionOptions>>().Value.TimeoutSeconds)));
        builder.Services.AddOperationMeter<WhatsAppMeter>();
        builder.Services.AddSingleton<WhatsAppConnection>();
        builder.Services.AddSingleton<WhatsAppStatus>();
        builder.Services.AddSingleton<EvolutionWebhookEndpoints.Handler>();
        builder.Services.AddHealthChecks().AddCheck<WhatsAppHealthCheck>("whatsapp", tags: [ReadinessChecks.Tag]);
        if (IsSandbox(builder.Configuration))
        {
            builder.Services.AddSingleton<SandboxChannel>();
            builder.Services.AddSingleton<IWhatsAppChannel>(sp => sp.GetRequiredService<SandboxChannel>());
            return;
        }
        builder.Services.AddHttpClient<EvolutionClient>((sp, http) =>
            {
                var o = sp.GetRequiredService<IOptions<EvolutionOptions>>().Value;
                http.BaseAddress = new Uri(o.BaseUrl!.TrimEnd('/') + "/");
                if (!string.IsNullOrEmpty(o.ApiKey)) http.DefaultRequestHeaders.Add("apikey", o.ApiKey);
            })
            // No retries, GETs included: the connection-state probe serves readiness (1 s bound, must see a refusal at
            // once) and a 30 s poll that simply tries again; a retried POST would send a WhatsApp message twice.
            .AddPeerResilience(sp => sp.GetRequiredService<IOptions<EvolutionOptions>>().Value.TimeoutSeconds);
        builder.Services.AddSingleton<IWhatsAppChannel>(sp => sp.GetRequiredService<EvolutionClient>());
        builder.Services.AddHostedService<WhatsAppConnectionMonitor>();
    }
}
