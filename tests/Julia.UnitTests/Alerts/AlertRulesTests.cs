using Julia.Alerts;
using Julia.Metrics;
using Julia.Queue;
using static Julia.Alerts.AlertTypes;

namespace Julia.UnitTests.Alerts;

/// <summary>Each row of the alert table (docs/decisions.md#alerts) fires above its threshold and not at it.</summary>
public sealed class AlertRulesTests
{
    static readonly DateTimeOffset Now = new(2026, 12, 1, 15, 0, 0, TimeSpan.Zero);
    static readonly AlertFacts Quiet = new(0, 0, 0, null, 0, 0);

    static List<AlertCandidate> Evaluate(
        AlertFacts? facts = null, Dictionary<string, Sample[]>? samples = null, Dictionary<string, long>? window = null,
        QueueDepth? queue = null, string whatsApp = "open", Dictionary<string, string>? circuits = null, int? whatsAppReason = null,
        string? modelRefused = null)
    {
        var s = (samples ?? []).ToDictionary(p => p.Key, p => (IReadOnlyList<Sample>)p.Value);
        var snapshot = new MetricsSnapshot(s, window ?? [], window ?? [], false) { SharedCircuits = circuits ?? [] };
        var report = new MetricsReport(snapshot, s.ToDictionary(p => p.Key, p => OperationStats.From(p.Value)!), queue ?? new QueueDepth(0, 0, 0, null, 0),
            new RateLimitUsage(0, 20, 0, 100, true, "-"), [], true, "m", whatsApp, Now, whatsAppReason,
            modelRefused is null ? null : (modelRefused, Now.AddMinutes(-3)));
        return AlertRules.Evaluate(report, facts ?? Quiet, Now);
    }

    static Sample[] Times(double ms, int n = 10, DateTimeOffset? at = null) =>
        Enumerable.Repeat(new Sample((at ?? Now).ToUnixTimeMilliseconds(), ms), n).ToArray();

    static AlertCandidate? Find(List<AlertCandidate> alerts, string tipo) => alerts.SingleOrDefault(a => a.Tipo == tipo);

    [Fact]
    public void NothingHoldsNothingFires() => Assert.Empty(Evaluate());

    /// <summary>
    /// An operation that has not run for an hour is not judged on its old samples (an audit, 2026-12-03: a Slack outage
    /// the day before paged every cooldown until Slack was next used).
    /// </summary>
    [Fact]
    public void SamplesOlderThanAnHourAreNotJudged()
    {
        Assert.Null(Find(Evaluate(samples: new() { ["slack_enviar"] = Times(3_000, at: Now.AddMinutes(-61)) }), PerformanceCritica));
        Assert.NotNull(Find(Evaluate(samples: new() { ["slack_enviar"] = Times(3_000, at: Now.AddMinutes(-59)) }), PerformanceCritica));
    }

    [Theory]
    [InlineData("webhook_evolution", 1_000, null)]
    [InlineData("webhook_evolution", 1_001, PerformanceWarning)]
    [InlineData("webhook_evolution", 2_000, PerformanceWarning)]
    [InlineData("webhook_evolution", 2_001, PerformanceCritica)]
    [InlineData("llm_chamada", 5_000, null)]
    [InlineData("llm_chamada", 9_000, PerformanceWarning)]
    [InlineData("llm_chamada", 10_001, PerformanceCritica)]
    public void PerformanceByMeanOfTheLast100(string op, double ms, string? tipo)
    {
        var alerts = Evaluate(samples: new() { [op] = Times(ms) });
        if (tipo is null) { Assert.Empty(alerts); return; }
        var alert = Assert.Single(alerts);
        Assert.Equal((tipo, tipo == PerformanceCritica ? Critical : Warning), (alert.Tipo, alert.Severidade));
        Assert.Contains(op, alert.Mensagem);
    }

    /// <summary>One slow call is not a slow operation: a sample minimum (an audit, 2026-12-03: one 1.1 s Chatwoot call paged).</summary>
    [Theory]
    [InlineData(1, false)]
    [InlineData(4, false)]
    [InlineData(5, true)]
    public void PerformanceNeedsFiveSamples(int samples, bool fires) =>
        Assert.Equal(fires, Find(Evaluate(samples: new() { ["chatwoot_api"] = Times(1_100, n: samples) }), PerformanceWarning) is not null);

