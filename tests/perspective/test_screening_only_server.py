"""`majlis serve --screening-only` as a real process, called over loopback with urllib."""
import hashlib
import hmac
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from majlis.perspective import engine, mapping

TEXTS = [
    "you f*cking idiot",
    "Great article, thanks for the balanced reporting on the talks.",
    "😀😀 you idiot",
    "I will kill you and your family",
    "Buy cheap followers at www.best-shop.com WhatsApp +964 750 123 4567",
    "أنت حمار",
]
ATTRS = ["TOXICITY", "SEVERE_TOXICITY", "INSULT", "PROFANITY", "THREAT", "SPAM", "LIKELY_TO_REJECT"]
CORAL_SECRET = "ssc_loopback-test"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def call(url, body=None, headers=None):
    data = None if body is None else (body if isinstance(body, bytes) else json.dumps(body).encode())
    req = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json", **(headers or {})})
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    var = tmp_path_factory.mktemp("screening-var")
    env = {**os.environ, "MAJLIS_VAR_DIR": str(var), "DATABASE_URL": "", "SECRET_KEY": "test-only-" + "x" * 40,
           "DJANGO_SETTINGS_MODULE": "majlis.perspective.settings_screening", "MAJLIS_CORAL_SECRETS": CORAL_SECRET,
           "MAJLIS_SCREEN_RATE": "10000/m", "REDIS_URL": "", "PYTHONUNBUFFERED": "1"}
    run = [sys.executable, "-m", "majlis"]
    subprocess.run([*run, "migrate", "--noinput", "-v", "0"], env=env, check=True, timeout=300)
    key = subprocess.run([*run, "apikey", "create", "loopback", "--scope", "screen"], env=env, check=True,
                         capture_output=True, text=True, timeout=120).stdout.strip()
    port = free_port()
    log = open(var / "server.log", "w")
    proc = subprocess.Popen([*run, "serve", "--screening-only", f"127.0.0.1:{port}", "--noreload"], env=env,
                            stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                status, _, body = call(f"{base}/healthz")
                if status == 200:
                    break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("screening-only server did not start:\n" + (var / "server.log").read_text())
            time.sleep(0.2)
        yield base, key
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def test_healthz(server):
    base, _ = server
    status, headers, body = call(f"{base}/healthz")
    health = json.loads(body)
    assert status == 200 and health["status"] == "ok" and health["engine_loaded"] is True
    assert health["model_loaded"] is (engine.get_screener().model is not None)


@pytest.mark.parametrize("text", TEXTS)
def test_same_answer_as_the_in_process_engine(server, text):
    base, key = server
    body = {"comment": {"text": text}, "requestedAttributes": {a: {} for a in ATTRS}, "spanAnnotations": True,
            "doNotStore": True}
    status, _, raw = call(f"{base}/v1alpha1/comments:analyze?key={key}", body)
    assert status == 200, raw
    answer = json.loads(raw)
    verdict, reject = engine.screen_many([text], want_reject=True)[0]
    for attr in ATTRS:
        got = answer["attributeScores"][attr]
        assert got["summaryScore"] == {"value": mapping.score(attr, verdict.scores, reject), "type": "PROBABILITY"}
        spans = [(s["begin"], s["end"]) for s in got["spanScores"]]
        expected = [(mapping.offset(text, e.start), mapping.offset(text, e.end)) for e in verdict.evidence
                    if e.code in mapping.codes_for(attr)]
        assert spans == expected
    assert answer["detectedLanguages"] == [verdict.language if verdict.language in mapping.SUPPORTED_LANGUAGES
                                           else "und"]


def test_same_answer_as_in_process_view(server, analyze):
    base, key = server
    body = {"comment": {"text": TEXTS[0]}, "requestedAttributes": {"TOXICITY": {}, "SPAM": {}}, "languages": ["en"]}
    _, _, raw = call(f"{base}/v1alpha1/comments:analyze", body, headers={"X-Goog-Api-Key": key})
    assert json.loads(raw) == analyze(body).json()


def test_errors_over_http(server):
    base, key = server
    status, _, raw = call(f"{base}/v1alpha1/comments:analyze?key={key}",
                          {"comment": {"text": "x"}, "requestedAttributes": {"FOO": {}}})
    assert status == 400 and json.loads(raw)["error"]["details"][0]["errorType"] == "ATTRIBUTE_NOT_SUPPORTED"
    status, _, raw = call(f"{base}/v1alpha1/comments:analyze?key=mjl_wrong",
                          {"comment": {"text": "x"}, "requestedAttributes": {"TOXICITY": {}}})
    assert status == 400 and json.loads(raw)["error"]["message"] == "API key not valid. Please pass a valid API key."


def test_coral_over_http(server):
    base, _ = server
    raw = json.dumps({"action": "NEW", "comment": {"id": "c", "body": "<p>you f*cking idiot</p>"},
                      "tenantID": "t", "tenantDomain": "d", "story": {"url": "https://x"}, "site": {"id": "s"}}).encode()
    sig = "sha256=" + hmac.new(CORAL_SECRET.encode(), raw, hashlib.sha256).hexdigest()
    status, _, body = call(f"{base}/coral/moderate", raw, headers={"X-Coral-Signature": sig})
    assert status == 200 and json.loads(body)["actions"][0]["reason"] == "COMMENT_DETECTED_TOXIC"
    status, _, _ = call(f"{base}/coral/moderate", raw, headers={"X-Coral-Signature": "sha256=00"})
    assert status == 401


def test_no_site_pages_in_screening_only_mode(server):
    base, _ = server
    for path in ("/", "/admin/", "/moderation/", "/api/v1/docs"):
        status, _, _ = call(f"{base}{path}")
        assert status == 404, path


def test_metrics(server):
    base, key = server
    call(f"{base}/v1alpha1/comments:analyze?key={key}", {"comment": {"text": "hello"},
                                                         "requestedAttributes": {"TOXICITY": {}}})
    status, headers, body = call(f"{base}/metrics")
    text = body.decode()
    assert status == 200 and headers["Content-Type"].startswith("text/plain")
    assert 'majlis_screen_requests_total{endpoint="analyze",status="200"}' in text
    assert 'majlis_screen_request_seconds_bucket{endpoint="analyze",le="+Inf"}' in text
    assert "majlis_screen_request_seconds_count" in text and "majlis_screen_model_loaded" in text
