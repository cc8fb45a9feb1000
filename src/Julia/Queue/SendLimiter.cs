using Dapper;
using Julia.Infrastructure.Redis;
using Julia.Infrastructure.Time;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Julia.Queue;

/// <summary>
/// WhatsApp limits of docs/decisions.md#rate-limits for proactive sends, checked and reserved atomically in Redis by one script across all
/// processes: 20/clock hour and 100/day (followup, campanha), U(45,180) s spacing between counted sends, 45 s between
/// any two non-reply sends to one number, first contacts 50/day ≥ 300 s apart. Keys `rate:hora:{yyyyMMddHH}`,
/// `rate:dia:{yyyyMMdd}`, `rate:ultimo:{telefone}` (+ `rate:proximo`, `rate:primeiros:{yyyyMMdd}`, `rate:ultimo_primeiro`),
/// on the São Paulo clock. `rate:ultimo:{telefone}` holds the epoch of the last send in seconds, rounded up (a value in
/// milliseconds left by an earlier version is still read as such); `rate:proximo` and `rate:ultimo_primeiro` hold
/// milliseconds. Missing counters are rebuilt from today's sent rows (after a FLUSHDB: the hour, day and first-contact
/// counts, the first-contact and counted-send spacing, and each number's last send of the hour). Redis down → wait
/// (fail closed): replies never come here.
/// </summary>
internal sealed class SendLimiter
{
    readonly RedisGate redis;
    readonly DispatchStore store;
    readonly IOptions<QueueOptions> options;
    readonly TimeProvider time;

    /// <summary>
    /// 1 when the counters must be checked against the sent rows before the next reservation: at start, and after every
    /// reconnection — a Redis restarted from an older snapshot has counters below what went out (an operator walk,
    /// 2026-12-03: `rate:dia` 5 against 7 sent), and only missing keys used to be rebuilt.
    /// </summary>
    int verify = 1;

    public SendLimiter(RedisGate redis, DispatchStore store, IOptions<QueueOptions> options, TimeProvider time)
    {
        (this.redis, this.store, this.options, this.time) = (redis, store, options, time);
        redis.Multiplexer.ConnectionRestored += (_, _) => VerifyCountersNext();
    }

    /// <summary>The next reservation raises the counters to what the sent rows say (never lowers them).</summary>
    internal void VerifyCountersNext() => Volatile.Write(ref verify, 1);

    internal const string Script = """
        local now = tonumber(ARGV[1])
        local counted = ARGV[2] == '1'
        local first = ARGV[7] == '1'
        if ARGV[12] == '1' then
          -- Just rebuilt from the sent rows: the counts come in ARGV[13..15] and are raised here, in the same atomic step as
          -- the check — raised by a separate call, a key evicted again in between was read as 0 (a fifth follow-up in an
          -- hour capped at 4: RedisEvictionTests, 2026-12-08).
          for i, k in ipairs({ KEYS[1], KEYS[2], KEYS[5] }) do
            local floor = tonumber(ARGV[12 + i] or '0')
            if tonumber(redis.call('GET', k) or '-1') < floor then redis.call('SET', k, floor, 'EX', i == 1 and 7200 or 90000) end
          end
        else
          local read = { KEYS[1], KEYS[2] }
          if counted then read = { KEYS[1], KEYS[2], KEYS[4] } end
          if counted and first then read = { KEYS[1], KEYS[2], KEYS[4], KEYS[5], KEYS[6] } end
          for _, k in ipairs(read) do
            if redis.call('EXISTS', k) == 0 then return -1 end
          end
        end
        local wait = 0
        local last = tonumber(redis.call('GET', KEYS[3]) or '0')
        if last < 100000000000 then last = last * 1000 end
        if now - last < tonumber(ARGV[5]) then wait = math.max(wait, last + tonumber(ARGV[5])) end
        if counted then
          if tonumber(redis.call('GET', KEYS[1]) or '0') >= tonumber(ARGV[3]) then wait = math.max(wait, tonumber(ARGV[10])) end
          if tonumber(redis.call('GET', KEYS[2]) or '0') >= tonumber(ARGV[4]) then wait = math.max(wait, tonumber(ARGV[11])) end
          local nxt = tonumber(redis.call('GET', KEYS[4]) or '0')
          if now < nxt then wait = math.max(wait, nxt) end
          if first then
            if tonumber(redis.call('GET', KEYS[5]) or '0') >= tonumber(ARGV[8]) then wait = math.max(wait, tonumber(ARGV[11])) end
            local lf = tonumber(redis.call('GET', KEYS[6]) or '0')
            if now - lf < tonumber(ARGV[9]) then wait = math.max(wait, lf + tonumber(ARGV[9])) end
          end
        end
        if wait > 0 then return wait end
        redis.call('SET', KEYS[3], math.ceil(now / 1000), 'EX', 3600)
        if counted then
          redis.call('INCR', KEYS[1]); redis.call('EXPIRE', KEYS[1], 7200)
          redis.call('INCR', KEYS[2]); redis.call('EXPIRE', KEYS[2], 90000)
          redis.call('SET', KEYS[4], now + tonumber(ARGV[6]), 'EX', 3600)
          if first then
            redis.call('INCR', KEYS[5]); redis.call('EXPIRE', KEYS[5], 90000)
            redis.call('SET', KEYS[6], now, 'EX', 90000)
          end
        end
        return 0
        """;

