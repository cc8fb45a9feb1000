using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Julia.Agent;
using Julia.Infrastructure.Hosting;
using Julia.IntegrationTests.TestHost;
using Microsoft.Extensions.DependencyInjection;
using static Julia.IntegrationTests.TestHost.FakeAnthropic;

namespace Julia.IntegrationTests.PromptReview;

/// <summary>
/// `julia avaliar-prompt` end to end: recorded conversations replayed with a candidate persona through the real
/// Anthropic SDK against the fake Anthropic (agent and judge), the HTML report, and nothing written or sent.
/// </summary>
public sealed partial class PromptReviewTests(PromptReviewFixture f) : IClassFixture<PromptReviewFixture>
{
    const string Marker = "PERSONA-CANDIDATA-7Q";
    const string Persona = $"<!-- {Marker} -->\nVocê é a Júlia, da {{empresa}}. Seja breve e ofereça um plantão por vez.";

    /// <summary>Judge scores per conversation tag: recorded conversation, then the one with the candidate's replies.</summary>
    static readonly Dictionary<string, (int[] Old, int[] New)> Scores = new()
    {
        ["#A"] = ([8, 8, 8, 8], [5, 6, 6, 6]),   // score_geral 8 → 6: the worst regression
        ["#B"] = ([7, 7, 7, 7], [8, 8, 8, 8]),   // 7 → 8
        ["#C"] = ([6, 6, 6, 6], [6, 7, 6, 6]),   // 6 → 6
        ["#D"] = ([7, 7, 7, 7], []),             // the candidate's conversation never gets a valid answer: skipped
    };

    sealed record Line(string Direcao, string Autor, string Texto);
    static Line Doctor(string text) => new("entrada", "medico", text);
    static Line Julia(string text) => new("saida", "julia", text);
    static Line System(string text) => new("saida", "sistema", text);

    /// <summary>A completed conversation of a demo doctor, its messages a second apart, the last one <paramref name="minutesAgo"/> ago.</summary>
    async Task<Guid> ConversationAsync(string medicoId, int minutesAgo, params Line[] lines)
    {
        var id = await f.ScalarAsync<Guid>("""
            INSERT INTO conversations (medico_id, status, completed_at) VALUES (@medicoId::uuid, 'completed', now()) RETURNING id
            """, new { medicoId });
        for (var i = 0; i < lines.Length; i++)
            await f.ExecuteAsync("""
                INSERT INTO interacoes (medico_id, conversa_id, direcao, autor_tipo, origem, conteudo, processado_em, created_at)
                SELECT medico_id, id, @Direcao, @Autor,
                       CASE @Autor WHEN 'medico' THEN 'whatsapp' WHEN 'sistema' THEN 'fila:sistema' ELSE 'fila:resposta' END,
                       @Texto, CASE WHEN @Direcao = 'entrada' THEN now() END,
                       now() - make_interval(mins => @minutesAgo) - make_interval(secs => @back)
                FROM conversations WHERE id = @id
                """, new { id, lines[i].Direcao, lines[i].Autor, lines[i].Texto, minutesAgo, back = lines.Length - i });
        return id;
    }

    static string Unescaped(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => s + "\n",
        JsonArray a => string.Concat(a.Select(Unescaped)),
        JsonObject o => string.Concat(o.Select(p => Unescaped(p.Value))),
        _ => "",
    };

