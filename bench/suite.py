#!/usr/bin/env python3
"""Catalog load benchmark suite (issue 8). Run through bench/run.sh; see docs/performance.md.

For each size: a throwaway PostgreSQL (bench/pg.sh), the deterministic load (tests/Benchmarks `load`), the API in
Release on loopback, then per scenario of bench/scenarios.json: warm-up, peak (wrk, closed loop), latency at half
the peak (open loop, tests/Benchmarks `open-loop`), pgbench with the same SQL at the same concurrency, the
in-process ceiling (tests/Benchmarks `ceiling`), CPU per request of the API and of PostgreSQL (/proc), API RSS,
statements per request (pg_stat_statements) and EXPLAIN (ANALYZE, BUFFERS). Results: bench/results/<size>.json.
"""
import argparse
import glob
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH = os.path.join(ROOT, "bench")
WEBAPI_DLL = os.environ.get("BENCH_WEBAPI_DLL") or os.path.join(ROOT, "src/WebApi/bin/Release/net10.0/Catalog.WebApi.dll")
TOOL_DLL = os.environ.get("BENCH_TOOL_DLL") or os.path.join(ROOT, "tests/Benchmarks/bin/Release/net10.0/Catalog.Benchmarks.dll")
# BENCH_ROOT and BENCH_PORT_OFFSET let a smoke run on a shared machine stay clear of another run's clusters and ports.
BENCH_ROOT = os.environ.get("BENCH_ROOT", "/tmp/catalog-bench")
_OFFSET = int(os.environ.get("BENCH_PORT_OFFSET", "0"))
PORTS = {"10k": 55451 + _OFFSET, "100k": 55452 + _OFFSET, "1m": 55453 + _OFFSET}
API_PORT, CEILING_PORT, CACHED_API_PORT = 5094 + _OFFSET, 5095 + _OFFSET, 5096 + _OFFSET
REDIS_PORT = 56379 + _OFFSET
# --replica: a streaming standby of the size's cluster on its port + 100, CatalogRead pointed at it (ADR-100).
STANDBY_PORT_SHIFT = 100
# Settings of the bulk-load mode (the cluster is throwaway): no WAL for tables created or truncated in the loading
# transaction, no fsync, no full-page images. Reset, with a restart, before anything is measured.
BULK_SETTINGS = {"wal_level": "minimal", "max_wal_senders": "0", "fsync": "off", "full_page_writes": "off",
                 "synchronous_commit": "off", "autovacuum": "off"}
RESULTS = os.environ.get("BENCH_RESULTS") or os.path.join(BENCH, "results")
NOISY_LOAD = 1.5
SUSTAIN_DEFAULT = {"1m": 300}
OWNER, OWNER_PASSWORD, DATABASE = "catalog_owner", "bench", "catalog"
# The read pool sized for this machine's database, two cores (Database:ReadMaxPoolSize; docs/operations.md): four
# connections, which the ceiling gets too. With Npgsql's 50 (100 for the ceiling) the 16 connections of a closed loop
# each had a PostgreSQL backend competing for the two cores: measured 2026-12-04 at 1m, product detail 4,040-4,270 rps
# with 50, 5,000-5,340 with 4 (and a p50 at a fixed rate about half as long); the ceiling 51-64k -> 58-64k per 8 s.
READ_POOL_SIZE = 4
READ_POOL_SETTINGS = f";Max Auto Prepare=32;Auto Prepare Min Usages=2;No Reset On Close=true;Maximum Pool Size={READ_POOL_SIZE}"
ADMIN_EMAIL, ADMIN_PASSWORD = "bench-admin@demo.catalog.test", "bench-admin-password-2026"
SIGNING_KEY = "benchmark-signing-key-0123456789abcdef0123456789"
CLK_TCK = os.sysconf("SC_CLK_TCK")


def log(message):
    print(time.strftime("%H:%M:%S"), message, flush=True)


def sh(command, **kwargs):
    return subprocess.run(command, shell=True, check=True, text=True, capture_output=True, executable="/bin/bash", **kwargs).stdout


class Cluster:
    def __init__(self, size):
        self.size = size
        self.dir = f"{BENCH_ROOT}/{size}"
        self.port = PORTS[size]
        self.standby_port = None  # set while a --replica run's standby runs

    def start(self):
        sh(f"source {BENCH}/pg.sh && pg_start {self.dir} {self.port}")

    def stop(self):
        sh(f"source {BENCH}/pg.sh && pg_stop {self.dir}")

    def restart(self):
        self.stop()
        self.start()

    def bulk_mode(self, on):
        """ALTER SYSTEM the bulk-load settings in (on) or out (off) and restart, so wal_level takes effect."""
        if on:
            for name, value in BULK_SETTINGS.items():
                self.psql(f"ALTER SYSTEM SET {name} = '{value}'", "postgres")
        else:
            self.psql("ALTER SYSTEM RESET ALL", "postgres")
        self.restart()
        if not on:
            self.psql("CHECKPOINT", "postgres")

    def settings(self):
        names = ", ".join(f"'{n}'" for n in BULK_SETTINGS)
        return dict(line.split("|") for line in self.psql(f"SELECT name, setting FROM pg_settings WHERE name IN ({names}) ORDER BY name", "postgres").splitlines())

    def conn(self, superuser=False, port=None):
        user = "postgres" if superuser else OWNER
        return f"Host=127.0.0.1;Port={port or self.port};Database={DATABASE};Username={user};Password={OWNER_PASSWORD}"

    def start_standby(self):
        """A fresh streaming standby of this cluster (bench/pg.sh pg_standby); returns its connection string."""
        port = self.port + STANDBY_PORT_SHIFT
        sh(f"source {BENCH}/pg.sh && pg_standby {self.dir}-standby {self.port} {port}")
        self.standby_port = port
        return self.conn(port=port)

    def stop_standby(self):
        sh(f"source {BENCH}/pg.sh && pg_stop {self.dir}-standby")
        self.standby_port = None

    def servers(self):
        """The ports of the servers that run the API's statements: the primary, and the standby while one serves the reads."""
        return [self.port] + ([self.standby_port] if self.standby_port else [])

    def psql(self, sql, database=DATABASE, port=None):
        return subprocess.run(["psql", "-X", "-qAt", "-h", "127.0.0.1", "-p", str(port or self.port), "-U", "postgres", "-d", database,
                               "-v", "ON_ERROR_STOP=1", "-c", sql], check=True, text=True, capture_output=True).stdout

    def postmaster_pid(self):
        with open(f"{self.dir}/data/postmaster.pid") as f:
            return int(f.readline())

    def cpu_seconds(self):
        """postmaster (with reaped children) + live backends."""
        pid = self.postmaster_pid()
        total = proc_cpu(pid, include_children=True)
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    with open(f"/proc/{entry}/stat") as f:
                        fields = f.read().rsplit(")", 1)[1].split()
                    if int(fields[1]) == pid:
                        total += (int(fields[11]) + int(fields[12])) / CLK_TCK
                except (FileNotFoundError, ProcessLookupError, IndexError):
                    pass
        return total


def proc_cpu(pid, include_children=False):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    ticks = int(fields[11]) + int(fields[12])
    if include_children:
        ticks += int(fields[13]) + int(fields[14])
    return ticks / CLK_TCK


def children_cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def rss_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


class RssSampler(threading.Thread):
    def __init__(self, pid, interval=0.5):
        super().__init__(daemon=True)
        self.pid, self.interval, self.samples, self.running = pid, interval, [], True

    def run(self):
        while self.running:
            try:
                self.samples.append(rss_mb(self.pid))
            except FileNotFoundError:
                return
            time.sleep(self.interval)

    def stop(self):
        self.running = False
        self.join()
        return self.samples


def http(method, url, body=None, headers=None, timeout=30):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json", **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return 0, b""


def wait_ready(url, seconds=180):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if http("GET", url, timeout=5)[0] == 200:
            return True
        time.sleep(0.5)
    return False


