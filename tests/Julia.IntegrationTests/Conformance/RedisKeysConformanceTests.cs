using Julia.Conversations;
using Julia.Infrastructure.Redis;
using Julia.IntegrationTests.Conversations;
using Julia.IntegrationTests.TestHost;
using Julia.Queue;
using Julia.Shifts;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using static Julia.IntegrationTests.TestHost.EvolutionWebhooks;

namespace Julia.IntegrationTests.Conformance;

/// <summary>
/// Júlia with every cache and limiter setting at its default (only the debounce is given, so a burst key can be seen), on
/// the real Redis: the key families of the data model's Redis table, with the shape and lifetime an operator reads with
/// `redis-cli TTL`.
/// </summary>
public sealed class RedisKeysFixture : PipelineFixture
{
    protected override Dictionary<string, string?> Settings => new() { ["HUMANIZAR"] = "false", ["DEBOUNCE_SEGUNDOS"] = "5" };

    public IDatabase Keys => App.Services.GetRequiredService<RedisGate>().Multiplexer.GetDatabase(Redis.Database);
}

/// <summary>
/// Each key's lifetime in seconds, checked within a few seconds of its setting: the cache families (`medico:*` 300 s =
/// CACHE_TTL, `vagas:*` 60 s, `contexto:*` 120 s), the limiter's counters (`rate:hora` 7 200 s, `rate:dia` 90 000 s,
/// `rate:ultimo` 3 600 s), the turn lock (120 s), the burst timer (60 s) and the connection state (no expiry). A family
/// given another family's lifetime fails here (300 vs 120 vs 60 are apart by more than the tolerance).
/// </summary>
public sealed class RedisKeysConformanceTests(RedisKeysFixture f) : IClassFixture<RedisKeysFixture>
{
    const double Tolerance = 15;

    static void AssertTtl(TimeSpan? ttl, int seconds, string key)
    {
        Assert.True(ttl is not null, $"{key} has no expiry (expected {seconds} s)");
        Assert.InRange(ttl!.Value.TotalSeconds, seconds - Tolerance, seconds);
    }

    [Fact]
    public async Task AnInboundMessageCachesTheDoctorByPhoneAndIdForCacheTtlAndHisContextFor120Seconds()
    {
        const string phone = "5511988810001";
        await PostAsync(f.Client, Text(phone, "Oi, tudo bem? Tem plantão essa semana?"));
        await f.WaitProcessedAsync(phone);
        var medico = await f.ScalarAsync<Guid>("SELECT id FROM medicos WHERE telefone = @phone", new { phone });

        // The key names the canonical phone (13 digits for a mobile) and the doctor's uuid.
        var byPhone = $"medico:telefone:{phone}";
        var byId = $"medico:id:{medico}";
        var context = $"contexto:medico:{medico}";
        await Eventually.MatchesAsync(async () => (await f.Keys.KeyExistsAsync(byPhone), await f.Keys.KeyExistsAsync(byId), await f.Keys.KeyExistsAsync(context)),
            k => k is (true, true, true));

        AssertTtl(await f.Keys.KeyTimeToLiveAsync(byPhone), 300, byPhone);
        AssertTtl(await f.Keys.KeyTimeToLiveAsync(byId), 300, byId);
        AssertTtl(await f.Keys.KeyTimeToLiveAsync(context), 120, context);
        Assert.Contains(medico.ToString(), (string?)await f.Keys.StringGetAsync(byPhone));
    }

    [Fact]
    public async Task OpenShiftsOfASpecialtyAreCachedFor60Seconds()
    {
        var especialidade = await f.ScalarAsync<Guid>("INSERT INTO especialidades (nome) VALUES ('conformidade_redis') RETURNING id");
        var hospital = await f.ScalarAsync<Guid>("INSERT INTO hospitais (nome, cidade) VALUES ('Hospital Conformidade', 'Santo André') RETURNING id");
        await f.ExecuteAsync("""
            INSERT INTO vagas (hospital_id, especialidade_id, data, hora_inicio, hora_fim, valor)
            VALUES (@hospital, @especialidade, current_date + 10, '07:00', '19:00', 1500)
            """, new { hospital, especialidade });

        var found = await f.App.Services.GetRequiredService<ShiftCatalog>().SearchAsync(new ShiftSearch(especialidade), [], default);

        Assert.Single(found);
        var keys = f.App.Services.GetRequiredService<RedisGate>().Multiplexer.GetServer(f.App.Services.GetRequiredService<RedisGate>().Multiplexer.GetEndPoints()[0])
            .Keys(f.Redis.Database, $"vagas:especialidade:{especialidade}:limite:*").ToList();
        var key = Assert.Single(keys);
        Assert.Matches(@"^vagas:especialidade:[0-9a-f-]{36}:limite:\d+$", key.ToString());
        AssertTtl(await f.Keys.KeyTimeToLiveAsync(key), 60, key!);
    }

