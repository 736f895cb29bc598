#!/usr/bin/env bash
# Token endpoint load benchmark for Spacegate. See --help and docs/BENCHMARKS.md.
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: bench/run.sh [--help] [--no-build]

Builds Spacegate in Release, starts it on a free 127.0.0.1 port with a fresh temporary SQLite
database (sandbox mode seeds the demo apps), waits for GET /health, and measures
POST /api/oauth/token with wrk for
  (a) grant_type=client_credentials  (Globex PME demo app)
  (b) grant_type=refresh_token       (a young refresh token, obtained by driving the
                                      authorization code flow with curl as alice)
at 2, 4, 8 and 16 connections (wrk threads = min(connections, 2)), after one warm-up run per
grant. The server runs with --RateLimits:Enabled=false (one client sends far more than the per-client
token limit). Prints machine facts, one result table, two reference points (GET /health and a rejected
client secret), and any "fail"/"Exception" lines from the server log. The server is always
stopped (by PID) and the temporary directory removed on exit.

Options:
  --no-build          skip `dotnet build -c Release` (use the existing Release output)
  --help              show this text

Environment:
  BENCH_SECONDS       duration of each measured wrk run, 1..10 (default 5)
  BENCH_WARMUP        duration of the warm-up run per grant, 1..10 (default 2)
  BENCH_WARMUP_RUNS   number of warm-up runs per grant (default 1). On one core the JIT needs
                      a minute or more of load to reach steady state; e.g. BENCH_WARMUP=10
                      BENCH_WARMUP_RUNS=9 measures a warmed-up server (each run stays <= 10 s).
  BENCH_CONNECTIONS   connection counts to measure (default "2 4 8 16")
  BENCH_PIN           auto | on | off (default auto). When taskset exists and nproc >= 2, the
                      server runs on core 0 (`taskset -c 0`) and wrk on core 1 (`taskset -c 1`).
  BENCH_SAVE_LOG      if set, copy the server log to this path before the temp dir is deleted
  BENCH_DLL           benchmark this spacegate.dll instead of the repository's Release build
                      (implies --no-build; for comparing an experimental build)

Requires: dotnet (SDK from global.json), wrk, curl; optional: taskset, sqlite3.
EOF
}

NO_BUILD=0
for arg in "$@"; do
  case "$arg" in
    -h|--help) usage; exit 0 ;;
    --no-build) NO_BUILD=1 ;;
    *) echo "run.sh: unknown argument: $arg (see --help)" >&2; exit 2 ;;
  esac
done

BENCH_SECONDS="${BENCH_SECONDS:-5}"
BENCH_WARMUP="${BENCH_WARMUP:-2}"
BENCH_CONNECTIONS="${BENCH_CONNECTIONS:-2 4 8 16}"
BENCH_PIN="${BENCH_PIN:-auto}"
BENCH_WARMUP_RUNS="${BENCH_WARMUP_RUNS:-1}"
[[ "$BENCH_WARMUP_RUNS" =~ ^[0-9]+$ ]] || { echo "run.sh: BENCH_WARMUP_RUNS must be a non-negative integer" >&2; exit 2; }
for v in BENCH_SECONDS BENCH_WARMUP; do
  if ! [[ "${!v}" =~ ^[0-9]+$ ]] || (( ${!v} < 1 || ${!v} > 10 )); then
    echo "run.sh: $v must be an integer from 1 to 10 (each wrk run is bounded to 10 s)" >&2
    exit 2
  fi
done

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$BENCH_DIR/.." && pwd)"
LUA="$BENCH_DIR/token.lua"
DLL="$REPO/src/Spacegate.Server/bin/Release/net10.0/spacegate.dll"
if [[ -n "${BENCH_DLL:-}" ]]; then DLL="$(cd "$(dirname "$BENCH_DLL")" && pwd)/$(basename "$BENCH_DLL")"; NO_BUILD=1; fi

