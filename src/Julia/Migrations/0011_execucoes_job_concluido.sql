-- 0011: a daily job's day counts as run once the run ended (docs/decisions.md#jobs).
--
-- The day was claimed before the run and given back only when the run threw: a process killed during the run (kill -9,
-- out of memory, a host restart) left the claim, and the day's report, `encerramento` or `retencao` did not run until
-- the next day. A claim with no `concluido_em` is a run that never ended: the next process that holds the job's advisory
-- lock takes it over. Rows written before this migration are runs that ended (a failed run deleted its row).
ALTER TABLE execucoes_job ADD COLUMN IF NOT EXISTS concluido_em timestamptz;
UPDATE execucoes_job SET concluido_em = iniciado_em WHERE concluido_em IS NULL;
