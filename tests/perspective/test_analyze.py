"""Contract tests for POST /v1alpha1/comments:analyze (Perspective API's request and answer)."""
import json
import logging

import pytest
from django.db import connection, connections
from django.test import override_settings

from majlis.keys.models import ApiKey
from majlis.perspective import engine, mapping

from .conftest import ANALYZE

ATTACK = "you f*cking idiot"
CLEAN = "Great article, thanks for the balanced reporting on the talks."


def coral_body(text, model="TOXICITY", language="en", do_not_store=True):
    """What Coral Talk's perspective service sends (comment, doNotStore, languages, one model)."""
    body = {"comment": {"text": text}, "doNotStore": do_not_store, "requestedAttributes": {model: {}}}
    if language:
        body["languages"] = [language]
    return body


def engine_scores(text, article=None):
    verdict, reject = engine.screen_many([text], [article], want_reject=True)[0]
    return verdict, reject


# --- the shapes Coral sends and reads ------------------------------------------------------------

@pytest.mark.parametrize("model", ["TOXICITY", "SEVERE_TOXICITY"])
def test_coral_request_gets_perspective_answer(analyze, model):
    r = analyze(coral_body(ATTACK, model))
    assert r.status_code == 200, r.content
    assert r["Content-Type"].startswith("application/json")
    body = r.json()
    assert set(body) == {"attributeScores", "languages", "detectedLanguages"}
    assert set(body["attributeScores"]) == {model}
    summary = body["attributeScores"][model]["summaryScore"]
    assert summary["type"] == "PROBABILITY"
    assert 0.5 < summary["value"] <= 1  # Coral reads attributeScores[model].summaryScore.value
    assert "spanScores" not in body["attributeScores"][model]
    assert body["languages"] == ["en"]
    assert body["detectedLanguages"] == ["en"]


def test_coral_request_without_languages(analyze):
    r = analyze(coral_body(CLEAN, language=None))
    body = r.json()
    assert body["attributeScores"]["TOXICITY"]["summaryScore"]["value"] < 0.5
    assert body["languages"] == body["detectedLanguages"] == ["en"]


def test_coral_locale_style_language_tags_are_accepted(analyze):
    r = analyze(coral_body("أنت حمار", language="ar-IQ"))
    assert r.status_code == 200
    assert r.json()["languages"] == ["ar-IQ"]
    assert r.json()["detectedLanguages"] == ["ar"]


def test_every_attribute_follows_the_documented_mapping(analyze):
    text = "I will kill you, you f*cking idiot. Buy now at www.best-shop.com"
    attrs = [a for a in mapping.ATTRIBUTES if a != "OFF_TOPIC"]
    r = analyze({"comment": {"text": text}, "requestedAttributes": {a: {} for a in attrs}})
    assert r.status_code == 200, r.content
    got = {a: v["summaryScore"]["value"] for a, v in r.json()["attributeScores"].items()}
    assert set(got) == set(attrs)
    verdict, reject = engine_scores(text)
    s = verdict.scores
    assert got["PROFANITY"] == pytest.approx(s["profanity"])
    assert got["THREAT"] == pytest.approx(s["threat"])
    assert got["INSULT"] == pytest.approx(s["personal_attack"])
    assert got["IDENTITY_ATTACK"] == pytest.approx(s["identity_abuse"])
    assert got["SEXUALLY_EXPLICIT"] == pytest.approx(s["vulgarity"])
    assert got["SPAM"] == pytest.approx(s["promotion"])
    abuse = [s[c] for c in ("profanity", "vulgarity", "threat", "personal_attack", "identity_abuse")]
    assert got["TOXICITY"] == pytest.approx(max(abuse))
    assert got["SEVERE_TOXICITY"] == pytest.approx(max(s["threat"], s["identity_abuse"],
                                                       min(s["personal_attack"], max(s["profanity"], s["vulgarity"]))))
    assert got["OBSCENE"] == pytest.approx(max(s["profanity"], s["vulgarity"]))
    expected_reject = max(abuse + [s["promotion"]] + ([reject] if reject is not None else []))
    assert got["LIKELY_TO_REJECT"] == pytest.approx(round(expected_reject, 4))
    assert got["TOXICITY_EXPERIMENTAL"] == got["TOXICITY"]
    assert got["SEVERE_TOXICITY"] <= got["TOXICITY"] <= got["LIKELY_TO_REJECT"]