for tool in dotnet wrk curl; do
  command -v "$tool" >/dev/null || { echo "run.sh: $tool is required" >&2; exit 1; }
done

# Demo credentials seeded in sandbox mode (public, see the server's startup banner).
CC_CLIENT_ID=globexportal0000000000001
CC_CLIENT_SECRET=globex-demo-secret-8b1e4d7a0c3f6925e8d1a4b7c0f3e692
AC_CLIENT_ID=acmedemoapp00000000000001
AC_CLIENT_SECRET=acme-demo-secret-4f9c2b7e1d8a6035c9e2f1b4a7d0c3e6
AC_REDIRECT_URI=http://localhost:8085/callback
DEMO_EMAIL=alice@demo.spacegate.test
DEMO_PASSWORD=Spacegate-demo-1

TMP="$(mktemp -d /tmp/spacegate-bench.XXXXXX)"
LOG="$TMP/server.log"
SERVER_PID=""

stop_server() {
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 150); do
      kill -0 "$SERVER_PID" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$SERVER_PID" 2>/dev/null; then
      echo "run.sh: server $SERVER_PID did not stop within 15 s; sending SIGKILL" >&2
      kill -KILL "$SERVER_PID" 2>/dev/null || true
    fi
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  SERVER_PID=""
}

scan_log() {
  [[ -f "$LOG" ]] || return 0
  local n
  n="$(grep -ciE 'fail|exception' "$LOG" || true)"
  echo
  echo "== Server log: $n lines match fail|Exception; $(grep -c '^fail:' "$LOG" || true) 'fail:' entries, $(grep -c '^crit:' "$LOG" || true) 'crit:' entries"
  (( n > 0 )) || return 0
  echo "-- exception messages, by count:"
  grep -oE '[A-Za-z0-9_.]+(Exception|Error): .*' "$LOG" | sort | uniq -c | sort -rn | head -n 10 || true
  echo "-- first matching entry:"
  awk '/^(fail|crit|warn):/ {if (p) exit} /fail|[Ee]xception/ && !p {p = 1} p' "$LOG" | head -n 25
}

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  stop_server
  scan_log
  if [[ -n "${BENCH_SAVE_LOG:-}" && -f "$LOG" ]]; then
    cp "$LOG" "$BENCH_SAVE_LOG" && echo "Server log saved to $BENCH_SAVE_LOG"
  fi
  rm -rf "$TMP"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

die() { echo "run.sh: $*" >&2; exit 1; }

urlencode() {
  local s="$1" out="" c i
  for (( i = 0; i < ${#s}; i++ )); do
    c="${s:i:1}"
    case "$c" in
      [a-zA-Z0-9.~_-]) out+="$c" ;;
      *) printf -v c '%%%02X' "'$c"; out+="$c" ;;
    esac
  done
  printf '%s' "$out"
}

html_unescape() {
  sed -e 's/&quot;/"/g' -e "s/&#x27;/'/g" -e "s/&#39;/'/g" -e 's/&#x2B;/+/g' -e 's/&#x3D;/=/g' \
      -e 's/&lt;/</g' -e 's/&gt;/>/g' -e 's/&amp;/\&/g'
}

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

# CPU time (user+system, in clock ticks) the server process has used so far.
server_ticks() {
  [[ -r "/proc/$SERVER_PID/stat" ]] || { echo 0; return; }
  awk '{print $14 + $15}' "/proc/$SERVER_PID/stat"
}
# Busy and total ticks of core 0 (where the pinned server runs): "busy total".
core0_ticks() { awk '/^cpu0 / {print $2 + $3 + $4 + $7 + $8 + $9, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9}' /proc/stat; }
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

# ---------------------------------------------------------------- machine facts
NPROC="$(nproc)"
CPU_MODEL="$(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//' || true)"
DOTNET_VERSION="$(cd "$REPO" && dotnet --version)"
PIN=0
case "$BENCH_PIN" in
  on) command -v taskset >/dev/null || die "BENCH_PIN=on but taskset is missing"
      (( NPROC >= 2 )) || die "BENCH_PIN=on needs at least 2 CPUs"; PIN=1 ;;
  off) PIN=0 ;;
  auto) if command -v taskset >/dev/null && (( NPROC >= 2 )); then PIN=1; fi ;;
  *) die "BENCH_PIN must be auto, on or off" ;;
