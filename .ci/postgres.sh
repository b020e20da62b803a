#!/usr/bin/env bash
# Starts a throw-away PostgreSQL from Debian's packages on 127.0.0.1 (port $PGPORT, default
# 55432) with a database "bridge", installing the server first when it is missing. Prints the
# JDBC URL. initdb refuses root, so the cluster belongs to the postgres user.
set -euo pipefail
PGPORT=${PGPORT:-55432}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  echo "installing PostgreSQL from Debian's packages" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
  bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi
dir=$(mktemp -d /tmp/bridge-pg.XXXXXX)
# initdb, start, create database bridge (the fault drills start their own clusters with it too)
bash "$(dirname "$0")/postgres-cluster.sh" start "$dir" "$PGPORT"
echo "$dir" > /tmp/bridge-pg.dir
echo "jdbc:postgresql://127.0.0.1:$PGPORT/bridge"
