-- seed-demo.sql — demonstration data (pt-BR): specialties, catalogues, hospitals in Grande São Paulo / ABC paulista,
-- doctors, ~80 shifts over the next 14 days, two reservations, and two sample conversations (one waiting for a human,
-- one with a scheduled call-back) so the runbook queries return something; at the end, two campaigns and the
-- conversations of an offer funnel (GET /metricas/funil) with known numbers.
--
-- Idempotent: every row has a fixed id (literal uuids, or md5('julia-demo-…')::uuid) and is inserted with
-- ON CONFLICT DO NOTHING, which also covers the natural keys (nome, telefone, …). Rows that point to other rows look
-- them up by natural key (especialidade nome, telefone), so a second run inserts nothing and never fails.
-- Dates are relative to the day the seed first runs. Phones are fictitious; none is in 55119999900xx (used by tests).
-- Plain SQL, no BEGIN/COMMIT (the seeder wraps it in a transaction). Never load this into production.

-- ---------------------------------------------------------------------------------------------------------------
-- Especialidades (config: tipos_plantao = periodos.nome, faixa_valor in BRL, setores = setores.nome, nota_contexto,
-- saudacao = opening used by campaigns for {saudacao_especialidade}; placeholders {nome} and {empresa})
-- ---------------------------------------------------------------------------------------------------------------

INSERT INTO especialidades (id, nome, nome_display, config) VALUES
('e5000000-0000-4000-8000-000000000001', 'anestesiologia', 'anestesista', '{
  "tipos_plantao": ["diurno", "noturno", "24h"],
  "faixa_valor": {"min": 1800, "max": 3500},
  "setores": ["CC"],
  "nota_contexto": "Plantões concentrados no centro cirúrgico. Muitos hospitais pedem RQE e experiência com anestesia obstétrica; fim de semana e noturno pagam mais.",
  "saudacao": "Oi Dr(a) {nome}, tudo bem? Sou a Júlia, assistente virtual da equipe de escalas da {empresa}. Estamos com plantões de anestesia em centro cirúrgico aqui no ABC, posso te contar?"
}'),
('e5000000-0000-4000-8000-000000000002', 'cardiologia', 'cardiologista', '{
  "tipos_plantao": ["diurno", "noturno", "manhã", "tarde"],
  "faixa_valor": {"min": 1500, "max": 3000},
  "setores": ["UTI", "PS", "Ambulatório"],
  "nota_contexto": "Demanda em UTI coronariana e PS cardiológico. Ambulatório costuma ser meio período (manhã ou tarde); alguns hospitais pedem experiência com ecocardiograma.",
  "saudacao": "Oi Dr(a) {nome}, tudo bem? Sou a Júlia, assistente virtual da equipe de escalas da {empresa}. Tenho plantões de cardiologia em UTI, PS e ambulatório na região, quer dar uma olhada?"
}'),
('e5000000-0000-4000-8000-000000000003', 'clinica_medica', 'clínico', '{
  "tipos_plantao": ["diurno", "noturno", "24h"],
  "faixa_valor": {"min": 1200, "max": 2200},
  "setores": ["PS", "Enfermaria"],
  "nota_contexto": "Maior volume de plantões: PS adulto e enfermaria. Coberturas de última hora são comuns, principalmente no noturno e fins de semana.",
  "saudacao": "Oi Dr(a) {nome}, tudo bem? Sou a Júlia, assistente virtual da equipe de escalas da {empresa}. Estamos com plantões de clínica médica em PS e enfermaria no ABC, posso te mandar as opções?"
}'),
('e5000000-0000-4000-8000-000000000004', 'pediatria', 'pediatra', '{
  "tipos_plantao": ["diurno", "noturno", "24h"],
  "faixa_valor": {"min": 1400, "max": 2600},
  "setores": ["PS", "Enfermaria", "UTI"],
  "nota_contexto": "PS infantil com demanda alta no inverno. UTI neonatal e pediátrica exigem experiência comprovada.",
  "saudacao": "Oi Dr(a) {nome}, tudo bem? Sou a Júlia, assistente virtual da equipe de escalas da {empresa}. Tenho plantões de pediatria (PS, enfermaria e UTI) na região, quer saber mais?"
}'),
('e5000000-0000-4000-8000-000000000005', 'ortopedia', 'ortopedista', '{
  "tipos_plantao": ["diurno", "noturno", "24h"],
  "faixa_valor": {"min": 1600, "max": 3000},
  "setores": ["PS", "CC", "Ambulatório"],
  "nota_contexto": "PS ortopédico com sobreaviso para o centro cirúrgico. Ambulatório de fraturas costuma ser meio período.",
  "saudacao": "Oi Dr(a) {nome}, tudo bem? Sou a Júlia, assistente virtual da equipe de escalas da {empresa}. Estamos com plantões de ortopedia em PS e centro cirúrgico no ABC, posso te contar?"
}'),
('e5000000-0000-4000-8000-000000000006', 'ginecologia_obstetricia', 'obstetra', '{
  "tipos_plantao": ["diurno", "noturno", "24h"],
  "faixa_valor": {"min": 1700, "max": 3200},
  "setores": ["Maternidade", "CC"],
  "nota_contexto": "Plantões em maternidade e centro obstétrico; muitos hospitais exigem presença física durante todo o plantão.",
  "saudacao": "Oi Dr(a) {nome}, tudo bem? Sou a Júlia, assistente virtual da equipe de escalas da {empresa}. Tenho plantões de GO em maternidade aqui na região, quer dar uma olhada?"
}'),
('e5000000-0000-4000-8000-000000000007', 'cirurgia_geral', 'cirurgião geral', '{
  "tipos_plantao": ["diurno", "noturno", "24h"],
  "faixa_valor": {"min": 1600, "max": 3200},
  "setores": ["CC", "PS"],
  "nota_contexto": "PS cirúrgico e centro cirúrgico; plantões de 24h com sobreaviso são comuns.",
  "saudacao": "Oi Dr(a) {nome}, tudo bem? Sou a Júlia, assistente virtual da equipe de escalas da {empresa}. Estamos com plantões de cirurgia geral no ABC e na capital, posso te mandar as opções?"
}'),
('e5000000-0000-4000-8000-000000000008', 'medicina_intensiva', 'intensivista', '{
  "tipos_plantao": ["diurno", "noturno", "24h"],
  "faixa_valor": {"min": 1800, "max": 3500},
  "setores": ["UTI"],
  "nota_contexto": "UTI adulto. Alguns hospitais pedem título de especialista (AMIB) ou pelo menos 2 anos de experiência em UTI.",
  "saudacao": "Oi Dr(a) {nome}, tudo bem? Sou a Júlia, assistente virtual da equipe de escalas da {empresa}. Tenho plantões de UTI adulto na região, quer saber mais?"
}')
ON CONFLICT DO NOTHING;

-- ---------------------------------------------------------------------------------------------------------------
-- Catalogues
-- ---------------------------------------------------------------------------------------------------------------

INSERT INTO setores (id, nome) VALUES
('5e700000-0000-4000-8000-000000000001', 'UTI'),
('5e700000-0000-4000-8000-000000000002', 'PS'),
('5e700000-0000-4000-8000-000000000003', 'CC'),
('5e700000-0000-4000-8000-000000000004', 'Enfermaria'),
('5e700000-0000-4000-8000-000000000005', 'Maternidade'),
('5e700000-0000-4000-8000-000000000006', 'Ambulatório')
ON CONFLICT DO NOTHING;

