"""Before/after of two builds at one size, side by side in one run (bench/ab.sh).

The suite (bench/suite.py) measures one build; two suite runs back to back compare two builds only when the machine
stays as quiet for the second run as for the first, which this shared VM does not (2026-12-07: every measure that did
not involve the API, pgbench included, fell 20-50 % between two runs a quarter of an hour apart). Here both builds run
at once, each on its own copy of the size's database at its own schema, and every read scenario alternates between them
in short rounds (A B, B A, A B, ...): a slowdown of the machine hits both sides alike, and the medians over the rounds
are compared.

The before build gets a copy of the loaded cluster migrated down to its own last migration by the after build
(`Catalog.WebApi.dll migrate --to <id>`, which has the down scripts). Results: bench/results/ab-<date>/<before>-<after>.json
and a Markdown table on stdout, with the API's RSS (max of each measured run, sampled as the suite does) beside throughput and CPU.
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import suite  # noqa: E402  (the suite's cluster, API and wrk helpers)

AB_ROOT = os.environ.get("AB_ROOT", "/tmp/catalog-ab")
READS = ["product-detail", "product-list", "keyset-page-1", "search", "category-tree", "review-page", "apikey-read"]
PORTS = {"before": 55460, "after": 55461}
API_PORTS = {"before": 5190, "after": 5191}


class CopyCluster(suite.Cluster):
    def __init__(self, size, directory, port):
        super().__init__(size)
        self.dir, self.port = directory, port


def build(rev):
    """A detached worktree of rev with its WebApi built in Release; returns the dll."""
    commit = suite.sh(f"git rev-parse --short {rev}", cwd=suite.ROOT).strip()
    tree = f"{AB_ROOT}/src-{commit}"
    if not os.path.exists(tree):
        suite.sh(f"git worktree add --detach {tree} {commit}", cwd=suite.ROOT)
    dll = f"{tree}/src/WebApi/bin/Release/net10.0/Catalog.WebApi.dll"
    suite.log(f"building {commit} ...")
    suite.sh(f"dotnet build src/WebApi -c Release -v q -nologo", cwd=tree)
    return commit, tree, dll


def last_migration(tree):
    ids = sorted(f[:-3] for f in os.listdir(f"{tree}/src/Infrastructure/Persistence/Migrations") if f[:14].isdigit() and f.endswith(".cs"))
    return ids[-1]


def repeatables(tree):
    """The repeatable scripts (views, search_products, ...; ADR-083) of a build, by file name."""
    folder = f"{tree}/src/Infrastructure/Persistence/Migrations/Sql/Repeatable"
    if not os.path.isdir(folder):
        return {}
    return {name: open(os.path.join(folder, name), "rb").read() for name in sorted(os.listdir(folder))}


def schema(tree):
    """What a build needs of its database: its last migration and its repeatable scripts."""
    return last_migration(tree), repeatables(tree)


def prepare_copy(size, tree, migrate_dll, side):
    """A copy of the loaded cluster at a build's last migration (made once, kept for later runs), migrated down by
    migrate_dll, a build that knows every migration the loaded cluster has."""
    target = last_migration(tree)
    directory = f"{AB_ROOT}/{size}-{target}" + ("" if side == "before" else f"-{side}")
    cluster = CopyCluster(size, directory, PORTS[side])
    if not os.path.exists(f"{directory}/data/PG_VERSION"):
        source = suite.Cluster(size)
        source.stop()
        suite.log(f"copying {source.dir} to {directory} ...")
        shutil.rmtree(directory, ignore_errors=True)
        subprocess.run(["cp", "-a", source.dir, directory], check=True)
        for stale in ("postmaster.pid",):
            if os.path.exists(f"{directory}/data/{stale}"):
                os.remove(f"{directory}/data/{stale}")
        with open(f"{directory}/data/postgresql.conf", "a") as conf:
            conf.write(f"\nport = {cluster.port}\nunix_socket_directories = '{directory}'\n")
        cluster.start()
        suite.log(f"migrating the copy down to {target} ...")
        env = dict(os.environ, ASPNETCORE_ENVIRONMENT="Production", ConnectionStrings__Catalog=cluster.conn(),
                   Jwt__SigningKey=suite.SIGNING_KEY, Jobs__Enabled="false")
        subprocess.run(["dotnet", migrate_dll, "migrate", "--to", target], env=env, check=True, cwd=os.path.dirname(migrate_dll),
                       capture_output=True, text=True)
    return cluster


def measure_round(side, scenario_file, headers, options):
    api, cluster, base = side["api"], side["cluster"], side["base"]
    suite.run_wrk(base, scenario_file, options.warmup, options.concurrency, headers, f"w{time.time_ns()}")
    api_cpu, pg_cpu = suite.proc_cpu(api.pid), cluster.cpu_seconds()
    sampler = suite.RssSampler(api.pid)  # the API's RSS during the measured run, as the suite samples it
    sampler.start()
    peak = suite.run_wrk(base, scenario_file, options.duration, options.concurrency, headers, f"p{time.time_ns()}")
    api_cpu, pg_cpu = suite.proc_cpu(api.pid) - api_cpu, cluster.cpu_seconds() - pg_cpu
    samples = sampler.stop()
    requests = max(1, peak["requests"])
    errors = sum(peak[k] for k in ("errorsStatus", "errorsConnect", "errorsTimeout", "errorsRead"))
    if errors:
        suite.loud(f"{side['name']}: {errors} of {peak['requests']} requests failed")
    return {"rps": peak["rps"], "apiCpuMs": 1000 * api_cpu / requests, "pgCpuMs": 1000 * pg_cpu / requests, "errors": errors,
            "rssMaxMb": max(samples) if samples else float("nan")}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("before")
    parser.add_argument("after")
    parser.add_argument("--size", default="1m")
    parser.add_argument("--only", nargs="*", default=READS)
    parser.add_argument("--rounds", type=int, default=6, help="measured runs per build and scenario, alternating")
    parser.add_argument("--duration", type=int, default=8)
    parser.add_argument("--warmup", type=int, default=3, help="seconds of closed loop before each measured run")
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--lock", default="/tmp/quiet.lock", help="file that exists while measuring ('' for none)")
    parser.add_argument("--label", default="", help="added to the result file's name (e.g. telemetry)")
    parser.add_argument("--before-env", nargs="*", default=[], metavar="KEY=VALUE", help="configuration of the before API only")
    parser.add_argument("--after-env", nargs="*", default=[], metavar="KEY=VALUE", help="configuration of the after API only")
    parser.add_argument("--before-dll", help="run this Catalog.WebApi.dll for the before side instead of the commit's Release build "
                        "(another build of the same commit, e.g. a ReadyToRun publish)")
    parser.add_argument("--after-dll", help="the same for the after side")
    options = parser.parse_args()
    os.makedirs(AB_ROOT, exist_ok=True)

    builds = {}
    for name, rev in (("before", options.before), ("after", options.after)):
        commit, tree, dll = build(rev)
        builds[name] = {"commit": commit, "tree": tree, "dll": getattr(options, f"{name}_dll") or dll}
    loaded = suite.Cluster(options.size)
    if not os.path.exists(f"{loaded.dir}/loaded.json"):
        sys.exit(f"{loaded.dir} is not loaded: run bench/run.sh {options.size} --only product-detail first")
    # The loaded cluster is at this checkout's schema. An after build at another schema (two older commits compared,
    # e.g. to find which change made a read slower) gets its own copy, migrated down by this checkout's build.
    # Two builds at the same schema (or one build under two configurations) share one cluster. The same last
    # migration is not enough: each API re-applies its own repeatable scripts at startup, so on one cluster the one
    # started last would serve both sides (a change of search_products alone, ADR-118).
    if schema(builds["after"]["tree"]) == schema(suite.ROOT):
        after_cluster, migrate_dll = loaded, builds["after"]["dll"]
    else:
        migrate_dll = suite.WEBAPI_DLL
        if not os.path.exists(migrate_dll):
            sys.exit(f"{migrate_dll} is missing: build this checkout's WebApi in Release to migrate the copies down")
        after_cluster = prepare_copy(options.size, builds["after"]["tree"], migrate_dll, "after")
    same_schema = schema(builds["before"]["tree"]) == schema(builds["after"]["tree"])
    before_cluster = after_cluster if same_schema else prepare_copy(options.size, builds["before"]["tree"], migrate_dll, "before")
    sides = {"before": {"name": "before", "cluster": before_cluster}, "after": {"name": "after", "cluster": after_cluster}}
    processes = []
    own_lock = False
    try:
        for name, side in sides.items():
            if name == "after" and side["cluster"] is sides["before"]["cluster"]:
                pass
            else:
                side["cluster"].start()
            # Both copies in the same state: statistics and visibility maps fresh (a migration down, or the after
            # build's migrations up, rewrote objects), dirty pages written out.
            side["cluster"].psql("VACUUM ANALYZE")
            side["cluster"].psql("CHECKPOINT", "postgres")
            suite.WEBAPI_DLL = builds[name]["dll"]
            port = API_PORTS[name]
            extra = dict(item.split("=", 1) for item in (options.before_env if name == "before" else options.after_env))
            saved = {k: os.environ.get(k) for k in extra}
            os.environ.update(extra)
            try:
                side["api"], _ = suite.start_api(side["cluster"], port, cache=False)
            finally:
                for k, v in saved.items():
                    if v is None:
                        os.environ.pop(k, None)
                    else:
                        os.environ[k] = v
            processes.append(side["api"])
            side["base"] = f"http://127.0.0.1:{port}"
            side["migration"] = side["cluster"].psql('SELECT max("MigrationId") FROM "__EFMigrationsHistory"').strip()
            bearer = suite.sign_in(side["base"])
            side["auth"] = {"none": {}, "bearer": bearer, "apikey": suite.api_key(side["base"], bearer)}
        # The same parameter values for both sides (the copies hold the same rows), drawn from the after cluster.
        sets = suite.parameter_sets(after_cluster, sides["after"]["base"], sides["after"]["auth"]["bearer"], walk=False)
        with open(os.path.join(suite.BENCH, "scenarios.json")) as f:
            scenarios = [s for s in json.load(f)["scenarios"] if s["name"] in options.only]
        workdir = tempfile.mkdtemp(prefix="catalog-ab-")
        # Other work on this machine may wait for the lock file to disappear (a shared VM's convention, see
        # docs/performance.md); then the load left by what ran before has to decay.
        # Inside /tmp/bench-exclusive the lock already exists and belongs to the slot: it is left to the slot to remove.
        own_lock = bool(options.lock) and not os.path.exists(options.lock)
        if own_lock:
            open(options.lock, "w").close()
        suite.settled_load_average(300)
        results = {"size": options.size, "when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "machine": suite.machine(),
                   "options": vars(options), "builds": {n: {"commit": b["commit"], "migration": sides[n]["migration"]} for n, b in builds.items()},
                   "loadAvgAtStart": os.getloadavg(), "scenarios": {}}
        for scenario in scenarios:
            target_file = os.path.join(workdir, f"{scenario['name']}.wrk")
            with open(target_file, "w") as f:
                for values in sets[scenario["params"]]:
                    # A write's body as the suite sends it ({n}, a unique token per request, is wrk.lua's to fill).
                    f.write(f"{scenario['method']}\t{suite.fill(scenario['path'], values)}\t{suite.fill(scenario.get('body') or '', values)}\n")
            rounds = {"before": [], "after": []}
            suite.log(f"{scenario['name']} ...")
            # Each API warmed on this scenario until its tiered-compilation thread stays idle (the suite's warm-up), so
            # that the first rounds do not measure one side's JIT.
            for name in ("before", "after"):
                headers = sides[name]["auth"][scenario.get("auth", "none")]
                suite.warm_up(sides[name]["api"].pid, lambda d, n=name, h=headers: suite.run_wrk(
                    sides[n]["base"], target_file, d, options.concurrency, h, f"w{time.time_ns()}"), options.warmup)
            for i in range(options.rounds):
                order = ("before", "after") if i % 2 == 0 else ("after", "before")
                for name in order:
                    headers = sides[name]["auth"][scenario.get("auth", "none")]
                    rounds[name].append(measure_round(sides[name], target_file, headers, options))
            # A round with failed requests (a limiter's 429s are fast) does not count; the table says how many did not.
            summary = {n: {k: statistics.median([r[k] for r in rs if not r["errors"]] or [float("nan")]) for k in ("rps", "apiCpuMs", "pgCpuMs", "rssMaxMb")}
                       | {"rssPeakMb": max(r["rssMaxMb"] for r in rs), "roundsWithErrors": sum(1 for r in rs if r["errors"])} for n, rs in rounds.items()}
            results["scenarios"][scenario["name"]] = {"rounds": rounds, "median": summary}
            suite.log(f"  before {summary['before']['rps']:.0f} rps, after {summary['after']['rps']:.0f} rps")
        results["loadAvgAtEnd"] = os.getloadavg()
    finally:
        if own_lock and os.path.exists(options.lock):
            os.remove(options.lock)
        for process in processes:
            process.terminate()
            process.wait(30)
        for cluster in {id(side["cluster"]): side["cluster"] for side in sides.values()}.values():
            cluster.stop()

    out_dir = os.path.join(suite.RESULTS, f"ab-{time.strftime('%Y-%m-%d')}")
    os.makedirs(out_dir, exist_ok=True)
    out = os.path.join(out_dir, f"{builds['before']['commit']}-{builds['after']['commit']}-{options.size}{'-' + options.label if options.label else ''}.json")
    with open(out, "w") as f:
        json.dump(results, f, indent=1)
    print(f"\n{options.size}, {options.rounds} alternating rounds of {options.duration} s per build, medians "
          f"(before {builds['before']['commit']} at {sides['before']['migration']}, after {builds['after']['commit']} at {sides['after']['migration']}):\n")
    print("| scenario | rps before → after | change | API CPU ms/req | PostgreSQL CPU ms/req | API RSS MB, median of rounds' max (max) |")
    print("| --- | --- | --- | --- | --- | --- |")
    for name, r in results["scenarios"].items():
        b, a = r["median"]["before"], r["median"]["after"]
        print(f"| {name} | {b['rps']:,.0f} → {a['rps']:,.0f} | {100 * (a['rps'] / b['rps'] - 1):+.1f} % | "
              f"{b['apiCpuMs']:.2f} → {a['apiCpuMs']:.2f} | {b['pgCpuMs']:.2f} → {a['pgCpuMs']:.2f} | "
              f"{b['rssMaxMb']:.0f} ({b['rssPeakMb']:.0f}) → {a['rssMaxMb']:.0f} ({a['rssPeakMb']:.0f}) |"
              + (f" ({b['roundsWithErrors']} / {a['roundsWithErrors']} rounds with failed requests left out)" if b["roundsWithErrors"] or a["roundsWithErrors"] else ""))
    print(f"\nload average at start {results['loadAvgAtStart'][0]:.2f}, at end {results['loadAvgAtEnd'][0]:.2f}; {out}")


if __name__ == "__main__":
    main()
