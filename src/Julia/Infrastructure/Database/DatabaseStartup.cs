using Julia.DemoData;
using Julia.Infrastructure.Hosting;

namespace Julia.Infrastructure.Database;

/// <summary>Brings the schema up to date before anything else starts; seeds demo data when asked and the database is empty.</summary>
internal sealed class DatabaseStartup(MigrationRunner migrations, DemoDataSeeder seeder, StartupFlags flags) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        await migrations.RunAsync(ct);
        if (flags.SeedDemoWhenEmpty) await seeder.SeedIfEmptyAsync(ct);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
