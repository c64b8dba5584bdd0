import http.server
import threading
import time
from pathlib import Path

import pytest
from django.test import override_settings

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def fixtures_dir():
    return FIXTURES


@pytest.fixture
def immediate_tasks():
    with override_settings(TASKS=IMMEDIATE, MAJLIS_WEBHOOK_TIMEOUT=0.5):
        yield


class Receiver:
    """A real HTTP server in a thread. `script` is a list of (status, delay)
    answers, one per request; the last one repeats."""

    def __init__(self):
        self.requests = []
        self.script = [(200, 0)]
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                receiver.requests.append({"headers": dict(self.headers), "body": body, "path": self.path})
                status, delay = receiver.script[min(len(receiver.requests), len(receiver.script)) - 1]
                if delay:
                    time.sleep(delay)
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "text/plain")
                    self.end_headers()
                    self.wfile.write(f"answer {status}".encode())
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver():
    r = Receiver()
    yield r
    r.close()
