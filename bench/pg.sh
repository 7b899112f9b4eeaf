#!/usr/bin/env bash
# Throwaway PostgreSQL cluster for the benchmark suite (sourced by bench/run.sh).
# Usage: pg_start DIR PORT · pg_stop DIR. Runs the server as the postgres OS user when called as root.
set -euo pipefail

PG_BIN="${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}"

as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_start() {
  local dir="$1" port="$2"
  mkdir -p "$dir"
  if [ "$(id -u)" = 0 ]; then chown postgres "$dir"; fi
  if [ ! -f "$dir/data/PG_VERSION" ]; then
    as_pg "$PG_BIN/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log"
    cat >>"$dir/data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir'
max_connections = 300
shared_buffers = 1GB
effective_cache_size = 4GB
work_mem = 16MB
maintenance_work_mem = 512MB
max_wal_size = 8GB
checkpoint_timeout = 30min
random_page_cost = 1.1
jit = off
shared_preload_libraries = 'pg_stat_statements'
pg_stat_statements.track = all
log_min_messages = warning
CONF
  fi
  if as_pg "$PG_BIN/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then return 0; fi
  as_pg "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 120 start >/dev/null
}

pg_stop() {
  local dir="$1"
  if [ -f "$dir/data/postmaster.pid" ]; then
    as_pg "$PG_BIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
  fi
}

pg_postmaster_pid() {
  head -1 "$1/data/postmaster.pid"
}

# A streaming standby of the cluster on PRIMARY_PORT (pg_basebackup -R, made afresh each time), on PORT in DIR.
# Usage: pg_standby DIR PRIMARY_PORT PORT. The benchmark's clusters trust local connections, replication included.
pg_standby() {
  local dir="$1" primary_port="$2" port="$3"
  pg_stop "$dir"
  rm -rf "$dir"
  mkdir -p "$dir"
  if [ "$(id -u)" = 0 ]; then chown postgres "$dir"; fi
  as_pg "$PG_BIN/pg_basebackup" -D "$dir/data" -R -X stream -c fast -h 127.0.0.1 -p "$primary_port" -U postgres >"$dir/basebackup.log" 2>&1
  cat >>"$dir/data/postgresql.conf" <<CONF
port = $port
unix_socket_directories = '$dir'
CONF
  as_pg "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 120 start >/dev/null
}
