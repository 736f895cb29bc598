#!/usr/bin/env bash
# Model API (GraphQL) load benchmark for Spacegate. See --help and docs/BENCHMARKS.md.
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: bench/model-api.sh [--help] [--no-build]

Builds Spacegate in Release, creates a fresh temporary SQLite database with the CLI (migrate, seed,
then `models bulk-create --account globex --count N`), starts the server on a free 127.0.0.1 port,
takes a client_credentials token of the Globex demo app and measures POST /api/models/graph with wrk:

  (1) model(id) with bearer validation: { model(id: "HXDYzEzVMGP") { id name } }
      at 2, 4, 8 and 16 connections, after the warm-up; then reference points at 8 connections
      (GET /health, no token -> 401, { __typename } with the token).
  (2) models(query:) over the account's N+5 models: a warm-up with a rotating mix of every search
      kind, then one short run per kind at 2, 4 and 8 connections (page size 10; each response also
      asks for totalResults, so every request counts the matches).

The server runs with --RateLimits:Enabled=false: one token sends far more than the per-token limit.
wrk threads = min(connections, 2). Prints machine facts, `uptime` before and after, the number of
matches of each search (one curl each), result tables, the target verdicts and any "fail"/"Exception"
lines from the server log. Then a second, unpinned server on the same database logs the SQL of each
search (EF Core command log); the script prints its database time and `EXPLAIN QUERY PLAN` (sqlite3).
Servers are always stopped by PID and the temporary directory removed on exit.

Options:
  --no-build               skip `dotnet build -c Release` (use the existing Release output)
  --help                   show this text

Environment:
  BENCH_SECONDS            duration of each measured wrk run, 1..10 (default 5)
  BENCH_WARMUP             duration of each warm-up run, 1..10 (default 2)
  BENCH_WARMUP_RUNS        warm-up runs before model(id) and again before the searches (default 1).
                           On one core the JIT needs 60-90 s of load to settle: BENCH_WARMUP=10
                           BENCH_WARMUP_RUNS=9 measures a warmed-up server (each run stays <= 10 s).
  BENCH_CONNECTIONS        connection counts for model(id) (default "2 4 8 16")
  BENCH_SEARCH_CONNECTIONS connection counts for each search kind (default "2 4 8")
  BENCH_MODELS             models to bulk-create in the globex account, 0..1000000 (default 100000;
                           0 skips the search part)
  BENCH_TIMEOUT            wrk per-request timeout in seconds (default 10); slower answers count as
                           socket errors and do not enter the latency figures
  BENCH_PIN                auto | on | off (default auto). When taskset exists and nproc >= 2, the
                           server runs on core 0 (`taskset -c 0`) and wrk on core 1 (`taskset -c 1`).
  BENCH_SAVE_LOG           if set, copy the server log to this path before the temp dir is deleted
  BENCH_DLL                benchmark this spacegate.dll instead of the repository's Release build
                           (implies --no-build)

"CPU ms/req" is the server's CPU time from the start of a run until it is idle again, divided by the
completed requests plus the connections (the requests still in flight when wrk stops are finished
after it, and their CPU is in the total).

Requires: dotnet (SDK from global.json), wrk, curl; optional: taskset, sqlite3.
EOF
}

NO_BUILD=0
for arg in "$@"; do
  case "$arg" in
    -h|--help) usage; exit 0 ;;
    --no-build) NO_BUILD=1 ;;
    *) echo "model-api.sh: unknown argument: $arg (see --help)" >&2; exit 2 ;;
  esac
done

BENCH_SECONDS="${BENCH_SECONDS:-5}"
BENCH_WARMUP="${BENCH_WARMUP:-2}"
BENCH_WARMUP_RUNS="${BENCH_WARMUP_RUNS:-1}"
BENCH_CONNECTIONS="${BENCH_CONNECTIONS:-2 4 8 16}"
BENCH_SEARCH_CONNECTIONS="${BENCH_SEARCH_CONNECTIONS:-2 4 8}"
BENCH_MODELS="${BENCH_MODELS:-100000}"
BENCH_TIMEOUT="${BENCH_TIMEOUT:-10}"
BENCH_PIN="${BENCH_PIN:-auto}"
for v in BENCH_SECONDS BENCH_WARMUP; do
  if ! [[ "${!v}" =~ ^[0-9]+$ ]] || (( ${!v} < 1 || ${!v} > 10 )); then
    echo "model-api.sh: $v must be an integer from 1 to 10 (each wrk run is bounded to 10 s)" >&2
    exit 2
  fi