INSERT INTO periodos (id, nome, "index", hora_inicio, hora_fim) VALUES
('9e500000-0000-4000-8000-000000000001', 'diurno',  1, '07:00', '19:00'),
('9e500000-0000-4000-8000-000000000002', 'noturno', 2, '19:00', '07:00'),
('9e500000-0000-4000-8000-000000000003', 'manhã',   3, '07:00', '13:00'),
('9e500000-0000-4000-8000-000000000004', 'tarde',   4, '13:00', '19:00'),
('9e500000-0000-4000-8000-000000000005', '24h',     5, '07:00', '07:00')
ON CONFLICT DO NOTHING;

INSERT INTO tipos_vaga (id, nome) VALUES
('7a000000-0000-4000-8000-000000000001', 'avulso'),
('7a000000-0000-4000-8000-000000000002', 'fixo'),
('7a000000-0000-4000-8000-000000000003', 'cobertura')
ON CONFLICT DO NOTHING;

INSERT INTO formas_recebimento (id, nome) VALUES
('f0000000-0000-4000-8000-000000000001', 'PJ'),
('f0000000-0000-4000-8000-000000000002', 'PF'),
('f0000000-0000-4000-8000-000000000003', 'cooperativa')
ON CONFLICT DO NOTHING;

-- ---------------------------------------------------------------------------------------------------------------
-- Hospitais (fictional names, real neighbourhoods)
-- ---------------------------------------------------------------------------------------------------------------

INSERT INTO hospitais (id, nome, cidade, estado, bairro, regiao, endereco_formatado, latitude, longitude) VALUES
('b0000000-0000-4000-8000-000000000001', 'Hospital Santa Helena do ABC', 'Santo André', 'SP', 'Centro', 'ABC',
 'Rua das Figueiras, 1200 - Centro, Santo André - SP, 09080-300', -23.663900, -46.533200),
('b0000000-0000-4000-8000-000000000002', 'Hospital e Maternidade Vila Assunção', 'Santo André', 'SP', 'Vila Assunção', 'ABC',
 'Av. Dom Pedro II, 845 - Vila Assunção, Santo André - SP, 09030-610', -23.669400, -46.526100),
('b0000000-0000-4000-8000-000000000003', 'Hospital Anchieta Rudge Ramos', 'São Bernardo do Campo', 'SP', 'Rudge Ramos', 'ABC',
 'Rua Rolando Viotti, 410 - Rudge Ramos, São Bernardo do Campo - SP, 09635-070', -23.655800, -46.572300),
('b0000000-0000-4000-8000-000000000004', 'Hospital Bom Pastor de São Caetano', 'São Caetano do Sul', 'SP', 'Santa Paula', 'ABC',
 'Rua Manoel Coelho, 560 - Santa Paula, São Caetano do Sul - SP, 09541-000', -23.619200, -46.568700),
('b0000000-0000-4000-8000-000000000005', 'Hospital Geral da Serraria', 'Diadema', 'SP', 'Serraria', 'ABC',
 'Av. Piraporinha, 1980 - Serraria, Diadema - SP, 09980-000', -23.688100, -46.606400),
('b0000000-0000-4000-8000-000000000006', 'Hospital Nossa Senhora de Mauá', 'Mauá', 'SP', 'Vila Bocaina', 'ABC',
 'Av. Barão de Mauá, 2350 - Vila Bocaina, Mauá - SP, 09310-000', -23.667800, -46.461500),
('b0000000-0000-4000-8000-000000000007', 'Hospital Zona Sul Santo Amaro', 'São Paulo', 'SP', 'Santo Amaro', 'Capital',
 'Rua Padre José de Anchieta, 905 - Santo Amaro, São Paulo - SP, 04742-000', -23.653100, -46.709400),
('b0000000-0000-4000-8000-000000000008', 'Hospital Leste Tatuapé', 'São Paulo', 'SP', 'Tatuapé', 'Capital',
 'Rua Tuiuti, 1750 - Tatuapé, São Paulo - SP, 03081-000', -23.540300, -46.576800),
('b0000000-0000-4000-8000-000000000009', 'Hospital Geral de Bonsucesso', 'Guarulhos', 'SP', 'Bonsucesso', 'Grande SP',
 'Estrada do Caminho Velho, 3300 - Bonsucesso, Guarulhos - SP, 07175-000', -23.418700, -46.398500)
ON CONFLICT DO NOTHING;

-- ---------------------------------------------------------------------------------------------------------------
-- Médicos (fictitious). Phones: 13-digit canonical mobiles (DDD 11, 12, 13, 19) and 12-digit landlines (2–5…).
-- ---------------------------------------------------------------------------------------------------------------

INSERT INTO medicos (id, telefone, whatsapp_jid, titulo, primeiro_nome, sobrenome, crm, estado, cidade, regiao, email,
                     especialidade_id, especialidade, stage_jornada, vip, bloqueado, bloqueado_motivo, opted_out, opted_out_at,
                     opted_out_reason, pressure_score, preferencias_detectadas, tags, origem, primeiro_contato_em)
SELECT v.id::uuid, v.telefone, v.telefone || '@s.whatsapp.net', v.titulo, v.primeiro_nome, v.sobrenome, v.crm, 'SP', v.cidade,
       v.regiao,
       translate(lower(v.primeiro_nome || '.' || replace(v.sobrenome, ' ', '.')), 'áàâãéêíóôõúüç', 'aaaaeeiooouuc') || '@exemplo.com.br',
       e.id, e.nome, v.stage, v.vip, v.bloqueado_motivo IS NOT NULL, v.bloqueado_motivo, v.opt_out_reason IS NOT NULL,
       CASE WHEN v.opt_out_reason IS NOT NULL THEN now() - interval '20 days' END, v.opt_out_reason,
       v.pressure, v.prefs::jsonb, v.tags::jsonb, 'import',
       CASE WHEN v.stage <> 'novo' THEN now() - make_interval(days => 3 + right(v.id, 2)::int % 25) END
