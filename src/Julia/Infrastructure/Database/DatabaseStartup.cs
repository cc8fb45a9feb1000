namespace Julia.Infrastructure.Database;

/// <summary>Brings the schema up to date before any other hosted service starts (registered first).</summary>
internal sealed class DatabaseStartup(MigrationRunner migrations) : IHostedService
{
    public Task StartAsync(CancellationToken ct) => migrations.RunAsync(ct);

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
