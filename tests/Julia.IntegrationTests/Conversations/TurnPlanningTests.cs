using Dapper;
using Julia.Conversations;
using Julia.Infrastructure.Database;
using Julia.Infrastructure.Hosting;
using Julia.IntegrationTests.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Julia.IntegrationTests.Conversations;

/// <summary>
/// The turn's first batch is planned once per connection, not on every turn (docs/decisions.md#prepared-statements).
/// With `plan_cache_mode = auto` PostgreSQL kept choosing a custom plan for its attach statement — its generic plan
/// looks dearer to the planner — so every turn planned it again (1–1.5 ms of PostgreSQL CPU; `bench/run.sh e2e`
/// found 371 plans in 1 364 calls). Counted in plans (pg_prepared_statements of the one pooled connection), not timed.
/// </summary>
public sealed class TurnPlanningTests
{
    [Fact]
    public async Task TwelveTurnsOnOneConnectionPlanTheAttachStatementWithoutACustomPlan()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using (var source = db.CreateDataSource())
            await new MigrationRunner(source, NullLogger<MigrationRunner>.Instance).RunAsync(default);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Database:Url"] = db.Url }).Build();
        // MAX_WORKERS 0: a pool of one connection, so every turn below runs on the connection inspected at the end.
        await using var turns = new TurnDataSource(configuration, NullLoggerFactory.Instance, Options.Create(new WorkersOptions { MaxWorkers = 0 }));
        await using var main = DatabaseExtensions.CreateDataSource(configuration, NullLoggerFactory.Instance);
        var store = new ConversationStore(main, turns);
        await using var c = await main.OpenConnectionAsync();
        var medico = await c.ExecuteScalarAsync<Guid>(
            "INSERT INTO medicos (telefone, whatsapp_jid, primeiro_nome, origem) VALUES ('5511955550001', '5511955550001@s.whatsapp.net', 'Ana', 'manual') RETURNING id");

        for (var i = 0; i < 12; i++)
        {
            await c.ExecuteAsync("""
                INSERT INTO interacoes (medico_id, direcao, tipo, autor_tipo, origem, conteudo, provider_message_id)
                VALUES (@medico, 'entrada', 'texto', 'medico', 'whatsapp', 'mensagem ' || @i, 'plan-' || @i)
                """, new { medico, i });
            var (input, _) = await store.BeginTurnAsync(medico, 10, default);
            Assert.NotNull(input);
            Assert.Single(input.Pending);
            await c.ExecuteAsync("UPDATE interacoes SET processado_em = now() WHERE medico_id = @medico AND processado_em IS NULL", new { medico });
        }

        await using var same = await turns.Source.OpenConnectionAsync();
        var attach = await same.QuerySingleAsync<(long Generic, long Custom)>(
            "SELECT generic_plans, custom_plans FROM pg_prepared_statements WHERE statement LIKE '%WITH attached AS%'");
        Assert.Equal(0, attach.Custom);
        Assert.True(attach.Generic >= 12, $"{attach.Generic} generic plans");
    }
}