    /// <summary>Gives a reservation back: the hour, day and first-contact counters it took (never below zero).</summary>
    const string ReleaseScript = """
        for i = 1, #KEYS do
          if tonumber(redis.call('GET', KEYS[i]) or '0') > 0 then redis.call('DECR', KEYS[i]) end
        end
        return 0
        """;

    /// <summary>When each message still on its way took its reservation (its counters are that hour's and day's).</summary>
    readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, DateTimeOffset> reserved = new();

    /// <summary>Null when the send may go now (and is counted); otherwise the earliest instant to try again, and why.</summary>
    public async Task<LimitHold?> TryReserveAsync(ClaimedMessage m, string address, DateTimeOffset now, CancellationToken ct)
    {
        var hold = await ReserveAsync(m, address, now, ct);
        if (hold is null && m.CountsTowardLimits) Remember(m.Id, now);
        return hold;
    }

    /// <summary>
    /// The message was not sent — Evolution said so, refused the connection, the circuit was open, or a cancel took it
    /// after the claim: its counted reservation is given back, so a gateway failing for hours does not use up the day's
    /// proactive sends (docs/decisions.md#rate-limits). Not for a send whose result is unknown: it may have gone out.
    /// The spacing keys stay: a failing gateway is not a reason to send faster.
    /// </summary>
    public async Task ReleaseAsync(ClaimedMessage m)
    {
        if (!reserved.TryRemove(m.Id, out var at)) return;
        var local = SaoPaulo.ToLocal(at);
        var keys = Keys(local, "-");
        RedisKey[] counters = m.FirstContact ? [keys[0], keys[1], keys[4]] : [keys[0], keys[1]];
        await redis.TryAsync(async db => await db.ScriptEvaluateAsync(ReleaseScript, counters));
    }

    /// <summary>The message went out (or its result is unknown): its reservation stands.</summary>
    public void Keep(Guid messageId) => reserved.TryRemove(messageId, out _);

    void Remember(Guid id, DateTimeOffset at)
    {
        // A message whose outcome was never reported (a crash) is forgotten after two hours: its hour is over anyway.
        if (reserved.Count > 10_000)
            foreach (var (old, when) in reserved)
                if (when < at.AddHours(-2)) reserved.TryRemove(old, out _);
        reserved[id] = at;
    }

