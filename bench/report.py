#!/usr/bin/env python3
"""Regenerates docs/performance.md from bench/results/*.json and bench/results/micro/*.md.

Hand-written parts of the existing file are carried over unchanged: every "## " section whose heading is not one this
script generates (e.g. "## Catalog commands", "## Query plans", "## Audit log query plan", owned by other areas), and
every block between "<!-- hand-written: NAME -->" and "<!-- /hand-written: NAME -->" (in place inside a kept section,
moved to the end of the file from inside a generated one).
BENCH_RESULTS and BENCH_DOC override the results folder and the output file (smoke runs).
"""
import glob
import json
import os
import re

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RESULTS = os.environ.get("BENCH_RESULTS") or os.path.join(ROOT, "bench", "results")
DOC = os.environ.get("BENCH_DOC") or os.path.join(ROOT, "docs", "performance.md")
# Headings (prefixes) of the sections generated here; any other "## " section of the existing file is kept.
GENERATED = ("## How to run", "## Run conditions", "## Problems in this run", "## Data sets", "## Targets", "## Analysis",
             "## Results: ", "## Growth from", "## Reads on a streaming standby", "## Micro-benchmarks", "## EXPLAIN (ANALYZE, BUFFERS)")
HAND_WRITTEN = re.compile(r"<!-- hand-written: ([\w .-]+) -->.*?<!-- /hand-written: \1 -->", re.S)
SIZES = ["10k", "100k", "1m"]
NOISY_LOAD = 1.5

# Why a target is missed and what would close it: written from the measured figures (CPU split, statements per
# request, plans), kept here so that the regenerated report keeps it.
ANALYSIS = os.path.join(ROOT, "bench", "analysis.md")


def fmt(value, digits=0):
    if value is None:
        return "–"
    return f"{value:,.{digits}f}"


def kept_sections():
    """Hand-written sections and marked blocks of the existing file, in their order."""
    if not os.path.exists(DOC):
        return "", []
    text = open(DOC).read()
    sections, blocks = [], []
    for match in re.finditer(r"^## .*?(?=^## |\Z)", text, re.S | re.M):
        section = match.group(0)
        if section.startswith(GENERATED):
            # A marked block inside a generated section cannot keep its place: it moves to the end of the file.
            blocks += [m.group(0) for m in HAND_WRITTEN.finditer(section)]
        else:
            sections.append(section.rstrip() + "\n")
    return "\n".join(sections), blocks


def loads(r):
    m = r.get("machine", {})
    return m.get("loadAvgAtStart"), m.get("loadAvgAtEnd")


def noisy(r):
    start, end = loads(r)
    return any(x is not None and float(x[0]) > NOISY_LOAD for x in (start, end))


def load_results():
    results = {}
    for size in SIZES:
        path = os.path.join(RESULTS, f"{size}.json")
        if os.path.exists(path):
            results[size] = json.load(open(path))
    return results


def replica_table(result):
    """--replica runs: the share of each peak run's reads the streaming standby served (ADR-100); write scenarios ran
    with product-detail reads beside them."""
    rows = ["Reads served by the streaming standby (`CatalogRead` on a `pg_basebackup -R` standby; `catalog_db_reads_total` over each peak run; "
            "write scenarios with 4 connections of product-detail reads beside them):\n",
            "| scenario | kind | replica reads | primary reads | replica share |", "| --- | --- | ---: | ---: | ---: |"]
    for name, sc in result["scenarios"].items():
        rep = sc.get("replica") if sc.get("measured") else None
        if rep:
            share = f"{100 * rep['share']:.1f} %" if rep["share"] is not None else "–"
            kind = "write" if name in WRITE_SCENARIOS else "read"
            rows.append(f"| {name} | {kind} | {rep['replicaReads']:,} | {rep['primaryReads']:,} | {share} |")
    return "\n".join(rows) + "\n"


WRITE_SCENARIOS = {"product-create", "stock-adjust", "sign-in"}


