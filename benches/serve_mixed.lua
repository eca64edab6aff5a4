-- wrk: POST a different resume each request, cycling through the files named
-- in the BODIES file (one path a line), so that the server's word cache only
-- helps as much as words shared between resumes do. Run from the repository root:
--   BODIES=/tmp/list wrk -s benches/serve_mixed.lua ...
local bodies = {}
for path in io.lines(os.getenv("BODIES") or "bodies.txt") do
  local f = assert(io.open(path, "rb"))
  bodies[#bodies + 1] = f:read("*a")
  f:close()
end
local n = 0
request = function()
  n = n % #bodies + 1
  return wrk.format("POST", nil, { ["Content-Type"] = "application/json" }, bodies[n])
end
