using Dapper;
using Julia.Infrastructure.Database;
using Npgsql;

namespace Julia.DemoData;

/// <summary>Loads DemoData/seed-demo.sql: pt-BR hospitals, specialties, doctors and shifts. Idempotent (fixed ids).</summary>
internal sealed partial class DemoDataSeeder(NpgsqlDataSource dataSource, ILogger<DemoDataSeeder> logger)
{
    public async Task SeedAsync(CancellationToken ct)
    {
        var script = EmbeddedSql.Single("seed-demo.sql");
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await using (var cmd = new NpgsqlCommand(script.Sql, connection, tx)) await cmd.ExecuteNonQueryAsync(ct);
        await tx.CommitAsync(ct);
        var counts = await connection.QuerySingleAsync<(long Hospitais, long Medicos, long Vagas)>(new CommandDefinition(
            "SELECT (SELECT count(*) FROM hospitais), (SELECT count(*) FROM medicos), (SELECT count(*) FROM vagas)", cancellationToken: ct));
        LogSeeded(counts.Hospitais, counts.Medicos, counts.Vagas);
    }

    public async Task SeedIfEmptyAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var hasDoctors = await connection.ExecuteScalarAsync<bool>(new CommandDefinition("SELECT EXISTS (SELECT 1 FROM medicos)", cancellationToken: ct));
        if (!hasDoctors) await SeedAsync(ct);
    }

    [LoggerMessage(EventId = 110, Level = LogLevel.Information, Message = "Demo data ready: {Hospitals} hospitais, {Doctors} medicos, {Shifts} vagas")]
    private partial void LogSeeded(long hospitals, long doctors, long shifts);
}