done
[[ "$BENCH_WARMUP_RUNS" =~ ^[0-9]+$ ]] || { echo "model-api.sh: BENCH_WARMUP_RUNS must be a non-negative integer" >&2; exit 2; }
{ [[ "$BENCH_MODELS" =~ ^[0-9]+$ ]] && (( BENCH_MODELS <= 1000000 )); } \
  || { echo "model-api.sh: BENCH_MODELS must be an integer from 0 to 1000000" >&2; exit 2; }
{ [[ "$BENCH_TIMEOUT" =~ ^[0-9]+$ ]] && (( BENCH_TIMEOUT >= 1 && BENCH_TIMEOUT <= 60 )); } \
  || { echo "model-api.sh: BENCH_TIMEOUT must be an integer from 1 to 60" >&2; exit 2; }
for c in $BENCH_CONNECTIONS $BENCH_SEARCH_CONNECTIONS; do
  { [[ "$c" =~ ^[0-9]+$ ]] && (( c >= 1 && c <= 1000 )); } || { echo "model-api.sh: connection counts must be integers from 1 to 1000, not '$c'" >&2; exit 2; }
done

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$BENCH_DIR/.." && pwd)"
LUA="$BENCH_DIR/graph.lua"
DLL="$REPO/src/Spacegate.Server/bin/Release/net10.0/spacegate.dll"
if [[ -n "${BENCH_DLL:-}" ]]; then DLL="$(cd "$(dirname "$BENCH_DLL")" && pwd)/$(basename "$BENCH_DLL")"; NO_BUILD=1; fi

for tool in dotnet wrk curl; do
  command -v "$tool" >/dev/null || { echo "model-api.sh: $tool is required" >&2; exit 1; }
done

# Demo credentials and model seeded in sandbox mode (public, see the server's startup banner).
CC_CLIENT_ID=globexportal0000000000001
CC_CLIENT_SECRET=globex-demo-secret-8b1e4d7a0c3f6925e8d1a4b7c0f3e692
ACCOUNT_ID=globex
MODEL_ID=HXDYzEzVMGP

# Search kinds: label|query|extra arguments of models(...). Every one asks for page 1 of 10.
SEARCHES=(
  'all|*|'
  'name|name:kitchen|'
  'word|kitchen|'
  'range|created:[2024-01-01 TO *]|'
  'enum|state:inactive AND accessVisibility:public|'
  'phrase|"roof terrace"|'
  'sort-name|*|, sortBy: [{field: name}]'
)

TMP="$(mktemp -d /tmp/spacegate-bench.XXXXXX)"
LOG="$TMP/server.log"
PROBE_LOG="$TMP/probe.log"
DB="$TMP/bench.db"
SERVER_PID=""
export Storage__SqlitePath="$DB"

stop_server() {
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 150); do
      kill -0 "$SERVER_PID" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$SERVER_PID" 2>/dev/null; then
      echo "model-api.sh: server $SERVER_PID did not stop within 15 s; sending SIGKILL" >&2
      kill -KILL "$SERVER_PID" 2>/dev/null || true
    fi
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  SERVER_PID=""
}

