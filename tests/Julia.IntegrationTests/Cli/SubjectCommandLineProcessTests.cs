using System.Text.Json.Nodes;
using Dapper;
using Julia.Infrastructure.Database;
using Julia.IntegrationTests.TestHost;
using Microsoft.Extensions.Logging.Abstractions;

namespace Julia.IntegrationTests.Cli;

/// <summary>`julia titular exportar|apagar` as an operator runs them: the doctor found by phone, exit codes 0 / 1 / 2 / 3.</summary>
public sealed class SubjectCommandLineProcessTests
{
    /// <summary>The test database migrated, with <paramref name="sql"/> run on it: the doctors a test starts from.</summary>
    static async Task<Npgsql.NpgsqlDataSource> MigratedWithAsync(TestDatabase db, string sql)
    {
        var source = db.CreateDataSource();
        await new MigrationRunner(source, NullLogger<MigrationRunner>.Instance).RunAsync(default);
        await using var c = await source.OpenConnectionAsync();
        await c.ExecuteAsync(sql);
        return source;
    }

    [Fact]
    public async Task ExportThenEraseByPhoneWithExitCodesForAlreadyErasedUnknownAndBadPhones()
    {
        await using var db = await TestDatabase.CreateAsync();
        using var redis = TestRedis.Lease();
        await using var source = await MigratedWithAsync(db, """
                WITH m AS (INSERT INTO medicos (telefone, whatsapp_jid, primeiro_nome, sobrenome, crm, origem)
                           VALUES ('5511988887001', '5511988887001@s.whatsapp.net', 'Olegário', 'Pindaíba', '445566', 'import') RETURNING id)
                INSERT INTO interacoes (medico_id, direcao, autor_tipo, origem, conteudo) SELECT id, 'entrada', 'medico', 'whatsapp', 'sou o Olegário' FROM m
                """);
        var env = new Dictionary<string, string> { ["DATABASE_URL"] = db.Url, ["REDIS_URL"] = redis.Url, ["LGPD_SEGREDO"] = "segredo-cli" };
        var file = Path.Combine(Path.GetTempPath(), $"titular-{Guid.NewGuid():N}.json");

        var noFolder = await JuliaProcess.RunAsync(env, "titular", "exportar", "--telefone", "5511988887001", "--saida", Path.Combine(file, "medico.json"));
        var aFolder = await JuliaProcess.RunAsync(env, "titular", "exportar", "--telefone", "5511988887001", "--saida", Path.GetTempPath());
        // A file already there, readable by all: the export replaces it with one only its owner reads (an outside pass, 2026-12-02).
        await File.WriteAllTextAsync(file, "exportação antiga");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var toFile = await JuliaProcess.RunAsync(env, "titular", "exportar", "--telefone", "(11) 98888-7001", "--saida", file);
        var toStdout = await JuliaProcess.RunAsync(env, "titular", "exportar", "--telefone", "5511988887001", "--solicitado-por", "dpo");
        var erase = await JuliaProcess.RunAsync(env, "titular", "apagar", "--telefone", "5511988887001", "--motivo", "pedido por e-mail");
        var eraseAgain = await JuliaProcess.RunAsync(env, "titular", "apagar", "--telefone", "5511988887001");
        var exportErased = await JuliaProcess.RunAsync(env, "titular", "exportar", "--telefone", "5511988887001");
        var unknown = await JuliaProcess.RunAsync(env, "titular", "apagar", "--telefone", "5511900000000");
        var badPhone = await JuliaProcess.RunAsync(env, "titular", "apagar", "--telefone", "abc");

        // A place the export cannot be written is refused before anything is read or recorded.
        Assert.Equal((2, true), (noFolder.ExitCode, noFolder.StdErr.Contains("a pasta de --saida não existe")));
        Assert.Equal((2, true), (aFolder.ExitCode, aFolder.StdErr.Contains("--saida é uma pasta")));
        Assert.True(toFile.ExitCode == 0, toFile.StdErr);
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file)); // personal data: its owner only
        var written = JsonNode.Parse(await File.ReadAllTextAsync(file))!;
        File.Delete(file);
        Assert.Equal("5511988887001", written["tabelas"]!["medicos"]![0]!["telefone"]!.GetValue<string>());
        Assert.True(toStdout.ExitCode == 0, toStdout.StdErr);
        Assert.Equal("sou o Olegário", JsonNode.Parse(toStdout.StdOut)!["tabelas"]!["interacoes"]![0]!["conteudo"]!.GetValue<string>());
        Assert.True(erase.ExitCode == 0, erase.StdErr);
        Assert.Contains("apagado: médico", erase.StdOut);
        Assert.Equal(0, eraseAgain.ExitCode);
        Assert.Contains("já apagado", eraseAgain.StdOut);
        Assert.Equal(1, exportErased.ExitCode);
        Assert.Contains("foi apagado", exportErased.StdErr);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Equal(2, badPhone.ExitCode);
        await using var check = await source.OpenConnectionAsync();
        var audit = (await check.QueryAsync<(string Tipo, string Por, string? Motivo)>(
            "SELECT tipo, solicitado_por, motivo FROM solicitacoes_titular ORDER BY solicitado_em")).ToList();
        Assert.Equal(["exportar", "exportar", "apagar"], audit.Select(a => a.Tipo));
        Assert.Equal("dpo", audit[1].Por);
        Assert.StartsWith("cli:", audit[2].Por);
        Assert.Equal("pedido por e-mail", audit[2].Motivo);
        Assert.Equal(0L, await check.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM medicos WHERE telefone IS NOT NULL OR crm IS NOT NULL OR primeiro_nome IS NOT NULL"));
    }

    /// <summary>
    /// Chatwoot unreachable: the database is erased all the same, and the exit code says a person has a part left (an
    /// outside pass, 2026-12-02: it was 0 with only a line on stderr, so a script took the request as done).
    /// </summary>
    [Fact]
    public async Task AnErasureWhoseChatwootPartFailedExitsThree()
    {
        await using var db = await TestDatabase.CreateAsync();
        using var redis = TestRedis.Lease();
        await using var source = await MigratedWithAsync(db, """
                INSERT INTO medicos (telefone, whatsapp_jid, primeiro_nome, origem, chatwoot_contact_id)
                VALUES ('5511988887002', '5511988887002@s.whatsapp.net', 'Genésio', 'import', '4242')
                """);
        var env = new Dictionary<string, string>
        {
            ["DATABASE_URL"] = db.Url, ["REDIS_URL"] = redis.Url, ["LGPD_SEGREDO"] = "segredo-cli",
            // Nobody listens there: every Chatwoot call is refused.
            ["CHATWOOT_URL"] = $"http://127.0.0.1:{LoopbackPorts.Free()}", ["CHATWOOT_API_TOKEN"] = "tok-api", ["CHATWOOT_ACCOUNT_ID"] = "1",
            ["CHATWOOT_WEBHOOK_TOKEN"] = "tok-webhook-chatwoot",
        };

        var erase = await JuliaProcess.RunAsync(env, "titular", "apagar", "--telefone", "5511988887002");

        Assert.True(erase.ExitCode == 3, $"exit {erase.ExitCode}: {erase.StdErr}");
        Assert.Contains("o Chatwoot falhou", erase.StdErr);
        Assert.Contains("apagado: médico", erase.StdOut);
        await using var check = await source.OpenConnectionAsync();
        Assert.Equal(("falhou", "4242"), await check.QuerySingleAsync<(string, string)>(
            "SELECT externos->'chatwoot'->>'status', externos->'chatwoot'->>'contato_id' FROM solicitacoes_titular WHERE tipo = 'apagar'"));
        Assert.Equal(0L, await check.ExecuteScalarAsync<long>("SELECT count(*) FROM medicos WHERE telefone IS NOT NULL OR primeiro_nome IS NOT NULL"));
    }
}
