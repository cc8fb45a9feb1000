using System.Text.Json;
using Julia.Doctors;
using Julia.Privacy;

namespace Julia.Cli;

/// <summary>
/// `julia titular exportar|apagar --telefone 55…` (docs/runbook.md, "LGPD — pedidos do titular"): the doctor with that
/// phone, then the same export and erasure as the admin endpoints. Exit 0 done (or already erased), 1 no such doctor,
/// 2 bad usage, 3 erased in the database but a system outside it (Chatwoot) failed and needs a hand. `apagar` asks for
/// confirmation only on a terminal (stdin not redirected) and without --sim.
/// </summary>
internal static class SubjectConsole
{
    static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task<int> ExportAsync(IServiceProvider services, CommandLine command)
    {
        var path = command.Options.GetValueOrDefault("--saida");
        if (path is not null && OutputFile.Check(path, "medico.json").Problem is { } why) return await UsageAsync(why);
        var (found, exit) = await FindAsync(services, command);
        if (found is null) return exit;
        var requester = Requester(command);
        if (PrivacyEndpoints.Invalid(null, requester) is not null) return await UsageAsync("--solicitado-por tem mais de 100 caracteres ou caracteres de controle");
        var document = await services.GetRequiredService<SubjectExporter>().ExportAsync(found.Id!.Value, requester, null, CancellationToken.None);
        if (document is null) return await NotFoundAsync(found.Phone);
        var json = document.ToJsonString(Indented);
        if (path is null)
        {
            Console.WriteLine(json);
            return 0;
        }
        try
        {
            // Personal data: a new file readable by its owner only (on Unix), like any file holding a secret. An existing
            // file (or a symlink) is removed first: overwritten in place it would keep its own permissions, or write
            // through the link to wherever it points.
            var existing = new FileInfo(path);
            if (existing.Exists || existing.LinkTarget is not null) existing.Delete();
            var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows()) create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            await using var file = new FileStream(path, create);
            await using var writer = new StreamWriter(file);
            await writer.WriteAsync(json + "\n");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"julia: não consegui gravar {path}: {ex.Message}");
            return 1;
        }
        await Console.Error.WriteLineAsync($"julia: dados do médico {found.Id} gravados em {path}");
        return 0;
    }

    public static async Task<int> EraseAsync(IServiceProvider services, CommandLine command)
    {
        var (found, exit) = await FindAsync(services, command);
        if (found is null) return exit;
        var motivo = command.Options.GetValueOrDefault("--motivo");
        var requester = Requester(command);
        if (PrivacyEndpoints.Invalid(motivo, requester) is not null)
            return await UsageAsync("--motivo (até 500 caracteres) ou --solicitado-por (até 100) inválido");
        if (found.Id is null)
        {
            Console.WriteLine($"já apagado: o telefone {found.Phone} foi apagado antes; nada a fazer");
            return 0;
        }
        if (!Console.IsInputRedirected && !command.Options.ContainsKey("--sim"))
        {
            Console.Write($"Apagar todos os dados do médico {found.Id} ({found.Phone})? Isso não tem volta. Digite APAGAR para confirmar: ");
            if (Console.ReadLine()?.Trim() != "APAGAR")
            {
                Console.WriteLine("cancelado: nada foi apagado");
                return 1;
            }
        }
        var result = await services.GetRequiredService<SubjectEraser>().EraseAsync(found.Id.Value, requester, motivo, CancellationToken.None);
        if (result is null) return await NotFoundAsync(found.Phone);
        Console.WriteLine(PrivacyEndpoints.Dto(result.Request).ToJsonString(Indented));
        Console.WriteLine(result.AlreadyErased ? $"já apagado: médico {found.Id}; nada mudou" : $"apagado: médico {found.Id}");
        if (!result.AlreadyErased) await ErasedCacheWait.RunAsync(services, found.Id.Value);
        var failed = FailedOutside(result.Request.Externos);
        if (failed.Count == 0) return 0;
        // Redis alone is not the operator's to fix: his keys expire by CACHE_TTL.
        await Console.Error.WriteLineAsync($"julia: ATENÇÃO: o banco foi apagado, mas {string.Join(", ", failed)} falhou; apague o contato lá à mão (veja externos acima)");
        return 3;
    }

    /// <summary>The systems outside the database whose part failed and needs a person (`externos.*.status = falhou`, Redis aside).</summary>
    static List<string> FailedOutside(string externos)
    {
        var names = new List<string>();
        if (System.Text.Json.Nodes.JsonNode.Parse(externos) is System.Text.Json.Nodes.JsonObject outside)
            foreach (var (name, value) in outside)
                if (name != "redis" && value?["status"]?.GetValueKind() == JsonValueKind.String && value["status"]!.GetValue<string>() == "falhou")
                    names.Add(name == "chatwoot" ? "o Chatwoot" : name);
        return names;
    }

    /// <summary>Id null: the phone belonged to a doctor erased before (only for `apagar`, which then has nothing to do).</summary>
    sealed record Found(Guid? Id, string Phone);

    /// <summary>The doctor, or null and the exit code to stop with (2 bad phone, 1 nobody).</summary>
    static async Task<(Found? Found, int Exit)> FindAsync(IServiceProvider services, CommandLine command)
    {
        var canonical = PhoneNumbers.Canonical(command.Options["--telefone"]);
        if (canonical is null) return (null, await UsageAsync("--telefone precisa ter DDD e número (ex.: 5511999990001)"));
        var store = services.GetRequiredService<SubjectRequestStore>();
        if (await store.FindByPhoneAsync(canonical, PhoneNumbers.LegacyVariant(canonical), CancellationToken.None) is { } id) return (new Found(id, canonical), 0);
        var erased = await store.WasErasedAsync(services.GetRequiredService<PhoneHasher>().Hash(canonical)!, CancellationToken.None);
        if (erased && command.Verb == "titular apagar") return (new Found(null, canonical), 0);
        await Console.Error.WriteLineAsync(erased
            ? $"julia: o médico com telefone {canonical} foi apagado (LGPD): não há dados para exportar"
            : $"julia: nenhum médico com telefone {canonical}");
        return (null, 1);
    }

    static string Requester(CommandLine command) =>
        command.Options.GetValueOrDefault("--solicitado-por") is { Length: > 0 } given ? given.Trim() : $"cli:{Environment.UserName}";

    static async Task<int> UsageAsync(string message)
    {
        await Console.Error.WriteLineAsync($"julia: {message}");
        return 2;
    }

    static async Task<int> NotFoundAsync(string phone)
    {
        await Console.Error.WriteLineAsync($"julia: nenhum médico com telefone {phone}");
        return 1;
    }
}
