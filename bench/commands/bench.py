"""Catalog commands benchmark: POST /api/v1/products from 8 concurrent clients (throughput, p50/p95/p99), then one
NDJSON import of N rows that creates every product and the same file again, which updates every product (rows/s).
Usage: bench.py base-url create-requests import-rows email password out.json
"""
import concurrent.futures
import datetime
import http.client
import json
import os
import sys
import threading
import time
import urllib.parse
import uuid

base, requests_total, rows, email, password, out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5], sys.argv[6]
CLIENTS = 8
WARMUP = 40
url = urllib.parse.urlsplit(base)
local = threading.local()


def call(method, path, body=None, token=None, content_type="application/json", raw=None, timeout=600):
    # One keep-alive connection per client thread, as a real client pool would hold.
    conn = getattr(local, "conn", None)
    if conn is None:
        conn = local.conn = http.client.HTTPConnection(url.hostname, url.port, timeout=timeout)
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
    headers = {"Content-Type": content_type}
    if token:
        headers["Authorization"] = "Bearer " + token
    try:
        conn.request(method, path, body=data, headers=headers)
        resp = conn.getresponse()
        return resp.status, resp.read()
    except (http.client.HTTPException, OSError):
        local.conn = None
        conn.close()
        raise


status, body = call("POST", "/api/v1/auth/login", {"email": email, "password": password})
if status != 200:
    sys.exit(f"login failed: {status} {body[:200]!r}")
token = json.loads(body)["accessToken"]
run = uuid.uuid4().hex[:8]


def create(i):
    started = time.perf_counter()
    s, _ = call("POST", "/api/v1/products", {"name": f"Bench {run} {i}", "price": 9.99, "sku": f"B-{run}-{i}", "stockQuantity": 5, "tags": ["bench"]}, token)
    return s, time.perf_counter() - started


with concurrent.futures.ThreadPoolExecutor(CLIENTS) as pool:
    list(pool.map(create, [f"w{i}" for i in range(WARMUP)]))
    started = time.perf_counter()
    results = list(pool.map(create, range(requests_total)))
    elapsed = time.perf_counter() - started
latencies = sorted(r[1] * 1000 for r in results)
p = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))]
create_result = {
    "clients": CLIENTS, "requests": requests_total, "created": sum(1 for r in results if r[0] == 201),
    "otherStatuses": sorted({r[0] for r in results if r[0] != 201}),
    "seconds": round(elapsed, 3), "requestsPerSecond": round(requests_total / elapsed, 1),
    "p50Ms": round(p(0.50), 1), "p95Ms": round(p(0.95), 1), "p99Ms": round(p(0.99), 1), "maxMs": round(latencies[-1], 1),
}
print(f"create: {requests_total} requests, {CLIENTS} clients, {create_result['created']} x 201, {create_result['requestsPerSecond']} req/s, "
      f"p50 {create_result['p50Ms']} ms, p95 {create_result['p95Ms']} ms, p99 {create_result['p99Ms']} ms, max {create_result['maxMs']} ms")


def import_file(price_offset):
    lines = "\n".join(json.dumps({"name": f"Import {run} {i}", "price": price_offset + i % 100, "sku": f"I-{run}-{i}", "stockQuantity": i % 50,
                                  "tags": ["import", f"t{i % 10}"], "metadata": {"row": i}}) for i in range(rows))
    started = time.perf_counter()
    s, body = call("POST", "/api/v1/products/import", token=token, content_type="application/x-ndjson", raw=lines.encode(), timeout=1800)
    elapsed = time.perf_counter() - started
    report = json.loads(body) if s == 200 else {"body": body[:300].decode(errors="replace")}
    return {"status": s, "rows": rows, "seconds": round(elapsed, 3), "rowsPerSecond": round(rows / elapsed, 1),
            "created": report.get("created"), "updated": report.get("updated"), "failed": report.get("failed")}


import_create = import_file(1)
print(f"import (create): {rows} rows in {import_create['seconds']} s = {import_create['rowsPerSecond']} rows/s, status {import_create['status']}, "
      f"created {import_create['created']}, failed {import_create['failed']}")
import_update = import_file(200)
print(f"import (update): {rows} rows in {import_update['seconds']} s = {import_update['rowsPerSecond']} rows/s, status {import_update['status']}, "
      f"updated {import_update['updated']}, failed {import_update['failed']}")

result = {
    "takenAt": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
    "loadAverage": os.getloadavg(), "cpus": os.cpu_count(),
    "create": create_result, "importCreate": import_create, "importUpdate": import_update,
}
with open(out, "w") as f:
    json.dump(result, f, indent=2)
    f.write("\n")
print(f"results written to {out}")
ok = create_result["created"] == requests_total and import_create["created"] == rows and import_update["updated"] == rows
sys.exit(0 if ok else 1)
