"""Unit and property tests for the attribute formulas and the offset units."""
from hypothesis import given
from hypothesis import strategies as st

from majlis.perspective import mapping

CODES = ("profanity", "vulgarity", "threat", "personal_attack", "identity_abuse", "promotion")
prob = st.floats(min_value=0, max_value=1, allow_nan=False)


@given(st.fixed_dictionaries({c: prob for c in CODES}), st.one_of(st.none(), prob))
def test_severe_le_toxicity_le_likely_to_reject(scores, reject):
    severe = mapping.score("SEVERE_TOXICITY", scores)
    toxic = mapping.score("TOXICITY", scores)
    ltr = mapping.score("LIKELY_TO_REJECT", scores, reject)
    assert 0 <= severe <= toxic <= ltr <= 1
    assert toxic == round(max(scores[c] for c in CODES[:5]), 4)
    if reject is not None:
        assert ltr >= round(reject, 4)


def test_severe_needs_insult_and_swearing_together():
    assert mapping.score("SEVERE_TOXICITY", {"profanity": 0.9}) == 0
    assert mapping.score("SEVERE_TOXICITY", {"personal_attack": 0.9}) == 0
    assert mapping.score("SEVERE_TOXICITY", {"personal_attack": 0.9, "profanity": 0.8}) == 0.8
    assert mapping.score("SEVERE_TOXICITY", {"threat": 0.7}) == 0.7


@given(st.text(), st.data())
def test_offsets_match_each_encoding(text, data):
    i = data.draw(st.integers(min_value=0, max_value=len(text)))
    assert mapping.offset(text, i, "UTF32") == i
    assert mapping.offset(text, i, "UTF8") == len(text[:i].encode("utf-8", "surrogatepass"))
    assert mapping.offset(text, i, "UTF16") == len(text[:i].encode("utf-16-le", "surrogatepass")) // 2


def test_language_tags():
    assert [mapping.language_tag(t) for t in ("en-US", "ckb_IQ", "AR", " ku ")] == ["en", "ckb", "ar", "ku"]
