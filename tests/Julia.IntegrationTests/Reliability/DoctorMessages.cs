using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Julia.IntegrationTests.TestHost;

namespace Julia.IntegrationTests.Reliability;

/// <summary>
/// One text message from each of <c>count</c> distinct doctors, delivered the way Evolution does: POSTed to
/// `/webhook/evolution?token=…`, and posted again (same message id) until it gets a 200. Every answer is recorded:
/// the HTTP status, or 0 when the connection failed (the process was down).
/// </summary>
internal sealed class DoctorMessages
{
    public sealed record Message(string Phone, string Id, JsonObject Body);

    readonly ConcurrentDictionary<string, ConcurrentQueue<int>> statuses = new();

    /// <param name="series">Two digits that keep each test's phones apart in logs: 55 11 9 {series} {n:000000}.</param>
    /// <param name="text">The n-th doctor's text (1-based); by default a question about shifts.</param>
    public DoctorMessages(int series, int count, Func<int, string>? text = null)
    {
        All = [.. Enumerable.Range(1, count).Select(n =>
        {
            var phone = $"55119{series:00}{n:000000}";
            var id = $"FAULT{series:00}{n:000000}{Guid.NewGuid():N}"[..24].ToUpperInvariant();
            return new Message(phone, id, EvolutionWebhooks.Text(phone, text?.Invoke(n) ?? $"oi, tem plantão essa semana? ({n})", id, $"Dr. Teste {n}"));
        })];
    }

    public IReadOnlyList<Message> All { get; }
    public IReadOnlyList<Message> Accepted => [.. All.Where(m => Statuses(m).Contains(200))];
    public IReadOnlyList<Message> NotAccepted => [.. All.Where(m => !Statuses(m).Contains(200))];
    public IReadOnlyList<int> AllStatuses => [.. statuses.Values.SelectMany(q => q)];

    public IReadOnlyList<int> Statuses(Message m) => statuses.TryGetValue(m.Id, out var q) ? [.. q] : [];

    public async Task<int> PostAsync(HttpClient client, Message m)
    {
        int status;
        try
        {
            using var response = await client.PostAsync($"/webhook/evolution?token={FaultRig.WebhookToken}", EvolutionWebhooks.Json(m.Body));
            status = (int)response.StatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            status = 0;
        }
        statuses.GetOrAdd(m.Id, _ => new ConcurrentQueue<int>()).Enqueue(status);
        return status;
    }

    /// <summary>Posts each message once, <paramref name="parallel"/> at a time, waiting <paramref name="gap"/> before each.</summary>
    public Task PostEachAsync(Func<HttpClient> target, IEnumerable<Message> messages, int parallel = 4, TimeSpan gap = default) =>
        Parallel.ForEachAsync(messages, new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (m, _) =>
        {
            if (gap > TimeSpan.Zero) await Task.Delay(gap);
            await PostAsync(target(), m);
        });

    /// <summary>Evolution's retries: every message without a 200 yet is posted again until it gets one.</summary>
    public async Task RedeliverUntilAcceptedAsync(HttpClient client, int seconds = 120)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (NotAccepted.Count > 0 && DateTime.UtcNow < deadline)
        {
            foreach (var m in NotAccepted) await PostAsync(client, m);
            if (NotAccepted.Count > 0) await Task.Delay(500);
        }
        Assert.True(NotAccepted.Count == 0, $"{NotAccepted.Count} messages still refused after {seconds}s: " +
            string.Join(", ", NotAccepted.Select(m => $"{m.Phone} [{string.Join(' ', Statuses(m))}]")));
    }
}
