#!/usr/bin/env bash
# Runs Júlia at http://127.0.0.1:${PORT:-8000} (API + worker in one process).
# Without DATABASE_URL / REDIS_URL it starts private PostgreSQL (port 55432, or JULIA_PG_PORT) and Redis (56379, or
# JULIA_REDIS_PORT) under .local/; give the same ports to --stop-services.
#   ./run.sh                   start (Ctrl-C stops Júlia; the local servers keep running for the next start)
#   ./run.sh --stop-services   stop the local PostgreSQL and Redis
#   ./run.sh -- ARGS           pass ARGS to `julia serve` (e.g. -- --role api)
set -euo pipefail
cd "$(dirname "$0")"
source scripts/local-services.sh

PG_PORT=${JULIA_PG_PORT:-55432}
REDIS_PORT=${JULIA_REDIS_PORT:-56379}

case "${1:-}" in
  --stop-services) stop_postgres pg "$PG_PORT"; stop_redis redis "$REDIS_PORT"; exit 0 ;;
  -h|--help) cat <<'EOF'
Sobe a Júlia em http://127.0.0.1:8000 (outra porta: PORT=…), API + worker num processo só.
Sem DATABASE_URL / REDIS_URL, sobe um PostgreSQL (porta 55432, ou JULIA_PG_PORT) e um Redis (56379, ou
JULIA_REDIS_PORT) só desta cópia, em .local/; use as mesmas portas no --stop-services.
  ./run.sh                   sobe (Ctrl-C para a Júlia; os servidores locais ficam no ar para a próxima vez)
  ./run.sh --stop-services   para o PostgreSQL e o Redis locais desta cópia
  ./run.sh -- ARGS           passa ARGS ao `julia serve` (ex.: -- --role api)
EOF
    exit 0 ;;
  --) shift ;;
  "") ;;
  *) echo "julia: opção desconhecida: $1 (veja ./run.sh --help)" >&2; exit 2 ;;
esac

command -v dotnet >/dev/null 2>&1 || die "o .NET 10 SDK não está instalado (https://dot.net); depois rode ./run.sh de novo"

# A Júlia already on this port (a second ./run.sh, a forgotten one): said before anything starts or builds — `julia
# serve` would only refuse the port after the build, minutes later.
listen_host=${HOST:-127.0.0.1}
listen_host=${listen_host#[}; listen_host=${listen_host%]}
case "$listen_host" in 0.0.0.0|"*"|+|localhost|::) listen_host=127.0.0.1 ;; esac
if (exec 3<>"/dev/tcp/$listen_host/${PORT:-8000}") 2>/dev/null; then
  die "ERROR $listen_host:${PORT:-8000} já está em uso (outra Júlia rodando? pare-a com Ctrl-C no terminal dela, ou use outra porta: PORT=8001 ./run.sh)"
fi

seed=()
if [ -z "${DATABASE_URL:-}" ] || [ -z "${REDIS_URL:-}" ]; then ensure_packages; fi
foreign_pg="a porta $PG_PORT já tem um PostgreSQL que não é o desta cópia (.local/pg): \
outro usuário ou outra cópia do repositório. Use outra porta (JULIA_PG_PORT=55532 ./run.sh) ou DATABASE_URL"
foreign_redis="a porta $REDIS_PORT já tem um Redis que não é o desta cópia (.local/redis): \
outro usuário ou outra cópia do repositório. Use outra porta (JULIA_REDIS_PORT=56479 ./run.sh) ou REDIS_URL"
# A server that is already answering on a port may be someone else's (another user, another checkout): its data is not
# ours to seed or to write into. Both ports are checked before either server starts — a Redis refused after run.sh had
# started a PostgreSQL left that server running (and a cluster initialised) for a run that never started.
if [ -z "${DATABASE_URL:-}" ] && "$(pg_bin)/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" 2>/dev/null && ! owns_postgres pg "$PG_PORT"; then
  die "$foreign_pg"
fi
if [ -z "${REDIS_URL:-}" ] && redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping >/dev/null 2>&1 && ! owns_redis redis "$REDIS_PORT"; then
  die "$foreign_redis"
fi
if [ -z "${DATABASE_URL:-}" ]; then
  start_postgres pg "$PG_PORT"
  owns_postgres pg "$PG_PORT" || die "$foreign_pg"   # one that started answering meanwhile
  create_database "$PG_PORT" julia
  export DATABASE_URL="postgres://postgres@127.0.0.1:$PG_PORT/julia"
  seed=(--seed-demo)   # demo data only ever goes into the local database
fi
if [ -z "${REDIS_URL:-}" ]; then
  start_redis redis "$REDIS_PORT"
  owns_redis redis "$REDIS_PORT" || die "$foreign_redis"
  export REDIS_URL="redis://127.0.0.1:$REDIS_PORT/0"
  local_redis=1