esac
SERVER_PREFIX=(); WRK_PREFIX=()
if (( PIN )); then SERVER_PREFIX=(taskset -c 0); WRK_PREFIX=(taskset -c 1); fi

echo "== Machine"
echo "date:        $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "nproc:       $NPROC"
echo "cpu model:   ${CPU_MODEL:-unknown}"
echo "memory:      $(awk '/^MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
echo "kernel:      $(uname -sr)"
echo "dotnet:      $DOTNET_VERSION"
echo "wrk:         $(wrk -v 2>&1 | head -n1 | awk '{print $1, $2}')"
echo "load avg:    $(cut -d' ' -f1-3 /proc/loadavg) (before the run)"
if (( PIN )); then
  echo "pinning:     server on core 0 (taskset -c 0), wrk on core 1 (taskset -c 1)"
else
  echo "pinning:     none (server and wrk share all $NPROC cores)"
fi
echo "durations:   ${BENCH_SECONDS}s per measured run, ${BENCH_WARMUP_RUNS} x ${BENCH_WARMUP}s warm-up per grant"
echo "server:      $DLL"

# ---------------------------------------------------------------- build and start
if (( ! NO_BUILD )); then
  echo
  echo "== Building (dotnet build -c Release src/Spacegate.Server)"
  (cd "$REPO" && dotnet build -c Release src/Spacegate.Server -nologo -v quiet) > "$TMP/build.log" 2>&1 \
    || { tail -n 40 "$TMP/build.log" >&2; die "build failed"; }
fi
[[ -f "$DLL" ]] || die "$DLL not found (build first or drop --no-build)"

PORT="$(free_port)"
BASE="http://127.0.0.1:$PORT"
echo
echo "== Starting server on $BASE (database $TMP/bench.db, log $LOG)"
(
  cd "$TMP"
  # Rate limits off: the benchmark sends thousands of token requests a second for one client, far
  # over RateLimits:TokenPerClient; it measures the server's capacity, not its limiter.
  exec "${SERVER_PREFIX[@]}" dotnet "$DLL" --urls "$BASE" --Storage:SqlitePath="$TMP/bench.db" \
    --Logging:LogLevel:Default=Warning --RateLimits:Enabled=false
) > "$LOG" 2>&1 &
SERVER_PID=$!
echo "server pid:  $SERVER_PID"

ready=0
for _ in $(seq 1 300); do
  kill -0 "$SERVER_PID" 2>/dev/null || { tail -n 40 "$LOG" >&2; die "server exited during start-up"; }
  if [[ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/health" || true)" == 200 ]]; then ready=1; break; fi
  sleep 0.2
done
(( ready )) || { tail -n 40 "$LOG" >&2; die "GET /health did not return 200 within 60 s"; }
echo "health:      200"
if (( PIN )); then echo "affinity:    $(taskset -cp "$SERVER_PID" | sed 's/.*: //') (server)"; fi

# ---------------------------------------------------------------- refresh token via the code flow
echo
echo "== Obtaining a refresh token (authorization code flow as $DEMO_EMAIL)"
JAR="$TMP/cookies"
NOTES=()

