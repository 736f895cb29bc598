#!/usr/bin/env bash
# Starts a throwaway PostgreSQL on 127.0.0.1:$PGPORT (default 55432) with its data in $PGROOT (default /tmp/spacegate-ci-pg),
# as the postgres user and without systemd, and creates a login role that may create databases (the tests create one
# database per test server and drop it afterwards). Idempotent: installs the Debian package only if missing, reuses a
# running instance, re-initialises a stale data directory. Prints the test connection string as its last line.
# Stop it with .ci/pg-stop.sh (same PGROOT).
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
PGPORT="${PGPORT:-55432}"
PGROOT="${PGROOT:-/tmp/spacegate-ci-pg}"   # must be reachable by the postgres user (not under /root)
PGDATA="$PGROOT/data"
APP_USER="${APP_USER:-spacegate}" APP_PASS="${APP_PASS:-spacegate_pw}"
SUPER_PASS="${SUPER_PASS:-postgres_pw}"

if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
    sudo=""
    if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then sudo="sudo"; fi
    $sudo apt-get update -q >&2 && $sudo apt-get install -y -q postgresql </dev/null >&2
fi
PGBIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
if [ "$(id -u)" -eq 0 ]; then
    as_pg() { runuser -u postgres -- "$@"; }
else
    as_pg() { "$@"; }   # not root: run the cluster as the current user
fi

if as_pg "$PGBIN/pg_ctl" -D "$PGDATA" status >/dev/null 2>&1; then
    echo "postgres already running in $PGDATA" >&2
else
    if "$PGBIN/pg_isready" -q -h 127.0.0.1 -p "$PGPORT"; then echo "port $PGPORT taken by another server" >&2; exit 1; fi
    rm -rf "$PGROOT"; mkdir -p "$PGROOT"; chmod 700 "$PGROOT"
    printf '%s\n' "$SUPER_PASS" > "$PGROOT/pw"
    if [ "$(id -u)" -eq 0 ]; then chown -R postgres:postgres "$PGROOT"; fi
    as_pg "$PGBIN/initdb" -D "$PGDATA" -U postgres --pwfile="$PGROOT/pw" \
        --auth=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$PGROOT/initdb.log"
    # fsync off: a throwaway test cluster, where speed matters and a crash loses nothing of value.
    as_pg "$PGBIN/pg_ctl" -D "$PGDATA" -l "$PGROOT/server.log" -w -t 60 \
        -o "-p $PGPORT -k $PGROOT -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
        start >&2
fi
export PGPASSWORD="$SUPER_PASS"
psql_su() { "$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PGPORT" -U postgres "$@"; }
psql_su -d postgres -c "DO \$\$BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname='$APP_USER') THEN
    CREATE ROLE $APP_USER LOGIN PASSWORD '$APP_PASS' CREATEDB; END IF; END\$\$;"
# DROP DATABASE ... WITH (FORCE) must also end an autovacuum worker that happens to be in the test database.
psql_su -d postgres -c "GRANT pg_signal_backend TO $APP_USER"
echo "Host=127.0.0.1;Port=$PGPORT;Database=postgres;Username=$APP_USER;Password=$APP_PASS"