def test_plain_swearing_is_toxic_but_not_severe(analyze):
    r = analyze({"comment": {"text": "this is fucking brilliant reporting"},
                 "requestedAttributes": {"TOXICITY": {}, "SEVERE_TOXICITY": {}}})
    scores = {a: v["summaryScore"]["value"] for a, v in r.json()["attributeScores"].items()}
    assert scores["TOXICITY"] >= 0.5 > scores["SEVERE_TOXICITY"]


def test_off_topic_uses_context_entries(analyze):
    article = "The government is working on a timetable for troop withdrawal. Talks resume in April."
    body = {"comment": {"text": "My favourite football team won the cup final yesterday evening"},
            "requestedAttributes": {"OFF_TOPIC": {}}, "context": {"entries": [{"text": article, "type": "PLAIN_TEXT"}]}}
    r = analyze(body)
    assert r.status_code == 200, r.content
    assert r.json()["attributeScores"]["OFF_TOPIC"]["summaryScore"]["value"] > 0.5
    body.pop("context")
    r = analyze(body)
    assert r.status_code == 400 and r.json()["error"]["status"] == "INVALID_ARGUMENT"


def test_score_threshold_omits_attributes_below_it(analyze):
    r = analyze({"comment": {"text": CLEAN},
                 "requestedAttributes": {"TOXICITY": {"scoreThreshold": 0.9, "scoreType": "PROBABILITY"},
                                         "SPAM": {}}})
    assert r.status_code == 200
    assert set(r.json()["attributeScores"]) == {"SPAM"}


def test_client_token_is_echoed(analyze):
    body = coral_body(CLEAN)
    body.update(clientToken="comment:42", sessionId="s-1", communityId="Coral:tenant")
    assert analyze(body).json()["clientToken"] == "comment:42"


# --- spans and their offsets ---------------------------------------------------------------------

def test_span_offsets_are_utf16_code_units_after_an_emoji(analyze):
    text = "😀😀 you idiot"  # each 😀 is one code point but two UTF-16 code units
    r = analyze({"comment": {"text": text}, "requestedAttributes": {"INSULT": {}, "TOXICITY": {}},
                 "spanAnnotations": True})
    assert r.status_code == 200
    spans = r.json()["attributeScores"]["INSULT"]["spanScores"]
    assert spans, "the engine marks the insult"
    js = text.encode("utf-16-le")
    found = [js[2 * s["begin"]: 2 * s["end"]].decode("utf-16-le") for s in spans]
    assert "idiot" in found  # what JavaScript's text.slice(begin, end) returns
    insult = next(s for s in spans if js[2 * s["begin"]: 2 * s["end"]].decode("utf-16-le") == "idiot")
    assert (insult["begin"], insult["end"]) == (9, 14)
    assert insult["score"]["type"] == "PROBABILITY"
    assert 0 < insult["score"]["value"] <= r.json()["attributeScores"]["INSULT"]["summaryScore"]["value"]
    assert r.json()["attributeScores"]["TOXICITY"]["spanScores"]


@pytest.mark.parametrize("encoding,expected", [("UTF32", (7, 12)), ("UTF8", (13, 18)), ("UTF16", (9, 14))])
def test_span_offset_units_can_be_chosen(analyze, encoding, expected):
    text = "😀😀 you idiot"
    r = analyze({"comment": {"text": text}, "requestedAttributes": {"INSULT": {}}, "spanAnnotations": True,
                 "encodingType": encoding})
    spans = r.json()["attributeScores"]["INSULT"]["spanScores"]
    assert expected in [(s["begin"], s["end"]) for s in spans]


def test_no_span_scores_for_a_clean_comment(analyze):
    r = analyze({"comment": {"text": CLEAN}, "requestedAttributes": {"TOXICITY": {}}, "spanAnnotations": True})
    assert r.json()["attributeScores"]["TOXICITY"]["spanScores"] == []


# --- errors in Google's shape --------------------------------------------------------------------

def assert_google_error(r, code, status, error_type=None):
    assert r.status_code == code, r.content
    error = r.json()["error"]
    assert error["code"] == code and error["status"] == status and error["message"]
    if error_type:
        assert error["details"][0]["@type"] == "type.googleapis.com/google.commentanalyzer.v1alpha1.Error"
        assert error["details"][0]["errorType"] == error_type
    return error


