using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Julia.IntegrationTests.TestHost;
using Xunit.Abstractions;

namespace Julia.IntegrationTests.Reliability;

/// <summary>
/// docs/reliability.md, "a campaign send interrupted" (the fourth drill): the process stopped while a campaign's
/// messages are going out one by one — `kill -9` with a send in flight, and SIGTERM with a send in flight. After the
/// restart every doctor of the campaign has the opening exactly once (the one cut by the kill at most once, its outcome
/// unknown: docs/decisions.md#queue), the hour count covers what went out and stays within its cap, and the campaign
/// ends `concluida` with its sends' statuses right.
/// </summary>
[LongRunning(1)]
public sealed class CampaignInterruptedTests(ITestOutputHelper output)
{
    const string AdminToken = "admin-token-FAKE";
    const int Doctors = 10;
    const int HourCap = 20;

    [Fact]
    public async Task AKillWithACampaignSendInFlightSendsEveryOtherOpeningOnceAfterTheRestart()
    {
        await using var rig = await RigAsync();
        var first = await rig.StartJuliaAsync("julia-1");
        for (var i = 0; i < 3; i++) rig.Evolution.DelayNextSend(TimeSpan.Zero);
        rig.Evolution.DelayNextSend(TimeSpan.FromMinutes(5)); // the 4th opening hangs at Evolution until the kill
        var (campaign, phones) = await StartCampaignAsync(rig, first, series: 89);
        await rig.WithLogsAsync(() => Eventually.MatchesAsync(() => SentAsync(rig), s => s.AtEvolution >= 4 && s.Recorded == s.AtEvolution - 1, 60, pollMilliseconds: 200));

        first.Kill();
        var atKill = await SentAsync(rig);
        // The next process's start-up recovery finds the claim past its 10 s lease (FILA_PROCESSANDO_TIMEOUT_SEGUNDOS).
        await Eventually.MatchesAsync(async () =>
        {
            await using var c = await rig.Db.OpenConnectionAsync();
            return await c.ExecuteScalarAsync<long>(
                "SELECT count(*) FROM fila_mensagens WHERE status = 'processando' AND processando_desde > now() - interval '11 seconds'");
        }, n => n == 0, 30, pollMilliseconds: 500);
        var second = await rig.StartJuliaAsync("julia-2");
        var outcome = await rig.WithLogsAsync(() => FinishedAsync(rig, second, campaign));

        output.WriteLine($"observed: kill -9 with {atKill.AtEvolution} openings at Evolution ({atKill.Recorded} recorded, 1 hanging); after the restart {outcome}");
        AssertEachOnce(rig, phones);
        Assert.Equal("concluida", outcome.Status);
        Assert.Equal(new Dictionary<string, long> { ["enviado"] = Doctors - 1, ["erro"] = 1 }, outcome.Sends);
        Assert.Equal(1, outcome.Unknown); // the hanging send: it reached Evolution, so it is never repeated
        Assert.InRange(outcome.HourCount, Doctors - 1, HourCap);
        Assert.True(second.CountLines("not resent") > 0, $"no ERROR 'Queue recovery: … not resent' for the cut send\n{rig.Logs()}");
    }

    [Fact]
    public async Task ASigtermWithACampaignSendInFlightFinishesItAndTheNextProcessSendsTheRestOnce()
    {
        await using var rig = await RigAsync();
        var first = await rig.StartJuliaAsync("julia-1");
        for (var i = 0; i < 3; i++) rig.Evolution.DelayNextSend(TimeSpan.Zero);
        rig.Evolution.DelayNextSend(TimeSpan.FromSeconds(3)); // the 4th opening is in flight when SIGTERM comes
        var (campaign, phones) = await StartCampaignAsync(rig, first, series: 90);
        await rig.WithLogsAsync(() => Eventually.MatchesAsync(() => SentAsync(rig), s => s.AtEvolution >= 4 && s.Recorded == s.AtEvolution - 1, 60, pollMilliseconds: 200));

        var clock = Stopwatch.StartNew();
        var exit = await first.TerminateAsync(TimeSpan.FromSeconds(30));
        var stopSeconds = clock.Elapsed.TotalSeconds;
        var atStop = await SentAsync(rig);
        var second = await rig.StartJuliaAsync("julia-2");
        var outcome = await rig.WithLogsAsync(() => FinishedAsync(rig, second, campaign));

        output.WriteLine($"observed: SIGTERM with the 4th opening in flight: exit {exit} in {stopSeconds:0.0} s, {atStop.AtEvolution} at Evolution and {atStop.Recorded} recorded at the stop; " +
                         $"after the restart {outcome}");
        Assert.Equal(0, exit);
        Assert.Equal(atStop.AtEvolution, atStop.Recorded); // the send in flight finished and was recorded
        AssertEachOnce(rig, phones);
        Assert.Equal("concluida", outcome.Status);
        Assert.Equal(new Dictionary<string, long> { ["enviado"] = Doctors }, outcome.Sends);
        Assert.Equal(0, outcome.Unknown);
        Assert.InRange(outcome.HourCount, Doctors, HourCap);
    }