    [Theory]
    [InlineData(4, 4, false)]   // fewer than 5 conversations: no verdict
    [InlineData(5, 1, false)]   // exactly 20 %
    [InlineData(5, 2, true)]
    [InlineData(10, 3, true)]
    public void HandoffRateAboveTwentyPercentWithFiveConversations(long conversations, long handoffs, bool fires)
    {
        var alert = Find(Evaluate(Quiet with { ConversasUltimaHora = conversations, HandoffsUltimaHora = handoffs }), TaxaHandoffAlta);
        Assert.Equal(fires, alert is not null);
        if (alert is not null) Assert.Equal(Warning, alert.Severidade);
    }

    /// <summary>A rate a hair over the limit never reads as the limit: 201 of 1 000 (20,1 %) said "20% … limite 20%".</summary>
    [Theory]
    [InlineData(1_000, 201, "20,1%")]
    [InlineData(2_495, 500, "20,1%")]   // 20,04 %: rounded up
    [InlineData(5, 2, "40%")]
    public void AHandoffRateOverTheLimitReadsOverIt(long conversations, long handoffs, string shown) =>
        Assert.StartsWith($"Taxa de handoff de {shown} na última hora",
            Find(Evaluate(Quiet with { ConversasUltimaHora = conversations, HandoffsUltimaHora = handoffs }), TaxaHandoffAlta)!.Mensagem);

    [Theory]
    [InlineData(null, false)]
    [InlineData(5.0, false)]
    [InlineData(4.99, true)]
    public void QualityScoreBelowFive(double? score, bool fires)
    {
        var facts = Quiet with { AvaliacoesUltimas24h = score is null ? 0 : 3, ScoreMedioUltimas24h = (decimal?)score };
        Assert.Equal(fires, Find(Evaluate(facts), ScoreQualidadeBaixo) is { Severidade: Error });
    }

    [Theory]
    [InlineData(0, 0, false)]
    [InlineData(1, 3, false)]
    [InlineData(0, 1, true)]
    public void NoRepliesWhileDoctorsWait(long replies, long waiting, bool fires) =>
        Assert.Equal(fires, Find(Evaluate(Quiet with { RespostasJuliaUltimos30m = replies, MensagensAguardandoResposta = waiting }), SemRespostas) is { Severidade: Critical });

    [Fact]
    public void TurnTimeOverTwoMinutesInTheLastHalfHour()
    {
        Assert.Null(Find(Evaluate(samples: new() { ["processar_mensagem"] = Times(120_000) }), TempoRespostaAlto));
        Assert.NotNull(Find(Evaluate(samples: new() { ["processar_mensagem"] = Times(120_001) }), TempoRespostaAlto));
        // Slow turns older than 30 min do not count.
        Assert.Null(Find(Evaluate(samples: new() { ["processar_mensagem"] = Times(500_000, at: Now.AddMinutes(-31)) }), TempoRespostaAlto));
    }

    [Theory]
    [InlineData(9, 9, false)]     // fewer than 10 messages: no verdict
    [InlineData(100, 5, false)]   // exactly 5 %
    [InlineData(100, 6, true)]
    public void ErrorRateAboveFivePercent(long received, long errors, bool fires)
    {
        var window = new Dictionary<string, long> { ["mensagens_recebidas"] = received, ["erros:llm_chamada"] = errors - errors / 2, ["erros:evolution_enviar"] = errors / 2 };
        Assert.Equal(fires, Find(Evaluate(window: window), TaxaErroAlta) is { Severidade: Error });
    }

    /// <summary>
    /// Each operation counts its own errors (a failed turn counts in llm_chamada and processar_mensagem), so the rate may
    /// pass 100 %: the message names the operations behind it (an operator walk, 2026-12-03: "Taxa de erro de 136,4%").
    /// </summary>
    [Fact]
    public void TheErrorRateSaysWhichOperationsItCounts()
    {
        var window = new Dictionary<string, long> { ["mensagens_recebidas"] = 11, ["erros:llm_chamada"] = 8, ["erros:processar_mensagem"] = 7 };
        var alert = Find(Evaluate(window: window), TaxaErroAlta)!;
        Assert.EndsWith("Por operação: llm_chamada 8, processar_mensagem 7", alert.Mensagem);
    }