def test_unknown_attribute(analyze):
    r = analyze({"comment": {"text": CLEAN}, "requestedAttributes": {"TOXICITY": {}, "FOO": {}}})
    error = assert_google_error(r, 400, "INVALID_ARGUMENT", "ATTRIBUTE_NOT_SUPPORTED")
    assert r.json() == {"error": {"code": 400, "message": "Attribute FOO does not exist.", "status": "INVALID_ARGUMENT",
                                  "details": [{"@type": "type.googleapis.com/google.commentanalyzer.v1alpha1.Error",
                                               "errorType": "ATTRIBUTE_NOT_SUPPORTED",
                                               "languageNotSupportedByAttributeError": None}]}}
    assert error


def test_unsupported_language(analyze):
    r = analyze(coral_body(CLEAN, language="xx"))
    error = assert_google_error(r, 400, "INVALID_ARGUMENT", "LANGUAGE_NOT_SUPPORTED_BY_ATTRIBUTE")
    assert error["details"][0]["languageNotSupportedByAttributeError"] == {"detectedLanguages": ["xx"],
                                                                          "attribute": "TOXICITY"}


@pytest.mark.parametrize("lang", ["en", "ckb", "kmr", "ku", "ar", "tr", "fa", "EN-us", "ckb-IQ"])
def test_supported_languages(analyze, lang):
    assert analyze(coral_body(CLEAN, language=lang)).status_code == 200


@pytest.mark.parametrize("text", ["", "   \n", None])
def test_empty_comment(analyze, text):
    assert_google_error(analyze(coral_body(text)), 400, "INVALID_ARGUMENT", "COMMENT_EMPTY")


def test_missing_comment(analyze):
    assert_google_error(analyze({"requestedAttributes": {"TOXICITY": {}}}), 400, "INVALID_ARGUMENT", "COMMENT_EMPTY")


def test_too_long_comment(analyze):
    assert_google_error(analyze(coral_body("a" * 20481)), 400, "INVALID_ARGUMENT", "COMMENT_TOO_LONG")


def test_html_comment_type_is_refused(analyze):
    body = coral_body("<p>hello</p>")
    body["comment"]["type"] = "HTML"
    assert_google_error(analyze(body), 400, "INVALID_ARGUMENT")
    body["comment"]["type"] = "PLAIN_TEXT"
    assert analyze(body).status_code == 200


@pytest.mark.parametrize("attrs", [None, {}, [], "TOXICITY"])
def test_requested_attributes_required(analyze, attrs):
    assert_google_error(analyze({"comment": {"text": CLEAN}, "requestedAttributes": attrs}), 400, "INVALID_ARGUMENT")


def test_other_score_types_refused(analyze):
    r = analyze({"comment": {"text": CLEAN}, "requestedAttributes": {"TOXICITY": {"scoreType": "STD_DEV_SCORE"}}})
    assert_google_error(r, 400, "INVALID_ARGUMENT")


@pytest.mark.parametrize("payload", [b"{not json", b"[1, 2]", b"\xff\xfe"])
def test_invalid_json(analyze, payload):
    assert_google_error(analyze(payload), 400, "INVALID_ARGUMENT")


def test_json_only(post_json, screen_key):
    r = post_json(ANALYZE, "comment=hi", key=screen_key, content_type="application/x-www-form-urlencoded")
    assert_google_error(r, 400, "INVALID_ARGUMENT")


def test_get_is_refused(client, screen_key):
    r = client.get(f"{ANALYZE}?key={screen_key}")
    assert r.status_code == 405 and r.json()["error"]["code"] == 405


def test_csrf_exempt(screen_key):
    from django.test import Client

    c = Client(enforce_csrf_checks=True)
    r = c.post(f"{ANALYZE}?key={screen_key}", data=json.dumps(coral_body(CLEAN)), content_type="application/json")
    assert r.status_code == 200


@pytest.mark.parametrize("path", ["/v1alpha1/comments:analyze", "/v1alpha1//comments:analyze", "/comments:analyze",
                                  "/v1alpha1/comments%3Aanalyze"])
def test_endpoint_spellings(post_json, screen_key, path):
    # Coral appends "/comments:analyze" to whatever endpoint the admin typed.
    assert post_json(path, coral_body(CLEAN), key=screen_key).status_code == 200


# --- keys ------------------------------------------------------------------------------------------

def test_missing_key(post_json, db):
    r = post_json(ANALYZE, coral_body(CLEAN))
    assert_google_error(r, 403, "PERMISSION_DENIED")


@pytest.mark.parametrize("raw", ["nope", "mjl_" + "x" * 43])
def test_invalid_key(post_json, db, raw):
    error = assert_google_error(post_json(ANALYZE, coral_body(CLEAN), key=raw), 400, "INVALID_ARGUMENT")
    assert error["message"] == "API key not valid. Please pass a valid API key."


