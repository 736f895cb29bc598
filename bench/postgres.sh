#!/usr/bin/env bash
# Token endpoint benchmark on PostgreSQL: one node, two nodes behind nginx, 10 M stored tokens, prune.
# See --help and docs/BENCHMARKS.md ("PostgreSQL").
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: bench/postgres.sh [--help] [--no-build]

Measures POST /api/oauth/token (client_credentials and refresh_token) with Spacegate on PostgreSQL.
Everything runs on 127.0.0.1 and everything the script starts is stopped by PID on exit.

  1. Starts a throwaway PostgreSQL cluster with .ci/pg-start.sh (PGPORT, PGROOT; fsync and
     synchronous_commit are off there), creates a fresh database, builds Release, starts node A
     (pinned to core 0 with taskset) and obtains a refresh token by driving the code flow with curl.
  2. single:  node A alone, empty store (only the demo data), wrk pinned to core 1.
  3. cluster: node B (pinned to core 1) joins, nginx (bench/nginx-bench.conf, round robin,
              1 worker) in front of both; wrk, nginx and PostgreSQL unpinned. Then node B and
              nginx are stopped.
  4. large:   a second database holds BENCH_TOKENS (default 10,000,000) tokens. It is built once:
              a node writes one row of each kind (client_credentials access token, code-flow
              access and refresh token), then bench/pg-tokens.sql inserts copies of them with fresh
              ids, reference ids and payloads of the same length (secondary indexes dropped and
              rebuilt, then ANALYZE), and the database is marked with a comment. A later run with
              the cluster still running (BENCH_KEEP_PG=1) reuses it. Node A is restarted on it,
              warmed up exactly as in part 1 and measured. The ratio large/single is printed
              (target >= 80 %).
  5. prune:   on the large database: BENCH_PRUNE_TOKENS (default 1,000,000) expired tokens,
              created 15-30 days ago, are inserted (unless that many tokens older than 14 days
              are already there, e.g. inserted by hand with bench/pg-tokens.sql, mode=expired);
              `spacegate tokens prune --older-than 14d` runs alone (rows/s). Then
              BENCH_PRUNE_CONCURRENT expired tokens are inserted, and client_credentials issuance
              is measured at BENCH_PRUNE_CONNECTIONS without prune and then while the prune CLI
              runs. The prune deletes only expired rows, so the large database stays reusable.

PostgreSQL is not pinned: its backends share the two cores with the server and wrk. The script
reports PostgreSQL CPU time (postmaster and all its children) per request next to the server's.

Options:
  --no-build               skip `dotnet build -c Release` (use the existing Release output)
  --help                   show this text

Environment:
  BENCH_PARTS              parts to run (default "single cluster large prune"; they always run in
                           this order; "cluster" also starts and warms up node A)
  BENCH_SECONDS            duration of each measured wrk run, 1..10 (default 10)
  BENCH_WARMUP             duration of one warm-up run, 1..10 (default 10)
  BENCH_WARMUP_RUNS        warm-up runs of node A per grant before part 1 (default 6); node B gets
                           the same number through nginx
  BENCH_CONNECTIONS        connection counts (default "4 16")
  BENCH_TOKENS             stored tokens for part "large" (default 10000000)
  BENCH_PRUNE_TOKENS       expired tokens for part "prune" (default 1000000)
  BENCH_PRUNE_CONCURRENT   expired tokens inserted for the prune that runs during issuance
                           (default 150000; enough to outlast one run here)
  BENCH_PRUNE_CONNECTIONS  connections for the issuance-while-pruning runs (default 8)
  BENCH_SAVE_LOGS          if set, a directory to copy the node, nginx and prune logs to before exit
  PGPORT, PGROOT           for .ci/pg-start.sh (default 55446, /tmp/pg-bench)
  BENCH_KEEP_PG            if 1, leave the cluster (and so the large database) running at exit; it
                           is stopped and its directory removed by default. A cluster that was
                           already running on PGPORT is reused and never stopped.

Requires: dotnet, wrk, curl, taskset, nginx, PostgreSQL 15+ server binaries (pg-start.sh installs
the Debian package if missing), psql. Needs about 20 GB of disk under PGROOT for 10 M tokens.
EOF
}

NO_BUILD=0
for arg in "$@"; do
  case "$arg" in
    -h|--help) usage; exit 0 ;;
    --no-build) NO_BUILD=1 ;;
    *) echo "postgres.sh: unknown argument: $arg (see --help)" >&2; exit 2 ;;
  esac
done

