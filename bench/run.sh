#!/usr/bin/env bash
# Dispatcher benchmark (BENCHMARKS.md). Uses ./run.sh's durable local PostgreSQL (55432) and Redis (56379, database 15)
# unless BENCH_DATABASE_URL / BENCH_REDIS_URL are given. Usage: bench/run.sh [messages] [evolution|sandbox]
#   bench/run.sh deteccao [messages]   opt-out + handoff detection speed (µs per message)
#   bench/run.sh modelo [calls]   what the model call costs on our side: the agent's IChatClient vs a raw HTTP POST
#   bench/run.sh e2e [sequential] [rate] [seconds]   webhook → sendText latency vs the bare chain (defaults 300, 100/s, 60 s);
#     BENCH_TIMELINE=1 adds the timeline of one reply, BENCH_MAX_POOL=N caps each of Júlia's pools (default 50)
#   bench/run.sh ingest [seconds]   webhook ingest in the api role (16 clients) vs pgbench one-row inserts (4 clients)
#   bench/run.sh processo [rate] [seconds] [starts]   Júlia as her own process: start to first /health 200, sequential vs
#     bare chain, open loop with her RSS and CPU (PostgreSQL's, Redis's) from /proc (defaults 100/s, 60 s, 3 warm starts);
#     Júlia published ReadyToRun as ./run.sh runs her (BENCH_JULIA=jit: the bench's JIT-compiled copy)
#     BENCH_HISTORY=N seeds N doctors' history first (10 interacoes and 10 sent fila_mensagens each; unset: a new database)
#   bench/run.sh escala [messages]   webhook, history query and queue claim at 10k vs 100k doctors / 1M interacoes
#   bench/run.sh metricas [messages] [rounds]   what recording metrics costs: webhook path and dispatcher drain, on vs off
#   bench/run.sh retencao [rows]   retention of N old interacoes while the webhook path runs (p99 vs idle)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/local-services.sh
if [ "${1:-}" = modelo ]; then   # no database needed
  exec dotnet run -c Release --project bench/Julia.Bench -- modelo "${2:-3000}"
fi
if [ "${1:-}" = deteccao ]; then   # no database needed
  exec dotnet run -c Release --project bench/Julia.Bench -- - - deteccao "${2:-100000}"
fi
if [ -z "${BENCH_DATABASE_URL:-}" ]; then ensure_packages; start_postgres pg 55432; BENCH_DATABASE_URL="postgres://postgres@127.0.0.1:55432/postgres"; fi
if [ -z "${BENCH_REDIS_URL:-}" ]; then ensure_packages; start_redis redis 56379; BENCH_REDIS_URL="redis://127.0.0.1:56379/15"; fi
if [ "${1:-}" = e2e ]; then
  export PGBENCH="$(pg_bin)/pgbench"
  exec dotnet run -c Release --project bench/Julia.Bench -- "$BENCH_DATABASE_URL" "$BENCH_REDIS_URL" e2e "${2:-300}" "${3:-100}" "${4:-60}"
fi
if [ "${1:-}" = ingest ]; then
  export PGBENCH="$(pg_bin)/pgbench"
  [ "${BENCH_LOAD:-}" = dotnet ] || ensure_wrk || say "sem wrk: o bench usa o gerador de carga .NET no mesmo processo"
  exec dotnet run -c Release --project bench/Julia.Bench -- "$BENCH_DATABASE_URL" "$BENCH_REDIS_URL" ingest "${2:-20}"
fi
if [ "${1:-}" = processo ]; then
  # Júlia is started as ./run.sh starts her: published ReadyToRun (docs/decisions.md#host-tuning), not the bench's own
  # JIT-compiled copy. BENCH_JULIA=path/julia.dll starts another build; BENCH_JULIA=jit the bench's copy.
  if [ -z "${BENCH_JULIA:-}" ]; then
    say "publicando a Júlia ReadyToRun em .local/bench-julia (como o ./run.sh)…"
    dotnet publish src/Julia/Julia.csproj -c Release --use-current-runtime --self-contained false -p:PublishReadyToRun=true \
      -o .local/bench-julia --nologo -v quiet -clp:ErrorsOnly >/dev/null \
      && export BENCH_JULIA="$PWD/.local/bench-julia/julia.dll" \
      || { say "compilação ReadyToRun indisponível; o bench usa a cópia JIT"; export BENCH_JULIA=jit; }
  fi
  exec dotnet run -c Release --project bench/Julia.Bench -- "$BENCH_DATABASE_URL" "$BENCH_REDIS_URL" processo "${2:-100}" "${3:-60}" "${4:-3}"
fi
if [ "${1:-}" = escala ]; then
  exec dotnet run -c Release --project bench/Julia.Bench -- "$BENCH_DATABASE_URL" "$BENCH_REDIS_URL" escala "${2:-300}"
fi
if [ "${1:-}" = metricas ]; then
  exec dotnet run -c Release --project bench/Julia.Bench -- "$BENCH_DATABASE_URL" "$BENCH_REDIS_URL" metricas "${2:-5000}" "${3:-3}"
fi
if [ "${1:-}" = retencao ]; then
  exec dotnet run -c Release --project bench/Julia.Bench -- "$BENCH_DATABASE_URL" "$BENCH_REDIS_URL" retencao "${2:-1000000}"
fi
exec dotnet run -c Release --project bench/Julia.Bench -- "$BENCH_DATABASE_URL" "$BENCH_REDIS_URL" "${1:-20000}" "${2:-evolution}"
