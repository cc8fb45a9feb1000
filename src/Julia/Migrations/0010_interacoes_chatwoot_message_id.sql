-- 0010: a staff message Chatwoot delivers twice is stored (and, when Júlia mirrors, sent) once
-- (docs/decisions.md#handoff).
--
-- Chatwoot's message id of an `interacoes` row written from a `message_created` webhook. provider_message_id cannot
-- carry it: a staff message Júlia sends herself gets Evolution's id there, which is how its echo is recognised.
-- A delivery is the same one when its id, conversation and text are: an id alone would also drop a different message
-- that reuses it (a copied test payload, a second Chatwoot installation).
-- Adding a nullable column rewrites nothing; the index build reads interacoes once while writes to it wait, and holds
-- only the staff messages that came from Chatwoot.
ALTER TABLE interacoes ADD COLUMN IF NOT EXISTS chatwoot_message_id bigint;
CREATE UNIQUE INDEX IF NOT EXISTS interacoes_chatwoot_message_key ON interacoes (chatwoot_message_id, conversa_id, md5(conteudo))
    WHERE chatwoot_message_id IS NOT NULL;
