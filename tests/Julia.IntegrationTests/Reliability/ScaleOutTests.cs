using Dapper;
using Julia.IntegrationTests.TestHost;
using Xunit.Abstractions;

namespace Julia.IntegrationTests.Reliability;

/// <summary>docs/reliability.md, "two api + two worker processes": one database, every message delivered to both api processes, no send twice.</summary>
[LongRunning(1)]
public sealed class ScaleOutTests(ITestOutputHelper output)
{
    [Fact]
    public async Task TwoApiAndTwoWorkerProcessesOnOneDatabaseNeverSendTwice()
    {
        await using var rig = await FaultRig.StartAsync();
        // Reminders are proactive: business hours all day, every day, so they go out whenever the suite runs.
        rig.Settings["HORARIO_INICIO"] = "00:00";
        rig.Settings["HORARIO_FIM"] = "00:00";
        rig.Settings["DIAS_UTEIS"] = "1-7";
        var apiA = await rig.StartJuliaAsync("api-a", "api"); // the first one migrates; the others start together
        var others = await Task.WhenAll(rig.StartJuliaAsync("api-b", "api"), rig.StartJuliaAsync("worker-a", "worker"), rig.StartJuliaAsync("worker-b", "worker"));
        var apis = new[] { apiA, others[0] };
        var messages = new DoctorMessages(series: 61, count: 30);
        var reminderPhones = await QueueRemindersAsync(rig, count: 30);

        // Every message reaches both api processes at once (a redelivery racing the first delivery).
        await Task.WhenAll(messages.All.Select(m => Task.WhenAll(apis.Select(api => messages.PostAsync(api.Http, m)))));

        // A delivery that met the database's 5 s connect timeout on a loaded machine (CI once: 2 of 60) is a 503, which
        // Evolution sends again — and so does this test. Anything else, or a 503 for a conflict between the two
        // processes (a deadlock or serialization failure: not "the database is down"), fails.
        var unexpected = messages.AllStatuses.Where(s => s is not (200 or 503)).ToList();
        Assert.True(unexpected.Count == 0, $"deliveries neither 200 nor 503: [{string.Join(",", messages.AllStatuses)}]\n{rig.Logs()}");
        var refusals = apis.SelectMany(a => a.LinesWith("refused with 503", after: 8)).ToList();
        Assert.DoesNotContain(refusals, r => r.Contains("40P01", StringComparison.Ordinal) || r.Contains("40001", StringComparison.Ordinal)
                                             || r.Contains("deadlock", StringComparison.OrdinalIgnoreCase));
        await messages.RedeliverUntilAcceptedAsync(apiA.Http);
        await Answers.AssertEachAnsweredOnceAsync(rig, messages.All);
        var sends = rig.Evolution.SendsByPhone();
        var reminders = reminderPhones.Select(p => sends.GetValueOrDefault(p)?.Count ?? 0).ToList();
        Assert.True(reminders.All(n => n == 1), $"reminder sends per doctor: {string.Join(",", reminders)}\n{rig.Logs()}");
        await using var db = await rig.Db.OpenConnectionAsync();
        Assert.Equal(60, await db.ExecuteScalarAsync<long>("SELECT count(DISTINCT provider_message_id) FROM fila_mensagens WHERE status = 'enviada'"));
        Assert.Equal(60, rig.Evolution.Sends.Count());
        output.WriteLine($"observed: {messages.AllStatuses.Count(s => s == 503)} deliveries answered 503 and sent again{string.Concat(refusals.Select(r => "\n  " + r))}");
        output.WriteLine($"observed: {messages.All.Count} messages x 2 deliveries → {messages.All.Count} inbound rows, {rig.Evolution.Sends.Count()} sends " +
                         $"({messages.All.Count} replies + {reminderPhones.Count} reminders), each once; 'enviar ok' lines per process: " +
                         string.Join(", ", new[] { apiA, others[0], others[1], others[2] }.Select(s => $"{s.Name} {s.CountLines("enviar ok")}")));
    }

    /// <summary>Reminders (`lembrete_solicitado`, sent by the worker role) due now for <paramref name="count"/> other doctors.</summary>
    static async Task<IReadOnlyList<string>> QueueRemindersAsync(FaultRig rig, int count)
    {
        await using var c = await rig.Db.OpenConnectionAsync();
        var phones = await c.QueryAsync<string>("""
            WITH m AS (INSERT INTO medicos (telefone, whatsapp_jid, primeiro_nome, origem)
                       SELECT '5511962' || lpad(n::text, 6, '0'), '5511962' || lpad(n::text, 6, '0') || '@s.whatsapp.net', 'Lembrete', 'manual'
                       FROM generate_series(1, @count) n RETURNING id, telefone),
                 f AS (INSERT INTO fila_mensagens (medico_id, tipo, conteudo, prioridade)
                       SELECT id, 'lembrete_solicitado', 'Oi! Passando pra retomar o que a gente combinou', 7 FROM m)
            SELECT telefone FROM m
            """, new { count });
        return [.. phones];
    }
}
