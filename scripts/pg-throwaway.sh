#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for tests and benchmarks, on 127.0.0.1 and a spare port.
#   scripts/pg-throwaway.sh start DIR [PORT]   -> prints DATABASE_URL on stdout
#   scripts/pg-throwaway.sh stop DIR
# As root, the cluster runs as the `postgres` user (initdb refuses root). fsync is off: the
# data is disposable and tests should not wait for the disk.
set -euo pipefail
cmd=${1:?start|stop}; dir=${2:?cluster directory}; port=${3:-55432}

bin=""
for d in /usr/lib/postgresql/*/bin; do [ -x "$d/pg_ctl" ] && bin=$d; done
if [ -z "$bin" ]; then
  pgctl=$(command -v pg_ctl || true)
  [ -n "$pgctl" ] && bin=$(dirname "$(readlink -f "$pgctl")")
fi
if [ -z "$bin" ]; then
  echo "pg-throwaway: PostgreSQL server binaries not found (Debian package postgresql)" >&2
  exit 3
fi

as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$cmd" in
  start)
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres: "$dir"
    if [ ! -f "$dir/PG_VERSION" ]; then
      as_pg "$bin/initdb" -D "$dir" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >/dev/null
    fi
    as_pg "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 \
      -o "-h 127.0.0.1 -p $port -k $dir -F -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
      start >/dev/null
    as_pg "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -qAtc "SELECT 1" postgres >/dev/null
    as_pg "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -qAtc \
      "SELECT 1 FROM pg_database WHERE datname='contingent'" postgres | grep -q 1 \
      || as_pg "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres contingent
    echo "postgresql://postgres@127.0.0.1:$port/contingent"
    ;;
  stop)
    [ -f "$dir/postmaster.pid" ] && as_pg "$bin/pg_ctl" -D "$dir" -m fast -w stop >/dev/null || true
    ;;
  *) echo "usage: $0 start|stop DIR [PORT]" >&2; exit 2 ;;
esac