FROM (VALUES
  -- id                                   telefone         titulo  nome        sobrenome          crm      especialidade             cidade                   regiao              stage             vip    bloqueio  opt-out  pressure preferencias tags
  ('d0000000-0000-4000-8000-000000000001', '5511991470301', 'Dr.',  'Rafael',   'Mendes',          '154872', 'anestesiologia',          'Santo André',           'ABC',              'ativo',          true,  NULL, NULL, 20,
   '{"turnos": ["diurno", "24h"], "regioes": ["ABC"], "dias_preferidos": ["sabado", "domingo"], "valor_minimo": 2200}', '["plantonista_frequente", "rqe"]'),
  ('d0000000-0000-4000-8000-000000000002', '5511992580402', 'Dra.', 'Camila',   'Ferreira',        '168493', 'anestesiologia',          'São Bernardo do Campo', 'ABC',              'qualificado',    false, NULL, NULL, 10,
   '{"turnos": ["noturno"], "regioes": ["ABC", "Capital"], "valor_minimo": 2500}', '["rqe"]'),
  ('d0000000-0000-4000-8000-000000000003', '5511993690503', 'Dr.',  'Thiago',   'Oliveira',        '177305', 'anestesiologia',          'São Caetano do Sul',    'ABC',              'qualificado',    false, NULL, NULL, 35,
   '{"turnos": ["diurno"], "regioes": ["ABC"], "dias_preferidos": ["terca", "quinta"], "hospitais_preferidos": ["b0000000-0000-4000-8000-000000000001"]}', '["indicacao"]'),
  ('d0000000-0000-4000-8000-000000000004', '5511994710604', 'Dra.', 'Juliana',  'Rocha',           '182640', 'anestesiologia',          'São Paulo',             'Capital',          'msg_enviada',    false, NULL, NULL, 25,
   '{}', '[]'),
  ('d0000000-0000-4000-8000-000000000005', '5511995820705', 'Dr.',  'Bruno',    'Carvalho',        '149027', 'anestesiologia',          'Santo André',           'ABC',              'nao_respondeu',  false, NULL, NULL, 60,
   '{"turnos": ["24h"]}', '["sem_resposta_campanha"]'),
  ('d0000000-0000-4000-8000-000000000006', '5511996930806', 'Dr.',  'Marcelo',  'Tanaka',          '160318', 'anestesiologia',          'Guarulhos',             'Grande SP',        'novo',           false, NULL, NULL, 0,
   '{}', '[]'),
  ('d0000000-0000-4000-8000-000000000007', '5511998251008', 'Dr.',  'Eduardo',  'Lima',            '132654', 'cardiologia',             'São Bernardo do Campo', 'ABC',              'em_conversacao', false, NULL, NULL, 30,
   '{"turnos": ["manhã", "tarde"], "regioes": ["ABC"], "setores_bloqueados": ["PS"]}', '["ambulatorio"]'),
  ('d0000000-0000-4000-8000-000000000008', '5511991362109', 'Dra.', 'Patrícia', 'Nogueira',        '158720', 'cardiologia',             'São Paulo',             'Capital',          'respondeu',      false, NULL, NULL, 25,
   '{"turnos": ["diurno"], "regioes": ["Capital"], "valor_minimo": 1800}', '[]'),
  ('d0000000-0000-4000-8000-000000000009', '5511992473210', 'Dr.',  'Gustavo',  'Ribeiro',         '171234', 'cardiologia',             'Santo André',           'ABC',              'ativo',          false, NULL, NULL, 15,
   '{"turnos": ["noturno"], "dias_preferidos": ["sexta", "sabado"]}', '["plantonista_frequente"]'),
  ('d0000000-0000-4000-8000-000000000010', '5511993584311', 'Dra.', 'Renata',   'Souza',           '185906', 'cardiologia',             'Mauá',                  'ABC',              'novo',           false, NULL, NULL, 0,
   '{}', '[]'),
  ('d0000000-0000-4000-8000-000000000011', '5511994695412', 'Dr.',  'Felipe',   'Martins',         '190442', 'cardiologia',             'Diadema',               'ABC',              'msg_enviada',    false, NULL, NULL, 25,
   '{}', '["campanha_cardio"]'),
  ('d0000000-0000-4000-8000-000000000012', '5511997140907', 'Dra.', 'Fernanda', 'Alves',           '176543', 'clinica_medica',          'Santo André',           'ABC',              'em_conversacao', false, NULL, NULL, 30,
   '{"turnos": ["noturno"], "regioes": ["ABC"], "valor_minimo": 1500}', '[]'),
  ('d0000000-0000-4000-8000-000000000013', '5511995706513', 'Dr.',  'Lucas',    'Pereira',         '181276', 'clinica_medica',          'Diadema',               'ABC',              'respondeu',      false, NULL, NULL, 25,
   '{"turnos": ["diurno"], "regioes": ["ABC"], "dias_preferidos": ["segunda", "quarta"]}', '[]'),
  ('d0000000-0000-4000-8000-000000000014', '5511996817614', 'Dra.', 'Aline',    'Costa',           '192835', 'clinica_medica',          'São Bernardo do Campo', 'ABC',              'ativo',          true,  NULL, NULL, 15,
   '{"turnos": ["diurno", "noturno"], "regioes": ["ABC", "Capital"], "valor_minimo": 1400, "hospitais_bloqueados": ["b0000000-0000-4000-8000-000000000005"]}',
   '["plantonista_frequente", "cobre_ultima_hora"]'),
  ('d0000000-0000-4000-8000-000000000015', '5511997928715', 'Dr.',  'Rodrigo',  'Santos',          '167204', 'clinica_medica',          'Mauá',                  'ABC',              'nao_respondeu',  false, NULL, NULL, 70,
   '{}', '["sem_resposta_campanha"]'),
  ('d0000000-0000-4000-8000-000000000016', '5511998039816', 'Dra.', 'Beatriz',  'Gomes',           '198761', 'clinica_medica',          'São Paulo',             'Capital',          'qualificado',    false, NULL, NULL, 20,
   '{"turnos": ["24h"], "regioes": ["Capital"], "dias_preferidos": ["domingo"]}', '[]'),
  ('d0000000-0000-4000-8000-000000000017', '5511991140917', 'Dr.',  'Vinícius', 'Barbosa',         '203418', 'clinica_medica',          'Guarulhos',             'Grande SP',        'novo',           false, NULL, NULL, 0,
   '{}', '["recem_formado"]'),
  ('d0000000-0000-4000-8000-000000000018', '5511992251018', 'Dra.', 'Larissa',  'Moreira',         '210937', 'clinica_medica',          'São Caetano do Sul',    'ABC',              'msg_enviada',    false, NULL, NULL, 25,
   '{}', '[]'),
  ('d0000000-0000-4000-8000-000000000019', '5511993362119', 'Dra.', 'Mariana',  'Araújo',          '163582', 'pediatria',               'Santo André',           'ABC',              'ativo',          false, NULL, NULL, 10,
   '{"turnos": ["diurno"], "regioes": ["ABC"], "setores_bloqueados": ["UTI"]}', '["plantonista_frequente"]'),
  ('d0000000-0000-4000-8000-000000000020', '5511994473220', 'Dr.',  'Pedro',    'Henrique Cardoso','174906', 'pediatria',               'São Bernardo do Campo', 'ABC',              'ativo',          false, NULL, NULL, 15,
   '{"turnos": ["noturno", "24h"], "regioes": ["ABC"], "valor_minimo": 1700}', '[]'),
  ('d0000000-0000-4000-8000-000000000021', '5511995584321', 'Dra.', 'Gabriela', 'Teixeira',        '186230', 'pediatria',               'Diadema',               'ABC',              'respondeu',      false, NULL, NULL, 25,
   '{"dias_preferidos": ["sabado"]}', '[]'),
  ('d0000000-0000-4000-8000-000000000022', '5511996695422', 'Dra.', 'Tatiane',  'Vieira',          '195874', 'pediatria',               'São Paulo',             'Capital',          'opt_out',        false, NULL, 'não tenho interesse, obrigada', 0,
   '{}', '[]'),
  ('d0000000-0000-4000-8000-000000000023', '5511997706523', 'Dr.',  'André',    'Correia',         '201345', 'pediatria',               'Mauá',                  'ABC',              'novo',           false, NULL, NULL, 0,
   '{}', '[]'),
  ('d0000000-0000-4000-8000-000000000024', '5511998817624', 'Dr.',  'Ricardo',  'Fonseca',         '145893', 'ortopedia',               'Santo André',           'ABC',              'ativo',          false, NULL, NULL, 20,
   '{"turnos": ["24h"], "regioes": ["ABC"], "valor_minimo": 2400, "hospitais_preferidos": ["b0000000-0000-4000-8000-000000000003"]}', '["rqe"]'),
  ('d0000000-0000-4000-8000-000000000025', '5511991928725', 'Dr.',  'Leonardo', 'Batista',         '157426', 'ortopedia',               'São Caetano do Sul',    'ABC',              'em_conversacao', false, NULL, NULL, 30,
   '{"turnos": ["diurno"], "setores_bloqueados": ["CC"]}', '[]'),
  ('d0000000-0000-4000-8000-000000000026', '5511992039826', 'Dr.',  'Daniel',   'Moura',           '169051', 'ortopedia',               'São Paulo',             'Capital',          'inativo',        false, 'Faltou a dois plantões sem avisar; não contatar (gestora)', NULL, 40,
   '{}', '["nao_contatar"]'),
  ('d0000000-0000-4000-8000-000000000027', '5511983140927', 'Dra.', 'Carolina', 'Pinto',           '188317', 'ortopedia',               'Guarulhos',             'Grande SP',        'msg_enviada',    false, NULL, NULL, 25,
   '{}', '[]'),
  ('d0000000-0000-4000-8000-000000000028', '5511984251028', 'Dra.', 'Vanessa',  'Campos',          '152764', 'ginecologia_obstetricia', 'Santo André',           'ABC',              'qualificado',    false, NULL, NULL, 20,
   '{"turnos": ["24h"], "regioes": ["ABC"], "dias_preferidos": ["sabado", "domingo"], "hospitais_preferidos": ["b0000000-0000-4000-8000-000000000002"]}', '["rqe"]'),
  ('d0000000-0000-4000-8000-000000000029', '5511985362129', 'Dra.', 'Priscila', 'Duarte',          '166098', 'ginecologia_obstetricia', 'São Bernardo do Campo', 'ABC',              'ativo',          false, NULL, NULL, 15,
   '{"turnos": ["noturno"], "valor_minimo": 2000}', '["plantonista_frequente"]'),
  ('d0000000-0000-4000-8000-000000000030', '5511986473230', 'Dr.',  'Fábio',    'Monteiro',        '179642', 'ginecologia_obstetricia', 'Diadema',               'ABC',              'nao_respondeu',  false, NULL, NULL, 55,
   '{}', '[]'),
  ('d0000000-0000-4000-8000-000000000031', '5512991580331', 'Dra.', 'Letícia',  'Freitas',         '191205', 'ginecologia_obstetricia', 'São José dos Campos',   'Vale do Paraíba',  'novo',           false, NULL, NULL, 0,
   '{}', '[]'),
  ('d0000000-0000-4000-8000-000000000032', '5512997691432', 'Dr.',  'Henrique', 'Azevedo',         '158439', 'cirurgia_geral',          'São José dos Campos',   'Vale do Paraíba',  'msg_enviada',    false, NULL, NULL, 25,
   '{"regioes": ["Capital", "ABC"]}', '[]'),
  ('d0000000-0000-4000-8000-000000000033', '5513991702533', 'Dr.',  'Mateus',   'Rezende',         '173860', 'cirurgia_geral',          'Santos',                'Baixada Santista', 'respondeu',      false, NULL, NULL, 25,
   '{"turnos": ["24h"], "dias_preferidos": ["sexta", "sabado", "domingo"], "valor_minimo": 2800}', '[]'),
  ('d0000000-0000-4000-8000-000000000034', '5513988813634', 'Dra.', 'Isabela',  'Cunha',           '184527', 'cirurgia_geral',          'Santos',                'Baixada Santista', 'novo',           false, NULL, NULL, 0,
   '{}', '[]'),
  ('d0000000-0000-4000-8000-000000000035', '5519992924735', 'Dr.',  'Caio',     'Nunes',           '196372', 'cirurgia_geral',          'Campinas',              'Campinas',         'qualificado',    false, NULL, NULL, 20,
   '{"turnos": ["diurno", "noturno"], "regioes": ["Capital"]}', '[]'),
  ('d0000000-0000-4000-8000-000000000036', '5519981035836', 'Dra.', 'Sofia',    'Lopes',           '162815', 'medicina_intensiva',      'Campinas',              'Campinas',         'ativo',          false, NULL, NULL, 15,
   '{"turnos": ["24h"], "regioes": ["Capital", "ABC"], "valor_minimo": 2600}', '["amib"]'),
  ('d0000000-0000-4000-8000-000000000037', '551144330137',  'Dr.',  'Alexandre','Ramos',           '148290', 'medicina_intensiva',      'Santo André',           'ABC',              'ativo',          false, NULL, NULL, 10,
   '{"turnos": ["noturno"], "regioes": ["ABC"], "hospitais_bloqueados": ["b0000000-0000-4000-8000-000000000009"]}', '["amib", "plantonista_frequente"]'),
  ('d0000000-0000-4000-8000-000000000038', '551143560238',  'Dra.', 'Natália',  'Borges',          '170674', 'medicina_intensiva',      'São Bernardo do Campo', 'ABC',              'em_conversacao', false, NULL, NULL, 30,
   '{"turnos": ["diurno"], "dias_preferidos": ["segunda", "terca", "quarta"]}', '[]'),
  ('d0000000-0000-4000-8000-000000000039', '551127450339',  'Dr.',  'Paulo',    'Macedo',          '139507', 'medicina_intensiva',      'São Paulo',             'Capital',          'nao_respondeu',  false, NULL, NULL, 45,
   '{}', '[]'),
  ('d0000000-0000-4000-8000-000000000040', '551155210440',  'Dra.', 'Cristina', 'Yamamoto',        '205183', 'medicina_intensiva',      'Santo André',           'ABC',              'novo',           false, NULL, NULL, 0,
   '{}', '[]')
) AS v (id, telefone, titulo, primeiro_nome, sobrenome, crm, especialidade, cidade, regiao, stage, vip, bloqueado_motivo,
        opt_out_reason, pressure, prefs, tags)
