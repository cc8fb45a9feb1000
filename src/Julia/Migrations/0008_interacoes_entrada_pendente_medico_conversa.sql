-- 0008: every read of pending inbound rows names the doctor first (docs/decisions.md#turn-scheduling).
--
-- 0007 keyed the pending-inbound index on (conversa_id, medico_id). Reads by doctor alone — "did a newer message
-- arrive?" at the end of a turn, and the reply claim's "is a message of his waiting?" — then matched its second column
-- only and read every waiting row of every doctor: the cost of each reply grew with the backlog (ReplyPathCostTests,
-- BENCHMARKS.md "A reply's cost during a backlog"). With the doctor first, reads by doctor, by doctor without a
-- conversation (the turn's attach) and by doctor and conversation (the turn's pending rows, every statement changed
-- with this migration to name both) each read their own rows.
-- Like 0007, the build reads interacoes once (about a second per million rows) while writes to it wait; the index
-- holds only pending rows.
CREATE INDEX IF NOT EXISTS interacoes_entrada_pendente_medico_conversa_idx ON interacoes (medico_id, conversa_id)
    WHERE direcao = 'entrada' AND processado_em IS NULL;
DROP INDEX IF EXISTS interacoes_entrada_pendente_medico_idx;
