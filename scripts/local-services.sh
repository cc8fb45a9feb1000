#!/usr/bin/env bash
# Private PostgreSQL and Redis servers under .local/ for ./run.sh and ./test.sh (no Docker, no systemd).
# Sourced, not run. Every function is idempotent: a server already answering on its port is reused.

JULIA_ROOT=${JULIA_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
JULIA_LOCAL=${JULIA_LOCAL:-$JULIA_ROOT/.local}

die() { echo "julia: $*" >&2; exit 1; }
say() { echo "julia: $*" >&2; }

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

# Installs Debian's postgresql and redis-server when a binary is missing (root + apt only).
ensure_packages() {
  local need=()
  [ -n "$(pg_bin)" ] && [ -x "$(pg_bin)/pg_ctl" ] || need+=(postgresql)
  command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
  [ ${#need[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    die "faltam ${need[*]}: instale-os (Debian: sudo apt-get install postgresql redis-server) ou defina DATABASE_URL e REDIS_URL"
  fi
  say "instalando ${need[*]} (apt-get)…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null || die "apt-get update falhou; instale ${need[*]} ou defina DATABASE_URL e REDIS_URL"
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null \
    || die "apt-get install ${need[*]} falhou; instale-os ou defina DATABASE_URL e REDIS_URL"
}

# Debian's Chromium for the browser test (tests/Julia.BrowserTests); returns non-zero when it cannot be had.
ensure_chromium() {
  [ -x /usr/bin/chromium ] && return 0
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then return 1; fi
  say "instalando chromium (apt-get) para o teste no navegador…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq --no-install-recommends chromium >/dev/null 2>&1 \
    || { apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends chromium >/dev/null 2>&1; }
}

# Debian's docker-compose 1.29 for ComposeFileTests (`docker-compose config` on docker-compose.yml; no Docker engine
# needed); returns non-zero when it cannot be had.
ensure_docker_compose() {
  command -v docker-compose >/dev/null 2>&1 && return 0
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then return 1; fi
  say "instalando docker-compose (apt-get) para o teste do docker-compose.yml…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq --no-install-recommends docker-compose >/dev/null 2>&1 \
    || { apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends docker-compose >/dev/null 2>&1; }
}

# Debian's wrk, the ingest bench's load generator outside Júlia's process (bench/run.sh ingest); best effort: without
# it the bench falls back to its .NET load generator and says so.
ensure_wrk() {
  command -v wrk >/dev/null 2>&1 && return 0
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then return 1; fi
  say "instalando wrk (apt-get) para o bench de ingestão…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq --no-install-recommends wrk >/dev/null 2>&1 \
    || { apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends wrk >/dev/null 2>&1; }
}

# As root, PostgreSQL must run as the postgres user, which must reach the data folder.
as_pg() { if [ "$(id -u)" -eq 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi; }

# The data folder of a local cluster, as the real path PostgreSQL is given (never a path through a symlink).
pg_data_dir() {
  local name=$1 dir="$JULIA_LOCAL/$1"
  if [ "$(id -u)" -eq 0 ] && [ ! -L "$dir" ] && [ ! -d "$dir/data" ]; then
    mkdir -p "$dir" && chown postgres "$dir"
    if ! runuser -u postgres -- test -w "$dir"; then
      # The checkout sits under a folder postgres cannot enter (root's home, a mode-700 temp folder): keep the data
      # in a folder it can reach, linked from .local/ for people; PostgreSQL itself only ever sees the real path.
      local alt="/var/lib/julia-local/$(echo "$JULIA_ROOT" | md5sum | cut -c1-12)/$name"
      mkdir -p "$alt" && chmod 755 /var/lib/julia-local "$(dirname "$alt")" && chown postgres "$alt"
      rmdir "$dir" 2>/dev/null; ln -sfn "$alt" "$dir"
    fi
  fi
  mkdir -p "$dir"; readlink -f "$dir"
}

# start_postgres NAME PORT [extra server options]
start_postgres() {
  local name=$1 port=$2 extra=${3:-} bin dir
  bin=$(pg_bin)
  dir=$(pg_data_dir "$name")
  if "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" 2>/dev/null; then return 0; fi
  if [ ! -f "$dir/data/PG_VERSION" ]; then
    [ "$(id -u)" -eq 0 ] && chown postgres "$dir"
    as_pg "$bin/initdb" -D "$dir/data" --auth=trust -U postgres -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
      || die "initdb falhou (veja $dir/initdb.log)"
  fi
  as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/data/server.log" -w -t 60 start \
    -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories='' -c shared_preload_libraries=pg_stat_statements -c max_connections=300 $extra" >/dev/null \
    || { tail -n 5 "$dir/data/server.log" >&2 2>/dev/null; die "PostgreSQL não subiu na porta $port (veja $dir/data/server.log)"; }
}

# owns_postgres NAME PORT: true when the PostgreSQL answering on PORT is the one of .local/NAME of this checkout (its
# data folder), false for another user's or another checkout's server, or one that does not let us in.
owns_postgres() {
  local dir actual
  dir=$(readlink -f "$JULIA_LOCAL/$1" 2>/dev/null) || return 1
  actual=$(psql -h 127.0.0.1 -p "$2" -U postgres -d postgres -tAc 'SHOW data_directory' 2>/dev/null) || return 1
  [ -n "$actual" ] && [ "$(readlink -f "$actual")" = "$dir/data" ]
}

# port_taken PORT: true when something listens on 127.0.0.1:PORT (a server of ours or not, any program).
port_taken() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# owns_redis NAME PORT: true when the Redis answering on PORT is the one .local/NAME/redis.pid names.
owns_redis() {
  local pid='' running
  # A Redis just started may answer a moment before it writes its pid file.
  for _ in $(seq 1 20); do pid=$(cat "$JULIA_LOCAL/$1/redis.pid" 2>/dev/null) && [ -n "$pid" ] && break; sleep 0.1; done
  running=$(redis-cli -h 127.0.0.1 -p "$2" info server 2>/dev/null | tr -d '\r' | sed -n 's/^process_id://p')
  [ -n "$pid" ] && [ "$pid" = "$running" ]
}

# create_database PORT NAME
create_database() {
  local port=$1 db=$2
  if ! psql -h 127.0.0.1 -p "$port" -U postgres -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname='$db'" | grep -q 1; then
    psql -h 127.0.0.1 -p "$port" -U postgres -d postgres -qc "CREATE DATABASE \"$db\"" >/dev/null || die "não consegui criar o banco $db"
  fi
}

# start_redis NAME PORT [extra options]
start_redis() {
  local name=$1 port=$2 dir="$JULIA_LOCAL/$1"
  shift 2
  mkdir -p "$dir"
  if redis-cli -h 127.0.0.1 -p "$port" ping >/dev/null 2>&1; then return 0; fi
  redis-server --bind 127.0.0.1 --port "$port" --daemonize yes --pidfile "$dir/redis.pid" \
    --dir "$dir" --logfile "$dir/redis.log" "$@" || die "Redis não subiu na porta $port (veja $dir/redis.log)"
  for _ in $(seq 1 50); do redis-cli -h 127.0.0.1 -p "$port" ping >/dev/null 2>&1 && return 0; sleep 0.1; done
  die "Redis não respondeu na porta $port (veja $dir/redis.log)"
}

stop_postgres() {
  local dir
  dir=$(readlink -f "$JULIA_LOCAL/$1")
  [ -f "$dir/data/postmaster.pid" ] && as_pg "$(pg_bin)/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 && say "PostgreSQL $1 parado"
  return 0
}

# Only the Redis this checkout started (its pid file names the process answering on the port): never someone else's.
stop_redis() {
  local port=$2 pid running
  pid=$(cat "$JULIA_LOCAL/$1/redis.pid" 2>/dev/null) || return 0
  running=$(redis-cli -h 127.0.0.1 -p "$port" info server 2>/dev/null | tr -d '\r' | sed -n 's/^process_id://p')
  if [ -n "$pid" ] && [ "$pid" = "$running" ]; then
    redis-cli -h 127.0.0.1 -p "$port" shutdown nosave >/dev/null 2>&1 && say "Redis $1 parado"
  elif [ -n "$running" ]; then
    say "o Redis na porta $port não é o de .local/$1 (pid $running): deixado como está"
  fi
  return 0
}
