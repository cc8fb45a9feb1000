-- 0009: the claim reads only the rows it takes, even when many pending rows share their timestamps
-- (docs/decisions.md#queue).
--
-- The claim orders pending rows by (prioridade DESC, agendar_para, created_at, id); 0001's index stopped at created_at.
-- Rows queued by one statement (a campaign, a bulk enqueue) share agendar_para and created_at, so every claim read all
-- of them to sort by id before taking 16: 10 000 queued at once cost ~20 ms of PostgreSQL per claim (BENCHMARKS.md,
-- "Dispatcher drain"). With id in the index the scan stops after the rows it takes (QueueClaimCostTests).
-- The build reads fila_mensagens once while writes to it wait; the index holds only pending rows.
CREATE INDEX IF NOT EXISTS fila_mensagens_pendentes_ordem_idx ON fila_mensagens (prioridade DESC, agendar_para, created_at, id)
    WHERE status = 'pendente';
DROP INDEX IF EXISTS fila_mensagens_pendentes_idx;
