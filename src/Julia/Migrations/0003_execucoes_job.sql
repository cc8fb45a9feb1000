-- 0003: daily scheduled jobs run once per São Paulo day across all worker processes (docs/decisions.md#jobs "single-run").
CREATE TABLE IF NOT EXISTS execucoes_job (
    nome        text NOT NULL,
    dia         date NOT NULL,
    iniciado_em timestamptz NOT NULL DEFAULT now(),
    resultado   text,
    PRIMARY KEY (nome, dia)
);
