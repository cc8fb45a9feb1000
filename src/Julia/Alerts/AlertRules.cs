using System.Globalization;
using Julia.Conversations;
using Julia.Infrastructure.Logging;
using Julia.Infrastructure.Text;
using Julia.Infrastructure.Time;
using Julia.Metrics;
using Julia.WhatsApp;
using Microsoft.Extensions.Options;
using Npgsql;
using static Julia.Alerts.AlertTypes;

namespace Julia.Alerts;

/// <summary>
/// The alert table of docs/decisions.md#alerts: which conditions hold now, from the shared metric samples
/// (<see cref="MetricsReport"/>) and the database (<see cref="AlertFacts"/>). <see cref="Evaluate"/> is pure.
/// </summary>
internal sealed class AlertRules(MetricsReporter reporter, NpgsqlDataSource db, BusinessHours hours, IOptions<ConversationsOptions> conversations,
    TimeProvider time)
{
    /// <summary>Below this many doctors' messages in the hour an error rate says nothing.</summary>
    public const int MinMessagesForErrorRate = 10;
    public const int MinConversationsForHandoffRate = 5;
    public const int MinCacheLookups = 100;

    /// <summary>Below this many recent samples an operation's mean says nothing (<see cref="MetricsReport.MinSamples"/>).</summary>
    public const int MinSamplesForPerformance = MetricsReport.MinSamples;

    static readonly CultureInfo PtBr = CultureInfo.GetCultureInfo("pt-BR");

    public async Task<List<AlertCandidate>> EvaluateAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        return Evaluate(await reporter.BuildAsync(ct),
            await AlertFacts.ReadAsync(db, ct, DeferredBefore(now, hours, conversations.Value.AnswerOutsideBusinessHours)), now);
    }

    /// <summary>
    /// With RESPONDER_FORA_HORARIO=false the messages written before the opening are answered over its first 15 min: until
    /// then (and the reply's grace) they are not awaiting a reply, and `sem_respostas` does not page every morning for
    /// them (an audit, 2026-12-03). Null when nothing waits on purpose.
    /// </summary>
    internal static DateTimeOffset? DeferredBefore(DateTimeOffset now, BusinessHours hours, bool answerOutsideBusinessHours)
    {
        if (answerOutsideBusinessHours) return null;
        var opened = hours.OpeningOf(now);
        return now >= opened && now < opened + TurnProcessor.OpeningSpread + AlertFacts.ReplyGrace ? opened : null;
    }

    public static List<AlertCandidate> Evaluate(MetricsReport report, AlertFacts facts, DateTimeOffset now)
    {
        var alerts = new List<AlertCandidate>();

        var measured = report.Measured.ToList();
        var critical = measured.Where(p => p.Value.MeanMs > MetricsReport.Limits(p.Key).Critical).OrderBy(p => p.Key, StringComparer.Ordinal).ToList();
        var slow = measured.Where(p => p.Value.MeanMs > MetricsReport.Limits(p.Key).Slow && !critical.Any(c => c.Key == p.Key))
            .OrderBy(p => p.Key, StringComparer.Ordinal).ToList();
        if (critical.Count > 0)
            alerts.Add(new(PerformanceCritica, Critical, "Tempo médio acima do limite crítico: " + string.Join("; ", critical.Select(p =>
                $"{p.Key} {Ms(p.Value.MeanMs)} (limite {Ms(MetricsReport.Limits(p.Key).Critical)})")), Round(critical.Max(p => p.Value.MeanMs))));
        if (slow.Count > 0)
            alerts.Add(new(PerformanceWarning, Warning, "Tempo médio acima do limite: " + string.Join("; ", slow.Select(p =>
                $"{p.Key} {Ms(p.Value.MeanMs)} (limite {Ms(MetricsReport.Limits(p.Key).Slow)})")), Round(slow.Max(p => p.Value.MeanMs))));

        if (facts.ConversasUltimaHora >= MinConversationsForHandoffRate
            && (decimal)facts.HandoffsUltimaHora / facts.ConversasUltimaHora is var handoffRate && handoffRate > 0.20m)
            alerts.Add(new(TaxaHandoffAlta, Warning,
                $"Taxa de handoff de {AboveShown(handoffRate)} na última hora ({facts.HandoffsUltimaHora} handoffs em {facts.ConversasUltimaHora} conversas novas; limite 20%)",
                Math.Round(handoffRate, 4)));

        // The mean is compared unrounded and shown cut (not rounded) to two decimals: 4.995 is below 5 and reads "4,99",
        // never "5,0/10 … mínimo 5" (docs/decisions.md#alerts).
        if (facts.ScoreMedioUltimas24h is { } score && score < 5 && Math.Floor(score * 100) / 100 is var shown)
            alerts.Add(new(ScoreQualidadeBaixo, Error,
                $"Score médio de qualidade {shown.ToString("0.0#", PtBr)}/10 nas últimas 24 h ({PtBrCount.Of(facts.AvaliacoesUltimas24h, "avaliação", "avaliações")}; mínimo 5)", shown));

        if (facts.RespostasJuliaUltimos30m == 0 && facts.MensagensAguardandoResposta > 0)
            alerts.Add(new(SemRespostas, Critical,
                $"Nenhuma mensagem da Júlia nos últimos 30 min, com {PtBrCount.Of(facts.MensagensAguardandoResposta, "mensagem", "mensagens")} de médicos aguardando resposta",
                facts.MensagensAguardandoResposta));

        var since = now.AddMinutes(-30).ToUnixTimeMilliseconds();
        if (report.Hour.Samples.TryGetValue("processar_mensagem", out var turns) && turns.Where(s => s.AtMs >= since).ToList() is { Count: > 0 } recent
            && recent.Average(s => s.Ms) is var meanTurn && meanTurn > 120_000)
            alerts.Add(new(TempoRespostaAlto, Warning,
                $"Tempo médio de processamento de mensagem de {Ms(meanTurn)} nos últimos 30 min ({PtBrCount.Of(recent.Count, "turno", "turnos")}; limite 120 s)", Round(meanTurn)));

        var received = report.Hour.InWindow(CounterNames.Received);
        var errors = report.Hour.ErrorsInWindow;
        if (received >= MinMessagesForErrorRate && (decimal)errors / received is var errorRate && errorRate > 0.05m)
            alerts.Add(new(TaxaErroAlta, Error,
                $"Taxa de erro de {errorRate.ToString("P1", PtBr)} na última hora ({PtBrCount.Of(errors, "erro", "erros")} para {received} mensagens recebidas; limite 5%). " +
                // Every operation counts its own errors, so one failed turn may count twice (the model call and the turn).
                "Por operação: " + string.Join(", ", report.Hour.Window.Where(p => p.Key.StartsWith("erros:", StringComparison.Ordinal) && p.Value > 0)
                    .OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Take(5).Select(p => $"{p.Key[6..]} {p.Value}")),
                Math.Round(errorRate, 4)));

        var open = report.Hour.SharedCircuits.Where(p => p.Value == "open").Select(p => p.Key).Order(StringComparer.Ordinal).ToList();
        if (open.Count > 0) alerts.Add(CircuitOpen(open, report.AgentOn && report.ModelRefused is { } refused ? refused.Reason : null));

        if (report.WhatsAppState is not ("open" or "sandbox")) alerts.Add(WhatsAppDisconnected(report.WhatsAppState, report.WhatsAppReason));

        if (report.Queue is { } queue && (queue.IdadeMaisAntigaS > 15 * 60 || queue.PendentesVencidas > 200))
            alerts.Add(new(FilaCongestionada, Warning,
                $"Fila congestionada: {PtBrCount.Of(queue.PendentesVencidas, "mensagem pendente vencida", "mensagens pendentes vencidas")}, a mais antiga há {(queue.IdadeMaisAntigaS ?? 0) / 60} min (limites 200 e 15 min)",
                queue.PendentesVencidas));

        var lowCache = MetricsReport.CacheFamilies.Select(f => (Family: f, Stats: report.Cache(f, lastHour: true)))
            .Where(c => c.Stats.Hits + c.Stats.Misses >= MinCacheLookups && MetricsReport.BelowHitTarget(c.Stats.Hits, c.Stats.Misses)).ToList();
        if (lowCache.Count > 0)
            alerts.Add(new(CacheHitBaixo, Warning, "Taxa de acerto do cache abaixo de 80% na última hora: " + string.Join("; ", lowCache.Select(c =>
                $"{c.Family} {MetricsReport.HitRateText(c.Stats.Hits, c.Stats.Misses)} em {c.Stats.Hits + c.Stats.Misses} consultas")),
                lowCache.Min(c => Math.Floor(10_000m * c.Stats.Hits / (c.Stats.Hits + c.Stats.Misses)) / 10_000)));

        return alerts;
    }

    /// <summary>`circuito_aberto`, from the job's samples or the moment a breaker opens (<see cref="ImmediateAlerts"/>).</summary>
    /// <remarks>
    /// <paramref name="modelRefusal"/>: the model provider refused the key or the account (401, 402, 403, the spend limit;
    /// docs/decisions.md#model-refused) — with `claude` open the text says so and that waiting will not help, instead of
    /// "until the next try", which told the operator at 3 a.m. to go back to sleep. The refusal is one more subject, so a
    /// refusal inside the cooldown of a `claude` opening by ordinary failures (a 529 night) still pages.
    /// </remarks>
    public static AlertCandidate CircuitOpen(IReadOnlyCollection<string> circuits, string? modelRefusal = null)
    {
        // "Circuito aberto: claude", "Circuitos abertos: chatwoot e claude": the noun agrees with the list.
        var head = $"{(circuits.Count == 1 ? "Circuito aberto" : "Circuitos abertos")}: {PtBrList.Join([.. circuits])}";
        if (modelRefusal is null || !circuits.Contains("claude"))
            return new(CircuitoAberto, Critical, head + " (chamadas recusadas até a próxima tentativa)", circuits.Count, AnyTime: true,
                Subjects: circuits);
        return new(CircuitoAberto, Critical,
            $"{head} — {(circuits.Count > 1 ? "claude: " : "")}{ModelRefusedWords} ({modelRefusal}); esperar não resolve: corrija a chave (ou a conta no provedor) e " +
            "reinicie a Júlia — até lá toda mensagem recebe a resposta de espera e vai para a equipe" +
            (circuits.Count > 1 ? "; os outros recusam chamadas até a próxima tentativa" : ""),
            circuits.Count, AnyTime: true, Subjects: [.. circuits, ModelRefusedWords]);
    }

    /// <summary>The words of a `circuito_aberto` opened by the model provider refusing the key or the account.</summary>
    public const string ModelRefusedWords = "o provedor do modelo recusou a chave ou a conta";

    /// <summary>`whatsapp_desconectado`, from the job or the moment the state changes (<see cref="ImmediateAlerts"/>).</summary>
    /// <remarks>
    /// With the reason when Evolution gave one, and what it asks of the operator (docs/decisions.md#whatsapp-disconnect-reason):
    /// a logout, a forbidden or a replaced session waits for someone to scan the QR code — at 3 a.m. that is the difference
    /// between going back to sleep and getting up. `valor` is the code.
    /// </remarks>
    public static AlertCandidate WhatsAppDisconnected(string state, int? reason = null) =>
        new(WhatsAppDesconectado, Critical,
            // The state is the webhook's word: logged (WARNING `alerta …`) and posted to Slack, so never raw.
            $"WhatsApp não conectado (estado {LogText.Untrusted(state, 32)}{(reason is { } r ? $", motivo {DisconnectReasons.Describe(r)}" : "")}): " +
            "respostas esperam na fila; " + reason switch
            {
                { } code when DisconnectReasons.NeedsNewQrCode(code) =>
                    "esperar não resolve: escanear o QR code no Evolution Manager com o celular do número",
                not null => "a Evolution costuma reconectar sozinha em alguns minutos; se não voltar, verifique a instância no Evolution Manager",
                null => "verifique a instância na Evolution API",
            }, reason, AnyTime: true);

    /// <summary>`whatsapp_reconectado` (info): the end of an outage `whatsapp_desconectado` paged someone about.</summary>
    public static AlertCandidate WhatsAppReconnected(DateTimeOffset pagedAt, DateTimeOffset now) =>
        new(WhatsAppReconectado, Info,
            $"WhatsApp conectado de novo (estado open); o alerta whatsapp_desconectado foi às {SaoPaulo.ToLocal(pagedAt):HH':'mm}, há {Math.Max(0, (int)(now - pagedAt).TotalMinutes)} min. As respostas na fila saem agora.",
            null, AnyTime: true);

    /// <summary>
    /// A rate over its limit, in percent to one decimal rounded UP: 20,04 % reads "20,1%", never "20% … limite 20%" (it read
    /// so with whole percents, rounded; docs/decisions.md#alerts). Below-limit rates are cut down for the same reason.
    /// </summary>
    static string AboveShown(decimal rate) => $"{(Math.Ceiling(rate * 1000) / 10).ToString("0.#", PtBr)}%";

    static string Ms(double ms) => ms >= 10_000 ? $"{(ms / 1000).ToString("0.#", PtBr)} s" : $"{ms.ToString("0", PtBr)} ms";

    static decimal Round(double ms) => Math.Round((decimal)ms, 2);
}
