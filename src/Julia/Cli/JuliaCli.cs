using Julia.DemoData;
using Julia.Infrastructure.Configuration;
using Julia.Infrastructure.Database;
using Julia.Host;
using Julia.Infrastructure.Hosting;

namespace Julia.Cli;

/// <summary>
/// Entry point of the `julia` program: one verb per run, exit codes 0 / 1 / 2. Every verb but `serve` keeps stdout for
/// its result (counts, JSON, the conversation, progress lines) and writes its log lines to stderr; `serve`'s log is its
/// output, on stdout. A failure ends in one line on stderr (<see cref="FailureLine"/>), never a stack trace.
/// </summary>
internal static class JuliaCli
{
    const string LogsToStandardError = "--Logging:Console:LogToStandardErrorThreshold=Trace";

    public static async Task<int> RunAsync(string[] args)
    {
        var parsed = CommandLine.Parse(args);
        var command = parsed.Verb is "serve" or "help" || parsed.Error is not null
            ? parsed
            : parsed with { ConfigurationOverrides = [.. parsed.ConfigurationOverrides, LogsToStandardError] };
        if (command.Error is not null)
        {
            // The problem, then how that verb is used — not the whole help, which buried the one line that mattered.
            await Console.Error.WriteLineAsync($"julia: {command.Error}");
            await Console.Error.WriteLineAsync(CommandLine.UsageOf(command.Verb));
            return 2;
        }
        if (command.Verb == "help")
        {
            Console.WriteLine(CommandLine.Usage);
            return 0;
        }

        try
        {
            return command.Verb switch
            {
                "serve" => await ServeAsync(command),
                "chat" => await ChatAsync(command),
                "avaliar-prompt" => await PromptReviewAsync(command),
                "migrate" => await OneShotAsync(command, app => app.Services.GetRequiredService<MigrationRunner>().RunAsync(CancellationToken.None)),
                // On a terminal the progress bars own the screen: log lines (the counts) only when output is not a TTY.
                "limpeza" => await OneShotAsync(RetentionConsole.Interactive ? command with { ConfigurationOverrides = [.. command.ConfigurationOverrides, "--LOG_LEVEL=WARNING"] } : command,
                    async app =>
                    {
                        await app.Services.GetRequiredService<MigrationRunner>().RunAsync(CancellationToken.None);
                        await RetentionConsole.RunAsync(app.Services.GetRequiredService<Julia.Maintenance.RetentionRunner>(),
                            command.Options.ContainsKey("--dry-run"));
                    }),
                "titular exportar" or "titular apagar" => await OneShotWithExitCodeAsync(command, async app =>
                {
                    await app.Services.GetRequiredService<MigrationRunner>().RunAsync(CancellationToken.None);
                    return command.Verb == "titular exportar"
                        ? await SubjectConsole.ExportAsync(app.Services, command)
                        : await SubjectConsole.EraseAsync(app.Services, command);
                }),
                "seed-demo" => await OneShotWithExitCodeAsync(command, async app =>
                {
                    // Demo doctors have realistic phone numbers: never in a production database.
                    if (await RefusedInProductionAsync(app, "seed-demo", "os dados de demonstração são para desenvolvimento")) return 2;
                    await app.Services.GetRequiredService<MigrationRunner>().RunAsync(CancellationToken.None);
                    await app.Services.GetRequiredService<DemoDataSeeder>().SeedAsync(CancellationToken.None);
                    return 0;
                }),
                _ => 2,
            };
        }
        catch (ConfigurationException ex)
        {
            foreach (var problem in ex.Problems)
                await Console.Error.WriteLineAsync($"julia: configuração inválida: {problem}");
            return 1;
        }
        catch (Microsoft.Extensions.Options.OptionsValidationException ex)
        {
            // A setting validated at start (ValidateOnStart, e.g. Circuits:OpenSeconds): its own words, no trace.
            foreach (var failure in ex.Failures)
                await Console.Error.WriteLineAsync($"julia: configuração inválida: {failure}");
            return 1;
        }
        catch (Exception ex)
        {
            await Console.Error.WriteLineAsync(FailureLine.Database(ex, Setting(command, "DATABASE_URL")) ?? FailureLine.Unexpected(command.Verb, ex));
            // The whole trace for a developer only (the log never writes the host's own "Hosting failed to start" line:
            // src/Julia/Infrastructure/Logging/JuliaConsoleFormatter.cs).
            if (ValueValidator.TryBool(Setting(command, "DEBUG") ?? "", out var debug) && debug) await Console.Error.WriteLineAsync(ex.ToString());
            return 1;
        }
    }

    /// <summary>A variable as this run sees it: `--NAME=value` on the command line, else the environment.</summary>
    static string? Setting(CommandLine command, string name) =>
        command.ConfigurationOverrides.LastOrDefault(a => a.StartsWith($"--{name}=", StringComparison.Ordinal))?[(name.Length + 3)..]
        ?? Environment.GetEnvironmentVariable(name);

