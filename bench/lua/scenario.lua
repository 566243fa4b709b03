-- One wrk script for every Guestlist benchmark scenario (guestlist.bench.system.Load runs it).
--
--   wrk ... -s bench/lua/scenario.lua URL -- METHOD PATH BODY TOKENS_FILE PREFIX RAND_MAX
--
-- PATH and BODY may hold placeholders, replaced for every request:
--   {seq}   a text unique within the run: PREFIX, the wrk thread's number, "x", a per-thread counter
--           (user names for registrations: at most 20 characters of [A-Za-z0-9_])
--   {rand}  a random whole number in 0 .. RAND_MAX-1 (which seeded account logs in)
-- BODY "-" means no body. TOKENS_FILE "-" means no Authorization header; else each request
-- carries "Authorization: Bearer <a random line of that file>".
-- At the end one line "BENCH {...}" with the counts and the exact latency percentiles.

local threads = {}

function setup(thread)
   table.insert(threads, thread)
   thread:set("tid", #threads)
end

local method, path, body, prefix, rand_max
local tokens = {}
local counter = 0

function init(args)
   method = args[1] or "GET"
   path = args[2] or "/"
   body = args[3]
   if body == "-" or body == "" then body = nil end
   local tokens_file = args[4]
   if tokens_file and tokens_file ~= "-" then
      for line in io.lines(tokens_file) do
         if line ~= "" then table.insert(tokens, line) end
      end
   end
   prefix = args[5] or "r"
   rand_max = tonumber(args[6] or "1")
   math.randomseed(os.time() * 1000 + (tid or 0))
end

local function fill(text)
   counter = counter + 1
   local seq = prefix .. tostring(tid or 0) .. "x" .. tostring(counter)
   local rand = tostring(math.random(rand_max) - 1)
   text = text:gsub("{seq}", seq)
   text = text:gsub("{rand}", rand)
   return text
end

function request()
   local headers = {}
   if #tokens > 0 then
      headers["Authorization"] = "Bearer " .. tokens[math.random(#tokens)]
   end
   local b = nil
   if body then
      b = fill(body)
      headers["Content-Type"] = "application/json"
   end
   return wrk.format(method, fill(path), headers, b)
end

function done(summary, latency, requests)
   local e = summary.errors
   io.write(string.format(
      'BENCH {"requests":%d,"duration_us":%d,"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d,' ..
      '"p50_us":%d,"p99_us":%d,"max_us":%d}\n',
      summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
      latency:percentile(50), latency:percentile(99), latency.max))
end