    async Task<LimitHold?> ReserveAsync(ClaimedMessage m, string address, DateTimeOffset now, CancellationToken ct)
    {
        var o = options.Value;
        var local = SaoPaulo.ToLocal(now);
        var (hourStart, dayStart) = Starts(local);
        var keys = Keys(local, address);
        // U(min, max) + U(−10, 20) s, never below the minimum; INTERVALO_MAX_SEGUNDOS=0 turns spacing off.
        var spacing = o.MaxIntervalSeconds <= 0 ? 0
            : Random.Shared.Next(o.MinIntervalSeconds, Math.Max(o.MinIntervalSeconds, o.MaxIntervalSeconds) + 1) + Random.Shared.Next(-10, 21);
        var args = new RedisValue[]
        {
            now.ToUnixTimeMilliseconds(), m.CountsTowardLimits ? 1 : 0, o.MaxPerHour, o.MaxPerDay, o.MinIntervalSeconds * 1000L,
            (o.MaxIntervalSeconds <= 0 ? 0 : Math.Max(o.MinIntervalSeconds, spacing)) * 1000L, m.FirstContact ? 1 : 0, o.MaxFirstContactsPerDay, o.FirstContactIntervalSeconds * 1000L,
            hourStart.AddHours(1).ToUnixTimeMilliseconds(), dayStart.AddDays(1).ToUnixTimeMilliseconds(), 0,
            0, 0, 0, // the hour's, day's and first contacts' counts once rebuilt (ARGV[13..15])
        };
        // The script raises the counters to the rebuilt counts itself, in the step that checks them (its ARGV[12..15]).
        void Rebuilt(TodaysSends sent) => (args[11], args[12], args[13], args[14]) = (1, sent.Hour, sent.Day, sent.FirstContacts);
        var result = await redis.TryAsync<long?>(async db =>
        {
            // The script refuses (-1) while a counter it reads is missing (the hour and day counts for every proactive send)
            // — flushed, expired, or evicted alone under `maxmemory` while others stayed — and runs again on keys rebuilt from the sent rows,
            // which it then takes as they are. A number's own last-send key is no reason by itself: missing is its usual
            // state (no send to him in the hour), and each rebuild would read the hour's sends (docs/decisions.md#evicted-key).
            if (Interlocked.Exchange(ref verify, 0) == 1) Rebuilt(await RebuildAsync(db, keys, hourStart, dayStart, ct));
            var reply = (long)await db.ScriptEvaluateAsync(Script, [.. keys.Select(k => (RedisKey)k)], args);
            if (reply != -1) return reply;
            Rebuilt(await RebuildAsync(db, keys, hourStart, dayStart, ct));
            return (long)await db.ScriptEvaluateAsync(Script, [.. keys.Select(k => (RedisKey)k)], args);
        }, null);
        return result switch
        {
            null => new LimitHold(now.AddSeconds(60), LimitHold.RedisDown), // Redis unavailable: proactive sending waits (fail closed)
            0 => null,
            var ms => new LimitHold(DateTimeOffset.FromUnixTimeMilliseconds(ms.Value), LimitHold.Limit),
        };
    }

    /// <summary>The São Paulo clock hour and day an instant falls in: the windows the hour and day counters count.</summary>
    static (DateTimeOffset Hour, DateTimeOffset Day) Starts(DateTimeOffset local) =>
        (new DateTimeOffset(local.Year, local.Month, local.Day, local.Hour, 0, 0, local.Offset), new DateTimeOffset(local.Date, local.Offset));

    public static string[] Keys(DateTimeOffset local, string address) =>
    [
        $"rate:hora:{local:yyyyMMddHH}", $"rate:dia:{local:yyyyMMdd}", LastSendKey(address), "rate:proximo",
        $"rate:primeiros:{local:yyyyMMdd}", "rate:ultimo_primeiro",
    ];

    /// <summary>
    /// The time of the last send to one doctor: his phone number when known, else the address's digits (a LID-only
    /// doctor). Keyed by the phone, not by the address a send used, so a doctor reached once at his LID and once at his
    /// phone JID still gets the gap (docs/decisions.md#rate-limits).
    /// </summary>
    public static string LastSendKey(string address) => $"rate:ultimo:{address.Split('@')[0]}";

    /// <summary>What <see cref="LastSendKey"/> is keyed by for a send: the doctor's phone, else the address (as the rebuild's SQL).</summary>
    public static string NumberOf(string? telefone, string address) => telefone is { Length: > 0 } ? telefone : address;

