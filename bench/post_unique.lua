-- wrk script: POST /api/v1/characteristics with a name unique per request, "Bench <run> <thread>
-- <n>" (names allow only letters, digits and spaces), and a count of the response statuses.
-- Usage: wrk -s bench/post_unique.lua http://127.0.0.1:PORT/api/v1/characteristics -- RUN_TAG

dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "") .. "percentiles.lua")

local run_tag = "1"
local sent = 0
status_counts = {}

function init(args)
  if args[1] then run_tag = args[1] end
  thread_id = thread_id or 0
end

function request()
  sent = sent + 1
  local name = string.format("Bench %s %d %d", run_tag, thread_id, sent)
  local body = '{"name": "' .. name .. '", "value": "100", "unit_of_measure": "Mbps"}'
  -- Headers given to wrk.format replace wrk.headers, so the token is carried over by hand.
  local headers = {["Content-Type"] = "application/json",
                   ["Authorization"] = wrk.headers["Authorization"]}
  return wrk.format("POST", nil, headers, body)
end

function response(status, headers, body)
  status_counts[status] = (status_counts[status] or 0) + 1
end
