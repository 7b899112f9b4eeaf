-- wrk script of the benchmark suite: args = targets file, run label, then "Header: value" pairs.
-- Each target line is METHOD<TAB>PATH<TAB>BODY; {n} in the body becomes a unique per-request token.
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end

local targets = {}
local counter = 0
local label = "w"

function init(args)
  label = (args[2] or "w") .. "t" .. tostring(tid)
  math.randomseed(tid * 7919)
  for line in io.lines(args[1]) do
    local m, p, b = line:match("^(%S+)\t([^\t]*)\t?(.*)$")
    if m then table.insert(targets, { m, p, b }) end
  end
  for i = 3, #args do
    local k, v = args[i]:match("^([^:]+):%s*(.*)$")
    if k then wrk.headers[k] = v end
  end
end

function request()
  counter = counter + 1
  local t = targets[math.random(#targets)]
  local token = label .. "n" .. tostring(counter)
  local path = t[2]:gsub("{n}", token)
  if t[3] ~= nil and t[3] ~= "" then
    local body = t[3]:gsub("{n}", token)
    return wrk.format(t[1], path, { ["Content-Type"] = "application/json" }, body)
  end
  return wrk.format(t[1], path)
end

function done(summary, latency, requests)
  io.write(string.format(
    'WRKJSON {"requests":%d,"durationUs":%d,"errorsStatus":%d,"errorsConnect":%d,"errorsTimeout":%d,"errorsRead":%d,"p50":%.3f,"p99":%.3f,"max":%.3f}\n',
    summary.requests, summary.duration, summary.errors.status, summary.errors.connect, summary.errors.timeout,
    summary.errors.read, latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
