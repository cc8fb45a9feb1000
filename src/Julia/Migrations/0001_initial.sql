-- 0001_initial.sql — the whole data model of docs/decisions.md#data-model (tables, CHECK vocabularies, keys, foreign keys, indexes).
--
-- Applied by MigrationRunner inside one transaction (no BEGIN/COMMIT here); pg_stat_statements is created by the
-- runner. PKs are uuid DEFAULT gen_random_uuid() unless docs/decisions.md#data-model says otherwise (interacoes, campanhas: bigint identity).
--
-- Foreign-key policy (so the runbook's "Limpeza" DELETEs always succeed, in the order it lists them):
--   * -> conversations : handoffs, avaliacoes_qualidade ON DELETE CASCADE;
--                        interacoes, fila_mensagens, reservas_vaga, envios_campanha (and optional tables) ON DELETE SET NULL.
--   * -> fila_mensagens: envios_campanha.fila_mensagem_id ON DELETE SET NULL (sent rows are purged after 30 days).
--   * -> interacoes / avaliacoes_qualidade: optional tables reference them ON DELETE SET NULL.
--   * -> medicos       : doctors are soft-deleted (deleted_at); a hard DELETE (data-erasure request) cascades to the
--                        doctor's own rows (conversations, messages, queue, reservations, sends…) and frees held shifts.
--   * -> catalogues    : NO ACTION (a hospital/specialty/sector still used by a shift or doctor cannot be deleted).
-- Every referencing column used by a cascade/set-null has an index, so bounded retention batches stay cheap.

-- ---------------------------------------------------------------------------------------------------------------
-- Shared: updated_at maintenance
-- ---------------------------------------------------------------------------------------------------------------

CREATE FUNCTION set_updated_at() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END
$$;

-- ---------------------------------------------------------------------------------------------------------------
-- Doctors and their specialties (docs/decisions.md#data-model)
-- ---------------------------------------------------------------------------------------------------------------

CREATE TABLE especialidades (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    nome         text NOT NULL UNIQUE,                 -- e.g. 'anestesiologia'
    nome_display text,                                 -- e.g. 'anestesista'
    config       jsonb NOT NULL DEFAULT '{}',          -- tipos_plantao, faixa_valor {min,max}, setores, nota_contexto, saudacao
    created_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT especialidades_config_object CHECK (jsonb_typeof(config) = 'object')
);

CREATE TABLE medicos (
    id                      uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    telefone                varchar(20) UNIQUE,        -- canonical digits (docs/decisions.md#inbound); NULL only for LID-only contacts
    whatsapp_jid            text,                      -- last JID seen or verified: the send address
    whatsapp_lid            text UNIQUE,
    primeiro_nome           text,
    sobrenome               text,
    titulo                  text,                      -- 'Dr.', 'Dra.'
    crm                     text,
    estado                  text,
    cidade                  text,
    regiao                  text,
    email                   text,
    especialidade_id        uuid REFERENCES especialidades (id),
    especialidade           text,                      -- legacy free text
    stage_jornada           text NOT NULL DEFAULT 'novo',
    opted_out               boolean NOT NULL DEFAULT false,
    opted_out_at            timestamptz,
    opted_out_reason        text,
    bloqueado               boolean NOT NULL DEFAULT false,
    bloqueado_motivo        text,
    vip                     boolean NOT NULL DEFAULT false,
    pressure_score          integer NOT NULL DEFAULT 0,
    preferencias_detectadas jsonb NOT NULL DEFAULT '{}',
    tags                    jsonb NOT NULL DEFAULT '[]',
    chatwoot_contact_id     text,
    origem                  text NOT NULL DEFAULT 'manual',
    primeiro_contato_em     timestamptz,
    ultima_abertura         jsonb,
    created_at              timestamptz NOT NULL DEFAULT now(),
    updated_at              timestamptz NOT NULL DEFAULT now(),
    deleted_at              timestamptz,
    CONSTRAINT medicos_endereco CHECK (telefone IS NOT NULL OR whatsapp_lid IS NOT NULL),
    CONSTRAINT medicos_telefone_digitos CHECK (telefone ~ '^[0-9]+$'),
    CONSTRAINT medicos_estado CHECK (estado ~ '^[A-Z]{2}$'),
    CONSTRAINT medicos_stage_jornada CHECK (stage_jornada IN (
        'novo', 'msg_enviada', 'aguardando_resposta', 'respondeu', 'em_conversacao', 'qualificado', 'docs_pendentes',
        'cadastrado', 'ativo', 'nao_respondeu', 'inativo', 'perdido', 'opt_out')),
    CONSTRAINT medicos_pressure_score CHECK (pressure_score BETWEEN 0 AND 100),
    CONSTRAINT medicos_origem CHECK (origem IN ('import', 'whatsapp_inbound', 'manual')),
    CONSTRAINT medicos_preferencias_object CHECK (jsonb_typeof(preferencias_detectadas) = 'object'),
    CONSTRAINT medicos_tags_array CHECK (jsonb_typeof(tags) = 'array')
);

CREATE INDEX medicos_especialidade_id_idx ON medicos (especialidade_id);
CREATE INDEX medicos_stage_jornada_idx ON medicos (stage_jornada) WHERE deleted_at IS NULL;
CREATE INDEX medicos_crm_idx ON medicos (crm);
CREATE INDEX medicos_tags_idx ON medicos USING gin (tags);
CREATE INDEX medicos_contactaveis_idx ON medicos (id) WHERE NOT opted_out AND NOT bloqueado AND deleted_at IS NULL;

CREATE TRIGGER medicos_set_updated_at BEFORE UPDATE ON medicos
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- ---------------------------------------------------------------------------------------------------------------
-- Shifts: catalogues, vagas, reservas_vaga (docs/decisions.md#data-model)
-- ---------------------------------------------------------------------------------------------------------------

CREATE TABLE hospitais (
    id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    nome               text NOT NULL,
    cidade             text NOT NULL,
    estado             text,
    bairro             text,
    regiao             text,                           -- 'ABC', 'Grande SP', 'Capital'
    endereco_formatado text,
    latitude           numeric(9, 6),
    longitude          numeric(9, 6),
    created_at         timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT hospitais_nome_cidade_key UNIQUE (nome, cidade),
    CONSTRAINT hospitais_estado CHECK (estado ~ '^[A-Z]{2}$'),
    CONSTRAINT hospitais_latitude CHECK (latitude BETWEEN -90 AND 90),
    CONSTRAINT hospitais_longitude CHECK (longitude BETWEEN -180 AND 180)
);

CREATE TABLE setores (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    nome       text NOT NULL UNIQUE,                   -- UTI, PS, CC, Enfermaria…
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE periodos (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    nome        text NOT NULL UNIQUE,                  -- diurno, noturno, 24h…
    "index"     integer NOT NULL DEFAULT 0,            -- display order
    hora_inicio time,
    hora_fim    time,                                  -- may be <= hora_inicio (crosses midnight)
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE tipos_vaga (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    nome       text NOT NULL UNIQUE,                   -- avulso, fixo, cobertura
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE formas_recebimento (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    nome       text NOT NULL UNIQUE,                   -- PJ, PF, cooperativa
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE vagas (
    id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    hospital_id          uuid NOT NULL REFERENCES hospitais (id),
    especialidade_id     uuid NOT NULL REFERENCES especialidades (id),
    setor_id             uuid REFERENCES setores (id),
    periodo_id           uuid REFERENCES periodos (id),
    tipos_vaga_id        uuid REFERENCES tipos_vaga (id),
    forma_recebimento_id uuid REFERENCES formas_recebimento (id),
    data                 date NOT NULL,
    hora_inicio          time,
    hora_fim             time,                         -- may cross midnight
    valor                integer,                      -- whole BRL
    valor_tipo           text NOT NULL DEFAULT 'fixo',
    valor_minimo         integer,
    valor_maximo         integer,                      -- negotiation ceiling
    prioridade           text NOT NULL DEFAULT 'normal',
    status               text NOT NULL DEFAULT 'aberta',
    medico_id            uuid REFERENCES medicos (id) ON DELETE SET NULL,   -- holder
    fechada_em           timestamptz,
    fechada_por          text,
    cancelada_em         timestamptz,
    cancelada_por        text,
    realizada_em         timestamptz,
    observacoes          text,
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now(),
    deleted_at           timestamptz,
    CONSTRAINT vagas_valor CHECK (valor >= 0 AND valor_minimo >= 0 AND valor_maximo >= 0),
    CONSTRAINT vagas_faixa CHECK (valor_minimo IS NULL OR valor_maximo IS NULL OR valor_minimo <= valor_maximo),
    CONSTRAINT vagas_valor_tipo CHECK (valor_tipo IN ('fixo', 'faixa', 'a_combinar')),
    CONSTRAINT vagas_prioridade CHECK (prioridade IN ('normal', 'alta', 'urgente', 'critica')),
    -- 'fechada' and 'pendente_confirmacao' are legacy, read-only values (kept so imported rows stay valid).
    CONSTRAINT vagas_status CHECK (status IN (
        'aberta', 'anunciada', 'reservada', 'confirmada', 'realizada', 'cancelada', 'fechada', 'pendente_confirmacao')),
    CONSTRAINT vagas_fechada_por CHECK (fechada_por IN ('julia', 'humano', 'app'))
);

CREATE INDEX vagas_abertas_especialidade_data_idx ON vagas (especialidade_id, data)
    WHERE status = 'aberta' AND deleted_at IS NULL;
CREATE INDEX vagas_medico_data_idx ON vagas (medico_id, data) WHERE status IN ('reservada', 'confirmada');
CREATE INDEX vagas_hospital_status_data_idx ON vagas (hospital_id, status, data);
CREATE INDEX vagas_medico_id_idx ON vagas (medico_id) WHERE medico_id IS NOT NULL;

CREATE TRIGGER vagas_set_updated_at BEFORE UPDATE ON vagas
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- ---------------------------------------------------------------------------------------------------------------
-- Campaigns (docs/decisions.md#data-model, #proactive) — campanhas comes before conversations, which reference the first-touch campaign
-- ---------------------------------------------------------------------------------------------------------------

CREATE TABLE campanhas (
    id                  bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    nome                text NOT NULL,
    tipo                text NOT NULL,
    mensagem_template   text NOT NULL,
    filtros             jsonb NOT NULL DEFAULT '{}',
    max_por_dia         integer NOT NULL DEFAULT 50,
    status              text NOT NULL DEFAULT 'rascunho',
    agendar_para        timestamptz,
    iniciada_em         timestamptz,
    concluida_em        timestamptz,
    total_destinatarios integer NOT NULL DEFAULT 0,
    created_at          timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT campanhas_tipo CHECK (tipo IN ('primeiro_contato', 'oferta_plantao', 'reativacao', 'feedback')),
    CONSTRAINT campanhas_status CHECK (status IN ('rascunho', 'agendada', 'ativa', 'pausada', 'concluida', 'cancelada')),
    CONSTRAINT campanhas_max_por_dia CHECK (max_por_dia > 0),
    CONSTRAINT campanhas_total_destinatarios CHECK (total_destinatarios >= 0),
    CONSTRAINT campanhas_filtros_object CHECK (jsonb_typeof(filtros) = 'object')
);

CREATE INDEX campanhas_status_agendar_para_idx ON campanhas (status, agendar_para);

-- ---------------------------------------------------------------------------------------------------------------
-- Conversations (docs/decisions.md#data-model)
-- ---------------------------------------------------------------------------------------------------------------

CREATE TABLE conversations (
    id                       uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    medico_id                uuid NOT NULL REFERENCES medicos (id) ON DELETE CASCADE,
    status                   text NOT NULL DEFAULT 'active',
    controlled_by            text NOT NULL DEFAULT 'ai',
    stage                    text NOT NULL DEFAULT 'novo',
    escalation_reason        text,
    pausado_ate              timestamptz,
    chatwoot_conversation_id text,
    chatwoot_contact_id      text,
    campanha_id              bigint REFERENCES campanhas (id) ON DELETE SET NULL,
    message_count            integer NOT NULL DEFAULT 0,
    last_message_at          timestamptz,
    last_inbound_at          timestamptz,
    last_outbound_at         timestamptz,
    completed_at             timestamptz,
    created_at               timestamptz NOT NULL DEFAULT now(),
    updated_at               timestamptz NOT NULL DEFAULT now(),
    -- 'escalated' is accepted but not written: human control is expressed only by controlled_by.
    CONSTRAINT conversations_status CHECK (status IN ('active', 'paused', 'escalated', 'completed', 'abandoned')),
    CONSTRAINT conversations_controlled_by CHECK (controlled_by IN ('ai', 'human')),
    CONSTRAINT conversations_stage CHECK (stage IN (
        'novo', 'msg_enviada', 'followup_1_enviado', 'followup_2_enviado', 'nao_respondeu', 'respondeu', 'reservou',
        'recontato')),
    CONSTRAINT conversations_message_count CHECK (message_count >= 0)
);

-- One open thread per doctor (race-free creation with ON CONFLICT).
CREATE UNIQUE INDEX conversations_uma_aberta_por_medico ON conversations (medico_id) WHERE status IN ('active', 'paused');
CREATE INDEX conversations_status_idx ON conversations (status);
CREATE INDEX conversations_created_at_idx ON conversations (created_at);
CREATE INDEX conversations_chatwoot_conversation_id_idx ON conversations (chatwoot_conversation_id)
    WHERE chatwoot_conversation_id IS NOT NULL;
CREATE INDEX conversations_followup_idx ON conversations (stage, last_outbound_at)
    WHERE status = 'active' AND controlled_by = 'ai';
CREATE INDEX conversations_medico_id_idx ON conversations (medico_id);
CREATE INDEX conversations_campanha_id_idx ON conversations (campanha_id) WHERE campanha_id IS NOT NULL;

CREATE TRIGGER conversations_set_updated_at BEFORE UPDATE ON conversations
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE interacoes (
    id                  bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    medico_id           uuid NOT NULL REFERENCES medicos (id) ON DELETE CASCADE,
    conversa_id         uuid REFERENCES conversations (id) ON DELETE SET NULL,
    direcao             text NOT NULL,
    tipo                text NOT NULL DEFAULT 'texto',
    autor_tipo          text,
    origem              text,
    conteudo            text,
    midia               jsonb,                         -- mimetype, filename, caption, media id
    provider_message_id text,
    remote_jid          text,
    processado_em       timestamptz,
    tempo_resposta_ms   integer,
    ai_confidence       numeric,
    sentimento_score    numeric,
    created_at          timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT interacoes_direcao CHECK (direcao IN ('entrada', 'saida')),
    CONSTRAINT interacoes_tipo CHECK (tipo IN ('texto', 'audio', 'imagem', 'documento', 'video', 'sticker', 'outro')),
    CONSTRAINT interacoes_autor_tipo CHECK (autor_tipo IN ('medico', 'julia', 'humano', 'sistema')),
    CONSTRAINT interacoes_origem CHECK (origem IN ('whatsapp', 'chatwoot') OR origem LIKE 'fila:%'),
    CONSTRAINT interacoes_tempo_resposta_ms CHECK (tempo_resposta_ms >= 0)
);

-- Atomic inbound dedupe: INSERT … ON CONFLICT (provider_message_id) WHERE direcao = 'entrada' DO NOTHING.
CREATE UNIQUE INDEX interacoes_entrada_provider_message_id_key ON interacoes (provider_message_id) WHERE direcao = 'entrada';
CREATE INDEX interacoes_conversa_created_at_idx ON interacoes (conversa_id, created_at DESC);
CREATE INDEX interacoes_created_at_idx ON interacoes (created_at DESC);
CREATE INDEX interacoes_medico_created_at_idx ON interacoes (medico_id, created_at DESC);
CREATE INDEX interacoes_entrada_pendente_idx ON interacoes (conversa_id) WHERE direcao = 'entrada' AND processado_em IS NULL;
-- Chatwoot echo detection: "source_id is one of our provider_message_ids" (docs/decisions.md#handoff).
CREATE INDEX interacoes_saida_provider_message_id_idx ON interacoes (provider_message_id)
    WHERE direcao = 'saida' AND provider_message_id IS NOT NULL;

-- ---------------------------------------------------------------------------------------------------------------
-- Queue (docs/decisions.md#data-model, #queue)
-- ---------------------------------------------------------------------------------------------------------------

CREATE TABLE fila_mensagens (
    id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    medico_id           uuid NOT NULL REFERENCES medicos (id) ON DELETE CASCADE,
    conversa_id         uuid REFERENCES conversations (id) ON DELETE SET NULL,
    tipo                text NOT NULL,
    conteudo            text NOT NULL,
    prioridade          integer NOT NULL DEFAULT 5,    -- higher = more urgent
    status              text NOT NULL DEFAULT 'pendente',
    agendar_para        timestamptz NOT NULL DEFAULT now(),
    tentativas          integer NOT NULL DEFAULT 0,
    max_tentativas      integer NOT NULL DEFAULT 3,
    processando_desde   timestamptz,
    envio_iniciado_em   timestamptz,
    enviada_em          timestamptz,
    erro                text,
    outcome_reason_code text,                          -- opt_out, controle_humano, superado, sem_whatsapp, resultado_desconhecido…
    provider_message_id text,
    lote_id             uuid,
    sequencia           smallint,
    metadata            jsonb NOT NULL DEFAULT '{}',   -- campanha_id, tipo_followup, contexto, solicitado_em, gerado_ate_interacao_id
    created_at          timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT fila_mensagens_tipo CHECK (tipo IN ('resposta', 'sistema', 'lembrete_solicitado', 'followup', 'campanha')),
    CONSTRAINT fila_mensagens_prioridade CHECK (prioridade BETWEEN 0 AND 10),
    CONSTRAINT fila_mensagens_status CHECK (status IN ('pendente', 'processando', 'enviada', 'erro', 'cancelada', 'bloqueada')),
    CONSTRAINT fila_mensagens_tentativas CHECK (tentativas >= 0 AND max_tentativas >= 0),
    CONSTRAINT fila_mensagens_sequencia CHECK (sequencia >= 1),
    CONSTRAINT fila_mensagens_metadata_object CHECK (jsonb_typeof(metadata) = 'object')
);

CREATE INDEX fila_mensagens_pendentes_idx ON fila_mensagens (prioridade DESC, agendar_para, created_at) WHERE status = 'pendente';
CREATE INDEX fila_mensagens_enviada_em_idx ON fila_mensagens (enviada_em) WHERE status = 'enviada';
CREATE INDEX fila_mensagens_processando_idx ON fila_mensagens (processando_desde) WHERE status = 'processando';
CREATE INDEX fila_mensagens_medico_status_idx ON fila_mensagens (medico_id, status);
CREATE INDEX fila_mensagens_campanha_id_idx ON fila_mensagens ((metadata ->> 'campanha_id'));
CREATE INDEX fila_mensagens_lote_idx ON fila_mensagens (lote_id, sequencia);
CREATE INDEX fila_mensagens_conversa_id_idx ON fila_mensagens (conversa_id) WHERE conversa_id IS NOT NULL;

-- ---------------------------------------------------------------------------------------------------------------
-- Handoffs (docs/decisions.md#data-model, #handoff)
-- ---------------------------------------------------------------------------------------------------------------

CREATE TABLE handoffs (
    id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    conversa_id         uuid NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    medico_id           uuid NOT NULL REFERENCES medicos (id) ON DELETE CASCADE,
    trigger_type        text NOT NULL,
    motivo              text,
    status              text NOT NULL DEFAULT 'pendente',
    from_controller     text NOT NULL DEFAULT 'ai',
    to_controller       text NOT NULL DEFAULT 'human',
    metadata            jsonb NOT NULL DEFAULT '{}',   -- ultima_mensagem (<=200 chars), total_interacoes, duracao_conversa_minutos, mensagem_gatilho
    slack_notificado_em timestamptz,
    notas               text,
    resolvido_em        timestamptz,
    resolvido_por       text,
    created_at          timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT handoffs_trigger_type CHECK (trigger_type IN (
        'pedido_humano', 'juridico', 'sentimento_negativo', 'baixa_confianca', 'manual', 'erro_sistema')),
    CONSTRAINT handoffs_status CHECK (status IN ('pendente', 'em_atendimento', 'resolvido')),
    CONSTRAINT handoffs_from_controller CHECK (from_controller IN ('ai', 'human')),
    CONSTRAINT handoffs_to_controller CHECK (to_controller IN ('ai', 'human')),
    CONSTRAINT handoffs_metadata_object CHECK (jsonb_typeof(metadata) = 'object')
);

CREATE INDEX handoffs_status_created_at_idx ON handoffs (status, created_at DESC);
CREATE INDEX handoffs_conversa_id_idx ON handoffs (conversa_id);
-- One open handoff per conversation.
CREATE UNIQUE INDEX handoffs_um_aberto_por_conversa ON handoffs (conversa_id) WHERE status IN ('pendente', 'em_atendimento');
CREATE INDEX handoffs_medico_id_idx ON handoffs (medico_id);

-- ---------------------------------------------------------------------------------------------------------------
-- Shift reservations (docs/decisions.md#data-model, #reservations) — after conversations, which they reference
-- ---------------------------------------------------------------------------------------------------------------

CREATE TABLE reservas_vaga (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    vaga_id      uuid NOT NULL REFERENCES vagas (id) ON DELETE CASCADE,
    medico_id    uuid NOT NULL REFERENCES medicos (id) ON DELETE CASCADE,
    conversa_id  uuid REFERENCES conversations (id) ON DELETE SET NULL,
    status       text NOT NULL DEFAULT 'ativa',
    origem       text NOT NULL DEFAULT 'julia',
    confirmacao  text,                                 -- the doctor's own words
    created_at   timestamptz NOT NULL DEFAULT now(),
    encerrada_em timestamptz,
    motivo       text,
    CONSTRAINT reservas_vaga_status CHECK (status IN ('ativa', 'confirmada', 'cancelada', 'expirada')),
    CONSTRAINT reservas_vaga_origem CHECK (origem IN ('julia', 'humano'))
);

CREATE UNIQUE INDEX reservas_vaga_uma_ativa_por_vaga ON reservas_vaga (vaga_id) WHERE status IN ('ativa', 'confirmada');
CREATE INDEX reservas_vaga_medico_status_idx ON reservas_vaga (medico_id, status);
CREATE INDEX reservas_vaga_ativas_created_at_idx ON reservas_vaga (created_at) WHERE status = 'ativa';   -- hold expiry
CREATE INDEX reservas_vaga_conversa_id_idx ON reservas_vaga (conversa_id) WHERE conversa_id IS NOT NULL;

-- ---------------------------------------------------------------------------------------------------------------
-- Campaign sends (docs/decisions.md#data-model, #proactive)
-- ---------------------------------------------------------------------------------------------------------------

CREATE TABLE envios_campanha (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    campanha_id      bigint NOT NULL REFERENCES campanhas (id) ON DELETE CASCADE,
    medico_id        uuid NOT NULL REFERENCES medicos (id) ON DELETE CASCADE,
    conversa_id      uuid REFERENCES conversations (id) ON DELETE SET NULL,
    status           text NOT NULL DEFAULT 'pendente',
    fila_mensagem_id uuid REFERENCES fila_mensagens (id) ON DELETE SET NULL,
    motivo           text,
    created_at       timestamptz NOT NULL DEFAULT now(),
    enviado_em       timestamptz,
    CONSTRAINT envios_campanha_campanha_medico_key UNIQUE (campanha_id, medico_id),
    CONSTRAINT envios_campanha_status CHECK (status IN ('pendente', 'enfileirado', 'enviado', 'bloqueado', 'erro', 'cancelado'))
);

CREATE INDEX envios_campanha_campanha_status_idx ON envios_campanha (campanha_id, status);
CREATE INDEX envios_campanha_medico_id_idx ON envios_campanha (medico_id);
CREATE INDEX envios_campanha_conversa_id_idx ON envios_campanha (conversa_id) WHERE conversa_id IS NOT NULL;
CREATE INDEX envios_campanha_fila_mensagem_id_idx ON envios_campanha (fila_mensagem_id) WHERE fila_mensagem_id IS NOT NULL;

-- ---------------------------------------------------------------------------------------------------------------
-- Metrics: quality, alerts (docs/decisions.md#data-model, #health-and-metrics)
-- ---------------------------------------------------------------------------------------------------------------

CREATE TABLE avaliacoes_qualidade (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    conversa_id  uuid NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    naturalidade integer,
    persona      integer,
    objetivo     integer,
    satisfacao   integer,
    score_geral  integer,                              -- round(mean of the four), computed by the system
    avaliador    text NOT NULL,
    modelo       text,
    detalhes     jsonb NOT NULL DEFAULT '{}',          -- pontos_positivos, pontos_negativos, sugestoes
    notas        text,
    tags         text[] NOT NULL DEFAULT '{}',
    created_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT avaliacoes_qualidade_scores CHECK (
        naturalidade BETWEEN 1 AND 10 AND persona BETWEEN 1 AND 10 AND objetivo BETWEEN 1 AND 10
        AND satisfacao BETWEEN 1 AND 10 AND score_geral BETWEEN 1 AND 10),
    CONSTRAINT avaliacoes_qualidade_avaliador CHECK (avaliador IN ('auto', 'gestor'))
);

CREATE UNIQUE INDEX avaliacoes_qualidade_uma_auto_por_conversa ON avaliacoes_qualidade (conversa_id) WHERE avaliador = 'auto';
CREATE INDEX avaliacoes_qualidade_created_at_idx ON avaliacoes_qualidade (created_at);
CREATE INDEX avaliacoes_qualidade_conversa_id_idx ON avaliacoes_qualidade (conversa_id);

CREATE TABLE alertas_enviados (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tipo       text NOT NULL,
    severidade text NOT NULL,
    mensagem   text,
    valor      numeric,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT alertas_enviados_severidade CHECK (severidade IN ('info', 'warning', 'error', 'critical'))
);

CREATE INDEX alertas_enviados_tipo_created_at_idx ON alertas_enviados (tipo, created_at DESC);   -- cooldown
CREATE INDEX alertas_enviados_created_at_idx ON alertas_enviados (created_at);                    -- retention

-- ---------------------------------------------------------------------------------------------------------------
-- Optional (docs/decisions.md#data-model): prompt suggestions, bot-detection metrics, manager directives
-- ---------------------------------------------------------------------------------------------------------------

CREATE TABLE sugestoes_prompt (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tipo         text NOT NULL,
    status       text NOT NULL DEFAULT 'pendente',
    descricao    text,
    exemplo_ruim text,
    exemplo_bom  text,
    conversa_id  uuid REFERENCES conversations (id) ON DELETE SET NULL,
    avaliacao_id uuid REFERENCES avaliacoes_qualidade (id) ON DELETE SET NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT sugestoes_prompt_tipo CHECK (tipo IN ('adicionar_regra', 'remover_regra', 'ajustar_tom', 'exemplo')),
    CONSTRAINT sugestoes_prompt_status CHECK (status IN ('pendente', 'implementada', 'rejeitada'))
);

CREATE INDEX sugestoes_prompt_status_created_at_idx ON sugestoes_prompt (status, created_at DESC);
CREATE INDEX sugestoes_prompt_conversa_id_idx ON sugestoes_prompt (conversa_id) WHERE conversa_id IS NOT NULL;
CREATE INDEX sugestoes_prompt_avaliacao_id_idx ON sugestoes_prompt (avaliacao_id) WHERE avaliacao_id IS NOT NULL;

CREATE TABLE metricas_deteccao_bot (
    id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    medico_id      uuid REFERENCES medicos (id) ON DELETE CASCADE,
    conversa_id    uuid REFERENCES conversations (id) ON DELETE SET NULL,
    interacao_id   bigint REFERENCES interacoes (id) ON DELETE SET NULL,
    mensagem       text NOT NULL,
    padrao         text,
    trecho         text,
    falso_positivo boolean NOT NULL DEFAULT false,
    created_at     timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX metricas_deteccao_bot_created_at_idx ON metricas_deteccao_bot (created_at);
CREATE INDEX metricas_deteccao_bot_medico_id_idx ON metricas_deteccao_bot (medico_id) WHERE medico_id IS NOT NULL;
CREATE INDEX metricas_deteccao_bot_conversa_id_idx ON metricas_deteccao_bot (conversa_id) WHERE conversa_id IS NOT NULL;
CREATE INDEX metricas_deteccao_bot_interacao_id_idx ON metricas_deteccao_bot (interacao_id) WHERE interacao_id IS NOT NULL;

CREATE TABLE diretrizes (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tipo       text NOT NULL,
    conteudo   text NOT NULL,
    medico_id  uuid REFERENCES medicos (id) ON DELETE CASCADE,
    vaga_id    uuid REFERENCES vagas (id) ON DELETE CASCADE,
    prioridade integer NOT NULL DEFAULT 0,
    ativo      boolean NOT NULL DEFAULT true,
    expira_em  timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT diretrizes_tipo CHECK (tipo IN ('foco', 'evitar', 'tom', 'meta', 'vip', 'bloqueado', 'vaga_prioritaria', 'margem'))
);

CREATE INDEX diretrizes_ativas_idx ON diretrizes (prioridade DESC, expira_em) WHERE ativo;
CREATE INDEX diretrizes_medico_id_idx ON diretrizes (medico_id) WHERE medico_id IS NOT NULL;
CREATE INDEX diretrizes_vaga_id_idx ON diretrizes (vaga_id) WHERE vaga_id IS NOT NULL;

CREATE TRIGGER diretrizes_set_updated_at BEFORE UPDATE ON diretrizes
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();