def start_api(cluster, port, cache, read_connection=None, redis=None, openapi=False):
    """The API as production runs it (OpenApi:Enabled false, appsettings.json); openapi=True only for the short-lived
    instance that hands the suite the API's paths (api_paths)."""
    env = dict(os.environ)
    if read_connection:
        env["ConnectionStrings__CatalogRead"] = read_connection
    if redis:
        env["ConnectionStrings__Redis"] = redis
    env.update({
        "ASPNETCORE_ENVIRONMENT": "Production",
        "ASPNETCORE_URLS": f"http://127.0.0.1:{port}",
        "ConnectionStrings__Catalog": cluster.conn(),
        "Jwt__SigningKey": SIGNING_KEY,
        "Database__MigrateOnStartup": "true",
        "Database__ReadMaxPoolSize": str(READ_POOL_SIZE),
        "Bootstrap__AdminEmail": ADMIN_EMAIL,
        "Bootstrap__AdminPassword": ADMIN_PASSWORD,
        "OpenApi__Enabled": "true" if openapi else "false",
        "Logging__LogLevel__Default": "Warning",
        "Jobs__Enabled": "false",
        # The uncached API measures every read against the database with the output cache switched off (a unique
        # query key per request would instead fill the cache and have it evict continuously); the cache-warm API keeps it.
        "Caching__ServerCacheEnabled": "true" if cache else "false",
        # Limits stay on (their cost is part of a request) but high enough never to answer 429 here.
        "RateLimiting__AnonymousPermitsPerMinute": "100000000",
        "RateLimiting__UserPermitsPerMinute": "100000000",
        "RateLimiting__AuthPermitsPerMinute": "100000000",
    })
    logfile = open(f"{cluster.dir}/api-{port}.log", "w")
    started = time.time()
    process = subprocess.Popen(["dotnet", WEBAPI_DLL], env=env, stdout=logfile, stderr=subprocess.STDOUT, cwd=os.path.dirname(WEBAPI_DLL))
    if not wait_ready(f"http://127.0.0.1:{port}/health/ready"):
        process.kill()
        raise RuntimeError(f"API on {port} not ready; see {cluster.dir}/api-{port}.log")
    return process, time.time() - started


def api_paths(cluster, read_connection=None, redis=None):
    """The OpenAPI paths of the build, from a short-lived instance with the document switched on (it also migrates the
    database, so its start time is the API's start time with migrations). The measured API runs with the document off,
    as production does: generating it JIT-compiles and loads the OpenAPI generator, which the measured process would
    otherwise carry in its memory through every scenario (ADR-120)."""
    process, seconds = start_api(cluster, CACHED_API_PORT, cache=False, read_connection=read_connection, redis=redis, openapi=True)
    try:
        status, body = http("GET", f"http://127.0.0.1:{CACHED_API_PORT}/openapi/v1.json")
        return (json.loads(body)["paths"] if status == 200 else {}), seconds
    finally:
        process.terminate()
        process.wait(30)


def start_redis(cluster):
    """--redis: a throwaway redis-server (no persistence) on REDIS_PORT; returns the process and its address."""
    logfile = open(f"{cluster.dir}/redis.log", "w")
    process = subprocess.Popen(["redis-server", "--port", str(REDIS_PORT), "--bind", "127.0.0.1", "--dir", tempfile.mkdtemp(prefix="catalog-bench-redis-"),
                                "--save", "", "--appendonly", "no", "--loglevel", "warning"], stdout=logfile, stderr=subprocess.STDOUT)
    for _ in range(100):
        if subprocess.run(["redis-cli", "-p", str(REDIS_PORT), "ping"], text=True, capture_output=True).stdout.strip() == "PONG":
            return process, f"127.0.0.1:{REDIS_PORT}"
        time.sleep(0.1)
    process.kill()
    raise RuntimeError(f"redis-server on {REDIS_PORT} did not answer PING; see {cluster.dir}/redis.log")


def propagation(cluster, redis):
    """--replica: how long after a write's position is announced another instance knows it, by NOTIFY and (--redis) by
    Redis pub/sub and the Redis key (the Benchmarks tool's propagation command, ADR-107)."""
    args = ["dotnet", TOOL_DLL, "propagation", "--connection", cluster.conn(), "--rounds", "2000"] + (["--redis", redis] if redis else [])
    try:
        output = subprocess.run(args, check=True, text=True, capture_output=True, timeout=300).stdout
        return json.loads(next(l for l in output.splitlines() if l.startswith("PROPAGATIONJSON "))[16:])
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired, StopIteration, ValueError) as e:
        loud(f"{cluster.size}: the propagation measurement failed: {str(getattr(e, 'stderr', None) or e)[:300]}")
        return None


def start_ceiling(cluster):
    logfile = open(f"{cluster.dir}/ceiling.log", "w")
    # The ceiling's pool is set up as the API's read pool is by default (ADR-034: auto-prepared statements, no reset on
    # close), so that the two run the same SQL the same way and the ratio measures the pipeline, not the protocol.
    process = subprocess.Popen(["dotnet", TOOL_DLL, "ceiling", "--connection", cluster.conn() + READ_POOL_SETTINGS, "--urls", f"http://127.0.0.1:{CEILING_PORT}",
                                "--scenarios", os.path.join(BENCH, "scenarios.json")], stdout=logfile, stderr=subprocess.STDOUT)
    if not wait_ready(f"http://127.0.0.1:{CEILING_PORT}/static", 180):
        loud(f"{cluster.size}: the in-process ceiling did not answer /static within 180 s; see {cluster.dir}/ceiling.log")
    return process


def loader_version():
    return sh("git log -1 --format=%h -- tests/Benchmarks/Loading src/DevelopmentDatabase/DemoData src/Infrastructure/Database/DemoData", cwd=ROOT).strip()


def loaded_version(size):
    try:
        with open(f"{BENCH_ROOT}/{size}/loaded.json") as f:
            return json.load(f).get("loaderVersion")
    except (FileNotFoundError, ValueError):
        return None


def load(cluster):
    marker = f"{cluster.dir}/loaded.json"
    # A size loaded by another version of the loader or generator is loaded again (the data or its indexes may differ).
    version = loader_version()
    if os.path.exists(marker):
        with open(marker) as f:
            loaded = json.load(f)
        if loaded.get("loaderVersion") == version:
            return loaded
        log(f"{cluster.size} was loaded by loader {loaded.get('loaderVersion', 'of an older suite')}, not {version}: loading again")
    cluster.psql(f"DO $$ BEGIN CREATE ROLE {OWNER} LOGIN PASSWORD '{OWNER_PASSWORD}'; EXCEPTION WHEN duplicate_object THEN NULL; END $$", "postgres")
    cluster.psql(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)", "postgres")
    cluster.psql(f"CREATE DATABASE {DATABASE} OWNER {OWNER}", "postgres")
    env = dict(os.environ, ASPNETCORE_ENVIRONMENT="Production", ConnectionStrings__Catalog=cluster.conn(), Jwt__SigningKey=SIGNING_KEY)
    subprocess.run(["dotnet", WEBAPI_DLL, "migrate"], env=env, check=True, capture_output=True, cwd=os.path.dirname(WEBAPI_DLL))
    cluster.psql("CREATE EXTENSION IF NOT EXISTS pg_stat_statements")
    log(f"loading {cluster.size} (bulk-load mode: {', '.join(f'{k}={v}' for k, v in BULK_SETTINGS.items())}) ...")
    cluster.bulk_mode(True)
    started, pg_cpu, tool_cpu = time.time(), cluster.cpu_seconds(), children_cpu()
    try:
        output = subprocess.run(["dotnet", TOOL_DLL, "load", "--size", cluster.size, "--connection", cluster.conn(superuser=True)],
                                check=True, text=True, capture_output=True).stdout
    except subprocess.CalledProcessError as e:
        sys.exit(f"load of {cluster.size} failed:\n{e.stdout}\n{e.stderr}")
    seconds = round(time.time() - started, 1)
    # CPU seconds of PostgreSQL and of the loader: on a shared machine, CPU ÷ 2 cores is what the load would take idle
    # if both cores stay busy (a lower bound; the wall time on an idle machine is the real figure).
    cpu = {"postgres": round(cluster.cpu_seconds() - pg_cpu, 1), "loader": round(children_cpu() - tool_cpu, 1)}
    cluster.bulk_mode(False)
    result = {"seconds": seconds, "loaderVersion": version, "cpuSeconds": cpu, "secondsWithRestore": round(time.time() - started, 1), "log": output,
              "loadAvgDuringLoad": open("/proc/loadavg").read().split()[:3]}
    with open(marker, "w") as f:
        json.dump(result, f)
    log(f"loaded {cluster.size} in {result['seconds']} s (CPU seconds: PostgreSQL {cpu['postgres']}, loader {cpu['loader']})")
    return result


