using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dapper;
using Julia.IntegrationTests.Conversations;
using Julia.IntegrationTests.TestHost;
using StackExchange.Redis;
using static Julia.IntegrationTests.TestHost.EvolutionWebhooks;

namespace Julia.IntegrationTests.Privacy;

/// <summary>Júlia with Chatwoot on (a fake on loopback), an admin token and an LGPD secret, and doctors with a history in every table.</summary>
public class PrivacyFixture : PipelineFixture
{
    public const string AdminToken = "tok-admin-lgpd";
    public FakeChatwoot Chatwoot { get; private set; } = null!;
    long nextContact = 700_000;

    protected override Dictionary<string, string?> Settings => new()
    {
        ["HUMANIZAR"] = "false", ["ADMIN_API_TOKEN"] = AdminToken, ["LGPD_SEGREDO"] = "segredo-de-teste-lgpd",
        ["CHATWOOT_URL"] = Chatwoot.Url, ["CHATWOOT_API_TOKEN"] = "tok-api", ["CHATWOOT_ACCOUNT_ID"] = "1",
        ["CHATWOOT_WEBHOOK_TOKEN"] = "tok-webhook-chatwoot", ["Chatwoot:TimeoutSeconds"] = "2",
    };

    public override async Task InitializeAsync()
    {
        Chatwoot = Peer(await FakeChatwoot.StartAsync());
        await base.InitializeAsync();
    }


    public sealed record Doctor(Guid Id, string Phone, string First, string Last, string Crm, long ChatwootContact)
    {
        /// <summary>What must not survive an erasure anywhere.</summary>
        public string[] Identifiers => [Phone, First, Last, Crm];
    }