    /// <summary>The agent (its system prompt carries the candidate persona) and the judge, told apart per request.</summary>
    static FakeModelServer.Answer Answer(JsonObject request)
    {
        var messages = Unescaped(request["messages"]);
        if (Unescaped(request["system"]).Contains(Marker))
        {
            var tag = Tag().Matches(messages)[^1].Value; // the doctor's current turn
            var afterTool = request["messages"]!.AsArray()[^1]!.ToJsonString().Contains("\"tool_result\"");
            if (afterTool) return Text($"NOVO {tag}: confirmei <o plantão> pra vc");
            return tag switch
            {
                "#A2" => Tool("reservar_plantao", new JsonObject { ["vaga_id"] = FirstVagaId(request), ["confirmacao"] = "sim, pode reservar" }),
                "#B1" => Tool("buscar_vagas", new JsonObject { ["periodo"] = "noturno" }),
                "#C1" => Tool("pausar_contato", new JsonObject
                {
                    ["ate"] = DateTime.UtcNow.AddDays(60).ToString("yyyy-MM-dd", global::System.Globalization.CultureInfo.InvariantCulture), ["motivo"] = "licença",
                }),
                _ => Text($"NOVO {tag}: <b>oi</b> & tudo bem?"),
            };
        }
        var conversation = Scores.Keys.First(k => messages.Contains(k + "1"));
        var candidate = messages.Contains("NOVO");
        var s = candidate ? Scores[conversation].New : Scores[conversation].Old;
        if (s.Length == 0) return Text("Achei a conversa boa.");
        return Text($$"""{"naturalidade": {{s[0]}}, "persona": {{s[1]}}, "objetivo": {{s[2]}}, "satisfacao": {{s[3]}}, "pontos_positivos": [], "pontos_negativos": [], "sugestoes": []}""");
    }