JOIN especialidades e ON e.nome = v.especialidade
ON CONFLICT DO NOTHING;

-- ---------------------------------------------------------------------------------------------------------------
-- Vagas: 80 generated shifts over the next 14 days (days 1..14), derived deterministically from n:
-- specialty cycles over the 8 above; period and sector come from the specialty's config; pay from its faixa_valor
-- (6 h < diurno < noturno < 24 h); a few 'anunciada', some alta/urgente, one critica, some 'faixa', one 'a_combinar'.
-- ---------------------------------------------------------------------------------------------------------------

WITH esp AS (
    SELECT id, config, row_number() OVER (ORDER BY nome) AS idx
    FROM especialidades
    WHERE nome IN ('anestesiologia', 'cardiologia', 'clinica_medica', 'pediatria', 'ortopedia', 'ginecologia_obstetricia',
                   'cirurgia_geral', 'medicina_intensiva')
), hosp AS (
    SELECT id, row_number() OVER (ORDER BY id) AS idx
    FROM hospitais
    WHERE id::text LIKE 'b0000000-0000-4000-8000-0000000000__'
), gen AS (
    SELECT n,
           ((n - 1) % 8) + 1 AS e_idx,
           (n - 1) / 8 AS k,
           CASE WHEN n = 42 THEN 'critica'
                WHEN n % 11 = 0 THEN 'urgente'
                WHEN n % 7 = 0 THEN 'alta'
                ELSE 'normal' END AS prioridade,
           CASE WHEN n = 50 THEN 'a_combinar' WHEN n % 6 = 0 THEN 'faixa' ELSE 'fixo' END AS valor_tipo
    FROM generate_series(1, 80) AS n
)
INSERT INTO vagas (id, hospital_id, especialidade_id, setor_id, periodo_id, tipos_vaga_id, forma_recebimento_id, data,
                   hora_inicio, hora_fim, valor, valor_tipo, valor_minimo, valor_maximo, prioridade, status, observacoes)
SELECT md5('julia-demo-vaga-' || g.n)::uuid,
       h.id, e.id, s.id, p.id, tv.id, fr.id,
       current_date + (g.n * 3) % 14 + 1,
       p.hora_inicio, p.hora_fim,
       CASE WHEN g.valor_tipo <> 'a_combinar' THEN pay.valor END,
       g.valor_tipo,
       CASE WHEN g.valor_tipo = 'faixa' THEN pay.valor END,
       CASE WHEN g.valor_tipo = 'faixa' THEN pay.valor + 400 END,
       g.prioridade,
       CASE WHEN g.n % 12 = 0 THEN 'anunciada' ELSE 'aberta' END,
       CASE WHEN tv.nome = 'cobertura' THEN 'Cobertura de férias do plantonista fixo.'
            WHEN g.n % 9 = 0 THEN 'Exige RQE na especialidade.'
            WHEN g.n % 9 = 3 THEN 'Estacionamento gratuito para plantonistas.'
            WHEN g.n % 9 = 6 THEN 'Passagem de plantão presencial 15 min antes do início.'
            WHEN g.prioridade IN ('urgente', 'critica') THEN 'Escala descoberta, precisamos fechar hoje.' END
