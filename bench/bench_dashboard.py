"""How fast the dashboard answers on a national-scale build (issue 7): a measurement, not a test.

    python bench/bench_dashboard.py [--db PATH] [--out PATH] [--quick]

1. First chart of every page in headless Chromium: from navigation start until the first
   `.js-plotly-plot` holds data, for an address opened in a browser that knows the site, for a
   click in the menu, and for a browser that never saw it; once on a server that has just started
   (still warming its cache), then again when `GET /_status` says the cache is warm.
2. Filter changes, one user: `python -m dashboard` on a free loopback port; for every page with
   filters (overview, the four themes, a municipality, the map) a bounded walk through the options
   of each filter, sent as the browser sends them: real HTTP POSTs to `/_dash-update-component`,
   every server callback that the change triggers fired at once, the change answered when the
   last one is. The payloads are not written by hand: the callbacks come from
   `/_dash-dependencies`, the filters and their options from the page layout that the router
   callback returns. Latency p50/p95/max, split into views this client asked for the first time
   ("eerste keer") and again ("herhaald"); measured once the server says its cache is warm.
3. The same walks by 20 concurrent clients (threads) against gunicorn as `make serve` runs it
   (`dashboard/gunicorn_conf.py`), counting errors.
4. A first visit per page in an empty browser profile (issue 14): bytes transferred as received
   on the wire (compressed, headers included) and the time to the first chart.

Without `--db` it builds a national-scale database first (`pipeline sample --scale national` and
`pipeline run` into a temporary folder, ~30 s). `--quick` uses the shipped sample with few
iterations, as a smoke test. The numbers are printed as a table and written as JSON to `--out`
(default bench/output/dashboard.json). Bounded: the whole script takes well under 5 minutes.
"""

from __future__ import annotations

import argparse
import concurrent.futures as cf
import json
import math
import os
import platform
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dashboard.screenshot import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

TARGETS = {
    "filter_p95_s": 0.200,
    "filter_p95_concurrent_s": 0.500,
    "first_chart_s": 1.5,
    "first_visit_bytes": 2_500_000,
}
CLIENTS = 20
ROUTER = ".._pages_content.children..._pages_store.data.."
ROUTER_OUTPUTS = [
    {"id": "_pages_content", "property": "children"},
    {"id": "_pages_store", "property": "data"},
]
SYNC_STATE = {"id": "url-sync", "property": "data", "value": None}


# ---------------------------------------------------------------------- database and servers


