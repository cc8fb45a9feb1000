using System.Collections.Concurrent;
using Dapper;
using Julia.IntegrationTests.TestHost;
using StackExchange.Redis;
using Xunit.Abstractions;
using static Julia.IntegrationTests.TestHost.FakeAnthropic;
using static Julia.IntegrationTests.TestHost.FakeModelServer;

namespace Julia.IntegrationTests.Reliability;

/// <summary>
/// docs/reliability.md, "Redis evicting keys" (the fourth drill): Redis at its `maxmemory` with `allkeys-lru`, another
/// client filling it, so locks, debounce, caches and the limiter's `rate:*` keys disappear one by one while 2 processes
/// answer doctors and send follow-ups. Redis only accelerates: nothing lost, nothing twice, and the hour cap holds
/// (each evicted `rate:*` key is rebuilt from the sent rows before it is read: docs/decisions.md#rate-limits).
/// </summary>
[LongRunning(1)]
public sealed class RedisEvictionTests(ITestOutputHelper output)
{
    const int HourCap = 4;

    [Fact]
    public async Task KeysEvictedUnderMaxmemoryMidTrafficLoseNothingSendNothingTwiceAndKeepTheHourCap()
    {
        var redis = new PrivateRedisServer();
        await redis.StartAsync();
        await using var rig = await FaultRig.StartAsync(redis: redis);
        rig.Settings["HORARIO_INICIO"] = "00:00";   // follow-ups are proactive: business hours all day, every day
        rig.Settings["HORARIO_FIM"] = "00:00";
        rig.Settings["DIAS_UTEIS"] = "1-7";
        rig.Settings["MAX_MSGS_POR_HORA"] = HourCap.ToString();
        rig.Settings["INTERVALO_MAX_SEGUNDOS"] = "0"; // no random spacing: the hour cap is what holds them
        rig.Anthropic.Override = _ => new Answer(200, TextReply(DefaultReply), Delay: TimeSpan.FromMilliseconds(Random.Shared.Next(200, 1200)));
        var a = await rig.StartJuliaAsync("julia-a");
        var b = await rig.StartJuliaAsync("julia-b");

        // Memory: what Redis holds now plus 1 MB; allkeys-lru sampling 1 key, so any key may go, ours included.
        var used = long.Parse(Field(await redis.CommandAsync("INFO", "memory"), "used_memory"));
        await redis.CommandAsync("CONFIG", "SET", "maxmemory-policy", "allkeys-lru");
        await redis.CommandAsync("CONFIG", "SET", "maxmemory-samples", "1");
        await redis.CommandAsync("CONFIG", "SET", "maxmemory", (used + 1_048_576).ToString());
        await redis.CommandAsync("CONFIG", "SET", "notify-keyspace-events", "Ee");
        using var watcher = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{redis.Port}");
        var evicted = new ConcurrentQueue<string>();
        await watcher.GetSubscriber().SubscribeAsync(RedisChannel.Literal("__keyevent@0__:evicted"), (_, key) => evicted.Enqueue(key.ToString()));
        using var stopFilling = new CancellationTokenSource();
        var filler = FillAsync(watcher.GetDatabase(), () => !evicted.IsEmpty, stopFilling.Token);
        // Redis at its limit before the traffic starts: on a quiet machine the doctors were once all answered before the
        // paced filler got there (one key evicted, a filler's: no drill).
        await Eventually.MatchesAsync(() => Task.FromResult(evicted.Count), n => n > 0, seconds: 30);

        var followUps = await QueueFollowUpsAsync(rig, count: 10);
        var messages = new DoctorMessages(series: 87, count: 30);
        // Each message reaches both processes (a redelivery racing the first delivery), so both run turns for one doctor.
        await Parallel.ForEachAsync(messages.All, new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (m, _) =>
        {
            await Task.Delay(150);
            await Task.WhenAll(messages.PostAsync(a.Http, m), messages.PostAsync(b.Http, m));
        });
        await rig.WithLogsAsync(() => Eventually.MatchesAsync(() => Answers.CountAsync(rig, messages.All), t => t.Replies == messages.All.Count, 60, pollMilliseconds: 250));
        await rig.WithLogsAsync(() => Eventually.MatchesAsync(() => Task.FromResult(FollowUpSends(rig, followUps)), n => n >= HourCap, 30, pollMilliseconds: 250));
        await Task.Delay(TimeSpan.FromSeconds(4)); // under eviction a 5th follow-up would go out here
        stopFilling.Cancel();
        await filler;
        var ours = evicted.Where(k => !k.StartsWith("filler:", StringComparison.Ordinal)).ToList();

        await using (var c = await rig.Db.OpenConnectionAsync())
        {
            // Per São Paulo clock hour (a run across an hour's turn may send the cap in each).
            var perHour = (await c.QueryAsync<long>("""
                SELECT count(*) FROM fila_mensagens WHERE tipo = 'followup' AND status = 'enviada'
                GROUP BY date_trunc('hour', enviada_em AT TIME ZONE 'America/Sao_Paulo')
                """)).ToList();
            var sentFollowUps = FollowUpSends(rig, followUps);
            var replies = (await Answers.CountAsync(rig, messages.All)).Replies;
            output.WriteLine($"observed: {messages.AllStatuses.Count} webhooks (each message to both processes); {evicted.Count} keys evicted, " +
                             $"{ours.Count} of them Júlia's ({Prefixes(ours)}); follow-ups sent {sentFollowUps} (per hour [{string.Join(",", perHour)}], cap {HourCap}); " +
                             $"replies: {replies} of {messages.All.Count}");
            Assert.All(messages.AllStatuses, s => Assert.Equal(200, s));
            Assert.True(ours.Count > 0, $"no key of Júlia's was evicted ({evicted.Count} filler keys): the drill did not happen");
            Assert.True(perHour.All(n => n <= HourCap), $"follow-ups per hour [{string.Join(",", perHour)}] over the cap {HourCap}\n{rig.Logs()}");
            Assert.True(followUps.All(p => (rig.Evolution.SendsByPhone().GetValueOrDefault(p)?.Count ?? 0) <= 1), "a follow-up went out twice");
            // The follow-ups the cap holds wait for the next hour: out of the exactly-once count below.
            await c.ExecuteAsync("UPDATE fila_mensagens SET status = 'cancelada', outcome_reason_code = 'fim_do_teste' WHERE tipo = 'followup' AND status = 'pendente'");
        }
        await Answers.AssertEachAnsweredOnceAsync(rig, messages.All, seconds: 60);
    }