FROM gen g
JOIN esp e ON e.idx = g.e_idx
JOIN hosp h ON h.idx = (g.n * 5) % 9 + 1
LEFT JOIN periodos p ON p.nome = e.config -> 'tipos_plantao' ->> (g.k % jsonb_array_length(e.config -> 'tipos_plantao'))
-- outpatient clinics (Ambulatório) only get day periods
CROSS JOIN LATERAL (
    SELECT array_agg(t.nome ORDER BY t.ord) AS nomes
    FROM jsonb_array_elements_text(e.config -> 'setores') WITH ORDINALITY AS t (nome, ord)
    WHERE NOT (t.nome = 'Ambulatório' AND p.nome IN ('noturno', '24h'))
) AS sa
LEFT JOIN setores s ON s.nome = sa.nomes[1 + (g.k + g.n / 3) % cardinality(sa.nomes)]
LEFT JOIN tipos_vaga tv ON tv.nome = CASE WHEN g.n % 10 = 0 THEN 'fixo' WHEN g.n % 5 = 2 THEN 'cobertura' ELSE 'avulso' END
LEFT JOIN formas_recebimento fr ON fr.nome = CASE WHEN g.n % 5 = 0 THEN 'cooperativa' WHEN g.n % 13 = 0 THEN 'PF' ELSE 'PJ' END
CROSS JOIN LATERAL (
    SELECT (round((min_v + (max_v - min_v) * (lo + (hi - lo) * ((g.n * 37) % 100) / 100.0)) / 50) * 50)::int AS valor
    FROM (SELECT (e.config -> 'faixa_valor' ->> 'min')::int AS min_v,
                 (e.config -> 'faixa_valor' ->> 'max')::int AS max_v,
                 CASE p.nome WHEN 'manhã' THEN 0.0 WHEN 'tarde' THEN 0.0 WHEN 'noturno' THEN 0.35 WHEN '24h' THEN 0.7 ELSE 0.2 END AS lo,
                 CASE p.nome WHEN 'manhã' THEN 0.3 WHEN 'tarde' THEN 0.3 WHEN 'noturno' THEN 0.75 WHEN '24h' THEN 1.0 ELSE 0.6 END AS hi) AS f
) AS pay
ON CONFLICT DO NOTHING;

-- Two shifts already held by doctors of the same specialty (status 'reservada' + an 'ativa' reservation each).
INSERT INTO vagas (id, hospital_id, especialidade_id, setor_id, periodo_id, tipos_vaga_id, forma_recebimento_id, data,
                   hora_inicio, hora_fim, valor, valor_tipo, prioridade, status, medico_id, fechada_em, fechada_por, observacoes)
SELECT md5('julia-demo-vaga-reservada-' || v.n)::uuid, v.hospital_id::uuid, e.id, s.id, p.id, tv.id, fr.id,
       current_date + v.dias, p.hora_inicio, p.hora_fim, v.valor, 'fixo', 'normal', 'reservada',
       (SELECT m.id FROM medicos m WHERE m.telefone = v.telefone), now() - v.ha, v.fechada_por, v.observacoes
FROM (VALUES
  (1, 'b0000000-0000-4000-8000-000000000001', 'anestesiologia', 'CC', 'diurno',  3, 2400, '5511993690503', interval '3 hours', 'julia',  NULL),
  (2, 'b0000000-0000-4000-8000-000000000002', 'pediatria',      'PS', 'noturno', 5, 1950, '5511994473220', interval '1 day',   'humano', 'Reservado pela equipe por telefone.')
) AS v (n, hospital_id, especialidade, setor, periodo, dias, valor, telefone, ha, fechada_por, observacoes)
JOIN especialidades e ON e.nome = v.especialidade
LEFT JOIN setores s ON s.nome = v.setor
LEFT JOIN periodos p ON p.nome = v.periodo
LEFT JOIN tipos_vaga tv ON tv.nome = 'avulso'
LEFT JOIN formas_recebimento fr ON fr.nome = 'PJ'
ON CONFLICT DO NOTHING;

INSERT INTO reservas_vaga (id, vaga_id, medico_id, status, origem, confirmacao, created_at)
SELECT r.id::uuid, vg.id, vg.medico_id, 'ativa', r.origem, r.confirmacao, vg.fechada_em
FROM (VALUES
  ('ae000000-0000-4000-8000-000000000001', 1, 'julia',  'Fechado, pode reservar esse pra mim!'),
  ('ae000000-0000-4000-8000-000000000002', 2, 'humano', 'Confirmado por telefone com a equipe.')
) AS r (id, n, origem, confirmacao)
JOIN vagas vg ON vg.id = md5('julia-demo-vaga-reservada-' || r.n)::uuid AND vg.status = 'reservada' AND vg.medico_id IS NOT NULL
ON CONFLICT DO NOTHING;

-- ---------------------------------------------------------------------------------------------------------------
-- Sample conversations
--   A: Dra. Fernanda Alves asked for a person → controlled_by 'human', one 'pendente' handoff.
--   B: Dr. Lucas Pereira asked to be called tomorrow → one 'pendente' lembrete_solicitado in the queue.
-- Dependent rows select their conversation by id, so nothing is inserted if it could not be created.
-- ---------------------------------------------------------------------------------------------------------------

INSERT INTO conversations (id, medico_id, status, controlled_by, stage, escalation_reason, message_count, last_message_at,
                           last_inbound_at, last_outbound_at, created_at)
SELECT v.id::uuid, m.id, 'active', v.controlled_by, 'respondeu', v.escalation_reason, v.message_count,
       now() - v.last_message, now() - v.last_inbound, now() - v.last_outbound, now() - v.criada
FROM (VALUES
  ('c0000000-0000-4000-8000-000000000001', '5511997140907', 'human', 'Pediu para falar com uma pessoa da equipe sobre valor e contrato', 5,
   interval '25 minutes', interval '26 minutes', interval '25 minutes', interval '1 day 2 hours'),
  ('c0000000-0000-4000-8000-000000000002', '5511995706513', 'ai', NULL, 3,
   interval '2 hours', interval '2 hours 1 minute', interval '2 hours', interval '3 hours')
) AS v (id, telefone, controlled_by, escalation_reason, message_count, last_message, last_inbound, last_outbound, criada)
JOIN medicos m ON m.telefone = v.telefone
ON CONFLICT DO NOTHING;

INSERT INTO interacoes (medico_id, conversa_id, direcao, tipo, autor_tipo, origem, conteudo, provider_message_id, remote_jid,
                        processado_em, tempo_resposta_ms, created_at)
SELECT c.medico_id, c.id, v.direcao, 'texto', v.autor_tipo, v.origem, v.conteudo, v.provider_message_id, m.whatsapp_jid,
       CASE WHEN v.direcao = 'entrada' THEN now() - v.ha + interval '6 seconds' END,
       v.tempo_resposta_ms, now() - v.ha
