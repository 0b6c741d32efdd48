-- getSession with If-None-Match carrying the current etag: 304 without a body. The read set is
-- not written during the run, so every etag stays current.
local common = require("common")
common.expect(304)

local reqs, i

function init(args)
   reqs = {}
   for _, s in ipairs(common.sessions()) do
      local h = { ["Authorization"] = common.auth["Authorization"],
                  ["If-None-Match"] = '"' .. s.etag .. '"' }
      reqs[#reqs + 1] = wrk.format("GET", "/v1/" .. s.name, h)
   end
   i = tid % #reqs
end

function request()
   i = i % #reqs + 1
   return reqs[i]
end
