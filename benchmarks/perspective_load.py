"""Load test of the screening service, side by side with the engine called in-process.

    .venv/bin/python benchmarks/perspective_load.py [--duration 15] [--connections 8] [--workers 2]

Starts the screening-only service (``majlis.perspective.wsgi``) under gunicorn with two worker
processes on loopback (fresh SQLite database in a temporary folder, one ``screen`` API key),
then drives ``POST /v1alpha1/comments:analyze?key=…`` with Coral Talk's request body
(``{comment:{text}, doNotStore:true, languages:[…], requestedAttributes:{TOXICITY:{}}}``) over a
mix of realistic comments in the six languages, using ``wrk`` (``apt-get install wrk``) or, when
wrk is missing, a Python thread pool of keep-alive connections. It also drives the Coral phase
(``/coral/moderate``, signed). Then it calls ``Screener.screen`` in-process on the same comments.
Prints requests/s and p50/p99 latencies for each. The load generator shares the machine's CPUs
with the server: read the HTTP figures as a floor."""
from __future__ import annotations

import argparse
import hashlib
import hmac
import http.client
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

COMMENTS = [
    ("Great article, thank you for the balanced reporting on the talks.", "en"),
    ("The government should publish the timetable; the militias will not leave on their own.", "en"),
    ("Rudaw's coverage of this is one-sided, you never ask the opposition what they think.", "en"),
    ("You are an idiot and a paid liar, everyone knows it.", "en"),
    ("WhatsApp me +964 750 123 4567 for cheap phones, visit shop.example.com", "en"),
    ("I will kill you if you write that again.", "en"),
    ("this is f*cking ridiculous, the ministry has had ten years to fix the power cuts", "en"),
    ("Kurds are animals and should be deported", "en"),
    ("The airstrike on the base was reported by three agencies; ISIS must be defeated militarily.", "en"),
    ("😀 Finally some good news for Erbil! 👏👏", "en"),
    ("ئەم هەواڵە زۆر گرنگە بۆ خەڵکی هەرێمی کوردستان، سوپاس بۆ ڕووداو.", "ckb"),
    ("حکومەت دەبێت وەڵامی خەڵک بداتەوە، ئەمە ماوەی دە ساڵە کێشەی کارەبا هەیە.", "ckb"),
    ("Ev nûçe gelek girîng e, spas ji bo we.", "kmr"),
    ("Hikûmet divê bersiva gel bide, ev deh sal in pirsgirêka elektrîkê heye.", "kmr"),
    ("هذا المقال ممتاز ويشرح الوضع في العراق بشكل جيد.", "ar"),
    ("أنت حمار ولا تفهم شيئا", "ar"),
    ("Bu haber çok önemli, teşekkürler.", "tr"),
    ("Sen bir aptalsın, hiçbir şey bilmiyorsun.", "tr"),
    ("این خبر بسیار مهم است و باید همه بخوانند.", "fa"),
    ("The strategic dialogue between Baghdad and Washington has been going on for a while, and readers "
     "deserve a clear account of what was agreed and what remains open. " * 6, "en"),
]
CORAL_SECRET = "ssc_benchmark-secret"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pct(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


def analyze_body(text, lang):
    return json.dumps({"comment": {"text": text}, "doNotStore": True, "languages": [lang],
                       "requestedAttributes": {"TOXICITY": {}}}, ensure_ascii=False).encode()


def coral_body(text):
    return json.dumps({"action": "NEW", "comment": {"id": "c-1", "body": f"<p>{text}</p>", "parentID": None},
                       "author": {"id": "u-1"}, "story": {"id": "s-1", "url": "https://news.example/story"},
                       "site": {"id": "site-1"}, "tenantID": "t-1", "tenantDomain": "news.example"},
                      ensure_ascii=False).encode()


# --- load generators --------------------------------------------------------------------------

def lua_string(b: bytes) -> str:
    s = b.decode()
    level = "=" * 4
    assert f"]{level}]" not in s
    return f"[{level}[{s}]{level}]"


def run_wrk(url_path, port, requests, duration, connections, threads=2):
    """requests: [(body bytes, {header: value})]. Returns (req/s, p50 ms, p99 ms, non-2xx, total)."""
    lua = ["local reqs = {}"]
    for body, headers in requests:
        h = ", ".join(f'["{k}"] = "{v}"' for k, v in {"Content-Type": "application/json", **headers}.items())
        lua.append(f'table.insert(reqs, wrk.format("POST", "{url_path}", {{{h}}}, {lua_string(body)}))')
    lua.append("local i = 0\nrequest = function()\n  i = i + 1\n  return reqs[(i % #reqs) + 1]\nend")
    lua.append('done = function(summary, latency, requests)\n'
               '  io.write(string.format("JSON {\\"p50\\": %d, \\"p99\\": %d, \\"requests\\": %d, '
               '\\"non2xx\\": %d, \\"errors\\": %d}\\n", latency:percentile(50), latency:percentile(99), '
               'summary.requests, summary.errors.status, summary.errors.connect + summary.errors.read + '
               'summary.errors.write + summary.errors.timeout))\nend')
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
        f.write("\n".join(lua))
        script = f.name
    out = subprocess.run(["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--latency", "-s", script,
                          f"http://127.0.0.1:{port}"], capture_output=True, text=True, check=True).stdout
    os.unlink(script)
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    stats = json.loads(out.split("JSON ", 1)[1].splitlines()[0])
    return rps, stats["p50"] / 1000, stats["p99"] / 1000, stats["non2xx"] + stats["errors"], stats["requests"]


def run_threads(url_path, port, requests, duration, connections):
    latencies, bad = [], [0]
    lock = threading.Lock()
    stop = time.perf_counter() + duration

    def worker(k):
        conn = http.client.HTTPConnection("127.0.0.1", port)
        i, mine, nbad = k, [], 0
        while time.perf_counter() < stop:
            body, headers = requests[i % len(requests)]
            i += 1
            t0 = time.perf_counter()
            conn.request("POST", url_path, body=body, headers={"Content-Type": "application/json", **headers})
            r = conn.getresponse()
            r.read()
            mine.append((time.perf_counter() - t0) * 1000)
            nbad += r.status >= 300
        with lock:
            latencies.extend(mine)
            bad[0] += nbad

    t0 = time.perf_counter()
    ts = [threading.Thread(target=worker, args=(k,)) for k in range(connections)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    elapsed = time.perf_counter() - t0
    return len(latencies) / elapsed, pct(latencies, 0.5), pct(latencies, 0.99), bad[0], len(latencies)


# --- the server ---------------------------------------------------------------------------------

def start_server(workers, var, threads=1):
    env = {**os.environ, "MAJLIS_VAR_DIR": str(var), "DATABASE_URL": "", "SECRET_KEY": "bench-" + "x" * 40,
           "DJANGO_SETTINGS_MODULE": "majlis.perspective.settings_screening", "MAJLIS_CORAL_SECRETS": CORAL_SECRET,
           "MAJLIS_SCREEN_RATE": "1000000/m", "LOG_LEVEL": "WARNING"}
    run = [sys.executable, "-m", "majlis"]
    subprocess.run([*run, "migrate", "--noinput", "-v", "0"], env=env, check=True, cwd=REPO)
    key = subprocess.run([*run, "apikey", "create", "bench", "--scope", "screen"], env=env, check=True, cwd=REPO,
                         capture_output=True, text=True).stdout.strip()
    port = free_port()
    extra = ["--worker-class", "gthread", "--threads", str(threads)] if threads > 1 else []
    proc = subprocess.Popen([sys.executable, "-m", "gunicorn", "--workers", str(workers), "--preload", *extra,
                             "--bind", f"127.0.0.1:{port}", "--log-level", "warning",
                             "majlis.perspective.wsgi:application"], env=env, cwd=REPO)
    deadline = time.monotonic() + 120
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as r:
                if json.loads(r.read())["status"] == "ok":
                    break
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            raise SystemExit("server did not start")
        time.sleep(0.2)
    return proc, port, key


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--duration", type=int, default=15)
    ap.add_argument("--connections", type=int, default=8)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--threads", type=int, default=1,
                    help="threads per worker (gunicorn gthread worker, keeps connections alive); 1 = sync worker")
    ap.add_argument("--python-load", action="store_true", help="use the Python load generator even if wrk exists")
    args = ap.parse_args()

    var = Path(tempfile.mkdtemp(prefix="majlis-perspective-bench-"))
    proc, port, key = start_server(args.workers, var, args.threads)
    use_wrk = shutil.which("wrk") and not args.python_load
    load = run_wrk if use_wrk else run_threads
    print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}; server: gunicorn, {args.workers} "
          f"worker processes ({'sync' if args.threads == 1 else f'gthread x{args.threads}'}), loopback; "
          f"load: {'wrk' if use_wrk else 'Python threads'}, {args.connections} connections, {args.duration} s")
    try:
        analyze = [(analyze_body(t, lang), {}) for t, lang in COMMENTS]
        warm = [(b, h) for b, h in analyze]
        load(f"/v1alpha1/comments:analyze?key={key}", port, warm, 2, 2)
        rows = []
        rps, p50, p99, bad, n = load(f"/v1alpha1/comments:analyze?key={key}", port, analyze, args.duration,
                                     args.connections)
        rows.append(("HTTP comments:analyze (Coral's body)", rps, p50, p99, bad, n))
        coral = []
        for t, _ in COMMENTS:
            b = coral_body(t)
            coral.append((b, {"X-Coral-Signature": "sha256=" + hmac.new(CORAL_SECRET.encode(), b,
                                                                            hashlib.sha256).hexdigest()}))
        rps, p50, p99, bad, n = load("/coral/moderate", port, coral, args.duration, args.connections)
        rows.append(("HTTP /coral/moderate (signed)", rps, p50, p99, bad, n))
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        shutil.rmtree(var, ignore_errors=True)

    from majlis.screening import Screener

    screener = Screener.load()
    for t, _ in COMMENTS:
        screener.screen(t)
    times = []
    stop = time.perf_counter() + min(args.duration, 10)
    t0 = time.perf_counter()
    while time.perf_counter() < stop:
        for t, _ in COMMENTS:
            s = time.perf_counter()
            screener.screen(t)
            times.append((time.perf_counter() - s) * 1000)
    elapsed = time.perf_counter() - t0
    rows.append(("in-process Screener.screen (1 process)", len(times) / elapsed, pct(times, 0.5), pct(times, 0.99),
                 0, len(times)))
    t0 = time.perf_counter()
    batches = 0
    texts = [t for t, _ in COMMENTS]
    while time.perf_counter() - t0 < 3:
        screener.screen_many(texts)
        batches += 1
    rows.append((f"in-process screen_many({len(texts)}) (1 process)", batches * len(texts) / (time.perf_counter() - t0),
                 float("nan"), float("nan"), 0, batches * len(texts)))

    print(f"{'':44} {'req or comments/s':>18} {'p50 ms':>8} {'p99 ms':>8} {'non-2xx':>8} {'n':>8}")
    for name, rps, p50, p99, bad, n in rows:
        print(f"{name:44} {rps:18.0f} {p50:8.2f} {p99:8.2f} {bad:8d} {n:8d}")
    print("(in-process rows: per-call latency; HTTP rows: client-side latency incl. connection, Django, key check "
          "and JSON. wrk times Coral's bodiless 204 answers on closed connections pessimistically; a Python client "
          "sees 204 and 200 alike.)")


if __name__ == "__main__":
    main()
