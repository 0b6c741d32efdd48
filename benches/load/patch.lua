-- updateSession with the current etag, toggling purchase.vouchers (which recomputes the offer,
-- as a customer's cart change does). Each thread owns one session and the harness runs one
-- connection per thread, so a thread's next request is built after its previous answer and
-- always carries the etag that answer returned: a 409 here means the server lost track, not
-- that two of our writers raced.
local common = require("common")
common.expect(200)

local path, etag, on

function init(args)
   local sessions = common.sessions()
   local s = sessions[tid + 1]
   assert(s, "fewer write sessions than threads")
   path = "/v1/" .. s.name .. "?update_mask=purchase.vouchers"
   etag = s.etag
   on = false
end

function request()
   on = not on
   local vouchers = on and '["FRIFRAKT"]' or "[]"
   local body = '{"etag":"' .. etag .. '","purchase":{"vouchers":' .. vouchers .. "}}"
   return wrk.format("PATCH", path, common.auth_json, body)
end

function response(status, headers, body)
   common.count(status, body)
   if status == 200 then
      etag = common.etag(headers) or etag
   elseif status == 409 then
      -- Carry on from the etag the refusal names rather than failing every request after it.
      etag = body:match('"current_etag":"([^"]+)"') or etag
   end
end
