#!/usr/bin/env bash
# Request fuzzing for Spacegate: the generator of the RequestFuzzTests, 100,000 requests by default.
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: bench/fuzz.sh [--help] [--no-build]

Builds Spacegate and the fuzz driver (bench/fuzz, which compiles tests/Spacegate.Tests/Fuzz) in
Release, starts the server on a free 127.0.0.1 port with a fresh temporary SQLite database (sandbox
mode, demo data), and sends malformed requests to every endpoint and page: odd methods, broken
headers and Content-Types, invalid UTF-8, duplicated and oversized parameters, broken JSON, GraphQL
and multipart bodies, with and without a valid session and bearer token. Prints the counts by status
and every request that got a 5xx, a stack trace, or no answer within 10 s, then checks that the
server still answers GET /health. Exits 1 when there was any such failure.

Environment:
  FUZZ_REQUESTS      number of requests (default 100000)
  FUZZ_SEED          seed to replay a run (default: random, printed)
  FUZZ_CONCURRENCY   requests in flight (default 8)
  FUZZ_SAVE_LOG      if set, copy the server log to this path
USAGE
}

NO_BUILD=0
for arg in "$@"; do
  case "$arg" in
    -h|--help) usage; exit 0 ;;
    --no-build) NO_BUILD=1 ;;
    *) echo "fuzz.sh: unknown argument: $arg (see --help)" >&2; exit 2 ;;
  esac
done

FUZZ_REQUESTS="${FUZZ_REQUESTS:-100000}"
FUZZ_SEED="${FUZZ_SEED:-}"
FUZZ_CONCURRENCY="${FUZZ_CONCURRENCY:-8}"
BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$BENCH_DIR/.." && pwd)"
DLL="$REPO/src/Spacegate.Server/bin/Release/net10.0/spacegate.dll"
DRIVER="$BENCH_DIR/fuzz/bin/Release/net10.0/Fuzz.dll"
command -v dotnet >/dev/null || { echo "fuzz.sh: dotnet is required" >&2; exit 1; }
command -v curl >/dev/null || { echo "fuzz.sh: curl is required" >&2; exit 1; }

TMP="$(mktemp -d /tmp/spacegate-fuzz.XXXXXX)"
LOG="$TMP/server.log"
SERVER_PID=""

stop_server() {
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 150); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$SERVER_PID" 2>/dev/null && kill -KILL "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  SERVER_PID=""
}

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  stop_server
  if [[ -f "$LOG" ]]; then
    echo
    echo "== Server log: $(grep -c '^fail:' "$LOG" || true) 'fail:' entries, $(grep -c '^crit:' "$LOG" || true) 'crit:' entries"
    grep -oE '[A-Za-z0-9_.]+Exception: .{0,120}' "$LOG" | sort | uniq -c | sort -rn | head -n 10 || true
    [[ -n "${FUZZ_SAVE_LOG:-}" ]] && cp "$LOG" "$FUZZ_SAVE_LOG" && echo "Server log saved to $FUZZ_SAVE_LOG"
  fi
  rm -rf "$TMP"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if (( ! NO_BUILD )); then
  echo "== Building (Release: server and bench/fuzz)"
  (cd "$REPO" && dotnet build -c Release src/Spacegate.Server -nologo -v quiet && dotnet build -c Release bench/fuzz -nologo -v quiet) \
    > "$TMP/build.log" 2>&1 || { tail -n 30 "$TMP/build.log" >&2; echo "fuzz.sh: build failed" >&2; exit 1; }
fi

PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')"
BASE="http://127.0.0.1:$PORT"
echo "== Starting server on $BASE"
(
  cd "$TMP"
  exec dotnet "$DLL" --urls "$BASE" --Storage:SqlitePath="$TMP/fuzz.db" --Logging:LogLevel:Default=Warning
) > "$LOG" 2>&1 &
SERVER_PID=$!

ready=0
for _ in $(seq 1 300); do
  kill -0 "$SERVER_PID" 2>/dev/null || { tail -n 40 "$LOG" >&2; echo "fuzz.sh: server exited during start-up" >&2; exit 1; }
  if [[ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/health" || true)" == 200 ]]; then ready=1; break; fi
  sleep 0.2
done
(( ready )) || { tail -n 40 "$LOG" >&2; echo "fuzz.sh: GET /health did not return 200 within 60 s" >&2; exit 1; }

echo "== Fuzzing"
rc=0
dotnet "$DRIVER" "$BASE" "$FUZZ_REQUESTS" "$FUZZ_SEED" "$FUZZ_CONCURRENCY" || rc=$?

health="$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$BASE/health" || true)"
echo "== GET /health after the fuzz: $health"
[[ "$health" == 200 ]] || rc=1
exit "$rc"