    /// <summary>Fills at once up to the limit, then 2 KB every 20 ms: each one evicts a key, any key.</summary>
    static async Task FillAsync(IDatabase db, Func<bool> evicting, CancellationToken stop)
    {
        var value = new string('x', 2 * 1024);
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            try { await db.StringSetAsync($"filler:{n}", value); } catch (RedisException) { }
            if (!evicting()) continue;
            try { await Task.Delay(20, stop); } catch (OperationCanceledException) { }
        }
    }

    static int FollowUpSends(FaultRig rig, IReadOnlyList<string> phones) =>
        phones.Sum(p => rig.Evolution.SendsByPhone().GetValueOrDefault(p)?.Count ?? 0);

    static string Prefixes(IEnumerable<string> keys) =>
        string.Join(", ", keys.GroupBy(k => string.Join(':', k.Split(':').Take(2))).OrderByDescending(g => g.Count()).Take(8).Select(g => $"{g.Key} {g.Count()}"));

    static string Field(string info, string name) =>
        info.Split('\n').Select(l => l.Trim()).First(l => l.StartsWith(name + ":", StringComparison.Ordinal))[(name.Length + 1)..];

    /// <summary>Follow-ups (`fu1`, counted by the hour cap) due now for <paramref name="count"/> other doctors Júlia wrote to 3 days ago.</summary>
    static async Task<IReadOnlyList<string>> QueueFollowUpsAsync(FaultRig rig, int count)
    {
        await using var c = await rig.Db.OpenConnectionAsync();
        return [.. await c.QueryAsync<string>("""
            WITH m AS (INSERT INTO medicos (telefone, whatsapp_jid, primeiro_nome, origem)
                       SELECT '5511963' || lpad(n::text, 6, '0'), '5511963' || lpad(n::text, 6, '0') || '@s.whatsapp.net', 'Seguimento', 'import'
                       FROM generate_series(1, @count) n RETURNING id, telefone),
                 cv AS (INSERT INTO conversations (medico_id, last_outbound_at) SELECT id, now() - interval '3 days' FROM m RETURNING id, medico_id),
                 f AS (INSERT INTO fila_mensagens (medico_id, conversa_id, tipo, conteudo, prioridade, metadata)
                       SELECT medico_id, id, 'followup', 'Oi! Conseguiu ver a vaga que te mandei?', 4, '{"tipo_followup":"fu1"}' FROM cv)
            SELECT telefone FROM m
            """, new { count })];
    }
}
