-- wrk script for POST /api/oauth/token.
--
-- The form body comes from the environment (BENCH_BODY) so one script serves every grant type:
--   BENCH_BODY='grant_type=client_credentials&client_id=...&client_secret=...' wrk -s bench/token.lua URL
-- BENCH_PATH / BENCH_METHOD (default /api/oauth/token, POST) let run.sh reuse it for reference points
-- such as GET /health.
-- The `done` hook prints one machine-readable line that bench/run.sh parses:
--   BENCH requests=N duration_s=S rps=R p50_ms=A p90_ms=B p99_ms=C max_ms=D non200=E status5xx=F socket_errors=G
-- non200 / status5xx are counted per response in Lua (wrk's own "Non-2xx" counter only sees status > 399).

local body = os.getenv("BENCH_BODY") or ""
local method = os.getenv("BENCH_METHOD") or "POST"
if method == "" then method = "POST" end
local path = os.getenv("BENCH_PATH") or ""
if path == "" then path = "/api/oauth/token" end
if method == "POST" and body == "" then
  error("BENCH_BODY is not set: export the form-encoded request body")
end

wrk.method = method
wrk.path = path
wrk.headers["Accept"] = "application/json"
if body ~= "" then
  wrk.body = body
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
end

-- Keep every thread so done() can add up their counters.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

-- Per-thread state (each wrk thread runs its own Lua state).
non200 = 0
status5xx = 0
first_bad = nil

function response(status, headers, resp_body)
  if status ~= 200 then
    non200 = non200 + 1
    if status >= 500 then
      status5xx = status5xx + 1
    end
    if first_bad == nil then
      first_bad = tostring(status) .. " " .. string.sub(resp_body or "", 1, 300):gsub("%s+", " ")
    end
  end
end

function done(summary, latency, requests)
  local bad, fives, sample = 0, 0, nil
  for _, t in ipairs(threads) do
    bad = bad + (t:get("non200") or 0)
    fives = fives + (t:get("status5xx") or 0)
    if sample == nil then
      sample = t:get("first_bad")
    end
  end
  local secs = summary.duration / 1e6
  local socket_errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format(
    "BENCH requests=%d duration_s=%.3f rps=%.1f p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f max_ms=%.3f non200=%d status5xx=%d socket_errors=%d\n",
    summary.requests, secs, summary.requests / secs,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    bad, fives, socket_errors))
  if sample ~= nil then
    io.write("BENCH_FIRST_NON200 " .. sample .. "\n")
  end
end