BENCH_PARTS="${BENCH_PARTS:-single cluster large prune}"
BENCH_SECONDS="${BENCH_SECONDS:-10}"
BENCH_WARMUP="${BENCH_WARMUP:-10}"
BENCH_WARMUP_RUNS="${BENCH_WARMUP_RUNS:-6}"
BENCH_CONNECTIONS="${BENCH_CONNECTIONS:-4 16}"
BENCH_TOKENS="${BENCH_TOKENS:-10000000}"
BENCH_PRUNE_TOKENS="${BENCH_PRUNE_TOKENS:-1000000}"
BENCH_PRUNE_CONNECTIONS="${BENCH_PRUNE_CONNECTIONS:-8}"
BENCH_PRUNE_CONCURRENT="${BENCH_PRUNE_CONCURRENT:-150000}"
export PGPORT="${PGPORT:-55446}" PGROOT="${PGROOT:-/tmp/pg-bench}"
for v in BENCH_SECONDS BENCH_WARMUP; do
  if ! [[ "${!v}" =~ ^[0-9]+$ ]] || (( ${!v} < 1 || ${!v} > 10 )); then
    echo "postgres.sh: $v must be an integer from 1 to 10 (each wrk run is bounded to 10 s)" >&2; exit 2
  fi
done
for v in BENCH_WARMUP_RUNS BENCH_TOKENS BENCH_PRUNE_TOKENS BENCH_PRUNE_CONCURRENT BENCH_PRUNE_CONNECTIONS; do
  [[ "${!v}" =~ ^[0-9]+$ ]] || { echo "postgres.sh: $v must be a non-negative integer" >&2; exit 2; }
done
(( BENCH_TOKENS <= 50000000 && BENCH_PRUNE_TOKENS <= 10000000 )) || { echo "postgres.sh: at most 50 M tokens and 10 M prune tokens" >&2; exit 2; }
has_part() { [[ " $BENCH_PARTS " == *" $1 "* ]]; }

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$BENCH_DIR/.." && pwd)"
LUA="$BENCH_DIR/token.lua"
DLL="$REPO/src/Spacegate.Server/bin/Release/net10.0/spacegate.dll"
for tool in dotnet wrk curl taskset nginx psql python3; do
  command -v "$tool" >/dev/null || { echo "postgres.sh: $tool is required" >&2; exit 1; }
done
(( $(nproc) >= 2 )) || { echo "postgres.sh: needs at least 2 CPUs (server on core 0, wrk on core 1)" >&2; exit 1; }

CC_CLIENT_ID=globexportal0000000000001
CC_CLIENT_SECRET=globex-demo-secret-8b1e4d7a0c3f6925e8d1a4b7c0f3e692
AC_CLIENT_ID=acmedemoapp00000000000001
AC_CLIENT_SECRET=acme-demo-secret-4f9c2b7e1d8a6035c9e2f1b4a7d0c3e6
AC_REDIRECT_URI=http://localhost:8085/callback
DEMO_EMAIL=alice@demo.spacegate.test
DEMO_PASSWORD=Spacegate-demo-1
SUPER_PASS="${SUPER_PASS:-postgres_pw}"
DB_NAME=spacegate_bench
DB_LARGE=spacegate_bench_large
LARGE_MARK="spacegate bench: $BENCH_TOKENS tokens"

TMP="$(mktemp -d /tmp/spacegate-pgbench.XXXXXX)"
declare -A PIDS=()   # name -> pid of everything started here (nodes, nginx, prune)
PG_STARTED=0
PG_PID=""

say() { echo "[$(date -u +%H:%M:%S)] $*"; }
die() { echo "postgres.sh: $*" >&2; exit 1; }

stop_pid() {   # stop_pid NAME [SIGNAL]
  local name="$1" sig="${2:-TERM}" pid="${PIDS[$1]:-}"
  [[ -n "$pid" ]] || return 0
  if kill -0 "$pid" 2>/dev/null; then
    kill "-$sig" "$pid" 2>/dev/null || true
    for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then
      echo "postgres.sh: $name ($pid) did not stop within 15 s; sending SIGKILL" >&2
      kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  wait "$pid" 2>/dev/null || true
  unset "PIDS[$name]"
}

