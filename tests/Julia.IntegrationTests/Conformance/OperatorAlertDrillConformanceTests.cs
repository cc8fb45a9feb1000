using System.Text.Json.Nodes;
using Julia.Alerts;
using Julia.Conversations;
using Julia.Infrastructure.Redis;
using Julia.IntegrationTests.Alerts;
using Julia.IntegrationTests.TestHost;
using Julia.Metrics;
using Julia.WhatsApp;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static Julia.IntegrationTests.TestHost.EvolutionWebhooks;

namespace Julia.IntegrationTests.Conformance;

/// <summary>
/// The second operator drill (2026-12-06): the four alerts of docs/runbook.md "Alertas" the first drill left because they
/// need long waits — `sem_respostas`, `fila_congestionada`, `taxa_erro_alta`, `cache_hit_baixo` — provoked on the real host
/// (the Evolution webhook, the turn, the dispatcher paused by a `connection.update` close, the features' own meters) with
/// the waits moved instead of slept (rows backdated in the database, whose now() is the rules' clock; an alert's row
/// backdated past the cooldown). Each is read as the operator reads it: the job's summary, the `alertas_enviados` row, the
/// Slack notice (title, colour, Severidade, O que fazer with the runbook section), the log word, and
/// `/admin/metricas/health` — under the threshold nothing, at it the alert, inside the cooldown one alert, after it a
/// second, and after the cause is gone nothing (none of the four promises an all-clear).
/// </summary>
[Collection("alertas")]
public sealed class OperatorAlertDrillConformanceTests(AlertsFixture f) : IClassFixture<AlertsFixture>
{
    Task<List<string>> SentAsync(string tipo) =>
        f.QueryAsync<string>("SELECT severidade FROM alertas_enviados WHERE tipo = @tipo ORDER BY created_at", new { tipo });

    Task PastTheCooldownAsync(string tipo) =>
        f.ExecuteAsync("UPDATE alertas_enviados SET created_at = created_at - interval '61 minutes' WHERE tipo = @tipo", new { tipo });

