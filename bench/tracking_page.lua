-- wrk script: GET a random stored shipment's tracking page per request.
-- The token list is read from $WISMO_TOKENS (one /t/{token} path per line).
local paths = {}
init = function(args)
  for line in io.lines(os.getenv("WISMO_TOKENS")) do
    paths[#paths + 1] = line
  end
  math.randomseed(os.time() + (tonumber(tostring({}):match("0x(%x+)") or "0", 16) or 0))
end
request = function()
  return wrk.format("GET", paths[math.random(#paths)])
end