    [Fact]
    public void OpenCircuitAndDisconnectedWhatsAppFireAtAnyTime()
    {
        var circuit = Find(Evaluate(circuits: new() { ["evolution"] = "open", ["claude"] = "closed" }), CircuitoAberto)!;
        Assert.True(circuit.AnyTime);
        Assert.Contains("evolution", circuit.Mensagem);
        Assert.Null(Find(Evaluate(circuits: new() { ["evolution"] = "halfopen" }), CircuitoAberto));
        Assert.True(Find(Evaluate(whatsApp: "close"), WhatsAppDesconectado) is { AnyTime: true, Severidade: Critical });
        Assert.Null(Find(Evaluate(whatsApp: "sandbox"), WhatsAppDesconectado));
        Assert.Null(Find(Evaluate(whatsApp: "open"), WhatsAppDesconectado));
        Assert.All(Evaluate(Quiet with { ConversasUltimaHora = 5, HandoffsUltimaHora = 5 }), a => Assert.False(a.AnyTime));
    }

    [Theory]
    [InlineData(900L, 200L, false)]
    [InlineData(901L, 1L, true)]
    [InlineData(10L, 201L, true)]
    public void CongestedQueueByAgeOrSize(long oldest, long due, bool fires) =>
        Assert.Equal(fires, Find(Evaluate(queue: new QueueDepth(due, 0, 0, oldest, due)), FilaCongestionada) is { Severidade: Warning });

    [Theory]
    [InlineData(80, 20, false)]
    [InlineData(79, 21, true)]
    [InlineData(0, 99, false)]
    [InlineData(19_999, 5_001, true)]   // 79.996 %: below 80 %, though it rounds to 80.00 %
    [InlineData(20_000, 5_000, false)]  // exactly 80 %
    public void CacheHitRateBelowEightyPercent(long hits, long misses, bool fires) =>
        Assert.Equal(fires, Find(Evaluate(window: new() { ["cache:medico:hits"] = hits, ["cache:medico:misses"] = misses }), CacheHitBaixo) is not null);

    /// <summary>A rate a hair below 80 % is shown cut, not rounded: never "80% … abaixo de 80%".</summary>
    [Fact]
    public void ACacheRateJustBelowEightyPercentReadsBelowIt() =>
        Assert.Contains("medico 79,9% em 25",
            Find(Evaluate(window: new() { ["cache:medico:hits"] = 19_999, ["cache:medico:misses"] = 5_001 }), CacheHitBaixo)!.Mensagem);

    /// <summary>
    /// One of something is singular in the text staff read on Slack (an audit of what people read, 2026-12-04): it said
    /// "com 1 mensagem(ns) de médicos", "(1 avaliações; mínimo 5)", "Fila congestionada: 1 mensagens pendentes vencidas".
    /// </summary>
    [Fact]
    public void OneOfSomethingIsSingular()
    {
        Assert.Contains("com 1 mensagem de médicos aguardando resposta",
            Find(Evaluate(Quiet with { MensagensAguardandoResposta = 1 }), SemRespostas)!.Mensagem);
        Assert.Contains("(1 avaliação; mínimo 5)",
            Find(Evaluate(Quiet with { AvaliacoesUltimas24h = 1, ScoreMedioUltimas24h = 2m }), ScoreQualidadeBaixo)!.Mensagem);
        Assert.Contains("Fila congestionada: 1 mensagem pendente vencida, a mais antiga há 20 min",
            Find(Evaluate(queue: new QueueDepth(1, 0, 0, 20 * 60, 1)), FilaCongestionada)!.Mensagem);
        Assert.Contains("com 3 mensagens de médicos aguardando resposta",
            Find(Evaluate(Quiet with { MensagensAguardandoResposta = 3 }), SemRespostas)!.Mensagem);
    }

    /// <summary>"Circuito aberto: a, b" had a singular noun before a list; the list now ends in "e".</summary>
    [Fact]
    public void AnOpenCircuitAgreesWithHowManyThereAre()
    {
        Assert.Equal("Circuito aberto: claude (chamadas recusadas até a próxima tentativa)", AlertRules.CircuitOpen(["claude"]).Mensagem);
        Assert.Equal("Circuitos abertos: chatwoot e claude (chamadas recusadas até a próxima tentativa)",
            AlertRules.CircuitOpen(["chatwoot", "claude"]).Mensagem);
    }

