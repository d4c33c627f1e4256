-- wrk script: GET <url path><id> with an id drawn at random for each request from a file of ids,
-- one per line, so the requests spread over the whole store rather than one cached row.
-- Usage: wrk -s bench/random_id.lua http://127.0.0.1:PORT/api/v1/store/offerings/ -- IDS_FILE

dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "") .. "percentiles.lua")

local ids = {}
local prefix

function init(args)
  for line in io.lines(args[1]) do
    if line ~= "" then ids[#ids + 1] = line end
  end
  assert(#ids > 0, "no ids in " .. args[1])
  prefix = wrk.path
  math.randomseed(os.time() + (thread_id or 0))
end

function request()
  return wrk.format("GET", prefix .. ids[math.random(#ids)])
end