FROM (VALUES
  ('c0000000-0000-4000-8000-000000000001', 'saida',   'julia',   'fila:campanha', 'DEMO-OUT-A1', NULL::int, interval '1 day 2 hours',
   'Oi Dra. Fernanda, tudo bem? Sou a Júlia, assistente virtual da equipe de escalas da Revoluna. Estamos com plantões de clínica médica em PS e enfermaria no ABC, posso te mandar as opções?'),
  ('c0000000-0000-4000-8000-000000000001', 'entrada', 'medico',  'whatsapp',      'DEMO-IN-A1',  NULL, interval '40 minutes',
   'Oi Júlia! Pode mandar sim, prefiro noturno aqui no ABC'),
  ('c0000000-0000-4000-8000-000000000001', 'saida',   'julia',   'fila:resposta', 'DEMO-OUT-A2', 4100, interval '39 minutes',
   'Tenho um noturno no PS do Hospital Santa Helena do ABC, em Santo André, das 19h às 7h, por R$ 1.650. Te interessa?'),
  ('c0000000-0000-4000-8000-000000000001', 'entrada', 'medico',  'whatsapp',      'DEMO-IN-A2',  NULL, interval '26 minutes',
   'Interessa, mas queria falar com uma pessoa da equipe sobre o valor e o contrato, pode ser?'),
  ('c0000000-0000-4000-8000-000000000001', 'saida',   'sistema', 'fila:sistema',  'DEMO-OUT-A3', NULL, interval '25 minutes',
   'Claro! Vou chamar alguém da equipe pra seguir com vc por aqui'),
  ('c0000000-0000-4000-8000-000000000002', 'saida',   'julia',   'fila:campanha', 'DEMO-OUT-B1', NULL, interval '3 hours',
   'Oi Dr. Lucas, tudo bem? Sou a Júlia, assistente virtual da equipe de escalas da Revoluna. Tenho plantões de clínica médica em Diadema e região, posso te mostrar?'),
  ('c0000000-0000-4000-8000-000000000002', 'entrada', 'medico',  'whatsapp',      'DEMO-IN-B1',  NULL, interval '2 hours 1 minute',
   'Oi Júlia, agora tô no meio do plantão. Me chama amanhã de manhã?'),
  ('c0000000-0000-4000-8000-000000000002', 'saida',   'julia',   'fila:resposta', 'DEMO-OUT-B2', 3800, interval '2 hours',
   'Claro! Te chamo amanhã às 10h então. Bom plantão!')
) AS v (conversa_id, direcao, autor_tipo, origem, provider_message_id, tempo_resposta_ms, ha, conteudo)
JOIN conversations c ON c.id = v.conversa_id::uuid
JOIN medicos m ON m.id = c.medico_id
WHERE NOT EXISTS (SELECT 1 FROM interacoes i WHERE i.provider_message_id = v.provider_message_id)
ON CONFLICT (provider_message_id) WHERE direcao = 'entrada' DO NOTHING;

INSERT INTO handoffs (id, conversa_id, medico_id, trigger_type, motivo, status, from_controller, to_controller, metadata,
                      slack_notificado_em, created_at)
SELECT 'ab000000-0000-4000-8000-000000000001', c.id, c.medico_id, 'pedido_humano',
       'Médica pediu para falar com uma pessoa da equipe sobre valor e contrato', 'pendente', 'ai', 'human',
       jsonb_build_object(
           'ultima_mensagem', 'Interessa, mas queria falar com uma pessoa da equipe sobre o valor e o contrato, pode ser?',
           'total_interacoes', 5,
           'duracao_conversa_minutos', 1455,
           'mensagem_gatilho', 'Interessa, mas queria falar com uma pessoa da equipe sobre o valor e o contrato, pode ser?'),
       now() - interval '25 minutes', now() - interval '25 minutes'
FROM conversations c
WHERE c.id = 'c0000000-0000-4000-8000-000000000001'
ON CONFLICT DO NOTHING;

-- Call-back requested via agendar_lembrete: tomorrow 10:00 São Paulo (the dispatcher defers it if that is not a business day).
INSERT INTO fila_mensagens (id, medico_id, conversa_id, tipo, conteudo, prioridade, status, agendar_para, metadata, created_at)
SELECT 'f1000000-0000-4000-8000-000000000001', c.medico_id, c.id, 'lembrete_solicitado',
       'Oi Dr. Lucas, tudo bem? Passando pra retomar o que a gente combinou sobre os plantões de clínica médica em Diadema. Consegue falar agora?',
       7, 'pendente',
       (((now() AT TIME ZONE 'America/Sao_Paulo')::date + 1) + time '10:00') AT TIME ZONE 'America/Sao_Paulo',
       jsonb_build_object('contexto', 'plantões de clínica médica em Diadema', 'solicitado_em', now() - interval '2 hours'),
       now() - interval '2 hours'
FROM conversations c
WHERE c.id = 'c0000000-0000-4000-8000-000000000002'
ON CONFLICT DO NOTHING;

-- ---------------------------------------------------------------------------------------------------------------
-- Dashboard (/static/dashboard.html): the agent accounting of the two sample replies (tokens per model, cost) and one
-- alert of the last 24 h, so every chart of the demo has something to draw.
-- ---------------------------------------------------------------------------------------------------------------

UPDATE interacoes i SET llm = v.llm::jsonb
FROM (VALUES
  ('DEMO-OUT-A2', '{"modelo": "claude-haiku-4-5", "tokens_entrada": 2480, "tokens_saida": 64, "latencia_llm_ms": 1830, "ferramentas": 1}'),
  ('DEMO-OUT-B2', '{"modelo": "claude-sonnet-4-5", "tokens_entrada": 1910, "tokens_saida": 38, "latencia_llm_ms": 2410, "ferramentas": 0}')
) AS v (provider_message_id, llm)
WHERE i.provider_message_id = v.provider_message_id AND i.direcao = 'saida' AND i.llm IS NULL;

INSERT INTO alertas_enviados (id, tipo, severidade, mensagem, valor, created_at)
VALUES ('a1e00000-0000-4000-8000-000000000001', 'fila_congestionada', 'warning',
        'Mensagem pendente mais antiga há 17 min (limite 15 min)', 1020, now() - interval '3 hours')
ON CONFLICT DO NOTHING;

