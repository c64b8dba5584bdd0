"""POST /v1alpha1/comments:suggestscore: moderators' decisions stored as labelled examples."""
import pytest

from majlis.keys.models import ApiKey
from majlis.perspective.models import SuggestedScore

from .conftest import SUGGEST


def coral_feedback(text, rejected, model="TOXICITY", language="en", comment_id="c-1"):
    """Coral sends the moderator's decision in its own model's attribute: REJECTED → 1, APPROVED → 0."""
    return {"comment": {"text": text},
            "attributeScores": {model: {"summaryScore": {"value": 1 if rejected else 0}}},
            "languages": [language], "communityId": "Coral:tenant-1", "clientToken": f"comment:{comment_id}"}


def test_rejection_is_stored(post_json, screen_key):
    r = post_json(SUGGEST, coral_feedback("you idiot", True), key=screen_key)
    assert r.status_code == 200, r.content
    assert r.json() == {"clientToken": "comment:c-1"}
    row = SuggestedScore.objects.get()
    assert (row.text, row.attribute, row.value, row.language, row.client_token, row.community_id) == (
        "you idiot", "TOXICITY", 1.0, "en", "comment:c-1", "Coral:tenant-1")
    assert row.api_key.prefix == screen_key[4:12]
    assert row.created is not None


def test_approval_and_several_attributes(post_json, screen_key):
    body = coral_feedback("Talks resume in April.", False, language="en-US")
    body["attributeScores"]["SPAM"] = {"summaryScore": {"value": 0.0}}
    assert post_json(SUGGEST, body, key=screen_key).status_code == 200
    assert sorted(SuggestedScore.objects.values_list("attribute", "value", "language")) == [
        ("SPAM", 0.0, "en"), ("TOXICITY", 0.0, "en")]


def test_language_is_detected_when_not_given(post_json, screen_key):
    body = coral_feedback("أنت حمار", True)
    del body["languages"]
    assert post_json(SUGGEST, body, key=screen_key).status_code == 200
    assert SuggestedScore.objects.get().language == "ar"


def test_do_not_store_stores_nothing(post_json, screen_key):
    body = {**coral_feedback("keep me out", True), "doNotStore": True}
    assert post_json(SUGGEST, body, key=screen_key).status_code == 200
    assert not SuggestedScore.objects.exists()


@pytest.mark.parametrize("mutate,error_type", [
    (lambda b: b["comment"].update(text=""), "COMMENT_EMPTY"),
    (lambda b: b.update(attributeScores={"FOO": {"summaryScore": {"value": 1}}}), "ATTRIBUTE_NOT_SUPPORTED"),
    (lambda b: b.update(attributeScores={}), None),
    (lambda b: b.update(attributeScores={"TOXICITY": {"summaryScore": {"value": 2}}}), None),
    (lambda b: b.update(attributeScores={"TOXICITY": {"summaryScore": {}}}), None),
])
def test_bad_feedback(post_json, screen_key, mutate, error_type):
    body = coral_feedback("x y z", True)
    mutate(body)
    r = post_json(SUGGEST, body, key=screen_key)
    assert r.status_code == 400 and r.json()["error"]["status"] == "INVALID_ARGUMENT"
    if error_type:
        assert r.json()["error"]["details"][0]["errorType"] == error_type
    assert not SuggestedScore.objects.exists()


def test_needs_a_screen_key(post_json, db):
    assert post_json(SUGGEST, coral_feedback("x", True)).status_code == 403
    _, raw = ApiKey.create("mods", ["moderate"])
    assert post_json(SUGGEST, coral_feedback("x", True), key=raw).status_code == 403
    assert not SuggestedScore.objects.exists()
