// Painel de métricas da Júlia: lê GET /metricas/resumo?dias=N e GET /metricas/funil?dias=N com o ADMIN_API_TOKEN (guardado só nesta aba, em
// sessionStorage) e desenha os gráficos com o Chart.js servido pela própria Júlia (vendor/chartjs), sem CDN.
'use strict';

const CHAVE_TOKEN = 'julia.adminToken';
const $ = id => document.getElementById(id);
const inteiro = new Intl.NumberFormat('pt-BR');
const porcento = new Intl.NumberFormat('pt-BR', { style: 'percent', maximumFractionDigits: 1 });
const dolar = new Intl.NumberFormat('pt-BR', { minimumFractionDigits: 2, maximumFractionDigits: 4 });
const cores = { azul: '#2196F3', verde: '#43A047', laranja: '#FB8C00', vermelho: '#E53935', roxo: '#8E24AA', cinza: '#78909C', ciano: '#00ACC1', marca: '#075e54' };
const paleta = [cores.azul, cores.laranja, cores.vermelho, cores.roxo, cores.verde, cores.ciano, cores.cinza, '#6D4C41'];
const nomesHandoff = {
  pedido_humano: 'Pedido de humano', juridico: 'Jurídico', sentimento_negativo: 'Sentimento negativo',
  baixa_confianca: 'Baixa confiança', manual: 'Manual', erro_sistema: 'Erro do sistema',
};
const nomesEtapa = {
  contatados: 'Contatados', responderam: 'Responderam', vaga_oferecida: 'Vaga oferecida', reservaram: 'Reservaram',
  confirmaram: 'Confirmaram', opt_out: 'Opt-out',
};
const graficos = {};
let recarga;
let funil = null;

function token() { return sessionStorage.getItem(CHAVE_TOKEN); }

function pedirToken(mensagem) {
  clearInterval(recarga);
  sessionStorage.removeItem(CHAVE_TOKEN);
  $('painel').hidden = true;
  $('entrar').hidden = false;
  $('erro-entrar').textContent = mensagem || '';
  $('token').value = '';
  $('token').focus();
  document.body.dataset.estado = mensagem ? 'token-recusado' : 'sem-token';
}

async function carregar() {
  const t = token();
  if (!t) { pedirToken(); return; }
  const ler = caminho => fetch(caminho + '?dias=' + encodeURIComponent($('dias').value), {
    headers: { Authorization: 'Bearer ' + t, Accept: 'application/json' }, cache: 'no-store',
  });
  let resposta, respostaFunil;
  try {
    [resposta, respostaFunil] = await Promise.all([ler('/metricas/resumo'), ler('/metricas/funil')]);
  } catch (e) {
    $('atualizado').textContent = 'Sem conexão com a Júlia: ' + e.message;
    return;
  }
  if (resposta.status === 401 || respostaFunil.status === 401) { pedirToken('Token recusado (401): confira o ADMIN_API_TOKEN.'); return; }
  if (!resposta.ok) {
    $('atualizado').textContent = 'Erro ' + resposta.status + ' ao ler /metricas/resumo';
    return;
  }
  const resumo = await resposta.json();
  $('entrar').hidden = true;
  $('painel').hidden = false;
  desenhar(resumo);
  if (respostaFunil.ok) {
    funil = await respostaFunil.json();
    opcoesFunil();
    desenharFunil();
  } else {
    $('funil-nota').textContent = 'Erro ' + respostaFunil.status + ' ao ler /metricas/funil';
  }
  $('atualizado').textContent = 'Atualizado às ' + new Date().toLocaleTimeString('pt-BR', { timeZone: 'America/Sao_Paulo' }) +
    ' (' + resumo.periodo.de.split('-').reverse().join('/') + ' a ' + resumo.periodo.ate.split('-').reverse().join('/') + ')';
  document.body.dataset.estado = 'carregado';
  clearInterval(recarga);
  recarga = setInterval(carregar, 60000);
}

const dia = d => d.slice(8, 10) + '/' + d.slice(5, 7);
const taxa = v => v === null || v === undefined ? '-' : porcento.format(v);
const segundos = ms => ms === null || ms === undefined ? '-' : (ms / 1000).toLocaleString('pt-BR', { maximumFractionDigits: 1 }) + ' s';

