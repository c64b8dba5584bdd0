import io
import json
import subprocess
import sys

from majlis.screening import cli

INPUT = (
    b'{"text": "you idiot", "article_text": "a story", "id": 7}\n'
    b"plain text line about the budget\n"
    b"[1, 2]\n"
    b"42\n"
    b'{"text": 5}\n'
    b"{broken json\n"
    b"\xff\xfe broken utf8 fuck\n"
    b'{"article_text": "only an article"}\n'
    b'"a json string"\n'
)


def _check(lines):
    assert len(lines) == 9
    d = [json.loads(x) for x in lines]
    assert d[0]["id"] == 7 and d[0]["scores"]["personal_attack"] >= 0.85 and "off_topic" in d[0]["scores"]
    assert d[1]["language"] == "en" and "error" not in d[1]
    assert "error" in d[2] and "error" in d[3] and "error" in d[4]
    assert "scores" in d[5]  # invalid JSON → whole line is the text
    assert d[6]["scores"]["profanity"] >= 0.85
    assert d[6]["evidence"][0]["text"] == "fuck"
    assert "scores" in d[7]
    assert "error" in d[8]
    for x in d:
        if "scores" in x:
            assert set(x) == {"scores", "language", "evidence"} or set(x) == {"id", "scores", "language", "evidence"}


def test_main_in_process(monkeypatch, capsys):
    class FakeStdin:
        buffer = io.BytesIO(INPUT)

    monkeypatch.setattr(sys, "stdin", FakeStdin())
    assert cli.main(["screen", "--no-model", "--batch", "3"]) == 0
    _check(capsys.readouterr().out.splitlines())


def test_subprocess():
    p = subprocess.run([sys.executable, "-m", "majlis.screening.cli", "screen", "--no-model"], input=INPUT,
                       capture_output=True, timeout=120)
    assert p.returncode == 0, p.stderr
    _check(p.stdout.decode("utf-8").splitlines())


def test_screening_dispatch_unknown(capsys):
    assert cli.main(["screening", "nope"]) == 2


def test_screening_train_dispatches_lazily(monkeypatch):
    import types

    called = {}
    fake = types.ModuleType("majlis.screening.training")
    fake.train_main = lambda argv: called.setdefault("train", argv) and 0
    fake.evaluate_main = lambda argv: called.setdefault("evaluate", argv) and 0
    monkeypatch.setitem(sys.modules, "majlis.screening.training", fake)
    import majlis.screening as pkg

    monkeypatch.setattr(pkg, "training", fake, raising=False)
    assert cli.main(["screening", "train", "--x"]) == 0
    assert cli.main(["screening", "evaluate", "--y"]) == 0
    assert called == {"train": ["--x"], "evaluate": ["--y"]}
