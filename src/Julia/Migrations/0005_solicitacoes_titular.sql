-- 0005: LGPD data-subject requests (Lei 13.709, art. 18; docs/decisions.md#lgpd).
--
-- solicitacoes_titular: the audit of every export and erasure — who asked, why, when, and how many rows each table
-- gave or lost. Never the data itself. medico_id has no foreign key: it names an anonymised row after an erasure.
CREATE TABLE IF NOT EXISTS solicitacoes_titular (
    id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tipo           text NOT NULL,
    medico_id      uuid NOT NULL,
    solicitado_por text NOT NULL,
    motivo         text,
    solicitado_em  timestamptz NOT NULL DEFAULT now(),
    concluido_em   timestamptz,
    contagens      jsonb NOT NULL DEFAULT '{}',      -- {"interacoes": 12, "medicos": 1, …}: rows exported, or erased/anonymised
    externos       jsonb NOT NULL DEFAULT '{}',      -- {"chatwoot": {"status": "apagado" | "falhou" | "sem_contato", …}}
    CONSTRAINT solicitacoes_titular_tipo CHECK (tipo IN ('exportar', 'apagar')),
    CONSTRAINT solicitacoes_titular_contagens_object CHECK (jsonb_typeof(contagens) = 'object'),
    CONSTRAINT solicitacoes_titular_externos_object CHECK (jsonb_typeof(externos) = 'object')
);

CREATE INDEX IF NOT EXISTS solicitacoes_titular_medico_id_idx ON solicitacoes_titular (medico_id, solicitado_em DESC);

-- The only trace an erasure leaves: HMAC-SHA256(LGPD_SEGREDO, canonical phone). A later first message from the same
-- phone creates a new, clean doctor — already opted out when opted_out here is true.
CREATE TABLE IF NOT EXISTS titulares_apagados (
    hash_telefone bytea PRIMARY KEY,
    opted_out     boolean NOT NULL,
    apagado_em    timestamptz NOT NULL DEFAULT now()
);

-- An erased doctor keeps his row (so counts on the dashboard stay), without phone or LID: he can never be found again.
ALTER TABLE medicos ADD COLUMN IF NOT EXISTS apagado_em timestamptz;
ALTER TABLE medicos DROP CONSTRAINT IF EXISTS medicos_endereco;
ALTER TABLE medicos ADD CONSTRAINT medicos_endereco CHECK (telefone IS NOT NULL OR whatsapp_lid IS NOT NULL OR apagado_em IS NOT NULL);
