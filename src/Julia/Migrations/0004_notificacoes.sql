-- 0004: the durable outbox of staff notices (Slack messages, Chatwoot notes and copies): docs/decisions.md#handoff.
-- A handoff, reservation or resolution commits first, together with its notices; a dispatcher in every process
-- delivers them with retries and backoff, claiming rows with SKIP LOCKED so two processes never send one twice.
CREATE TABLE notificacoes (
    id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    canal                text NOT NULL,
    tipo                 text NOT NULL,
    chave                text NOT NULL,                 -- one notice per event: 'slack:handoff_aberto:<handoff id>'
    handoff_id           uuid REFERENCES handoffs (id) ON DELETE CASCADE,
    conversa_id          uuid REFERENCES conversations (id) ON DELETE CASCADE,
    payload              jsonb NOT NULL DEFAULT '{}',
    status               text NOT NULL DEFAULT 'pendente',
    tentativas           integer NOT NULL DEFAULT 0,
    proxima_tentativa_em timestamptz NOT NULL DEFAULT now(),
    processando_desde    timestamptz,
    enviada_em           timestamptz,
    erro                 text,
    created_at           timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT notificacoes_canal CHECK (canal IN ('slack', 'chatwoot')),
    CONSTRAINT notificacoes_status CHECK (status IN ('pendente', 'processando', 'enviada', 'falhou')),
    CONSTRAINT notificacoes_payload_object CHECK (jsonb_typeof(payload) = 'object')
);

CREATE UNIQUE INDEX notificacoes_chave_key ON notificacoes (chave);
CREATE INDEX notificacoes_pendentes_idx ON notificacoes (proxima_tentativa_em) WHERE status = 'pendente';
CREATE INDEX notificacoes_processando_idx ON notificacoes (processando_desde) WHERE status = 'processando';
CREATE INDEX notificacoes_handoff_id_idx ON notificacoes (handoff_id) WHERE handoff_id IS NOT NULL;
CREATE INDEX notificacoes_created_at_idx ON notificacoes (created_at);