antiforgery_token() { grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' "$1" | head -n1 | sed 's/.*value="//; s/"$//'; }

curl -s -c "$JAR" -b "$JAR" -o "$TMP/login.html" "$BASE/account/login"
LOGIN_AF="$(antiforgery_token "$TMP/login.html")"
[[ -n "$LOGIN_AF" ]] || die "no __RequestVerificationToken on /account/login"
code="$(curl -s -c "$JAR" -b "$JAR" -o "$TMP/login-post.html" -w '%{http_code}' "$BASE/account/login" \
  --data-urlencode "Email=$DEMO_EMAIL" --data-urlencode "Password=$DEMO_PASSWORD" \
  --data-urlencode "__RequestVerificationToken=$LOGIN_AF" --data-urlencode "ReturnUrl=/")"
[[ "$code" == 302 ]] || die "sign-in POST returned $code, expected 302 (see the HTML in $TMP/login-post.html)"
echo "sign-in:     302"

AUTHZ_QUERY="client_id=$AC_CLIENT_ID&response_type=code&scope=ViewDetails&redirect_uri=$(urlencode "$AC_REDIRECT_URI")&state=x"
code="$(curl -s -c "$JAR" -b "$JAR" -o "$TMP/consent.html" -w '%{http_code}' "$BASE/oauth/authorize?$AUTHZ_QUERY")"
[[ "$code" == 200 ]] || die "GET /oauth/authorize returned $code, expected the consent page"
# The consent form: every hidden input of the <form> that posts to /oauth/authorize.
awk '/<form[^>]*action="\/oauth\/authorize"/ {f=1} f {print} f && /<\/form>/ {exit}' "$TMP/consent.html" > "$TMP/consent-form.html"
[[ -s "$TMP/consent-form.html" ]] || die "the page from /oauth/authorize has no form posting to /oauth/authorize (see $TMP/consent.html)"
CONSENT_ARGS=()
while IFS= read -r input; do
  name="$(sed -n 's/.*name="\([^"]*\)".*/\1/p' <<<"$input" | html_unescape)"
  value="$(sed -n 's/.*value="\([^"]*\)".*/\1/p' <<<"$input" | html_unescape)"
  [[ -n "$name" ]] && CONSENT_ARGS+=(--data-urlencode "$name=$value")
done < <(grep -o '<input[^>]*type="hidden"[^>]*>' "$TMP/consent-form.html")
(( ${#CONSENT_ARGS[@]} > 0 )) || die "the consent form has no hidden inputs"
echo "consent:     form with $(( ${#CONSENT_ARGS[@]} / 2 )) hidden inputs"

post_consent() {
  curl -s -c "$JAR" -b "$JAR" -o "$TMP/consent-post.html" -D "$TMP/consent-post.hdr" -w '%{http_code}' \
    "$BASE/oauth/authorize" "${CONSENT_ARGS[@]}" "$@" --data-urlencode "spacegate_decision=allow"
}
code="$(post_consent)"
if [[ "$code" == 400 ]] && ! grep -q '__RequestVerificationToken' "$TMP/consent-form.html"; then
  # Server defect, reported rather than hidden: the consent form carries no antiforgery token,
  # so posting it exactly as a browser would is rejected. Retry with a token minted for this
  # signed-in session (GET /account/login renders one) so the refresh benchmark can still run.
  NOTES+=("SERVER DEFECT: the consent form (POST /oauth/authorize) has no __RequestVerificationToken; submitting it as rendered returned 400. The benchmark retried with an antiforgery token taken from GET /account/login in the same session.")
  echo "WARNING:     consent POST as rendered -> 400 (form has no __RequestVerificationToken); retrying with a session antiforgery token" >&2
  curl -s -c "$JAR" -b "$JAR" -o "$TMP/login-again.html" "$BASE/account/login"
  SESSION_AF="$(antiforgery_token "$TMP/login-again.html")"
  [[ -n "$SESSION_AF" ]] || die "could not obtain an antiforgery token for the signed-in session"
  code="$(post_consent --data-urlencode "__RequestVerificationToken=$SESSION_AF")"
fi
[[ "$code" == 302 ]] || die "consent POST returned $code, expected 302 to the redirect URI (see $TMP/consent-post.html)"
LOCATION="$(grep -i '^location:' "$TMP/consent-post.hdr" | tr -d '\r' | cut -d' ' -f2-)"
AUTH_CODE="$(sed -n 's/.*[?&]code=\([^&]*\).*/\1/p' <<<"$LOCATION")"
[[ -n "$AUTH_CODE" ]] || die "consent redirect carries no code: $LOCATION"
echo "consent:     302 -> ${LOCATION%%\?*}?code=…"

curl -s -o "$TMP/code-token.json" -w '%{http_code}' "$BASE/api/oauth/token" \
  --data-urlencode grant_type=authorization_code --data-urlencode "code=$AUTH_CODE" \
  --data-urlencode "redirect_uri=$AC_REDIRECT_URI" --data-urlencode "client_id=$AC_CLIENT_ID" \
  --data-urlencode "client_secret=$AC_CLIENT_SECRET" > "$TMP/code-token.status"
[[ "$(cat "$TMP/code-token.status")" == 200 ]] || die "authorization_code exchange failed: $(cat "$TMP/code-token.json")"
REFRESH_TOKEN="$(tr -d '\n' < "$TMP/code-token.json" | sed -n 's/.*"refresh_token" *: *"\([^"]*\)".*/\1/p')"
[[ -n "$REFRESH_TOKEN" ]] || die "the code exchange returned no refresh_token: $(cat "$TMP/code-token.json")"
echo "code grant:  200, refresh_token received"

# ---------------------------------------------------------------- load runs
CC_BODY="grant_type=client_credentials&client_id=$CC_CLIENT_ID&client_secret=$CC_CLIENT_SECRET"
RT_BODY="grant_type=refresh_token&refresh_token=$(urlencode "$REFRESH_TOKEN")&client_id=$AC_CLIENT_ID&client_secret=$AC_CLIENT_SECRET"

# Sanity check: each body must yield 200 once before it is measured.
for body in "$CC_BODY" "$RT_BODY"; do
  code="$(curl -s -o "$TMP/sanity.json" -w '%{http_code}' "$BASE/api/oauth/token" -H 'Content-Type: application/x-www-form-urlencoded' --data "$body")"
  [[ "$code" == 200 ]] || die "sanity request (${body%%&*}) returned $code: $(cat "$TMP/sanity.json")"
done

RESULTS=()   # "grant|conns|threads|tokens_per_s|p50|p99|non200|5xx|socket_errors|cpu_pct|cpu_ms_per_req|core0_other_pct"
FIRST_BAD=()

# run_wrk LABEL CONNECTIONS SECONDS BODY [PATH METHOD] -> sets LAST_LINE, LAST_CPU (server CPU % of one core)
run_wrk() {
  local label="$1" conns="$2" secs="$3" body="$4" path="${5:-/api/oauth/token}" method="${6:-POST}"
  local threads=$(( conns < 2 ? conns : 2 )) out t0 t1 w0 w1 c0 c1
  check_server "the set-up before $label"
  t0="$(server_ticks)"; w0="$(date +%s%N)"; c0="$(core0_ticks)"
  out="$(BENCH_BODY="$body" BENCH_PATH="$path" BENCH_METHOD="$method" \
    "${WRK_PREFIX[@]}" wrk -t"$threads" -c"$conns" -d"${secs}s" --timeout 5s -s "$LUA" "$BASE")" \
    || die "wrk failed for $label c=$conns: $out"
  t1="$(server_ticks)"; w1="$(date +%s%N)"; c1="$(core0_ticks)"
  check_server "$label c=$conns"
  LAST_LINE="$(grep '^BENCH ' <<<"$out")" || die "wrk printed no BENCH line: $out"
  LAST_BAD="$(grep '^BENCH_FIRST_NON200 ' <<<"$out" | cut -d' ' -f2- || true)"
  LAST_CPU="$(awk -v d=$(( t1 - t0 )) -v hz="$CLK_TCK" -v ns=$(( w1 - w0 )) 'BEGIN {printf "%.0f", 100 * (d / hz) / (ns / 1e9)}')"
  LAST_CPU_S="$(awk -v d=$(( t1 - t0 )) -v hz="$CLK_TCK" 'BEGIN {printf "%.3f", d / hz}')"
  # Share of core 0 used by anything other than the server (other processes on a shared machine).
  LAST_OTHER="-"
  if (( PIN )); then
    LAST_OTHER="$(awk -v a="$c0" -v b="$c1" -v s=$(( t1 - t0 )) 'BEGIN {
      split(a, x, " "); split(b, y, " "); tot = y[2] - x[2]; o = (y[1] - x[1]) - s; if (o < 0) o = 0;
      if (tot > 0) printf "%.0f%%", 100 * o / tot; else print "-" }')"
  fi
}
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$LAST_LINE"; }

measure_grant() {
  local grant="$1" body="$2" c
  echo
  local i
  echo "== $grant: warm-up ${BENCH_WARMUP_RUNS} x ${BENCH_WARMUP}s at 8 connections"
  for (( i = 1; i <= BENCH_WARMUP_RUNS; i++ )); do
    run_wrk "$grant warm-up" 8 "$BENCH_WARMUP" "$body"
    echo "warm-up $i:   $(field rps) req/s, p99 $(field p99_ms) ms, non200=$(field non200), server CPU ${LAST_CPU}%"
  done
  for c in $BENCH_CONNECTIONS; do
    run_wrk "$grant" "$c" "$BENCH_SECONDS" "$body"
    local req non200 dur ok_rate cpu_ms
    req="$(field requests)"; non200="$(field non200)"; dur="$(field duration_s)"
    ok_rate="$(awk -v r="$req" -v b="$non200" -v d="$dur" 'BEGIN {printf "%.0f", (r - b) / d}')"
    cpu_ms="$(awk -v s="$LAST_CPU_S" -v r="$req" 'BEGIN {if (r > 0) printf "%.3f", 1000 * s / r; else print "-"}')"
    RESULTS+=("$grant|$c|$(( c < 2 ? c : 2 ))|$ok_rate|$(field p50_ms)|$(field p99_ms)|$non200|$(field status5xx)|$(field socket_errors)|$LAST_CPU|$cpu_ms|$LAST_OTHER")
    [[ -n "$LAST_BAD" ]] && FIRST_BAD+=("$grant c=$c: $LAST_BAD")
    printf '%-13s%s server_cpu=%s%% core0_other=%s\n' "c=$c:" "$LAST_LINE" "$LAST_CPU" "$LAST_OTHER"
  done
}

measure_grant client_credentials "$CC_BODY"
measure_grant refresh_token "$RT_BODY"

# Reference points (same connection count, no token written): how fast is the rest of the stack?
echo
echo "== Reference points at 8 connections, ${BENCH_SECONDS}s each"
run_wrk "health" 8 "$BENCH_SECONDS" "" /health GET
REF_HEALTH="$(field rps)|$(field p50_ms)|$(field p99_ms)|$LAST_CPU|$(awk -v s="$LAST_CPU_S" -v r="$(field requests)" 'BEGIN {printf "%.3f", 1000 * s / r}')"
echo "GET /health:                     $LAST_LINE server_cpu=${LAST_CPU}%"
run_wrk "bad secret" 8 "$BENCH_SECONDS" "grant_type=client_credentials&client_id=$CC_CLIENT_ID&client_secret=not-the-secret"
REF_BAD="$(field rps)|$(field p50_ms)|$(field p99_ms)|$LAST_CPU|$(awk -v s="$LAST_CPU_S" -v r="$(field requests)" 'BEGIN {printf "%.3f", 1000 * s / r}')"
echo "client_credentials, bad secret:  $LAST_LINE server_cpu=${LAST_CPU}%"

TOKEN_ROWS="n/a"
if command -v sqlite3 >/dev/null; then
  TOKEN_ROWS="$(sqlite3 -readonly "$TMP/bench.db" "PRAGMA busy_timeout=5000; SELECT count(*) FROM OpenIddictTokens;" 2>/dev/null | tail -n1 || echo n/a)"
fi
DB_BYTES="$(du -cb "$TMP"/bench.db* 2>/dev/null | tail -n1 | cut -f1)"

# ---------------------------------------------------------------- report
echo
echo "== Results (POST /api/oauth/token, ${BENCH_SECONDS}s per run$( (( PIN )) && echo ', server pinned to core 0, wrk on core 1'))"
printf '| %-18s | %5s | %7s | %8s | %8s | %8s | %7s | %4s | %10s | %10s | %12s |\n' \
  grant conns threads tokens/s "p50 ms" "p99 ms" non-200 5xx "server CPU" "CPU ms/req" "core 0 other"
printf '|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|\n' -------------------- ------- --------- ---------- ---------- ---------- --------- ------ ------------ ------------ --------------
for row in "${RESULTS[@]}"; do
  IFS='|' read -r g c t rate p50 p99 bad fives sock cpu cpums other <<<"$row"
  printf '| %-18s | %5s | %7s | %8s | %8.2f | %8.2f | %7s | %4s | %9s%% | %10s | %12s |\n' "$g" "$c" "$t" "$rate" "$p50" "$p99" "$bad" "$fives" "$cpu" "$cpums" "$other"
done
echo "server CPU = server process CPU time / wall time (100% = one full core); CPU ms/req = server CPU time per request;"
echo "core 0 other = share of core 0 used by other processes during the run (only when pinned)."
echo
IFS='|' read -r r p50 p99 cpu cpums <<<"$REF_HEALTH"
printf 'reference  GET /health (c=8):                      %6.0f req/s  p50 %6.2f ms  p99 %6.2f ms  server CPU %s%%  CPU ms/req %s\n' "$r" "$p50" "$p99" "$cpu" "$cpums"
IFS='|' read -r r p50 p99 cpu cpums <<<"$REF_BAD"
printf 'reference  client_credentials, wrong secret (c=8): %6.0f req/s  p50 %6.2f ms  p99 %6.2f ms  server CPU %s%%  CPU ms/req %s  (401 each, no token written)\n' "$r" "$p50" "$p99" "$cpu" "$cpums"
echo "socket errors per run are in the BENCH lines above (socket_errors=)."
echo "token rows in OpenIddictTokens after the runs: $TOKEN_ROWS; database + WAL size: $(( ${DB_BYTES:-0} / 1024 )) KiB"
echo "load avg after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "Target (client_credentials): 10000 stored, revocable tokens/s on one core with p99 <= 10 ms."
best="$(printf '%s\n' "${RESULTS[@]}" | awk -F'|' '$1 == "client_credentials" && $7 == 0 && $6 + 0 <= 10 {if ($4 + 0 > b) b = $4 + 0} END {print b + 0}')"
peak="$(printf '%s\n' "${RESULTS[@]}" | awk -F'|' '$1 == "client_credentials" {if ($4 + 0 > b) b = $4 + 0} END {print b + 0}')"
if (( best >= 10000 )); then
  echo "MET: $best tokens/s with p99 <= 10 ms and no errors."
else
  echo "NOT MET: best client_credentials rate with p99 <= 10 ms and no errors: $best tokens/s; peak rate at any p99: $peak tokens/s."
fi
if (( ${#FIRST_BAD[@]} > 0 )); then
  echo
  echo "First non-200 response per affected run:"
  printf '  %s\n' "${FIRST_BAD[@]}"
fi
if (( ${#NOTES[@]} > 0 )); then
  echo
  printf 'NOTE: %s\n' "${NOTES[@]}"
fi
