using System.Text.RegularExpressions;
using Dapper;
using Julia.DemoData;
using Julia.Infrastructure.Database;
using Julia.IntegrationTests.TestHost;
using Microsoft.Extensions.Logging.Abstractions;

namespace Julia.IntegrationTests;

/// <summary>
/// Every SQL statement of the customer's runbook, read from its verbatim copy tests/fixtures/customer-runbook.md (the
/// ```sql blocks of "Banco de Dados" and "Limpeza", and the inline query of "3. Fila congestionada"), runs in the
/// order written against a migrated database holding demo data; each status value it filters on finds rows there;
/// each column its prose names (`controlled_by`) is a column of the schema; and docs/runbook.md keeps every statement
/// verbatim.
/// </summary>
public sealed partial class RunbookSqlTests
{
    static readonly string[] CustomerRunbook = File.ReadAllLines(Path.Combine(Repository.Root, "tests", "fixtures", "customer-runbook.md"));
    static readonly List<string> Statements = CustomerStatements();

    [Fact]
    public async Task EveryRunbookStatementRunsInOrderOnDemoData()
    {
        Assert.Contains(Statements, s => s.StartsWith("SELECT", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(Statements, s => s.StartsWith("DELETE", StringComparison.OrdinalIgnoreCase));
        await using var db = await TestDatabase.CreateAsync();
        await using var source = db.CreateDataSource();
        await new MigrationRunner(source, NullLogger<MigrationRunner>.Instance).RunAsync(default);
        await new DemoDataSeeder(source, NullLogger<DemoDataSeeder>.Instance).SeedAsync(default);
        await using var c = await source.OpenConnectionAsync();
        await AgeSomeRowsSoTheCleanupDeletesThemAsync(c);

        var problems = new List<string>();
        foreach (var sql in Statements)
        {
            if (sql.StartsWith("DELETE", StringComparison.OrdinalIgnoreCase))
            {
                if (await c.ExecuteAsync(sql) == 0) problems.Add($"{sql} deleted nothing (the demo data has aged rows for it)");
                continue;
            }
            var rows = (await c.QueryAsync(sql)).Select(r => (IDictionary<string, object>)r).ToList();
            // A status the customer filters on is a value the code writes: the demo data has rows with it.
            if (StatusFilter().IsMatch(sql) && (rows.Count == 0 || (rows.Count == 1 && rows[0].Count == 1 && Convert.ToInt64(rows[0].Values.Single()) == 0)))
                problems.Add($"{sql} found nothing in the demo data: is its status value one the code writes?");
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task EveryColumnTheCustomerRunbookNamesIsInTheSchema()
    {
        var named = CustomerRunbook.Where(l => !l.TrimStart().StartsWith("```", StringComparison.Ordinal))
            .SelectMany(l => InlineCode().Matches(l)).Select(m => m.Groups[1].Value).Where(v => ColumnName().IsMatch(v)).Distinct().ToList();
        Assert.Contains("controlled_by", named);
        await using var db = await TestDatabase.CreateAsync();
        await using var source = db.CreateDataSource();
        await new MigrationRunner(source, NullLogger<MigrationRunner>.Instance).RunAsync(default);
        await using var c = await source.OpenConnectionAsync();
        var columns = (await c.QueryAsync<string>("SELECT DISTINCT column_name FROM information_schema.columns WHERE table_schema = 'public'")).ToHashSet();

        Assert.True(named.All(columns.Contains), "not a column of Júlia's schema: " + string.Join(", ", named.Where(n => !columns.Contains(n))));
    }

    [Fact]
    public void TheAdaptedRunbookKeepsEveryStatementVerbatim()
    {
        Assert.True(Statements.Count >= 8, $"only {Statements.Count} statements read from the customer's runbook");
        var runbook = File.ReadAllText(Path.Combine(Repository.Root, "docs", "runbook.md"));

        Assert.All(Statements, sql => Assert.Contains(sql.TrimEnd(';'), runbook));
    }

    /// <summary>The statements of the ```sql blocks (comment lines dropped, one statement per `;`), then inline ones.</summary>
    static List<string> CustomerStatements()
    {
        var statements = new List<string>();
        var inSql = false;
        var current = "";
        foreach (var line in CustomerRunbook)
        {
            var trimmed = line.Trim();
            if (trimmed.StartsWith("```", StringComparison.Ordinal))
            {
                inSql = !inSql && trimmed == "```sql";
                continue;
            }
            if (inSql)
            {
                if (trimmed.Length == 0 || trimmed.StartsWith("--", StringComparison.Ordinal)) continue;
                current = (current + " " + trimmed).Trim();
                if (!current.EndsWith(';')) continue;
                statements.Add(current);
                current = "";
            }
            else
                statements.AddRange(InlineCode().Matches(line).Select(m => m.Groups[1].Value.Trim())
                    .Where(v => InlineStatement().IsMatch(v)).Select(v => v.EndsWith(';') ? v : v + ";"));
        }
        return statements;
    }

    [GeneratedRegex("`([^`]+)`")] private static partial Regex InlineCode();
    [GeneratedRegex(@"^(SELECT|DELETE|UPDATE|INSERT)\s", RegexOptions.IgnoreCase)] private static partial Regex InlineStatement();
    [GeneratedRegex(@"^[a-z]+(_[a-z]+)+$")] private static partial Regex ColumnName();
    [GeneratedRegex(@"\bstatus\s*=\s*'")] private static partial Regex StatusFilter();

    // An old conversation with an old inbound message and a month-old sent queue row, so each DELETE has work to do.
    static async Task AgeSomeRowsSoTheCleanupDeletesThemAsync(Npgsql.NpgsqlConnection c)
    {
        var medico = await c.ExecuteScalarAsync<Guid>("SELECT id FROM medicos ORDER BY telefone LIMIT 1");
        var conversa = await c.ExecuteScalarAsync<Guid>("""
            INSERT INTO conversations (medico_id, status, created_at) VALUES (@medico, 'completed', now() - interval '120 days') RETURNING id
            """, new { medico });
        await c.ExecuteAsync("""
            INSERT INTO interacoes (medico_id, conversa_id, direcao, tipo, autor_tipo, origem, conteudo, provider_message_id, created_at, processado_em)
            VALUES (@medico, @conversa, 'entrada', 'texto', 'medico', 'whatsapp', 'antiga', 'OLD-1', now() - interval '120 days', now() - interval '120 days')
            """, new { medico, conversa });
        await c.ExecuteAsync("""
            INSERT INTO fila_mensagens (medico_id, conversa_id, tipo, conteudo, status, enviada_em, created_at)
            VALUES (@medico, @conversa, 'resposta', 'antiga', 'enviada', now() - interval '40 days', now() - interval '40 days')
            """, new { medico, conversa });
    }

}
