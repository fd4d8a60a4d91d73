-- wrk script of benchmarks/bench_api.py: POST /search with the briefs of a file, one shared
-- sequence (run wrk with one thread), starting at an offset; prints a JSON summary.
--   wrk -t1 -c32 -d60s --timeout 30s -s search.lua URL -- BODIES_FILE OFFSET KEY
local bodies = {}
local n = 0
local i = 0

function init(args)
  for line in io.lines(args[1]) do
    n = n + 1
    bodies[n] = line
  end
  i = tonumber(args[2]) or 0
  wrk.method = "POST"
  wrk.path = "/search"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Authorization"] = "Bearer " .. args[3]
end

function request()
  local body = bodies[(i % n) + 1]
  i = i + 1
  return wrk.format(nil, nil, nil, body)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "connect": %d, "read": %d, "write": %d, ' ..
    '"status": %d, "timeout": %d, "p50_us": %d, "p90_us": %d, "p99_us": %d, "max_us": %d}\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
end