# scan_log FILE TITLE
scan_log() {
  [[ -f "$1" ]] || return 0
  local n
  n="$(grep -aciE 'fail|exception' "$1" || true)"
  echo
  echo "== $2: $n lines match fail|Exception; $(grep -ac '^fail:' "$1" || true) 'fail:' entries, $(grep -ac '^crit:' "$1" || true) 'crit:' entries"
  (( n > 0 )) || return 0
  echo "-- exception messages, by count:"
  grep -aoE '[A-Za-z0-9_.]+(Exception|Error): .*' "$1" | sort | uniq -c | sort -rn | head -n 10 || true
  echo "-- first matching entry:"
  awk '/^(fail|crit|warn|info):/ {if (p) exit} /fail|[Ee]xception/ && !p {p = 1} p' "$1" | head -n 25
}

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  stop_server
  scan_log "$LOG" "Server log"
  if [[ -f "$PROBE_LOG" ]]; then
    # Its SQL text may contain the words, so only real fail/crit entries count here.
    echo "== Probe server log: $(grep -acE '^(fail|crit):' "$PROBE_LOG" || true) 'fail:'/'crit:' entries"
    grep -aE -A3 '^(fail|crit):' "$PROBE_LOG" | head -n 25 || true
  fi
  if [[ -n "${BENCH_SAVE_LOG:-}" && -f "$LOG" ]]; then
    cp "$LOG" "$BENCH_SAVE_LOG" && echo "Server log saved to $BENCH_SAVE_LOG"
  fi
  rm -rf "$TMP"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

die() { echo "model-api.sh: $*" >&2; exit 1; }