    /// <summary>
    /// A doctor who wrote through the webhook (row, message, conversation, Júlia's reply sent) and then has rows in every
    /// other table that can hold something about him, his contact in Chatwoot and his last-send key in Redis.
    /// </summary>
    public async Task<Doctor> DoctorWithHistoryAsync(string phone, string first, string last, string crm)
    {
        await PostAsync(Client, Text(phone, $"oi, sou {first} {last}, CRM {crm}, tem plantão?", pushName: $"{first} {last}"));
        await WaitProcessedAsync(phone);
        var id = await ScalarAsync<Guid>("SELECT id FROM medicos WHERE telefone = @phone", new { phone });
        await WaitSendsRecordedAsync(id);
        var contact = Interlocked.Increment(ref nextContact);
        Chatwoot.AddContact(contact, $"{first} {last}", "+" + phone);
        await ExecuteAsync("""
            UPDATE medicos SET crm = @crm, email = lower(@first) || '@exemplo.com.br', cidade = 'Santo André', titulo = 'Dr.',
                   preferencias_detectadas = jsonb_build_object('observacao', 'prefere noturno; ' || @first || ' ' || @last),
                   tags = '["vip"]', chatwoot_contact_id = @contact::text
            WHERE id = @id;
            INSERT INTO especialidades (nome) VALUES ('anestesiologia') ON CONFLICT (nome) DO NOTHING;
            INSERT INTO hospitais (nome, cidade) VALUES ('Hospital Teste', 'São Paulo') ON CONFLICT (nome, cidade) DO NOTHING;
            WITH conversa AS (SELECT id FROM conversations WHERE medico_id = @id ORDER BY created_at LIMIT 1),
            vaga AS (
                INSERT INTO vagas (hospital_id, especialidade_id, data, status, medico_id)
                SELECT h.id, e.id, current_date + 10, 'reservada', @id FROM hospitais h, especialidades e
                WHERE h.nome = 'Hospital Teste' AND e.nome = 'anestesiologia' RETURNING id),
            reserva AS (
                INSERT INTO reservas_vaga (vaga_id, medico_id, conversa_id, status, confirmacao, confirmada_em, confirmada_por, notas,
                                           encerrada_em, encerrada_por, motivo)
                SELECT vaga.id, @id, conversa.id, 'confirmada', 'confirmo, aqui é ' || @first, now(), 'Carla (equipe)',
                       'falei com ' || @first || ' por telefone', NULL, NULL, NULL
                FROM vaga, conversa
                UNION ALL
                SELECT vaga.id, @id, conversa.id, 'cancelada', 'pode ser', NULL, NULL, NULL, now(), 'Carla (equipe)', @first || ' desistiu'
                FROM vaga, conversa
                RETURNING id),
            campanha AS (
                INSERT INTO campanhas (nome, tipo, mensagem_template) VALUES ('Reativação ' || gen_random_uuid(), 'reativacao', 'Oi {nome}') RETURNING id),
            envio AS (
                INSERT INTO envios_campanha (campanha_id, medico_id, status) SELECT campanha.id, @id, 'pendente' FROM campanha RETURNING id),
            handoff AS (
                INSERT INTO handoffs (conversa_id, medico_id, trigger_type, motivo, metadata, notas)
                SELECT conversa.id, @id, 'manual', 'pediu falar com alguém: ' || @first,
                       jsonb_build_object('ultima_mensagem', 'sou ' || @first || ' CRM ' || @crm, 'total_interacoes', 2,
                           'gatilhos_adicionais', jsonb_build_array(jsonb_build_object('trigger_type', 'juridico', 'motivo', @first || ' falou em advogado', 'em', now()))),
                       'ligar para ' || @phone
                FROM conversa RETURNING id, conversa_id),
            aviso AS (
                INSERT INTO notificacoes (canal, tipo, chave, handoff_id, conversa_id, payload, status)
                SELECT 'slack', 'handoff_aberto', 'slack:teste:' || handoff.id, handoff.id, handoff.conversa_id,
                       jsonb_build_object('nome', @first || ' ' || @last), 'enviada' FROM handoff
                UNION ALL
                SELECT 'chatwoot', 'copia', 'chatwoot:copia:teste:' || @phone, NULL, NULL,
                       jsonb_build_object('medico_id', @id, 'texto', 'sou ' || @first), 'enviada'
                UNION ALL
                -- An expiry notice whose conversation retention already deleted: only its reservation names him.
                (SELECT 'slack', 'reserva_expirada', 'slack:reserva_expirada:' || reserva.id, NULL::uuid, NULL::uuid,
                        jsonb_build_object('reserva_id', reserva.id, 'segundos', 86400), 'enviada' FROM reserva LIMIT 1)
                RETURNING id),
            avaliacao AS (
                INSERT INTO avaliacoes_qualidade (conversa_id, naturalidade, persona, objetivo, satisfacao, score_geral, avaliador, detalhes, notas)
                SELECT conversa.id, 8, 8, 7, 9, 8, 'gestor', jsonb_build_object('pontos_negativos', jsonb_build_array('chamou ' || @first || ' de doutor')),
                       'CRM ' || @crm FROM conversa RETURNING id, conversa_id),
            sugestao AS (
                INSERT INTO sugestoes_prompt (tipo, exemplo_ruim, conversa_id, avaliacao_id)
                SELECT 'exemplo', 'Oi ' || @first || '!', avaliacao.conversa_id, avaliacao.id FROM avaliacao RETURNING id),
            bot AS (
                INSERT INTO metricas_deteccao_bot (medico_id, conversa_id, mensagem, trecho)
                SELECT @id, conversa.id, 'você é um robô? aqui é ' || @first, @first FROM conversa RETURNING id),
            diretriz AS (
                INSERT INTO diretrizes (tipo, conteudo, medico_id) VALUES ('vip', 'tratar ' || @first || ' ' || @last || ' com prioridade', @id) RETURNING id)
            INSERT INTO fila_mensagens (medico_id, conversa_id, tipo, conteudo, agendar_para, metadata)
            SELECT @id, conversa.id, 'lembrete_solicitado', 'Oi ' || @first || ', lembrete do plantão', now() + interval '2 days',
                   jsonb_build_object('contexto', 'o ' || @first || ' pediu para lembrar')
            FROM conversa, reserva, envio, aviso, sugestao, bot, diretriz LIMIT 1;
            """, new { id, phone, first, last, crm, contact });
        using var redis = await ConnectionMultiplexer.ConnectAsync(RedisOptions());
        await redis.GetDatabase(Redis.Database).StringSetAsync($"rate:ultimo:{phone}", "1765387400", TimeSpan.FromHours(1));
        return new Doctor(id, phone, first, last, crm, contact);
    }