    [Fact]
    public async Task ReplaysTheLatestConversationsJudgesBothAndWritesNothing()
    {
        var a = await ConversationAsync("d0000000-0000-4000-8000-000000000004", 4,
            Julia("Oi Dra. Juliana, tenho plantões de anestesio no ABC. Posso mandar?"),
            Doctor("#A1 pode mandar <script>alert(1)</script>"),
            Julia("Tenho um diurno \"ótimo\" & <b>bem pago</b> no Hospital ABC."), Julia("Quer?"),
            Doctor("#A2 sim, pode reservar"),
            Julia("Reservei pra vc!"));
        var b = await ConversationAsync("d0000000-0000-4000-8000-000000000009", 3, Doctor("#B1 tem plantão noturno?"), Julia("Tenho sim, sexta 19h."));
        var c = await ConversationAsync("d0000000-0000-4000-8000-000000000006", 2,
            Doctor("#C1 oi"), Julia("Oi Dr. Marcelo!"), Doctor("#C2 quero falar com alguém"), System("Vou chamar alguém da equipe."));
        var d = await ConversationAsync("d0000000-0000-4000-8000-000000000010", 1, Doctor("#D1 oi"), Julia("Oi Dra. Renata!"));
        // The most recent conversation is of a doctor erased at his request (LGPD): never replayed, it takes no slot.
        var erased = await f.ScalarAsync<Guid>(
            "INSERT INTO medicos (origem, apagado_em, deleted_at) VALUES ('whatsapp_inbound', now(), now()) RETURNING id");
        await ConversationAsync(erased.ToString(), 0, Doctor("#E1 oi"), Julia("Oi!"));
        await f.ExecuteAsync("UPDATE interacoes SET conteudo = NULL WHERE medico_id = @erased", new { erased });
        var prompt = Path.Combine(f.Folder, "persona-nova.md");
        await File.WriteAllTextAsync(prompt, Persona);
        var report = Path.Combine(f.Folder, "relatorio.html");
        f.Anthropic.Override = Answer;
        var earlierRequests = f.Anthropic.Requests.Count; // the other tests of this class ask the fake too
        var before = await f.SnapshotAsync();
        var reservations = await f.ScalarAsync<long>("SELECT count(*) FROM reservas_vaga");

        var (exit, stdout, stderr) = await JuliaProcess.RunAsync(f.Environment(), "avaliar-prompt", "--prompt", prompt, "--conversas", "4", "--saida", report);

        Assert.True(exit == 0, $"exit {exit}: {stderr}\n{stdout}");
        Assert.Equal(before, await f.SnapshotAsync());
        Assert.Equal(reservations, await f.ScalarAsync<long>("SELECT count(*) FROM reservas_vaga"));
        Assert.Empty(f.Evolution.Calls);

        var requests = f.Anthropic.Requests.Skip(earlierRequests).ToList();
        var agentRequests = requests.Where(r => Unescaped(r["system"]).Contains(Marker)).ToList();
        Assert.All(agentRequests, r => Assert.Equal(AgentModels.Conversation, r["model"]!.GetValue<string>()));
        Assert.All(agentRequests, r => Assert.DoesNotContain("persona v1", Unescaped(r["system"])));
        Assert.Equal(["agendar_lembrete", "atualizar_preferencias", "buscar_vagas", "pausar_contato", "registrar_opt_out", "reservar_plantao", "retomar_contato", "solicitar_humano"],
            agentRequests[0]["tools"]!.AsArray().Select(t => t!["name"]!.GetValue<string>()).Order());
        Assert.Equal(8, agentRequests.Count); // A1, A2 + its tool round, B1 + its tool round, C1 + its tool round, D1 — not C2 (answered by the system)
        var reserveResult = Unescaped(agentRequests.Single(r => Unescaped(r["messages"]).Contains("#A2") && r["messages"]!.AsArray()[^1]!.ToJsonString().Contains("tool_result"))["messages"]!.AsArray()[^1]);
        Assert.Contains("Reservado:", reserveResult); // the model was told it worked; the table above says nothing was reserved
        var searchResult = Unescaped(agentRequests.Single(r => Unescaped(r["messages"]).Contains("#B1") && r["messages"]!.AsArray()[^1]!.ToJsonString().Contains("tool_result"))["messages"]!.AsArray()[^1]);
        Assert.Contains("vaga_id=", searchResult); // buscar_vagas read the live shifts
        // pausar_contato ran its checks and answered the live words, and stored nothing (the snapshot above): on the
        // verb's read-only sessions a write would have failed and the model been told so.
        var pauseResult = Unescaped(agentRequests.Single(r => Unescaped(r["messages"]).Contains("#C1") && !Unescaped(r["messages"]).Contains("#C2") && r["messages"]!.AsArray()[^1]!.ToJsonString().Contains("tool_result"))["messages"]!.AsArray()[^1]);
        Assert.True(pauseResult.Contains("Pausa registrada"), pauseResult);
        var judgeRequests = requests.Except(agentRequests).ToList();
        Assert.All(judgeRequests, r => Assert.Equal(AgentModels.Complex, r["model"]!.GetValue<string>()));
        Assert.Equal(3 * 2 + 1 + 2, judgeRequests.Count); // A, B, C twice; D's recorded once, its candidate twice (invalid, retried)

        var html = await File.ReadAllTextAsync(report);
        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("src=\"http", html);
        Assert.Contains("#A1 pode mandar &lt;script&gt;alert(1)&lt;/script&gt;", html);
        Assert.Contains("Tenho um diurno &quot;ótimo&quot; &amp; &lt;b&gt;bem pago&lt;/b&gt; no Hospital ABC.\nQuer?", html); // chunks of one reply
        Assert.Contains("NOVO #A1: &lt;b&gt;oi&lt;/b&gt; &amp; tudo bem?", html);
        Assert.Contains("NOVO #A2: confirmei &lt;o plantão&gt; pra vc", html);
        Assert.Contains("reservar_plantao (simulada)", html);
        Assert.Contains("<dd id=\"avaliadas\">3</dd>", html);
        Assert.Contains("<dd id=\"puladas\">1</dd>", html);
        Assert.Contains("<dd id=\"turnos\">4</dd>", html); // A1, A2, B1, C1
        Assert.Contains($"<li>{d}: avaliador sem resposta válida em 2 tentativas", html);
        Assert.Equal(("7,00", "6,33", "-0,67"), Means(html, "naturalidade"));
        Assert.Equal(("7,00", "7,00", "0,00"), Means(html, "persona"));
        Assert.Equal(("7,00", "6,67", "-0,33"), Means(html, "objetivo"));
        Assert.Equal(("7,00", "6,67", "-0,33"), Means(html, "satisfacao"));
        Assert.Equal(("7,00", "6,67", "-0,33"), Means(html, "score_geral"));
        Assert.Equal([a, c, b], Regressions().Matches(html).Select(m => Guid.Parse(m.Groups[1].Value)));
        Assert.Contains("score_geral 8 → 6", html);

        Assert.Contains("3 conversas avaliadas, 1 pulada", stdout);
        Assert.Contains("score_geral: 7,00 → 6,67 (-0,33)", stdout);
        Assert.Contains($"Pior regressão: conversa {a} (score_geral 8 → 6)", stdout);
        Assert.Contains("[4/4]", stdout);
    }

