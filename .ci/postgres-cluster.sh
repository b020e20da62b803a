#!/usr/bin/env bash
# A throw-away PostgreSQL cluster from Debian's binaries (/usr/lib/postgresql/*/bin), listening on
# 127.0.0.1:<port> only, with trust auth and a database "bridge":
#   postgres-cluster.sh start <dir> <port>   initdb on first use (data in <dir>/data, log in <dir>/log)
#   postgres-cluster.sh stop <dir>           fast shutdown (clients are disconnected)
#   postgres-cluster.sh restart <dir>        stop, then start on the port it had
# initdb refuses root: run as root, the cluster belongs to the postgres user.
# Exit status 3 when no PostgreSQL binaries are installed (.ci/postgres.sh installs them).
set -euo pipefail
cmd=${1:?usage: postgres-cluster.sh start|stop|restart <dir> [port]}
dir=${2:?usage: postgres-cluster.sh start|stop|restart <dir> [port]}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  echo "no PostgreSQL binaries under /usr/lib/postgresql/*/bin" >&2
  exit 3
fi
as_owner() {
  if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi
}
start() {
  local port=$1
  if [ ! -d "$dir/data" ]; then
    mkdir -p "$dir"
    if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$dir"; fi
    as_owner "$bin/initdb -D $dir/data -U postgres --auth=trust -E UTF8 --locale=C.UTF-8" >/dev/null
    echo "$port" > "$dir/port.tmp" && mv "$dir/port.tmp" "$dir/port"
    fresh=1
  fi
  as_owner "$bin/pg_ctl -D $dir/data -l $dir/log -o '-p $port -k $dir -c listen_addresses=127.0.0.1' -w start" >/dev/null
  if [ "${fresh:-0}" = 1 ]; then
    as_owner "$bin/psql -h 127.0.0.1 -p $port -U postgres -qc 'create database bridge'" >/dev/null
  fi
}
stop() {
  as_owner "$bin/pg_ctl -D $dir/data -m fast -w stop" >/dev/null
}
case "$cmd" in
  start) start "${3:-$(cat "$dir/port" 2>/dev/null || echo 55432)}" ;;
  stop) stop ;;
  restart) stop; start "$(cat "$dir/port")" ;;
  *) echo "unknown command $cmd (start|stop|restart)" >&2; exit 2 ;;
esac