def settle(cluster, limit=300):
    """Before anything is measured: one unthrottled VACUUM (ANALYZE) after a load (the loader vacuums the catalog tables
    but only analyzes the 5M-row audit log, whose inserts would otherwise start autovacuum workers during the first
    scenarios), then wait until no autovacuum worker runs. Returns what was done (kept in bench/results/<size>.json as "settle")."""
    marker = f"{cluster.dir}/loaded.json"
    with open(marker) as f:
        loaded = json.load(f)
    done = {}
    if not loaded.get("vacuumedAfterLoad"):
        started = time.time()
        cluster.psql("VACUUM (ANALYZE)")
        done["vacuumSeconds"] = round(time.time() - started, 1)
        loaded["vacuumedAfterLoad"] = True
        with open(marker, "w") as f:
            json.dump(loaded, f)
        log(f"{cluster.size}: VACUUM (ANALYZE) after the load took {done['vacuumSeconds']} s")
    started = time.time()
    while time.time() - started < limit:
        workers = int(cluster.psql("SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'autovacuum worker'", "postgres"))
        if workers == 0:
            break
        time.sleep(2)
    done["autovacuumWaitSeconds"] = round(time.time() - started, 1)
    if done["autovacuumWaitSeconds"] >= limit:
        loud(f"{cluster.size}: autovacuum still running after {limit} s; the figures may be noisy")
    # The load wrote its files with fsync off and the VACUUM set hint bits on every page: gigabytes the kernel would
    # otherwise write back (and a checkpoint flush) while the first scenarios run. Write them now.
    started, dirty = time.time(), dirty_mb()
    cluster.psql("CHECKPOINT", "postgres")
    os.sync()
    done["flush"] = {"dirtyMbBefore": dirty, "seconds": round(time.time() - started, 1)}
    return done


