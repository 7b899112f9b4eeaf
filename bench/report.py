#!/usr/bin/env python3
"""Regenerates docs/performance.md from bench/results/*.json and bench/results/micro/*.md.

Sections that other areas own ("## Query plans", "## Audit log query plan", "## Catalog commands") are carried over from the existing file unchanged.
"""
import glob
import json
import os
import re

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RESULTS = os.path.join(ROOT, "bench", "results")
DOC = os.path.join(ROOT, "docs", "performance.md")
KEPT_SECTIONS = ("## Query plans", "## Audit log query plan", "## Catalog commands")
SIZES = ["10k", "100k", "1m"]

# Why a target is missed and what would close it: written from the measured figures (CPU split, statements per
# request, plans), kept here so that the regenerated report keeps it.
ANALYSIS = os.path.join(ROOT, "bench", "analysis.md")


def fmt(value, digits=0):
    if value is None:
        return "–"
    return f"{value:,.{digits}f}"


def kept_sections():
    if not os.path.exists(DOC):
        return ""
    text = open(DOC).read()
    out = []
    for heading in KEPT_SECTIONS:
        match = re.search(rf"^{re.escape(heading)}\b.*?(?=^## |\Z)", text, re.S | re.M)
        if match:
            out.append(match.group(0).rstrip() + "\n")
    return "\n".join(out)


def load_results():
    results = {}
    for size in SIZES:
        path = os.path.join(RESULTS, f"{size}.json")
        if os.path.exists(path):
            results[size] = json.load(open(path))
    return results


