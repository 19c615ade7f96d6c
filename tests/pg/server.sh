#!/usr/bin/env bash
# A throwaway PostgreSQL 15 server for the tests and the bench: `tests/pg/server.sh start DIR`
# initialises a cluster in DIR (owned by the postgres OS user; initdb refuses root), with TLS
# from a CA made here, listening on 127.0.0.1:PORT and on a Unix socket in DIR, then writes
# DIR/env: the variables the test harness reads (HOURKEEP_PG_*). `stop DIR` stops it.
# MACHINE.md has the recipe this follows.
set -euo pipefail
cmd=${1:?start|stop|resume} dir=${2:?folder}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$bin/initdb" ] || { echo "PostgreSQL is not installed (apt-get install postgresql)" >&2; exit 1; }
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

if [ "$cmd" = stop ]; then
  as_pg "$bin/pg_ctl" -D "$dir/data" -m fast stop >/dev/null
  exit 0
fi
# `resume DIR`: starts a cluster `start` made and `stop` stopped (the outage tests).
if [ "$cmd" = resume ]; then
  as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w start >/dev/null
  exit 0
fi

port=${HOURKEEP_PG_PORT:-55432}
password=${HOURKEEP_PG_PASSWORD:-hk-test-superuser}
mkdir -p "$dir"
# A CA and a server certificate for localhost and 127.0.0.1: the app connects with verify-full.
openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=Hourkeep test CA" \
  -keyout "$dir/ca.key" -out "$dir/ca.crt" 2>/dev/null
openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" \
  -keyout "$dir/server.key" -out "$dir/server.csr" 2>/dev/null
printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\n' >"$dir/san.ext"
openssl x509 -req -in "$dir/server.csr" -CA "$dir/ca.crt" -CAkey "$dir/ca.key" -CAcreateserial \
  -days 30 -extfile "$dir/san.ext" -out "$dir/server.crt" 2>/dev/null
printf %s "$password" >"$dir/pwfile"
chmod 600 "$dir/server.key" "$dir/pwfile"
if [ "$(id -u)" = 0 ]; then chown -R postgres "$dir"; fi
chmod 700 "$dir"
as_pg "$bin/initdb" -D "$dir/data" -U hk --pwfile="$dir/pwfile" -A scram-sha-256 \
  --auth-local=trust -E UTF8 --locale=C.UTF-8 >/dev/null
cat >"$dir/data/pg_hba.conf" <<HBA
local all all trust
hostssl all all 127.0.0.1/32 scram-sha-256
host all all 127.0.0.1/32 scram-sha-256
HBA
# In the cluster's own configuration, so `resume` starts it the same way after a `stop`.
cat >>"$dir/data/postgresql.conf" <<CONF
port = $port
unix_socket_directories = '$dir'
listen_addresses = '127.0.0.1'
ssl = on
ssl_cert_file = '$dir/server.crt'
ssl_key_file = '$dir/server.key'
max_connections = 200
fsync = off
CONF
as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w start >/dev/null
# The folder is the server's; the CA certificate and the socket must be readable by the tests.
chmod 755 "$dir"
chmod 644 "$dir/ca.crt"
cat >"$dir/env" <<ENV
HOURKEEP_PG_HOST=127.0.0.1
HOURKEEP_PG_PORT=$port
HOURKEEP_PG_USER=hk
HOURKEEP_PG_PASSWORD=$password
HOURKEEP_PG_CA=$dir/ca.crt
HOURKEEP_PG_SOCKET=$dir
HOURKEEP_PG_BIN=$bin
ENV
echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port and $dir (TLS, CA $dir/ca.crt)"