function grafico(id, config, temDados) {
  if (graficos[id]) graficos[id].destroy();
  const canvas = $(id);
  config.options = Object.assign({ responsive: true, maintainAspectRatio: false, animation: { duration: 250 } }, config.options || {});
  graficos[id] = new Chart(canvas, config);
  let aviso = canvas.parentElement.querySelector('.vazio');
  if (!aviso) {
    aviso = document.createElement('div');
    aviso.className = 'vazio';
    aviso.textContent = 'sem dados no período';
    canvas.parentElement.appendChild(aviso);
  }
  aviso.hidden = temDados;
}

const soma = lista => lista.reduce((a, b) => a + (b || 0), 0);
const barras = (label, data, cor, extra) => Object.assign({ label, data, backgroundColor: cor, borderColor: cor }, extra || {});
const linha = (label, data, cor, extra) => Object.assign({ type: 'line', label, data, borderColor: cor, backgroundColor: cor, tension: 0.25, pointRadius: 3 }, extra || {});

function desenhar(r) {
  const dias = r.por_dia.map(d => dia(d.data));
  const serie = chave => r.por_dia.map(d => d[chave]);

  $('n-conversas').textContent = inteiro.format(r.conversas_total);
  $('n-ativas').textContent = inteiro.format(r.conversas_ativas);
  $('n-taxa-handoff').textContent = taxa(r.taxa_handoff);
  $('n-taxa-resposta').textContent = taxa(r.taxa_resposta);
  $('n-tempo').textContent = segundos(r.tempo_resposta.p50_ms) + ' / ' + segundos(r.tempo_resposta.p95_ms);
  $('n-custo').textContent = dolar.format(soma(serie('custo_estimado_usd')));

  grafico('g-conversas', {
    type: 'bar',
    data: { labels: dias, datasets: [
      barras('Conversas com mensagens', serie('conversas'), cores.azul),
      barras('Conversas novas', serie('conversas_novas'), cores.verde),
    ] },
    options: { scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
  }, soma(serie('conversas')) + soma(serie('conversas_novas')) > 0);

  grafico('g-mensagens', {
    type: 'line',
    data: { labels: dias, datasets: [
      linha('Recebidas (médicos)', serie('mensagens_recebidas'), cores.azul),
      linha('Enviadas (Júlia e equipe)', serie('mensagens_enviadas'), cores.marca),
    ] },
    options: { scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
  }, soma(serie('mensagens_recebidas')) + soma(serie('mensagens_enviadas')) > 0);

  const tipos = Object.keys(r.handoffs_por_tipo);
  grafico('g-handoffs-tipo', {
    type: 'doughnut',
    data: { labels: tipos.map(t => nomesHandoff[t] || t), datasets: [{ label: 'Handoffs', data: tipos.map(t => r.handoffs_por_tipo[t]), backgroundColor: paleta }] },
    options: { plugins: { title: { display: true, text: 'Total ' + inteiro.format(r.handoffs_total) + ' • taxa ' + taxa(r.taxa_handoff) } } },
  }, r.handoffs_total > 0);

  grafico('g-handoffs-dia', {
    type: 'bar',
    data: { labels: dias, datasets: [
      barras('Handoffs', serie('handoffs'), cores.laranja, { yAxisID: 'y' }),
      linha('Taxa (handoffs / conversas)', r.por_dia.map(d => d.conversas ? d.handoffs / d.conversas : null), cores.vermelho, { yAxisID: 'taxa', spanGaps: true }),
    ] },
    options: { scales: {
      y: { beginAtZero: true, ticks: { precision: 0 } },
      taxa: { position: 'right', beginAtZero: true, suggestedMax: 1, grid: { drawOnChartArea: false }, ticks: { callback: v => porcento.format(v) } },
    } },
  }, r.handoffs_total > 0);

  grafico('g-plantoes', {
    type: 'bar',
    data: { labels: dias, datasets: [
      barras('Plantões reservados', serie('plantoes_reservados'), cores.verde),
      barras('Opt-outs', serie('opt_outs'), cores.vermelho),
    ] },
    options: { scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
  }, r.plantoes_reservados + r.opt_outs > 0);

  const contatados = r.medicos_contatados_proativamente, responderam = r.medicos_que_responderam;
  grafico('g-taxa-resposta', {
    type: 'doughnut',
    data: { labels: ['Responderam', 'Não responderam'], datasets: [{ label: 'Médicos', data: [responderam, contatados - responderam], backgroundColor: [cores.verde, cores.cinza] }] },
    options: { plugins: { title: { display: true, text: 'Taxa de resposta ' + taxa(r.taxa_resposta) + ' de ' + inteiro.format(contatados) + ' médicos' } } },
  }, contatados > 0);

  grafico('g-tempo', {
    type: 'bar',
    data: { labels: ['p50 (mediana)', 'p95'], datasets: [barras('Segundos', [r.tempo_resposta.p50_ms, r.tempo_resposta.p95_ms].map(ms => ms === null ? 0 : ms / 1000), [cores.azul, cores.roxo])] },
    options: { indexAxis: 'y', plugins: { legend: { display: false }, title: { display: true, text: inteiro.format(r.tempo_resposta.amostras) + ' respostas medidas (segundos)' } },
               scales: { x: { beginAtZero: true } } },
  }, r.tempo_resposta.amostras > 0);

  grafico('g-fila', {
    type: 'bar',
    data: { labels: ['Pendentes', 'Processando', 'Erro (24 h)'], datasets: [barras('Mensagens', [r.fila.pendente, r.fila.processando, r.fila.erro_24h], [cores.azul, cores.laranja, cores.vermelho])] },
    options: { plugins: { legend: { display: false }, title: { display: true, text: 'Mais antiga vencida: ' + inteiro.format(r.fila.idade_mais_antiga_s) + ' s' } },
               scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
  }, r.fila.pendente + r.fila.processando + r.fila.erro_24h > 0);

  grafico('g-tokens', {
    type: 'bar',
    data: { labels: dias, datasets: [
      barras('Tokens de entrada', serie('tokens_entrada'), cores.azul, { stack: 'tokens' }),
      barras('Tokens de saída', serie('tokens_saida'), cores.ciano, { stack: 'tokens' }),
      linha('Custo estimado (US$)', serie('custo_estimado_usd'), cores.vermelho, { yAxisID: 'custo' }),
    ] },
    options: { scales: {
      x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } },
      custo: { position: 'right', beginAtZero: true, grid: { drawOnChartArea: false } },
    } },
  }, soma(serie('tokens_entrada')) + soma(serie('tokens_saida')) > 0);

  const modelos = r.tokens_por_modelo;
  grafico('g-custo', {
    type: 'doughnut',
    data: { labels: modelos.map(m => m.modelo + (m.custo_estimado_usd === null ? ' (sem preço em LLM_PRECOS)' : '')),
            datasets: [{ label: 'US$', data: modelos.map(m => m.custo_estimado_usd || 0), backgroundColor: paleta }] },
    options: { plugins: { title: { display: true, text: modelos.map(m => m.modelo + ': ' + inteiro.format(m.tokens_entrada + m.tokens_saida) + ' tokens').join(' • ') || 'nenhum token no período' } } },
  }, modelos.some(m => m.custo_estimado_usd > 0));

  const lista = $('alertas');
  lista.replaceChildren();
  if (r.alertas_24h.length === 0) {
    const li = document.createElement('li');
    li.textContent = 'Nenhum alerta nas últimas 24 h.';
    lista.appendChild(li);
  }
  for (const a of r.alertas_24h) {
    const li = document.createElement('li');
    li.className = a.severidade;
    const quando = document.createElement('span');
    quando.className = 'quando';
    quando.textContent = a.horario;
    const tipo = document.createElement('strong');
    tipo.textContent = a.tipo + ' (' + a.severidade + ')';
    li.append(quando, tipo, document.createTextNode(a.mensagem ? ' — ' + a.mensagem : ''));
    lista.appendChild(li);
  }
}

// Funil de ofertas: o total, uma campanha ou uma especialidade (valor do seletor: "total", "c:<índice>", "e:<índice>").
function opcoesFunil() {
  const seletor = $('funil-grupo');
  const antes = seletor.value;
  const opcao = (valor, texto) => { const o = document.createElement('option'); o.value = valor; o.textContent = texto; return o; };
  const campanhas = document.createElement('optgroup');
  campanhas.label = 'Por campanha';
  funil.por_campanha.forEach((c, i) => campanhas.appendChild(opcao('c:' + i, c.nome + ' (' + inteiro.format(c.contatados) + ')')));
  const especialidades = document.createElement('optgroup');
  especialidades.label = 'Por especialidade';
  funil.por_especialidade.forEach((e, i) => especialidades.appendChild(opcao('e:' + i, e.nome.replace(/_/g, ' ') + ' (' + inteiro.format(e.contatados) + ')')));
  seletor.replaceChildren(opcao('total', 'Todos os médicos contatados (' + inteiro.format(funil.total.contatados) + ')'), campanhas, especialidades);
  seletor.value = [...seletor.options].some(o => o.value === antes) ? antes : 'total';
}

function grupoFunil() {
  const [tipo, i] = $('funil-grupo').value.split(':');
  return tipo === 'c' ? funil.por_campanha[+i] : tipo === 'e' ? funil.por_especialidade[+i] : funil.total;
}

function duracao(s) {
  if (s === null || s === undefined) return null;
  if (s < 90) return inteiro.format(s) + ' s';
  if (s < 5400) return inteiro.format(Math.round(s / 60)) + ' min';
  if (s < 172800) return (s / 3600).toLocaleString('pt-BR', { maximumFractionDigits: 1 }) + ' h';
  return (s / 86400).toLocaleString('pt-BR', { maximumFractionDigits: 1 }) + ' dias';
}

function desenharFunil() {
  const g = grupoFunil();
  const etapas = funil.etapas;
  // Rótulo de cada barra: a etapa, a conversão sobre a anterior (opt-out: sobre os contatados) e a mediana do tempo.
  const rotulos = etapas.map((e, i) => {
    if (i === 0) return nomesEtapa[e] || e;
    const base = e === 'opt_out' ? 'dos contatados' : 'da etapa anterior';
    const tempo = duracao(g.tempo_mediano_s[e]);
    return [(nomesEtapa[e] || e) + ': ' + taxa(g.conversao[e]) + ' ' + base, tempo ? 'mediana ' + tempo : ''].filter(Boolean);
  });
  const coresEtapa = [cores.azul, cores.ciano, cores.laranja, cores.verde, cores.marca, cores.vermelho];
  grafico('g-funil', {
    type: 'bar',
    data: { labels: rotulos, datasets: [barras('Médicos', etapas.map(e => g[e]), coresEtapa)] },
    options: {
      indexAxis: 'y',
      plugins: {
        legend: { display: false },
        title: { display: true, text: (g.nome || 'Todos os médicos contatados') + ' • ' + funil.periodo.de.split('-').reverse().join('/') + ' a ' + funil.periodo.ate.split('-').reverse().join('/') },
        tooltip: { callbacks: { label: c => inteiro.format(c.raw) + ' médicos' } },
      },
      scales: { x: { beginAtZero: true, ticks: { precision: 0 } } },
    },
  }, g.contatados > 0);
  $('funil-nota').textContent = 'Cada médico conta uma vez, na etapa mais adiantada a que chegou depois da primeira mensagem proativa do período; ' +
    'conversão = etapa ÷ etapa anterior; opt-out ÷ contatados.';
}

$('funil-grupo').addEventListener('change', () => { if (funil) desenharFunil(); });
$('entrar').addEventListener('submit', e => {
  e.preventDefault();
  const valor = $('token').value.trim();
  if (!valor) return;
  sessionStorage.setItem(CHAVE_TOKEN, valor);
  $('erro-entrar').textContent = '';
  carregar();
});
$('atualizar').addEventListener('click', carregar);
$('dias').addEventListener('change', carregar);
$('sair').addEventListener('click', () => pedirToken());
carregar();
