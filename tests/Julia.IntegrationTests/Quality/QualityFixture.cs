using System.Net.Http.Headers;
using System.Text.Json;
using Julia.IntegrationTests.Agent;
using Julia.IntegrationTests.Conversations;

namespace Julia.IntegrationTests.Quality;

/// <summary>Júlia with the real Anthropic SDK against <see cref="TestHost.FakeAnthropic"/>, demo data and an admin token.</summary>
public sealed class QualityFixture : AgentFixture
{
    public const string Token = "admin-token-quality";

    protected override Dictionary<string, string?> AgentSettings => new() { ["ADMIN_API_TOKEN"] = Token, ["Agent:MaxRetries"] = "0" };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
    }
}

/// <summary>What the quality tests share: finished conversations written as Conversations would, the job, a clean slate.</summary>
internal static class QualityScenario
{
    public sealed record Line(string Direcao, string Autor, string Texto);

    public static Line DoctorSays(string text) => new("entrada", "medico", text);
    public static Line JuliaSays(string text) => new("saida", "julia", text);
    public static Line SystemSays(string text) => new("saida", "sistema", text);
    public static Line StaffSays(string text) => new("saida", "humano", text);

    /// <summary>A conversation of a demo doctor with these messages in order; completed <paramref name="completedMinutesAgo"/> minutes ago.</summary>
    public static async Task<Guid> ConversationAsync(PipelineFixture f, string status, int completedMinutesAgo, params Line[] lines)
    {
        var id = await f.ScalarAsync<Guid>("""
            INSERT INTO conversations (medico_id, status, completed_at)
            SELECT id, @status, CASE WHEN @status = 'completed' THEN now() - make_interval(mins => @completedMinutesAgo) END
            FROM medicos m
            WHERE NOT EXISTS (SELECT 1 FROM conversations c WHERE c.medico_id = m.id AND c.status IN ('active', 'paused'))
            ORDER BY created_at, id LIMIT 1
            RETURNING id
            """, new { status, completedMinutesAgo });
        for (var i = 0; i < lines.Length; i++)
            await f.ExecuteAsync("""
                INSERT INTO interacoes (medico_id, conversa_id, direcao, autor_tipo, origem, conteudo, created_at, processado_em)
                SELECT medico_id, id, @Direcao, @Autor,
                       CASE @Autor WHEN 'medico' THEN 'whatsapp' WHEN 'humano' THEN 'chatwoot' WHEN 'sistema' THEN 'fila:sistema' ELSE 'fila:resposta' END,
                       @Texto, now() - interval '1 day' + make_interval(secs => @i),
                       -- Consumed, as history is: the turn runner's sweeper would otherwise answer them during the test.
                       CASE WHEN @Direcao = 'entrada' THEN now() - interval '1 day' + make_interval(secs => @i) END
                FROM conversations WHERE id = @id
                """, new { id, lines[i].Direcao, lines[i].Autor, lines[i].Texto, i });
        return id;
    }

    public static Task<Guid> CompletedAsync(PipelineFixture f, int completedMinutesAgo = 60) => ConversationAsync(f, "completed", completedMinutesAgo,
        DoctorSays("Oi, tem plantão no sábado?"), JuliaSays("Oi Dr.! Tenho um diurno no Hospital ABC, R$ 2.000. Quer?"), DoctorSays("Quero sim, obrigado!"));

    /// <summary>No finished conversation left to judge, no evaluation, and the day's run of `qualidade` forgotten.</summary>
    public static Task ResetAsync(PipelineFixture f) => f.ExecuteAsync("""
        DELETE FROM avaliacoes_qualidade;
        UPDATE conversations SET status = 'abandoned' WHERE status = 'completed';
        DELETE FROM execucoes_job WHERE nome = 'qualidade';
        """);

    /// <summary>POST /jobs/qualidade (the day's claim is forgotten first, so a test may run it again) → its `resultado`.</summary>
    public static async Task<string> RunJobAsync(PipelineFixture f)
    {
        await f.ExecuteAsync("DELETE FROM execucoes_job WHERE nome = 'qualidade'");
        var response = await f.Client.PostAsync("/jobs/qualidade", null);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("resultado").GetString()!;
    }
}
