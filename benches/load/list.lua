-- listSessions, the first page of 50 (newest first), every offer of every session included.
local common = require("common")
common.expect(200)
wrk.path = "/v1/sessions?page_size=50"
wrk.headers = common.auth
