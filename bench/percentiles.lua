-- wrk script: after the run, prints one machine-readable line that bench/run parses, with exact
-- percentiles from wrk's latency histogram (wrk --latency prints only 50/75/90/99):
--   BENCH requests=N seconds=S rps=R p50_us=.. p95_us=.. p99_us=.. max_us=.. errors_connect=..
--         errors_read=.. errors_write=.. errors_status=.. errors_timeout=.. statuses=201:9,409:1
-- `statuses` is filled only when a script that counts responses (post_unique.lua) is loaded on top.
-- Every request carries `Authorization: Bearer $BENCH_TOKEN` when bench/run set one, to catalogd
-- and to the bare server alike, so both sides of a ratio receive the same bytes.

local token = os.getenv("BENCH_TOKEN")
if token and token ~= "" then wrk.headers["Authorization"] = "Bearer " .. token end

local threads = {}
local next_thread_id = 0

function setup(thread)
  next_thread_id = next_thread_id + 1
  thread:set("thread_id", next_thread_id)
  table.insert(threads, thread)
end

local function statusesOf()
  local totals = {}
  for _, thread in ipairs(threads) do
    local counts = thread:get("status_counts")
    if counts then
      for status, n in pairs(counts) do totals[status] = (totals[status] or 0) + n end
    end
  end
  local codes = {}
  for status in pairs(totals) do table.insert(codes, status) end
  table.sort(codes)
  local parts = {}
  for _, status in ipairs(codes) do table.insert(parts, status .. ":" .. totals[status]) end
  return #parts > 0 and table.concat(parts, ",") or "-"
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format(
    "BENCH requests=%d seconds=%.6f rps=%.1f p50_us=%d p95_us=%d p99_us=%d max_us=%d " ..
    "errors_connect=%d errors_read=%d errors_write=%d errors_status=%d errors_timeout=%d " ..
    "statuses=%s\n",
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max,
    e.connect, e.read, e.write, e.status, e.timeout, statusesOf()))
end