def scenario_table(result):
    rows = ["| scenario | peak rps (wrk) | open-loop rate | p50 ms | p99 ms | max ms | API CPU ms/req | PG CPU ms/req | SQL stmts/req | pgbench tps | API ÷ pgbench | ceiling rps | API ÷ ceiling | API RSS MB |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
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
        note = f" ⚠ {errors} errors in the peak run" if errors else ""
        note += f" ⚠ open-loop non-2xx: {bad}" if bad else ""
        rows.append(f"| {name}{note} | {fmt(peak['rps'])} | {fmt(ol['achievedRps'])} | {fmt(ol['p50'], 2)} | {fmt(ol['p99'], 2)} | {fmt(ol['max'], 1)} "
                    f"| {fmt(s['apiCpuMsPerRequest'], 3)} | {fmt(s['pgCpuMsPerRequest'], 3)} | {fmt(s['statements']['perRequest'], 2)} "
                    f"| {fmt(pgb)} | {fmt(peak['rps'] / pgb, 2) if pgb else '–'} | {fmt(ceil)} | {fmt(peak['rps'] / ceil, 2) if ceil else '–'} | {fmt(s['rssMaxMb'])} |")
    return "\n".join(rows) + "\n\n" + ("\n".join(missing) + "\n" if missing else "")


def targets(results):
    size = "1m" if "1m" in results else (list(results)[-1] if results else None)
    if size is None:
        return "No results yet.\n"
    r = results[size]
    s = r["scenarios"]
    lines = [f"Checked on the **{size}** size (the issue sets them at 1m).\n", "| target | measured | verdict |", "| --- | --- | --- |"]

    def row(target, measured, ok):
        lines.append(f"| {target} | {measured} | {'met' if ok else ('**missed**' if ok is False else 'not measured')} |")

    def get(name):
        return s.get(name) if s.get(name, {}).get("measured") else None

    d = get("product-detail")
    if d and d.get("ceiling"):
        ratio = d["peak"]["rps"] / d["ceiling"]["rps"]
        row("detail, cache bypassed ≥ 0.7 × in-process ceiling", f"{ratio:.2f} ({fmt(d['peak']['rps'])} ÷ {fmt(d['ceiling']['rps'])} rps)", ratio >= 0.7)
        row("detail p99 < 5 ms (open loop at ½ peak)", f"{d['openLoop']['p99']:.2f} ms", d["openLoop"]["p99"] < 5)
    else:
        row("detail, cache bypassed ≥ 0.7 × ceiling; p99 < 5 ms", "–", None)
    cw = r.get("cacheWarm")
    if cw:
        ratio = cw["cached"]["rps"] / cw["static"]["rps"]
        row("detail, cache warm ≥ 0.5 × static response of the same server", f"{ratio:.2f} ({fmt(cw['cached']['rps'])} ÷ {fmt(cw['static']['rps'])} rps)", ratio >= 0.5)
    else:
        row("detail, cache warm ≥ 0.5 × static", "–", None)
    for name, label in (("product-list", "list page p99 < 15 ms"), ("keyset-page-1000", "page 1,000 p99 < 15 ms"), ("search", "search p99 < 50 ms")):
        x = get(name)
        limit = 50 if name == "search" else 15
        row(label, f"{x['openLoop']['p99']:.2f} ms" if x else "–", (x["openLoop"]["p99"] < limit) if x else None)
    p1, p1000 = get("keyset-page-1"), get("keyset-page-1000")
    if p1 and p1000:
        ratio = p1000["openLoop"]["p50"] / p1["openLoop"]["p50"]
        row("page 1,000 within 20 % of page 1 (p50)", f"{ratio:.2f} × ({p1000['openLoop']['p50']:.2f} vs {p1['openLoop']['p50']:.2f} ms)", ratio <= 1.2)
    else:
        row("page 1,000 within 20 % of page 1", "–", None)
    sus = r.get("sustained")
    if sus:
        growth = sus["rssLastMb"] - sus["rssFirstMb"]
        row(f"API RSS < 400 MB, no growth (run of {sus['seconds']} s)", f"max {fmt(sus['rssMaxMb'])} MB, first→last {fmt(sus['rssFirstMb'])}→{fmt(sus['rssLastMb'])} MB",
            sus["rssMaxMb"] < 400 and growth < 0.1 * sus["rssFirstMb"])
    row("pipeline overhead < 5 % of the median request", "see micro-benchmarks and the analysis below", None)
    return "\n".join(lines) + "\n"


def growth(results):
    names = []
    for r in results.values():
        names += [n for n, s in r["scenarios"].items() if s.get("measured") and n not in names]
    if not names or len(results) < 2:
        return "Needs at least two sizes.\n"
    header = "| scenario | " + " | ".join(f"{size}: rps / p50 ms / PG CPU ms" for size in results) + " |"
    rows = [header, "| --- |" + " --- |" * len(results)]
    for name in names:
        cells = []
        for r in results.values():
            s = r["scenarios"].get(name, {})
            cells.append(f"{fmt(s['peak']['rps'])} / {fmt(s['openLoop']['p50'], 2)} / {fmt(s['pgCpuMsPerRequest'], 3)}" if s.get("measured") else "–")
        rows.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(rows) + "\n"


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
    parts = ["# Performance\n",
             "Regenerated by `bench/run.sh` (the load suite) from `bench/results/*.json`; do not edit the generated sections by hand — "
             "the analysis lives in `bench/analysis.md`, micro-benchmark tables in `bench/results/micro/`.\n",
             "## How to run\n",
             "```\nbench/run.sh 10k 100k 1m            # everything: cluster, load, API, scenarios, baselines, this report\n"
             "bench/run.sh 1m --only product-detail search --duration 20\n"
             "dotnet run --project tests/Benchmarks -c Release -- load --size 1m --connection \"Host=...;Username=postgres;...\"\n"
             "dotnet run --project tests/Benchmarks -c Release -- micro --filter '*'\n```\n",
             "Each size gets its own throwaway PostgreSQL 15 under `/tmp/catalog-bench/<size>` (initdb as the `postgres` OS user; "
             "`shared_buffers = 1GB`, `jit = off`, `pg_stat_statements`), kept between runs so a size loads once. "
             "The API runs in Release, Production environment, on loopback, with the output cache bypassed (each anonymous read carries a unique `nocache` query key, so it is a cache miss: database "
             "read plus cache store; the statements-per-request column confirms it) except in the cache-warm row; rate limits stay on with limits too high to trigger. "
             "Per scenario: 3 s warm-up, peak throughput from `wrk` (closed loop, 2 threads, fixed concurrency), latency from the open-loop "
             "driver (`tests/Benchmarks open-loop`, constant arrival rate at **half the measured peak**, latency counted from each request's "
             "due time), `pgbench -M extended` running the scenario's SQL at the same concurrency, and the in-process ceiling "
             "(`tests/Benchmarks ceiling`: Kestrel minimal endpoint, raw Npgsql, same SQL, no MVC/MediatR/auth). CPU per request is "
             "utime+stime from `/proc/<pid>/stat` of the API process and of the postmaster with all its backends, over the peak run.\n",
             "**Noise warning.** This machine has 2 cores and, while these figures were taken, was shared with six other agents "
             "building and testing (load average in the results below). Absolute numbers are noisy and pessimistic; ratios measured "
             "back-to-back (API ÷ pgbench, API ÷ ceiling) are the more robust reading.\n"]
    parts.append("## Data sets\n")
    parts.append("| size | products | categories | brands | users | reviews | audit rows | load seconds | measured | load avg at start |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |")
    for size, r in results.items():
        c = r.get("counts", {})
        parts.append(f"| {size} | {fmt(c.get('products'))} | {fmt(c.get('categories'))} | {fmt(c.get('brands'))} | {fmt(c.get('users'))} | {fmt(c.get('reviews'))} "
                     f"| {fmt(c.get('audit_logs'))} | {r['load']['seconds']} | {r['when']} | {' '.join(r['machine']['loadAvgAtStart'])} |")
    parts.append("\nGenerator: `Infrastructure/Database/DemoData` (Bogus, seed 20261122; the development demo uses the same code at 300 products). "
                 "Load log of each size (binary COPY, secondary indexes dropped and rebuilt, VACUUM ANALYZE):\n")
    for size, r in results.items():
        parts.append(f"<details><summary>{size} load log</summary>\n\n```\n{r['load']['log'].strip()}\n```\n</details>\n")
    parts.append("## Targets\n")
    parts.append(targets(results))
    if os.path.exists(ANALYSIS):
        parts.append(open(ANALYSIS).read().strip() + "\n")
    for size, r in results.items():
        parts.append(f"## Results: {size}\n")
        o = r.get("options", {"duration": 3, "warmup": 1, "sustain": 5, "concurrency": 16})
        parts.append(f"Runs: {o['duration']} s measured after {o['warmup']} s warm-up, concurrency {o['concurrency']} (sign-in 4); code measured: {r.get('commit', 'local merge, see analysis')}.\n")
        parts.append(f"API cold start to ready: {r.get('apiStartSeconds', 0):.1f} s. Machine: {r['machine']['cpu']} ×{r['machine']['cores']}, {r['machine']['postgres']}, .NET SDK {r['machine']['dotnet']}.\n")
        parts.append(scenario_table(r))
        st = r.get("static")
        if st:
            parts.append(f"Static response of the API (`/health/live`, no database): {fmt(st['rps'])} rps, p50 {st['p50']:.2f} ms (closed loop).\n")
        cw = r.get("cacheWarm")
        if cw:
            parts.append(f"Cache warm (anonymous product detail from the output cache): {fmt(cw['cached']['rps'])} rps vs static {fmt(cw['static']['rps'])} rps "
                         f"(ratio {cw['cached']['rps'] / cw['static']['rps']:.2f}); open loop at {fmt(cw['openLoop']['achievedRps'])} rps: p50 {cw['openLoop']['p50']:.2f} ms, "
                         f"p99 {cw['openLoop']['p99']:.2f} ms, max {cw['openLoop']['max']:.1f} ms; {cw['statementsPerRequest']} SQL statements per request.\n")
        sus = r.get("sustained")
        if sus:
            parts.append(f"Sustained product detail ({sus['seconds']} s, closed loop): {fmt(sus['rps'])} rps; API RSS first {fmt(sus['rssFirstMb'])} MB, "
                         f"last {fmt(sus['rssLastMb'])} MB, max {fmt(sus['rssMaxMb'])} MB; samples {sus['rssSamplesMb']}.\n")
    parts.append("## Growth from 10k to 1m products\n")
    parts.append(growth(results))
    parts.append("## Micro-benchmarks (BenchmarkDotNet, ShortRun)\n")
    parts.append(micro())
    parts.append("## EXPLAIN (ANALYZE, BUFFERS) of each scenario\n")
    parts.append(plans(results))
    kept = kept_sections()
    if kept:
        parts.append(kept)
    os.makedirs(os.path.dirname(DOC), exist_ok=True)
    with open(DOC, "w") as f:
        f.write("\n".join(parts))
    print(f"wrote {DOC}")


if __name__ == "__main__":
    main()