-- ---------------------------------------------------------------------------------------------------------------
-- Offer funnel (GET /metricas/funil, the dashboard's "Funil de ofertas"): two campaigns and a call-back, with doctors
-- stopping at each step, all within the last two days. Every Júlia reply comes 60 s after the doctor's message, as in
-- the sample conversations above. Campaign ids 1 and 2 are looked up with their names (nothing is attached to someone
-- else's campaign) and the id sequence is moved past them.
--   Clínica médica ABC (demo): Fernanda (A: offered a shift, then asked for a person), Lucas (B), Larissa (no answer yet).
--   Cardiologia ABC (demo):    Eduardo (reserved, confirmed by staff), Gustavo (reserved, hold pending), Patrícia
--                              (offered), Felipe (no answer), Renata (asked to be removed: opt-out).
--   No campaign:               Natália (a call-back she had asked for, then offered a shift).
-- ---------------------------------------------------------------------------------------------------------------

INSERT INTO campanhas (id, nome, tipo, mensagem_template, filtros, max_por_dia, status, iniciada_em, concluida_em, total_destinatarios, created_at)
VALUES
  (1, 'Clínica médica ABC (demo)', 'primeiro_contato', '{saudacao_especialidade}',
   '{"especialidades": ["clinica_medica"], "regioes": ["ABC"]}', 20, 'concluida', now() - interval '1 day 3 hours', now() - interval '20 hours', 3,
   now() - interval '1 day 4 hours'),
  (2, 'Cardiologia ABC (demo)', 'oferta_plantao', '{saudacao_especialidade}',
   '{"especialidades": ["cardiologia"], "regioes": ["ABC"]}', 20, 'ativa', now() - interval '1 day 21 hours', NULL, 5,
   now() - interval '1 day 22 hours')
ON CONFLICT DO NOTHING;

SELECT setval(pg_get_serial_sequence('campanhas', 'id'), (SELECT max(id) FROM campanhas));

UPDATE conversations c SET campanha_id = ca.id
FROM campanhas ca
WHERE c.id IN ('c0000000-0000-4000-8000-000000000001', 'c0000000-0000-4000-8000-000000000002') AND c.campanha_id IS NULL
  AND ca.id = 1 AND ca.nome = 'Clínica médica ABC (demo)';

INSERT INTO conversations (id, medico_id, status, controlled_by, stage, campanha_id, message_count, last_message_at,
                           last_inbound_at, last_outbound_at, completed_at, created_at)
SELECT v.id::uuid, m.id, v.status, 'ai', v.stage, ca.id, v.message_count, now() - v.last_message,
       now() - v.last_inbound, now() - v.last_message, CASE WHEN v.status = 'completed' THEN now() - v.last_message END, now() - v.criada
FROM (VALUES
  ('c0000000-0000-4000-8000-000000000003', '5511992251018', 'active',    'msg_enviada', 'Clínica médica ABC (demo)', 1, 1, interval '20 hours',          NULL::interval,     interval '20 hours'),
  ('c0000000-0000-4000-8000-000000000004', '5511998251008', 'active',    'reservou',    'Cardiologia ABC (demo)',    2, 5, interval '41 hours 59 minutes', interval '42 hours', interval '44 hours'),
  ('c0000000-0000-4000-8000-000000000005', '5511992473210', 'active',    'reservou',    'Cardiologia ABC (demo)',    2, 5, interval '3 hours 59 minutes',  interval '4 hours',  interval '26 hours'),
  ('c0000000-0000-4000-8000-000000000006', '5511991362109', 'active',    'respondeu',   'Cardiologia ABC (demo)',    2, 3, interval '4 hours 59 minutes',  interval '5 hours',  interval '27 hours'),
  ('c0000000-0000-4000-8000-000000000007', '5511994695412', 'active',    'msg_enviada', 'Cardiologia ABC (demo)',    2, 1, interval '20 hours',          NULL,                interval '20 hours'),
  ('c0000000-0000-4000-8000-000000000008', '5511993584311', 'completed', 'respondeu',   'Cardiologia ABC (demo)',    2, 3, interval '22 hours 59 minutes', interval '23 hours', interval '25 hours'),
  ('c0000000-0000-4000-8000-000000000009', '551143560238',  'active',    'respondeu',   NULL,                        NULL, 3, interval '26 hours 59 minutes', interval '27 hours', interval '12 days')
) AS v (id, telefone, status, stage, campanha, campanha_id, message_count, last_message, last_inbound, criada)
JOIN medicos m ON m.telefone = v.telefone
LEFT JOIN campanhas ca ON ca.id = v.campanha_id AND ca.nome = v.campanha
ON CONFLICT DO NOTHING;


-- Two more cardiology shifts held after the conversations below: Eduardo's confirmed by staff 2 hours after Júlia
-- reserved it, Gustavo's pending.
INSERT INTO vagas (id, hospital_id, especialidade_id, setor_id, periodo_id, tipos_vaga_id, forma_recebimento_id, data,
                   hora_inicio, hora_fim, valor, valor_tipo, prioridade, status, medico_id, fechada_em, fechada_por)
SELECT md5('julia-demo-vaga-reservada-' || v.n)::uuid, v.hospital_id::uuid, e.id, s.id, p.id, tv.id, fr.id,
       current_date + v.dias, p.hora_inicio, p.hora_fim, v.valor, 'fixo', 'normal', v.status,
       (SELECT m.id FROM medicos m WHERE m.telefone = v.telefone), now() - v.ha, 'julia'
FROM (VALUES
  (3, 'b0000000-0000-4000-8000-000000000003', 'Ambulatório', 'manhã',   4, 1500, 'confirmada', '5511998251008', interval '41 hours 59 minutes 30 seconds'),
  (4, 'b0000000-0000-4000-8000-000000000006', 'UTI',         'noturno', 6, 2400, 'reservada',  '5511992473210', interval '3 hours 59 minutes 30 seconds')
) AS v (n, hospital_id, setor, periodo, dias, valor, status, telefone, ha)
JOIN especialidades e ON e.nome = 'cardiologia'
LEFT JOIN setores s ON s.nome = v.setor
LEFT JOIN periodos p ON p.nome = v.periodo
LEFT JOIN tipos_vaga tv ON tv.nome = 'avulso'
LEFT JOIN formas_recebimento fr ON fr.nome = 'PJ'
ON CONFLICT DO NOTHING;

INSERT INTO reservas_vaga (id, vaga_id, medico_id, conversa_id, status, origem, confirmacao, created_at, confirmada_em, confirmada_por)
SELECT r.id::uuid, vg.id, vg.medico_id, r.conversa_id::uuid, r.status, 'julia', r.confirmacao, vg.fechada_em,
       vg.fechada_em + r.confirmada_apos, r.confirmada_por
FROM (VALUES
  ('ae000000-0000-4000-8000-000000000003', 3, 'confirmada', 'c0000000-0000-4000-8000-000000000004', 'Sim, pode reservar pra mim', interval '2 hours', 'Carla (escalas)'),
  ('ae000000-0000-4000-8000-000000000004', 4, 'ativa',      'c0000000-0000-4000-8000-000000000005', 'Fechado, pode reservar',     NULL,             NULL)
) AS r (id, n, status, conversa_id, confirmacao, confirmada_apos, confirmada_por)
JOIN vagas vg ON vg.id = md5('julia-demo-vaga-reservada-' || r.n)::uuid AND vg.status IN ('reservada', 'confirmada') AND vg.medico_id IS NOT NULL
JOIN conversations c ON c.id = r.conversa_id::uuid AND c.medico_id = vg.medico_id
ON CONFLICT DO NOTHING;

-- Júlia's replies carry their turn's accounting; vagas_oferecidas = the shifts the reply names (docs/decisions.md#agent).
INSERT INTO interacoes (medico_id, conversa_id, direcao, tipo, autor_tipo, origem, conteudo, provider_message_id, remote_jid,
                        processado_em, tempo_resposta_ms, llm, created_at)
SELECT c.medico_id, c.id, v.direcao, 'texto', v.autor_tipo, v.origem, v.conteudo, v.provider_message_id, m.whatsapp_jid,
       CASE WHEN v.direcao = 'entrada' THEN now() - v.ha + interval '6 seconds' END,
       CASE WHEN v.origem = 'fila:resposta' THEN 3900 END,
       CASE WHEN v.origem = 'fila:resposta' THEN jsonb_build_object('modelo', 'claude-haiku-4-5', 'tokens_entrada', 2300, 'tokens_saida', 55,
            'latencia_llm_ms', 1700, 'ferramentas', CASE WHEN v.oferta IS NULL THEN 0 ELSE 1 END,
            'vagas_oferecidas', CASE WHEN v.oferta IS NULL THEN '[]'::jsonb ELSE jsonb_build_array(md5(v.oferta)::uuid) END) END,
       now() - v.ha
FROM (VALUES
  ('c0000000-0000-4000-8000-000000000003', 'saida',   'julia',   'fila:campanha', 'DEMO-OUT-D1', NULL::text, interval '20 hours',
   'Oi Dra. Larissa, tudo bem? Sou a Júlia, assistente virtual da equipe de escalas da Revoluna. Estamos com plantões de clínica médica em PS e enfermaria no ABC, posso te mandar as opções?'),
  ('c0000000-0000-4000-8000-000000000004', 'saida',   'julia',   'fila:campanha', 'DEMO-OUT-E1', NULL, interval '44 hours',
   'Oi Dr. Eduardo, tudo bem? Sou a Júlia, assistente virtual da equipe de escalas da Revoluna. Tenho plantões de cardiologia em UTI, PS e ambulatório na região, quer dar uma olhada?'),
  ('c0000000-0000-4000-8000-000000000004', 'entrada', 'medico',  'whatsapp',      'DEMO-IN-E1',  NULL, interval '43 hours',
   'Oi Júlia! Tenho interesse sim, prefiro ambulatório de manhã aqui no ABC'),
  ('c0000000-0000-4000-8000-000000000004', 'saida',   'julia',   'fila:resposta', 'DEMO-OUT-E2', 'julia-demo-vaga-reservada-3', interval '42 hours 59 minutes',
   'Tenho uma manhã no ambulatório do Hospital Anchieta Rudge Ramos, em São Bernardo, das 7h às 13h, por R$ 1.500. Quer que eu reserve?'),
  ('c0000000-0000-4000-8000-000000000004', 'entrada', 'medico',  'whatsapp',      'DEMO-IN-E2',  NULL, interval '42 hours',
   'Sim, pode reservar pra mim'),
  ('c0000000-0000-4000-8000-000000000004', 'saida',   'julia',   'fila:resposta', 'DEMO-OUT-E3', NULL, interval '41 hours 59 minutes',
   'Reservado! É uma pré-reserva: a equipe confirma com vc em breve.'),
  ('c0000000-0000-4000-8000-000000000005', 'saida',   'julia',   'fila:campanha', 'DEMO-OUT-G1', NULL, interval '26 hours',
   'Oi Dr. Gustavo, tudo bem? Sou a Júlia, assistente virtual da equipe de escalas da Revoluna. Tenho plantões de cardiologia em UTI, PS e ambulatório na região, quer dar uma olhada?'),
  ('c0000000-0000-4000-8000-000000000005', 'entrada', 'medico',  'whatsapp',      'DEMO-IN-G1',  NULL, interval '6 hours',
   'Opa, tem noturno de UTI essa semana?'),
  ('c0000000-0000-4000-8000-000000000005', 'saida',   'julia',   'fila:resposta', 'DEMO-OUT-G2', 'julia-demo-vaga-reservada-4', interval '5 hours 59 minutes',
   'Tenho sim: noturno na UTI do Hospital Nossa Senhora de Mauá, das 19h às 7h, por R$ 2.400. Te interessa?'),
  ('c0000000-0000-4000-8000-000000000005', 'entrada', 'medico',  'whatsapp',      'DEMO-IN-G2',  NULL, interval '4 hours',
   'Fechado, pode reservar'),
  ('c0000000-0000-4000-8000-000000000005', 'saida',   'julia',   'fila:resposta', 'DEMO-OUT-G3', NULL, interval '3 hours 59 minutes',
   'Reservado! A equipe confirma com vc.'),
  ('c0000000-0000-4000-8000-000000000006', 'saida',   'julia',   'fila:campanha', 'DEMO-OUT-P1', NULL, interval '27 hours',
   'Oi Dra. Patrícia, tudo bem? Sou a Júlia, assistente virtual da equipe de escalas da Revoluna. Tenho plantões de cardiologia em UTI, PS e ambulatório na região, quer dar uma olhada?'),
  ('c0000000-0000-4000-8000-000000000006', 'entrada', 'medico',  'whatsapp',      'DEMO-IN-P1',  NULL, interval '5 hours',
   'Oi! Tem algo diurno?'),
  ('c0000000-0000-4000-8000-000000000006', 'saida',   'julia',   'fila:resposta', 'DEMO-OUT-P2', 'julia-demo-vaga-2', interval '4 hours 59 minutes',
   'Tenho um diurno no Hospital e Maternidade Vila Assunção, em Santo André. Quer ver os detalhes?'),
  ('c0000000-0000-4000-8000-000000000007', 'saida',   'julia',   'fila:campanha', 'DEMO-OUT-F1', NULL, interval '20 hours',
   'Oi Dr. Felipe, tudo bem? Sou a Júlia, assistente virtual da equipe de escalas da Revoluna. Tenho plantões de cardiologia em UTI, PS e ambulatório na região, quer dar uma olhada?'),
  ('c0000000-0000-4000-8000-000000000008', 'saida',   'julia',   'fila:campanha', 'DEMO-OUT-R1', NULL, interval '25 hours',
   'Oi Dra. Renata, tudo bem? Sou a Júlia, assistente virtual da equipe de escalas da Revoluna. Tenho plantões de cardiologia em UTI, PS e ambulatório na região, quer dar uma olhada?'),
  ('c0000000-0000-4000-8000-000000000008', 'entrada', 'medico',  'whatsapp',      'DEMO-IN-R1',  NULL, interval '23 hours',
   'Pode me tirar da lista, obrigada'),
  ('c0000000-0000-4000-8000-000000000008', 'saida',   'sistema', 'fila:sistema',  'DEMO-OUT-R2', NULL, interval '22 hours 59 minutes',
   'Combinado, não te mando mais mensagens. Se precisar de plantão é só chamar aqui.'),
  ('c0000000-0000-4000-8000-000000000009', 'saida',   'julia',   'fila:lembrete_solicitado', 'DEMO-OUT-N1', NULL, interval '28 hours',
   'Oi Dra. Natália, tudo bem? Passando pra retomar o que a gente combinou sobre os plantões de UTI em São Caetano. Consegue falar agora?'),
  ('c0000000-0000-4000-8000-000000000009', 'entrada', 'medico',  'whatsapp',      'DEMO-IN-N1',  NULL, interval '27 hours',
   'Oi Júlia! Consigo sim, o que tem?'),
  ('c0000000-0000-4000-8000-000000000009', 'saida',   'julia',   'fila:resposta', 'DEMO-OUT-N2', 'julia-demo-vaga-6', interval '26 hours 59 minutes',
   'Tenho um diurno na UTI do Hospital Bom Pastor de São Caetano. Te interessa?')
) AS v (conversa_id, direcao, autor_tipo, origem, provider_message_id, oferta, ha, conteudo)
JOIN conversations c ON c.id = v.conversa_id::uuid
JOIN medicos m ON m.id = c.medico_id
WHERE NOT EXISTS (SELECT 1 FROM interacoes i WHERE i.provider_message_id = v.provider_message_id)
ON CONFLICT (provider_message_id) WHERE direcao = 'entrada' DO NOTHING;

-- Every campaign conversation's send, once its campaign message exists (all eight are inserted above).
INSERT INTO envios_campanha (campanha_id, medico_id, conversa_id, status, created_at, enviado_em)
SELECT c.campanha_id, c.medico_id, c.id, 'enviado', i.created_at - interval '2 minutes', i.created_at
FROM conversations c
JOIN interacoes i ON i.conversa_id = c.id AND i.origem = 'fila:campanha'
WHERE c.id IN ('c0000000-0000-4000-8000-000000000001', 'c0000000-0000-4000-8000-000000000002', 'c0000000-0000-4000-8000-000000000003',
               'c0000000-0000-4000-8000-000000000004', 'c0000000-0000-4000-8000-000000000005', 'c0000000-0000-4000-8000-000000000006',
               'c0000000-0000-4000-8000-000000000007', 'c0000000-0000-4000-8000-000000000008')
  AND c.campanha_id IS NOT NULL
ON CONFLICT DO NOTHING;

-- Fernanda's reply A2 named the Santa Helena night shift.
UPDATE interacoes SET llm = llm || jsonb_build_object('vagas_oferecidas', jsonb_build_array(md5('julia-demo-vaga-36')::uuid))
WHERE provider_message_id = 'DEMO-OUT-A2' AND direcao = 'saida' AND llm IS NOT NULL AND NOT llm ? 'vagas_oferecidas';

-- Renata's "pode me tirar da lista" was an opt-out (docs/decisions.md#opt-out).
UPDATE medicos SET opted_out = true, opted_out_at = now() - interval '23 hours', opted_out_reason = 'Pode me tirar da lista, obrigada',
                   stage_jornada = 'opt_out'
WHERE telefone = '5511993584311' AND NOT opted_out
  AND EXISTS (SELECT 1 FROM interacoes i WHERE i.provider_message_id = 'DEMO-IN-R1' AND i.direcao = 'entrada');