def scenario_table(result):
    rows = ["| scenario | peak rps (wrk) | open-loop rate | p50 ms | p99 ms | max ms | pgbench at that rate p50 / p99 ms | driver CPU ms/req | API CPU ms/req | PG CPU ms/req | SQL stmts/req | pgbench tps | API ÷ pgbench | ceiling rps | API ÷ ceiling | API RSS MB |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    missing = []
    for name, s in result["scenarios"].items():
        if not s.get("measured"):
            missing.append(f"- **{name}**: not measured — {s.get('reason')}")
            continue
        peak, ol = s["peak"], s["openLoop"]
        errors = peak["errorsStatus"] + peak["errorsConnect"] + peak["errorsTimeout"] + peak["errorsRead"]
        pgb = s.get("pgbench", {}).get("tps")
        ceil = s.get("ceiling", {}).get("rps")
        bad = {k: v for k, v in ol.get("statusCodes", {}).items() if not k.startswith("2")}
        note = f" (page {s['page']:,})" if s.get("page") and not name.endswith(f"-{s['page']}") else ""
        note += f" ⚠ **{errors} errors in the peak run**" if errors else ""
        note += f" ⚠ **open-loop non-2xx: {bad}**" if bad else ""
        fixed = s.get("pgbenchFixedRate")
        fixed_cell = f"{fmt(fixed['p50'], 2)} / {fmt(fixed['p99'], 2)}" if fixed else "–"
        rows.append(f"| {name}{note} | {fmt(peak['rps'])} | {fmt(ol['achievedRps'])} | {fmt(ol['p50'], 2)} | {fmt(ol['p99'], 2)} | {fmt(ol['max'], 1)} "
                    f"| {fixed_cell} | {fmt(ol.get('driverCpuMsPerRequest'), 3)} | {fmt(s['apiCpuMsPerRequest'], 3)} | {fmt(s['pgCpuMsPerRequest'], 3)} | {fmt(s['statements']['perRequest'], 2)} "
                    f"| {fmt(pgb)} | {fmt(peak['rps'] / pgb, 2) if pgb else '–'} | {fmt(ceil)} | {fmt(peak['rps'] / ceil, 2) if ceil else '–'} | {fmt(s['rssMaxMb'])} |")
    return ("\n".join(rows) + "\n\nLatency columns: open loop at half the peak, for "
            f"{result.get('options', {}).get('latencyDuration', result.get('options', {}).get('duration', '?'))} s. "
            "pgbench at that rate: the scenario's SQL alone, `pgbench -R` at the open loop's rate and concurrency (latency from "
            "each transaction's scheduled start; the first 15 s, while its new connections plan their statements and catch up, left out), in the same run: what PostgreSQL and this machine allow. "
            "Driver CPU: the open-loop driver's own CPU per request (– for runs before it was recorded). CPU and statements: over the peak run. RSS: maximum during the peak run.\n\n" + ("\n".join(missing) + "\n" if missing else ""))


def alone(scenario):
    """The p99 of the same SQL from pgbench at the same fixed rate, beside an API p99."""
    fixed = scenario.get("pgbenchFixedRate")
    return f" (PostgreSQL alone at that rate, pgbench: p99 {fixed['p99']:.2f} ms)" if fixed else ""


def targets(results):
    size = "1m" if "1m" in results else (list(results)[-1] if results else None)
    if size is None:
        return "No results yet.\n"
    r = results[size]
    s = r["scenarios"]
    lines = [f"Checked on the **{size}** size (the issue sets them at 1m)" + (" — **load average above 1.5 during this run: verdicts are unreliable**" if noisy(r) else "") + ".\n",
             "| target | measured | verdict |", "| --- | --- | --- |"]

    def row(target, measured, ok):
        lines.append(f"| {target} | {measured} | {'met' if ok else ('**missed**' if ok is False else 'not measured')} |")

    def get(name):
        return s.get(name) if s.get(name, {}).get("measured") else None

    d = get("product-detail")
    if d and (d.get("ceiling") or {}).get("rps"):
        ratio = d["peak"]["rps"] / d["ceiling"]["rps"]
        if d.get("ratioMedian"):
            pairs = ", ".join(f"{fmt(p['apiRps'])} ÷ {fmt(p['ceilingRps'])}" for p in d["ratioRounds"])
            row("detail, cache bypassed ≥ 0.7 × in-process ceiling (median of back-to-back pairs)",
                f"{d['ratioMedian']:.2f} (pairs: {pairs} rps; first runs {ratio:.2f})", d["ratioMedian"] >= 0.7)
        else:
            row("detail, cache bypassed ≥ 0.7 × in-process ceiling", f"{ratio:.2f} ({fmt(d['peak']['rps'])} ÷ {fmt(d['ceiling']['rps'])} rps)", ratio >= 0.7)
        if d.get("p99Median") is not None:
            rounds = ", ".join(f"{r['p99']:.2f}" for r in d["openLoopRounds"])
            row("detail p99 < 5 ms (open loop at ½ peak)", f"median {d['p99Median']:.2f} ms (rounds: {rounds} ms){alone(d)}", d["p99Median"] < 5)
        else:
            row("detail p99 < 5 ms (open loop at ½ peak)", f"{d['openLoop']['p99']:.2f} ms{alone(d)}", d["openLoop"]["p99"] < 5)
    else:
        row("detail, cache bypassed ≥ 0.7 × ceiling; p99 < 5 ms", "–", None)
    cw = r.get("cacheWarm")
    if cw and cw["static"]["rps"]:
        ratio = cw["cached"]["rps"] / cw["static"]["rps"]
        row("detail, cache warm ≥ 0.5 × static response of the same server", f"{ratio:.2f} ({fmt(cw['cached']['rps'])} ÷ {fmt(cw['static']['rps'])} rps)", ratio >= 0.5)
    else:
        row("detail, cache warm ≥ 0.5 × static", "–", None)
    for name, label in (("product-list", "list page p99 < 15 ms"), ("keyset-page-1000", "page 1,000 p99 < 15 ms"),
                        ("keyset-page-10000", "page 10,000 p99 < 15 ms"), ("search", "search p99 < 20 ms")):
        x = get(name)
        limit = 20 if name == "search" else 15
        if x and x.get("openLoopRounds") and name == "search":
            # Issue 29: search's p99 is judged on the median of the rounds run back to back (scenarios.json latencyRounds).
            rounds = ", ".join(f"{r['p99']:.2f}" for r in x["openLoopRounds"])
            row(f"{label} (median of {len(x['openLoopRounds'])} rounds)", f"median {x['p99Median']:.2f} ms (rounds: {rounds} ms){alone(x)}", x["p99Median"] < limit)
        elif x and x.get("openLoopRounds"):
            # Issue 29: the list page's p99 is judged in each of the rounds run back to back, not on their median.
            p99s = [r["p99"] for r in x["openLoopRounds"]]
            row(f"{label} in each of {len(p99s)} rounds", f"{', '.join(f'{p:.2f}' for p in p99s)} ms{alone(x)}", max(p99s) < limit)
        else:
            row(label, f"{x['openLoop']['p99']:.2f} ms{alone(x)}" if x else "–", (x["openLoop"]["p99"] < limit) if x else None)
    console = get("console-product-list")
    p95 = console["openLoop"].get("p95") if console else None
    row("console product list p95 < 150 ms (server time: open loop at ½ peak over keep-alive connections; first and next keyset pages, filtered)",
        f"{p95:.2f} ms (p50 {console['openLoop']['p50']:.2f}, p99 {console['openLoop']['p99']:.2f} ms)" if p95 is not None else "–",
        (p95 < 150) if p95 is not None else None)
    p1 = get("keyset-page-1")
    side = r.get("keysetComparison")
    for name, label in (("keyset-page-1000", "1,000"), ("keyset-page-10000", "10,000")):
        deep = get(name)
        if side:
            m = side["medianP50"]
            ratio = m[name] / max(m["keyset-page-1"], 1e-9)
            rounds = ", ".join(f"{a['p50']:.2f}/{b['p50']:.2f}" for a, b in zip(side["rounds"][name], side["rounds"]["keyset-page-1"]))
            row(f"page {label} within 20 % of page 1 (p50, side by side at {fmt(side['rate'])}/s, median of {len(side['rounds'][name])} rounds)",
                f"{ratio:.2f} × ({m[name]:.2f} vs {m['keyset-page-1']:.2f} ms; rounds, page {label}/page 1: {rounds} ms)", ratio <= 1.2)
        elif p1 and deep:
            ratio = deep["openLoop"]["p50"] / max(p1["openLoop"]["p50"], 1e-9)
            row(f"page {label} within 20 % of page 1 (p50)", f"{ratio:.2f} × ({deep['openLoop']['p50']:.2f} vs {p1['openLoop']['p50']:.2f} ms)", ratio <= 1.2)
        else:
            row(f"page {label} within 20 % of page 1", "–", None)
    sus = r.get("sustained")
    if sus:
        half, last = sustained_growth(sus)
        row(f"API RSS < 400 MB, no growth (closed-loop run of {sus['seconds']} s)",
            f"max {fmt(sus['rssMaxMb'])} MB; half-way {fmt(half)} MB → end {fmt(last)} MB ({(last - half) / half * 100:+.1f} %)",
            sus["rssMaxMb"] < 400 and last - half < 0.05 * half)
    else:
        row("API RSS < 400 MB, no growth over 5 minutes", "– (the sustained run is part of the 1m size)", None)
    overhead = pipeline_overhead(d)
    if overhead:
        row("pipeline overhead (MediatR + behaviours) < 5 % of the median request",
            f"{overhead['share'] * 100:.2g} % ({overhead['pipelineUs']:.1f} µs of a {overhead['medianMs']:.2f} ms product-detail p50)", overhead["share"] < 0.05)
    else:
        row("pipeline overhead < 5 % of the median request", "– (needs bench/results/micro/PipelineBenchmarks.md and product detail)", None)
    lines.append("\nRSS growth is judged on the second half of the run (the first half includes the heap and the pools growing to "
                 "their working size): mean RSS of the last tenth of the samples against the "
                 "sample at half-time, growth under 5 %. Pipeline overhead: `MediatorWithAllBehaviours` minus `DirectHandler` "
                 "(BenchmarkDotNet means) over the product-detail p50 of the same size.\n")
    return "\n".join(lines) + "\n"


def sustained_growth(sus):
    samples = sus.get("rssAllMb") or sus.get("rssSamplesMb") or [sus["rssFirstMb"], sus["rssLastMb"]]
    half = samples[len(samples) // 2]
    tail = samples[-max(1, len(samples) // 10):]
    return half, sum(tail) / len(tail)


def micro_means(name):
    """{method: mean in µs} from a BenchmarkDotNet GitHub table in bench/results/micro/."""
    path = os.path.join(RESULTS, "micro", f"{name}.md")
    if not os.path.exists(path):
        return {}
    units = {"ns": 1e-3, "μs": 1.0, "us": 1.0, "µs": 1.0, "ms": 1e3, "s": 1e6}
    means = {}
    for line in open(path):
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) > 2 and re.match(r"^[\d,.]+ \S+$", cells[1]):
            value, unit = cells[1].split()
            if unit in units:
                means[cells[0]] = float(value.replace(",", "")) * units[unit]
    return means


def pipeline_overhead(detail):
    means = micro_means("PipelineBenchmarks")
    if not detail or "MediatorWithAllBehaviours" not in means or "DirectHandler" not in means:
        return None
    pipeline = means["MediatorWithAllBehaviours"] - means["DirectHandler"]
    median = detail["openLoop"]["p50"]
    return {"pipelineUs": pipeline, "medianMs": median, "share": pipeline / 1000 / median if median else 1}


def growth(results):
    names = []
    for r in results.values():
        names += [n for n, s in r["scenarios"].items() if s.get("measured") and n not in names]
    if not names or len(results) < 2:
        return "Needs at least two sizes.\n"
    first, last = list(results)[0], list(results)[-1]
    header = "| scenario | " + " | ".join(f"{size}: rps / p50 ms / p99 ms / PG CPU ms" for size in results) + f" | {last} ÷ {first}: rps / p50 / PG CPU |"
    rows = [f"Per scenario, peak rps, open-loop p50 and p99, and PostgreSQL CPU per request at each size; the last column is the "
            f"factor from {first} to {last} products ({'×'}1 = flat, the cost does not grow with the catalog).\n", header,
            "| --- |" + " --- |" * (len(results) + 1)]
    for name in names:
        cells = []
        for r in results.values():
            s = r["scenarios"].get(name, {})
            cells.append(f"{fmt(s['peak']['rps'])} / {fmt(s['openLoop']['p50'], 2)} / {fmt(s['openLoop']['p99'], 2)} / {fmt(s['pgCpuMsPerRequest'], 3)}" if s.get("measured") else "–")
        a, b = results[first]["scenarios"].get(name, {}), results[last]["scenarios"].get(name, {})
        if a.get("measured") and b.get("measured") and a["peak"]["rps"] and a["openLoop"]["p50"] and a["pgCpuMsPerRequest"]:
            factor = f"×{b['peak']['rps'] / a['peak']['rps']:.2f} / ×{b['openLoop']['p50'] / a['openLoop']['p50']:.2f} / ×{b['pgCpuMsPerRequest'] / a['pgCpuMsPerRequest']:.2f}"
        else:
            factor = "–"
        rows.append(f"| {name} | " + " | ".join(cells) + f" | {factor} |")
    loads = [f"{size}: {r['load']['seconds']} s" for size, r in results.items() if r.get("load")]
    rows.append("\nLoad time by size: " + ", ".join(loads) + ".\n")
    return "\n".join(rows) + "\n"


def cpu_cell(load):
    cpu = load.get("cpuSeconds")
    return f"{cpu['postgres'] + cpu['loader']:.0f} ({cpu['postgres']:.0f} + {cpu['loader']:.0f})" if cpu else "not recorded"


def conditions(results):
    """Load average at the start and end of each size's run, settings, durations: is this run worth reading?"""
    if not results:
        return "No results yet: run `bench/run.sh 10k 100k 1m`.\n"
    rows = ["| size | measured | commit | load avg at start | load avg at end | wall time | durations (warm-up / closed loop / open loop / sustained) | fsync, full_page_writes, wal_level while measuring |",
            "| --- | --- | --- | --- | --- | ---: | --- | --- |"]
    warnings = []
    for size, r in results.items():
        start, end = loads(r)
        o = r.get("options", {})
        st = r.get("settings", {})
        cooldown = r.get("machine", {}).get("cooldownSeconds")
        rows.append(f"| {size} | {r['when']} | {r.get('commit', '?')} | {' '.join(start or ['?'])} | {' '.join(end or ['not recorded'])}"
                    f"{f' (after {cooldown} s idle)' if cooldown is not None else ''} | {fmt(r.get('wallSeconds'))} s "
                    f"| {o.get('warmup', '?')} / {o.get('duration', '?')} / {o.get('latencyDuration', o.get('duration', '?'))} / {o.get('sustain') or '–'} s "
                    f"| {', '.join(st.get(k, '?') for k in ('fsync', 'full_page_writes', 'wal_level')) if st else 'not recorded'} |")
        if noisy(r):
            warnings.append(f"> ⚠ **Noisy run ({size})**: the 1-minute load average was {', '.join(f'{label} {x[0]}' for label, x in (('at the start', start), ('at the end', end)) if x)}, above {NOISY_LOAD} "
                            "on this 2-core machine: other work competed for the CPU, so absolute figures are pessimistic and p99s "
                            "include run-queue waits. Only back-to-back ratios (API ÷ pgbench, API ÷ ceiling) are roughly usable.\n")
        for p in r.get("partialRuns", []):
            warnings.append(f"> Partial re-run ({size}, {p['when']}, commit {p.get('commit', '?')}, load avg at start {p['loadAvgAtStart'][0]}"
                            f"{', end ' + p['loadAvgAtEnd'][0] if p.get('loadAvgAtEnd') else ''}): {', '.join(p['scenarios'])}.\n")
    return ("\n".join(rows) + "\n\nThe load average at the end is read after the suite's own processes have stopped and the "
            "average has had up to 150 s to decay, so it shows other work, not the benchmark.\n\n" + "\n".join(warnings))


def problems(results):
    out = []
    for size, r in results.items():
        for name, s in r["scenarios"].items():
            if not s.get("measured"):
                out.append(f"- **{size} {name}: not measured** — {s.get('reason')}")
            else:
                errors = s["peak"]["errorsStatus"] + s["peak"]["errorsConnect"] + s["peak"]["errorsTimeout"] + s["peak"]["errorsRead"]
                bad = {k: v for k, v in s["openLoop"].get("statusCodes", {}).items() if not k.startswith("2")}
                found = s.get("failures") or ([f"peak run: {errors} errors"] if errors else []) + ([f"open loop: non-2xx {bad}"] if bad else [])
                if "ceiling" in s and not s["ceiling"].get("requests") and not any(p.startswith("ceiling") for p in found):
                    found = found + ["ceiling: no request completed (the ratio API ÷ ceiling is missing)"]
                for problem in found:
                    out.append(f"- **{size} {name}**: {problem}")
        for part in ("cacheWarm", "sustained"):
            for problem in (r.get(part) or {}).get("failures") or []:
                out.append(f"- **{size} {part}**: {problem}")
    if not out:
        return "None: every scenario of every size was measured and answered only 2xx.\n"
    return "⚠ **Figures below include failed requests or missing scenarios; read them with this list.**\n\n" + "\n".join(out) + "\n"


def micro():
    files = sorted(glob.glob(os.path.join(RESULTS, "micro", "*.md")))
    if not files:
        return "Not run yet (`dotnet run --project tests/Benchmarks -c Release -- micro --filter '*'`).\n"
    return "\n".join(open(f).read().strip() + "\n" for f in files)


def plans(results):
    size = "1m" if "1m" in results else (list(results)[-1] if results else None)
    if size is None:
        return ""
    out = [f"Plans on the **{size}** size, with the first parameter of each scenario.\n"]
    for name, s in results[size]["scenarios"].items():
        if s.get("measured") and s.get("explain"):
            out.append(f"<details><summary>{name}</summary>\n\n```\n" + "\n".join(s["explain"]).strip() + "\n```\n</details>\n")
    for name, s in results[size]["scenarios"].items():
        if s.get("measured"):
            top = s["statements"]["top"][:3]
            out.append(f"- {name}: {s['statements']['perRequest']} statements/request; most called: " +
                       "; ".join(f"`{t['query'][:120]}` ({t['calls']} calls, {t['meanMs']} ms)" for t in top))
    return "\n".join(out) + "\n"


def main():
    results = load_results()
    kept, blocks = kept_sections()
    parts = ["# Performance\n",
             "Regenerated by `bench/run.sh` (the load suite) from `bench/results/*.json`; do not edit the generated sections by hand — "
             "the analysis lives in `bench/analysis.md`, micro-benchmark tables in `bench/results/micro/`. Sections with other headings "
             "(e.g. `## Catalog commands`, `## Query plans`) and blocks between `<!-- hand-written: NAME -->` and "
             "`<!-- /hand-written: NAME -->` are hand-written and carried over by `bench/report.py` unchanged.\n",
             "## How to run\n",
             "```\nbench/run.sh 10k 100k 1m            # everything: cluster, load, API, scenarios, baselines, micro-benchmarks, this report (~70 min; 66 min on 2026-12-06 with 1m already loaded)\n"
             "bench/run.sh 1m --only product-detail search --duration 20\n"
             "bench/run.sh 10k --duration 2 --latency-duration 2 --warmup 1 --sustain 5   # functional smoke run\n"
             "dotnet run --project tests/Benchmarks -c Release -- load --size 1m --connection \"Host=...;Username=postgres;...\"\n"
             "bench/run.sh 1m --replica --no-micro   # CatalogRead on a streaming standby (<size>-standby, port +100): share of reads it served, in bench/results/<size>-replica.json\n"
             "dotnet run --project tests/Benchmarks -c Release -- micro --filter '*'\n```\n",
             "Each size gets its own throwaway PostgreSQL 15 under `/tmp/catalog-bench/<size>` (initdb as the `postgres` OS user; "
             "`shared_buffers = 1GB`, `jit = off`, `pg_stat_statements`), kept between runs so a size loads once. The load runs with the "
             "cluster in bulk-load mode (`wal_level = minimal`, `fsync`, `full_page_writes` and `synchronous_commit` off, autovacuum off; "
             "ADR-061); the suite resets those settings and restarts the cluster before anything is measured, so write scenarios pay "
             "for durable commits (the run-conditions table shows the settings in force). "
             "The API runs in Release, Production environment, on loopback, with the output cache switched off (`Caching:ServerCacheEnabled=false`, so every anonymous read goes to the database; "
             "the statements-per-request column confirms it) except in the cache-warm row, which runs a second API with the cache on; rate limits stay on with limits too high to trigger. "
             "The read pool is sized for this machine's two-core database, `Database:ReadMaxPoolSize=4` (docs/operations.md; since the runs of 2026-12-04, before that Npgsql's 50), and the in-process ceiling's pool is the same. "
             "After a load the suite runs one `VACUUM (ANALYZE)`, waits until no autovacuum worker runs, then `CHECKPOINT` and `sync`; before the first scenario every read scenario is warmed once (read pool, shared pipeline). Per scenario: warm-up (repeated, up to 8 times, until the API's tiered-compilation thread stays idle, so that tier-1 code is measured; the same for the ceiling; since 2026-12-06), peak throughput from `wrk` (closed loop, 2 threads, fixed concurrency), latency from the open-loop "
             "driver (`tests/Benchmarks open-loop`, constant arrival rate at **half the measured peak** over a fixed pool of as many keep-alive connections as the closed loop's concurrency, one thread with a blocking socket and pre-encoded requests per connection, latency counted from each request's "
             "due time; since commit 1203b57 (2026-12-03 18:52 UTC), before that HttpClient with a task per request, which cost ~0.2 ms of CPU per request against ~0.07 now), `pgbench -M prepared` running the scenario's SQL as one prepared statement over the same parameter sets drawn at random, through as many connections as the API's read pool (closed loop, for throughput; then at the open loop's fixed rate with `-R`, for PostgreSQL's own latency percentiles on this machine), and the in-process ceiling "
             "(`tests/Benchmarks ceiling`: Kestrel minimal endpoint, raw Npgsql, same SQL and parameters, no MVC/MediatR/auth; product detail also runs seven more API/ceiling pairs back to back (five until 2026-12-06, three until 2026-12-04) and its ratio target is judged on their median; it also runs five open-loop rounds back to back and its p99 target is judged on their median, the table showing the first). CPU per request is "
             "utime+stime from `/proc/<pid>/stat` of the API process and of the postmaster with all its backends, over the peak run. "
             "The suite checks that the scenario's SQL is a statement the API ran in its peak run (pg_stat_statements; a banner otherwise; ADR-103). "
             "Any answer other than 2xx is printed in a banner by the suite and listed under *Problems in this run*.\n"]
    parts.append("## Run conditions\n")
    parts.append(conditions(results))
    parts.append("## Problems in this run\n")
    parts.append(problems(results))
    parts.append("## Data sets\n")
    parts.append("| size | products | categories | brands | users | reviews | audit rows | load seconds | load CPU s (PostgreSQL + loader) | load avg during load |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
    for size, r in results.items():
        c = r.get("counts", {})
        parts.append(f"| {size} | {fmt(c.get('products'))} | {fmt(c.get('categories'))} | {fmt(c.get('brands'))} | {fmt(c.get('users'))} | {fmt(c.get('reviews'))} "
                     f"| {fmt(c.get('audit_logs'))} | {r['load']['seconds']} | {cpu_cell(r['load'])} | {' '.join(r['load'].get('loadAvgDuringLoad') or ['not recorded'])} |")
    parts.append("\nGenerator: `DevelopmentDatabase/DemoData` (Bogus, seed 20261122; the development demo uses the same code at 300 products). "
                 "Load log of each size (binary COPY, audit rows concurrently on their own connection, secondary indexes dropped and rebuilt "
                 "two at a time, VACUUM ANALYZE; target: 1m in under 5 minutes):\n")
    for size, r in results.items():
        parts.append(f"<details><summary>{size} load log</summary>\n\n```\n{r['load']['log'].strip()}\n```\n</details>\n")
    parts.append("## Targets\n")
    parts.append(targets(results))
    if os.path.exists(ANALYSIS):
        parts.append(open(ANALYSIS).read().strip() + "\n")
    for size, r in results.items():
        parts.append(f"## Results: {size}\n")
        o = r.get("options", {"duration": 3, "warmup": 1, "sustain": 5, "concurrency": 16})
        warmed = [v.get("warmupSeconds") for v in r.get("scenarios", {}).values() if v.get("warmupSeconds")]
        warm_text = f"{o['warmup']} s warm-up" + (f" (repeated until the tiered JIT was idle: {min(warmed)}–{max(warmed)} s per scenario)" if warmed else "")
        parts.append(f"Runs: {o['duration']} s closed loop and {o.get('latencyDuration', o['duration'])} s open loop after {warm_text}, "
                     f"concurrency {o['concurrency']} (sign-in 4); code measured: {r.get('commit', 'local merge, see analysis')}.\n")
        parts.append(f"API cold start to ready: {r.get('apiStartSeconds', 0):.1f} s. Machine: {r['machine']['cpu']} ×{r['machine']['cores']}, {r['machine']['postgres']}, .NET SDK {r['machine']['dotnet']}.\n")
        parts.append(scenario_table(r))
        st = r.get("static")
        if st:
            parts.append(f"Static response of the API (`/health/live`, no database): {fmt(st['rps'])} rps, p50 {st['p50']:.2f} ms (closed loop).\n")
        cw = r.get("cacheWarm")
        if cw and cw["static"]["rps"]:
            parts.append(f"Cache warm (anonymous product detail from the output cache): {fmt(cw['cached']['rps'])} rps vs static {fmt(cw['static']['rps'])} rps "
                         f"(ratio {cw['cached']['rps'] / cw['static']['rps']:.2f}); open loop at {fmt(cw['openLoop']['achievedRps'])} rps: p50 {cw['openLoop']['p50']:.2f} ms, "
                         f"p99 {cw['openLoop']['p99']:.2f} ms, max {cw['openLoop']['max']:.1f} ms; {cw['statementsPerRequest']} SQL statements per request.\n")
        sus = r.get("sustained")
        if sus:
            parts.append(f"Sustained product detail ({sus['seconds']} s, closed loop, cache bypassed): {fmt(sus['rps'])} rps; API RSS first {fmt(sus['rssFirstMb'])} MB, "
                         f"last {fmt(sus['rssLastMb'])} MB, max {fmt(sus['rssMaxMb'])} MB; samples {sus['rssSamplesMb']}.\n")
    replica_runs = {size: json.load(open(os.path.join(RESULTS, f"{size}-replica.json"))) for size in SIZES if os.path.exists(os.path.join(RESULTS, f"{size}-replica.json"))}
    if replica_runs:
        parts.append("## Reads on a streaming standby (`bench/run.sh <size> --replica`)\n")
        for size, r in replica_runs.items():
            parts.append(f"**{size}**, {r['when']}, code {r.get('commit', '?')}. " + replica_table(r))
    parts.append("## Growth from 10k to 1m products\n")
    parts.append(growth(results))
    parts.append("## Micro-benchmarks (BenchmarkDotNet, ShortRun)\n")
    parts.append(micro())
    parts.append("## EXPLAIN (ANALYZE, BUFFERS) of each scenario\n")
    parts.append(plans(results))
    if kept:
        parts.append(kept)
    if blocks:
        parts.append("\n\n".join(blocks) + "\n")
    os.makedirs(os.path.dirname(DOC), exist_ok=True)
    with open(DOC, "w") as f:
        f.write("\n".join(parts))
    print(f"wrote {DOC}")


if __name__ == "__main__":
    main()
