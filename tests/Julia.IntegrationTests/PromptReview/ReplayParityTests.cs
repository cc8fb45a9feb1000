using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Julia.IntegrationTests.Agent;
using Julia.IntegrationTests.TestHost;
using Julia.Shifts;
using Microsoft.Extensions.DependencyInjection;
using static Julia.IntegrationTests.TestHost.EvolutionWebhooks;

namespace Julia.IntegrationTests.PromptReview;

/// <summary>Business hours all day, every day (a reminder two days ahead is accepted whatever the test's hour).</summary>
public sealed class ReplayParityFixture : AgentFixture
{
    internal static readonly Dictionary<string, string> Hours = new()
    {
        ["DIAS_UTEIS"] = "1-7", ["HORARIO_INICIO"] = "00:00", ["HORARIO_FIM"] = "00:00", ["HUMANIZAR"] = "false",
    };

    protected override Dictionary<string, string?> AgentSettings => Hours.ToDictionary(p => p.Key, p => (string?)p.Value);

    /// <summary>`julia avaliar-prompt` on this fixture's database, Redis and fake Anthropic, with the same settings as the app.</summary>
    public Dictionary<string, string> CliEnvironment() => new(Hours)
    {
        ["DATABASE_URL"] = Database.Url, ["REDIS_URL"] = Redis.Url, ["ANTHROPIC_BASE_URL"] = Anthropic.Url, ["ANTHROPIC_API_KEY"] = "sk-ant-test-FAKE",
    };
}

/// <summary>
/// `julia avaliar-prompt` asks the model what a live turn asks it (docs/decisions.md#prompt-review): for one recorded turn
/// of a doctor with a profile, a held shift, an offered shift another doctor took, another whose pay staff changed since
/// the offer, a reservation of his that expired and a pending reminder tied to a shift, the replay's requests to the model
/// — system prompt (but the persona), messages, tools and the tools' answers — are the live turn's. Built from the live
/// request, not from a list: a section, a tool or a context block added to the live turn alone makes this fail.
/// </summary>
public sealed class ReplayParityTests(ReplayParityFixture f) : IClassFixture<ReplayParityFixture>
{
    const string Marker = "PARIDADE-7Z";
    const string CandidateMarker = "PERSONA-PARIDADE-Q4";
    const string Phone = "5511990077001";
    const string Offer = "Tenho dois plantões pra vc: um no hospital do sábado e outro no de domingo. Quer algum?";

