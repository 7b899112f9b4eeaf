"""Renders a Grafana dashboard (its JSON model) from a Prometheus server's series into a PNG, without Grafana.

    python3 tools/dashboard-render/render.py --prometheus http://127.0.0.1:9090 \
        --dashboard deploy/observability/grafana-dashboard.json --start 1765100000 --end 1765100900 \
        --out docs/images/dashboard.png [--var job=catalog]

Each panel with PromQL targets becomes a line chart of its series over [start, end] (query_range, one point per
step), laid out on the dashboard's own grid (gridPos); stat and gauge panels show their last value. Dashboard
variables ($job, $__rate_interval, ...) are replaced by --var values or sensible defaults. The page is written as
HTML with inline SVG and photographed by headless Chromium (Debian's `chromium`). Used for docs/operations.md, which
shows the dashboard over a benchmark run.
"""
import argparse
import html
import json
import math
import os
import re
import subprocess
import tempfile
import time
import urllib.parse
import urllib.request

COLOURS = ["#7eb26d", "#eab839", "#6ed0e0", "#ef843c", "#e24d42", "#1f78c1", "#ba43a9", "#705da0", "#508642", "#cca300"]
GRID_WIDTH, ROW_HEIGHT, PAGE_WIDTH = 24, 30, 1600


def query_range(prometheus, expr, start, end, step):
    url = f"{prometheus}/api/v1/query_range?" + urllib.parse.urlencode({"query": expr, "start": start, "end": end, "step": step})
    with urllib.request.urlopen(url, timeout=30) as response:
        body = json.load(response)
    return body["data"]["result"] if body.get("status") == "success" else []


def substitute(expr, variables, step):
    values = {"__rate_interval": f"{max(4 * step, 20)}s", "__interval": f"{step}s", "__range": "5m", **variables}
    return re.sub(r"\$\{?(\w+)(?::\w+)?\}?", lambda m: values.get(m.group(1), ".*"), expr)


def legend(template, labels):
    if not template:
        return ", ".join(f"{k}={v}" for k, v in sorted(labels.items()) if k != "__name__") or "value"
    return re.sub(r"\{\{\s*(\w+)\s*\}\}", lambda m: labels.get(m.group(1), ""), template)


def fmt(value, unit):
    if value is None or math.isnan(value):
        return "–"
    if unit in ("s", "seconds"):
        return f"{value * 1000:.1f} ms" if value < 1 else f"{value:.2f} s"
    if unit in ("percentunit",):
        return f"{value * 100:.1f} %"
    if unit in ("bytes", "decbytes"):
        return f"{value / 1048576:.1f} MiB"
    if abs(value) >= 1000:
        return f"{value / 1000:.1f} k"
    return f"{value:.3g}"