    async Task<List<string>> ProblemsAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/metricas/health");
        request.Headers.Authorization = new("Bearer", AlertsFixture.Token);
        var response = await f.Client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["problemas"]!.AsArray().Select(p => p!.GetValue<string>()).ToList();
    }

    /// <summary>The Slack notice of <paramref name="tipo"/> as the manager reads it: colour, Descrição, Severidade, O que fazer.</summary>
    async Task<(string Color, List<string> Fields)> SlackAsync(string tipo)
    {
        var message = await Eventually.MatchesAsync(() => Task.FromResult(f.Slack.Received.LastOrDefault(m =>
            m["text"]?.GetValue<string>() == $"⚠️ Alerta: {tipo}")), m => m is not null);
        var attachment = message!["attachments"]![0]!;
        return (attachment["color"]!.GetValue<string>(),
            attachment["blocks"]![1]!["fields"]!.AsArray().Select(x => x!["text"]!.GetValue<string>()).ToList());
    }

    async Task WhatsAppAsync(string state)
    {
        await PostAsync(f.Client, Fixture($"webhook-connection-update-{state}.json"));
        var status = f.App.Services.GetRequiredService<WhatsAppStatus>();
        await Eventually.MatchesAsync(async () => (await status.CurrentWithReasonAsync(default)).State, s => state == "open" ? s is "open" or "sandbox" : s.EndsWith(state, StringComparison.Ordinal));
    }

    /// <summary>
    /// `fila_congestionada`: WhatsApp `close` pauses the dispatcher, replies wait. The oldest due `pendente` at 14 min is a
    /// health problem (> 10 min) and no alert; at 16 min the warning; inside the cooldown nothing more; past it a second;
    /// WhatsApp `open` again drains the queue and the next run is quiet. The size rule: 200 due rows nothing, 201 the alert.
    /// </summary>
    [Fact]
    public async Task ACongestedQueuePagesPastFifteenMinutesOncePerCooldownAndStopsWhenItDrains()
    {
        await f.ResetAsync();
        await WhatsAppAsync("close");
        try
        {
            await f.ConversationsAsync("55119977090", conversations: 1, handoffs: 0);
            await f.ExecuteAsync("""
                INSERT INTO fila_mensagens (medico_id, conversa_id, tipo, conteudo, status, agendar_para, created_at)
                SELECT c.medico_id, c.id, 'resposta', 'oi!', 'pendente', now() - interval '14 minutes', now() - interval '14 minutes' FROM conversations c
                """);

            Assert.DoesNotContain("fila_congestionada", await AlertsFixture.RunAsync(f.Client));
            Assert.Empty(await SentAsync(AlertTypes.FilaCongestionada));
            Assert.Contains("fila: a mensagem pendente mais antiga espera há 14 min (limite 10 min)", await ProblemsAsync());

            await f.ExecuteAsync("UPDATE fila_mensagens SET agendar_para = now() - interval '16 minutes' WHERE status = 'pendente'");
            Assert.Contains("enviados: ", await AlertsFixture.RunAsync(f.Client));
            Assert.Equal(["warning"], await SentAsync(AlertTypes.FilaCongestionada));
            var (color, fields) = await SlackAsync(AlertTypes.FilaCongestionada);
            Assert.Equal("#FF9800", color);
            Assert.Equal("*Descrição:*\nFila congestionada: 1 mensagem pendente vencida, a mais antiga há 16 min (limites 200 e 15 min)", fields[0]);
            Assert.Equal("*Severidade:*\nAtenção (warning)", fields[1]);
            Assert.EndsWith("runbook: 3. Fila congestionada.", fields[3]);
            Assert.Contains(f.App.Logs.Lines, l => l.Level == LogLevel.Warning && l.Message.StartsWith("alerta fila_congestionada (warning): Fila congestionada", StringComparison.Ordinal));

            Assert.Matches("em cooldown: [^;]*fila_congestionada", await AlertsFixture.RunAsync(f.Client));
            Assert.Single(await SentAsync(AlertTypes.FilaCongestionada));
            await PastTheCooldownAsync(AlertTypes.FilaCongestionada);
            await AlertsFixture.RunAsync(f.Client);
            Assert.Equal(2, (await SentAsync(AlertTypes.FilaCongestionada)).Count);
        }
        finally { await WhatsAppAsync("open"); }

        await Eventually.MatchesAsync(() => f.ScalarAsync<long>("SELECT count(*) FROM fila_mensagens WHERE status = 'pendente'"), n => n == 0);
        await PastTheCooldownAsync(AlertTypes.FilaCongestionada);
        Assert.DoesNotContain("fila_congestionada", await AlertsFixture.RunAsync(f.Client));
        Assert.Equal(2, (await SentAsync(AlertTypes.FilaCongestionada)).Count);
        Assert.DoesNotContain(await ProblemsAsync(), p => p.StartsWith("fila:", StringComparison.Ordinal));

        // By size: 200 fresh due rows are a busy queue, 201 a congested one (the dispatcher paused again to hold them).
        await f.ResetAsync();
        await WhatsAppAsync("close");
        try
        {
            await f.ConversationsAsync("55119977091", conversations: 1, handoffs: 0);
            await f.ExecuteAsync("""
                INSERT INTO fila_mensagens (medico_id, conversa_id, tipo, conteudo, status, agendar_para)
                SELECT c.medico_id, c.id, 'campanha', 'oi ' || g, 'pendente', now() - interval '1 minute' FROM conversations c, generate_series(1, 200) g
                """);
            Assert.DoesNotContain("fila_congestionada", await AlertsFixture.RunAsync(f.Client));
            await f.ExecuteAsync("""
                INSERT INTO fila_mensagens (medico_id, conversa_id, tipo, conteudo, status, agendar_para)
                SELECT c.medico_id, c.id, 'campanha', 'oi 201', 'pendente', now() - interval '1 minute' FROM conversations c
                """);
            await AlertsFixture.RunAsync(f.Client);
            Assert.Equal(["warning"], await SentAsync(AlertTypes.FilaCongestionada));
        }
        finally
        {
            await f.ExecuteAsync("DELETE FROM fila_mensagens");
            await WhatsAppAsync("open");
        }
    }

    /// <summary>
    /// `sem_respostas`: a doctor writes through the Evolution webhook, the turn queues the reply and WhatsApp `close` holds
    /// it. Waiting under 2 min he is still being answered (nothing); past 2 min with no reply in 30 min the critical page,
    /// pointing at runbook 7; a reply 29 min ago keeps it quiet, 31 min ago does not; WhatsApp back, the reply goes out and
    /// the next run is quiet.
    /// </summary>
    [Fact]
    public async Task NoRepliesPagesOnlyPastTheGraceAndTheHalfHourAndStopsWhenTheReplyGoesOut()
    {
        const string phone = "5511997709201";
        await f.ResetAsync();
        await WhatsAppAsync("close");
        try
        {
            var (medico, _) = await f.DoctorAsync(phone);
            await PostAsync(f.Client, Text(phone, "oi, tem plantão sábado?"));
            await f.WaitProcessedAsync(phone);
            Assert.Contains(await f.QueueAsync(phone), q => q.Tipo == "resposta" && q.Status == "pendente");

            Assert.DoesNotContain("sem_respostas", await AlertsFixture.RunAsync(f.Client));   // under the 2-min grace

            await f.ExecuteAsync("UPDATE interacoes SET created_at = created_at - interval '3 minutes' WHERE medico_id = @medico AND direcao = 'entrada'", new { medico });
            await f.ExecuteAsync("""
                INSERT INTO interacoes (medico_id, conversa_id, direcao, autor_tipo, origem, conteudo, created_at)
                SELECT medico_id, id, 'saida', 'julia', 'fila:resposta', 'resposta de antes', now() - interval '29 minutes' FROM conversations WHERE medico_id = @medico
                """, new { medico });
            Assert.DoesNotContain("sem_respostas", await AlertsFixture.RunAsync(f.Client));   // a reply 29 min ago

            await f.ExecuteAsync("UPDATE interacoes SET created_at = now() - interval '31 minutes' WHERE medico_id = @medico AND direcao = 'saida'", new { medico });
            await AlertsFixture.RunAsync(f.Client);
            Assert.Equal(["critical"], await SentAsync(AlertTypes.SemRespostas));
            var (color, fields) = await SlackAsync(AlertTypes.SemRespostas);
            Assert.Equal("#9C27B0", color);
            Assert.Equal("*Descrição:*\nNenhuma mensagem da Júlia nos últimos 30 min, com 1 mensagem de médicos aguardando resposta", fields[0]);
            Assert.Equal("*Severidade:*\nCrítico (critical)", fields[1]);
            Assert.EndsWith("runbook: 7. Mensagens de médicos não são respondidas.", fields[3]);
            Assert.Contains(f.App.Logs.Lines, l => l.Level == LogLevel.Error && l.Message.StartsWith("alerta sem_respostas (critical):", StringComparison.Ordinal));

            Assert.Matches("em cooldown: [^;]*sem_respostas", await AlertsFixture.RunAsync(f.Client));
            await PastTheCooldownAsync(AlertTypes.SemRespostas);
            await AlertsFixture.RunAsync(f.Client);
            Assert.Equal(2, (await SentAsync(AlertTypes.SemRespostas)).Count);
        }
        finally { await WhatsAppAsync("open"); }

        await Eventually.MatchesAsync(async () => (await f.QueueAsync(phone)).Count(q => q.Tipo == "resposta" && q.Status == "enviada"), n => n >= 1);
        await PastTheCooldownAsync(AlertTypes.SemRespostas);
        Assert.DoesNotContain("sem_respostas", await AlertsFixture.RunAsync(f.Client));
        Assert.Equal(2, (await SentAsync(AlertTypes.SemRespostas)).Count);
    }

    /// <summary>
    /// `taxa_erro_alta`: doctors' messages and operation errors counted by the features' own meters, merged through Redis.
    /// 9 messages all failing say nothing (minimum 10); 20 messages with 1 error (5 %) nothing; 2 errors (10 %) the error
    /// page naming the operation, pointing at runbook 1; errors of more than an hour ago do not count.
    /// </summary>
    [Fact]
    public async Task AnErrorRatePagesAboveFivePercentOfTenMessagesOrMoreInTheHour()
    {
        await f.ResetAsync();
        await ClearMetricsAsync();
        var received = f.App.Services.GetRequiredService<ConversationsMeter>();
        var agent = f.App.Services.GetRequiredService<Julia.Agent.AgentMeter>();
        var metrics = f.App.Services.GetRequiredService<SharedMetrics>();

        for (var i = 0; i < 9; i++) { received.MessageReceived(); agent.Error("llm_chamada"); }
        await metrics.FlushAsync();
        Assert.DoesNotContain("taxa_erro_alta", await AlertsFixture.RunAsync(f.Client));

        await ClearMetricsAsync();
        for (var i = 0; i < 20; i++) received.MessageReceived();
        agent.Error("llm_chamada");
        await metrics.FlushAsync();
        Assert.DoesNotContain("taxa_erro_alta", await AlertsFixture.RunAsync(f.Client));   // exactly 5 %

        agent.Error("llm_chamada");
        await metrics.FlushAsync();
        await AlertsFixture.RunAsync(f.Client);
        Assert.Equal(["error"], await SentAsync(AlertTypes.TaxaErroAlta));
        var (color, fields) = await SlackAsync(AlertTypes.TaxaErroAlta);
        Assert.Equal("#F44336", color);
        Assert.StartsWith("*Descrição:*\nTaxa de erro de 10", fields[0]);
        Assert.EndsWith(" na última hora (2 erros para 20 mensagens recebidas; limite 5%). Por operação: llm_chamada 2", fields[0]);
        Assert.Equal("*Severidade:*\nErro (error)", fields[1]);
        Assert.EndsWith("runbook: 1. Alta taxa de erros.", fields[3]);
        Assert.Matches("em cooldown: [^;]*taxa_erro_alta", await AlertsFixture.RunAsync(f.Client));

        // The window is the hour: the same counts in a minute of 61 min ago page nobody past the cooldown.
        await ClearMetricsAsync();
        await PastTheCooldownAsync(AlertTypes.TaxaErroAlta);
        await CountInOldMinuteAsync(new() { [CounterNames.Received] = 20, [CounterNames.Errors("llm_chamada")] = 20 });
        Assert.DoesNotContain("taxa_erro_alta", await AlertsFixture.RunAsync(f.Client));
        Assert.Single(await SentAsync(AlertTypes.TaxaErroAlta));
    }

    /// <summary>
    /// `cache_hit_baixo`: lookups counted by the cache's own meter. 99 misses say nothing; 80 of 100 hits (80 %) nothing;
    /// 79 of 100 the warning ("79%"), and health has the same problem; a rate back at 80 % is quiet past the cooldown.
    /// </summary>
    [Fact]
    public async Task ALowCacheHitRatePagesBelowEightyPercentOfAHundredLookups()
    {
        await f.ResetAsync();
        await ClearMetricsAsync();
        var cache = f.App.Services.GetRequiredService<CacheMeter>();
        var metrics = f.App.Services.GetRequiredService<SharedMetrics>();

        for (var i = 0; i < 99; i++) cache.Miss("medico");
        await metrics.FlushAsync();
        Assert.DoesNotContain("cache_hit_baixo", await AlertsFixture.RunAsync(f.Client));
        Assert.DoesNotContain(await ProblemsAsync(), p => p.StartsWith("cache medico", StringComparison.Ordinal));

        await ClearMetricsAsync();
        for (var i = 0; i < 80; i++) cache.Hit("medico");
        for (var i = 0; i < 20; i++) cache.Miss("medico");
        await metrics.FlushAsync();
        Assert.DoesNotContain("cache_hit_baixo", await AlertsFixture.RunAsync(f.Client));

        await ClearMetricsAsync();
        for (var i = 0; i < 79; i++) cache.Hit("medico");
        for (var i = 0; i < 21; i++) cache.Miss("medico");
        await metrics.FlushAsync();
        await AlertsFixture.RunAsync(f.Client);
        Assert.Equal(["warning"], await SentAsync(AlertTypes.CacheHitBaixo));
        var (color, fields) = await SlackAsync(AlertTypes.CacheHitBaixo);
        Assert.Equal("#FF9800", color);
        Assert.Equal("*Descrição:*\nTaxa de acerto do cache abaixo de 80% na última hora: medico 79% em 100 consultas", fields[0]);
        Assert.EndsWith("runbook: 6. Cache não funciona.", fields[3]);
        Assert.Contains("cache medico: taxa de acerto 79% em 100 consultas na última hora (mínimo 80%)", await ProblemsAsync());
        Assert.Matches("em cooldown: [^;]*cache_hit_baixo", await AlertsFixture.RunAsync(f.Client));

        for (var i = 0; i < 5; i++) cache.Hit("medico");   // 84 of 105: 80 %, no longer below
        await metrics.FlushAsync();
        await PastTheCooldownAsync(AlertTypes.CacheHitBaixo);
        Assert.DoesNotContain("cache_hit_baixo", await AlertsFixture.RunAsync(f.Client));
        Assert.DoesNotContain(await ProblemsAsync(), p => p.StartsWith("cache medico", StringComparison.Ordinal));
    }

    /// <summary>The shared counters start over (`metricas:*` only holds statistics; the runbook says deleting them only zeroes them).</summary>
    async Task ClearMetricsAsync()
    {
        await f.App.Services.GetRequiredService<SharedMetrics>().FlushAsync();
        var redis = f.App.Services.GetRequiredService<RedisGate>().Multiplexer;
        var server = redis.GetServer(redis.GetEndPoints()[0]);
        var db = redis.GetDatabase(f.Redis.Database);
        foreach (var key in server.Keys(f.Redis.Database, "metricas:*").ToList()) await db.KeyDeleteAsync(key);
    }

    /// <summary>Counters in the minute of 61 min ago, as a process writing then left them.</summary>
    async Task CountInOldMinuteAsync(Dictionary<string, long> counts)
    {
        var db = f.App.Services.GetRequiredService<RedisGate>().Multiplexer.GetDatabase(f.Redis.Database);
        var key = MetricKeys.Minute(MetricKeys.MinuteOf(DateTimeOffset.UtcNow.AddMinutes(-61)));
        foreach (var (field, n) in counts) await db.HashIncrementAsync(key, field, n);
        await db.KeyExpireAsync(key, MetricKeys.MinuteTtl);
    }
}
