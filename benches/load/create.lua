-- createSession with the README's Stockholm cart (coordinates given, so every pickup point gets
-- its distances): validation, the full quote by the rule engine and one insert per request.
local common = require("common")
common.expect(200)
wrk.method = "POST"
wrk.path = "/v1/sessions"
wrk.headers = common.auth_json
wrk.body = common.read_file(os.getenv("LOAD_BODY"))
