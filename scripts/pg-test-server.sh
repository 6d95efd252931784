#!/usr/bin/env bash
# Starts or stops a throwaway PostgreSQL cluster for tests: a temporary directory, a free
# port on 127.0.0.1, run as an unprivileged user (the 'postgres' account Debian's package
# creates when we are root), trust authentication on loopback only.
#   pg-test-server.sh start DIR   -> prints the server URL (postgres://postgres@127.0.0.1:PORT)
#   pg-test-server.sh stop DIR
# Tests run it without flushing to disk (fsync=off: a test cluster is thrown away). With
# PG_DURABLE=1 it flushes at every commit as a real server does: what make bench uses,
# so that its PostgreSQL figures keep the guarantee SQLite keeps there (synchronous=FULL).
set -euo pipefail
cmd=$1 dir=$2
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[[ -n $bindir ]] || { echo "pg-test-server: PostgreSQL saknas (apt-get install postgresql)" >&2; exit 1; }
as_user() {
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}
case $cmd in
  start)
    mkdir -p "$dir"
    [[ $(id -u) -eq 0 ]] && chown postgres "$dir"
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    as_user "$bindir/initdb" -D "$dir/data" -U postgres --auth=trust --locale=C.UTF-8 --encoding=UTF8 >"$dir/initdb.log" 2>&1
    durability="-c fsync=off"
    [[ ${PG_DURABLE:-0} == 1 ]] && durability="-c fsync=on -c synchronous_commit=on"
    as_user "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 $durability -c max_connections=200" start >/dev/null
    echo "$port" >"$dir/port"
    echo "postgres://postgres@127.0.0.1:$port"
    ;;
  stop)
    [[ -d $dir/data ]] && as_user "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    ;;
  *) echo "användning: pg-test-server.sh start|stop DIR" >&2; exit 2 ;;
esac
