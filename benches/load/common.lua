-- Shared by every workload script of benches/load/run: the credential, the sessions the
-- harness seeded, status accounting and the machine-readable result line.
--
-- wrk itself only counts statuses above 399 as errors, so a 200 where a 304 was expected (or
-- a 304 where a 200 was) would pass unseen; every answer is checked against the one status the
-- workload expects instead. The harness reads the `LOADJSON` line that done() prints.

local M = {}

local key = os.getenv("LOAD_API_KEY")
if key == nil or key == "" then
   error("LOAD_API_KEY is not set (benches/load/run sets it)")
end
M.auth = { ["Authorization"] = "Bearer " .. key }
M.auth_json = { ["Authorization"] = "Bearer " .. key, ["Content-Type"] = "application/json" }

-- Globals of the thread's state, so that done() can collect them through thread:get().
unexpected = 0
codes = {}
sample = ""

function M.expect(status)
   M.expected = status
end

function M.count(status, body)
   if status ~= M.expected then
      unexpected = unexpected + 1
      local k = tostring(status)
      codes[k] = (codes[k] or 0) + 1
      if sample == "" then
         sample = k .. " " .. string.sub(body or "", 1, 300)
      end
   end
end

-- The seeded sessions, "name etag" per line, in the file named by LOAD_SESSIONS.
function M.sessions()
   local path = os.getenv("LOAD_SESSIONS")
   local f = assert(io.open(path or "", "r"), "LOAD_SESSIONS does not name a readable file")
   local out = {}
   for line in f:lines() do
      local name, etag = line:match("^(%S+)%s+(%S+)$")
      if name then
         out[#out + 1] = { name = name, etag = etag }
      end
   end
   f:close()
   assert(#out > 0, "no sessions in " .. path)
   return out
end

function M.read_file(path)
   local f = assert(io.open(path or "", "rb"), "cannot read " .. tostring(path))
   local s = f:read("*a")
   f:close()
   return s
end

-- The ETag header without its quotes; hyper writes header names in lower case, but a proxy in
-- between might not.
function M.etag(headers)
   local v = headers["etag"] or headers["ETag"] or headers["Etag"]
   return v and v:gsub('"', "")
end

local function json_string(s)
   return '"' .. s:gsub('[%c"\\]', function(c)
      return string.format("\\u%04x", c:byte())
   end) .. '"'
end

-- setup() and done() run in wrk's main state; init() and response() in each thread's.
local threads = {}

function setup(thread)
   thread:set("tid", #threads)
   table.insert(threads, thread)
end

function response(status, headers, body)
   M.count(status, body)
end

function done(summary, latency, requests)
   local total, all_codes, first = 0, {}, ""
   for _, t in ipairs(threads) do
      total = total + t:get("unexpected")
      for k, n in pairs(t:get("codes")) do
         all_codes[k] = (all_codes[k] or 0) + n
      end
      if first == "" then
         first = t:get("sample")
      end
   end
   local parts = {}
   for k, n in pairs(all_codes) do
      parts[#parts + 1] = json_string(k) .. ":" .. n
   end
   local e = summary.errors
   io.write(string.format(
      'LOADJSON {"requests":%d,"duration_us":%d,"bytes":%d,"p50_us":%d,"p99_us":%d,'
         .. '"max_us":%d,"mean_us":%.1f,"unexpected":%d,"codes":{%s},"sample":%s,'
         .. '"connect":%d,"read":%d,"write":%d,"status_gt_399":%d,"timeout":%d}\n',
      summary.requests, summary.duration, summary.bytes, latency:percentile(50),
      latency:percentile(99), latency.max, latency.mean, total, table.concat(parts, ","),
      json_string(first), e.connect, e.read, e.write, e.status, e.timeout))
end

return M