    static (string Old, string New, string Delta) Means(string html, string row)
    {
        var tr = Regex.Match(html, $"<tr data-criterio=\"{row}\">(.*?)</tr>").Groups[1].Value;
        string Cell(string side) => Regex.Match(tr, $"data-lado=\"{side}\">([^<]*)<").Groups[1].Value;
        return (Cell("atual"), Cell("candidato"), Cell("diferenca"));
    }

    [Fact]
    public async Task WithoutThePromptOrWithAnUnreadableOneItIsAUsageError()
    {
        var missing = await JuliaProcess.RunAsync(f.Environment(), "avaliar-prompt", "--conversas", "5");
        var unreadable = await JuliaProcess.RunAsync(f.Environment(), "avaliar-prompt", "--prompt", Path.Combine(f.Folder, "nao-existe.md"));
        var tooMany = await JuliaProcess.RunAsync(f.Environment(), "avaliar-prompt", "--prompt", "x.md", "--conversas", "501");
        var prompt = Path.Combine(f.Folder, "persona-pasta.md");
        await File.WriteAllTextAsync(prompt, Persona);
        var calls = f.Anthropic.Requests.Count;
        var reportIsAFolder = await JuliaProcess.RunAsync(f.Environment(), "avaliar-prompt", "--prompt", prompt, "--saida", f.Folder);

        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("--prompt", missing.StdErr);
        Assert.Equal(2, unreadable.ExitCode);
        Assert.Contains("não consegui ler o prompt", unreadable.StdErr);
        Assert.Contains("o arquivo não existe", unreadable.StdErr);
        Assert.DoesNotContain("Could not find", unreadable.StdErr);
        Assert.Equal(2, tooMany.ExitCode);
        Assert.Contains("--conversas precisa ser um número de 1 a 500", tooMany.StdErr);
        // Refused before the first model call, not after the whole (paid) run.
        Assert.Equal(2, reportIsAFolder.ExitCode);
        Assert.Contains("--saida é uma pasta", reportIsAFolder.StdErr);
        Assert.Equal(calls, f.Anthropic.Requests.Count);
    }

    [Fact]
    public async Task AJudgeThatFailsSkipsTheConversationWithTheReasonAndNothingIsStored()
    {
        var prompt = Path.Combine(f.Folder, "persona-juiz.md");
        await File.WriteAllTextAsync(prompt, Persona);
        var report = Path.Combine(f.Folder, "juiz.html");
        // The candidate answers; every call of the judge is refused (400: not retried by the SDK).
        f.Anthropic.Override = request => Unescaped(request["system"]).Contains(Marker)
            ? Text("Oi! Posso te mandar as vagas?")
            : new FakeModelServer.Answer(400, Fixture("error-400-invalid-request.json").ToJsonString());
        var evaluations = await f.ScalarAsync<long>("SELECT count(*) FROM avaliacoes_qualidade");

        var (exit, stdout, stderr) = await JuliaProcess.RunAsync(f.Environment(), "avaliar-prompt", "--prompt", prompt, "--conversas", "2", "--saida", report);

        Assert.True(exit == 1, $"exit {exit}: {stderr}\n{stdout}"); // not one conversation could be compared
        var html = await File.ReadAllTextAsync(report);
        Assert.Contains("<dd id=\"puladas\">2</dd>", html);
        Assert.Equal(2, Regex.Matches(html, "o avaliador recusou esta conversa: pedido recusado pelo modelo \\(400\\)").Count);
        Assert.Contains("0 conversas avaliadas, 2 puladas", stdout);
        Assert.Equal(evaluations, await f.ScalarAsync<long>("SELECT count(*) FROM avaliacoes_qualidade"));
    }