scan_logs() {
  local f n
  for f in "$TMP"/node-*.log; do
    [[ -f "$f" ]] || continue
    n="$(grep -ciE 'fail|exception' "$f" || true)"
    echo "log $(basename "$f"): $n lines match fail|Exception, $(grep -c '^fail:' "$f" || true) 'fail:' entries"
    if (( n > 0 )); then
      echo "  'fail:' entries by category:"; grep -A1 '^fail:' "$f" | grep '^fail:' | sort | uniq -c | sed 's/^/   /' || true
      grep -oE '[A-Za-z0-9_.]+(Exception|Error): .*' "$f" | sort | uniq -c | sort -rn | head -n 5 | sed 's/^/   /' || true
    fi
  done
}

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  echo
  say "Stopping what the script started"
  stop_pid prune; stop_pid nginx QUIT; stop_pid node-b; stop_pid node-a; stop_pid node-l
  scan_logs
  if [[ -n "${BENCH_SAVE_LOGS:-}" ]]; then
    mkdir -p "$BENCH_SAVE_LOGS" && cp "$TMP"/*.log "$TMP"/*.out "$BENCH_SAVE_LOGS"/ 2>/dev/null
    [[ -f "$TMP/nginx/error.log" ]] && cp "$TMP/nginx/error.log" "$BENCH_SAVE_LOGS/nginx-error.log"
    echo "logs copied to $BENCH_SAVE_LOGS"
  fi
  if (( PG_STARTED )) && [[ "${BENCH_KEEP_PG:-0}" != 1 ]]; then
    "$REPO/.ci/pg-stop.sh" 2>/dev/null || true
    if [[ -n "$PG_PID" ]] && kill -0 "$PG_PID" 2>/dev/null; then kill -INT "$PG_PID" 2>/dev/null || true; fi
    rm -rf "$PGROOT"
    say "PostgreSQL stopped, $PGROOT removed"
  fi
  rm -rf "$TMP"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
urlencode() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$1"; }
html_unescape() {
  sed -e 's/&quot;/"/g' -e "s/&#x27;/'/g" -e "s/&#39;/'/g" -e 's/&#x2B;/+/g' -e 's/&#x3D;/=/g' \
      -e 's/&lt;/</g' -e 's/&gt;/>/g' -e 's/&amp;/\&/g'
}
psql_su() { PGPASSWORD="$SUPER_PASS" psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PGPORT" -U postgres "$@"; }
ticks_of() { [[ -r "/proc/$1/stat" ]] && awk '{print $14 + $15}' "/proc/$1/stat" || echo 0; }
# All CPU of the cluster: the postmaster, its reaped children (cutime/cstime) and its live children.
pg_ticks() {
  local t c
  t="$(awk '{print $14 + $15 + $16 + $17}' "/proc/$PG_PID/stat" 2>/dev/null || echo 0)"
  for c in $(ps --ppid "$PG_PID" -o pid= 2>/dev/null); do t=$(( t + $(ticks_of "$c") )); done
  echo "$t"
}
CLK_TCK="$(getconf CLK_TCK 2>/dev/null || echo 100)"

# ---------------------------------------------------------------- machine facts
echo "== Machine"
echo "date:        $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "nproc:       $(nproc)"
echo "cpu model:   $(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
echo "memory:      $(awk '/^MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
echo "os:          $(. /etc/os-release && echo "$PRETTY_NAME"), $(uname -sr)"
echo "dotnet:      $(cd "$REPO" && dotnet --version)"
echo "wrk:         $(wrk -v 2>&1 | head -n1 | awk '{print $1, $2}')"
echo "nginx:       $(nginx -v 2>&1 | sed 's/.*: //')"
echo "load avg:    $(cut -d' ' -f1-3 /proc/loadavg) (before the run)"
echo "parts:       $BENCH_PARTS; ${BENCH_SECONDS}s per run, connections $BENCH_CONNECTIONS"

# ---------------------------------------------------------------- PostgreSQL
echo
if PGPASSWORD="$SUPER_PASS" psql -X -q -h 127.0.0.1 -p "$PGPORT" -U postgres -d postgres -c 'SELECT 1' >/dev/null 2>&1; then
  say "Reusing the PostgreSQL already running on port $PGPORT (it is left running)"
else
  say "Starting PostgreSQL (.ci/pg-start.sh, PGPORT=$PGPORT PGROOT=$PGROOT)"
  PG_STARTED=1
  "$REPO/.ci/pg-start.sh" > "$TMP/pg-start.out" 2> "$TMP/pg-start.err" || { cat "$TMP/pg-start.err" >&2; die "pg-start.sh failed"; }
fi
PG_PID="$(head -n1 "$PGROOT/data/postmaster.pid" 2>/dev/null || true)"
[[ -n "$PG_PID" ]] || die "no postmaster.pid under $PGROOT/data"
echo "postgresql:  $(psql_su -d postgres -Atc 'SHOW server_version') (postmaster pid $PG_PID)"
echo "pg settings: $(psql_su -d postgres -Atc "SELECT string_agg(name || '=' || setting || coalesce(unit, ''), ' ' ORDER BY name) FROM pg_settings WHERE name IN ('shared_buffers','fsync','synchronous_commit','full_page_writes','max_connections','work_mem','max_wal_size')")"
psql_su -d postgres -c "DROP DATABASE IF EXISTS $DB_NAME WITH (FORCE)" -c "CREATE DATABASE $DB_NAME OWNER spacegate"
conn_of() { echo "Host=127.0.0.1;Port=$PGPORT;Database=$1;Username=spacegate;Password=spacegate_pw"; }
CONN="$(conn_of "$DB_NAME")"

# ---------------------------------------------------------------- build and node A
if (( ! NO_BUILD )); then
  say "Building (dotnet build -c Release src/Spacegate.Server)"
  (cd "$REPO" && dotnet build -c Release src/Spacegate.Server -nologo -v quiet -nodeReuse:false) > "$TMP/build.log" 2>&1 \
    || { tail -n 40 "$TMP/build.log" >&2; die "build failed"; }
fi
[[ -f "$DLL" ]] || die "$DLL not found (build first or drop --no-build)"

start_node() {   # start_node NAME PORT CORE [DATABASE]
  local name="$1" port="$2" core="$3" conn; conn="$(conn_of "${4:-$DB_NAME}")"
  (
    cd "$TMP"
    exec taskset -c "$core" dotnet "$DLL" --urls "http://127.0.0.1:$port" --Storage:Provider=PostgreSQL \
      "--Storage:ConnectionString=$conn" --RateLimits:Enabled=false --Prune:Enabled=false \
      --Logging:LogLevel:Default=Warning
  ) >> "$TMP/$name.log" 2>&1 &
  PIDS[$name]=$!
  local ok=0
  for _ in $(seq 1 300); do
    kill -0 "${PIDS[$name]}" 2>/dev/null || { tail -n 30 "$TMP/$name.log" >&2; die "$name exited during start-up"; }
    if [[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/health" || true)" == 200 ]]; then ok=1; break; fi
    sleep 0.2
  done
  (( ok )) || { tail -n 30 "$TMP/$name.log" >&2; die "$name: GET /health did not return 200 within 60 s"; }
  say "$name up on 127.0.0.1:$port, pid ${PIDS[$name]}, affinity $(taskset -cp "${PIDS[$name]}" | sed 's/.*: //')"
}

# get_refresh_token BASE -> prints a refresh token obtained through BASE (sign-in, consent, code exchange).
get_refresh_token() {
  local base="$1" jar="$TMP/jar.$RANDOM" af code location auth_code input name value
  local -a consent=()
  antiforgery() { grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' "$1" | head -n1 | sed 's/.*value="//; s/"$//'; }
  curl -s -c "$jar" -b "$jar" -o "$TMP/login.html" "$base/account/login"
  af="$(antiforgery "$TMP/login.html")"; [[ -n "$af" ]] || die "no antiforgery token on $base/account/login"
  code="$(curl -s -c "$jar" -b "$jar" -o /dev/null -w '%{http_code}' "$base/account/login" --data-urlencode "Email=$DEMO_EMAIL" \
    --data-urlencode "Password=$DEMO_PASSWORD" --data-urlencode "__RequestVerificationToken=$af" --data-urlencode "ReturnUrl=/")"
  [[ "$code" == 302 ]] || die "sign-in through $base returned $code"
  code="$(curl -s -c "$jar" -b "$jar" -o "$TMP/consent.html" -w '%{http_code}' \
    "$base/oauth/authorize?client_id=$AC_CLIENT_ID&response_type=code&scope=ViewDetails&redirect_uri=$(urlencode "$AC_REDIRECT_URI")&state=x")"
  [[ "$code" == 200 ]] || die "GET /oauth/authorize through $base returned $code"
  awk '/<form[^>]*action="\/oauth\/authorize"/ {f=1} f {print} f && /<\/form>/ {exit}' "$TMP/consent.html" > "$TMP/consent-form.html"
  while IFS= read -r input; do
    name="$(sed -n 's/.*name="\([^"]*\)".*/\1/p' <<<"$input" | html_unescape)"
    value="$(sed -n 's/.*value="\([^"]*\)".*/\1/p' <<<"$input" | html_unescape)"
    [[ -n "$name" ]] && consent+=(--data-urlencode "$name=$value")
  done < <(grep -o '<input[^>]*type="hidden"[^>]*>' "$TMP/consent-form.html")
  (( ${#consent[@]} > 0 )) || die "no consent form through $base"
  code="$(curl -s -c "$jar" -b "$jar" -o /dev/null -D "$TMP/consent.hdr" -w '%{http_code}' "$base/oauth/authorize" \
    "${consent[@]}" --data-urlencode "spacegate_decision=allow")"
  [[ "$code" == 302 ]] || die "consent POST through $base returned $code"
  location="$(grep -i '^location:' "$TMP/consent.hdr" | tr -d '\r' | cut -d' ' -f2-)"
  auth_code="$(sed -n 's/.*[?&]code=\([^&]*\).*/\1/p' <<<"$location")"
  [[ -n "$auth_code" ]] || die "consent redirect through $base carries no code"
  code="$(curl -s -o "$TMP/code-token.json" -w '%{http_code}' "$base/api/oauth/token" --data-urlencode grant_type=authorization_code \
    --data-urlencode "code=$auth_code" --data-urlencode "redirect_uri=$AC_REDIRECT_URI" \
    --data-urlencode "client_id=$AC_CLIENT_ID" --data-urlencode "client_secret=$AC_CLIENT_SECRET")"
  [[ "$code" == 200 ]] || die "code exchange through $base returned $code: $(cat "$TMP/code-token.json")"
  tr -d '\n' < "$TMP/code-token.json" | sed -n 's/.*"refresh_token" *: *"\([^"]*\)".*/\1/p'
}

CC_BODY="grant_type=client_credentials&client_id=$CC_CLIENT_ID&client_secret=$CC_CLIENT_SECRET"
rt_body() { echo "grant_type=refresh_token&refresh_token=$(urlencode "$1")&client_id=$AC_CLIENT_ID&client_secret=$AC_CLIENT_SECRET"; }
sanity() {   # sanity BASE BODY: one 200 before measuring
  local code; code="$(curl -s -o "$TMP/sanity.json" -w '%{http_code}' "$1/api/oauth/token" -H 'Content-Type: application/x-www-form-urlencoded' --data "$2")"
  [[ "$code" == 200 ]] || die "sanity request (${2%%&*}) to $1 returned $code: $(cat "$TMP/sanity.json")"
}

RESULTS=()   # part|grant|conns|tokens/s|p50|p99|non200|5xx|sockerr|server CPU ms/req|pg CPU ms/req|nginx CPU ms/req
declare -A RATE=()
LAST=""
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$LAST"; }
# run_wrk PART GRANT BASE CONNS SECS BODY WRK_CORE(or "") -> appends a result row unless PART is "-"
run_wrk() {
  local part="$1" grant="$2" base="$3" conns="$4" secs="$5" body="$6" core="$7"
  local threads=$(( conns < 2 ? conns : 2 )) out s0=0 s1=0 p0 p1 n0=0 n1=0 name
  local -a prefix=(); [[ -n "$core" ]] && prefix=(taskset -c "$core")
  for name in node-a node-b; do [[ -n "${PIDS[$name]:-}" ]] && s0=$(( s0 + $(ticks_of "${PIDS[$name]}") )); done
  [[ -n "${PIDS[nginx]:-}" ]] && n0="$(nginx_ticks)"
  p0="$(pg_ticks)"
  out="$(BENCH_BODY="$body" "${prefix[@]}" wrk -t"$threads" -c"$conns" -d"${secs}s" --timeout 5s -s "$LUA" "$base")" \
    || die "wrk failed ($part $grant c=$conns): $out"
  for name in node-a node-b; do
    if [[ -n "${PIDS[$name]:-}" ]]; then
      kill -0 "${PIDS[$name]}" 2>/dev/null || { tail -n 20 "$TMP/$name.log" >&2; die "$name exited during $part $grant"; }
      s1=$(( s1 + $(ticks_of "${PIDS[$name]}") ))
    fi
  done
  [[ -n "${PIDS[nginx]:-}" ]] && n1="$(nginx_ticks)"
  p1="$(pg_ticks)"
  LAST="$(grep '^BENCH ' <<<"$out")" || die "wrk printed no BENCH line: $out"
  local req bad dur rate per
  req="$(field requests)"; bad="$(field non200)"; dur="$(field duration_s)"
  rate="$(awk -v r="$req" -v b="$bad" -v d="$dur" 'BEGIN {printf "%.0f", (r - b) / d}')"
  per() { awk -v t="$1" -v r="$req" -v hz="$CLK_TCK" 'BEGIN {if (r > 0) printf "%.2f", 1000 * t / hz / r; else print "-"}'; }
  local nginx_ms="-"; [[ -n "${PIDS[nginx]:-}" ]] && nginx_ms="$(per $(( n1 - n0 )))"
  printf '%-8s %-18s c=%-3s %6s tokens/s p50 %7s ms p99 %7s ms non200=%s 5xx=%s sockerr=%s | CPU ms/req server %s pg %s nginx %s\n' \
    "$part" "$grant" "$conns" "$rate" "$(field p50_ms)" "$(field p99_ms)" "$bad" "$(field status5xx)" "$(field socket_errors)" \
    "$(per $(( s1 - s0 )))" "$(per $(( p1 - p0 )))" "$nginx_ms"
  grep '^BENCH_FIRST_NON200 ' <<<"$out" || true
  if [[ "$part" != "-" ]]; then
    RESULTS+=("$part|$grant|$conns|$rate|$(field p50_ms)|$(field p99_ms)|$bad|$(field status5xx)|$(field socket_errors)|$(per $(( s1 - s0 )))|$(per $(( p1 - p0 )))|$nginx_ms")
    RATE["$part|$grant|$conns"]="$rate"
  fi
}
nginx_ticks() {   # master + worker(s)
  local t; t="$(ticks_of "${PIDS[nginx]}")"
  for c in $(ps --ppid "${PIDS[nginx]}" -o pid= 2>/dev/null); do t=$(( t + $(ticks_of "$c") )); done
  echo "$t"
}
warm_up() {   # warm_up BASE WRK_CORE LABEL
  local i
  for (( i = 1; i <= BENCH_WARMUP_RUNS; i++ )); do
    run_wrk - "warm-up cc $i" "$1" 8 "$BENCH_WARMUP" "$CC_BODY" "$2"
  done
  for (( i = 1; i <= (BENCH_WARMUP_RUNS + 1) / 2; i++ )); do
    run_wrk - "warm-up rt $i" "$1" 8 "$BENCH_WARMUP" "$RT_BODY" "$2"
  done
}
declare -A MEMORY=()
measure() {   # measure PART BASE WRK_CORE
  local c
  for c in $BENCH_CONNECTIONS; do run_wrk "$1" client_credentials "$2" "$c" "$BENCH_SECONDS" "$CC_BODY" "$3"; done
  for c in $BENCH_CONNECTIONS; do run_wrk "$1" refresh_token "$2" "$c" "$BENCH_SECONDS" "$RT_BODY" "$3"; done
  # Node A's memory after the part's load: resident now and the peak since it started (target <= 300 MB).
  MEMORY["$1"]="$(awk '/^VmRSS|^VmHWM/ {printf "%s %d MB  ", $1, $2 / 1024}' "/proc/${PIDS[node-a]}/status")"
  echo "$1 node-a memory: ${MEMORY[$1]}"
}
token_count() { psql_su -d "${1:-$DB_NAME}" -Atc 'SELECT count(*) FROM "OpenIddictTokens"'; }

# ---------------------------------------------------------------- part 1: one node, empty store
PORT_A="$(free_port)"; BASE_A="http://127.0.0.1:$PORT_A"
if has_part single || has_part cluster; then
  echo
  say "Starting node A (core 0) on $DB_NAME"
  start_node node-a "$PORT_A" 0
  REFRESH_A="$(get_refresh_token "$BASE_A")"; [[ -n "$REFRESH_A" ]] || die "no refresh token from node A"
  RT_BODY="$(rt_body "$REFRESH_A")"
  sanity "$BASE_A" "$CC_BODY"; sanity "$BASE_A" "$RT_BODY"
  say "Refresh token obtained through node A; warming up node A (${BENCH_WARMUP_RUNS} x ${BENCH_WARMUP}s cc, $(( (BENCH_WARMUP_RUNS + 1) / 2 )) x rt, c=8)"
  warm_up "$BASE_A" 1
  if has_part single; then
    say "Part single: node A alone, $(token_count) tokens stored"
    measure single "$BASE_A" 1
  fi
fi

# ---------------------------------------------------------------- part 2: two nodes behind nginx
if has_part cluster; then
  echo
  PORT_B="$(free_port)"; PORT_LB="$(free_port)"; BASE_LB="http://127.0.0.1:$PORT_LB"
  say "Starting node B (core 1) and nginx on $BASE_LB"
  start_node node-b "$PORT_B" 1
  mkdir -p "$TMP/nginx"
  sed -e "s#@PREFIX@#$TMP/nginx#g" -e "s#@LISTEN_PORT@#$PORT_LB#g" -e "s#@NODE_A@#$PORT_A#g" -e "s#@NODE_B@#$PORT_B#g" \
    "$BENCH_DIR/nginx-bench.conf" > "$TMP/nginx/nginx.conf"
  nginx -p "$TMP/nginx" -c "$TMP/nginx/nginx.conf" -t > "$TMP/nginx/test.log" 2>&1 || { cat "$TMP/nginx/test.log" >&2; die "nginx -t failed"; }
  nginx -p "$TMP/nginx" -c "$TMP/nginx/nginx.conf" > "$TMP/nginx/stdout.log" 2>&1 &
  PIDS[nginx]=$!
  for _ in $(seq 1 50); do [[ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE_LB/health" || true)" == 200 ]] && break; sleep 0.2; done
  [[ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE_LB/health" || true)" == 200 ]] || { cat "$TMP/nginx/error.log" >&2; die "nginx: GET /health did not return 200"; }
  say "nginx pid ${PIDS[nginx]}"
  REFRESH_LB="$(get_refresh_token "$BASE_LB")"; [[ -n "$REFRESH_LB" ]] || die "no refresh token through nginx"
  RT_A="$RT_BODY"; RT_BODY="$(rt_body "$REFRESH_LB")"
  sanity "$BASE_LB" "$CC_BODY"; sanity "$BASE_LB" "$RT_BODY"
  say "Refresh token obtained through nginx (sign-in, consent and code exchange spread over both nodes); warming up node B through nginx"
  warm_up "$BASE_LB" ""
  say "Part cluster: nodes A (core 0) + B (core 1) behind nginx; wrk, nginx and PostgreSQL unpinned"
  measure cluster "$BASE_LB" ""
  stop_pid nginx QUIT; stop_pid node-b
  RT_BODY="$RT_A"
  say "nginx and node B stopped"
fi

# ---------------------------------------------------------------- part 3: 10 M stored tokens
if has_part large || has_part prune; then
  echo
  mark="$(psql_su -d postgres -Atc "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = '$DB_LARGE'")"
  if [[ "$mark" == "$LARGE_MARK" ]]; then
    say "Reusing database $DB_LARGE (comment: $mark; built by an earlier run)"
  else
    say "Building database $DB_LARGE: a node writes one token row of each kind"
    psql_su -d postgres -c "DROP DATABASE IF EXISTS $DB_LARGE WITH (FORCE)" -c "CREATE DATABASE $DB_LARGE OWNER spacegate"
    port_l="$(free_port)"
    start_node node-l "$port_l" 1 "$DB_LARGE"
    rt_l="$(get_refresh_token "http://127.0.0.1:$port_l")"; [[ -n "$rt_l" ]] || die "no refresh token from node-l"
    sanity "http://127.0.0.1:$port_l" "$CC_BODY"
    stop_pid node-l
    say "Inserting $BENCH_TOKENS tokens with SQL (bench/pg-tokens.sql; secondary indexes dropped and rebuilt, then ANALYZE)"
    t0="$(date +%s)"
    psql_su -d "$DB_LARGE" -v count="$BENCH_TOKENS" -v oldest='14 days' -v newest='10 minutes' -v mode=live -v rebuild=on -v vacuum=on \
      -v salt="live$RANDOM" -f "$BENCH_DIR/pg-tokens.sql" > "$TMP/insert-large.log" 2>&1 || { cat "$TMP/insert-large.log" >&2; die "token insert failed"; }
    grep -E '^ *(cc|ac|rt) +\|' "$TMP/insert-large.log" | sed 's/^/  template (kind | type | payload chars | lifetime | authorization | properties chars): /' || true
    say "Inserted in $(( $(date +%s) - t0 )) s (index builds and ANALYZE included)"
    psql_su -d postgres -c "COMMENT ON DATABASE $DB_LARGE IS '$LARGE_MARK'"
  fi
  say "$DB_LARGE: $(psql_su -d "$DB_LARGE" -Atc "SELECT count(*) || ' tokens, table + indexes ' || pg_size_pretty(pg_total_relation_size('\"OpenIddictTokens\"')) FROM \"OpenIddictTokens\"")"
  say "Restarting node A (core 0) on $DB_LARGE"
  stop_pid node-a
  start_node node-a "$PORT_A" 0 "$DB_LARGE"
  REFRESH_L="$(get_refresh_token "$BASE_A")"; [[ -n "$REFRESH_L" ]] || die "no refresh token from node A on $DB_LARGE"
  RT_BODY="$(rt_body "$REFRESH_L")"
  sanity "$BASE_A" "$CC_BODY"; sanity "$BASE_A" "$RT_BODY"
  say "Warming up node A as in part single"
  warm_up "$BASE_A" 1
  if has_part large; then
    say "Part large: node A alone, $(token_count "$DB_LARGE") tokens stored"
    measure large "$BASE_A" 1
  fi
fi

# ---------------------------------------------------------------- part 4: prune
if has_part prune; then
  echo
  insert_expired() {   # insert_expired COUNT
    local t0; t0="$(date +%s)"
    psql_su -d "$DB_LARGE" -v count="$1" -v oldest='30 days' -v newest='15 days' -v mode=expired -v rebuild=off -v vacuum=off \
      -v salt="dead$RANDOM$1" -f "$BENCH_DIR/pg-tokens.sql" > "$TMP/insert-dead.log" 2>&1 || { cat "$TMP/insert-dead.log" >&2; die "expired token insert failed"; }
    say "Inserted $1 expired tokens in $(( $(date +%s) - t0 )) s"
    # Flush the inserted pages now, so that no run pays for that checkpoint, and let the backend exit.
    psql_su -d "$DB_LARGE" -c 'CHECKPOINT'; sleep 2
  }
  # Tokens created more than 14 days ago, counted through the primary key (ids start with the creation time in ms).
  old_tokens() {
    psql_su -d "$DB_LARGE" -Atc "SELECT count(*) FROM \"OpenIddictTokens\" WHERE \"Id\" < (SELECT substr(h, 1, 8) || '-' || substr(h, 9, 4)
      FROM (SELECT lpad(to_hex((extract(epoch FROM now() - interval '14 days') * 1000)::bigint), 12, '0') AS h) x)"
  }
  start_prune() {
    ( cd "$TMP"; exec env Storage__Provider=PostgreSQL "Storage__ConnectionString=$(conn_of "$DB_LARGE")" Logging__LogLevel__Default=Warning \
        dotnet "$DLL" tokens prune --older-than 14d --json ) > "$TMP/prune.out" 2>&1 &
    PIDS[prune]=$!
  }
  dead="$(old_tokens)"
  if (( dead >= BENCH_PRUNE_TOKENS )); then
    say "$dead tokens older than 14 days are already stored (inserted earlier); not inserting more"
  else
    say "Inserting $BENCH_PRUNE_TOKENS expired tokens (created 15-30 days ago)"
    insert_expired "$BENCH_PRUNE_TOKENS"
    dead="$(old_tokens)"
  fi
  say "Pruning alone: spacegate tokens prune --older-than 14d ($dead tokens older than 14 days; the CLI is unpinned)"
  t0="$(date +%s%N)"; p0="$(pg_ticks)"
  PRUNE_STATUS="exit 0"
  start_prune; wait "${PIDS[prune]}" || PRUNE_STATUS="FAILED (exit $?): $(grep -m1 -E 'Exception|Timeout' "$TMP/prune.out" | cut -c1-160)"
  unset "PIDS[prune]"
  t1="$(date +%s%N)"; p1="$(pg_ticks)"
  # Counted in the database, so that a failed prune still shows what it deleted.
  pruned=$(( dead - $(old_tokens) ))
  say "prune CLI: $PRUNE_STATUS; tokens older than 14 days: $dead before, $(( dead - pruned )) after"
  PRUNE_S="$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.1f", (b - a) / 1e9}')"
  PRUNE_RATE="$(awk -v n="${pruned:-0}" -v s="$PRUNE_S" 'BEGIN {printf "%.0f", n / s}')"
  PRUNE_PG="$(awk -v t=$(( p1 - p0 )) -v hz="$CLK_TCK" 'BEGIN {printf "%.1f", t / hz}')"
  say "Pruned ${pruned:-?} tokens in $PRUNE_S s (CLI start-up included) = $PRUNE_RATE rows/s; PostgreSQL CPU $PRUNE_PG s; output: $(tr -d '\n ' < "$TMP/prune.out" | cut -c1-200)"
  say "Issuance without and with a prune running"
  insert_expired "$BENCH_PRUNE_CONCURRENT"
  run_wrk prune-off client_credentials "$BASE_A" "$BENCH_PRUNE_CONNECTIONS" "$BENCH_SECONDS" "$CC_BODY" 1
  start_prune
  sleep 2   # let the CLI start (about 1-2 s of .NET start-up) so the run overlaps the deleting
  pt0="$(date +%s%N)"
  run_wrk prune-on client_credentials "$BASE_A" "$BENCH_PRUNE_CONNECTIONS" "$BENCH_SECONDS" "$CC_BODY" 1
  if kill -0 "${PIDS[prune]}" 2>/dev/null; then PRUNE_OVERLAP="the prune was still running when the run ended"; else PRUNE_OVERLAP="the prune ENDED before the run did"; fi
  PRUNE2_STATUS="exit 0"
  wait "${PIDS[prune]}" || PRUNE2_STATUS="FAILED (exit $?): $(grep -m1 -E 'Exception|Timeout' "$TMP/prune.out" | cut -c1-160)"
  unset "PIDS[prune]"
  pruned2="$(sed -n 's/.*"prunedTokens": *\([0-9]*\).*/\1/p' "$TMP/prune.out" | head -n1)"
  say "concurrent prune CLI: $PRUNE2_STATUS"
  say "Concurrent prune: $PRUNE_OVERLAP; it deleted ${pruned2:-?} tokens, ending $(awk -v a="$pt0" -v b="$(date +%s%N)" 'BEGIN {printf "%.1f", (b - a) / 1e9}') s after the measured run started"
fi

# ---------------------------------------------------------------- report
echo
echo "== Results (POST /api/oauth/token, ${BENCH_SECONDS}s per run)"
echo "| part | grant | conns | tokens/s | p50 ms | p99 ms | non-200 | 5xx | socket errors | server CPU ms/req | PostgreSQL CPU ms/req | nginx CPU ms/req |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
for row in "${RESULTS[@]}"; do
  IFS='|' read -r part g c rate p50 p99 bad fives sock sms pms nms <<<"$row"
  printf '| %s | %s | %s | %s | %.2f | %.2f | %s | %s | %s | %s | %s | %s |\n' "$part" "$g" "$c" "$rate" "$p50" "$p99" "$bad" "$fives" "$sock" "$sms" "$pms" "$nms"
done
echo "single/large: node A on core 0, wrk on core 1; cluster: node A core 0, node B core 1, the rest unpinned; PostgreSQL always unpinned."
echo "server CPU ms/req = CPU time of the node(s) per request; PostgreSQL = postmaster and all its children."
for part in "${!MEMORY[@]}"; do echo "node A memory after part $part: ${MEMORY[$part]}(target <= 300 MB)"; done
if has_part large; then
  echo
  echo "Large store vs empty store (target >= 80 %):"
  for g in client_credentials refresh_token; do
    for c in $BENCH_CONNECTIONS; do
      a="${RATE[single|$g|$c]:-}"; b="${RATE[large|$g|$c]:-}"
      [[ -n "$a" && -n "$b" ]] && awk -v a="$a" -v b="$b" -v g="$g" -v c="$c" \
        'BEGIN {r = 100 * b / a; printf "  %-18s c=%-3s %6d -> %6d tokens/s = %5.1f %% %s\n", g, c, a, b, r, (r >= 80 ? "(met)" : "(NOT met)")}'
    done
  done
fi
if has_part prune; then
  echo
  echo "Prune: ${pruned:-?} expired tokens in $PRUNE_S s = $PRUNE_RATE rows/s (PostgreSQL CPU $PRUNE_PG s); CLI $PRUNE_STATUS."
  a="${RATE[prune-off|client_credentials|$BENCH_PRUNE_CONNECTIONS]:-0}"; b="${RATE[prune-on|client_credentials|$BENCH_PRUNE_CONNECTIONS]:-0}"
  awk -v a="$a" -v b="$b" 'BEGIN {printf "Issuance while pruning: %d -> %d tokens/s (%.1f %%); ", a, b, (a > 0 ? 100 * b / a : 0)}'
  echo "$PRUNE_OVERLAP."
fi
echo "load avg after: $(cut -d' ' -f1-3 /proc/loadavg)"
