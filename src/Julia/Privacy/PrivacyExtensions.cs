namespace Julia.Privacy;

internal static class PrivacyExtensions
{
    /// <summary>
    /// LGPD data-subject requests (docs/decisions.md#lgpd): export and erasure. Each table's owner registers its own
    /// <see cref="IPersonalDataOwner"/>; Chatwoot registers the contact's <see cref="IExternalErasure"/>; Slack an
    /// <see cref="IErasureEffect"/> (the shifts he held, for staff to reassign).
    /// </summary>
    public static void AddPrivacy(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<PrivacyOptions>().BindConfiguration(PrivacyOptions.Section);
        builder.Services.AddSingleton<PhoneHasher>();
        builder.Services.AddSingleton<SubjectRequestStore>();
        builder.Services.AddSingleton<SubjectCache>();
        builder.Services.AddSingleton<SubjectExporter>();
        builder.Services.AddSingleton<SubjectEraser>();
        builder.Services.AddSingleton<CacheRemovalRetry>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<CacheRemovalRetry>());
        builder.Services.AddHostedService<ErasedCacheSweeper>();
        builder.Services.AddHostedService<PrivacyStartup>();
    }
}

/// <summary>Says at start when LGPD_SEGREDO is unset (development): the hashes kept by erasures use a public key.</summary>
internal sealed partial class PrivacyStartup(PhoneHasher hasher, ILogger<PrivacyStartup> logger) : IHostedService
{
    public Task StartAsync(CancellationToken ct)
    {
        if (hasher.UsesDevelopmentSecret) LogDevelopmentSecret();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;

    [LoggerMessage(EventId = 9706, Level = LogLevel.Warning, Message = "LGPD_SEGREDO not set: erased doctors' phone hashes use a development key (development only; required with ENVIRONMENT=production)")]
    private partial void LogDevelopmentSecret();
}
