-- wrk: POST the official sample as JSON (run from the repository root).
local f = assert(io.open("samples/jsonresume-sample.json", "rb"))
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/json"