    [Fact]
    public async Task AProactiveSendSetsTheHourAndDayCountersAndTheNumbersLastSendWithTheirLifetimes()
    {
        // 10:30 in São Paulo is 13:30 UTC: the counters are named by São Paulo's clock.
        var at = new DateTimeOffset(2026, 11, 25, 10, 30, 0, TimeSpan.FromHours(-3));
        var limiter = f.App.Services.GetRequiredService<SendLimiter>();
        var message = new ClaimedMessage(Guid.NewGuid(), Guid.NewGuid(), null, "followup", "x", 0, 3, DateTime.UtcNow, null, 0, false, false, null, null);

        Assert.Null(await limiter.TryReserveAsync(message, "5511988810002", at, default));

        AssertTtl(await f.Keys.KeyTimeToLiveAsync("rate:hora:2026112510"), 7_200, "rate:hora:2026112510");
        AssertTtl(await f.Keys.KeyTimeToLiveAsync("rate:dia:20261125"), 90_000, "rate:dia:20261125");
        AssertTtl(await f.Keys.KeyTimeToLiveAsync("rate:ultimo:5511988810002"), 3_600, "rate:ultimo:5511988810002");
        Assert.False(await f.Keys.KeyExistsAsync("rate:hora:2026112513"));
        Assert.Equal(at.ToUnixTimeSeconds(), (long)await f.Keys.StringGetAsync("rate:ultimo:5511988810002"));
    }

    [Fact]
    public async Task TheTurnLockLivesAtMost120SecondsAndIsReleasedByItsOwner()
    {
        var conversa = Guid.NewGuid();
        var locks = f.App.Services.GetRequiredService<ConversationLock>();

        var held = await locks.TryAcquireAsync(conversa, 41, 42, default);
        Assert.NotNull(held);
        AssertTtl(await f.Keys.KeyTimeToLiveAsync($"lock:conversa:{conversa}"), 120, "lock:conversa");
        Assert.Null(await locks.TryAcquireAsync(conversa, 41, 42, default));

        await held!.DisposeAsync();
        Assert.False(await f.Keys.KeyExistsAsync($"lock:conversa:{conversa}"));
        // The highest inbound id the turn read, for the next turn's lock (docs/decisions.md#inbound), one lease long.
        Assert.Equal(42, (long)await f.Keys.StringGetAsync($"processado:conversa:{conversa}"));
        AssertTtl(await f.Keys.KeyTimeToLiveAsync($"processado:conversa:{conversa}"), 120, "processado:conversa");
    }

    /// <summary>
    /// The burst timer is written when a turn is tried before the burst ends (the sweeper, a start-up, another process:
    /// docs/runbook.md) — here the turn is tried at once, as another process would.
    /// </summary>
    [Fact]
    public async Task ABurstBeingCollectedShowsItsTimerFor60Seconds()
    {
        const string phone = "5511988810003";
        await PostAsync(f.Client, Text(phone, "oi"));
        var medico = await f.ScalarAsync<Guid>("SELECT id FROM medicos WHERE telefone = @phone", new { phone });

        var result = await f.App.Services.GetRequiredService<TurnProcessor>().ProcessAsync(medico, default);

        Assert.IsType<TurnResult.NotYet>(result);
        var conversa = await f.ScalarAsync<Guid>("SELECT id FROM conversations WHERE medico_id = @medico", new { medico });
        var key = $"debounce:conversa:{conversa}";
        AssertTtl(await f.Keys.KeyTimeToLiveAsync(key), 60, key);
        await f.WaitProcessedAsync(phone);
    }

    [Fact]
    public async Task TheConnectionStateHasNoExpiry()
    {
        await PostAsync(f.Client, Fixture("webhook-connection-update-open.json"));

        Assert.Equal("open", (string?)await Eventually.MatchesAsync(() => f.Keys.HashGetAsync("whatsapp:estado", "estado"), v => v.HasValue));
        Assert.Null(await f.Keys.KeyTimeToLiveAsync("whatsapp:estado"));
    }
}
