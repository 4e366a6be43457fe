-- wrk script for bench/load.sh: replays pre-signed requests and counts response statuses.
--
-- usage: wrk ... -s wrk_pool.lua URL -- POOL_PREFIX NTHREADS
-- Thread i loads POOL_PREFIX.i: raw HTTP/1.1 requests (exactly the bytes to send), each
-- followed by the byte 0x1E. A file with one request is replayed as wrk's static request
-- (no Lua call per request); a longer one is cycled through (CreateUser: one distinct signed
-- request per user name). done() prints one line "BENCH_RESULT {json}" for benchlib.py.
--
-- wrk starts thread 0 before it runs init() of thread 1, and its clock starts after the
-- last init(). So that early threads send nothing before the clock starts while a big pool
-- loads, each thread marks itself ready (POOL_PREFIX.ready.i) and the first request() of
-- every thread waits until all threads are ready.

local threads = {}
local next_id = 0

function setup(thread)
   thread:set("tid", next_id)
   next_id = next_id + 1
   table.insert(threads, thread)
end

local function load_pool(path)
   local file = io.open(path, "rb")
   if not file then
      io.stderr:write("wrk_pool.lua: cannot open " .. path .. "\n")
      os.exit(1)
   end
   local data = file:read("*a")
   file:close()
   local list, pos = {}, 1
   while true do
      local e = string.find(data, "\30", pos, true)
      if not e then break end
      list[#list + 1] = string.sub(data, pos, e - 1)
      pos = e + 1
   end
   return list
end

-- split a raw request into the fields wrk.format() takes (static mode)
local function split_request(raw)
   local head, body = string.match(raw, "^(.-)\r\n\r\n(.*)$")
   local method, path = string.match(head, "^(%S+) (%S+) HTTP/1%.1")
   local headers = {}
   for name, value in string.gmatch(head, "\r\n([^:\r\n]+): ([^\r\n]*)") do
      if string.lower(name) ~= "content-length" then headers[name] = value end
   end
   return method, path, headers, body
end

function init(args)
   prefix = args[1]
   nthreads = tonumber(args[2] or "1")
   reqs = load_pool(prefix .. "." .. tid)
   pool = #reqs
   if pool == 0 then
      io.stderr:write("wrk_pool.lua: empty pool " .. prefix .. "." .. tid .. "\n")
      os.exit(1)
   end
   sent = 0
   statuses = {}
   non2xx = 0
   first_error = ""

   if pool == 1 then
      local method, path, headers, body = split_request(reqs[1])
      wrk.method, wrk.path, wrk.body = method, path, body
      for k, v in pairs(headers) do wrk.headers[k] = v end
   else
      local idx = 0
      local waiting = nthreads > 1
      -- wrk calls thread 0's request() once from its main thread to check the request
      -- (before the other threads exist): answer it without waiting or using up a name
      local checked = tid ~= 0
      request = function()
         if not checked then checked = true return reqs[1] end
         if waiting then wait_for_all() waiting = false end
         idx = idx + 1
         if idx > pool then idx = 1 end
         sent = sent + 1
         return reqs[idx]
      end
   end
   local f = io.open(prefix .. ".ready." .. tid, "w")
   f:write("1")
   f:close()
end

function wait_for_all()
   local deadline = os.time() + 120
   for i = 0, nthreads - 1 do
      while true do
         local f = io.open(prefix .. ".ready." .. i, "r")
         if f then f:close() break end
         if os.time() > deadline then
            io.stderr:write("wrk_pool.lua: thread " .. i .. " never became ready\n")
            os.exit(1)
         end
      end
   end
end

function response(status, headers, body)
   statuses[status] = (statuses[status] or 0) + 1
   if status < 200 or status > 299 then
      non2xx = non2xx + 1
      if first_error == "" then
         first_error = status .. " " .. string.sub(body or "", 1, 500)
      end
   end
end

local function jstr(s)
   return '"' .. string.gsub(s, '[%c"\\]', function(c)
      return string.format("\\u%04x", string.byte(c))
   end) .. '"'
end

function done(summary, latency, requests)
   local counts = {}
   local total_non2xx, reused, pool_total = 0, 0, 0
   local first_err = ""
   for _, t in ipairs(threads) do
      local st = t:get("statuses") or {}
      for code, n in pairs(st) do
         local key = tostring(math.floor(code))
         counts[key] = (counts[key] or 0) + n
      end
      total_non2xx = total_non2xx + (t:get("non2xx") or 0)
      local p = t:get("pool") or 0
      local s = t:get("sent") or 0
      pool_total = pool_total + p
      if p > 1 and s > p then reused = reused + (s - p) end
      local fe = t:get("first_error") or ""
      if first_err == "" then first_err = fe end
   end
   local parts = {}
   for k, v in pairs(counts) do
      parts[#parts + 1] = string.format('"%s": %d', k, v)
   end
   local e = summary.errors
   io.write(string.format(
      'BENCH_RESULT {"requests": %d, "duration_us": %d, "bytes": %d, ' ..
      '"p50_us": %.1f, "p90_us": %.1f, "p99_us": %.1f, "mean_us": %.1f, "max_us": %.1f, ' ..
      '"errors": {"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}, ' ..
      '"non2xx": %d, "statuses": {%s}, "reused": %d, "first_error": %s}\n',
      summary.requests, summary.duration, summary.bytes,
      latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.mean, latency.max,
      e.connect, e.read, e.write, e.status, e.timeout,
      total_non2xx, table.concat(parts, ", "), reused, jstr(first_err)))
end