free_port() {
  if command -v python3 >/dev/null; then
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
    return
  fi
  local p
  for _ in $(seq 1 50); do
    p=$(( 20000 + RANDOM % 20000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return; fi
  done
  die "no free port found"
}

# A JSON string literal; a GraphQL string literal (both escape only \ and " here: the inputs are ASCII).
json_string() { local s="${1//\\/\\\\}"; s="${s//\"/\\\"}"; printf '"%s"' "$s"; }
graphql_string() { json_string "$1"; }
# The JSON body of a GraphQL request.
graph_body() { printf '{"query":%s}' "$(json_string "$1")"; }
# The JSON body of models(query: SEARCH, pageSize: 10 EXTRA).
search_body() {
  graph_body "{ models(query: $(graphql_string "$1"), pageSize: 10$2) { totalResults nextOffset results { id name } } }"
}

# CPU time (user+system, in clock ticks) the server process has used so far.
server_ticks() {
  [[ -r "/proc/$SERVER_PID/stat" ]] || { echo 0; return; }
  awk '{print $14 + $15}' "/proc/$SERVER_PID/stat"
}
# Busy and total ticks of core 0 (where the pinned server runs): "busy total".
core0_ticks() { awk '/^cpu0 / {print $2 + $3 + $4 + $7 + $8 + $9, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9}' /proc/stat; }
# Waits (at most 30 s) until the server used < 10 % of a core over 0.5 s: requests still in flight when
# wrk stops finish first, so they neither slow the next run nor escape the CPU total.
wait_idle() {
  local a b limit=$(( CLK_TCK / 20 ))
  for _ in $(seq 1 60); do
    a="$(server_ticks)"; sleep 0.5; b="$(server_ticks)"
    (( b - a <= limit )) && return 0
  done
  echo "model-api.sh: the server stayed busy for 30 s after a run" >&2
}
# Fails loudly if the server is gone (it must survive every run).
check_server() {
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then
    local st=0; wait "$SERVER_PID" 2>/dev/null || st=$?
    SERVER_PID=""
    tail -n 20 "$LOG" >&2
    die "the server exited during $1 (exit status $st; 143 = SIGTERM, 137 = SIGKILL from outside)"
  fi
}
CLK_TCK="$(getconf CLK_TCK 2>/dev/null || echo 100)"

# start_server LOGFILE PIN(0|1) [extra server arguments...]: starts it and waits for GET /health.
start_server() {
  local log="$1" pin="$2"; shift 2
  local prefix=()
  (( pin )) && prefix=(taskset -c 0)
  PORT="$(free_port)"
  BASE="http://127.0.0.1:$PORT"
  (
    cd "$TMP"
    # Rate limits off: one token sends far more than RateLimits:ModelApiPerToken; this measures capacity.
    exec "${prefix[@]}" dotnet "$DLL" --urls "$BASE" --Logging:LogLevel:Default=Warning --RateLimits:Enabled=false "$@"
  ) > "$log" 2>&1 &
  SERVER_PID=$!
  local ready=0
  for _ in $(seq 1 300); do
    kill -0 "$SERVER_PID" 2>/dev/null || { tail -n 40 "$log" >&2; die "server exited during start-up"; }
    if [[ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/health" || true)" == 200 ]]; then ready=1; break; fi
    sleep 0.2
  done
  (( ready )) || { tail -n 40 "$log" >&2; die "GET /health did not return 200 within 60 s"; }
}

get_token() {
  local json
  json="$(curl -s "$BASE/api/oauth/token" -d grant_type=client_credentials \
    --data-urlencode "client_id=$CC_CLIENT_ID" --data-urlencode "client_secret=$CC_CLIENT_SECRET")"
  TOKEN="$(sed -n 's/.*"access_token" *: *"\([^"]*\)".*/\1/p' <<<"$json")"
  [[ -n "$TOKEN" ]] || die "client_credentials for $CC_CLIENT_ID returned no access_token: $json"
}

# graph BODY -> sets GRAPH_STATUS, GRAPH_REPLY (the response body) and GRAPH_MS (client-side total time).
graph() {
  local out
  out="$(curl -s -o "$TMP/graph.json" -w '%{http_code} %{time_total}' "$BASE/api/models/graph" \
    -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' --data "$1")"
  GRAPH_STATUS="${out%% *}"
  GRAPH_MS="$(awk -v t="${out#* }" 'BEGIN {printf "%.1f", 1000 * t}')"
  GRAPH_REPLY="$(cat "$TMP/graph.json")"
}

# ---------------------------------------------------------------- machine facts
NPROC="$(nproc)"
CPU_MODEL="$(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//' || true)"
DOTNET_VERSION="$(cd "$REPO" && dotnet --version)"
OS_NAME="$(. /etc/os-release 2>/dev/null && echo "${PRETTY_NAME:-unknown}" || echo unknown)"
PIN=0
case "$BENCH_PIN" in
  on) command -v taskset >/dev/null || die "BENCH_PIN=on but taskset is missing"
      (( NPROC >= 2 )) || die "BENCH_PIN=on needs at least 2 CPUs"; PIN=1 ;;
  off) PIN=0 ;;
  auto) if command -v taskset >/dev/null && (( NPROC >= 2 )); then PIN=1; fi ;;
  *) die "BENCH_PIN must be auto, on or off" ;;
esac
WRK_PREFIX=()
if (( PIN )); then WRK_PREFIX=(taskset -c 1); fi

echo "== Machine"
echo "date:        $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "commit:      $(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$REPO" diff --quiet HEAD -- src 2>/dev/null || echo ' (src/ has uncommitted changes)')"
echo "nproc:       $NPROC"
echo "cpu model:   ${CPU_MODEL:-unknown}"
echo "memory:      $(awk '/^MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
echo "os:          $OS_NAME, $(uname -sr)"
echo "dotnet:      $DOTNET_VERSION"
echo "wrk:         $(wrk -v 2>&1 | head -n1 | awk '{print $1, $2}')"
echo "uptime:      $(uptime) (before the run)"
if (( PIN )); then
  echo "pinning:     server on core 0 (taskset -c 0), wrk on core 1 (taskset -c 1)"
else
  echo "pinning:     none (server and wrk share all $NPROC cores)"
fi
echo "durations:   ${BENCH_SECONDS}s per measured run, ${BENCH_WARMUP_RUNS} x ${BENCH_WARMUP}s warm-up before each part, wrk timeout ${BENCH_TIMEOUT}s"
echo "server:      $DLL"

# ---------------------------------------------------------------- build, database, start
if (( ! NO_BUILD )); then
  echo
  echo "== Building (dotnet build -c Release src/Spacegate.Server)"
  (cd "$REPO" && dotnet build -c Release src/Spacegate.Server -nologo -v quiet) > "$TMP/build.log" 2>&1 \
    || { tail -n 40 "$TMP/build.log" >&2; die "build failed"; }
fi
[[ -f "$DLL" ]] || die "$DLL not found (build first or drop --no-build)"

cli() { (cd "$TMP" && dotnet "$DLL" "$@") >> "$TMP/cli.log" 2>&1 || { tail -n 30 "$TMP/cli.log" >&2; die "CLI '$*' failed"; }; }
echo
echo "== Database $DB (Storage__SqlitePath)"
cli migrate
cli seed
echo "migrate, seed: done"
if (( BENCH_MODELS > 0 )); then
  t0="$(date +%s%N)"
  cli models bulk-create --account "$ACCOUNT_ID" --count "$BENCH_MODELS"
  echo "bulk-create: $BENCH_MODELS models in $ACCOUNT_ID, $(awk -v n=$(( $(date +%s%N) - t0 )) 'BEGIN {printf "%.1f", n / 1e9}') s (CLI, including start-up)"
fi

echo
start_server "$LOG" "$PIN"
echo "== Server on $BASE, pid $SERVER_PID, log $LOG"
if (( PIN )); then echo "affinity:    $(taskset -cp "$SERVER_PID" | sed 's/.*: //') (server)"; fi
get_token
echo "token:       client_credentials for $CC_CLIENT_ID (Globex), 200"

MODEL_BODY="$(graph_body "{ model(id: \"$MODEL_ID\") { id name } }")"
graph "$MODEL_BODY"
[[ "$GRAPH_STATUS" == 200 && "$GRAPH_REPLY" == *"\"id\":\"$MODEL_ID\""* && "$GRAPH_REPLY" != *'"errors"'* ]] \
  || die "sanity model(id) returned $GRAPH_STATUS: $GRAPH_REPLY"
echo "sanity:      model(id) 200 $GRAPH_REPLY"

# ---------------------------------------------------------------- load runs
RESULTS=()   # "part|label|conns|threads|ok_per_s|p50|p99|max|non200|5xx|bad_body|socket_errors|cpu_pct|cpu_ms_per_req|core0_other"
FIRST_BAD=()

# run_wrk LABEL CONNECTIONS SECONDS [VAR=VALUE...] -> sets LAST_LINE, LAST_BAD, LAST_CPU, LAST_CPU_MS, LAST_OTHER
run_wrk() {
  local label="$1" conns="$2" secs="$3"; shift 3
  local threads=$(( conns < 2 ? conns : 2 )) out t0 t1 t2 w0 w1 c0 c1 req
  check_server "the set-up before $label"
  t0="$(server_ticks)"; w0="$(date +%s%N)"; c0="$(core0_ticks)"
  out="$(env BENCH_TOKEN="$TOKEN" BENCH_BODY= BENCH_BODY_FILE= BENCH_EXPECT= BENCH_PATH= BENCH_METHOD= "$@" \
    "${WRK_PREFIX[@]}" wrk -t"$threads" -c"$conns" -d"${secs}s" --timeout "${BENCH_TIMEOUT}s" -s "$LUA" "$BASE")" \
    || die "wrk failed for $label c=$conns: $out"
  t1="$(server_ticks)"; w1="$(date +%s%N)"; c1="$(core0_ticks)"
  wait_idle
  t2="$(server_ticks)"
  check_server "$label c=$conns"
  LAST_LINE="$(grep '^BENCH ' <<<"$out")" || die "wrk printed no BENCH line: $out"
  LAST_BAD="$(grep '^BENCH_FIRST_BAD ' <<<"$out" | cut -d' ' -f2- || true)"
  req="$(field requests)"
  LAST_CPU="$(awk -v d=$(( t1 - t0 )) -v hz="$CLK_TCK" -v ns=$(( w1 - w0 )) 'BEGIN {printf "%.0f", 100 * (d / hz) / (ns / 1e9)}')"
  LAST_CPU_MS="$(awk -v d=$(( t2 - t0 )) -v hz="$CLK_TCK" -v r="$req" -v c="$conns" 'BEGIN {printf "%.3f", 1000 * (d / hz) / (r + c)}')"
  # Share of core 0 used by anything other than the server (other processes on a shared machine).
  LAST_OTHER="-"
  if (( PIN )); then
    LAST_OTHER="$(awk -v a="$c0" -v b="$c1" -v s=$(( t1 - t0 )) 'BEGIN {
      split(a, x, " "); split(b, y, " "); tot = y[2] - x[2]; o = (y[1] - x[1]) - s; if (o < 0) o = 0;
      if (tot > 0) printf "%.0f%%", 100 * o / tot; else print "-" }')"
  fi
}
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$LAST_LINE"; }

# measure PART LABEL CONNECTIONS [VAR=VALUE...]: one measured run, recorded in RESULTS.
measure() {
  local part="$1" label="$2" c="$3"; shift 3
  run_wrk "$label" "$c" "$BENCH_SECONDS" "$@"
  local ok_rate bad=$(( $(field non200) + $(field bad_body) ))
  ok_rate="$(awk -v r="$(field requests)" -v b="$bad" -v d="$(field duration_s)" 'BEGIN {printf "%.0f", (r - b) / d}')"
  RESULTS+=("$part|$label|$c|$(( c < 2 ? c : 2 ))|$ok_rate|$(field p50_ms)|$(field p99_ms)|$(field max_ms)|$(field non200)|$(field status5xx)|$(field bad_body)|$(field socket_errors)|$LAST_CPU|$LAST_CPU_MS|$LAST_OTHER")
  [[ -n "$LAST_BAD" ]] && FIRST_BAD+=("$label c=$c: $LAST_BAD")
  printf '%-24s%s server_cpu=%s%% cpu_ms_per_req=%s core0_other=%s\n' "$label c=$c:" "$LAST_LINE" "$LAST_CPU" "$LAST_CPU_MS" "$LAST_OTHER"
}

warm_up() {
  local what="$1" conns="$2" i; shift 2
  echo "-- warm-up: ${BENCH_WARMUP_RUNS} x ${BENCH_WARMUP}s of $what at $conns connections"
  for (( i = 1; i <= BENCH_WARMUP_RUNS; i++ )); do
    run_wrk "$what warm-up" "$conns" "$BENCH_WARMUP" "$@"
    echo "warm-up $i: $(field rps) req/s, p50 $(field p50_ms) ms, p99 $(field p99_ms) ms, non200=$(field non200) bad_body=$(field bad_body) socket_errors=$(field socket_errors), server CPU ${LAST_CPU}%, core0_other=$LAST_OTHER"
  done
}

echo
echo "== (1) model(id) with bearer validation: POST /api/models/graph $MODEL_BODY"
warm_up "model(id)" 8 BENCH_BODY="$MODEL_BODY" BENCH_EXPECT="\"id\":\"$MODEL_ID\""
for c in $BENCH_CONNECTIONS; do
  measure model "model(id)" "$c" BENCH_BODY="$MODEL_BODY" BENCH_EXPECT="\"id\":\"$MODEL_ID\""
done
echo "-- reference points at 8 connections"
measure ref "GET /health" 8 BENCH_PATH=/health BENCH_METHOD=GET
measure ref "graph, no token (401)" 8 BENCH_TOKEN= BENCH_BODY="$MODEL_BODY"
TYPENAME_BODY="$(graph_body '{ __typename }')"
measure ref "{ __typename } + token" 8 BENCH_BODY="$TYPENAME_BODY" BENCH_EXPECT='"__typename":"Query"'

TOTALS=()
if (( BENCH_MODELS > 0 )); then
  echo
  echo "== (2) models(query:) over the $ACCOUNT_ID account"
  echo "-- matches of each search (one curl each; client-side time of this single, early request)"
  : > "$TMP/mix.jsonl"
  for s in "${SEARCHES[@]}"; do
    IFS='|' read -r label query extra <<<"$s"
    body="$(search_body "$query" "$extra")"
    printf '%s\n' "$body" >> "$TMP/mix.jsonl"
    graph "$body"; reply="$GRAPH_REPLY"
    total="$(sed -n 's/.*"totalResults":\([0-9]*\).*/\1/p' <<<"$reply")"
    [[ "$GRAPH_STATUS" == 200 && -n "$total" && "$reply" != *'"errors"'* ]] || die "search '$query' returned $GRAPH_STATUS: $reply"
    TOTALS+=("$label|$total")
    printf '%-10s %-46s totalResults=%-7s %8s ms  first: %s\n' "$label" "$query${extra:+ $extra}" "$total" "$GRAPH_MS" \
      "$(sed -n 's/.*"results":\[{"id":"\([^"]*\)","name":"\([^"]*\)".*/\1 \2/p' <<<"$reply")"
  done
  warm_up "search mix (${#SEARCHES[@]} kinds in rotation)" 4 BENCH_BODY_FILE="$TMP/mix.jsonl" BENCH_EXPECT='"totalResults"'
  for s in "${SEARCHES[@]}"; do
    IFS='|' read -r label query extra <<<"$s"
    body="$(search_body "$query" "$extra")"
    for c in $BENCH_SEARCH_CONNECTIONS; do
      measure search "$label" "$c" BENCH_BODY="$body" BENCH_EXPECT='"totalResults"'
    done
  done
fi

TOKEN_ROWS="n/a"; MODEL_ROWS="n/a"
if command -v sqlite3 >/dev/null; then
  TOKEN_ROWS="$(sqlite3 -readonly "$DB" "PRAGMA busy_timeout=5000; SELECT count(*) FROM OpenIddictTokens;" 2>/dev/null | tail -n1 || echo n/a)"
  MODEL_ROWS="$(sqlite3 -readonly "$DB" "PRAGMA busy_timeout=5000; SELECT count(*) FROM Models WHERE AccountId = '$ACCOUNT_ID';" 2>/dev/null | tail -n1 || echo n/a)"
fi
stop_server
LOAD_AFTER="$(uptime)"

# ---------------------------------------------------------------- report
echo
echo "== Results (POST /api/models/graph, ${BENCH_SECONDS}s per run$( (( PIN )) && echo ', server pinned to core 0, wrk on core 1'))"
printf '| %-24s | %5s | %7s | %8s | %8s | %8s | %8s | %7s | %4s | %8s | %6s | %10s | %10s | %12s |\n' \
  run conns threads "ok req/s" "p50 ms" "p99 ms" "max ms" non-200 5xx bad-body "sock" "server CPU" "CPU ms/req" "core 0 other"
printf '|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|\n' -------------------------- ------- --------- ---------- ---------- ---------- ---------- --------- ------ ---------- -------- ------------ ------------ --------------
for row in "${RESULTS[@]}"; do
  IFS='|' read -r part label c t rate p50 p99 max bad fives body sock cpu cpums other <<<"$row"
  printf '| %-24s | %5s | %7s | %8s | %8.2f | %8.2f | %8.1f | %7s | %4s | %8s | %6s | %9s%% | %10s | %12s |\n' \
    "$label" "$c" "$t" "$rate" "$p50" "$p99" "$max" "$bad" "$fives" "$body" "$sock" "$cpu" "$cpums" "$other"
done
echo "ok req/s = 200 responses without GraphQL errors per second (the 401 reference point is expected to be all non-200);"
echo "bad-body = 200 responses with \"errors\" or without the expected text; sock = wrk socket errors and timeouts (> ${BENCH_TIMEOUT}s);"
echo "server CPU = server CPU time / wall time during the run (100% = one core); core 0 other = other processes' share of core 0."
if (( BENCH_MODELS > 0 )); then
  echo
  echo "matches (totalResults) per search kind, $MODEL_ROWS models in $ACCOUNT_ID:"
  for t in "${TOTALS[@]}"; do IFS='|' read -r label total <<<"$t"; printf '  %-10s %s\n' "$label" "$total"; done
fi
echo "token rows in OpenIddictTokens after the runs: $TOKEN_ROWS"
echo "uptime after: $LOAD_AFTER"

echo
echo "Target 1 (model(id) with bearer validation): 5000 requests/s on one core with p99 <= 10 ms."
best="$(printf '%s\n' "${RESULTS[@]}" | awk -F'|' '$1 == "model" && $9 + $11 + $12 == 0 && $7 + 0 <= 10 {if ($5 + 0 > b) b = $5 + 0} END {print b + 0}')"
peak="$(printf '%s\n' "${RESULTS[@]}" | awk -F'|' '$1 == "model" {if ($5 + 0 > b) b = $5 + 0} END {print b + 0}')"
if (( best >= 5000 )); then
  echo "MET: $best requests/s with p99 <= 10 ms and no errors."
else
  echo "NOT MET: best rate with p99 <= 10 ms and no errors: $best requests/s; peak rate at any p99: $peak requests/s."
fi
if (( BENCH_MODELS > 0 )); then
  echo "Target 2 (models search over $BENCH_MODELS models): p99 <= 20 ms (at $BENCH_SEARCH_CONNECTIONS connections)."
  printf '%s\n' "${RESULTS[@]}" | awk -F'|' '$1 == "search" {
      if (!($2 in worst)) order[++n] = $2
      if ($7 + 0 > worst[$2]) worst[$2] = $7 + 0
      if ($9 + $11 + $12 > 0) errs[$2] += $9 + $11 + $12 }
    END { met = 0
      for (i = 1; i <= n; i++) { k = order[i]; ok = worst[k] <= 20 && errs[k] == 0; met += ok
        printf "  %-10s worst p99 %9.2f ms%s  %s\n", k, worst[k], errs[k] ? sprintf(", %d errors", errs[k]) : "", ok ? "met" : "NOT MET" }
      printf "%s: %d of %d search kinds have p99 <= 20 ms at every connection count.\n", met == n ? "MET" : "NOT MET", met, n }'
fi
if (( ${#FIRST_BAD[@]} > 0 )); then
  echo
  echo "First bad response per affected run (the 401 reference point is expected here):"
  printf '  %s\n' "${FIRST_BAD[@]}"
fi

# ---------------------------------------------------------------- SQL of each search
(( BENCH_MODELS > 0 )) || exit 0
echo
echo "== SQL of each search: a second server (unpinned, EF Core command log) on the same database runs each"
echo "   search 3 times; 'db ms' is EF Core's execution time of the 3rd run (COUNT, then the page query)."
start_server "$PROBE_LOG" 0 --Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command=Information
get_token
# One record per EF command: "ms<TAB>SQL on one line".
ef_commands() {
  awk '/Executed DbCommand \(/ { if (sql != "") print ms "\t" sql; match($0, /\(([0-9]+)ms\)/); ms = substr($0, RSTART + 1, RLENGTH - 4); sql = ""; in_sql = 1; next }
       in_sql && /^      / { sub(/^      /, ""); sql = sql (sql == "" ? "" : " ") $0; next }
       { if (sql != "") print ms "\t" sql; sql = ""; in_sql = 0 }
       END { if (sql != "") print ms "\t" sql }' "$1"
}
SLOWEST="$(printf '%s\n' "${RESULTS[@]}" | awk -F'|' '$1 == "search" && $7 + 0 > w {w = $7 + 0; k = $2} END {print k}')"
for s in "${SEARCHES[@]}"; do
  IFS='|' read -r label query extra <<<"$s"
  body="$(search_body "$query" "$extra")"
  before="$(wc -l < "$PROBE_LOG")"
  for _ in 1 2 3; do graph "$body"; [[ "$GRAPH_STATUS" == 200 ]] || die "probe search '$query' returned $GRAPH_STATUS"; done
  sleep 0.5
  tail -n +"$(( before + 1 ))" "$PROBE_LOG" > "$TMP/probe-part.log"
  ef_commands "$TMP/probe-part.log" | grep -F 'FROM "Models"' | tail -n 2 > "$TMP/probe-sql.tsv" || true
  count_ms="$(sed -n 1p "$TMP/probe-sql.tsv" | cut -f1)"; page_ms="$(sed -n 2p "$TMP/probe-sql.tsv" | cut -f1)"
  echo
  printf -- '-- %s%s: %s; db ms: COUNT %s, page %s\n' "$label" "$([[ "$label" == "$SLOWEST" ]] && echo ' (slowest p99 under load)')" \
    "$query${extra:+ $extra}" "${count_ms:-?}" "${page_ms:-?}"
  while IFS=$'\t' read -r ms sql; do
    echo "   SQL: $sql"
    if command -v sqlite3 >/dev/null; then
      sqlite3 -readonly "$DB" "EXPLAIN QUERY PLAN $sql" 2>&1 | sed 's/^/   plan: /'
    fi
  done < "$TMP/probe-sql.tsv"
done
command -v sqlite3 >/dev/null || echo "(sqlite3 is not installed: no query plans; apt-get install sqlite3)"
stop_server
