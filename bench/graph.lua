-- wrk script for the Model API (POST /api/models/graph), used by bench/model-api.sh.
--
-- The request comes from the environment:
--   BENCH_TOKEN      bearer access token (empty: no Authorization header, for the 401 reference point)
--   BENCH_BODY       one JSON body ({"query": ...}) sent on every request, or
--   BENCH_BODY_FILE  a file of JSON bodies, one per line, sent in rotation (a mix of searches)
--   BENCH_EXPECT     optional plain text every 200 response must contain (e.g. "totalResults")
--   BENCH_PATH / BENCH_METHOD  default /api/models/graph, POST (GET /health is a reference point)
-- The `done` hook prints one machine-readable line that bench/model-api.sh parses:
--   BENCH requests=N duration_s=S rps=R p50_ms=A p90_ms=B p99_ms=C max_ms=D non200=E status5xx=F
--         bad_body=G socket_errors=H
-- non200 / status5xx are counted per response in Lua (wrk's own "Non-2xx" counter only sees status > 399).
-- bad_body counts 200 responses that carry GraphQL "errors" or lack BENCH_EXPECT: GraphQL answers most
-- failures with HTTP 200, so the status alone would hide them.

local token = os.getenv("BENCH_TOKEN") or ""
local method = os.getenv("BENCH_METHOD") or ""
if method == "" then method = "POST" end
local path = os.getenv("BENCH_PATH") or ""
if path == "" then path = "/api/models/graph" end
local expect = os.getenv("BENCH_EXPECT") or ""

local bodies = {}
local body_file = os.getenv("BENCH_BODY_FILE") or ""
if body_file ~= "" then
  local f = assert(io.open(body_file, "r"), "cannot open BENCH_BODY_FILE " .. body_file)
  for line in f:lines() do
    if line ~= "" then table.insert(bodies, line) end
  end
  f:close()
else
  local body = os.getenv("BENCH_BODY") or ""
  if body ~= "" then table.insert(bodies, body) end
end
if method == "POST" and #bodies == 0 then
  error("set BENCH_BODY or BENCH_BODY_FILE to the JSON request body")
end

wrk.method = method
wrk.path = path
wrk.headers["Accept"] = "application/json"
if token ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. token
end
if #bodies > 0 then
  wrk.headers["Content-Type"] = "application/json"
  wrk.body = bodies[1]
end

-- Keep every thread so done() can add up their counters.
local threads = {}
local thread_count = 0

function setup(thread)
  thread:set("thread_index", thread_count)
  thread_count = thread_count + 1
  table.insert(threads, thread)
end

-- Per-thread state (each wrk thread runs its own Lua state).
non200 = 0
status5xx = 0
bad_body = 0
first_bad = nil
thread_index = 0
local next_body = nil
local requests = {}

function init(args)
  -- Pre-format each request once; threads start at different points of the rotation.
  for i, b in ipairs(bodies) do
    requests[i] = wrk.format(nil, nil, nil, b)
  end
  next_body = thread_index % math.max(#bodies, 1)
end

if #bodies > 1 then
  function request()
    next_body = next_body % #requests + 1
    return requests[next_body]
  end
end

local function note(text)
  if first_bad == nil then
    first_bad = string.sub(text, 1, 300):gsub("%s+", " ")
  end
end

function response(status, headers, resp_body)
  resp_body = resp_body or ""
  if status ~= 200 then
    non200 = non200 + 1
    if status >= 500 then
      status5xx = status5xx + 1
    end
    note(tostring(status) .. " " .. resp_body)
  elseif string.find(resp_body, '"errors"', 1, true) or (expect ~= "" and not string.find(resp_body, expect, 1, true)) then
    bad_body = bad_body + 1
    note("200 " .. resp_body)
  end
end

function done(summary, latency, requests)
  local bad, fives, bodies_bad, sample = 0, 0, 0, nil
  for _, t in ipairs(threads) do
    bad = bad + (t:get("non200") or 0)
    fives = fives + (t:get("status5xx") or 0)
    bodies_bad = bodies_bad + (t:get("bad_body") or 0)
    if sample == nil then
      sample = t:get("first_bad")
    end
  end
  local secs = summary.duration / 1e6
  local socket_errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format(
    "BENCH requests=%d duration_s=%.3f rps=%.1f p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f max_ms=%.3f non200=%d status5xx=%d bad_body=%d socket_errors=%d\n",
    summary.requests, secs, summary.requests / secs,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    bad, fives, bodies_bad, socket_errors))
  if sample ~= nil then
    io.write("BENCH_FIRST_BAD " .. sample .. "\n")
  end
end