    /// <summary>
    /// The `claude` breaker opened by the provider refusing the key or the account (docs/decisions.md#model-refused): the page
    /// said "chamadas recusadas até a próxima tentativa", which reads as "it will pass" — a refused key never does. Now it
    /// names the refusal, says waiting will not help and what to fix; the refusal is a subject of its own, so it pages even
    /// inside the cooldown of an ordinary `claude` opening. Other circuits keep their words.
    /// </summary>
    [Fact]
    public void ACircuitOpenedByARefusedKeySaysWaitingWillNotHelp()
    {
        const string reason = "chave da API recusada (401): confira a variável da chave";
        var alone = AlertRules.CircuitOpen(["claude"], reason);
        Assert.Equal("Circuito aberto: claude — o provedor do modelo recusou a chave ou a conta (chave da API recusada (401): confira a " +
            "variável da chave); esperar não resolve: corrija a chave (ou a conta no provedor) e reinicie a Júlia — até lá toda " +
            "mensagem recebe a resposta de espera e vai para a equipe", alone.Mensagem);
        Assert.Equal(["claude", AlertRules.ModelRefusedWords], alone.Subjects);
        Assert.True(alone.AnyTime);
        Assert.Equal(AlertTypes.Critical, alone.Severidade);

        var two = AlertRules.CircuitOpen(["chatwoot", "claude"], reason);
        Assert.StartsWith("Circuitos abertos: chatwoot e claude — claude: o provedor do modelo recusou a chave ou a conta (", two.Mensagem);
        Assert.EndsWith("; os outros recusam chamadas até a próxima tentativa", two.Mensagem);

        // A refusal says nothing about another circuit: its words stay.
        Assert.Equal("Circuito aberto: evolution (chamadas recusadas até a próxima tentativa)", AlertRules.CircuitOpen(["evolution"], reason).Mensagem);

        // The job reads the refusal health reads (Redis `agente:recusa`) for a `claude` still open.
        var fromJob = Find(Evaluate(circuits: new() { ["claude"] = "open" }, modelRefused: reason), CircuitoAberto)!;
        Assert.Equal(alone.Mensagem, fromJob.Mensagem);
        Assert.Equal("Circuito aberto: claude (chamadas recusadas até a próxima tentativa)",
            Find(Evaluate(circuits: new() { ["claude"] = "open" }), CircuitoAberto)!.Mensagem);
    }

    /// <summary>
    /// `whatsapp_desconectado` says why and what it asks (an operator drill, 2026-12-06): a logout, a forbidden or a
    /// replaced session waits for the QR code; a drop Evolution retries usually comes back; no reason, the old words.
    /// Type, severity and "any time" do not change with the reason.
    /// </summary>
    [Theory]
    [InlineData(401, "motivo 401: sessão encerrada — escanear o QR code de novo", "esperar não resolve: escanear o QR code no Evolution Manager")]
    [InlineData(403, "motivo 403: acesso recusado pelo WhatsApp", "esperar não resolve: escanear o QR code no Evolution Manager")]
    [InlineData(440, "motivo 440: sessão substituída por outra conexão", "esperar não resolve: escanear o QR code no Evolution Manager")]
    [InlineData(428, "motivo 428: conexão fechada — a Evolution reconecta sozinha", "a Evolution costuma reconectar sozinha em alguns minutos")]
    [InlineData(408, "motivo 408: conexão perdida", "a Evolution costuma reconectar sozinha em alguns minutos")]
    [InlineData(null, "WhatsApp não conectado (estado close): ", "verifique a instância na Evolution API")]
    public void TheDisconnectAlertSaysTheReasonAndWhatToDo(int? reason, string said, string todo)
    {
        var alert = Find(Evaluate(whatsApp: "close", whatsAppReason: reason), WhatsAppDesconectado)!;

        Assert.Contains(said, alert.Mensagem);
        Assert.Contains(todo, alert.Mensagem);
        Assert.Equal(reason is { } code && code is 401 or 403 or 440, alert.Mensagem.Contains("QR code no Evolution Manager"));
        Assert.True(alert is { Severidade: Critical, AnyTime: true, Tipo: WhatsAppDesconectado });
        Assert.Equal(reason, (int?)alert.Valor);
    }
}