def test_key_in_goog_header(post_json, screen_key):
    r = post_json(ANALYZE, coral_body(CLEAN), HTTP_X_GOOG_API_KEY=screen_key)
    assert r.status_code == 200


def test_key_without_screen_scope(post_json, db):
    _, raw = ApiKey.create("reader", ["read", "submit"])
    assert_google_error(post_json(ANALYZE, coral_body(CLEAN), key=raw), 403, "PERMISSION_DENIED")


@override_settings(MAJLIS_SCREEN_KEY_CACHE_SECONDS=0)
def test_revoked_key(post_json, screen_key):
    assert post_json(ANALYZE, coral_body(CLEAN), key=screen_key).status_code == 200
    ApiKey.objects.get(prefix=screen_key[4:12]).revoke()
    assert_google_error(post_json(ANALYZE, coral_body(CLEAN), key=screen_key), 400, "INVALID_ARGUMENT")


def test_revocation_takes_effect_within_the_key_cache_time(post_json, screen_key, monkeypatch):
    from majlis.perspective import views

    now = [1000.0]
    monkeypatch.setattr(views.time, "monotonic", lambda: now[0])
    with override_settings(MAJLIS_SCREEN_KEY_CACHE_SECONDS=5):
        assert post_json(ANALYZE, coral_body(CLEAN), key=screen_key).status_code == 200
        ApiKey.objects.get(prefix=screen_key[4:12]).revoke()
        now[0] += 4.9
        assert post_json(ANALYZE, coral_body(CLEAN), key=screen_key).status_code == 200
        now[0] += 0.2
        assert post_json(ANALYZE, coral_body(CLEAN), key=screen_key).status_code == 400


@override_settings(MAJLIS_SCREEN_RATE="3/m")
def test_rate_limit_per_key(post_json, screen_key, db):
    for _ in range(3):
        assert post_json(ANALYZE, coral_body(CLEAN), key=screen_key).status_code == 200
    r = post_json(ANALYZE, coral_body(CLEAN), key=screen_key)
    assert_google_error(r, 429, "RESOURCE_EXHAUSTED")
    assert 1 <= int(r["Retry-After"]) <= 60
    _, other = ApiKey.create("other site", ["screen"])
    assert post_json(ANALYZE, coral_body(CLEAN), key=other).status_code == 200  # per key, not global


# --- doNotStore --------------------------------------------------------------------------------------

def test_do_not_store_keeps_the_text_nowhere(analyze, caplog, db):
    secret = "Zebulon Quixotic-Marmalade is a f*cking idiot 9d41c7"
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="django.db.backends")
    requests = [coral_body(secret), {**coral_body(secret), "requestedAttributes": {"FOO": {}}},
                {**coral_body(secret), "languages": ["xx"]}, {**coral_body(secret), "spanAnnotations": True}]
    wrapper = connections["default"]
    before = wrapper.force_debug_cursor
    wrapper.force_debug_cursor = True  # log every SQL statement too
    try:
        for body in requests:
            analyze(body)
    finally:
        wrapper.force_debug_cursor = before
    assert any(r.name == "django.db.backends" for r in caplog.records), "SQL was logged"
    for record in caplog.records:
        rendered = record.getMessage() + repr(record.args) + repr(getattr(record, "request", ""))
        assert "Quixotic" not in rendered and "9d41c7" not in rendered
    # and no table holds it
    with connection.cursor() as cur:
        for table in connection.introspection.table_names(cur):
            cur.execute(f'SELECT * FROM "{table}"')
            for row in cur.fetchall():
                assert not any(isinstance(v, str) and "Quixotic" in v for v in row), table


def test_engine_failure_is_a_google_500_that_does_not_log_the_text(analyze, caplog, monkeypatch):
    secret = "Quixotic-Marmalade 77ab"

    def boom(texts, *a, **k):
        raise ValueError(f"could not screen {texts[0]!r}")  # an exception that carries the text

    monkeypatch.setattr(engine, "screen_many", boom)
    caplog.set_level(logging.DEBUG)
    r = analyze(coral_body(secret))
    assert r.status_code == 500 and r.json()["error"]["status"] == "INTERNAL"
    assert secret not in r.content.decode()
    assert caplog.records
    for record in caplog.records:
        assert "Quixotic" not in record.getMessage() + repr(record.args) + repr(record.exc_info)