    [Fact]
    public async Task TheReplaySendsTheModelWhatALiveTurnSends()
    {
        var (doctor, conversa, held, taken, open) = await RecordedStateAsync();
        var when = Julia.Infrastructure.Time.SaoPaulo.ToLocal(DateTimeOffset.UtcNow.AddDays(2)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T10:00";
        f.Anthropic.Override = request => Answer(request, when, held, taken, open);

        // The live turn: he answers the offer (quoting it), the model reserves the one whose pay changed and asks for two
        // reminders, one about the shift he holds and one about the shift another doctor took.
        await PostAsync(f.Client, Quoted(Phone, $"{Marker} quero esse do sábado, pode reservar. E me lembra antes do plantão que eu já tenho", Offer));
        await f.WaitProcessedAsync(Phone);
        await Eventually.MatchesAsync(() => f.ScalarAsync<long>(
            "SELECT count(*) FROM interacoes WHERE conversa_id = @conversa AND direcao = 'saida' AND autor_tipo = 'julia' AND conteudo = 'Combinado, doutora!'",
            new { conversa }), n => n == 1);
        var live = AgentRequests(candidate: false);
        Assert.Equal(2, live.Count);
        var liveToolAnswers = ToolResults(live[1]);
        Assert.Contains("Não reservado: as condições desse plantão mudaram", liveToolAnswers);   // the live tools did answer as this test means
        Assert.Contains("Lembrete agendado para", liveToolAnswers);
        Assert.Contains("não está mais disponível para ele", liveToolAnswers);

        var queue = await QueueOfAsync(doctor);
        var reservations = await f.ScalarAsync<long>("SELECT count(*) FROM reservas_vaga");
        var prompt = Path.Combine(Path.GetTempPath(), $"persona-paridade-{Guid.NewGuid():N}.md");
        await File.WriteAllTextAsync(prompt, $"<!-- {CandidateMarker} -->\nVocê é a Júlia, da {{empresa}}. Seja breve.");
        try
        {
            var (exit, stdout, stderr) = await JuliaProcess.RunAsync(f.CliEnvironment(), "avaliar-prompt", "--prompt", prompt, "--conversas", "1",
                "--saida", Path.ChangeExtension(prompt, ".html"));
            Assert.True(exit == 0, $"exit {exit}: {stderr}\n{stdout}");
        }
        finally
        {
            File.Delete(prompt);
            File.Delete(Path.ChangeExtension(prompt, ".html"));
        }

        var replayed = AgentRequests(candidate: true);
        Assert.Equal(2, replayed.Count);
        // Each part on its own, so that a failure lists every difference: the system prompt's sections, the messages (the
        // history, his turn, the tools' answers), the tool definitions, the rest of the request (model, limits, tool choice), and
        // the tools' answers alone.
        Assert.Multiple([.. Enumerable.Range(0, live.Count).SelectMany(i => new Action[]
        {
            () =>
            {
                var (liveNow, liveContext) = Context(SystemText(live[i]));
                var (replayNow, replayContext) = Context(SystemText(replayed[i]));
                // "Now" is the present for the live turn and when he wrote for the replay: the same minute, or the next.
                Assert.InRange((liveNow - replayNow).TotalMinutes, 0, 1);
                Assert.Equal(liveContext, replayContext);
            },
            () => Assert.Equal(Regex.Unescape(live[i]["messages"]!.ToJsonString()), Regex.Unescape(replayed[i]["messages"]!.ToJsonString())),
            () => Assert.Equal(live[i]["tools"]!.ToJsonString(), replayed[i]["tools"]!.ToJsonString()),
            () => Assert.Equal(Rest(live[i]), Rest(replayed[i])),
        }).Append(() => Assert.Equal(ToolResults(live[1]), ToolResults(replayed[1])))]);
        // Nothing the replay's tools did reached the queue or the reservations.
        Assert.Equal(queue, await QueueOfAsync(doctor));
        Assert.Equal(reservations, await f.ScalarAsync<long>("SELECT count(*) FROM reservas_vaga"));
    }

    /// <summary>
    /// `atualizar_preferencias` in a replay writes nothing: the session keeps the preferences the live update would leave
    /// him with (a later `buscar_vagas` of the turn bounds itself by them) — each sent list replacing the stored one.
    /// </summary>
    [Fact]
    public async Task AReplayedPreferencesUpdateKeepsWhatTheLiveUpdateStores()
    {
        const string stored = """{"turnos": ["diurno"], "valor_minimo": 1000, "hospitais_bloqueados": ["a1b2"], "regioes": ["ABC"]}""";
        var doctor = await f.ScalarAsync<Guid>("""
            INSERT INTO medicos (telefone, whatsapp_jid, origem, preferencias_detectadas) VALUES ('5511990077002', '5511990077002@s.whatsapp.net', 'import', @stored::jsonb)
            RETURNING id
            """, new { stored });
        var patch = new Dictionary<string, object?> { ["turnos"] = new[] { "noturno", "24h" }, ["valor_minimo"] = 1500, ["regioes"] = new[] { "Zona Sul" } };

        var live = await f.App.Services.GetRequiredService<Julia.Doctors.DoctorStore>()
            .MergePreferencesAsync(doctor, System.Text.Json.JsonSerializer.Serialize(patch), default);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(live), JsonNode.Parse(Julia.Agent.Tools.ConversationTools.MergedInMemory(stored, patch))),
            $"{live} ≠ {Julia.Agent.Tools.ConversationTools.MergedInMemory(stored, patch)}");
    }

    /// <summary>
    /// A doctor of his own with a profile; a shift he holds (+10 days) with a reminder about it pending; a reservation
    /// of his that expired (its shift still open); Júlia's recorded offer of a shift another doctor then took and of one
    /// whose pay staff changed since.
    /// </summary>
    async Task<(Guid Doctor, Guid Conversa, Guid Held, Guid Taken, Guid Open)> RecordedStateAsync()
    {
        var doctor = await f.ScalarAsync<Guid>("""
            INSERT INTO medicos (telefone, whatsapp_jid, primeiro_nome, sobrenome, titulo, origem, especialidade_id, crm, estado, cidade, regiao,
                                 preferencias_detectadas)
            SELECT @Phone, @Phone || '@s.whatsapp.net', 'Helena', 'Paridade', 'Dra.', 'import', especialidade_id, '123456', 'SP', 'São Paulo',
                   'Zona Sul', '{"turnos": ["diurno"], "dias_preferidos": ["sábado"]}'
            FROM medicos WHERE telefone = '5511992580402' RETURNING id
            """, new { Phone });
        async Task<Guid> ShiftAsync(int hospital, int days, int valor, string status, Guid? holder) => await f.ScalarAsync<Guid>("""
            INSERT INTO vagas (hospital_id, especialidade_id, data, hora_inicio, hora_fim, valor, status, medico_id)
            SELECT (SELECT id FROM hospitais ORDER BY nome OFFSET @hospital LIMIT 1), especialidade_id,
                   (now() AT TIME ZONE 'America/Sao_Paulo')::date + @days, '07:00', '19:00', @valor, @status, @holder
            FROM medicos WHERE id = @doctor RETURNING id
            """, new { hospital, days, valor, status, holder, doctor });
        var other = await f.ScalarAsync<Guid>("SELECT id FROM medicos WHERE telefone = '5511992580402'");
        var held = await ShiftAsync(0, 10, 2500, "reservada", doctor);
        var taken = await ShiftAsync(1, 6, 2100, "reservada", other);
        var open = await ShiftAsync(2, 8, 2000, "aberta", null);
        var expired = await ShiftAsync(3, 5, 1900, "aberta", null);
        await f.ExecuteAsync("""
            INSERT INTO reservas_vaga (vaga_id, medico_id, status, origem) VALUES (@held, @doctor, 'ativa', 'julia'), (@taken, @other, 'ativa', 'julia');
            INSERT INTO reservas_vaga (vaga_id, medico_id, status, origem, encerrada_em) VALUES (@expired, @doctor, 'expirada', 'julia', now() - interval '1 day');
            """, new { held, taken, expired, doctor, other });

        var shifts = f.App.Services.GetRequiredService<ShiftStore>();
        var terms = new JsonObject
        {
            [taken.ToString()] = (await shifts.FindAsync(taken, default))!.Terms,
            [open.ToString()] = (await shifts.FindAsync(open, default))!.Terms,
        };
        await f.ExecuteAsync("UPDATE vagas SET valor = 2400 WHERE id = @open", new { open });   // staff raised the pay after the offer

        var conversa = await f.ScalarAsync<Guid>(
            "INSERT INTO conversations (medico_id, message_count) VALUES (@doctor, 1) RETURNING id", new { doctor });
        await f.ExecuteAsync("""
            INSERT INTO interacoes (medico_id, conversa_id, direcao, autor_tipo, origem, conteudo, processado_em, created_at)
            VALUES (@doctor, @conversa, 'entrada', 'medico', 'whatsapp', 'oi, tem plantão pra mim?', now(), now() - interval '20 minutes');
            INSERT INTO interacoes (medico_id, conversa_id, direcao, autor_tipo, origem, conteudo, llm, created_at)
            VALUES (@doctor, @conversa, 'saida', 'julia', 'fila:resposta', @Offer,
                    jsonb_build_object('vagas_oferecidas', jsonb_build_array(@taken, @open), 'termos_oferecidos', @terms::jsonb),
                    now() - interval '19 minutes');
            INSERT INTO fila_mensagens (medico_id, conversa_id, tipo, conteudo, agendar_para, metadata)
            VALUES (@doctor, @conversa, 'lembrete_solicitado', 'Oi Dra. Helena, passando pra lembrar do seu plantão.', now() + interval '3 days',
                    jsonb_build_object('contexto', 'plantão', 'vaga_id', @held, 'vinculo_vaga', 'reservada'));
            """, new { doctor, conversa, Offer, taken = taken.ToString(), open = open.ToString(), held = held.ToString(), terms = terms.ToJsonString() });
        return (doctor, conversa, held, taken, open);
    }

    /// <summary>
    /// The agent's requests of this test (they carry the marker) — live or replayed (the candidate persona). The model
    /// reserves and asks two reminders at once, then answers; the judge gets scores.
    /// </summary>
    static FakeModelServer.Answer Answer(JsonObject request, string when, Guid held, Guid taken, Guid open)
    {
        if (request["tools"] is null)
            return FakeAnthropic.Text("""{"naturalidade": 7, "persona": 7, "objetivo": 7, "satisfacao": 7, "pontos_positivos": [], "pontos_negativos": [], "sugestoes": []}""");
        var last = request["messages"]!.AsArray()[^1]!.ToJsonString();
        if (last.Contains("\"tool_result\"", StringComparison.Ordinal)) return FakeAnthropic.Text("Combinado, doutora!");
        if (!last.Contains(Marker, StringComparison.Ordinal)) return FakeAnthropic.Text("Oi!");
        var body = FakeAnthropic.Fixture("response-tool-use.json");
        JsonObject Use(string id, string name, JsonObject input) => new() { ["type"] = "tool_use", ["id"] = id, ["name"] = name, ["input"] = input };
        body["content"] = new JsonArray(
            Use("toolu_paridade_reserva", "reservar_plantao", new JsonObject { ["vaga_id"] = open.ToString(), ["confirmacao"] = "pode reservar" }),
            Use("toolu_paridade_lembrete", "agendar_lembrete",
                new JsonObject { ["data_hora"] = when, ["contexto"] = "plantão que ela tem", ["vaga_id"] = held.ToString() }),
            Use("toolu_paridade_tomado", "agendar_lembrete",
                new JsonObject { ["data_hora"] = when, ["contexto"] = "plantão oferecido", ["vaga_id"] = taken.ToString() }));
        return new(200, body.ToJsonString());
    }

    List<JsonObject> AgentRequests(bool candidate) => [.. f.Anthropic.Requests.Where(r => r["tools"] is not null
        && r["messages"]!.ToJsonString().Contains(Marker, StringComparison.Ordinal)
        && SystemText(r).Contains(CandidateMarker, StringComparison.Ordinal) == candidate)];

    static string SystemText(JsonObject request) => request["system"] switch
    {
        JsonValue v => v.GetValue<string>(),
        JsonArray blocks => string.Concat(blocks.Select(b => b?["text"]?.GetValue<string>() ?? "")),
        _ => "",
    };

    /// <summary>The system prompt from its first section on (the persona before it is what differs), and its "now".</summary>
    static (DateTime Now, string Sections) Context(string system)
    {
        var sections = system[system.IndexOf("\n## Agora\n", StringComparison.Ordinal)..];
        var now = Regex.Match(sections, @"\d{2}/\d{2}/\d{4} \d{2}:\d{2}");
        Assert.True(now.Success, sections);
        return (DateTime.ParseExact(now.Value, "dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture), sections.Replace(now.Value, "{agora}"));
    }

    /// <summary>The request but its system prompt, messages and tools.</summary>
    static string Rest(JsonObject request)
    {
        var copy = request.DeepClone().AsObject();
        foreach (var part in new[] { "system", "messages", "tools" }) copy.Remove(part);
        return copy.ToJsonString();
    }

    static string ToolResults(JsonObject request) => Regex.Unescape(request["messages"]!.AsArray()[^1]!.ToJsonString());

    Task<List<(string Status, string Conteudo, string Metadata)>> QueueOfAsync(Guid doctor) => f.QueryAsync<(string, string, string)>(
        "SELECT status, conteudo, metadata::text FROM fila_mensagens WHERE medico_id = @doctor ORDER BY created_at, id", new { doctor });
}
