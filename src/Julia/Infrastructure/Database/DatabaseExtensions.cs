using Julia.DemoData;
using Julia.Infrastructure.Configuration;
using Npgsql;

namespace Julia.Infrastructure.Database;

internal static class DatabaseExtensions
{
    public static void AddDatabase(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section);
        builder.Services.AddSingleton(sp =>
        {
            var url = builder.Configuration["Database:Url"]!;
            ConnectionStrings.TryPostgres(url, out var csb, out _);
            csb.ApplicationName ??= "julia";
            if (csb.Timeout == 15) csb.Timeout = 5; // fail fast when the server is down: webhooks answer 503
            var dataSource = new NpgsqlDataSourceBuilder(csb.ConnectionString);
            dataSource.UseLoggerFactory(sp.GetRequiredService<ILoggerFactory>());
            return dataSource.Build();
        });
        builder.Services.AddSingleton<MigrationRunner>();
        builder.Services.AddSingleton<DemoDataSeeder>();
    }
}
