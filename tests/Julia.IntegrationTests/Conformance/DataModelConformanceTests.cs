using System.Text.RegularExpressions;
using Dapper;
using Julia.Infrastructure.Database;
using Julia.IntegrationTests.TestHost;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Julia.IntegrationTests.Conformance;

/// <summary>One database migrated as `julia migrate` does, read through the catalog.</summary>
public sealed class MigratedDatabaseFixture : IAsyncLifetime
{
    TestDatabase database = null!;
    public NpgsqlDataSource Db { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        Db = database.CreateDataSource();
        await new MigrationRunner(Db, NullLogger<MigrationRunner>.Instance).RunAsync(default);
    }

    public async Task DisposeAsync()
    {
        await Db.DisposeAsync();
        await database.DisposeAsync();
    }
}

/// <summary>
/// The data model as the operator and the runbook's SQL see it: every column the model names, the defaults, each status
/// vocabulary exactly (no value missing, none extra), the indexes the queries and the retention rely on, the delete rules
/// of the references to `conversations`, timestamps with time zone, and `updated_at` kept by trigger.
/// </summary>
public sealed class DataModelConformanceTests(MigratedDatabaseFixture f) : IClassFixture<MigratedDatabaseFixture>
{
    public static TheoryData<string, string> Columns()
    {
        var data = new TheoryData<string, string>();
        foreach (var (table, columns) in new Dictionary<string, string>
        {
            ["conversations"] = "id medico_id status controlled_by stage escalation_reason pausado_ate chatwoot_conversation_id chatwoot_contact_id campanha_id message_count last_message_at last_inbound_at last_outbound_at completed_at created_at updated_at",
            ["fila_mensagens"] = "id medico_id conversa_id tipo conteudo prioridade status agendar_para tentativas max_tentativas processando_desde envio_iniciado_em enviada_em erro outcome_reason_code provider_message_id lote_id sequencia metadata created_at",
            ["handoffs"] = "id conversa_id medico_id trigger_type motivo status from_controller to_controller metadata slack_notificado_em notas resolvido_em resolvido_por created_at",
            ["interacoes"] = "id medico_id conversa_id direcao tipo autor_tipo origem conteudo midia provider_message_id remote_jid processado_em tempo_resposta_ms ai_confidence sentimento_score created_at",
            ["medicos"] = "id telefone whatsapp_jid whatsapp_lid primeiro_nome sobrenome titulo crm estado cidade regiao email especialidade_id especialidade stage_jornada opted_out opted_out_at opted_out_reason bloqueado bloqueado_motivo vip pressure_score preferencias_detectadas tags chatwoot_contact_id origem primeiro_contato_em ultima_abertura created_at updated_at deleted_at",
            ["hospitais"] = "id nome cidade estado bairro regiao endereco_formatado latitude longitude",
            ["especialidades"] = "id nome nome_display config",
            ["setores"] = "id nome",
            ["periodos"] = "id nome index hora_inicio hora_fim",
            ["tipos_vaga"] = "id nome",
            ["formas_recebimento"] = "id nome",
            ["vagas"] = "id hospital_id especialidade_id setor_id periodo_id tipos_vaga_id forma_recebimento_id data hora_inicio hora_fim valor valor_tipo valor_minimo valor_maximo prioridade status medico_id fechada_em fechada_por cancelada_em cancelada_por realizada_em observacoes created_at updated_at deleted_at",
            ["reservas_vaga"] = "id vaga_id medico_id conversa_id status origem confirmacao created_at encerrada_em motivo",
            ["campanhas"] = "id nome tipo mensagem_template filtros max_por_dia status agendar_para iniciada_em concluida_em total_destinatarios created_at",
            ["envios_campanha"] = "id campanha_id medico_id status fila_mensagem_id motivo created_at enviado_em",
            ["avaliacoes_qualidade"] = "id conversa_id naturalidade persona objetivo satisfacao score_geral avaliador modelo detalhes notas tags created_at",
            ["alertas_enviados"] = "id tipo severidade mensagem valor created_at",
            ["sugestoes_prompt"] = "id tipo status exemplo_ruim exemplo_bom conversa_id avaliacao_id",
            ["metricas_deteccao_bot"] = "id mensagem padrao trecho falso_positivo",
            ["diretrizes"] = "id tipo conteudo medico_id vaga_id prioridade ativo expira_em",
        })
            foreach (var column in columns.Split(' '))
                data.Add(table, column);
        return data;
    }

