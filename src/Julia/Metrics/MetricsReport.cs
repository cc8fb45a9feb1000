using Julia.Agent;
using Julia.Infrastructure.Database;
using Julia.Infrastructure.Health;
using Julia.Infrastructure.Logging;
using Julia.Infrastructure.Resilience;
using Julia.Infrastructure.Text;
using Julia.Infrastructure.Time;
using Julia.Queue;
using Julia.WhatsApp;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Julia.Metrics;

/// <summary>Everything /admin/metricas/performance and /admin/metricas/health say, gathered once (docs/decisions.md#metrics).</summary>
internal sealed record MetricsReport(
    MetricsSnapshot Hour, IReadOnlyDictionary<string, OperationStats> Operations, QueueDepth? Queue, RateLimitUsage RateLimit,
    Dictionary<string, object?> Circuits, bool AgentOn, string AgentModel, string WhatsAppState, DateTimeOffset GeneratedAt,
    int? WhatsAppReason = null, (string Reason, DateTimeOffset At)? ModelRefused = null, IReadOnlyList<FailingNotices>? Notices = null)
{
    public static IReadOnlyList<string> CacheFamilies => Infrastructure.Redis.CacheMeter.Families;

    /// <summary>Webhooks refused for a wrong token: every one is a doctor's message lost (Evolution does not resend a 401).</summary>
    static readonly string RefusedWebhooks = CounterNames.Errors(WhatsApp.EvolutionWebhookEndpoints.RefusedOperation);

    /// <summary>Slack notices given up: alerts travel through Slack, so every later one would be lost without a trace.</summary>
    static readonly string SlackGaveUp = CounterNames.Errors(Notifications.NotificationsMeter.GaveUp("slack"));

    /// <summary>
    /// Chatwoot notices given up: a handoff note or a conversation's copy the staff will never see. Most are a refusal that
    /// waiting does not cure (a revoked CHATWOOT_API_TOKEN answers 401 and each notice ends at its first attempt, so it never
    /// reaches <see cref="FailingNotices"/>' three failures; docs/decisions.md#notices-given-up).
    /// </summary>
    static readonly string ChatwootGaveUp = CounterNames.Errors(Notifications.NotificationsMeter.GaveUp("chatwoot"));

    /// <summary>Operations whose time includes a call to the model, judged by the LLM limits (10 s / 5 s).</summary>
    public static bool IncludesModel(string operation) => operation is "llm_chamada" or "processar_mensagem";

    /// <summary>How long an operation's samples are judged after its newest one (docs/decisions.md#metrics).</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromHours(1);

    /// <summary>
    /// The operations measured in the last hour: the alerts and the health problems judge these. One that has not run
    /// since (Slack quiet, the agent switched off) kept its last incident's mean for days — a page every cooldown and a
    /// health `degraded` long after the cause was gone (an audit, 2026-12-03). The performance endpoint shows them all.
    /// </summary>
    public IEnumerable<KeyValuePair<string, OperationStats>> Current => Operations.Where(p => GeneratedAt - p.Value.NewestAt <= StaleAfter);

    /// <summary>
    /// Below this many recent samples an operation's mean says nothing — for the alerts and the health problems alike:
    /// one slow Chatwoot or Slack call paged `performance_warning` (an audit, 2026-12-03), and health said "lento" from 3
    /// samples while the alert waited for 5 (an operator drill, 2026-12-06; docs/decisions.md#metrics).
    /// </summary>
    public const int MinSamples = 5;

    /// <summary>The operations <see cref="Current"/> with at least <see cref="MinSamples"/> samples: what the alerts and health judge.</summary>
    public IEnumerable<KeyValuePair<string, OperationStats>> Measured => Current.Where(p => p.Value.Window >= MinSamples);

    public static (double Critical, double Slow) Limits(string operation) => IncludesModel(operation) ? (10_000, 5_000) : (2_000, 1_000);

    public (long Hits, long Misses, double? HitRate) Cache(string family, bool lastHour)
    {
        long hits = lastHour ? Hour.InWindow(CounterNames.CacheHits(family)) : Hour.Total(CounterNames.CacheHits(family));
        long misses = lastHour ? Hour.InWindow(CounterNames.CacheMisses(family)) : Hour.Total(CounterNames.CacheMisses(family));
        return (hits, misses, hits + misses == 0 ? null : Math.Round((double)hits / (hits + misses), 4));
    }

    /// <summary>
    /// Below the 80 % hit target, on the counts: the rounded `hit_rate` (4 places) read 19 999 of 25 000 (79.996 %) as
    /// 0.8 and the rule said nothing (docs/decisions.md#metrics).
    /// </summary>
    public static bool BelowHitTarget(long hits, long misses) => hits + misses > 0 && hits * 5 < (hits + misses) * 4;

    /// <summary>The hit rate as the operator reads it, cut (not rounded) to a tenth of a percent: "75%", "79,9%", never "80%" below 80 %.</summary>
    public static string HitRateText(long hits, long misses) =>
        (Math.Floor(1000m * hits / Math.Max(1, hits + misses)) / 10).ToString("0.#", PtBr) + "%";

    public Dictionary<string, object?> Performance()
    {
        var errorOps = Hour.Totals.Keys.Where(k => k.StartsWith("erros:", StringComparison.Ordinal)).Select(k => k[6..]).Order(StringComparer.Ordinal);
        return new()
        {
            ["tempos"] = Operations.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(p => p.Key, p => (object?)p.Value.ToJson()),
            ["contadores"] = Hour.Totals.Where(p => !p.Key.StartsWith("erros:", StringComparison.Ordinal) && !p.Key.StartsWith("cache:", StringComparison.Ordinal))
                .OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(p => p.Key, p => (object?)p.Value),
            ["erros"] = errorOps.ToDictionary(op => op, op => (object?)Hour.Total(CounterNames.Errors(op))),
            ["erros_ultima_hora"] = errorOps.ToDictionary(op => op, op => (object?)Hour.InWindow(CounterNames.Errors(op))),
            ["cache"] = CacheJson(lastHour: false),
            ["cache_ultima_hora"] = CacheJson(lastHour: true),
            ["fila"] = Queue?.ToJson(),
            ["rate_limit"] = RateLimit.ToJson(),
            ["circuits"] = Circuits,
            ["agente"] = new Dictionary<string, object?>
            {
                ["ligado"] = AgentOn, ["modelo"] = AgentOn ? AgentModel : null,
                // The provider refusing the key or the account, until an answer shows it works (docs/decisions.md#model-refused).
                ["recusa"] = AgentOn && ModelRefused is { } refused ? new Dictionary<string, object?> { ["motivo"] = refused.Reason, ["em"] = refused.At } : null,
            },
            ["whatsapp"] = new Dictionary<string, object?> { ["canal"] = WhatsAppState.StartsWith("sandbox", StringComparison.Ordinal) ? "sandbox" : "evolution", ["estado"] = WhatsAppState,
                // The outage's reason in words, null when connected or unknown (docs/decisions.md#whatsapp-disconnect-reason).
                ["motivo"] = WhatsAppReason is { } code && WhatsAppState is not ("open" or "sandbox") ? DisconnectReasons.Describe(code) : null },
            ["parcial"] = Hour.Partial,
            ["gerado_em"] = GeneratedAt,
        };
    }

    Dictionary<string, object?> CacheJson(bool lastHour) => CacheFamilies.ToDictionary(f => f, f =>
    {
        var (hits, misses, rate) = Cache(f, lastHour);
        return (object?)new Dictionary<string, object?> { ["hits"] = hits, ["misses"] = misses, ["hit_rate"] = rate };
    });

    static readonly System.Globalization.CultureInfo PtBr = System.Globalization.CultureInfo.GetCultureInfo("pt-BR");

    /// <summary>"2.345 ms": whole milliseconds, pt-BR digits whatever the process culture.</summary>
    static string Ms(double ms) => $"{ms.ToString("#,0", PtBr)} ms";

    /// <summary>"na última amostra", "nas últimas 100 amostras": a window of one sample is no plural.</summary>
    internal static string Samples(int window) => window == 1 ? "na última amostra" : $"nas últimas {PtBrCount.Of(window, "amostra", "amostras")}";

    /// <summary>The problem rules of docs/decisions.md#metrics, in pt-BR for the operator.</summary>
    public List<string> Problems()
    {
        var problems = new List<string>();
        foreach (var (op, s) in Measured.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var (critical, slow) = Limits(op);
            if (s.MeanMs > critical) problems.Add($"{op} crítico: média de {Ms(s.MeanMs)} {Samples(s.Window)} (limite {Ms(critical)})");
            else if (s.MeanMs > slow) problems.Add($"{op} lento: média de {Ms(s.MeanMs)} {Samples(s.Window)} (limite {Ms(slow)})");
        }
        foreach (var (counter, n) in Hour.Window.Where(p => p.Key.StartsWith("erros:", StringComparison.Ordinal)).OrderBy(p => p.Key, StringComparer.Ordinal))
            if (n > 10 && counter != RefusedWebhooks && counter != SlackGaveUp && counter != ChatwootGaveUp) problems.Add($"{counter[6..]}: {PtBrCount.Of(n, "erro", "erros")} na última hora (mais de 10)");
        foreach (var n in Notices ?? [])
            problems.Add($"avisos do {(n.Canal == "slack" ? "Slack" : n.Canal == "chatwoot" ? "Chatwoot" : n.Canal)} sem entrega: " +
                         $"{PtBrCount.Of(n.Avisos, "aviso falhou", "avisos falharam")} {FailingNotices.MinFailedAttempts} vezes ou mais, o mais antigo criado há {n.IdadeS / 60} min" +
                         (n.UltimoErro is { Length: > 0 } e ? $" (último erro: {LogText.Untrusted(e, 120)})" : "") +
                         $" — o circuito {n.Canal} pode seguir fechado (as falhas se dividem entre api e worker e as esperas entre tentativas); veja notificacoes (runbook: 4. Handoff não notificado)");
        if (Hour.InWindow(SlackGaveUp) is var slack and > 0)
            problems.Add($"{PtBrCount.Of(slack, "aviso do Slack abandonado", "avisos do Slack abandonados")} na última hora (status falhou em notificacoes): alertas e handoffs não estão " +
                         "chegando ao Slack — confira SLACK_WEBHOOK_URL e reenfileire os avisos (runbook)");
        if (Hour.InWindow(ChatwootGaveUp) is var chatwoot and > 0)
            problems.Add($"{PtBrCount.Of(chatwoot, "aviso do Chatwoot abandonado", "avisos do Chatwoot abandonados")} na última hora (status falhou em notificacoes): " +
                         "notas de handoff e cópias de conversa não estão chegando à equipe no Chatwoot — o motivo está em notificacoes.erro " +
                         "(HTTP 401: CHATWOOT_API_TOKEN recusado; HTTP 404: CHATWOOT_ACCOUNT_ID errado); corrija e reenfileire os avisos (runbook)");
        if (Hour.InWindow(RefusedWebhooks) is var refused and > 0)
            problems.Add($"webhook da Evolution recusado {PtBrCount.Of(refused, "vez", "vezes")} na última hora com um token que não é o EVOLUTION_WEBHOOK_TOKEN: " +
                         "a Evolution não reenvia, essas mensagens se perderam — confira o token dos dois lados");
        foreach (var family in CacheFamilies)
        {
            var (hits, misses, rate) = Cache(family, lastHour: true);
            if (hits + misses >= 100 && BelowHitTarget(hits, misses)) problems.Add($"cache {family}: taxa de acerto {HitRateText(hits, misses)} em {PtBrCount.Of(hits + misses, "consulta", "consultas")} na última hora (mínimo 80%)");
        }
        foreach (var (name, state) in Hour.SharedCircuits.OrderBy(p => p.Key, StringComparer.Ordinal))
            if (state == "open") problems.Add($"circuito {name} aberto");
        if (Queue is null) problems.Add("banco de dados indisponível: a fila não pôde ser lida");
        else if (Queue.IdadeMaisAntigaS > 600) problems.Add($"fila: a mensagem pendente mais antiga espera há {Queue.IdadeMaisAntigaS / 60} min (limite 10 min)");
        if (WhatsAppState is not ("open" or "sandbox")) problems.Add($"WhatsApp não conectado (estado {DisconnectReasons.Shown(WhatsAppState, WhatsAppReason)})");
        if (Hour.Partial) problems.Add("Redis indisponível: métricas parciais, só deste processo; cache desligado (tudo vem do Postgres) e envios proativos (campanhas, follow-ups, lembretes) parados até ele voltar — as respostas seguem");
        if (AgentOn && ModelRefused is { } refusal)
            problems.Add($"modelo recusando as chamadas: {refusal.Reason} (a última às {SaoPaulo.ToLocal(refusal.At):HH':'mm}): toda mensagem recebe a resposta " +
                         "de espera e vai para a equipe; esperar não resolve — corrija a chave (ou a conta no provedor) e reinicie a Júlia");
        if (!AgentOn) problems.Add("agente desligado (sem chave do modelo: ANTHROPIC_API_KEY ou, com LLM_PROVIDER=openai, OPENAI_API_KEY/OPENAI_BASE_URL): toda mensagem recebe a resposta de espera e vai para a equipe");
        return problems;
    }
}

