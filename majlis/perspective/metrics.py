"""Prometheus text exposition for the screening service, without a dependency.

Counters live in the process: behind a multi-process server each worker answers for itself
(scrape each worker, or sum on the Prometheus side); the ``pid`` is in ``majlis_process_info``."""
from __future__ import annotations

import functools
import os
import threading
import time

BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0)
_lock = threading.Lock()
_requests: dict = {}  # (endpoint, status) -> count
_hist: dict = {}  # endpoint -> [bucket counts..., +Inf count, sum]
_comments = [0]
_started = time.time()


def observe(endpoint: str, status: int, seconds: float, comments: int = 0):
    with _lock:
        _requests[(endpoint, status)] = _requests.get((endpoint, status), 0) + 1
        h = _hist.setdefault(endpoint, [0] * (len(BUCKETS) + 1) + [0.0])
        for i, b in enumerate(BUCKETS):
            if seconds <= b:
                h[i] += 1
        h[len(BUCKETS)] += 1
        h[-1] += seconds
        _comments[0] += comments


def timed(endpoint: str):
    """Decorate a view: count its answers by status and time them."""

    def wrap(view):
        @functools.wraps(view)
        def inner(request, *args, **kwargs):
            t0 = time.perf_counter()
            response = view(request, *args, **kwargs)
            observe(endpoint, response.status_code, time.perf_counter() - t0,
                    getattr(response, "_majlis_comments", 0))
            return response

        return inner

    return wrap


def render(model_loaded: bool) -> str:
    out = [
        "# HELP majlis_screen_requests_total Requests to the screening endpoints, by endpoint and HTTP status.",
        "# TYPE majlis_screen_requests_total counter",
    ]
    with _lock:
        for (endpoint, status), n in sorted(_requests.items()):
            out.append(f'majlis_screen_requests_total{{endpoint="{endpoint}",status="{status}"}} {n}')
        out += [
            "# HELP majlis_screen_request_seconds Time to answer, by endpoint (inside Django, excluding the network).",
            "# TYPE majlis_screen_request_seconds histogram",
        ]
        for endpoint, h in sorted(_hist.items()):
            for i, b in enumerate(BUCKETS):
                out.append(f'majlis_screen_request_seconds_bucket{{endpoint="{endpoint}",le="{b:g}"}} {h[i]}')
            out.append(f'majlis_screen_request_seconds_bucket{{endpoint="{endpoint}",le="+Inf"}} {h[len(BUCKETS)]}')
            out.append(f'majlis_screen_request_seconds_sum{{endpoint="{endpoint}"}} {h[-1]:.6f}')
            out.append(f'majlis_screen_request_seconds_count{{endpoint="{endpoint}"}} {h[len(BUCKETS)]}')
        comments = _comments[0]
    out += [
        "# HELP majlis_screen_comments_total Comments screened.",
        "# TYPE majlis_screen_comments_total counter",
        f"majlis_screen_comments_total {comments}",
        "# HELP majlis_screen_model_loaded 1 when the screening engine (with its learned model) is loaded.",
        "# TYPE majlis_screen_model_loaded gauge",
        f"majlis_screen_model_loaded {1 if model_loaded else 0}",
        "# HELP majlis_process_info The answering process.",
        "# TYPE majlis_process_info gauge",
        f'majlis_process_info{{pid="{os.getpid()}"}} 1',
        "# HELP majlis_process_start_time_seconds Start time of the process since the epoch.",
        "# TYPE majlis_process_start_time_seconds gauge",
        f"majlis_process_start_time_seconds {_started:.3f}",
    ]
    return "\n".join(out) + "\n"
