-- 0013: staff reserve a shift for a doctor (POST /admin/vagas/{id}/reservar, docs/decisions.md#reservations).
--
-- reservada_por: who on the staff made a reservation of `origem = 'humano'` (the API's `por`); NULL for Júlia's holds
--                and when staff did not say. A staff member's name, not the doctor's data: it stays on erasure, like
--                confirmada_por.
ALTER TABLE reservas_vaga
    ADD COLUMN IF NOT EXISTS reservada_por text;