    static async Task<FaultRig> RigAsync()
    {
        var rig = await FaultRig.StartAsync();
        rig.Settings["ADMIN_API_TOKEN"] = AdminToken;
        rig.Settings["HORARIO_INICIO"] = "00:00";   // campaigns are proactive: business hours all day, every day
        rig.Settings["HORARIO_FIM"] = "00:00";
        rig.Settings["DIAS_UTEIS"] = "1-7";
        rig.Settings["MAX_MSGS_POR_HORA"] = HourCap.ToString();
        rig.Settings["INTERVALO_MAX_SEGUNDOS"] = "0";            // no U(45, 180) s between counted sends: the drill's seconds
        rig.Settings["INTERVALO_ENTRE_ENVIOS_SEGUNDOS"] = "0";   // nor 300 s between first contacts
        rig.Settings["FILA_PROCESSANDO_TIMEOUT_SEGUNDOS"] = "10";
        return rig;
    }

    /// <summary><see cref="Doctors"/> imported doctors tagged for the drill; a campaign to them created, started and fed into the queue.</summary>
    static async Task<(long Id, IReadOnlyList<string> Phones)> StartCampaignAsync(FaultRig rig, JuliaServer julia, int series)
    {
        IReadOnlyList<string> phones;
        await using (var c = await rig.Db.OpenConnectionAsync())
            phones = [.. await c.QueryAsync<string>("""
                INSERT INTO medicos (telefone, whatsapp_jid, primeiro_nome, origem, tags)
                SELECT '55119' || @series || lpad(n::text, 6, '0'), '55119' || @series || lpad(n::text, 6, '0') || '@s.whatsapp.net', 'Campanha', 'import', '["drill4"]'
                FROM generate_series(1, @n) n RETURNING telefone
                """, new { series = series.ToString(), n = Doctors })];
        var created = await AdminAsync(julia, "/campanhas", new
        {
            nome = "Drill 4", tipo = "oferta_plantao", mensagem_template = "Oi {nome}, temos plantões novos na sua região.", filtros = new { tags = new[] { "drill4" } },
        });
        var id = JsonDocument.Parse(created).RootElement.GetProperty("id").GetInt64();
        await AdminAsync(julia, $"/campanhas/{id}/iniciar", null);
        await AdminAsync(julia, "/jobs/campanhas", null);
        return (id, phones);
    }

    static async Task<string> AdminAsync(JuliaServer julia, string path, object? body, bool mayRefuse = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new("Bearer", AdminToken);
        using var response = await julia.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(mayRefuse || response.IsSuccessStatusCode, $"POST {path}: {(int)response.StatusCode} {text}");
        return text;
    }

    static async Task<(int AtEvolution, long Recorded)> SentAsync(FaultRig rig)
    {
        await using var c = await rig.Db.OpenConnectionAsync();
        return (rig.Evolution.Sends.Count(), await c.ExecuteScalarAsync<long>("SELECT count(*) FROM fila_mensagens WHERE tipo = 'campanha' AND status = 'enviada'"));
    }

    sealed record Outcome(string Status, Dictionary<string, long> Sends, long Unknown, long HourCount)
    {
        public override string ToString() =>
            $"campaign {Status}, sends [{string.Join(", ", Sends.Select(s => $"{s.Key} {s.Value}"))}], {Unknown} resultado_desconhecido, hour count {HourCount}";
    }

    /// <summary>Waits until nothing of the campaign is left to send and the campaign is `concluida` (the feeder's minute tick, or run here).</summary>
    static async Task<Outcome> FinishedAsync(FaultRig rig, JuliaServer julia, long campaign)
    {
        async Task<Outcome> ReadAsync()
        {
            await using var c = await rig.Db.OpenConnectionAsync();
            var status = await c.ExecuteScalarAsync<string>("SELECT status FROM campanhas WHERE id = @campaign", new { campaign });
            var sends = (await c.QueryAsync<(string Status, long N)>("SELECT status, count(*) FROM envios_campanha WHERE campanha_id = @campaign GROUP BY 1", new { campaign }))
                .ToDictionary(r => r.Status, r => r.N);
            var unknown = await c.ExecuteScalarAsync<long>("SELECT count(*) FROM fila_mensagens WHERE tipo = 'campanha' AND outcome_reason_code = 'resultado_desconhecido'");
            var usage = JsonDocument.Parse(await julia.Http.GetStringAsync("/health/rate-limit")).RootElement;
            return new Outcome(status!, sends, unknown, usage.GetProperty("msgs_hora").GetInt64());
        }
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var now = await ReadAsync();
            if (now.Status == "concluida" || DateTime.UtcNow > deadline) return now;
            if (now.Sends.Keys.All(s => s is "enviado" or "erro" or "bloqueado" or "cancelado")) await AdminAsync(julia, "/jobs/campanhas", null, mayRefuse: true);
            await Task.Delay(500);
        }
    }

    static void AssertEachOnce(FaultRig rig, IReadOnlyList<string> phones)
    {
        var sends = rig.Evolution.SendsByPhone();
        var perDoctor = phones.Select(p => sends.GetValueOrDefault(p)?.Count ?? 0).ToList();
        Assert.True(perDoctor.All(n => n == 1), $"openings per doctor: [{string.Join(",", perDoctor)}]\n{rig.Logs()}");
    }
}
