using System.Text.Json.Nodes;
using Dapper;
using Npgsql;

namespace Julia.Privacy;

/// <summary>Helpers owners use for their part of a request: one section of the export from one query of theirs.</summary>
internal static class PersonalDataSql
{
    /// <summary>
    /// Runs <paramref name="rowsSql"/> (a SELECT of the owner's rows with @medicoId) and adds its rows as a JSON array
    /// under <paramref name="table"/>, every column as Postgres renders it (to_jsonb).
    /// </summary>
    public static async Task AddSectionAsync(NpgsqlConnection c, JsonObject tables, string table, string rowsSql, Guid medicoId, CancellationToken ct)
    {
        var json = await c.ExecuteScalarAsync<string>(new CommandDefinition(
            $"SELECT COALESCE(jsonb_agg(to_jsonb(r)), '[]'::jsonb)::text FROM ({rowsSql}) r", new { medicoId }, cancellationToken: ct));
        tables[table] = JsonNode.Parse(json ?? "[]");
    }

    /// <summary>Runs one erasure statement of the owner (with @medicoId) in the transaction and adds its row count to the table's.</summary>
    public static async Task CountAsync(NpgsqlTransaction tx, IDictionary<string, long> counts, string table, string sql, Guid medicoId, CancellationToken ct)
    {
        var changed = await tx.Connection!.ExecuteAsync(new CommandDefinition(sql, new { medicoId }, tx, cancellationToken: ct));
        counts[table] = counts.TryGetValue(table, out var before) ? before + changed : changed;
    }
}