def chart(panel, series, width, height, start, end):
    unit = panel.get("fieldConfig", {}).get("defaults", {}).get("unit", "")
    pad_left, pad_top, pad_bottom = 60, 28, 22 + 16 * min(len(series), 6)
    plot_w, plot_h = width - pad_left - 12, max(40, height - pad_top - pad_bottom)
    values = [v for _, points in series for _, v in points if not math.isnan(v)]
    top = max(values) if values else 1.0
    top = top * 1.1 if top > 0 else 1.0
    parts = [f'<svg width="{width}" height="{height}" xmlns="http://www.w3.org/2000/svg">',
             f'<rect width="100%" height="100%" fill="#181b1f" stroke="#2c3235"/>',
             f'<text x="10" y="18" fill="#d8d9da" font-size="13" font-family="sans-serif" font-weight="bold">{html.escape(panel.get("title", ""))}</text>']
    for i in range(5):
        y = pad_top + plot_h - plot_h * i / 4
        parts.append(f'<line x1="{pad_left}" x2="{pad_left + plot_w}" y1="{y:.1f}" y2="{y:.1f}" stroke="#2c3235"/>')
        parts.append(f'<text x="{pad_left - 6}" y="{y + 4:.1f}" fill="#8e8e8e" font-size="10" text-anchor="end" font-family="sans-serif">{fmt(top * i / 4, unit)}</text>')
    for j in range(5):
        t = start + (end - start) * j / 4
        x = pad_left + plot_w * j / 4
        label = time.strftime("%H:%M", time.gmtime(t))
        parts.append(f'<text x="{x:.1f}" y="{pad_top + plot_h + 14}" fill="#8e8e8e" font-size="10" text-anchor="middle" font-family="sans-serif">{label}</text>')
    if not series:
        parts.append(f'<text x="{width / 2}" y="{pad_top + plot_h / 2}" fill="#8e8e8e" font-size="12" text-anchor="middle" font-family="sans-serif">No data</text>')
    for index, (name, points) in enumerate(series):
        colour = COLOURS[index % len(COLOURS)]
        coords = [f"{pad_left + plot_w * (t - start) / max(1, end - start):.1f},{pad_top + plot_h - plot_h * (v / top):.1f}"
                  for t, v in points if not math.isnan(v)]
        if coords:
            parts.append(f'<polyline fill="none" stroke="{colour}" stroke-width="1.5" points="{" ".join(coords)}"/>')
        if index < 6:
            last = next((v for _, v in reversed(points) if not math.isnan(v)), float("nan"))
            y = pad_top + plot_h + 30 + 16 * index
            parts.append(f'<rect x="{pad_left}" y="{y - 8}" width="10" height="3" fill="{colour}"/>')
            parts.append(f'<text x="{pad_left + 16}" y="{y - 3}" fill="#c7d0d9" font-size="11" font-family="sans-serif">{html.escape(name[:90])} — last {fmt(last, unit)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def stat(panel, series, width, height):
    unit = panel.get("fieldConfig", {}).get("defaults", {}).get("unit", "")
    last = [next((v for _, v in reversed(points) if not math.isnan(v)), float("nan")) for _, points in series]
    shown = fmt(sum(v for v in last if not math.isnan(v)) if last else float("nan"), unit)
    return (f'<svg width="{width}" height="{height}" xmlns="http://www.w3.org/2000/svg"><rect width="100%" height="100%" fill="#181b1f" stroke="#2c3235"/>'
            f'<text x="10" y="18" fill="#d8d9da" font-size="13" font-family="sans-serif" font-weight="bold">{html.escape(panel.get("title", ""))}</text>'
            f'<text x="{width / 2}" y="{height / 2 + 14}" fill="#73bf69" font-size="34" text-anchor="middle" font-family="sans-serif">{shown}</text></svg>')


def panels_of(dashboard):
    for panel in dashboard.get("panels", []):
        if panel.get("type") == "row":
            yield from panel.get("panels", [])
            yield panel
        else:
            yield panel


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--prometheus", default="http://127.0.0.1:9090")
    parser.add_argument("--dashboard", required=True)
    parser.add_argument("--start", type=float, required=True)
    parser.add_argument("--end", type=float, required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--var", action="append", default=[], metavar="NAME=VALUE")
    parser.add_argument("--chromium", default="chromium")
    options = parser.parse_args()
    with open(options.dashboard) as f:
        dashboard = json.load(f)
    variables = dict(v.split("=", 1) for v in options.var)
    step = max(5, int((options.end - options.start) / 240))
    unit_w = PAGE_WIDTH / GRID_WIDTH
    blocks, bottom = [], 0
    for panel in panels_of(dashboard):
        pos = panel.get("gridPos", {"x": 0, "y": bottom, "w": 12, "h": 8})
        x, y, w, h = pos.get("x", 0) * unit_w, pos.get("y", 0) * ROW_HEIGHT, pos.get("w", 12) * unit_w, pos.get("h", 8) * ROW_HEIGHT
        bottom = max(bottom, pos.get("y", 0) + pos.get("h", 8))
        if panel.get("type") == "row":
            blocks.append(f'<div style="position:absolute;left:{x:.0f}px;top:{y:.0f}px;color:#d8d9da;font:bold 15px sans-serif">{html.escape(panel.get("title", ""))}</div>')
            continue
        series = []
        for target in panel.get("targets", []):
            if not target.get("expr"):
                continue
            for result in query_range(options.prometheus, substitute(target["expr"], variables, step), options.start, options.end, step):
                points = [(float(t), float(v)) for t, v in result["values"]]
                series.append((legend(target.get("legendFormat"), result["metric"]), points))
        body = stat(panel, series, int(w) - 6, int(h) - 6) if panel.get("type") in ("stat", "gauge", "singlestat") else chart(panel, series, int(w) - 6, int(h) - 6, options.start, options.end)
        blocks.append(f'<div style="position:absolute;left:{x:.0f}px;top:{y:.0f}px">{body}</div>')
    height = bottom * ROW_HEIGHT + 20
    page = (f'<!doctype html><html><body style="margin:0;background:#111217;width:{PAGE_WIDTH}px;height:{height}px;position:relative">'
            f'{"".join(blocks)}</body></html>')
    with tempfile.TemporaryDirectory() as work:
        page_file = os.path.join(work, "dashboard.html")
        with open(page_file, "w") as f:
            f.write(page)
        subprocess.run([options.chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", f"--window-size={PAGE_WIDTH},{height}",
                        f"--screenshot={os.path.abspath(options.out)}", f"file://{page_file}"], check=True, capture_output=True, timeout=120)
    print(f"{options.out}: {len(blocks)} panels, {options.start:.0f}..{options.end:.0f}, step {step} s")


if __name__ == "__main__":
    main()
