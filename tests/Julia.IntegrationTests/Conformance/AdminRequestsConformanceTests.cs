using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Julia.IntegrationTests.Conversations;
using Julia.Shifts;
using Microsoft.Extensions.DependencyInjection;

namespace Julia.IntegrationTests.Conformance;

// A blind set of admin request bodies (2026-12-06): 312 requests written from README.md and docs/runbook.md before the
// endpoints were read — the shapes a manager's script, a Supabase function or a runbook curl send (BOM, charsets, field
// case, nulls, numbers as text, pt-BR dates, misspelt fields, texts over their bounds, repeats) — run against the real
// host. Each kind below is one of them: those that were wrong (a misspelt field dropped from an erasure or an
// evaluation, a BOM refused by the bodies read by hand, a staff reply or resolution note cut without a word, a detail
// that did not name the filter, an unknown journey stage matching nobody) and those that held and no other test covers.

/// <summary>Júlia with the admin token and no Chatwoot (the simulator's staff pane is on).</summary>
public sealed class AdminRequestsFixture : PipelineFixture
{
    public const string Token = "tok-admin-pedidos-0123456789";
    protected override Dictionary<string, string?> Settings => new(base.Settings) { ["ADMIN_API_TOKEN"] = Token };
}

/// <summary>
/// One request kind: what is sent (`{DOC}`, `{CONV}`, `{HANDOFF}`, `{SHIFT}`, `{RES}` are made fresh for the request;
/// `{PLUS1M}` is a month from today, São Paulo), the status and the words the ProblemDetails `detail` must hold, and a
/// query (same placeholders) whose single value must read <see cref="After"/> once it answered: nothing refused was
/// written, nothing accepted was lost.
/// </summary>
public sealed record AdminRequest(
    string Method, string Path, string? Body, int Status, string? Detail = null, string? After = null, string? AfterSql = null,
    string? ContentType = "application/json");

public sealed class AdminRequestsConformanceTests(AdminRequestsFixture f) : IClassFixture<AdminRequestsFixture>
{
    const string Bom = "\uFEFF";
    const string Evaluation = """{"conversa_id":"{CONV}","naturalidade":8,"persona":9,"objetivo":7,"satisfacao":8,"notas":"boa","tags":["exemplo_bom"]}""";
    const string Campaign = """{"nome":"Pediatria ABC {DOC}","tipo":"oferta_plantao","mensagem_template":"{saudacao_especialidade}","filtros":FILTROS}""";
    const string CampaignsNamed = "SELECT count(*)::text FROM campanhas WHERE nome = 'Pediatria ABC {DOC}'";

    static string CampaignWith(string filters) => Campaign.Replace("FILTROS", filters, StringComparison.Ordinal);