    /// <summary>Usage for GET /health/rate-limit.</summary>
    public async Task<RateLimitUsage> UsageAsync(BusinessHours hours)
    {
        var now = time.GetUtcNow();
        var local = SaoPaulo.ToLocal(now);
        var keys = Keys(local, "-");
        var (hourStart, dayStart) = Starts(local);
        // After a FLUSHDB the counters come back from the sent rows here too, not only at the next proactive send.
        var (hour, day, next) = await redis.TryAsync(async db =>
        {
            try
            {
                await RebuildIfMissingAsync(db, keys, hourStart, dayStart, CancellationToken.None);
            }
            catch (Npgsql.NpgsqlException) { } // the database down: show what Redis has
            return ((long)await db.StringGetAsync(keys[0]), (long)await db.StringGetAsync(keys[1]), (long)await db.StringGetAsync(keys[3]));
        }, (-1L, -1L, 0L));
        var o = options.Value;
        var nextSend = next > now.ToUnixTimeMilliseconds()
            ? SaoPaulo.ToLocal(DateTimeOffset.FromUnixTimeMilliseconds(next)).ToString("yyyy-MM-dd'T'HH:mm:sszzz") : null;
        return new RateLimitUsage(hour, o.MaxPerHour, day, o.MaxPerDay, hours.IsOpen(now), local.ToString("yyyy-MM-dd'T'HH:mm:sszzz"), nextSend,
            CountersKnown: hour >= 0, PausedBy: o.PausedBy());
    }

    async Task RebuildIfMissingAsync(IDatabase db, string[] keys, DateTimeOffset hourStart, DateTimeOffset dayStart, CancellationToken ct)
    {
        if (Interlocked.Exchange(ref verify, 0) == 0 && await db.KeyExistsAsync(keys[1]) && await db.KeyExistsAsync(keys[0])) return;
        await RebuildAsync(db, keys, hourStart, dayStart, ct);
    }

    /// <summary>Raises every limiter key to what today's sent rows say (a missing key gets that value; never lowered); returns the counts.</summary>
    async Task<TodaysSends> RebuildAsync(IDatabase db, string[] keys, DateTimeOffset hourStart, DateTimeOffset dayStart, CancellationToken ct)
    {
        await using var c = await store.DataSource.OpenConnectionAsync(ct);
        using var grid = await c.QueryMultipleAsync(new CommandDefinition("""
            SELECT count(*) FILTER (WHERE COALESCE(enviada_em, envio_iniciado_em) >= @hourStart) AS Hour, count(*) AS Day,
                   count(*) FILTER (WHERE metadata->>'primeiro_contato' = 'true') AS FirstContacts,
                   max(COALESCE(enviada_em, envio_iniciado_em)) FILTER (WHERE metadata->>'primeiro_contato' = 'true') AS LastFirstContact,
                   max(COALESCE(enviada_em, envio_iniciado_em)) AS LastCounted
            FROM fila_mensagens
            -- Sent, or on its way: a send another process reserved and started is not `enviada` yet, and left out it let one
            -- more go over the hour's cap while keys were being evicted (docs/decisions.md#evicted-key).
            WHERE tipo IN ('followup', 'campanha')
              AND ((status = 'enviada' AND enviada_em >= @dayStart) OR (status = 'processando' AND envio_iniciado_em >= @dayStart));
            SELECT COALESCE(m.telefone, split_part(i.remote_jid, '@', 1)) AS Address, max(i.created_at) AS At
            FROM interacoes i LEFT JOIN medicos m ON m.id = i.medico_id
            WHERE i.direcao = 'saida' AND i.origem LIKE 'fila:%' AND i.origem <> 'fila:resposta' AND i.remote_jid IS NOT NULL
              AND i.created_at > now() - interval '1 hour'
            GROUP BY 1
            """, new { hourStart = hourStart.UtcDateTime, dayStart = dayStart.UtcDateTime }, cancellationToken: ct));
        var today = await grid.ReadSingleAsync<TodaysSends>();
        var lastPerNumber = (await grid.ReadAsync<(string Address, DateTime At)>()).ToList();
        await RaiseAsync(db, keys[0], today.Hour, 7200);
        await RaiseAsync(db, keys[1], today.Day, 90000);
        await RaiseAsync(db, keys[4], today.FirstContacts, 90000);
        if (today.LastFirstContact is { } lastFirst) await RaiseAsync(db, keys[5], Ms(lastFirst), 90000);
        // The next counted send waits at least the minimum spacing after the last one (the random part is not known).
        if (today.LastCounted is { } lastCounted && options.Value.MaxIntervalSeconds > 0
            && Ms(lastCounted) + options.Value.MinIntervalSeconds * 1000L is var next && next > time.GetUtcNow().ToUnixTimeMilliseconds())
            await RaiseAsync(db, keys[3], next, 3600);
        foreach (var (address, at) in lastPerNumber) await RaiseAsync(db, LastSendKey(address), EpochSeconds(at), 3600);
        return today;
    }

