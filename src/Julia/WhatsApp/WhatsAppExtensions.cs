namespace Julia.WhatsApp;

internal static class WhatsAppExtensions
{
    public static void AddWhatsApp(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<EvolutionOptions>().BindConfiguration(EvolutionOptions.Section);
        builder.Services.AddSingleton<WhatsAppConnection>();
        builder.Services.AddSingleton<EvolutionWebhookEndpoints.Handler>();
    }
}