fi

# Built once, then started at once (docs/decisions.md#host-tuning): the build is skipped while nothing it reads changed
# (a no-op `dotnet build` takes seconds), and it is compiled ReadyToRun — native code ahead of time, ~0.45 s less to the
# first 200 on /health. JULIA_BUILD=1 forces a build.
stamp=.local/bin/.build-stamp
stale() {
  [ ! -f .local/bin/julia.dll ] || [ ! -f "$stamp" ] \
  || [ -n "$(find src Directory.Build.props Directory.Packages.props nuget.config \( -name bin -o -name obj \) -prune \
             -o -newer "$stamp" -print -quit 2>/dev/null)" ]
}
build=
if [ "${JULIA_BUILD:-}" = 1 ] || stale; then
  build=1
  # Two ./run.sh of this checkout at once (the second started while the first compiles): one builds, the other waits
  # and uses that build — two builds into the same folders fail or leave it half written.
  mkdir -p .local
  exec 9>.local/build.lock
  if command -v flock >/dev/null 2>&1 && ! flock -n 9; then
    say "outro ./run.sh desta cópia está compilando; esperando ele terminar…"
    flock 9
    stale || build=
  fi
fi
if [ -n "$build" ]; then
  say "compilando a Júlia em .local/bin (a primeira vez leva alguns minutos)…"
  # The build (and ./test.sh's) creates bin/ and obj/ in each project folder, which makes that folder newer than the
  # stamp: made before it, so the next start does not build again when nothing changed.
  for project in src/*/; do mkdir -p "${project}bin" "${project}obj"; done
  # Into a fresh folder, then .local/bin (a link to it) is swapped in one rename: a Júlia of this checkout already
  # running (on another PORT) keeps the folder it started from — .NET resolves the link when it starts — instead of
  # having its files rewritten under it; a failed build leaves the previous one in place.
  mkdir -p .local/builds
  out=.local/builds/$(date +%Y%m%d-%H%M%S)-$$
  mkdir "$out"
  touch "$out/.build-stamp"   # files edited while it builds are newer than the stamp: built again next time
  if ! dotnet publish src/Julia/Julia.csproj -c Release --use-current-runtime --self-contained false -p:PublishReadyToRun=true \
         -o "$out" --nologo -v quiet -clp:ErrorsOnly >/dev/null 2>&1; then
    say "compilação ReadyToRun indisponível; compilando sem ela"
    dotnet build src/Julia/Julia.csproj -c Release -o "$out" --nologo -v quiet -clp:ErrorsOnly >/dev/null \
      || { dotnet build src/Julia/Julia.csproj -c Release -o "$out" --nologo -v quiet -clp:ErrorsOnly || :; rm -rf "$out"; exit 1; }
  fi
  ln -s "builds/${out##*/}" ".local/bin.new.$$"
  # .local/bin as a plain folder (a checkout from before these links): moved aside, once.
  if [ -d .local/bin ] && [ ! -L .local/bin ]; then mv .local/bin ".local/builds/anterior-$$"; fi
  mv -Tf ".local/bin.new.$$" .local/bin
  # Earlier builds no process has open any more (a running Júlia holds its .dll files open and mapped) go.
  for old in .local/builds/*/; do
    old=$(pwd -P)/${old%/}
    [ "$old" = "$(pwd -P)/$out" ] && continue
    if [ -z "$(find /proc/[0-9]*/fd -lname "$old/*" -print -quit 2>/dev/null)" ] \
       && ! grep -qsF "$old/" /proc/[0-9]*/maps 2>/dev/null; then
      rm -rf "$old"
    fi
  done
fi
exec 9>&-   # the lock is the build's, not the server's
if [ ${#seed[@]} -gt 0 ] || [ -n "${local_redis:-}" ]; then
  # The CLI (julia chat, titular, limpeza…) in another terminal needs the same two URLs: the local ones in full, one the
  # operator gave only by name — it may carry a password, and this line lands in terminals' scrollback and CI logs.
  cli=()
  if [ ${#seed[@]} -gt 0 ]; then cli+=("DATABASE_URL=$DATABASE_URL"); else given=" (com a mesma DATABASE_URL deste terminal)"; fi
  if [ -n "${local_redis:-}" ]; then cli+=("REDIS_URL=$REDIS_URL"); else given=" (com a mesma REDIS_URL deste terminal)"; fi
  say "CLI em outro terminal: export ${cli[*]}${given:-}; dotnet .local/bin/julia.dll --help"
fi
exec dotnet .local/bin/julia.dll serve "${seed[@]}" "$@"
