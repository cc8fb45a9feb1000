using Dapper;
using Julia.IntegrationTests.TestHost;
using Xunit.Abstractions;

namespace Julia.IntegrationTests.Reliability;

/// <summary>
/// docs/reliability.md, "Evolution answering 2xx without `key.id`" (the fourth drill): a gateway that says 200/201 but
/// names no message — an empty object, an error object inside the 2xx, an id that is no string. Evolution did not
/// confirm the send and may have made it, so the outcome is unknown (docs/decisions.md#queue, "A 2xx that names no
/// message"): `erro` `resultado_desconhecido` with the ERROR line, never sent again; the other doctors unaffected.
/// </summary>
public sealed class EvolutionAnswerTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A2xxWithoutAMessageIdIsAnUnknownOutcomeNeverRecordedSentNorResent()
    {
        await using var rig = await FaultRig.StartAsync();
        rig.Evolution.FailNextSends(200, 1, "{}");
        rig.Evolution.FailNextSends(201, 1, """{"status":"ERROR","error":"Internal Server Error","response":{"message":["Connection Closed"]}}""");
        rig.Evolution.FailNextSends(201, 1, """{"key":{"remoteJid":"5511986000001@s.whatsapp.net","fromMe":true,"id":42}}""");
        var julia = await rig.StartJuliaAsync("julia");
        var messages = new DoctorMessages(series: 86, count: 6);

        // One at a time, each after the previous reply went out: the first three replies meet the three scripted answers.
        foreach (var m in messages.All)
        {
            await messages.PostAsync(julia.Http, m);
            await rig.WithLogsAsync(() => Eventually.MatchesAsync(() => Task.FromResult(rig.Evolution.SendsByPhone().ContainsKey(m.Phone)), seen => seen, 30));
        }
        await rig.WithLogsAsync(() => Eventually.MatchesAsync(() => Answers.CountAsync(rig, messages.All), t => t.Unprocessed == 0 && t.Open == 0, 30));
        await Task.Delay(TimeSpan.FromSeconds(3)); // a resend would show itself here

        await using var c = await rig.Db.OpenConnectionAsync();
        var rows = (await c.QueryAsync<(string Status, string? Reason, string? ProviderId)>(
            "SELECT status, outcome_reason_code, provider_message_id FROM fila_mensagens WHERE tipo = 'resposta' ORDER BY created_at")).ToList();
        var perDoctor = messages.All.Select(m => rig.Evolution.SendsByPhone().GetValueOrDefault(m.Phone)?.Count ?? 0).ToList();
        var unknownLines = julia.CountLines("resultado desconhecido");
        output.WriteLine($"observed: sends per doctor [{string.Join(",", perDoctor)}]; rows [{string.Join("; ", rows.Select(r => $"{r.Status} {r.Reason} {(r.ProviderId is null ? "sem id" : "com id")}"))}]; " +
                         $"{unknownLines} ERROR lines 'resultado desconhecido'");

        Assert.All(messages.AllStatuses, s => Assert.Equal(200, s));
        Assert.True(perDoctor.All(n => n == 1), $"sends per doctor: {string.Join(",", perDoctor)}\n{rig.Logs()}");
        Assert.DoesNotContain(rows, r => r.Status == "enviada" && string.IsNullOrWhiteSpace(r.ProviderId));
        Assert.Equal(3, rows.Count(r => r is { Status: "erro", Reason: "resultado_desconhecido" }));
        Assert.Equal(3, rows.Count(r => r is { Status: "enviada", ProviderId: not null }));
        Assert.Equal(6, rows.Count);
        Assert.True(unknownLines >= 3, $"{unknownLines} lines say 'resultado desconhecido'\n{rig.Logs()}");
        Assert.False(julia.HasExited);
    }
}
