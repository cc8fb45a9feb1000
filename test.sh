#!/usr/bin/env bash
# Runs every test against real PostgreSQL and Redis.
# Without DATABASE_URL / REDIS_URL it starts throwaway servers of its own under .local/ (ports 55433 / 56380),
# never ./run.sh's. With DATABASE_URL the tests create and drop databases named julia_test_* on that server
# (the role needs CREATEDB); with REDIS_URL they use its database numbers 1-15 and flush them.
# Servers it started itself are stopped when it ends (JULIA_TEST_KEEP_SERVICES=1 keeps them for the next run); the ones
# a previous run of this checkout kept are used and left as they were. A server that another user or another checkout
# started is never used: on a default port it is passed over for the next port up (a server left by another clone, or
# any other program listening there, must not fail a run), on a port given with JULIA_TEST_PG_PORT / JULIA_TEST_REDIS_PORT it is refused (one line, exit 1).
# Last line: "N passed, N failed"; exit code non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")"
source scripts/local-services.sh

PG_PORT=${JULIA_TEST_PG_PORT:-55433}
REDIS_PORT=${JULIA_TEST_REDIS_PORT:-56380}
command -v dotnet >/dev/null 2>&1 || die "o .NET 10 SDK não está instalado (https://dot.net)"

ensure_packages   # the Redis-outage test starts its own redis-server, so the binary is needed even with REDIS_URL

# Default ports held by someone else's server: the next ones up, told in one line each.
if [ -z "${DATABASE_URL:-}" ] && [ -z "${JULIA_TEST_PG_PORT:-}" ]; then
  for _ in $(seq 1 20); do
    { port_taken "$PG_PORT" && ! owns_postgres test-pg "$PG_PORT"; } || break
    say "a porta $PG_PORT tem o PostgreSQL de outro usuário ou de outra cópia, ou outro programa: os testes usam a $((PG_PORT + 1))"
    PG_PORT=$((PG_PORT + 1))
  done
fi
if [ -z "${REDIS_URL:-}" ] && [ -z "${JULIA_TEST_REDIS_PORT:-}" ]; then
  for _ in $(seq 1 20); do
    { port_taken "$REDIS_PORT" && ! owns_redis test-redis "$REDIS_PORT"; } || break
    say "a porta $REDIS_PORT tem o Redis de outro usuário ou de outra cópia, ou outro programa: os testes usam a $((REDIS_PORT + 1))"
    REDIS_PORT=$((REDIS_PORT + 1))
  done
fi

started=()
stop_started() {
  [ "${JULIA_TEST_KEEP_SERVICES:-0}" = 1 ] && return 0
  for s in "${started[@]}"; do
    case $s in pg) stop_postgres test-pg ;; redis) stop_redis test-redis "$REDIS_PORT" ;; esac
  done
}
trap stop_started EXIT

if [ -z "${DATABASE_URL:-}" ]; then
  # Throwaway cluster: durability switched off for speed (never for ./run.sh's data).
  "$(pg_bin)/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" 2>/dev/null || started+=(pg)
  start_postgres test-pg "$PG_PORT" "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  # The tests create and drop databases there: never on another user's or another checkout's server.
  owns_postgres test-pg "$PG_PORT" || die "a porta $PG_PORT já tem um PostgreSQL que não é o desta cópia (.local/test-pg): \
outro usuário ou outra cópia do repositório. Use outra porta (JULIA_TEST_PG_PORT=55533 ./test.sh) ou, se o servidor é \
seu, DATABASE_URL"
  export JULIA_TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$PG_PORT/postgres"
else
  export JULIA_TEST_DATABASE_URL="$DATABASE_URL"
fi
if [ -z "${REDIS_URL:-}" ]; then
  redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping >/dev/null 2>&1 || started+=(redis)
  start_redis test-redis "$REDIS_PORT" --save "" --appendonly no --databases 32
  # The tests flush its databases 1-15: never another user's or another checkout's Redis.
  owns_redis test-redis "$REDIS_PORT" || die "a porta $REDIS_PORT já tem um Redis que não é o desta cópia (.local/test-redis): \
outro usuário ou outra cópia do repositório. Use outra porta (JULIA_TEST_REDIS_PORT=56480 ./test.sh) ou, se o servidor é \
seu, REDIS_URL"
  export JULIA_TEST_REDIS_URL="redis://127.0.0.1:$REDIS_PORT"
else
  export JULIA_TEST_REDIS_URL="$REDIS_URL"
fi
export JULIA_REDIS_SERVER_BIN=$(command -v redis-server)
unset DATABASE_URL REDIS_URL

filter=()
if ! ensure_chromium; then
  say "AVISO: sem /usr/bin/chromium (instale o pacote chromium): o teste no navegador (Julia.BrowserTests) não vai rodar"
  filter=(--filter "FullyQualifiedName!~Julia.BrowserTests")
fi

if ! ensure_docker_compose; then
  say "AVISO: sem docker-compose (apt-get install docker-compose): ComposeFileTests vai falhar; JULIA_SKIP_COMPOSE_TEST=1 pula esse teste"
fi

# Dynamic PGO instruments code that a test runs a few times and never again: off, the unit tests take ~20 % less CPU
# and each `julia` child process ~0.5 s less (it inherits this; docs/reliability.md, "Run time"). A JIT knob only.
export DOTNET_TieredPGO=${DOTNET_TieredPGO:-0}

log=.local/test-output.log
mkdir -p .local
dotnet test Julia.slnx --nologo "${filter[@]}" "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
stop_started; started=()   # before the summary, which stays the last line

passed=0; failed=0
while read -r f p; do passed=$((passed + p)); failed=$((failed + f)); done < <(
  grep -aoE 'Failed: +[0-9]+, Passed: +[0-9]+' "$log" | sed -E 's/Failed: +([0-9]+), Passed: +([0-9]+)/\1 \2/')
# A class fixture's cleanup that throws (the log leak guard on a fixture's host, docs/decisions.md#log-leak-guard) is
# printed by xUnit as "[Test Class Cleanup Failure (…)]" but counted in no summary: each one is a failure here.
cleanups=$(grep -acE '\[Test (Class|Collection|Assembly) Cleanup Failure' "$log")
failed=$((failed + cleanups))
# A test project that does not build runs none of its tests and prints no summary: each one is a failure here too (a
# run once reported "N passed, 1 failed" for one failed test while the browser project had not compiled at all).
unbuilt=$(grep -aoE '(error [A-Z]+[0-9]+:.*)\[[^]]*\.csproj\]' "$log" | grep -aoE '[^/]+\.csproj\]' | sort -u | wc -l)
if [ "$unbuilt" -gt 0 ]; then
  failed=$((failed + unbuilt)); echo "julia: $unbuilt projeto(s) não compilaram — seus testes não rodaram (veja 'error' em $log)" >&2
fi
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; echo "julia: dotnet test falhou sem resumo (erro de build?)" >&2; fi
echo "$passed passed, $failed failed"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