    [Fact]
    public async Task AReportThatCannotBeWrittenWhereAskedIsWrittenToTheTempFolderAndTheExitCodeSaysSo()
    {
        if (!File.Exists("/dev/full")) return; // Linux: every write to /dev/full fails as on a full disk
        var prompt = Path.Combine(f.Folder, "persona-disco.md");
        await File.WriteAllTextAsync(prompt, Persona);
        f.Anthropic.Override = _ => Text("Oi! Tudo certo por aqui.");
        // A folder in the temp folder named like the report ("full") once took the fallback's place: it has a name of its own.
        var namesake = Path.Combine(Path.GetTempPath(), "full");
        var planted = !Path.Exists(namesake);
        if (planted) Directory.CreateDirectory(namesake);

        var (exit, stdout, stderr) = await JuliaProcess.RunAsync(f.Environment(), "avaliar-prompt", "--prompt", prompt, "--conversas", "1", "--saida", "/dev/full");
        if (planted) Directory.Delete(namesake);

        Assert.Equal(1, exit);
        Assert.Contains("não consegui gravar o relatório em /dev/full", stderr);
        var fallback = Regex.Match(stderr, "relatório gravado em (\\S+)").Groups[1].Value;
        Assert.StartsWith("<!DOCTYPE html>", await File.ReadAllTextAsync(fallback));
        File.Delete(fallback);
        Assert.Contains($"Relatório: {fallback}", stdout);
    }

    [Fact]
    public async Task WithTheAgentOffItSaysSoAndExits1()
    {
        var prompt = Path.Combine(f.Folder, "persona-off.md");
        await File.WriteAllTextAsync(prompt, Persona);
        var report = Path.Combine(f.Folder, "off.html");

        var (exit, _, stderr) = await JuliaProcess.RunAsync(f.Environment(withKey: false), "avaliar-prompt", "--prompt", prompt, "--saida", report);
        var openAIOff = await JuliaProcess.RunAsync(new Dictionary<string, string>(f.Environment(withKey: false)) { ["LLM_PROVIDER"] = "openai", ["LLM_MODEL"] = "gpt-4o-mini" },
            "avaliar-prompt", "--prompt", prompt, "--saida", report);

        Assert.Equal(1, exit);
        Assert.Contains("agente desligado (sem ANTHROPIC_API_KEY)", stderr);
        Assert.False(File.Exists(report));
        Assert.Equal(1, openAIOff.ExitCode);
        Assert.Contains("OPENAI_API_KEY", openAIOff.StdErr); // the provider's own variables, not Anthropic's
        Assert.DoesNotContain("ANTHROPIC_API_KEY", openAIOff.StdErr);
    }

    [Fact]
    public async Task TheHostOfTheVerbHasReadOnlyDatabaseSessions()
    {
        await using var app = global::Julia.Host.JuliaHost.Build([$"--DATABASE_URL={f.Database.Url}", $"--REDIS_URL={f.Redis.Url}"],
            new HostRoleInfo(HostRole.All), new StartupFlags(false, ReadOnly: true));
        var db = app.Services.GetRequiredService<Npgsql.NpgsqlDataSource>();
        await using var connection = await db.OpenConnectionAsync();
        await using var read = new Npgsql.NpgsqlCommand("SELECT count(*) FROM medicos", connection);
        await using var write = new Npgsql.NpgsqlCommand("UPDATE medicos SET pressure_score = pressure_score", connection);

        Assert.True((long)(await read.ExecuteScalarAsync())! > 0);
        var refused = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => write.ExecuteNonQueryAsync());
        Assert.Equal("25006", refused.SqlState); // read_only_sql_transaction
    }

    [GeneratedRegex(@"#[A-D]\d")]
    private static partial Regex Tag();

    [GeneratedRegex("<section class=\"regressao\" data-conversa=\"([0-9a-f-]{36})\"")]
    private static partial Regex Regressions();
}
