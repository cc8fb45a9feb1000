-- 0006: staff confirm and cancel reservation holds (docs/decisions.md#reservations).
--
-- confirmada_em:  when staff confirmed the hold (`ativa` → `confirmada`); stays set if the reservation is cancelled
--                 later, so the offer funnel counts a confirmation that happened. NULL on rows confirmed before this
--                 column existed (imports, demo data of older versions): confirmed, at an unknown time.
-- confirmada_por: who confirmed it (the API's `por`, or the Chatwoot agent's name) — staff, not the doctor.
-- encerrada_por:  who cancelled it (NULL for the expiry job).
-- notas:          staff notes given when confirming (erased with the doctor's data: they may describe him).
ALTER TABLE reservas_vaga
    ADD COLUMN IF NOT EXISTS confirmada_em  timestamptz,
    ADD COLUMN IF NOT EXISTS confirmada_por text,
    ADD COLUMN IF NOT EXISTS encerrada_por  text,
    ADD COLUMN IF NOT EXISTS notas          text;

-- GET /admin/reservas?status=…: newest first per status.
CREATE INDEX IF NOT EXISTS reservas_vaga_status_created_at_idx ON reservas_vaga (status, created_at DESC);
