-- 0014: a pause the doctor asks for ("nos próximos 6 meses não quero nada", "só depois do carnaval";
-- docs/decisions.md#contact-pause).
--
-- contato_pausado_ate:    no proactive message chosen by Júlia (campaign, follow-up) reaches him before this instant;
--                         NULL or past = no pause. On the doctor, not on the conversation: a conversation's `paused` +
--                         `pausado_ate` is the last follow-up's pause, which a campaign's opening deliberately undoes.
-- contato_pausado_motivo: why, in his words or a short summary of them (it may say "licença maternidade": personal
--                         data, cleared by an LGPD erasure).
-- contato_pausado_em:     when the pause was recorded.
-- No CHECK: every webhook writes medicos, and a table CHECK is planned again on each of those writes (migration 0012);
-- the tool that writes these columns bounds them.
ALTER TABLE medicos
    ADD COLUMN IF NOT EXISTS contato_pausado_ate timestamptz,
    ADD COLUMN IF NOT EXISTS contato_pausado_motivo text,
    ADD COLUMN IF NOT EXISTS contato_pausado_em timestamptz;
