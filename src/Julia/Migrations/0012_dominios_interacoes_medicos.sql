-- 0012: the vocabularies of interacoes and medicos are domains on their columns, not CHECK constraints of the tables
-- (docs/decisions.md#data-model).
--
-- PostgreSQL 15 parses and plans a table's CHECK expressions again on every execution of a statement that writes a
-- row (ExecConstraints → stringToNode); a domain's constraints are built once per session, and an UPDATE checks only
-- the domains of the columns it sets. Every accepted webhook writes an interacoes row and a first contact a medicos row
-- (BENCHMARKS.md, "Ingest: the vocabularies as domains"). Each domain, and its one constraint, carries the name of the
-- CHECK it replaces, with the same rule: the values accepted, the column names, NOT NULL and defaults do not change, and
-- NULL still passes where the CHECK let it pass. medicos_endereco spans three columns and stays a table CHECK.
--
-- Cost on a large table: each column is first given a domain with no constraint — no rewrite (the stored values are
-- the same); the unique index on telefone and the plain indexes are kept as they are; the partial indexes whose
-- predicates read a changed column are built again (three on interacoes, by direcao; medicos_stage_jornada_idx). Then
-- each constraint is added to its domain, which reads the table once to validate it. 1 000 000 interacoes and 100 000
-- medicos: ~3.5 s, during which interacoes and medicos can be neither read nor written (webhooks wait, then get 503
-- and Evolution sends again). On a large table, apply it with `julia migrate` at a quiet hour (docs/runbook.md).

CREATE DOMAIN interacoes_direcao AS text;
CREATE DOMAIN interacoes_tipo AS text;
CREATE DOMAIN interacoes_autor_tipo AS text;
CREATE DOMAIN interacoes_origem AS text;
CREATE DOMAIN interacoes_tempo_resposta_ms AS integer;

ALTER TABLE interacoes
    ALTER COLUMN direcao TYPE interacoes_direcao,
    ALTER COLUMN tipo TYPE interacoes_tipo,
    ALTER COLUMN autor_tipo TYPE interacoes_autor_tipo,
    ALTER COLUMN origem TYPE interacoes_origem,
    ALTER COLUMN tempo_resposta_ms TYPE interacoes_tempo_resposta_ms,
    DROP CONSTRAINT interacoes_direcao,
    DROP CONSTRAINT interacoes_tipo,
    DROP CONSTRAINT interacoes_autor_tipo,
    DROP CONSTRAINT interacoes_origem,
    DROP CONSTRAINT interacoes_tempo_resposta_ms;

ALTER DOMAIN interacoes_direcao ADD CONSTRAINT interacoes_direcao CHECK (VALUE IN ('entrada', 'saida'));
ALTER DOMAIN interacoes_tipo ADD CONSTRAINT interacoes_tipo
    CHECK (VALUE IN ('texto', 'audio', 'imagem', 'documento', 'video', 'sticker', 'outro'));
ALTER DOMAIN interacoes_autor_tipo ADD CONSTRAINT interacoes_autor_tipo CHECK (VALUE IN ('medico', 'julia', 'humano', 'sistema'));
ALTER DOMAIN interacoes_origem ADD CONSTRAINT interacoes_origem CHECK (VALUE IN ('whatsapp', 'chatwoot') OR VALUE LIKE 'fila:%');
ALTER DOMAIN interacoes_tempo_resposta_ms ADD CONSTRAINT interacoes_tempo_resposta_ms CHECK (VALUE >= 0);

CREATE DOMAIN medicos_telefone_digitos AS varchar(20);
CREATE DOMAIN medicos_estado AS text;
CREATE DOMAIN medicos_stage_jornada AS text;
CREATE DOMAIN medicos_pressure_score AS integer;
CREATE DOMAIN medicos_origem AS text;
CREATE DOMAIN medicos_preferencias_object AS jsonb;
CREATE DOMAIN medicos_tags_array AS jsonb;

ALTER TABLE medicos
    ALTER COLUMN telefone TYPE medicos_telefone_digitos,
    ALTER COLUMN estado TYPE medicos_estado,
    ALTER COLUMN stage_jornada TYPE medicos_stage_jornada,
    ALTER COLUMN pressure_score TYPE medicos_pressure_score,
    ALTER COLUMN origem TYPE medicos_origem,
    ALTER COLUMN preferencias_detectadas TYPE medicos_preferencias_object,
    ALTER COLUMN tags TYPE medicos_tags_array,
    DROP CONSTRAINT medicos_telefone_digitos,
    DROP CONSTRAINT medicos_estado,
    DROP CONSTRAINT medicos_stage_jornada,
    DROP CONSTRAINT medicos_pressure_score,
    DROP CONSTRAINT medicos_origem,
    DROP CONSTRAINT medicos_preferencias_object,
    DROP CONSTRAINT medicos_tags_array;

ALTER DOMAIN medicos_telefone_digitos ADD CONSTRAINT medicos_telefone_digitos CHECK (VALUE ~ '^[0-9]+$');
ALTER DOMAIN medicos_estado ADD CONSTRAINT medicos_estado CHECK (VALUE ~ '^[A-Z]{2}$');
ALTER DOMAIN medicos_stage_jornada ADD CONSTRAINT medicos_stage_jornada CHECK (VALUE IN (
    'novo', 'msg_enviada', 'aguardando_resposta', 'respondeu', 'em_conversacao', 'qualificado', 'docs_pendentes',
    'cadastrado', 'ativo', 'nao_respondeu', 'inativo', 'perdido', 'opt_out'));
ALTER DOMAIN medicos_pressure_score ADD CONSTRAINT medicos_pressure_score CHECK (VALUE BETWEEN 0 AND 100);
ALTER DOMAIN medicos_origem ADD CONSTRAINT medicos_origem CHECK (VALUE IN ('import', 'whatsapp_inbound', 'manual'));
ALTER DOMAIN medicos_preferencias_object ADD CONSTRAINT medicos_preferencias_object CHECK (jsonb_typeof(VALUE) = 'object');
ALTER DOMAIN medicos_tags_array ADD CONSTRAINT medicos_tags_array CHECK (jsonb_typeof(VALUE) = 'array');