    static readonly Dictionary<string, AdminRequest> Kinds = new()
    {
        // --- wrong before (each failed without its fix) ---
        // An erasure cannot be undone: a misspelt field is a 400 and nothing is erased (it was erased, reason lost).
        ["apagar-campo-desconhecido"] = new("POST", "/admin/medicos/{DOC}/apagar", """{"motivo":"pedido por e-mail","confirmar":true}""", 400,
            "campo desconhecido: confirmar", "false", "SELECT (apagado_em IS NOT NULL)::text FROM medicos WHERE id = '{DOC}'"),
        ["apagar-campo-errado"] = new("POST", "/admin/medicos/{DOC}/apagar", """{"motivo_pedido":"pedido por e-mail"}""", 400,
            "motivo_pedido", "0", "SELECT count(*)::text FROM solicitacoes_titular WHERE medico_id = '{DOC}'"),
        // A staff evaluation with `nota` for `notas` was stored without its notes.
        ["avaliacao-campo-desconhecido"] = new("POST", "/admin/avaliacoes", Evaluation.Replace("\"notas\"", "\"nota\"", StringComparison.Ordinal), 400,
            "campo desconhecido: nota", "0", "SELECT count(*)::text FROM avaliacoes_qualidade WHERE conversa_id = '{CONV}'"),
        ["avaliacao-avaliador"] = new("POST", "/admin/avaliacoes", Evaluation[..^1] + ""","avaliador":"auto"}""", 400, "avaliador"),
        // A UTF-8 BOM (PowerShell's Out-File, Windows editors) on the bodies read by hand, as the typed ones and the webhooks take it.
        ["resolver-bom"] = new("POST", "/admin/handoffs/{HANDOFF}/resolver", Bom + """{"notas":"resolvido por telefone","resolvido_por":"Carla"}""", 200,
            After: "resolvido|resolvido por telefone|Carla", AfterSql: "SELECT status || '|' || notas || '|' || resolvido_por FROM handoffs WHERE id = '{HANDOFF}'"),
        ["sandbox-responder-bom"] = new("POST", "/sandbox/equipe/handoffs/{HANDOFF}/responder", Bom + """{"texto":"Oi, doutor! Aqui é a Carla.","autor":"Carla"}""", 200,
            After: "1", AfterSql: "SELECT count(*)::text FROM interacoes WHERE medico_id = '{DOC}' AND autor_tipo = 'humano' AND conteudo = 'Oi, doutor! Aqui é a Carla.'"),
        // A text over its bound is a 400 naming it, never a silent cut (the doctor got 4 000 of a 4 001-character reply).
        ["sandbox-responder-longo"] = new("POST", "/sandbox/equipe/handoffs/{HANDOFF}/responder", $$"""{"texto":"{{new string('a', 4001)}}"}""", 400,
            "texto tem mais de 4000 caracteres", "0", "SELECT count(*)::text FROM interacoes WHERE medico_id = '{DOC}' AND autor_tipo = 'humano'"),
        ["sandbox-responder-campo-errado"] = new("POST", "/sandbox/equipe/handoffs/{HANDOFF}/responder", """{"texto":"oi","autr":"Carla"}""", 400,
            "campo desconhecido: autr", "0", "SELECT count(*)::text FROM interacoes WHERE medico_id = '{DOC}' AND autor_tipo = 'humano'"),
        ["resolver-notas-longas"] = new("POST", "/admin/handoffs/{HANDOFF}/resolver", $$"""{"notas":"{{new string('n', 2001)}}"}""", 400,
            "notas tem mais de 2000 caracteres", "pendente", "SELECT status FROM handoffs WHERE id = '{HANDOFF}'"),
        ["resolver-por-longo"] = new("POST", "/admin/handoffs/{HANDOFF}/resolver", $$"""{"resolvido_por":"{{new string('p', 201)}}"}""", 400,
            "resolvido_por tem mais de 200 caracteres", "pendente", "SELECT status FROM handoffs WHERE id = '{HANDOFF}'"),
        // The detail names the field: which filter list, the template.
        ["campanha-lista-longa"] = new("POST", "/campanhas", CampaignWith($$"""{"cidades":[{{string.Join(",", Enumerable.Range(0, 501).Select(i => $"\"c{i}\""))}}]}"""),
            400, "filtros.cidades com mais de 500 valores", "0", CampaignsNamed),
        ["campanha-valor-longo"] = new("POST", "/campanhas", CampaignWith($$"""{"tags":["{{new string('t', 101)}}"]}"""), 400,
            "filtros.tags com um valor de mais de 100 caracteres", "0", CampaignsNamed),
        ["campanha-placeholder"] = new("POST", "/campanhas", Campaign.Replace("{saudacao_especialidade}", "Oi {nome}, seu telefone {telefone}", StringComparison.Ordinal)
            .Replace("FILTROS", "{}", StringComparison.Ordinal), 400, "mensagem_template com placeholders desconhecidos: {telefone}", "0", CampaignsNamed),
        // A journey stage that does not exist matched nobody: a campaign that silently sent nothing.
        ["campanha-stage-desconhecido"] = new("POST", "/campanhas", CampaignWith("""{"stages":["msg_enviado"]}"""), 400,
            "filtros.stages desconhecidos: msg_enviado", "0", CampaignsNamed),
        ["preview-stage-desconhecido"] = new("POST", "/campanhas/segmento/preview", """{"filtros":{"stages":["novos"]}}""", 400, "stages desconhecidos: novos"),

        // --- held, and no other test sends them ---
        ["campanha-bom"] = new("POST", "/campanhas", Bom + CampaignWith("""{"stages":["novo","msg_enviada"]}"""), 201, After: "1", AfterSql: CampaignsNamed),
        ["campanha-charset-latin1"] = new("POST", "/campanhas", CampaignWith("{}"), 201, After: "1", AfterSql: CampaignsNamed,
            ContentType: "application/json; charset=iso-8859-1"),
        ["campanha-vnd-json"] = new("POST", "/campanhas", CampaignWith("{}"), 201, ContentType: "application/vnd.api+json"),
        ["campanha-campo-em-maiusculas"] = new("POST", "/campanhas", CampaignWith("{}").Replace("\"nome\"", "\"Nome\"", StringComparison.Ordinal), 201,
            After: "1", AfterSql: CampaignsNamed),
        ["campanha-agendar-data-br"] = new("POST", "/campanhas", CampaignWith("{}")[..^1] + ""","agendar_para":"15/03/2027 09:00"}""", 400, "agendar_para", "0", CampaignsNamed),
        ["campanha-max-texto"] = new("POST", "/campanhas", CampaignWith("{}")[..^1] + ""","max_por_dia":"30"}""", 400, "max_por_dia", "0", CampaignsNamed),
        ["campanha-virgula-final"] = new("POST", "/campanhas", CampaignWith("{}")[..^1] + ",}", 400, null, "0", CampaignsNamed),
        ["pausar-bom"] = new("POST", "/admin/medicos/{DOC}/pausar", Bom + """{"ate":"{PLUS1M}","motivo":"licença","por":"Carla"}""", 200,
            After: "{PLUS1M}", AfterSql: "SELECT (contato_pausado_ate AT TIME ZONE 'America/Sao_Paulo')::date::text FROM medicos WHERE id = '{DOC}'"),
        ["pausar-data-br"] = new("POST", "/admin/medicos/{DOC}/pausar", """{"ate":"15/03/2027","motivo":"licença"}""", 400, "AAAA-MM-DD",
            "", "SELECT coalesce(contato_pausado_ate::text, '') FROM medicos WHERE id = '{DOC}'"),
        ["pausar-uuid-maiusculo"] = new("POST", "/admin/medicos/{DOC_UPPER}/pausar", """{"ate":"{PLUS1M}","motivo":"férias — volta em março 🏖️"}""", 200,
            After: "férias — volta em março 🏖️", AfterSql: "SELECT contato_pausado_motivo FROM medicos WHERE id = '{DOC}'"),
        ["reservar-bom-confirmada"] = new("POST", "/admin/vagas/{SHIFT}/reservar", Bom + """{"medico_id":"{DOC}","confirmar":true,"por":"Carla"}""", 201,
            After: "confirmada|humano|Carla", AfterSql: "SELECT status || '|' || origem || '|' || reservada_por FROM reservas_vaga WHERE vaga_id = '{SHIFT}'"),
        ["reservar-confirmar-texto"] = new("POST", "/admin/vagas/{SHIFT}/reservar", """{"medico_id":"{DOC}","confirmar":"sim"}""", 400, "confirmar",
            "0", "SELECT count(*)::text FROM reservas_vaga WHERE vaga_id = '{SHIFT}'"),
        ["reservar-telefone-no-id"] = new("POST", "/admin/vagas/{SHIFT}/reservar", """{"medico_id":"+55 (11) 9 9999-9999"}""", 400, "medico_id",
            "0", "SELECT count(*)::text FROM reservas_vaga WHERE vaga_id = '{SHIFT}'"),
        ["confirmar-bom"] = new("POST", "/admin/reservas/{RES}/confirmar", Bom + """{"por":"Joana"}""", 200,
            After: "confirmada|Joana", AfterSql: "SELECT status || '|' || confirmada_por FROM reservas_vaga WHERE id = '{RES}'"),
        ["cancelar-motivo-em-branco"] = new("POST", "/admin/reservas/{RES}/cancelar", """{"motivo":"   "}""", 400, "motivo",
            "ativa", "SELECT status FROM reservas_vaga WHERE id = '{RES}'"),
        ["resolver-sem-corpo"] = new("POST", "/admin/handoffs/{HANDOFF}/resolver", null, 200, After: "resolvido",
            AfterSql: "SELECT status FROM handoffs WHERE id = '{HANDOFF}'", ContentType: null),
        ["avaliacao-bom"] = new("POST", "/admin/avaliacoes", Bom + Evaluation, 201,
            After: "8|boa", AfterSql: "SELECT score_geral || '|' || notas FROM avaliacoes_qualidade WHERE conversa_id = '{CONV}'"),
        ["avaliacao-nota-com-virgula"] = new("POST", "/admin/avaliacoes", Evaluation.Replace("\"satisfacao\":8", "\"satisfacao\":\"7,5\"", StringComparison.Ordinal), 400,
            "satisfacao", "0", "SELECT count(*)::text FROM avaliacoes_qualidade WHERE conversa_id = '{CONV}'"),
        ["apagar-bom"] = new("POST", "/admin/medicos/{DOC}/apagar", Bom + """{"motivo":"pedido via WhatsApp — Dr. João","solicitado_por":"José"}""", 200,
            After: "pedido via WhatsApp — Dr. João|José", AfterSql: "SELECT motivo || '|' || solicitado_por FROM solicitacoes_titular WHERE medico_id = '{DOC}'"),
        ["handoffs-parametro-repetido"] = new("GET", "/admin/handoffs?limite=5&limite=6", null, 400, "limite", ContentType: null),
        ["resumo-dias-decimal"] = new("GET", "/metricas/resumo?dias=7.5", null, 400, "dias", ContentType: null),
    };

