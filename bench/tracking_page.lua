-- wrk script: GET a random stored shipment's tracking page per request.
-- The paths are read from $WISMO_TOKENS (one /t/{token} path per line) into one string and
-- a table of where each line starts, not a table of strings: with a million strings
-- LuaJIT's collector now and then holds wrk's thread for 100-350 ms, which wrk then
-- reports as the server's latency (p99 ~120 ms instead of ~20 ms at 1M tokens).
local data, starts, count = "", {}, 0
init = function(args)
  local file = assert(io.open(os.getenv("WISMO_TOKENS"), "rb"))
  data = file:read("*a")
  file:close()
  if data:sub(-1) ~= "\n" then
    data = data .. "\n"
  end
  local pos = 1
  while pos <= #data do
    local nl = data:find("\n", pos, true)
    if nl > pos then
      count = count + 1
      starts[count] = pos
    end
    pos = nl + 1
  end
  assert(count > 0, "no paths in $WISMO_TOKENS")
  math.randomseed(os.time() + (tonumber(tostring({}):match("0x(%x+)") or "0", 16) or 0))
end
request = function()
  local from = starts[math.random(count)]
  return wrk.format("GET", data:sub(from, data:find("\n", from, true) - 1))
end
