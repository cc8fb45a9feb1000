using Julia.Infrastructure.Health;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;

namespace Julia.WhatsApp;

internal static class WhatsAppExtensions
{
    /// <summary>Evolution API when EVOLUTION_URL is set; otherwise the in-app sandbox channel (docs/decisions.md#modes).</summary>
    public static void AddWhatsApp(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<EvolutionOptions>().BindConfiguration(EvolutionOptions.Section);
        builder.Services.AddSingleton<WhatsAppConnection>();
        builder.Services.AddSingleton<EvolutionWebhookEndpoints.Handler>();
        builder.Services.AddHealthChecks().AddCheck<WhatsAppHealthCheck>("whatsapp", tags: [ReadinessChecks.Tag]);
        if (string.IsNullOrWhiteSpace(builder.Configuration["Evolution:BaseUrl"]))
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
            // A retried POST would send the WhatsApp message twice: the queue owns retries.
            .AddStandardResilienceHandler()
            .Configure((o, sp) =>
            {
                var timeout = TimeSpan.FromSeconds(Math.Max(1, sp.GetRequiredService<IOptions<EvolutionOptions>>().Value.TimeoutSeconds));
                o.Retry.DisableForUnsafeHttpMethods();
                o.AttemptTimeout.Timeout = timeout;
                o.TotalRequestTimeout.Timeout = timeout * 3;
                o.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(Math.Max(60, timeout.TotalSeconds * 2 + 1));
            });
        builder.Services.AddSingleton<IWhatsAppChannel>(sp => sp.GetRequiredService<EvolutionClient>());
        builder.Services.AddHostedService<WhatsAppConnectionMonitor>();
    }
}
