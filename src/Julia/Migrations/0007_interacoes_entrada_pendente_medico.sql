-- 0007: a turn finds the doctor's inbound rows that no conversation holds yet (docs/decisions.md#turn-scheduling).
--
-- The pending-inbound index was on (conversa_id) alone. For `medico_id = $1 AND conversa_id IS NULL` the generic plan
-- of that UPDATE read it (or interacoes_conversa_created_at_idx) at `conversa_id IS NULL`: every unattached pending row
-- of every doctor, then filtered by doctor. During a backlog (turns behind, a worker down, a restart after an outage)
-- each turn cost more the longer the backlog was — ~4 500 buffers a turn at ~4 700 waiting rows in `bench/run.sh e2e`
-- (BENCHMARKS.md, "A turn's cost during a backlog"). With the doctor in the key it reads his rows only. Reads by
-- conversation (`conversa_id = …`, the turn's pending rows) use its first column as before.
-- The build reads the table once (about a second per million interacoes); the index holds only pending rows.
CREATE INDEX IF NOT EXISTS interacoes_entrada_pendente_medico_idx ON interacoes (conversa_id, medico_id)
    WHERE direcao = 'entrada' AND processado_em IS NULL;
DROP INDEX IF EXISTS interacoes_entrada_pendente_idx;
