-- 0002: accounting of the agent turn that produced an outbound message (issue #4, docs/decisions.md#agent "Accounting per turn"):
-- {"modelo", "tokens_entrada", "tokens_saida", "latencia_llm_ms", "ferramentas"}, copied from fila_mensagens.metadata when
-- the message is sent. NULL for inbound, staff and system messages.
ALTER TABLE interacoes ADD COLUMN IF NOT EXISTS llm jsonb;
