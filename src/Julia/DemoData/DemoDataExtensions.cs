using Julia.Infrastructure.Hosting;

namespace Julia.DemoData;

internal static class DemoDataExtensions
{
    /// <summary>The seeder (`julia seed-demo`) and, with `--seed-demo`, loading it at start into an empty database.</summary>
    public static void AddDemoData(this IHostApplicationBuilder builder, StartupFlags flags)
    {
        builder.Services.AddSingleton<DemoDataSeeder>();
        if (flags.SeedDemoWhenEmpty) builder.Services.AddHostedService<DemoDataStartup>();
    }
}

/// <summary>Seeds after the migrations (hosted services start in registration order).</summary>
internal sealed class DemoDataStartup(DemoDataSeeder seeder) : IHostedService
{
    public Task StartAsync(CancellationToken ct) => seeder.SeedIfEmptyAsync(ct);

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