    static async Task<int> ServeAsync(CommandLine command)
    {
        var role = command.Options.GetValueOrDefault("--role", "all") switch
        {
            "api" => HostRole.Api,
            "worker" => HostRole.Worker,
            _ => HostRole.All,
        };
        var flags = new StartupFlags(SeedDemoWhenEmpty: command.Options.ContainsKey("--seed-demo"));
        await using var app = JuliaHost.Build([.. command.ConfigurationOverrides], new HostRoleInfo(role), flags);
        if (flags.SeedDemoWhenEmpty && await RefusedInProductionAsync(app, "serve --seed-demo", "os dados de demonstração são para desenvolvimento")) return 2;
        // Only for a real listener: under a test host (no Kestrel) nothing binds, and two hosts starting together would
        // see each other's probe.
        var kestrel = app.Services.GetService<Microsoft.AspNetCore.Hosting.Server.IServer>()?.GetType().Name.Contains("Kestrel", StringComparison.Ordinal) == true;
        if (kestrel && CannotListen(app.Configuration["Http:Host"], app.Configuration["Http:Port"]) is { } problem)
        {
            // Before anything starts: otherwise the jobs start, Kestrel fails to bind and the process dies with a stack trace.
            await Console.Error.WriteLineAsync($"julia: ERROR {problem}");
            return 1;
        }
        await app.RunAsync();
        return 0;
    }

    /// <summary>Why Júlia could not listen on HOST:PORT (in use, not this machine's address, a port that needs root); null when she can.</summary>
    static string? CannotListen(string? host, string? port)
    {
        if (!int.TryParse(port, out var number) || number == 0) return null;
        var address = host is null or "" or "0.0.0.0" or "*" or "+" ? System.Net.IPAddress.Any
            : host == "localhost" ? System.Net.IPAddress.Loopback
            : System.Net.IPAddress.TryParse(host.Trim('[', ']'), out var ip) ? ip : null;
        if (address is null) return null;
        try
        {
            var probe = new System.Net.Sockets.TcpListener(address, number);
            probe.Start();
            probe.Stop();
            return null;
        }
        catch (System.Net.Sockets.SocketException ex)
        {
            return ex.SocketErrorCode switch
            {
                System.Net.Sockets.SocketError.AddressAlreadyInUse => $"{host}:{number} já está em uso (outra Júlia rodando? mude PORT ou pare a outra)",
                System.Net.Sockets.SocketError.AddressNotAvailable => $"HOST={host} não é um endereço desta máquina (use 127.0.0.1, 0.0.0.0 num container, ou um IP daqui)",
                System.Net.Sockets.SocketError.AccessDenied => $"sem permissão para escutar na porta {number} (abaixo de 1024 só como root; use PORT=8000)",
                _ => $"não consigo escutar em {host}:{number} ({ex.Message}); confira HOST e PORT",
            };
        }
    }

    static async Task<int> ChatAsync(CommandLine command)
    {
        await using var app = JuliaHost.Build([.. command.ConfigurationOverrides], new HostRoleInfo(HostRole.Api), new StartupFlags(false, ChatConsole: true));
        // The console runs the whole pipeline in this process with the sandbox as its channel: against a live database its
        // dispatcher would "send" other doctors' due replies to the sandbox and its turn runner answer their messages.
        if (await RefusedInProductionAsync(app, "chat", "para testar em produção, escreva de um celular de teste para o número da Júlia")) return 2;
        return await ChatConsole.RunAsync(app, command.Options["--telefone"], command.Options.GetValueOrDefault("--nome", "Dr. Teste"));
    }

    static async Task<bool> RefusedInProductionAsync(WebApplication app, string verb, string instead)
    {
        if (!app.Environment.IsProduction()) return false;
        await Console.Error.WriteLineAsync($"julia: {verb} não roda com ENVIRONMENT=production ({instead})");
        return true;
    }

    static async Task<int> PromptReviewAsync(CommandLine command)
    {
        if (await PromptReviewConsole.PrepareAsync(command.Options, TimeProvider.System) is not { } request) return 2;
        // On a terminal the progress bar owns the screen: warnings only.
        string[] args = RetentionConsole.Interactive ? [.. command.ConfigurationOverrides, "--LOG_LEVEL=WARNING"] : [.. command.ConfigurationOverrides];
        await using var app = JuliaHost.Build(args, new HostRoleInfo(HostRole.All), new StartupFlags(false, ReadOnly: true));
        return await PromptReviewConsole.RunAsync(app.Services.GetRequiredService<Julia.PromptReview.PromptReviewRunner>(), request);
    }

    static Task<int> OneShotAsync(CommandLine command, Func<WebApplication, Task> action) =>
        OneShotWithExitCodeAsync(command, async app => { await action(app); return 0; });

    static async Task<int> OneShotWithExitCodeAsync(CommandLine command, Func<WebApplication, Task<int>> action)
    {
        await using var app = JuliaHost.Build([.. command.ConfigurationOverrides], new HostRoleInfo(HostRole.All), new StartupFlags(false));
        return await action(app);
    }
}