    public static TheoryData<string> KindNames => new(Kinds.Keys);

    static int nextPhone;

    [Theory]
    [MemberData(nameof(KindNames))]
    public async Task Each_admin_request_kind_gets_the_documented_answer(string kind)
    {
        var request = Kinds[kind];
        var values = await PlaceholdersAsync(request.Path + request.Body + request.AfterSql);
        string Fill(string text) => values.Aggregate(text, (t, v) => t.Replace("{" + v.Key + "}", v.Value, StringComparison.Ordinal));

        using var message = new HttpRequestMessage(new HttpMethod(request.Method), Fill(request.Path));
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AdminRequestsFixture.Token);
        if (request.Body is { } body)
        {
            message.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(Fill(body)));
            if (request.ContentType is { } type) message.Content.Headers.TryAddWithoutValidation("Content-Type", type);
        }
        using var response = await f.Client.SendAsync(message);
        var text = await response.Content.ReadAsStringAsync();

        Assert.True(request.Status == (int)response.StatusCode, $"{kind}: {(int)response.StatusCode} {text[..Math.Min(text.Length, 400)]}");
        if (request.Status >= 400)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = JsonNode.Parse(text)!.AsObject();
            Assert.False(string.IsNullOrEmpty((string?)problem["title"]));
            if (request.Detail is { } words) Assert.Contains(Fill(words), (string?)problem["detail"] ?? "", StringComparison.Ordinal);
        }
        if (request.AfterSql is { } sql) Assert.Equal(Fill(request.After!), await f.ScalarAsync<string>(Fill(sql)) ?? "");
    }

    /// <summary>The fresh rows the request names: a doctor of pediatria with his open conversation, a pending handoff on it, an open shift, a hold of his.</summary>
    async Task<Dictionary<string, string>> PlaceholdersAsync(string text)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("America/Sao_Paulo")).DateTime);
        var values = new Dictionary<string, string> { ["PLUS1M"] = today.AddMonths(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) };
        await f.ExecuteAsync("INSERT INTO especialidades (nome) VALUES ('pediatria') ON CONFLICT (nome) DO NOTHING");
        var (medico, conversa) = await f.DoctorAsync($"55119771{Interlocked.Increment(ref nextPhone):D5}");
        await f.ExecuteAsync("UPDATE medicos SET especialidade_id = (SELECT id FROM especialidades WHERE nome = 'pediatria') WHERE id = @medico", new { medico });
        values["DOC"] = medico.ToString();
        values["DOC_UPPER"] = medico.ToString().ToUpperInvariant();
        values["CONV"] = conversa.ToString();
        if (text.Contains("{HANDOFF}", StringComparison.Ordinal))
        {
            await f.ExecuteAsync("UPDATE conversations SET controlled_by = 'human' WHERE id = @conversa", new { conversa });
            values["HANDOFF"] = (await f.ScalarAsync<Guid>("""
                INSERT INTO handoffs (conversa_id, medico_id, trigger_type, motivo) VALUES (@conversa, @medico, 'pedido_humano', 'pediu uma pessoa') RETURNING id
                """, new { conversa, medico })).ToString();
        }
        if (text.Contains("{SHIFT}", StringComparison.Ordinal) || text.Contains("{RES}", StringComparison.Ordinal))
        {
            var shift = await f.ScalarAsync<Guid>("""
                WITH h AS (INSERT INTO hospitais (nome, cidade) VALUES ('Hospital Pedidos', 'Santo André')
                           ON CONFLICT (nome, cidade) DO UPDATE SET nome = EXCLUDED.nome RETURNING id)
                INSERT INTO vagas (hospital_id, especialidade_id, data, hora_inicio, hora_fim, valor, status)
                SELECT h.id, (SELECT id FROM especialidades WHERE nome = 'pediatria'), (now() AT TIME ZONE 'America/Sao_Paulo')::date + 10, '07:00', '19:00', 1800, 'aberta'
                FROM h RETURNING id
                """);
            values["SHIFT"] = shift.ToString();
            if (text.Contains("{RES}", StringComparison.Ordinal))
            {
                var held = await f.App.Services.GetRequiredService<ShiftStore>().ReserveAsync(new ReservationRequest(shift, medico, conversa, "pode reservar"), default);
                Assert.True(held.Succeeded, held.Outcome);
                values["RES"] = held.ReservationId!.Value.ToString();
            }
        }
        return values;
    }
}
