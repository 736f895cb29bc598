#!/usr/bin/env bash
# Stops the cluster started by .ci/pg-start.sh (same PGROOT) with a fast shutdown, by its own PID if pg_ctl fails.
set -u
PGROOT="${PGROOT:-/tmp/spacegate-ci-pg}"
PGBIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
if [ -n "$PGBIN" ] && [ -f "$PGROOT/data/postmaster.pid" ]; then
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGROOT/data" -m fast -w -t 30 stop >&2
    else
        "$PGBIN/pg_ctl" -D "$PGROOT/data" -m fast -w -t 30 stop >&2
    fi || kill -INT "$(head -1 "$PGROOT/data/postmaster.pid")"   # SIGINT = fast shutdown, by its own PID
fi
