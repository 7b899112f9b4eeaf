"""Keyset page 1 (GET /api/v1/products?limit=20) with two forms of v_storefront_catalog, alternated in six pairs of
15 s runs on one API (this checkout's Release build) and the loaded 1m cluster: "rule", the view as shipped (it reads
v_storefront_products, the one storefront rule, whose brand and category parts are two InitPlans), and "join", the
pre-issue-24 form (the same conditions written as join conditions on brands and categories, dff4579's view plus
brands.archived_at). Issue 24: does the view's form explain the first page's gap? The shipped view is restored at the
end. Usage: /tmp/bench-exclusive python3 bench/view_forms.py; results in bench/results/ab-<date>/<commit>-keyset-view-forms.json."""
import os, sys, time, json, statistics
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import suite
cluster = suite.Cluster("1m")
cluster.start()
RULE = None
JOIN = """CREATE OR REPLACE VIEW v_storefront_catalog AS
SELECT p.id, p.name, p.slug, p.short_description, p.price, p.compare_at_price, p.tags, p.images, p.is_featured,
       p.stock_quantity, p.average_rating, p.review_count, p.created_at, p.search_vector, p.category_id, p.brand_id,
       b.name AS brand_name, b.slug AS brand_slug, c.name AS category_name, c.slug AS category_slug
  FROM products p
  LEFT JOIN brands b     ON b.id = p.brand_id    AND b.deleted_at IS NULL AND b.archived_at IS NULL
  LEFT JOIN categories c ON c.id = p.category_id AND c.deleted_at IS NULL
 WHERE p.deleted_at IS NULL AND p.is_active AND p.status = 'published'
   AND (p.brand_id IS NULL OR b.id IS NOT NULL)
   AND (p.category_id IS NULL OR c.id IS NOT NULL);"""
RULE = open(os.path.join(suite.ROOT, "src/Infrastructure/Persistence/Migrations/Sql/Repeatable/R030_v_storefront_catalog.sql")).read().replace("CREATE VIEW", "CREATE OR REPLACE VIEW")
forms = {"rule": RULE, "join": JOIN}
cluster.psql(RULE)
cluster.psql("VACUUM ANALYZE brands"); cluster.psql("VACUUM ANALYZE categories")
api, _ = suite.start_api(cluster, 5300, cache=False)
base = "http://127.0.0.1:5300"
target = "/tmp/catalog-view-forms.wrk"
open(target, "w").write("GET\t/api/v1/products?limit=20\t\n")
results = {"rule": [], "join": []}
started, load = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), os.getloadavg()
def run(form):
    cluster.psql(forms[form])
    suite.run_wrk(base, target, 5, 16, {}, f"w{time.time_ns()}")
    a, p = suite.proc_cpu(api.pid), cluster.cpu_seconds()
    peak = suite.run_wrk(base, target, 15, 16, {}, f"p{time.time_ns()}")
    a, p = suite.proc_cpu(api.pid) - a, cluster.cpu_seconds() - p
    n = max(1, peak["requests"])
    r = {"rps": peak["rps"], "api": 1000 * a / n, "pg": 1000 * p / n, "errors": sum(peak[k] for k in ("errorsStatus", "errorsConnect", "errorsTimeout", "errorsRead"))}
    results[form].append(r); print(form, r, flush=True)
try:
    suite.run_wrk(base, target, 40, 16, {}, "warm")
    for i in range(6):
        for form in (("rule", "join") if i % 2 == 0 else ("join", "rule")):
            run(form)
finally:
    cluster.psql(RULE)
    api.terminate(); api.wait(30)
    cluster.stop()
for f, rs in results.items():
    print(f, {k: round(statistics.median(r[k] for r in rs), 3) for k in ("rps", "api", "pg")})
commit = suite.sh("git rev-parse --short HEAD", cwd=suite.ROOT).strip()
out = os.path.join(suite.RESULTS, f"ab-{time.strftime('%Y-%m-%d')}", f"{commit}-keyset-view-forms.json")
os.makedirs(os.path.dirname(out), exist_ok=True)
json.dump({"when": started, "commit": commit, "loadAvgAtStart": load, "rounds": results}, open(out, "w"), indent=1)
print(out)