    /// <summary>The key becomes at least the value (a missing key gets it, with the TTL); a higher one is left as it is.</summary>
    static Task RaiseAsync(IDatabase db, string key, long value, int ttlSeconds) =>
        db.ScriptEvaluateAsync(RaiseScript, [key], [value, ttlSeconds]);

    const string RaiseScript = """
        local cur = tonumber(redis.call('GET', KEYS[1]) or '-1')
        if cur < tonumber(ARGV[1]) then redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2]) end
        return 0
        """;

    static long Ms(DateTime utc) => new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToUnixTimeMilliseconds();

    /// <summary>`rate:ultimo:{telefone}`'s value: the epoch in whole seconds, rounded up (the gap is never shorter).</summary>
    static long EpochSeconds(DateTime utc) => (Ms(utc) + 999) / 1000;

    sealed record TodaysSends(long Hour, long Day, long FirstContacts, DateTime? LastFirstContact, DateTime? LastCounted);
}

internal sealed record RateLimitUsage(long SentThisHour, int HourLimit, long SentToday, int DayLimit, bool WithinBusinessHours, string LocalTime,
    string? NextSend = null, bool CountersKnown = true, string? PausedBy = null)
{
    /// <summary>
    /// The runbook's fields, as /health/rate-limit and /admin/metricas/performance show them; `proximo_envio`: when the
    /// spacing lets the next counted proactive send go (São Paulo time), null when it may go now. With Redis down the
    /// counters are unknown and no proactive send goes: `msgs_hora`/`msgs_dia` null, `redis` `indisponivel` — not a `-1`
    /// and a `proximo_envio` null that read "may go now" (docs/decisions.md#rate-limits). `pausado`: a limit at 0 holds every
    /// follow-up and campaign send (`motivo` names it, null otherwise) — `limite_hora: 0` alone left the reader to know what a 0 means.
    /// </summary>
    public Dictionary<string, object?> ToJson() => new()
    {
        ["msgs_hora"] = CountersKnown ? SentThisHour : null, ["limite_hora"] = HourLimit,
        ["msgs_dia"] = CountersKnown ? SentToday : null, ["limite_dia"] = DayLimit,
        ["horario_permitido"] = WithinBusinessHours, ["hora_atual"] = LocalTime, ["proximo_envio"] = NextSend,
        ["redis"] = CountersKnown ? "ok" : "indisponivel", ["pausado"] = PausedBy is not null, ["motivo"] = PausedBy,
    };
}

/// <summary>
/// A proactive send held back: when to try again and the `outcome_reason_code` its row waits with — `limite` (the
/// hourly, daily or spacing limits) or `redis_indisponivel` (no counters to check them against: it waits, fail closed),
/// so the runbook's "what the limit is holding" counts only the first (docs/decisions.md#rate-limits).
/// </summary>
internal readonly record struct LimitHold(DateTimeOffset RetryAt, string Reason)
{
    public const string Limit = "limite", RedisDown = "redis_indisponivel";
}