    /// <summary>Every text, varchar, jsonb and array column of every table, and every Redis key and value, holding one of the needles.</summary>
    public async Task<List<string>> WhereFoundAsync(params string[] needles)
    {
        var found = new List<string>();
        await using var c = await Db.OpenConnectionAsync();
        var columns = await c.QueryAsync<(string Table, string Column)>("""
            SELECT table_name, column_name FROM information_schema.columns
            WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'jsonb', 'json', 'ARRAY', 'character')
            """);
        foreach (var (table, column) in columns)
            foreach (var needle in needles)
                if (await c.ExecuteScalarAsync<long>($"SELECT count(*) FROM \"{table}\" WHERE \"{column}\"::text ILIKE '%' || @needle || '%'", new { needle }) > 0)
                    found.Add($"{table}.{column} ∋ {needle}");

        using var redis = await ConnectionMultiplexer.ConnectAsync(RedisOptions());
        var db = redis.GetDatabase(Redis.Database);
        foreach (var server in redis.GetServers())
            await foreach (var key in server.KeysAsync(Redis.Database, "*", pageSize: 250))
            {
                var text = (string)key! + " " + await db.KeyTypeAsync(key) switch
                {
                    RedisType.String => (string?)await db.StringGetAsync(key),
                    RedisType.Hash => string.Join(" ", await db.HashGetAllAsync(key)),
                    RedisType.List => string.Join(" ", await db.ListRangeAsync(key)),
                    RedisType.Set => string.Join(" ", await db.SetMembersAsync(key)),
                    RedisType.SortedSet => string.Join(" ", await db.SortedSetRangeByRankAsync(key)),
                    _ => "",
                };
                found.AddRange(needles.Where(n => text.Contains(n, StringComparison.OrdinalIgnoreCase)).Select(n => $"redis {key} ∋ {n}"));
            }
        return found;
    }

    /// <summary>A Redis value as Júlia stored it (null when the key is absent), and writing one back.</summary>
    public async Task<string?> CachedAsync(string key)
    {
        using var redis = await ConnectionMultiplexer.ConnectAsync(RedisOptions());
        return await redis.GetDatabase(Redis.Database).StringGetAsync(key);
    }

    public async Task CacheAsync(string key, string value)
    {
        using var redis = await ConnectionMultiplexer.ConnectAsync(RedisOptions());
        await redis.GetDatabase(Redis.Database).StringSetAsync(key, value, TimeSpan.FromMinutes(5));
    }

    ConfigurationOptions RedisOptions()
    {
        Julia.Infrastructure.Configuration.ConnectionStrings.TryRedis(Redis.Url, out var options, out _);
        options.AllowAdmin = true;
        return options;
    }

    public Task<HttpResponseMessage> AdminAsync(HttpMethod method, string path, object? body = null, string? token = AdminToken)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return Client.SendAsync(request);
    }

    public async Task<JsonObject> EraseAsync(Guid id, object? body = null)
    {
        using var response = await AdminAsync(HttpMethod.Post, $"/admin/medicos/{id}/apagar", body ?? new { motivo = "pedido por e-mail", solicitado_por = "dpo@empresa" });
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    public async Task<JsonObject> ExportAsync(Guid id)
    {
        using var response = await AdminAsync(HttpMethod.Get, $"/admin/medicos/{id}/dados");
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }
}
