using Dapper;
using Julia.Conversations;
using Julia.Infrastructure.Database;
using Julia.IntegrationTests.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Julia.IntegrationTests.Conversations;

/// <summary>
/// Every pool of Júlia's plans a prepared statement once per connection, generically (docs/decisions.md#prepared-statements).
/// Under `plan_cache_mode = auto` each connection planned the webhook's statement with its values five times first —
/// and again after every ANALYZE of its tables, on every pooled connection: the dearest plan of the path (5–13 ms in
/// `bench/run.sh processo`). Counted in plans (pg_prepared_statements of the one pooled connection), not timed.
/// </summary>
public sealed class WebhookPlanningTests
{
    [Fact]
    public async Task EightWebhooksOnOneConnectionPlanTheDoctorsStatementWithoutACustomPlan()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using (var source = db.CreateDataSource())
            await new MigrationRunner(source, NullLogger<MigrationRunner>.Instance).RunAsync(default);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Database:Url"] = db.Url }).Build();
        // A pool of one connection: every webhook below runs on the connection inspected at the end.
        await using var main = DatabaseExtensions.CreateDataSource(configuration, NullLoggerFactory.Instance, maxPoolSize: 1);
        await using (var c = await main.OpenConnectionAsync())
            await c.ExecuteAsync("INSERT INTO medicos (telefone, whatsapp_jid, primeiro_nome, origem) VALUES ('5511955550002', '5511955550002@s.whatsapp.net', 'Bia', 'manual')");
        var store = new InboundStore(main, []);

        for (var i = 0; i < 8; i++)
        {
            var row = new InboundRow($"plan-webhook-{i}", "texto", $"mensagem {i}", null, "5511955550002@s.whatsapp.net", DateTimeOffset.UtcNow);
            var (doctor, stored, _) = await store.InsertForPhoneAsync("5511955550002", row, default);
            Assert.NotNull(doctor);
            Assert.NotNull(stored);
        }

        await using var same = await main.OpenConnectionAsync();
        var plans = await same.QuerySingleAsync<(long Generic, long Custom)>(
            "SELECT generic_plans, custom_plans FROM pg_prepared_statements WHERE statement LIKE '%FROM found WHERE found.telefone%'");
        Assert.Equal(0, plans.Custom);
        Assert.Equal(8, plans.Generic);
    }

    [Fact]
    public void APlanCacheModeInDatabaseUrlIsKept()
    {
        var csb = new NpgsqlConnectionStringBuilder("Host=h;Options=-c plan_cache_mode=auto");
        DatabaseExtensions.ApplyPoolDefaults(csb);
        Assert.Equal("-c plan_cache_mode=auto -c client_connection_check_interval=2000", csb.Options);

        var plain = new NpgsqlConnectionStringBuilder("Host=h;Options=-c statement_timeout=5s");
        DatabaseExtensions.ApplyPoolDefaults(plain);
        Assert.Equal("-c statement_timeout=5s -c plan_cache_mode=force_generic_plan -c client_connection_check_interval=2000", plain.Options);
    }
}