/// <summary>Gathers a <see cref="MetricsReport"/>: samples of the last hour, the queue, limits, breakers, agent and WhatsApp.</summary>
internal sealed class MetricsReporter(
    SharedMetrics metrics, NpgsqlDataSource db, SendLimiter limiter, BusinessHours hours, CircuitBreakers breakers,
    WhatsAppStatus whatsApp, IOptions<AgentOptions> agent, ModelRefusal modelRefusal, TimeProvider time)
{
    public async Task<MetricsReport> BuildAsync(CancellationToken ct)
    {
        var hour = await metrics.ReadAsync(TimeSpan.FromHours(1));
        var operations = hour.Samples.Select(p => (p.Key, Stats: OperationStats.From(p.Value)))
            .Where(p => p.Stats is not null).ToDictionary(p => p.Key, p => p.Stats!, StringComparer.Ordinal);
        QueueDepth? queue = null;
        List<FailingNotices>? notices = null;
        try
        {
            queue = await QueueDepth.ReadAsync(db, ct);
            notices = await FailingNotices.ReadAsync(db, ct);
        }
        catch (Exception ex) when (DatabaseErrors.IsUnavailable(ex)) { }
        var circuits = HealthEndpoints.CircuitStates(breakers);
        foreach (var (name, state) in hour.SharedCircuits)
            if (circuits.TryGetValue(name, out var c) && c is Dictionary<string, object?> local) local["estado_compartilhado"] = state;
        var (whatsAppState, whatsAppReason) = await whatsApp.CurrentWithReasonAsync(ct);
        return new MetricsReport(hour, operations, queue, await limiter.UsageAsync(hours), circuits, agent.Value.Enabled, agent.Value.Model,
            whatsAppState, time.GetUtcNow(), whatsAppReason, await modelRefusal.CurrentAsync(), notices);
    }
}
