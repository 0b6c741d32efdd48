-- The anchor: /healthz touches neither the database nor the engine, so it is what the HTTP
-- stack and wrk cost on this machine at this moment.
local common = require("common")
common.expect(200)
wrk.path = "/healthz"