def build_database(workdir: Path, quick: bool) -> Path:
    """A fresh build: the shipped sample (quick) or a national-scale synthetic set."""
    py = [sys.executable, "-m", "pipeline"]
    raw = ROOT / "data" / "raw"
    if not quick:
        raw = workdir / "raw"
        subprocess.run(
            [*py, "sample", "--scale", "national", "--out", str(raw)],
            check=True,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    out = workdir / "processed"
    subprocess.run(
        [*py, "run", "--raw", str(raw), "--out", str(out)],
        check=True,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return out / "monitor.duckdb"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serve(db: Path, gunicorn: bool, logs: Path) -> Iterator[str]:
    """The dashboard on a free loopback port: one process, or gunicorn as `make serve` runs it.
    Its log goes to a file in `logs` (a pipe that nobody reads fills up and blocks the server)."""
    port = _free_port()
    if gunicorn:
        cmd = [
            str(Path(sys.executable).with_name("gunicorn")),
            "--config",
            "dashboard/gunicorn_conf.py",
            "--bind",
            f"127.0.0.1:{port}",
            "dashboard.app:server",
        ]
    else:
        cmd = [sys.executable, "-m", "dashboard", "--db", str(db), "--port", str(port)]
    env = {**os.environ, "MONITOR_DB": str(db)}
    log = logs / f"dashboard-{port}.log"
    with log.open("wb") as sink:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=sink)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                urllib.request.urlopen(url + "/_dash-dependencies", timeout=5).read()
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    error = log.read_text(errors="replace")[-2000:]
                    raise RuntimeError(f"dashboard start niet: {error}") from None
                time.sleep(0.2)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


# ---------------------------------------------------------------------- callback payloads


def post(url: str, payload: dict, timeout: float = 60) -> tuple[int, bytes]:
    req = urllib.request.Request(
        url + "/_dash-update-component",
        data=json.dumps(payload).encode(),
        headers={"Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def router_payload(path: str, search: str = "") -> dict:
    """What the browser sends when it opens a page: the router callback of dash.page_container."""
    return {
        "output": ROUTER,
        "outputs": ROUTER_OUTPUTS,
        "state": [SYNC_STATE],
        "inputs": [
            {"id": "_pages_location", "property": "pathname", "value": path},
            {"id": "_pages_location", "property": "search", "value": search},
        ],
        "changedPropIds": ["_pages_location.pathname"],
    }


def _outputs(spec: str) -> dict | list[dict]:
    if spec.startswith(".."):
        parts = [p for p in spec.strip(".").split("...") if p]
        return [dict(zip(("id", "property"), p.split("@")[0].split("."), strict=True)) for p in parts]
    i, prop = spec.split("@")[0].split(".")
    return {"id": i, "property": prop}


def _components(tree: object) -> Iterator[dict]:
    if isinstance(tree, dict) and "props" in tree:
        yield tree
        yield from _components(tree["props"].get("children"))
    elif isinstance(tree, list):
        for child in tree:
            yield from _components(child)


@dataclass
class Change:
    """One filter change on one page: the callback requests it fires, and a key per view."""

    page: str
    label: str
    requests: list[dict]
    keys: list[str]


@dataclass
class Page:
    path: str
    values: dict[str, object]
    options: dict[str, list]
    deps: list[dict] = field(default_factory=list)


def page_filters(url: str, path: str, dependencies: list[dict]) -> Page:
    """A page's filters (id → current value and options) and the server callbacks they drive."""
    status, body = post(url, router_payload(path))
    if status != 200:
        raise RuntimeError(f"{path}: router gaf {status}")
    tree = json.loads(body)["response"]["_pages_content"]["children"]
    values, options = {}, {}
    for c in _components(tree):
        p = c["props"]
        if isinstance(p.get("id"), str) and "value" in p:
            values[p["id"]] = p["value"]
            if p.get("options"):
                options[p["id"]] = [o["value"] if isinstance(o, dict) else o for o in p["options"]]
    deps = [
        d
        for d in dependencies
        if d["clientside_function"] is None
        and all(i["property"] == "value" and i["id"] in values for i in d["inputs"])
    ]
    return Page(path, values, options, deps)


def walk(page: Page, limit: int, rng: random.Random | None = None) -> list[Change]:
    """Through the options of each filter in turn (at most `limit` per filter), as a user would."""
    state = dict(page.values)
    changes = []
    filters = [f for f in page.options if any(i["id"] == f for d in page.deps for i in d["inputs"])]
    for f in filters:
        opts = [v for v in page.options[f] if v != state[f]]
        if rng is not None:
            rng.shuffle(opts)
        for v in opts[:limit]:
            state[f] = v
            requests, keys = [], []
            for d in page.deps:
                if not any(i["id"] == f for i in d["inputs"]):
                    continue
                inputs = [{**i, "value": state[i["id"]]} for i in d["inputs"]]
                st = [{**s, "value": state.get(s["id"])} for s in d["state"]]
                requests.append(
                    {
                        "output": d["output"],
                        "outputs": _outputs(d["output"]),
                        "inputs": inputs,
                        "state": st,
                        "changedPropIds": [f"{f}.value"],
                    }
                )
                keys.append(json.dumps([d["output"], [i["value"] for i in inputs], [s["value"] for s in st]]))
            changes.append(Change(page.path, f"{f}={v}", requests, keys))
    return changes


def fire(url: str, change: Change, pool: cf.Executor | None) -> tuple[float, list[int]]:
    """Send a change's requests at once (as the browser does); seconds until the last answer."""
    start = time.perf_counter()
    if pool is None or len(change.requests) == 1:
        statuses = [post(url, r)[0] for r in change.requests]
    else:
        statuses = [f.result()[0] for f in [pool.submit(post, url, r) for r in change.requests]]
    return time.perf_counter() - start, statuses


# ---------------------------------------------------------------------- statistics


def summary(times: list[float]) -> dict:
    if not times:
        return {"n": 0}
    s = sorted(times)

    def q(p: float) -> float:
        return s[max(0, math.ceil(p * len(s)) - 1)]  # nearest rank

    return {"n": len(s), "p50_s": q(0.5), "p95_s": q(0.95), "max_s": s[-1]}


# ---------------------------------------------------------------------- the measurements


def pages_to_walk(db: Path) -> list[str]:
    import duckdb

    with duckdb.connect(str(db), read_only=True) as con:
        pilot = con.execute(
            "select gemeente_code from gemeenten where proeftuin order by gemeente_naam limit 1"
        ).fetchall()[0][0]
        other = con.execute(
            "select gemeente_code from waarnemingen w join gemeenten g using (gemeente_code) "
            "where not g.proeftuin group by all order by count(*) desc, gemeente_code limit 1"
        ).fetchall()[0][0]
    themes = [f"/thema/{d}" for d in ("verzuim", "arbeid", "wonen", "veiligheid")]
    return ["/", *themes, "/kaart", f"/gemeente/{pilot}", f"/gemeente/{other}"]


def single_user(url: str, paths: list[str], rounds: int, limit: int, budget_s: float) -> dict:
    deps = json.loads(urllib.request.urlopen(url + "/_dash-dependencies").read())
    pages = [page_filters(url, p, deps) for p in paths]
    seen: set[str] = set()
    first, repeat, per_page = [], [], {}
    statuses: dict[str, int] = {}
    deadline = time.monotonic() + budget_s
    with cf.ThreadPoolExecutor(4) as pool:
        for _ in range(rounds):
            for page in pages:
                for change in walk(page, limit):
                    if time.monotonic() > deadline:
                        break
                    t, codes = fire(url, change, pool)
                    new = any(k not in seen for k in change.keys)
                    seen.update(change.keys)
                    (first if new else repeat).append(t)
                    per_page.setdefault(page.path, []).append(t)
                    for c in codes:
                        statuses[str(c)] = statuses.get(str(c), 0) + 1
    return {
        "alle": summary(first + repeat),
        "eerste_keer": summary(first),
        "herhaald": summary(repeat),
        "per_pagina": {p: summary(ts) for p, ts in per_page.items()},
        "http_status": statuses,
        "wijzigingen_per_ronde": sum(len(walk(p, limit)) for p in pages),
    }


def concurrent(url: str, paths: list[str], clients: int, per_client: int, budget_s: float) -> dict:
    deps = json.loads(urllib.request.urlopen(url + "/_dash-dependencies").read())
    pages = [page_filters(url, p, deps) for p in paths]
    lock = threading.Lock()
    times: list[float] = []
    errors: list[str] = []
    deadline = time.monotonic() + budget_s
    barrier = threading.Barrier(clients)

    def client(i: int) -> None:
        rng = random.Random(i)
        changes = [c for p in pages for c in walk(p, 3, rng)]
        rng.shuffle(changes)
        with cf.ThreadPoolExecutor(2) as pool:
            barrier.wait()
            for change in changes[:per_client]:
                if time.monotonic() > deadline:
                    break
                try:
                    t, codes = fire(url, change, pool)
                except OSError as e:
                    with lock:
                        errors.append(f"{change.page} {change.label}: {e}")
                    continue
                with lock:
                    times.append(t)
                    errors.extend(f"{change.page} {change.label}: HTTP {c}" for c in codes if c != 200)

    start = time.perf_counter()
    with cf.ThreadPoolExecutor(clients) as pool:
        list(pool.map(client, range(clients)))
    wall = time.perf_counter() - start
    return {
        "clients": clients,
        **summary(times),
        "fouten": len(errors),
        "foutvoorbeelden": errors[:5],
        "wijzigingen_per_s": len(times) / wall if wall else None,
    }


FIRST_CHART_JS = """() => {
    const gd = document.querySelector('.js-plotly-plot');
    return gd && gd._fullData && gd._fullData.length ? performance.now() : false;
}"""
# Notes when the router callback (the new page's layout) has been answered.
ROUTER_WATCH_JS = """(() => {
    const fetch0 = window.fetch;
    window.fetch = async (...args) => {
        const response = await fetch0(...args);
        const body = args[1] && typeof args[1].body === 'string' ? args[1].body : '';
        if (body.includes('_pages_content')) { window.__routed = performance.now(); }
        return response;
    };
})();"""
# A click in the menu: from the click until, after the router answered, a chart has new data (a
# chart that Dash reuses across pages counts once Plotly has drawn the new page's data into it).
MENU_CLICK_JS = """async (href) => {
    const old = new Set([...document.querySelectorAll('.js-plotly-plot')].map(gd => gd._fullData));
    const link = [...document.querySelectorAll('.hoofdmenu a')].find(a => a.getAttribute('href') === href);
    window.__routed = null;
    const t0 = performance.now();
    link.click();
    return await new Promise(resolve => {
        const check = () => {
            const drawn = window.__routed && [...document.querySelectorAll('.js-plotly-plot')]
                .some(gd => gd._fullData && gd._fullData.length && !old.has(gd._fullData));
            if (drawn) resolve(performance.now() - t0);
            else requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
    });
}"""


def first_charts(url: str, paths: list[str], rounds: int) -> dict:
    """Seconds from navigation to the first chart with data, per page: for a browser that never saw
    the site, for an address opened in a browser that did (its cache holds the scripts), and for
    a click in the menu (the app is loaded; only the page changes)."""
    from playwright.sync_api import sync_playwright

    out: dict[str, dict] = {"nieuwe_browser": {}, "adres": {}, "menu": {}}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            context = browser.new_context(viewport={"width": 1300, "height": 900})
            context.add_init_script(ROUTER_WATCH_JS)
            page = context.new_page()
            page.goto(url + paths[0])
            first = page.wait_for_function(FIRST_CHART_JS, timeout=60000).json_value()
            out["nieuwe_browser"][paths[0]] = first / 1000
            for path in paths:
                times = []
                for _ in range(rounds):
                    page.goto(url + path)
                    times.append(page.wait_for_function(FIRST_CHART_JS, timeout=60000).json_value() / 1000)
                out["adres"][path] = times
            for _ in range(rounds):
                page.goto(url + "/over")
                page.wait_for_selector("main h1")
                for path in paths:
                    page.wait_for_load_state("networkidle")
                    seconds = page.evaluate(MENU_CLICK_JS, path) / 1000
                    out["menu"].setdefault(path, []).append(seconds)
            context.close()
        finally:
            browser.close()
    return out


def first_visits(url: str, paths: list[str], rounds: int = 1) -> dict:
    """Per page, a browser with an empty profile (a new context: no cache, no cookies) opening its
    address: bytes transferred (as received on the wire, headers included: Chromium's
    `encodedDataLength`), the number of requests, and seconds from navigation to the first chart
    with data (None for a page without charts). With `rounds` > 1 every page is opened that many
    times (pages in turn), the first chart is the median, each time is kept (`first_chart_alle_s`)
    with the machine's load (1 min) after each round: on a shared machine one visit says little."""
    runs, loads = [], []
    for _ in range(rounds):
        runs.append(_first_visits_once(url, paths))
        loads.append(round(os.getloadavg()[0], 2))
    out = runs[0]
    for path, visit in out.items():
        times = [r[path]["first_chart_s"] for r in runs]
        visit["first_chart_alle_s"] = times
        visit["belasting_1min"] = loads
        if all(t is not None for t in times):
            visit["first_chart_s"] = statistics.median(times)
    return out


def _first_visits_once(url: str, paths: list[str]) -> dict:
    from playwright.sync_api import sync_playwright

    out: dict[str, dict] = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            for path in paths:
                context = browser.new_context(viewport={"width": 1440, "height": 900})
                page = context.new_page()
                cdp = context.new_cdp_session(page)
                cdp.send("Network.enable")
                cdp.send("Network.setCacheDisabled", {"cacheDisabled": False})
                received: dict[str, float] = {}
                names: dict[str, str] = {}

                def sent(e: dict, n: dict = names) -> None:
                    n[e["requestId"]] = e["request"]["url"]

                def done(e: dict, r: dict = received) -> None:
                    r[e["requestId"]] = e["encodedDataLength"]

                cdp.on("Network.requestWillBeSent", sent)
                cdp.on("Network.loadingFinished", done)
                page.goto(url + path)
                page.wait_for_selector("main h1", timeout=60000)
                chart = None
                if page.locator(".js-plotly-plot").count() or path != "/over":
                    try:
                        chart = page.wait_for_function(FIRST_CHART_JS, timeout=60000).json_value() / 1000
                    except Exception:  # a page without charts
                        chart = None
                page.wait_for_load_state("networkidle")
                biggest = sorted(((received[k], names.get(k, "?")) for k in received), reverse=True)[:5]
                out[path] = {
                    "bytes": int(sum(received.values())),
                    "requests": len(received),
                    "first_chart_s": chart,
                    "grootste": [{"url": u.replace(url, ""), "bytes": int(b)} for b, u in biggest],
                }
                context.close()
        finally:
            browser.close()
    return out


# ---------------------------------------------------------------------- report


def wait_warm(url: str, started: float, timeout_s: float) -> float | None:
    """Seconds since the script started when the server reported a warm cache (None: not in time)."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        with urllib.request.urlopen(url + "/_status", timeout=10) as r:
            if json.loads(r.read()).get("warm"):
                return time.perf_counter() - started
        time.sleep(0.5)
    return None


def _worst(times: dict[str, list[float]]) -> float:
    return max((t for ts in times.values() for t in ts), default=float("inf"))


def report(result: dict) -> str:
    db = result["database"]
    lines = [
        f"Dashboard op {db['naam']} ({db['gemeenten']} gemeenten met cijfers, "
        f"{db['waarnemingen']:,} waarnemingen)".replace(",", "."),
        "",
    ]
    head = "filterwijziging (callback, HTTP op loopback)"
    lines.append(f"{head:<48} {'n':>5} {'p50':>7} {'p95':>7} {'max':>7}")

    def row(label: str, s: dict) -> None:
        if s.get("n"):
            ms = [f"{s[k] * 1000:>5.0f}ms" for k in ("p50_s", "p95_s", "max_s")]
            lines.append(f"{label:<48} {s['n']:>5} {ms[0]:>7} {ms[1]:>7} {ms[2]:>7}")

    one = result["een_gebruiker"]
    row("1 gebruiker, alle", one["alle"])
    row("  eerste keer gevraagd", one["eerste_keer"])
    row("  herhaald gevraagd", one["herhaald"])
    for p, s in one["per_pagina"].items():
        row(f"  {p}", s)
    many = result["gelijktijdig"]
    row(f"{many['clients']} gelijktijdig (gunicorn)", many)
    lines.append(f"  fouten: {many['fouten']}; {many.get('wijzigingen_per_s') or 0:.1f} wijzigingen/s")
    lines.append("")
    for key, label in (
        ("eerste_grafiek_net_gestart", "net gestarte server"),
        ("eerste_grafiek", "warme server"),
    ):
        charts = result[key]
        lines.append(f"{'eerste grafiek na navigatie, ' + label:<48} {'adres':>14} {'menu':>14}")
        for p in charts["adres"]:
            a = "/".join(f"{t * 1000:.0f}" for t in charts["adres"][p])
            m = "/".join(f"{t * 1000:.0f}" for t in charts["menu"].get(p, []))
            lines.append(f"  {p:<46} {a + ' ms':>14} {m + ' ms':>14}")
        for p, t in charts["nieuwe_browser"].items():
            lines.append(f"  {p} in een nieuwe browser (scripts nog niet in de cache): {t * 1000:.0f} ms")
    lines.append(f"{'eerste bezoek, leeg browserprofiel (1440 px)':<48} {'overgedragen':>14} {'grafiek':>9}")
    for p, v in result.get("eerste_bezoek", {}).items():
        chart = f"{v['first_chart_s'] * 1000:.0f} ms" if v["first_chart_s"] else "–"
        each = [t for t in v.get("first_chart_alle_s", []) if t]
        rounds = f"  ({'/'.join(f'{t * 1000:.0f}' for t in each)})" if len(each) > 1 else ""
        lines.append(f"  {p:<46} {v['bytes'] / 1e6:>11.2f} MB {chart:>9}{rounds}")
    loads = next(iter(result.get("eerste_bezoek", {}).values()), {}).get("belasting_1min")
    if loads:
        lines.append(f"  belasting (1 min) na elke ronde: {', '.join(f'{x:.1f}' for x in loads)}")
    warm = result["cache_warm_na_s"]
    when = f"na {warm:.0f} s" if warm else "niet binnen de tijd"
    lines.append(f"cache warm {when} (sinds de start van de meting)")
    lines.append("")
    for name, t in result["doelen"].items():
        verdict = "gehaald" if t["gehaald"] else "NIET gehaald"
        if "gemeten_bytes" in t:
            mb, limit = t["gemeten_bytes"] / 1e6, t["doel_bytes"] / 1e6
            lines.append(f"doel {name}: {mb:.2f} MB tegen {limit:.1f} MB — {verdict}")
            continue
        measured, target = t["gemeten_s"] * 1000, t["doel_s"] * 1000
        lines.append(f"doel {name}: {measured:.0f} ms tegen {target:.0f} ms — {verdict}")
    return "\n".join(lines)


def _say(started: float, what: str) -> None:
    print(f"[{time.perf_counter() - started:5.0f} s] {what} …", file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="bench/bench_dashboard.py", description=__doc__.split("\n")[0])
    p.add_argument("--db", type=Path, help="een gebouwde monitor.duckdb (anders: bouw er een)")
    p.add_argument("--out", type=Path, default=ROOT / "bench" / "output" / "dashboard.json")
    p.add_argument("--quick", action="store_true", help="meegeleverde steekproef, weinig herhalingen")
    args = p.parse_args(argv)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="bench-dashboard-") as tmp:
        db = args.db
        if db is None:
            _say(started, "database bouwen")
            db = build_database(Path(tmp), args.quick)
        import duckdb

        with duckdb.connect(str(db), read_only=True) as con:
            n_rows, n_gem = con.execute(
                "select count(*), count(distinct gemeente_code) from waarnemingen"
            ).fetchall()[0]
        paths = pages_to_walk(db)
        rounds, limit = (1, 2) if args.quick else (3, 6)
        pages = [*paths[:-1], "/datakwaliteit"]
        with serve(db, gunicorn=False, logs=Path(tmp)) as url:
            # First the browser on a server that has just started and is still warming its cache;
            # then, once it is warm (GET /_status), the numbers the targets are about.
            _say(started, "eerste grafiek in Chromium, net gestarte server")
            cold_charts = first_charts(url, pages, 1)
            _say(started, "wachten tot de cache warm is")
            warm_after = wait_warm(url, started, timeout_s=120)
            _say(started, "eerste grafiek in Chromium, warme server")
            charts = first_charts(url, pages, 1 if args.quick else 2)
            _say(started, "eerste bezoek per pagina, leeg browserprofiel (bytes, eerste grafiek)")
            visits = first_visits(url, [*pages, "/over"], rounds=1 if args.quick else 3)
            _say(started, "filterwijzigingen, één gebruiker")
            one = single_user(url, paths, rounds, limit, budget_s=30 if args.quick else 60)
        _say(started, f"filterwijzigingen, {CLIENTS} gelijktijdige gebruikers")
        with serve(db, gunicorn=True, logs=Path(tmp)) as url:
            many = concurrent(url, paths, CLIENTS, 5 if args.quick else 25, budget_s=30 if args.quick else 60)
    worst_chart = max(_worst(charts["adres"]), _worst(charts["menu"]))
    fresh_chart = max((v["first_chart_s"] for v in visits.values() if v["first_chart_s"]), default=0.0)
    result = {
        "gemeten": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {
            "cpu": os.cpu_count(),
            "python": platform.python_version(),
            "systeem": platform.platform(),
            "belasting_1min": os.getloadavg()[0],
        },
        "database": {
            "naam": str(db) if args.db else ("steekproef" if args.quick else "national (vers gebouwd)"),
            "waarnemingen": n_rows,
            "gemeenten": n_gem,
        },
        "snel": args.quick,
        "een_gebruiker": one,
        "gelijktijdig": many,
        "eerste_grafiek": charts,
        "eerste_grafiek_net_gestart": cold_charts,
        "cache_warm_na_s": warm_after,
        "eerste_bezoek": visits,
        "doelen": {
            "filter_p95_1_gebruiker": {"gemeten_s": one["alle"]["p95_s"], "doel_s": TARGETS["filter_p95_s"]},
            "filter_p95_20_gelijktijdig": {
                "gemeten_s": many.get("p95_s", float("inf")),
                "doel_s": TARGETS["filter_p95_concurrent_s"],
            },
            "eerste_grafiek_adres_en_menu": {"gemeten_s": worst_chart, "doel_s": TARGETS["first_chart_s"]},
            "eerste_grafiek_leeg_profiel": {"gemeten_s": fresh_chart, "doel_s": TARGETS["first_chart_s"]},
        },
    }
    heaviest = max(v["bytes"] for v in visits.values())
    limit = TARGETS["first_visit_bytes"]
    result["doelen"]["eerste_bezoek_bytes"] = {
        "gemeten_bytes": heaviest,
        "doel_bytes": limit,
        "gehaald": heaviest <= limit,
    }
    for t in result["doelen"].values():
        if "gemeten_s" in t:
            t["gehaald"] = t["gemeten_s"] <= t["doel_s"]
    result["doelen"]["filter_p95_20_gelijktijdig"]["gehaald"] &= many["fouten"] == 0
    result["duur_s"] = time.perf_counter() - started
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(report(result))
    print(f"\n{args.out} geschreven ({result['duur_s']:.0f} s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
