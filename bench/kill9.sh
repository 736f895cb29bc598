#!/usr/bin/env bash
# Tokens answered 200 survive kill -9 (SQLite, Release build).
# Usage: dotnet build src/Spacegate.Server -c Release && bash bench/kill9.sh  (sandbox, fresh SQLite, 127.0.0.1)
set -u
DLL="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/src/Spacegate.Server/bin/Release/net10.0/spacegate.dll"
D=$(mktemp -d); PORT=55931; B=http://127.0.0.1:$PORT
ID=globexportal0000000000001 SECRET=globex-demo-secret-8b1e4d7a0c3f6925e8d1a4b7c0f3e692
start() { (cd $D && exec dotnet $DLL --urls $B --Storage:SqlitePath=$D/sg.db --RateLimits:Enabled=false > $D/log.$1 2>&1) & echo $!; }
wait_up() { for i in $(seq 1 60); do curl -sf -o /dev/null $B/health/live && return 0; sleep 0.5; done; return 1; }
PID=$(start 1); wait_up || { echo "no start"; exit 1; }
: > $D/tokens
# 200 requests, 8 in flight; kill -9 while they run.
mkdir $D/r; (seq 1 200 | xargs -P 8 -I{} sh -c "curl -s -o $D/r/{}.json -w '%{http_code}' $B/api/oauth/token -d grant_type=client_credentials -d client_id=$ID -d client_secret=$SECRET > $D/r/{}.code") &
LOAD=$!
sleep 1.5; kill -9 $PID; wait $LOAD
ok=$(grep -l '^200$' $D/r/*.code | wc -l)
PID=$(start 2); wait_up || { echo "no restart"; exit 1; }
active=0; n=0
for c in $(grep -l '^200$' $D/r/*.code); do t=$(grep -o '"access_token": *"[^"]*"' ${c%.code}.json | sed 's/.*"\([^"]*\)"$/\1/')
  n=$((n+1))
  [ "$(curl -s -o /dev/null -w "%{http_code}" -H "Authorization: Bearer $t" -H "Content-Type: application/json" -d "{\"query\":\"{ models { totalResults } }\"}" $B/api/models/graph)" = 200 ] && active=$((active+1))
done
echo "answered 200 before kill -9: $ok; still active after restart: $active of $n; other answers: $(grep -L '^200$' $D/r/*.code | wc -l) (connection refused after the kill)"
kill $PID; wait $PID 2>/dev/null; rm -rf $D
