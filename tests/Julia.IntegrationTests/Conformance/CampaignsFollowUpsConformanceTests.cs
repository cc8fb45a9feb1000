using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Julia.IntegrationTests.Conversations;

namespace Julia.IntegrationTests.Conformance;

/// <summary>
/// The follow-up cadence and the campaign segment at their edges, on the real host (jobs and endpoints as an operator
/// calls them): FU1 48 h after the opening, FU2 5 days after FU1, FU3 15 days after FU2, pressure below 70 only; a
/// segment keeps doctors up to `pressure_score_max` (default 70) and leaves out an open conversation with an inbound in
/// the last 7 days.
/// </summary>
public sealed class CampaignsFollowUpsConformanceTests(PipelineFixture f) : IClassFixture<PipelineFixture>
{
    [Fact]
    public async Task EachFollowUpStepIsDueExactlyAtItsIntervalAndOnlyBelowPressure70()
    {
        // (phone, stage, our last message this long ago, pressure, the step expected or null)
        var cases = new (string Phone, string Stage, string Ago, int Pressure, string? Step)[]
        {
            ("5511988840001", "msg_enviada", "47 hours 58 minutes", 0, null),
            ("5511988840002", "msg_enviada", "48 hours 2 minutes", 0, "fu1"),
            ("5511988840003", "followup_1_enviado", "4 days 23 hours 58 minutes", 0, null),
            ("5511988840004", "followup_1_enviado", "5 days 2 minutes", 0, "fu2"),
            ("5511988840005", "followup_2_enviado", "14 days 23 hours 58 minutes", 0, null),
            ("5511988840006", "followup_2_enviado", "15 days 2 minutes", 0, "fu3"),
            ("5511988840007", "msg_enviada", "3 days", 69, "fu1"),
            ("5511988840008", "msg_enviada", "3 days", 70, null),
            ("5511988840009", "respondeu", "30 days", 0, null),
            ("5511988840010", "recontato", "30 days", 0, null),
        };
        foreach (var c in cases)
            await f.ExecuteAsync("""
                WITH m AS (INSERT INTO medicos (telefone, whatsapp_jid, primeiro_nome, origem, pressure_score)
                           VALUES (@Phone, @Phone || '@s.whatsapp.net', 'Lia', 'import', @Pressure) RETURNING id)
                INSERT INTO conversations (medico_id, stage, controlled_by, last_outbound_at)
                SELECT id, @Stage, 'ai', now() - CAST(@Ago AS interval) FROM m
                """, new { c.Phone, c.Stage, c.Ago, c.Pressure });

        Assert.Equal(HttpStatusCode.OK, (await f.Client.PostAsync("/jobs/followups", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await f.Client.PostAsync("/jobs/followups", null)).StatusCode); // never a second pending step

        var queued = await f.QueryAsync<(string Telefone, string Step, int Prioridade)>("""
            SELECT m.telefone, f.metadata->>'tipo_followup', f.prioridade FROM fila_mensagens f JOIN medicos m ON m.id = f.medico_id
            WHERE f.tipo = 'followup' AND m.telefone LIKE '55119888400%' ORDER BY m.telefone
            """);
        Assert.Equal(cases.Where(c => c.Step is not null).Select(c => (c.Phone, c.Step!, 4)), queued);
    }

    [Fact]
    public async Task TheSegmentKeepsPressureUpTo70AndLeavesOutAnInboundOfTheLastSevenDays()
    {
        var cases = new (string Phone, string Nome, int Pressure, string? InboundAgo, bool Included)[]
        {
            ("5511988841001", "Pressao70", 70, null, true),
            ("5511988841002", "Pressao71", 71, null, false),
            ("5511988841003", "Respondeu6d", 0, "6 days 23 hours", false),
            ("5511988841004", "Respondeu8d", 0, "7 days 1 hour", true),
        };
        foreach (var c in cases)
            await f.ExecuteAsync("""
                WITH m AS (INSERT INTO medicos (telefone, whatsapp_jid, primeiro_nome, origem, pressure_score, tags)
                           VALUES (@Phone, @Phone || '@s.whatsapp.net', @Nome, 'import', @Pressure, '["conformidade-segmento"]') RETURNING id)
                INSERT INTO conversations (medico_id, stage, last_outbound_at, last_inbound_at)
                SELECT id, 'respondeu', now() - interval '10 days', now() - CAST(@InboundAgo AS interval) FROM m WHERE @InboundAgo IS NOT NULL
                """, new { c.Phone, c.Nome, c.Pressure, c.InboundAgo });

        var response = await f.Client.PostAsJsonAsync("/campanhas/segmento/preview", new { filtros = new { tags = new[] { "conformidade-segmento" } } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var preview = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(cases.Count(c => c.Included), preview.GetProperty("total").GetInt64());
        Assert.Equal(cases.Where(c => c.Included).Select(c => c.Nome).Order(),
            preview.GetProperty("amostra").EnumerateArray().Select(s => s.GetProperty("nome").GetString()!.Split(' ')[0]).Order());
    }
}