def dirty_mb():
    with open("/proc/meminfo") as f:
        return next((int(line.split()[1]) // 1024 for line in f if line.startswith("Dirty:")), None)


def parameter_sets(cluster, api, admin_headers, walk=True):
    def rows(sql):
        return [line.split("|") for line in cluster.psql(sql).splitlines() if line]

    # The rows the suite's own product-create adds ("Bench Product <token>", sku BENCH-<token>) stay out of every sample:
    # their third word is a unique token, a search for which finds nothing by name and falls through to the trigram
    # fallback (~100 ms at 1m instead of ~4), so a cluster reused after write runs would measure another search.
    loaded = "coalesce(sku, '') NOT LIKE 'BENCH-%'"
    published = f"deleted_at IS NULL AND is_active AND status = 'published' AND {loaded}"
    sets = {
        "none": [{}],
        "products": [{"slug": r[0]} for r in rows(f"SELECT slug FROM products WHERE {published} ORDER BY md5(id::text) LIMIT 200")],
        "reviewed": [{"slug": r[0]} for r in rows(f"SELECT slug FROM products WHERE {published} AND review_count >= 3 ORDER BY md5(id::text) LIMIT 200")],
        "categories": [{"category": r[0]} for r in rows("SELECT slug FROM categories WHERE depth = 2 ORDER BY md5(id::text) LIMIT 40")],
        "terms": [{"term": r[0]} for r in rows(f"SELECT DISTINCT lower(split_part(name, ' ', 3)) FROM (SELECT name FROM products WHERE {loaded} ORDER BY md5(id::text) LIMIT 400) s LIMIT 40")],
        "product-ids": [{"id": r[0]} for r in rows(f"SELECT id FROM products WHERE {published} ORDER BY md5(id::text) LIMIT 200")],
        "users": [{"email": f"user{i}@demo.catalog.test"} for i in range(0, 200)],
        "refs": [{"categoryId": r[0], "brandId": r[1]} for r in rows(
            "SELECT c.id, b.id FROM (SELECT id, row_number() OVER (ORDER BY md5(id::text)) n FROM categories WHERE depth = 4 LIMIT 20) c "
            "JOIN (SELECT id, row_number() OVER (ORDER BY md5(id::text)) n FROM brands LIMIT 20) b USING (n)")],
    }
    # Pages 1,000 and 10,000 of the newest-first walk (or the deepest full page a smaller size has): walk the API page
    # by page for their cursors, as a client would. deep-page: page 1,000; deeper-page: page 10,000.
    total = int(cluster.psql(f"SELECT count(*) FROM products WHERE {published}"))
    wanted = {"deep-page": min(1000, total // 20), "deeper-page": min(10000, total // 20)} if walk else {}
    cursor, walked = None, 1
    status, body = http("GET", f"{api}/api/v1/products?limit=20")
    for name, page in sorted(wanted.items(), key=lambda kv: kv[1]):
        while status == 200 and walked < page:
            cursor = json.loads(body).get("nextCursor")
            if not cursor:
                break
            status, body = http("GET", f"{api}/api/v1/products?limit=20&cursor={urllib.request.quote(cursor)}")
            walked += 1
        if status == 200 and cursor:
            key = rows(f"SELECT created_at, id FROM v_storefront_catalog ORDER BY created_at DESC, id DESC OFFSET {(walked - 1) * 20 - 1} LIMIT 1")[0]
            sets[name] = [{"cursor": urllib.request.quote(cursor), "kcreated": key[0], "kid": key[1], "page": walked}]
    return sets


def fill(template, values):
    return re.sub(r"\{(\w+)\}", lambda m: str(values[m.group(1)]) if m.group(1) in values else m.group(0), template)


def sql_literal(sql, values):
    return re.sub(r"@(\w+)", lambda m: "'" + str(values[m.group(1)]).replace("'", "''") + "'", sql)


def sql_names(sql):
    """The scenario SQL's parameters, each once, in order of first use (the product list names @category five times)."""
    return list(dict.fromkeys(re.findall(r"@(\w+)", sql)))


def pgbench_script(sql, params, path):
    """One pgbench script for the scenario: each transaction draws one of the scenario's parameter sets at random, as wrk
    does for the API and the ceiling (all of them, not the first 50), and one prepared statement serves them all, as in the
    API. Each @name becomes the drawn set's value, `(ARRAY[...])[:i]`: with -M prepared, :i is the statement's only
    parameter, so PostgreSQL plans it once per connection and chooses between custom and generic plans as it does for the
    API's parameters. (Until 2026-12-07 each set was its own script with literals: every client planned every script,
    16 clients x 40 list scripts x 8-17 ms at 1m, seconds of planning inside an 8 s run.)"""
    def literal(value):
        return "'" + str(value).replace("'", "''") + "'"
    names = sql_names(sql)
    arrays = {n: "(ARRAY[" + ", ".join(literal(v[n]) for v in params) + "])[:i]" for n in names}
    with open(path, "w") as f:
        if names:
            f.write(f"\\set i random(1, {len(params)})\n")
        f.write(re.sub(r"@(\w+)", lambda m: arrays[m.group(1)], sql) + ";\n")
    return [path]


def sql_shape(sql):
    """SQL with its parameters and constants blanked and its whitespace removed: the scenario's text (@name, NULL::uuid
    where the API sends a null parameter) and the API's statement as pg_stat_statements shows it ($n, constants as $n)
    have the same shape when they are the same statement."""
    sql = re.sub(r"'(?:[^']|'')*'", "?", sql)
    sql = re.sub(r"NULL::\w+|@\w+|\$\d+|(?<![\w.])\d+(?:\.\d+)?(?!\w)|\b(?:true|false)\b", "?", sql, flags=re.I)
    return re.sub(r"\s+", "", sql).lower()


def sql_is_the_apis(cluster, sql):
    """Whether every statement of the scenario's SQL is one the API ran since pg_stat_statements was last reset, on the
    primary or (--replica) on the standby that served the reads."""
    ran = {sql_shape(q) for port in cluster.servers()
           for q in cluster.psql("SELECT string_agg(query, chr(30)) FROM pg_stat_statements WHERE calls > 1", port=port).split("\x1e")}
    return all(sql_shape(statement) in ran for statement in sql.split(";\n"))


def reset_statements(cluster):
    """pg_stat_statements_reset() on the primary and on the standby if one runs (a hot standby keeps its own statistics)."""
    for port in cluster.servers():
        cluster.psql("SELECT pg_stat_statements_reset()", port=port)


def run_wrk(url_base, targets_file, seconds, connections, headers, label):
    args = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "-s", os.path.join(BENCH, "wrk.lua"), url_base, "--", targets_file, label]
    args += [f"{k}: {v}" for k, v in headers.items()]
    output = subprocess.run(args, check=True, text=True, capture_output=True).stdout
    line = next(l for l in output.splitlines() if l.startswith("WRKJSON "))
    result = json.loads(line[8:])
    result["rps"] = result["requests"] / (result["durationUs"] / 1e6)
    return result


def run_open_loop(url_base, targets_file, rate, seconds, headers, connections):
    """Constant arrival rate over a fixed pool of `connections` keep-alive connections (the closed loop's concurrency)."""
    args = ["dotnet", TOOL_DLL, "open-loop", "--base", url_base, "--targets-file", targets_file, "--rate", f"{rate:.1f}",
            "--duration", str(seconds), "--connections", str(connections)]
    for k, v in headers.items():
        args += ["--header", f"{k}: {v}"]
    output = subprocess.run(args, check=True, text=True, capture_output=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def run_pgbench(cluster, scripts, seconds, clients):
    args = ["pgbench", "-n", "-h", "127.0.0.1", "-p", str(cluster.port), "-U", OWNER, "-M", "prepared", "-c", str(clients), "-j", "2", "-T", str(seconds)]
    for script in scripts:
        args += ["-f", script]
    output = subprocess.run(args + [DATABASE], check=True, text=True, capture_output=True, env=dict(os.environ, PGPASSWORD=OWNER_PASSWORD)).stdout
    tps = float(re.search(r"tps = ([\d.]+) \(without initial connection time\)", output).group(1))
    latency = float(re.search(r"latency average = ([\d.]+) ms", output).group(1))
    return {"tps": tps, "latencyAvgMs": latency}


def run_pgbench_fixed_rate(cluster, scripts, rate, seconds, clients, workdir, settle=15):
    """pgbench at a fixed rate (`-R`, the open loop's rate) with a per-transaction log: the latency percentiles of
    PostgreSQL alone, with no API and no .NET driver on the machine, under the same offered load. A transaction's
    latency counts from its scheduled start (pgbench's own rule under -R), as the open loop's does. The first `settle`
    seconds are left out: pgbench opens its connections then, each new backend plans each of the 50 statements
    (8-17 ms apiece for the detail and list SQL at 1m), and the schedule falls behind until that backlog is served."""
    prefix = os.path.join(workdir, f"pgbench-rate-{time.time_ns()}")
    args = ["pgbench", "-n", "-h", "127.0.0.1", "-p", str(cluster.port), "-U", OWNER, "-M", "prepared", "-c", str(clients), "-j", "2",
            "-T", str(seconds + settle), "-R", f"{rate:.1f}", "-l", "--log-prefix", prefix]
    for script in scripts:
        args += ["-f", script]
    subprocess.run(args + [DATABASE], check=True, text=True, capture_output=True, env=dict(os.environ, PGPASSWORD=OWNER_PASSWORD))
    rows = []
    for path in glob.glob(prefix + "*"):
        with open(path) as f:
            for line in f:
                parts = line.split()  # client transaction latency_us script epoch_s epoch_us lag_us
                if len(parts) >= 6 and parts[2] != "skipped":
                    rows.append((int(parts[4]) + int(parts[5]) / 1e6, float(parts[2]) / 1000))
        os.remove(path)
    if not rows:
        return None
    start = min(t for t, _ in rows)
    latencies = sorted(ms for t, ms in rows if t >= start + settle)
    if not latencies:
        return None
    pick = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))]
    return {"rate": rate, "transactions": len(latencies), "seconds": seconds, "p50": pick(0.5), "p90": pick(0.9), "p99": pick(0.99), "max": latencies[-1]}


def statements(cluster, requests):
    """Statements per request and the most called ones, on the primary and (--replica) the standby together."""
    result = []
    for port in cluster.servers():
        top = cluster.psql("SELECT calls, round(mean_exec_time::numeric, 3), regexp_replace(query, '\\s+', ' ', 'g') FROM pg_stat_statements "
                           "WHERE query NOT ILIKE '%pg_stat_statements%' ORDER BY calls DESC LIMIT 6", port=port)
        for line in top.splitlines():
            calls, mean, query = line.split("|", 2)
            result.append({"calls": int(calls), "meanMs": float(mean), "query": query[:300]})
    top = sorted(result, key=lambda r: -r["calls"])[:6]
    return {"perRequest": round(sum(r["calls"] for r in top) / max(1, requests), 2), "top": top}


def tiering_cpu_seconds(pid):
    """CPU seconds of the runtime's background tiered-compilation thread ('.NET Tiered Com') of process `pid`."""
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/comm") as f:
                if not f.read().startswith(".NET Tiered"):
                    continue
            with open(f"/proc/{pid}/task/{tid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / CLK_TCK
        except (FileNotFoundError, ProcessLookupError):
            continue
    return 0.0


def warm_up(pid, run, seconds, rounds=8, idle=0.05):
    """Closed-loop warm-up of `seconds`, repeated (up to `rounds` times) until the process's tiered JIT is done: a
    .NET process needs 20-25 s of sustained load before its hot methods are recompiled at tier 1 (measured 2026-12-06:
    product detail ran 3,200-3,900 rps in the first 15 s and 10,400 from 25 s on, once the tiering thread was idle).
    Returns the seconds spent."""
    spent = 0
    for _ in range(rounds):
        before = tiering_cpu_seconds(pid) if pid else 0.0
        run(seconds)
        spent += seconds
        if not pid or tiering_cpu_seconds(pid) - before <= idle:
            break
    return spent


def metric_lines(api_base):
    """The lines of the API's /metrics (none when it does not answer 200)."""
    status, body = http("GET", f"{api_base}/metrics")
    return body.decode(errors="replace").splitlines() if status == 200 else []


def reads_by_server(api_base):
    """catalog_db_reads_total from the API's /metrics, summed by server ({} when no replica is configured)."""
    counts = {}
    for line in metric_lines(api_base):
        match = re.match(r'catalog_db_reads_total\{[^}]*catalog_db_server="(\w+)"[^}]*\}\s+([0-9.e+]+)', line)
        if match:
            counts[match.group(1)] = counts.get(match.group(1), 0) + float(match.group(2))
    return counts


def write_waits(api_base):
    """catalog.db.write_wait (NOTIFY mode, ADR-113) from the API's /metrics: {outcome: [count, sum of ms]}."""
    waits = {}
    for line in metric_lines(api_base):
        match = re.match(r'catalog_db_write_wait\w*_(count|sum)\{[^}]*catalog_db_outcome="(\w+)"[^}]*\}\s+([0-9.e+]+)', line)
        if match:
            waits.setdefault(match.group(2), [0.0, 0.0])[0 if match.group(1) == "count" else 1] += float(match.group(3))
    return waits


def write_wait_delta(before, after):
    """Per outcome, the writes of the run and their mean wait in ms."""
    delta = {}
    for outcome, (count, total) in after.items():
        count0, total0 = before.get(outcome, [0.0, 0.0])
        if count - count0 > 0:
            delta[outcome] = {"writes": int(count - count0), "meanMs": (total - total0) / (count - count0)}
    return delta


def replica_share(before, after):
    replica, primary = after.get("replica", 0) - before.get("replica", 0), after.get("primary", 0) - before.get("primary", 0)
    return {"replicaReads": int(replica), "primaryReads": int(primary), "share": replica / (replica + primary) if replica + primary else None}


def measure(scenario, cluster, api_process, api_base, sets, auth_headers, options, workdir, ceiling_process=None):
    params = sets.get(scenario["params"])
    if not params:
        return {"measured": False, "reason": f"no parameter set '{scenario['params']}' (the data or the endpoint it is drawn from is missing)"}
    headers = auth_headers.get(scenario.get("auth", "none"))
    if headers is None:
        return {"measured": False, "reason": f"no credentials for auth '{scenario['auth']}' (sign-in or API-key endpoint not available)"}
    name, conc, seconds = scenario["name"], scenario.get("concurrency", options.concurrency), options.duration
    # Anonymous reads are not answered from the output cache: this API runs with Caching:ServerCacheEnabled=false
    # (start_api), which statements-per-request confirms. Cache-warm is measured apart, on an API with the cache on.
    wrk_file, open_file = os.path.join(workdir, f"{name}.wrk"), os.path.join(workdir, f"{name}.jsonl")
    with open(wrk_file, "w") as w, open(open_file, "w") as o:
        for values in params:
            path, body = fill(scenario["path"], values), fill(scenario.get("body") or "", values)
            w.write(f"{scenario['method']}\t{path}\t{body}\n")
            o.write(json.dumps({"M": scenario["method"], "U": path, "B": body or None}) + "\n")
    status, _ = http(scenario["method"], api_base + fill(scenario["path"], {**params[0], "n": "x" + str(time.time_ns())}),
                     json.loads(fill(scenario["body"], {**params[0], "n": "x" + str(time.time_ns())})) if scenario.get("body") else None, headers)
    if status not in (200, 201):
        loud(f"{cluster.size} {name}: probe request answered {status}: {_[:300]!r}")
        return {"measured": False, "reason": f"probe request answered {status}: {_[:200].decode(errors='replace')}"}
    warmed = warm_up(api_process.pid, lambda d: run_wrk(api_base, wrk_file, d, conc, headers, f"w{time.time_ns()}"), options.warmup)

    reset_statements(cluster)
    api_cpu, pg_cpu = proc_cpu(api_process.pid), cluster.cpu_seconds()
    sampler = RssSampler(api_process.pid)
    reads_before = reads_by_server(api_base) if options.replica else {}
    waits_before = write_waits(api_base) if options.replica else {}
    # With a replica, a write scenario runs with anonymous product-detail reads beside it (4 connections), so that the
    # share of reads the replica serves while writes happen is measured; its rps is the writes' alone.
    reader = None
    if options.replica and scenario["method"] != "GET" and sets.get("products"):
        reads_file = os.path.join(workdir, f"{name}-reads.wrk")
        with open(reads_file, "w") as f:
            for values in sets["products"]:
                f.write(f"GET\t{fill('/api/v1/products/{slug}', values)}\t\n")
        reader = threading.Thread(target=lambda: run_wrk(api_base, reads_file, seconds, 4, {}, f"rd{time.time_ns()}"))
        reader.start()
    sampler.start()
    peak = run_wrk(api_base, wrk_file, seconds, conc, headers, f"p{time.time_ns()}")
    samples = sampler.stop()
    if reader:
        reader.join()
    reads_after = reads_by_server(api_base) if options.replica else {}
    waits_after = write_waits(api_base) if options.replica else {}
    api_cpu, pg_cpu = proc_cpu(api_process.pid) - api_cpu, cluster.cpu_seconds() - pg_cpu
    # pgbench and the ceiling run the scenario's SQL: it must be what the API ran during the peak (the API's SQL changes).
    sql_matches = sql_is_the_apis(cluster, scenario["sql"]) if scenario.get("sql") else None
    if sql_matches is False:
        loud(f"{cluster.size} {name}: the scenario's SQL is not a statement the API ran; pgbench and the ceiling measure something else (update bench/scenarios.json)")
    result = {
        "measured": True, "concurrency": conc, "peak": peak, "page": params[0].get("page"),
        "apiCpuMsPerRequest": 1000 * api_cpu / max(1, peak["requests"]),
        "pgCpuMsPerRequest": 1000 * pg_cpu / max(1, peak["requests"]),
        "rssMaxMb": max(samples) if samples else None,
        "warmupSeconds": warmed,
        "statements": statements(cluster, peak["requests"]),
        "sqlIsTheApis": sql_matches,
    }
    if options.replica:
        # The share of the peak run's reads the replica served (the rest waited past Database:ReplicaMaxWaitMs or found it down).
        result["replica"] = replica_share(reads_before, reads_after)
        # NOTIFY mode (ADR-113): how long the peak run's writes waited for the replica before answering.
        if waits := write_wait_delta(waits_before, waits_after):
            result["replica"]["writeWait"] = waits
    rate = max(1.0, peak["rps"] / 2)
    result["openLoop"] = run_open_loop(api_base, open_file, rate, options.latency_duration, headers, conc)
    # Like the ratio below, a p99 target is judged on the median of rounds run back to back when the scenario asks for
    # them: on this shared VM one 10 s window's p99 moved between 3 and 17 ms for the same build within the hour.
    latency_rounds = scenario.get("latencyRounds", 0)
    if latency_rounds > 1:
        rounds = [result["openLoop"]] + [run_open_loop(api_base, open_file, rate, options.latency_duration, headers, conc) for _ in range(latency_rounds - 1)]
        result["openLoopRounds"] = [{k: r[k] for k in ("achievedRps", "skipped", "p50", "p99", "max")} for r in rounds]
        result["p99Median"] = sorted(r["p99"] for r in rounds)[len(rounds) // 2]
    result["failures"] = failures(peak, result["openLoop"])
    if result["failures"]:
        loud(f"{cluster.size} {name}: NON-2xx ANSWERS — {'; '.join(result['failures'])}")

    if scenario.get("sql"):
        # PostgreSQL alone through as many connections as the API's read pool (and the ceiling's) holds: the API's 16
        # HTTP connections share READ_POOL_SIZE backends; 16 pgbench clients were 16 backends on the two cores.
        scripts = pgbench_script(scenario["sql"], params, os.path.join(workdir, f"{name}.sql"))
        clients = min(conc, READ_POOL_SIZE)
        result["pgbenchClients"] = clients
        result["pgbench"] = run_pgbench(cluster, scripts, seconds, clients)
        result["pgbenchFixedRate"] = run_pgbench_fixed_rate(cluster, scripts, rate, options.latency_duration, clients, workdir)
        ceiling_file = os.path.join(workdir, f"{name}.ceiling")
        with open(ceiling_file, "w") as f:
            for values in params:
                # Each name once: with @category five times in the SQL, the ceiling got category=x five times and bound
                # "x,x,x,x,x", a category that does not exist, so it measured an empty page (until 2026-12-07).
                query = "&".join(f"{k}={urllib.request.quote(str(values[k]))}" for k in sql_names(scenario["sql"]))
                f.write(f"GET\t/ceiling/{name}?{query}\t\n")
        result["ceilingWarmupSeconds"] = warm_up(ceiling_process.pid if ceiling_process else None,
                                                 lambda d: run_wrk(f"http://127.0.0.1:{CEILING_PORT}", ceiling_file, d, conc, {}, "cw"), options.warmup)
        result["ceiling"] = run_wrk(f"http://127.0.0.1:{CEILING_PORT}", ceiling_file, seconds, conc, {}, "c")
        # The machine's speed drifts by ±20 % within a minute (a shared VM): a ratio target is judged on the median of
        # API/ceiling pairs run back to back, not on two runs ~30 s apart.
        rounds = scenario.get("ratioRounds", 0)
        if rounds:
            pairs = []
            for i in range(rounds):
                api_run = run_wrk(api_base, wrk_file, seconds, conc, headers, f"r{i}{time.time_ns()}")
                ceiling_run = run_wrk(f"http://127.0.0.1:{CEILING_PORT}", ceiling_file, seconds, conc, {}, f"q{i}")
                pairs.append({"apiRps": api_run["rps"], "ceilingRps": ceiling_run["rps"], "ratio": api_run["rps"] / max(ceiling_run["rps"], 1e-9)})
            result["ratioRounds"] = pairs
            result["ratioMedian"] = sorted(p["ratio"] for p in pairs)[len(pairs) // 2]
        ceiling_problems = [f"ceiling {p}" for p in failures(result["ceiling"], None)] + (["ceiling: no request completed"] if not result["ceiling"]["requests"] else [])
        if ceiling_problems:
            result["failures"] += ceiling_problems
            loud(f"{cluster.size} {name}: {'; '.join(ceiling_problems)}")
        explain = []
        for statement in sql_literal(scenario["sql"], params[0]).split(";\n"):
            explain.append(cluster.psql("EXPLAIN (ANALYZE, BUFFERS) " + statement))
        result["explain"] = explain
    return result


KEYSET_PAGES = ["keyset-page-1", "keyset-page-1000", "keyset-page-10000"]


def compare_keyset_pages(scenarios, api_base, workdir, options, rounds=5):
    """Pages 1, 1,000 and 10,000 of the keyset walk side by side: open loops at one common rate (the lowest of their
    half-peaks), in `rounds` rounds with the order rotated, so that "page 1,000 within 20 % of page 1" compares the
    pages under the same load and in the same minutes (each scenario's own open loop ran at its own rate, minutes apart:
    p50s under 1.5 ms moved by a third between such runs; with three rounds, page 1 alone moved 0.53-0.93 ms in one run)."""
    measured = [scenarios.get(name) for name in KEYSET_PAGES]
    if not all(m and m.get("measured") for m in measured):
        return None
    rate = min(m["openLoop"]["rate"] if "rate" in m["openLoop"] else m["peak"]["rps"] / 2 for m in measured)
    log(f"keyset pages 1 / 1,000 / 10,000 side by side at {rate:.0f}/s, {rounds} rounds ...")
    per_page = {name: [] for name in KEYSET_PAGES}
    for i in range(rounds):
        order = KEYSET_PAGES[i % 3:] + KEYSET_PAGES[:i % 3]
        for name in order:
            r = run_open_loop(api_base, os.path.join(workdir, f"{name}.jsonl"), rate, options.latency_duration, {}, options.concurrency)
            per_page[name].append({k: r[k] for k in ("p50", "p99", "max", "achievedRps")})
    median = lambda xs: sorted(xs)[len(xs) // 2]
    return {"rate": rate, "rounds": per_page,
            "medianP50": {name: median([r["p50"] for r in runs]) for name, runs in per_page.items()},
            "medianP99": {name: median([r["p99"] for r in runs]) for name, runs in per_page.items()}}


def warm_up_reads(api_base, scenarios, sets, auth_headers, options, workdir):
    """Before the first measurement: every read scenario for `warmup` s each, so that the first one measured does not
    pay for the API's start (tier-1 JIT of the shared pipeline, the read pool's connections and prepared statements)."""
    for scenario in scenarios:
        params, headers = sets.get(scenario["params"]), auth_headers.get(scenario.get("auth", "none"))
        if scenario["method"] != "GET" or not params or headers is None:
            continue
        target = os.path.join(workdir, f"warm-{scenario['name']}.wrk")
        with open(target, "w") as f:
            for values in params:
                f.write(f"GET\t{fill(scenario['path'], values)}\t\n")
        try:
            run_wrk(api_base, target, options.warmup, options.concurrency, headers, f"g{time.time_ns()}")
        except (subprocess.CalledProcessError, StopIteration, ValueError):
            pass


def failures(peak, open_loop):
    """Everything that was not a 2xx answer, in words (wrk counts non-2xx/3xx as status errors)."""
    out = []
    for key in ("errorsStatus", "errorsConnect", "errorsTimeout", "errorsRead"):
        if peak.get(key):
            out.append(f"peak run: {peak[key]} {key[6:].lower()} errors of {peak['requests']} requests")
    bad = {k: v for k, v in (open_loop or {}).get("statusCodes", {}).items() if not k.startswith("2")}
    if bad:
        out.append(f"open loop: non-2xx {bad} of {open_loop['sent']} requests")
    if (open_loop or {}).get("skipped"):
        out.append(f"open loop: {open_loop['skipped']} requests skipped (over {2000} in flight)")
    return out


def loud(message):
    bar = "!" * 100
    print(f"{bar}\n!!! {message}\n{bar}", flush=True)
    LOUD.append(message)


LOUD = []


def sign_in(api_base):
    status, body = http("POST", f"{api_base}/api/v1/auth/login", {"email": ADMIN_EMAIL, "password": ADMIN_PASSWORD})
    if status != 200:
        return None
    token = json.loads(body)["accessToken"]
    return {"Authorization": f"Bearer {token}"}


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


def console_sign_in(api_base):
    """The benchmark admin signed in to the console through its sign-in form, as a browser does: GET /admin/login for the
    antiforgery cookie and token, POST the form, keep the session cookie (__Secure-catalog-admin, possibly in chunks) it
    sets. Answers {"Cookie": ...} for wrk and the open-loop driver, or None."""
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(f"{api_base}/admin/login", timeout=30) as response:
            page, cookies = response.read().decode(errors="replace"), response.headers.get_all("Set-Cookie") or []
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None
    token = re.search(r'name="__RequestVerificationToken"[^>]*value="([^"]+)"', page)
    if not token:
        return None
    jar = "; ".join(c.split(";", 1)[0] for c in cookies)
    form = urllib.parse.urlencode({"_handler": "sign-in", "__RequestVerificationToken": token.group(1),
                                   "Input.Email": ADMIN_EMAIL, "Input.Password": ADMIN_PASSWORD}).encode()
    request = urllib.request.Request(f"{api_base}/admin/login", data=form, method="POST",
                                     headers={"Content-Type": "application/x-www-form-urlencoded", "Cookie": jar})
    try:
        response = opener.open(request, timeout=30)
        headers = response.headers
    except urllib.error.HTTPError as e:  # the 302 after a successful sign-in lands here with no redirect handler
        headers = e.headers
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None
    session = [c.split(";", 1)[0] for c in headers.get_all("Set-Cookie") or [] if c.startswith("__Secure-catalog-admin")]
    if not session:
        loud("signing in to the console failed (no session cookie); the console scenarios are not measured")
        return None
    return {"Cookie": "; ".join(session)}


def console_pages(cluster, api_base, cookie, categories=20):
    """Query strings of console product-list pages: for each of `categories` depth-2 categories (a subtree), published
    products in stock, page 1 and the page its "Next page" link (rel=next, the keyset cursor the console made) leads to."""
    if cookie is None:
        return []
    pages = []
    ids = [line for line in cluster.psql(f"SELECT id FROM categories WHERE depth = 2 ORDER BY md5(id::text) LIMIT {categories}").splitlines() if line]
    for category in ids:
        first = f"status=published&category={category}&inStock=true"
        status, body = http("GET", f"{api_base}/admin/products?{first}", headers=cookie)
        text = body.decode(errors="replace")
        if status != 200 or "<h1" not in text or "Sign in" in text.split("<h1", 1)[1][:200]:
            loud(f"console product list answered {status} without the list (signed out?); the console scenario is not measured")
            return []
        pages.append({"query": first})
        following = re.search(r'<a href="/admin/products\?([^"]+)" rel="next"', text)
        if following:
            pages.append({"query": following.group(1).replace("&amp;", "&")})
    return pages


def api_key(api_base, bearer):
    if bearer is None:
        return None
    # The key's own limit (requests per minute) at the API's maximum, ApiKey.MaxRateLimit = 1,000,000 (~16,700 rps):
    # far above what 2 cores serve, so the limiter runs but never answers 429 (the default, 1,000/min, would).
    status, body = http("POST", f"{api_base}/api/v1/api-keys", {"name": "benchmark", "permissions": ["products:read"], "rateLimit": 1_000_000}, bearer)
    if status != 201:
        loud(f"creating the benchmark API key answered {status}: {body[:300]!r}; the apikey-read scenario is not measured")
        return None
    return {"X-Api-Key": json.loads(body)["key"]}


def run_size(size, options):
    cluster = Cluster(size)
    os.makedirs(cluster.dir, exist_ok=True)
    size_started = time.time()
    sustain = options.sustain if options.sustain is not None else SUSTAIN_DEFAULT.get(size, 0)
    results = {"size": size, "when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "machine": machine(), "scenarios": {},
               "options": {"duration": options.duration, "latencyDuration": options.latency_duration, "warmup": options.warmup, "sustain": sustain, "concurrency": options.concurrency},
               "commit": sh("git rev-parse --short HEAD", cwd=ROOT).strip() + (" (with uncommitted changes)" if sh("git status --porcelain -uno", cwd=ROOT).strip() else "")}
    # The build that bench/run.sh just did (or a previous size) is still in the 1-minute average: let it decay first.
    results["machine"]["loadAvgAtStart"], results["machine"]["startWaitSeconds"] = settled_load_average()
    log(f"{size}: load average at start {' '.join(results['machine']['loadAvgAtStart'])} (after waiting {results['machine']['startWaitSeconds']} s)")
    if float(results["machine"]["loadAvgAtStart"][0]) > NOISY_LOAD:
        loud(f"{size}: load average {results['machine']['loadAvgAtStart'][0]} > {NOISY_LOAD} at the start: the figures of this run will be noisy")
    cluster.start()
    api = ceiling = redis = None
    try:
        if any(v != "on" for k, v in cluster.settings().items() if k in ("fsync", "full_page_writes")):
            log(f"{size}: cluster still in bulk-load mode (an interrupted load?): restoring the settings")
            cluster.bulk_mode(False)
        results["load"] = load(cluster)
        results["settle"] = settle(cluster)
        results["settings"] = cluster.settings()
        results["counts"] = {t: int(cluster.psql(f"SELECT count(*) FROM {t}")) for t in ["products", "categories", "brands", "users", "reviews", "audit_logs"]}
        read_connection = redis_address = None
        if options.replica:
            log(f"{size}: streaming standby for CatalogRead (pg_basebackup) ...")
            read_connection = cluster.start_standby()
            results["replica"] = True
        if options.redis:
            redis, redis_address = start_redis(cluster)
            results["redis"] = True
        paths, results["apiStartSeconds"] = api_paths(cluster, read_connection, redis_address)
        api, _ = start_api(cluster, API_PORT, cache=False, read_connection=read_connection, redis=redis_address)
        if options.replica:
            log(f"{size}: write-position propagation (NOTIFY{', Redis' if redis_address else ''}) ...")
            results["propagation"] = propagation(cluster, redis_address)
        api_base = f"http://127.0.0.1:{API_PORT}"
        ceiling = start_ceiling(cluster)
        bearer = sign_in(api_base)
        auth_headers = {"none": {}, "bearer": bearer, "apikey": api_key(api_base, bearer), "console": console_sign_in(api_base)}
        sets = parameter_sets(cluster, api_base, bearer, walk=not options.only or bool({"keyset-page-1000", "keyset-page-10000"} & set(options.only)))
        sets["console-pages"] = console_pages(cluster, api_base, auth_headers["console"])
        workdir = tempfile.mkdtemp(prefix=f"catalog-bench-{size}-")
        with open(os.path.join(BENCH, "scenarios.json")) as f:
            scenarios = json.load(f)["scenarios"]
        warm_up_reads(api_base, scenarios, sets, auth_headers, options, workdir)
        for scenario in scenarios:
            if options.only and scenario["name"] not in options.only:
                continue
            route = paths.get(scenario.get("route"), {})
            if "console" not in scenario and scenario["method"].lower() not in route:
                results["scenarios"][scenario["name"]] = {"measured": False, "reason": f"{scenario['method']} {scenario['route']} is not in the API (not merged into main yet)"}
                log(f"{size} {scenario['name']}: not measured (no endpoint)")
                continue
            log(f"{size} {scenario['name']} ...")
            try:
                results["scenarios"][scenario["name"]] = measure(scenario, cluster, api, api_base, sets, auth_headers, options, workdir, ceiling)
            except (subprocess.CalledProcessError, KeyError, ValueError, StopIteration) as e:
                detail = e.stderr if isinstance(e, subprocess.CalledProcessError) else repr(e)
                results["scenarios"][scenario["name"]] = {"measured": False, "reason": f"harness error: {str(detail)[:300]}"}
            r = results["scenarios"][scenario["name"]]
            log(f"  -> {json.dumps({k: r.get(k) for k in ('measured', 'reason')}) if not r['measured'] else round(r['peak']['rps'])} rps")
        keyset = compare_keyset_pages(results["scenarios"], api_base, workdir, options)
        if keyset:
            results["keysetComparison"] = keyset
        if not options.only:
            results["static"] = run_wrk(api_base, write_targets(workdir, "static", "/health/live"), options.duration, options.concurrency, {}, "s")
            if sustain:
                log(f"{size} sustained product detail for {sustain} s (API RSS) ...")
                results["sustained"] = sustained(api, api_base, workdir, sets, options, sustain)
            api.terminate()
            api.wait(30)
            api = None
            results["cacheWarm"] = cache_warm(cluster, sets, workdir, options, "product-detail" in results["scenarios"] and results["scenarios"]["product-detail"].get("measured"))
    finally:
        for process in (api, ceiling, redis):
            if process:
                process.terminate()
                process.wait(30)
        if options.replica:
            cluster.stop_standby()
        cluster.stop()
    results["machine"]["loadAvgAtEnd"], results["machine"]["cooldownSeconds"] = settled_load_average()
    results["wallSeconds"] = round(time.time() - size_started)
    log(f"{size}: done in {results['wallSeconds']} s; load average at the end {' '.join(results['machine']['loadAvgAtEnd'])} "
        f"(after {results['machine']['cooldownSeconds']} s with the suite's processes stopped)")
    if float(results["machine"]["loadAvgAtEnd"][0]) > NOISY_LOAD:
        loud(f"{size}: load average {results['machine']['loadAvgAtEnd'][0]} > {NOISY_LOAD} at the end: something else ran during the benchmark")
    os.makedirs(RESULTS, exist_ok=True)
    # A --replica run is another configuration: its own file, reported in its own section (bench/report.py).
    previous = os.path.join(RESULTS, f"{size}{'-replica' if options.replica else ''}{'-redis' if options.redis else ''}.json")
    if options.only and os.path.exists(previous):
        # A partial run (--only) updates its scenarios in the size's last full results.
        with open(previous) as f:
            merged = json.load(f)
        merged["scenarios"].update(results["scenarios"])
        for key in ("keysetComparison", "propagation"):
            if key in results:
                merged[key] = results[key]
        merged.setdefault("partialRuns", []).append({"when": results["when"], "scenarios": options.only, "commit": results["commit"],
                                                     "loadAvgAtStart": results["machine"]["loadAvgAtStart"], "loadAvgAtEnd": results["machine"]["loadAvgAtEnd"]})
        results = merged
    with open(previous, "w") as f:
        json.dump(results, f, indent=1)
    return results


def write_targets(workdir, name, *paths):
    target = os.path.join(workdir, f"{name}.wrk")
    with open(target, "w") as f:
        for path in paths:
            f.write(f"GET\t{path}\t\n")
    return target


def settled_load_average(limit=150):
    """The 1-minute load average once the suite's own load has decayed: with everything of the suite stopped it falls
    below NOISY_LOAD within ~30 s on an idle 2-core machine; a value still above it after `limit` s is someone else's."""
    waited = 0
    while waited < limit and float(open("/proc/loadavg").read().split()[0]) > NOISY_LOAD:
        time.sleep(5)
        waited += 5
    return open("/proc/loadavg").read().split()[:3], waited


def sustained(api, api_base, workdir, sets, options, seconds):
    """RSS over a longer closed-loop run of product detail (cache bypassed)."""
    if not sets.get("products"):
        return None
    target = write_targets(workdir, "sustained", *[f"/api/v1/products/{p['slug']}" for p in sets["products"]])
    sampler = RssSampler(api.pid, interval=2)
    sampler.start()
    run = run_wrk(api_base, target, seconds, options.concurrency, {}, "u")
    samples = sampler.stop()
    return {"seconds": seconds, "failures": failures(run, None), "rps": run["rps"], "rssFirstMb": samples[0], "rssLastMb": samples[-1], "rssMaxMb": max(samples),
            "rssSamplesMb": [round(s) for s in samples[:: max(1, len(samples) // 20)]], "rssAllMb": [round(s, 1) for s in samples]}


def cache_warm(cluster, sets, workdir, options, available):
    """Product detail through the output cache (anonymous, warm) against /health/live on the same server."""
    if not available:
        return None
    api, _ = start_api(cluster, CACHED_API_PORT, cache=True)
    try:
        base = f"http://127.0.0.1:{CACHED_API_PORT}"
        target = write_targets(workdir, "cached", *[f"/api/v1/products/{p['slug']}" for p in sets["products"]])
        # A fresh process: warmed until its tiered JIT is done, so that the cache path runs tier-1 code (after one warm-up
        # of 5 s it ran 24,700 rps, after one more minute 43,900: the first figure measured the JIT, not the cache).
        warm_up(api.pid, lambda d: run_wrk(base, target, d, options.concurrency, {}, "cw"), options.warmup, rounds=12)
        cluster.psql("SELECT pg_stat_statements_reset()")
        cached = run_wrk(base, target, options.duration, options.concurrency, {}, "k")
        calls = statements(cluster, cached["requests"])
        static = run_wrk(base, write_targets(workdir, "static2", "/health/live"), options.duration, options.concurrency, {}, "s")
        latency = run_open_loop(base, write_open(workdir, "cached", [f"/api/v1/products/{p['slug']}" for p in sets["products"]]), cached["rps"] / 2, options.latency_duration, {}, options.concurrency)
        problems = failures(cached, latency)
        if problems:
            loud(f"{cluster.size} cache-warm: NON-2xx ANSWERS — {'; '.join(problems)}")
        return {"cached": cached, "static": static, "openLoop": latency, "statementsPerRequest": calls["perRequest"], "failures": problems}
    finally:
        api.terminate()
        api.wait(30)


def write_open(workdir, name, paths):
    target = os.path.join(workdir, f"{name}.jsonl")
    with open(target, "w") as f:
        for path in paths:
            f.write(json.dumps({"M": "GET", "U": path, "B": None}) + "\n")
    return target


# Load seconds on 2 idle cores: CPU seconds (PostgreSQL + loader) ÷ 2, from a 100k load on a loaded machine (258 CPU
# seconds, 5M audit rows being the same at every size), extrapolated; the 1m figure is the limit. The quiet run's
# load log replaces these guesses.
LOAD_ESTIMATE = {"10k": 110, "100k": 130, "1m": 300}


def estimate(options):
    """Seconds `run.sh` takes with these options on an idle machine (sizes not loaded yet), printed at the start."""
    with open(os.path.join(BENCH, "scenarios.json")) as f:
        scenarios = [x for x in json.load(f)["scenarios"] if not options.only or x["name"] in options.only]
    w, d, ol = options.warmup, options.duration, options.latency_duration
    per_size = 0
    for x in scenarios:
        per_size += w + d + ol + 4  # probe, warm-up, peak, open loop, driver start-up
        if x.get("sql"):
            per_size += d + (ol + 15) + w + d + 2  # pgbench closed loop and at the fixed rate, ceiling warm-up and peak, EXPLAIN
        per_size += 2 * d * x.get("ratioRounds", 0)  # back-to-back API/ceiling pairs
    total = 0
    for size in options.sizes:
        sustain = options.sustain if options.sustain is not None else SUSTAIN_DEFAULT.get(size, 0)
        loaded = loaded_version(size) == loader_version()
        extra = 0 if options.only else d + sustain + 10 + 3 * w + d + d + ol  # static, sustained, cache-warm API
        total += (0 if loaded else LOAD_ESTIMATE.get(size, 300) + 30) + 30 + per_size + extra + 35  # start-up + walk, cool-down
    return total


def machine():
    cpu = sh("grep -m1 'model name' /proc/cpuinfo | cut -d: -f2").strip()
    load = open("/proc/loadavg").read().split()[:3]
    return {"cpu": cpu, "cores": os.cpu_count(), "loadAvgAtStart": load,
            "postgres": sh("source bench/pg.sh && $PG_BIN/postgres --version", cwd=ROOT).strip(), "dotnet": sh("dotnet --version").strip()}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("sizes", nargs="*", default=["10k", "100k", "1m"])
    parser.add_argument("--duration", type=int, default=8, help="seconds of each closed-loop run: wrk peak, pgbench, ceiling")
    parser.add_argument("--latency-duration", type=int, default=10, help="seconds of each open-loop latency run (10 or more for a meaningful p99)")
    parser.add_argument("--warmup", type=int, default=5, help="seconds of closed-loop warm-up before each measured run (tiered JIT reaches tier 1)")
    parser.add_argument("--sustain", type=int, default=None,
                        help="seconds of the sustained RSS run at every size (default: 300 at 1m only, none at the other sizes)")
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--only", nargs="*", help="scenario names")
    parser.add_argument("--report-only", action="store_true")
    parser.add_argument("--replica", action="store_true",
                        help="CatalogRead on a streaming standby of each size's cluster; reports the share of reads the replica served per scenario")
    parser.add_argument("--redis", action="store_true",
                        help="the API with ConnectionStrings:Redis on a throwaway redis-server (with --replica: write positions shared there, ADR-107); results in <size>[-replica]-redis.json")
    options = parser.parse_args()
    for tool in ("wrk", "pgbench", "psql", "dotnet") + (("redis-server", "redis-cli") if options.redis else ()):
        if not shutil.which(tool):
            sys.exit(f"{tool} is missing: apt-get install -y wrk postgresql-client (see docs/performance.md)")
    if not options.report_only:
        log(f"estimated wall time on an idle machine: ~{estimate(options) / 60:.0f} min (bench/suite.py estimate())")
        started = time.time()
        for size in options.sizes:
            run_size(size, options)
        log(f"all sizes done in {(time.time() - started) / 60:.1f} min")
    try:
        subprocess.run([sys.executable, os.path.join(BENCH, "report.py")], check=True)
    finally:
        summary(options.report_only)


def summary(report_only=False):
    if report_only:
        print("Report regenerated from bench/results; problems of the runs are listed under 'Problems in this run'.", flush=True)
    elif LOUD:
        print("\n" + "!" * 100 + "\n!!! THIS RUN HAD PROBLEMS (also flagged in docs/performance.md):", flush=True)
        for message in LOUD:
            print(f"!!!   {message}", flush=True)
        print("!" * 100, flush=True)
    else:
        print("No problems flagged: every scenario answered 2xx only.", flush=True)


if __name__ == "__main__":
    main()
