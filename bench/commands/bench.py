"""Drives the write API: N product creates from 8 concurrent clients, then one 10,000-row NDJSON import."""
import json, sys, time, uuid, urllib.request, concurrent.futures, statistics

base, requests_total, rows, email, password = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5]
CLIENTS = 8

def call(method, path, body=None, token=None, content_type="application/json", raw=None):
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
    req = urllib.request.Request(base + path, data=data, method=method)
    req.add_header("Content-Type", content_type)
    if token:
        req.add_header("Authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(req, timeout=600) as resp:
            return resp.status, resp.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()

status, body = call("POST", "/api/v1/auth/login", {"email": email, "password": password})
if status != 200:
    sys.exit(f"login failed: {status} {body[:200]!r}")
token = json.loads(body)["accessToken"]
run = uuid.uuid4().hex[:8]

def create(i):
    started = time.perf_counter()
    s, _ = call("POST", "/api/v1/products", {"name": f"Bench {run} {i}", "price": 9.99, "sku": f"B-{run}-{i}", "stockQuantity": 5, "tags": ["bench"]}, token)
    return s, time.perf_counter() - started

for i in range(20):  # warm-up
    create(f"w{i}")
started = time.perf_counter()
with concurrent.futures.ThreadPoolExecutor(CLIENTS) as pool:
    results = list(pool.map(create, range(requests_total)))
elapsed = time.perf_counter() - started
latencies = sorted(r[1] * 1000 for r in results)
ok = sum(1 for r in results if r[0] == 201)
p = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))]
print(f"create: {requests_total} requests, {CLIENTS} clients, {ok} x 201, {requests_total / elapsed:.0f} req/s, "
      f"p50 {p(0.50):.1f} ms, p95 {p(0.95):.1f} ms, p99 {p(0.99):.1f} ms, max {latencies[-1]:.1f} ms")

lines = "\n".join(json.dumps({"name": f"Import {run} {i}", "price": 1 + i % 100, "sku": f"I-{run}-{i}", "stockQuantity": i % 50,
                              "tags": ["import", f"t{i % 10}"], "metadata": {"row": i}}) for i in range(rows))
started = time.perf_counter()
s, body = call("POST", "/api/v1/products/import", token=token, content_type="application/x-ndjson", raw=lines.encode())
elapsed = time.perf_counter() - started
report = json.loads(body) if s == 200 else body[:300]
print(f"import (create): {rows} rows in {elapsed:.1f} s = {rows / elapsed:.0f} rows/s, status {s}, "
      f"created {report.get('created') if isinstance(report, dict) else report}, failed {report.get('failed') if isinstance(report, dict) else '-'}")
started = time.perf_counter()
s, body = call("POST", "/api/v1/products/import", token=token, content_type="application/x-ndjson", raw=lines.encode())
elapsed = time.perf_counter() - started
report = json.loads(body) if s == 200 else {}
print(f"import (update): {rows} rows in {elapsed:.1f} s = {rows / elapsed:.0f} rows/s, status {s}, updated {report.get('updated')}")
