using Julia.Agent;
using Julia.Infrastructure.Hosting;
using Julia.Infrastructure.Logging;
using Julia.Infrastructure.Redis;
using Julia.Queue;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Julia.Host;

/// <summary>A few start-up lines: where Júlia listens, where Postgres and Redis are, and each integration's state.</summary>
internal sealed partial class StartupBanner(
    IConfiguration configuration, IOptions<AgentOptions> agent, IOptions<QueueOptions> queue, NpgsqlDataSource dataSource, RedisGate redis,
    HostRoleInfo role, ILogger<StartupBanner> logger)
    : IHostedService
{
    public Task StartAsync(CancellationToken ct)
    {
        var csb = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString);
        LogBanner(JuliaVersion.Value, role.Name, (configuration["App:Environment"] ?? "development").ToLowerInvariant(),
            $"http://{configuration["Http:Host"]}:{configuration["Http:Port"]}");
        LogStores($"{csb.Host}:{csb.Port}/{csb.Database}", $"{redis.Endpoint}/{redis.DatabaseNumber}");
        foreach (var (name, state) in Integrations(configuration, agent.Value))
            LogIntegration(name, state);
        if (string.IsNullOrEmpty(configuration["Evolution:WebhookToken"]))
            LogWebhookUnprotected();
        if (string.IsNullOrEmpty(configuration["Admin:ApiToken"]))
            LogAdminUnprotected();
        if (string.IsNullOrEmpty(configuration["Chatwoot:WebhookToken"]))
            LogChatwootWebhookUnprotected();
        // Evolution delivers staff replies when it mirrors: with the sandbox there is no Evolution, and a recruiter's
        // reply would be recorded and reach nobody, silently (an outside walk, 2026-12-03).
        if (!string.IsNullOrWhiteSpace(configuration["Chatwoot:BaseUrl"]) && string.IsNullOrWhiteSpace(configuration["Evolution:BaseUrl"])
            && !string.Equals(configuration["Chatwoot:Mirroring"], "app", StringComparison.OrdinalIgnoreCase))
            LogSandboxMirroring();
        // A limit at 0 is the pause switch of proactive sends (docs/decisions.md#rate-limits, "A limit at 0 pauses"): said
        // where the proactive lane runs, so an operator who set it at 3 a.m. and forgot sees why nothing goes out.
        if (role.RunsWorker && queue.Value.PausedBy() is { } paused)
            LogProactivePaused(paused);
        if (role.RunsWorker && queue.Value.MaxFirstContactsPerDay == 0 && queue.Value.PausedBy() is null)
            LogFirstContactsPaused();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;

    /// <summary>on / sandbox / off per peer (docs/decisions.md#modes).</summary>
    static IEnumerable<(string Name, string State)> Integrations(IConfiguration c, AgentOptions agent)
    {
        bool Has(string key) => !string.IsNullOrWhiteSpace(c[key]);
        // Provider, models and endpoint; never a key (docs/decisions.md#model-provider), nor a password written in a URL.
        yield return (agent.ProviderName, agent.Enabled
            ? $"on (LLM_PROVIDER={agent.Provider.ToLowerInvariant()}, modelo {agent.Model}, complexo {agent.ComplexModel}, {SafeUrl.Of(agent.Endpoint)})"
            : $"off ({agent.OffReason}: fallback + handoff)");
        yield return ("Evolution", Has("Evolution:BaseUrl") ? $"on ({SafeUrl.Of(c["Evolution:BaseUrl"])}, instância {c["Evolution:Instance"]})" : "sandbox (sem EVOLUTION_URL: nada sai para o WhatsApp; as respostas aparecem em /static/simulador.html e ficam em fila_mensagens)");
        yield return ("Chatwoot", Has("Chatwoot:BaseUrl") && Has("Chatwoot:ApiToken") ? $"on ({SafeUrl.Of(c["Chatwoot:BaseUrl"])})" : "off (sem CHATWOOT_URL/CHATWOOT_API_TOKEN)");
        yield return ("Slack", Has("Slack:WebhookUrl") ? "on" : "off (sem SLACK_WEBHOOK_URL: notificações só no log)");
    }

    [LoggerMessage(EventId = 120, Level = LogLevel.Information, Message = "Júlia {Version} role={Role} environment={Environment} listening on {Url}")]
    private partial void LogBanner(string version, string role, string environment, string url);

    [LoggerMessage(EventId = 121, Level = LogLevel.Information, Message = "Postgres {Postgres} | Redis {Redis}")]
    private partial void LogStores(string postgres, string redis);

    [LoggerMessage(EventId = 122, Level = LogLevel.Information, Message = "Integration {Name}: {State}")]
    private partial void LogIntegration(string name, string state);

    [LoggerMessage(EventId = 123, Level = LogLevel.Warning, Message = "EVOLUTION_WEBHOOK_TOKEN not set: /webhook/evolution accepts unauthenticated calls (development only)")]
    private partial void LogWebhookUnprotected();

    [LoggerMessage(EventId = 125, Level = LogLevel.Warning, Message = "CHATWOOT_WEBHOOK_TOKEN not set: /chatwoot/webhook accepts unauthenticated calls (development only)")]
    private partial void LogChatwootWebhookUnprotected();

    [LoggerMessage(EventId = 126, Level = LogLevel.Warning, Message = "Chatwoot with the WhatsApp sandbox and CHATWOOT_ESPELHAMENTO=evolution: staff replies in Chatwoot are recorded but reach nobody (Evolution would deliver them); set CHATWOOT_ESPELHAMENTO=app to try the human loop here")]
    private partial void LogSandboxMirroring();

    [LoggerMessage(EventId = 127, Level = LogLevel.Warning, Message = "envios proativos pausados: {Variaveis} — follow-ups e campanhas esperam na fila (pendente, limite, nenhuma tentativa gasta) até o limite voltar a ser maior que 0; respostas aos médicos e lembretes que eles pediram continuam")]
    private partial void LogProactivePaused(string variaveis);

    [LoggerMessage(EventId = 128, Level = LogLevel.Warning, Message = "primeiros contatos pausados: MAX_PRIMEIROS_CONTATOS_DIA=0 — mensagens de campanha a médicos nunca contatados esperam na fila; os outros envios seguem os limites")]
    private partial void LogFirstContactsPaused();

    [LoggerMessage(EventId = 124, Level = LogLevel.Warning, Message = "ADMIN_API_TOKEN not set: /jobs, /admin, /campanhas and /metricas are open (development only)")]
    private partial void LogAdminUnprotected();
}