    [Theory]
    [MemberData(nameof(Columns))]
    public async Task EveryNamedColumnExists(string table, string column)
    {
        await using var c = await f.Db.OpenConnectionAsync();
        Assert.Equal(1, await c.ExecuteScalarAsync<int>(
            "SELECT count(*) FROM information_schema.columns WHERE table_schema = 'public' AND table_name = @table AND column_name = @column",
            new { table, column }));
    }

    [Theory]
    [InlineData("conversations", "status", "active")]
    [InlineData("conversations", "controlled_by", "ai")]
    [InlineData("conversations", "stage", "novo")]
    [InlineData("conversations", "message_count", "0")]
    [InlineData("fila_mensagens", "prioridade", "5")]
    [InlineData("fila_mensagens", "status", "pendente")]
    [InlineData("fila_mensagens", "tentativas", "0")]
    [InlineData("fila_mensagens", "max_tentativas", "3")]
    [InlineData("fila_mensagens", "metadata", "{}")]
    [InlineData("handoffs", "status", "pendente")]
    [InlineData("medicos", "opted_out", "False")]
    [InlineData("medicos", "bloqueado", "False")]
    [InlineData("medicos", "pressure_score", "0")]
    [InlineData("campanhas", "max_por_dia", "50")]
    [InlineData("campanhas", "status", "rascunho")]
    [InlineData("envios_campanha", "status", "pendente")]
    [InlineData("reservas_vaga", "status", "ativa")]
    [InlineData("vagas", "status", "aberta")]
    [InlineData("vagas", "prioridade", "normal")]
    public async Task ColumnDefaultsAreTheModelsDefaults(string table, string column, string expected)
    {
        await using var c = await f.Db.OpenConnectionAsync();
        var expression = await c.ExecuteScalarAsync<string>(
            "SELECT column_default FROM information_schema.columns WHERE table_schema = 'public' AND table_name = @table AND column_name = @column",
            new { table, column });
        Assert.NotNull(expression);
        // The default evaluated, as an INSERT that leaves the column out would store it.
        var value = await c.ExecuteScalarAsync<object>($"SELECT {expression}");
        Assert.Equal(expected, Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task AQueueRowGetsItsDefaultsFromAnInsertNamingOnlyTheRequiredColumns()
    {
        await using var c = await f.Db.OpenConnectionAsync();
        await using var tx = await c.BeginTransactionAsync();
        var medico = await c.ExecuteScalarAsync<Guid>("INSERT INTO medicos (telefone) VALUES ('5511988820001') RETURNING id", transaction: tx);
        var row = await c.QuerySingleAsync<(int Prioridade, string Status, int Tentativas, int Max, bool DueNow, string Metadata)>("""
            INSERT INTO fila_mensagens (medico_id, tipo, conteudo) VALUES (@medico, 'campanha', 'oi')
            RETURNING prioridade, status, tentativas, max_tentativas, agendar_para <= now(), metadata::text
            """, new { medico }, tx);
        Assert.Equal((5, "pendente", 0, 3, true, "{}"), row);
        await tx.RollbackAsync();
    }

    [Theory]
    [InlineData("conversations", "status", "active paused escalated completed abandoned")]
    [InlineData("conversations", "controlled_by", "ai human")]
    [InlineData("conversations", "stage", "novo msg_enviada followup_1_enviado followup_2_enviado nao_respondeu respondeu reservou recontato")]
    [InlineData("fila_mensagens", "tipo", "resposta sistema lembrete_solicitado followup campanha")]
    [InlineData("fila_mensagens", "status", "pendente processando enviada erro cancelada bloqueada")]
    [InlineData("handoffs", "trigger_type", "pedido_humano juridico sentimento_negativo baixa_confianca manual erro_sistema")]
    [InlineData("handoffs", "status", "pendente em_atendimento resolvido")]
    [InlineData("handoffs", "from_controller", "ai human")]
    [InlineData("handoffs", "to_controller", "ai human")]
    [InlineData("interacoes", "direcao", "entrada saida")]
    [InlineData("interacoes", "tipo", "texto audio imagem documento video sticker outro")]
    [InlineData("interacoes", "autor_tipo", "medico julia humano sistema")]
    [InlineData("medicos", "stage_jornada", "novo msg_enviada aguardando_resposta respondeu em_conversacao qualificado docs_pendentes cadastrado ativo nao_respondeu inativo perdido opt_out")]
    [InlineData("medicos", "origem", "import whatsapp_inbound manual")]
    [InlineData("vagas", "status", "aberta anunciada reservada confirmada realizada cancelada fechada pendente_confirmacao")]
    [InlineData("vagas", "prioridade", "normal alta urgente critica")]
    [InlineData("vagas", "valor_tipo", "fixo faixa a_combinar")]
    [InlineData("vagas", "fechada_por", "julia humano app")]
    [InlineData("reservas_vaga", "status", "ativa confirmada cancelada expirada")]
    [InlineData("reservas_vaga", "origem", "julia humano")]
    [InlineData("campanhas", "tipo", "primeiro_contato oferta_plantao reativacao feedback")]
    [InlineData("campanhas", "status", "rascunho agendada ativa pausada concluida cancelada")]
    [InlineData("envios_campanha", "status", "pendente enfileirado enviado bloqueado erro cancelado")]
    [InlineData("avaliacoes_qualidade", "avaliador", "auto gestor")]
    [InlineData("alertas_enviados", "severidade", "info warning error critical")]
    [InlineData("sugestoes_prompt", "tipo", "adicionar_regra remover_regra ajustar_tom exemplo")]
    [InlineData("sugestoes_prompt", "status", "pendente implementada rejeitada")]
    [InlineData("diretrizes", "tipo", "foco evitar tom meta vip bloqueado vaga_prioritaria margem")]
    public async Task EachStatusVocabularyIsExactlyTheModels(string table, string column, string values)
    {
        await using var c = await f.Db.OpenConnectionAsync();
        // The CHECKs of the table on this column alone, and the constraints of the column's domain (docs/decisions.md#data-model).
        var definitions = (await c.QueryAsync<string>("""
            SELECT pg_get_constraintdef(k.oid) FROM pg_constraint k
            JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = ANY (k.conkey)
            WHERE k.contype = 'c' AND k.conrelid = ('public.' || @table)::regclass AND a.attname = @column AND cardinality(k.conkey) = 1
            UNION ALL
            SELECT pg_get_constraintdef(k.oid) FROM pg_attribute a JOIN pg_constraint k ON k.contypid = a.atttypid
            WHERE a.attrelid = ('public.' || @table)::regclass AND a.attname = @column AND k.contype = 'c'
            """, new { table, column })).ToList();

        var accepted = definitions.SelectMany(d => Regex.Matches(d, @"'([^']*)'::").Select(m => m.Groups[1].Value)).ToHashSet();
        Assert.Equal(values.Split(' ').Order(), accepted.Order());
    }

    [Fact]
    public async Task TheJourneyStagesACampaignMayNameAreTheDomainsValues()
    {
        await using var c = await f.Db.OpenConnectionAsync();
        var definitions = await c.QueryAsync<string>("""
            SELECT pg_get_constraintdef(k.oid) FROM pg_constraint k JOIN pg_type t ON t.oid = k.contypid
            WHERE t.typname = 'medicos_stage_jornada' AND k.contype = 'c'
            """);
        var accepted = definitions.SelectMany(d => Regex.Matches(d, @"'([^']*)'::").Select(m => m.Groups[1].Value));
        Assert.Equal(accepted.Order(), Julia.Doctors.JourneyStages.All.Order());
    }

    [Theory]
    [InlineData("conversations", true, "(medico_id) WHERE (status = ANY (ARRAY['active'::text, 'paused'::text]))")]
    [InlineData("conversations", false, "(status)")]
    [InlineData("conversations", false, "(created_at)")]
    [InlineData("conversations", false, "(chatwoot_conversation_id) WHERE (chatwoot_conversation_id IS NOT NULL)")]
    [InlineData("conversations", false, "(stage, last_outbound_at) WHERE ((status = 'active'::text) AND (controlled_by = 'ai'::text))")]
    [InlineData("fila_mensagens", false, "(prioridade DESC, agendar_para, created_at")]
    [InlineData("fila_mensagens", false, "(enviada_em) WHERE (status = 'enviada'::text)")]
    [InlineData("fila_mensagens", false, "(processando_desde) WHERE (status = 'processando'::text)")]
    [InlineData("fila_mensagens", false, "(medico_id, status)")]
    [InlineData("fila_mensagens", false, "(((metadata ->> 'campanha_id'::text)))")]
    [InlineData("fila_mensagens", false, "(lote_id, sequencia)")]
    [InlineData("handoffs", false, "(status, created_at DESC)")]
    [InlineData("handoffs", false, "(conversa_id)")]
    [InlineData("handoffs", true, "(conversa_id) WHERE (status = ANY (ARRAY['pendente'::text, 'em_atendimento'::text]))")]
    [InlineData("interacoes", true, "(provider_message_id) WHERE ((direcao)::text = 'entrada'::text)")]
    [InlineData("interacoes", false, "(conversa_id, created_at DESC)")]
    [InlineData("interacoes", false, "(created_at DESC)")]
    [InlineData("interacoes", false, "(medico_id, created_at DESC)")]
    // The pending-inbound sweeper's index also leads with medico_id (migrations 0007/0008, docs/decisions.md#inbound).
    [InlineData("interacoes", false, "WHERE (((direcao)::text = 'entrada'::text) AND (processado_em IS NULL))")]
    [InlineData("medicos", true, "(telefone)")]
    [InlineData("medicos", true, "(whatsapp_lid)")]
    [InlineData("medicos", false, "(especialidade_id)")]
    [InlineData("medicos", false, "(stage_jornada) WHERE (deleted_at IS NULL)")]
    [InlineData("medicos", false, "(crm)")]
    [InlineData("medicos", false, "gin (tags)")]
    [InlineData("medicos", false, "(id) WHERE ((NOT opted_out) AND (NOT bloqueado) AND (deleted_at IS NULL))")]
    [InlineData("vagas", false, "(especialidade_id, data) WHERE ((status = 'aberta'::text) AND (deleted_at IS NULL))")]
    [InlineData("vagas", false, "(medico_id, data) WHERE (status = ANY (ARRAY['reservada'::text, 'confirmada'::text]))")]
    [InlineData("vagas", false, "(hospital_id, status, data)")]
    [InlineData("reservas_vaga", true, "(vaga_id) WHERE (status = ANY (ARRAY['ativa'::text, 'confirmada'::text]))")]
    [InlineData("envios_campanha", true, "(campanha_id, medico_id)")]
    [InlineData("envios_campanha", false, "(campanha_id, status)")]
    [InlineData("avaliacoes_qualidade", true, "(conversa_id) WHERE (avaliador = 'auto'::text)")]
    [InlineData("avaliacoes_qualidade", false, "(created_at)")]
    [InlineData("alertas_enviados", false, "(tipo, created_at DESC)")]
    [InlineData("especialidades", true, "(nome)")]
    public async Task TheIndexesTheQueriesRelyOnExist(string table, bool unique, string definition)
    {
        await using var c = await f.Db.OpenConnectionAsync();
        var indexes = (await c.QueryAsync<string>("SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename = @table", new { table })).ToList();

        // "… USING btree (a, b) WHERE …": the columns (a prefix is enough where more follow) and the predicate as Postgres prints them.
        var found = indexes.Where(d => d.Contains(definition.StartsWith("gin ", StringComparison.Ordinal) || definition.StartsWith("WHERE", StringComparison.Ordinal)
            ? definition : $"USING btree {definition}", StringComparison.Ordinal)).ToList();
        Assert.True(found.Count > 0, $"no index {definition} on {table}: {string.Join(" | ", indexes)}");
        if (unique) Assert.Contains(found, d => d.StartsWith("CREATE UNIQUE INDEX", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("handoffs", "CASCADE")]
    [InlineData("avaliacoes_qualidade", "CASCADE")]
    [InlineData("interacoes", "SET NULL")]
    [InlineData("fila_mensagens", "SET NULL")]
    [InlineData("reservas_vaga", "SET NULL")]
    [InlineData("envios_campanha", "SET NULL")]
    public async Task ReferencesToConversationsCascadeOrBecomeNull(string table, string rule)
    {
        await using var c = await f.Db.OpenConnectionAsync();
        var rules = (await c.QueryAsync<string>("""
            SELECT r.delete_rule FROM information_schema.referential_constraints r
            JOIN information_schema.key_column_usage k ON k.constraint_name = r.constraint_name AND k.constraint_schema = r.constraint_schema
            JOIN information_schema.constraint_column_usage u ON u.constraint_name = r.constraint_name AND u.constraint_schema = r.constraint_schema
            WHERE k.table_name = @table AND k.column_name = 'conversa_id' AND u.table_name = 'conversations'
            """, new { table })).ToList();
        Assert.Equal([rule], rules);
    }

    [Fact]
    public async Task EveryTimestampIsWithTimeZone()
    {
        await using var c = await f.Db.OpenConnectionAsync();
        var naive = await c.QueryAsync<string>("""
            SELECT table_name || '.' || column_name FROM information_schema.columns
            WHERE table_schema = 'public' AND data_type = 'timestamp without time zone'
            """);
        Assert.Empty(naive);
    }

    [Theory]
    [InlineData("conversations")]
    [InlineData("medicos")]
    [InlineData("vagas")]
    public async Task UpdatedAtMovesOnAnyUpdate(string table)
    {
        await using var c = await f.Db.OpenConnectionAsync();
        await using var tx = await c.BeginTransactionAsync();
        var medico = await c.ExecuteScalarAsync<Guid>("INSERT INTO medicos (telefone) VALUES ('5511988820002') RETURNING id", transaction: tx);
        Guid id = table switch
        {
            "medicos" => medico,
            "conversations" => await c.ExecuteScalarAsync<Guid>("INSERT INTO conversations (medico_id) VALUES (@medico) RETURNING id", new { medico }, tx),
            _ => await c.ExecuteScalarAsync<Guid>("""
                WITH e AS (INSERT INTO especialidades (nome) VALUES ('conformidade') RETURNING id),
                     h AS (INSERT INTO hospitais (nome, cidade) VALUES ('H', 'Santo André') RETURNING id)
                INSERT INTO vagas (hospital_id, especialidade_id, data) SELECT h.id, e.id, current_date + 3 FROM e, h RETURNING id
                """, transaction: tx),
        };
        var column = table switch { "medicos" => "cidade = 'Santo André'", "conversations" => "stage = 'respondeu'", _ => "observacoes = 'x'" };
        await c.ExecuteAsync($"UPDATE {table} SET updated_at = '2020-01-01T00:00:00Z' WHERE id = @id", new { id }, tx);

        await c.ExecuteAsync($"UPDATE {table} SET {column} WHERE id = @id", new { id }, tx);

        // now() is the transaction's start: the trigger sets it, not the stale value left in the row.
        Assert.True(await c.ExecuteScalarAsync<bool>($"SELECT updated_at = now() FROM {table} WHERE id = @id", new { id }, tx));
        await tx.RollbackAsync();
    }
}
