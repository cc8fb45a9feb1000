using Julia.Infrastructure.Configuration;
using Npgsql;

namespace Julia.Infrastructure.Database;

internal static class DatabaseExtensions
{
    /// <param name="readOnly">Sessions start with default_transaction_read_only: any INSERT/UPDATE/DELETE fails at the server.</param>
    public static void AddDatabase(this IHostApplicationBuilder builder, bool readOnly = false)
    {
        builder.Services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section);
        builder.Services.AddSingleton(sp => CreateDataSource(builder.Configuration, sp.GetRequiredService<ILoggerFactory>(),
            options: readOnly ? "-c default_transaction_read_only=on" : null));
        builder.Services.AddSingleton<MigrationRunner>();
        builder.Services.AddSingleton(sp => new Resilience.CircuitCallTimeout("database", TimeSpan.FromSeconds(
            new NpgsqlConnectionStringBuilder(sp.GetRequiredService<NpgsqlDataSource>().ConnectionString).CommandTimeout)));
    }

    /// <summary>
    /// The one place DATABASE_URL becomes a connection pool. <paramref name="applicationName"/> names a pool of its own
    /// in pg_stat_activity; <paramref name="options"/> adds server settings (e.g. `-c synchronous_commit=off`);
    /// <paramref name="maxPoolSize"/> caps the pool below what DATABASE_URL allows.
    /// </summary>
    public static NpgsqlDataSource CreateDataSource(IConfiguration configuration, ILoggerFactory loggers, string? applicationName = null, string? options = null,
        int? maxPoolSize = null)
    {
        ConnectionStrings.TryPostgres(configuration["Database:Url"]!, out var csb, out _);
        csb.ApplicationName = applicationName ?? csb.ApplicationName ?? "julia";
        ApplyPoolDefaults(csb);
        if (maxPoolSize is { } max && max < csb.MaxPoolSize) csb.MaxPoolSize = max;
        if (options is not null) AddOptions(csb, options);
        var dataSource = new NpgsqlDataSourceBuilder(csb.ConnectionString);
        dataSource.UseLoggerFactory(loggers);
        return dataSource.Build();
    }

    /// <summary>Server settings after those DATABASE_URL already gives (`-c name=value …`).</summary>
    static void AddOptions(NpgsqlConnectionStringBuilder csb, string options) =>
        csb.Options = string.IsNullOrEmpty(csb.Options) ? options : $"{csb.Options} {options}";

    /// <summary>Júlia's defaults for a pool, where DATABASE_URL does not say otherwise.</summary>
    internal static void ApplyPoolDefaults(NpgsqlConnectionStringBuilder csb)
    {
        if (csb.Timeout == 15) csb.Timeout = 5; // fail fast when the server is down: webhooks answer 503
        // A statement fails after 10 s, the `database` circuit's call timeout, not Npgsql's 30 s (CommandTimeouts).
        if (csb.CommandTimeout == CommandTimeouts.NpgsqlDefault) csb.CommandTimeout = CommandTimeouts.Call;
        // Júlia leaves no session state behind (only SET LOCAL), so the pool skips the DISCARD ALL it would run on every
        // reuse — a server round of work per connection borrowed (docs/decisions.md#turn-scheduling).
        csb.NoResetOnClose = true;
        // A prepared statement is planned once per connection, generically, not five times with its values first
        // (docs/decisions.md#prepared-statements). Only named (prepared) statements read this setting.
        if (csb.Options?.Contains("plan_cache_mode", StringComparison.Ordinal) != true) AddOptions(csb, "-c plan_cache_mode=force_generic_plan");
        // The server ends the session of a client that is gone (kill -9, a crash, a dropped host) within 2 s, even while
        // its statement waits for a lock: otherwise that statement runs on after the process died and commits when the
        // lock goes — a daily job's work then landed twice, once from the dead process and once from the next one that
        // took its unfinished run over (docs/decisions.md#jobs, "A killed process's statement dies with it"). PostgreSQL 14+.
        if (csb.Options?.Contains("client_connection_check_interval", StringComparison.Ordinal) != true)
            AddOptions(csb, "-c client_connection_check_interval=2000");
        // No automatic statement preparation (`Max Auto Prepare`): an auto-prepared statement whose first execution
        // fails in a transaction is left corrupt on the connection (npgsql/npgsql#6391), and the next command on it reads
        // "unexpected backend message DataRow". The hot path prepares explicitly (docs/decisions.md#prepared-statements).
    }
}
