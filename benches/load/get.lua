-- getSession answered 200 with the whole session, over the seeded read set in turn (each thread
-- starts at its own offset so connections do not walk the same row in step).
local common = require("common")
common.expect(200)

local reqs, i

function init(args)
   reqs = {}
   for _, s in ipairs(common.sessions()) do
      reqs[#reqs + 1] = wrk.format("GET", "/v1/" .. s.name, common.auth)
   end
   i = tid % #reqs
end

function request()
   i = i % #reqs + 1
   return reqs[i]
end
