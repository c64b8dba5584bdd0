import json
import pathlib

import pytest
from hypothesis import given, settings, strategies as st

from majlis.screening import CODES, LANGUAGES, Evidence, Verdict

REGRESSION = pathlib.Path(__file__).with_name("regression.jsonl")


def test_public_api():
    assert CODES == ("profanity", "vulgarity", "threat", "personal_attack", "identity_abuse", "promotion")
    assert LANGUAGES == ("en", "ckb", "kmr", "ar", "tr", "fa")
    e = Evidence(0, 4, "profanity", "why")
    assert e.start == 0 and e.code == "profanity"


def test_verdict_schema(screener):
    v = screener.screen("You f*cking idiot, subscribe to my channel bit.ly/x")
    assert isinstance(v, Verdict)
    d = v.to_dict()
    json.dumps(d)
    assert set(d) == {"scores", "language", "evidence"}
    assert set(d["scores"]) == set(CODES)
    assert all(0.0 <= s <= 1.0 for s in d["scores"].values())
    for e in d["evidence"]:
        assert set(e) == {"start", "end", "code", "why", "text"}
        assert e["code"] in CODES
        assert e["text"] == "You f*cking idiot, subscribe to my channel bit.ly/x"[e["start"]:e["end"]]
    assert d["scores"]["profanity"] >= 0.85
    assert d["scores"]["personal_attack"] >= 0.85
    assert d["scores"]["promotion"] >= 0.85


def test_rule_fallback_without_model(screener):
    assert screener.model is None
    v = screener.screen("The militia attacked the base near Erbil and killed five soldiers.")
    assert max(v.scores.values()) < 0.5


def test_weak_evidence_never_decides(screener):
    v = screener.screen('He called them "dogs", which is disgraceful.')
    assert any(e.code == "personal_attack" for e in v.evidence)
    assert v.scores["personal_attack"] < 0.5


def test_off_topic_side_signal(screener):
    article = ("The Kurdistan Regional Government and Baghdad reached a budget agreement on oil exports "
               "and salaries for public employees after months of negotiations.")
    rel = screener.screen("The budget agreement on oil exports will finally pay the salaries of employees.", article)
    off = screener.screen("My cat likes to sleep on the warm keyboard during football matches every evening.", article)
    short = screener.screen("Great article!", article)
    assert rel.scores["off_topic"] < 0.3
    assert off.scores["off_topic"] > 0.7
    assert short.scores["off_topic"] <= 0.4
    assert "off_topic" not in screener.screen("no article").scores


def test_screen_many_keeps_order(screener):
    texts = ["fuck", "hello there", "I will kill you", "kanalıma abone olun", ""]
    vs = screener.screen_many(texts)
    assert len(vs) == 5
    assert vs[0].scores["profanity"] >= 0.85
    assert max(vs[1].scores.values()) < 0.5
    assert vs[2].scores["threat"] >= 0.85
    assert vs[3].scores["promotion"] >= 0.85
    assert vs[4].language == "other" and vs[4].evidence == []


def test_full_screener_loads_quickly_and_works(full_screener):
    # works with or without the learned model artifact
    v = full_screener.screen("you f*cking idiot")
    assert v.scores["profanity"] >= 0.85
    assert set(v.scores) == set(CODES)


def _regression_cases():
    return [json.loads(line) for line in REGRESSION.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("case", _regression_cases(), ids=lambda c: c["text"][:40])
def test_regression(screener, case):
    v = screener.screen(case["text"])
    got = {e.code for e in v.evidence}
    for code in case["expect_evidence"]:
        assert code in got, (case, v.evidence)
    for code in case["forbid_evidence"]:
        assert code not in got, (case, v.evidence)
    if case.get("lang"):
        assert v.language == case["lang"], case


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=200), st.one_of(st.none(), st.text(max_size=100)))
def test_random_text_never_crashes(screener, text, article):
    v = screener.screen(text, article)
    d = v.to_dict()
    for e in d["evidence"]:
        assert 0 <= e["start"] < e["end"] <= len(text)
        assert e["text"] == text[e["start"]:e["end"]]
    assert all(0.0 <= s <= 1.0 for s in d["scores"].values())


def test_reject_attribute(screener, full_screener):
    assert screener.screen("you f*cking idiot").reject >= 0.85
    assert screener.screen("Thanks for the report from Erbil.").reject < 0.5
    assert screener.screen("").reject is None
    v = full_screener.screen("you f*cking idiot")
    assert v.reject is not None and 0.0 <= v.reject <= 1.0
    assert "reject" not in v.to_dict()["scores"]


def test_reject_follows_the_model_but_kurdish_keeps_its_rules(full_screener):
    # a listed swear word lifts the reject probability in any language
    assert full_screener.screen("you fucking idiot").reject >= 0.85
    # Kurdish: no public training data, so a medium lexicon insult counts in full
    v = full_screener.screen("تۆ گەمژەیت، هیچ نازانیت")
    assert v.language == "ckb"
    assert v.scores["personal_attack"] >= 0.5 and v.reject >= 0.5  # both called likely


def test_long_adversarial_input_is_bounded(screener):
    import time

    text = "ئەو fuck 7mar " * 1500 + "a." * 3000 + "0750-" * 1000
    t0 = time.perf_counter()
    v = screener.screen(text)
    assert time.perf_counter() - t0 < 10
    assert len(v.evidence) <= 100
    assert v.scores["profanity"] >= 0.85


@given(st.floats(0, 1), st.floats(0, 1), st.floats(0.01, 0.99))
def test_centring_keeps_order_and_ends_and_puts_the_threshold_on_one_half(a, b, t):
    from majlis.screening.engine import centre_on_threshold

    lo, hi = sorted((a, b))
    assert centre_on_threshold(lo, t) <= centre_on_threshold(hi, t)
    assert centre_on_threshold(0.0, t) == 0.0 and centre_on_threshold(1.0, t) == pytest.approx(1.0)
    assert centre_on_threshold(t, t) == pytest.approx(0.5)
    assert (centre_on_threshold(a, t) >= 0.5) == (a >= t)


def test_whatever_the_model_calls_likely_scores_at_least_one_half(full_screener):
    """0.5 is every code's decision point, in every language: a comment the learned model puts
    over its own dev-tuned threshold for a code is at or over 0.5 on that code."""
    from majlis.screening.model import CODES as MODEL_CODES

    texts = ["you are a stupid idiot", "I will find you and kill you", "Refugees are vermin",
             "Buy followers now, WhatsApp +964 750 123 4567", "shit, what a mess", "The council met on Tuesday",
             "أنت حمار وكذاب", "سأقتلك يا خائن", "تو احمقی", "Sen bir aptalsın", "تۆ گەمژەیت", "Tu bêaqilî"]
    model = full_screener.model
    verdicts = full_screener.screen_many(texts)
    P = model.predict_all(texts, [v.language for v in verdicts])
    likely = P[:, : len(MODEL_CODES)] >= model.thresholds_[: len(MODEL_CODES)]
    assert likely.any(), "the model should call some of these likely"
    for i, v in enumerate(verdicts):
        for j, code in enumerate(MODEL_CODES):
            if likely[i, j]:
                assert v.scores[code] >= 0.5, (texts[i], code, P[i, j], v.scores[code])
    assert set(full_screener.thresholds.values()) == {0.5}


@pytest.mark.parametrize("text", ["Liberals wouldn't know the right thing \U0001F595\U0001F3FC\U0001F595",
                                  "\U0001F595 لكم جميعا", "size \U0001F595"])
def test_middle_finger_emoji_is_profanity_evidence_in_any_language(screener, text):
    v = screener.screen(text)
    assert v.scores["profanity"] >= 0.5
    spans = [(e.start, e.end) for e in v.evidence if e.code == "profanity"]
    assert spans and all(text[a:b].startswith("\U0001F595") for a, b in spans)


def test_a_thumbs_up_is_not_profanity(screener):
    assert screener.screen("Great report \U0001F44D\U0001F3FD").scores["profanity"] < 0.5


def test_a_retrain_that_lowers_a_threshold_does_not_turn_weak_rule_cues_into_decisions():
    """Rule scores are centred on the thresholds the rules were tuned against, not on the model's:
    a retrained model whose promotion threshold falls to 0.35 must not make a lone handle or a
    news link (weak cues, 0.45 on the rule scale) a promotion decision."""
    import copy

    from majlis.screening import Screener
    from majlis.screening.model import CODES as MODEL_CODES

    base = Screener.load()
    retrained = copy.copy(base.model)
    retrained.thresholds_ = base.model.thresholds_.copy()
    retrained.thresholds_[MODEL_CODES.index("promotion")] = 0.35
    moved = Screener(base.lexicon, retrained, base.langid_path)
    for text in ["Great interview, I discussed the same budget on my page @kurdnews_daily",
                 "The minister said the fuel price is now 1,250 dinars a litre, see www.rudaw.net"]:
        v = moved.screen(text)
        assert any(e.code == "promotion" for e in v.evidence), text
        assert v.scores["promotion"] < 0.5, text
    # while a clear ad still is one
    assert moved.screen("WhatsApp +964 750 123 4567 for cheap followers").scores["promotion"] >= 0.5


def test_mild_swearing_ranks_just_under_a_decision_and_above_weak_evidence(screener):
    mild = screener.screen("Damn, the bridge is closed again").scores["profanity"]
    weak = screener.screen("The war was hell for the villagers").scores["profanity"]
    strong = screener.screen("The bridge is closed again, shit").scores["profanity"]
    assert weak < mild < 0.5 <= strong


@pytest.mark.parametrize("text", ["Follow me @kurdnews_daily", "Damn, the bridge is closed again",
                                  "you idiot", "تۆ گەمژەیت", "The council met on Tuesday"])
def test_without_a_model_reject_agrees_with_the_codes(screener, text):
    v = screener.screen(text)
    assert (v.reject >= 0.5) == (max(v.scores.values()) >= 0.5), (text, v.reject, v.scores)


@pytest.mark.parametrize("hateful,reported", [
    ("Immigrants are vermin.", "You have to stop calling immigrants vermin."),
    ("Women are inferior.", "I would never say that women are inferior."),
    ("Kurds are rats", "People who say Kurds are rats should be banned from this site"),
    ("Women should be killed.", "I don't think women should be killed."),
    ("اليهود خنازير", "من يقول إن اليهود خنازير فهو عنصري"),  # "whoever says the Jews are pigs is a racist"
])
def test_counter_speech_lowers_the_rules_but_the_abuse_itself_still_counts(screener, hateful, reported):
    # the fixture screens with the rules alone
    assert screener.screen(hateful).scores["identity_abuse"] >= 0.5
    v = screener.screen(reported)
    assert v.scores["identity_abuse"] < 0.5
    assert any(e.code == "identity_abuse" and "[quoted]" in e.why for e in v.evidence)  # still shown


def test_a_threat_against_a_named_group_is_also_identity_abuse(full_screener):
    text = "I think that Muslims should all be killed."
    v = full_screener.screen(text)
    assert v.scores["threat"] >= 0.5
    assert v.scores["identity_abuse"] >= v.scores["threat"]
    # the moderator is shown whom the threat names
    assert [text[e.start:e.end] for e in v.evidence if e.code == "identity_abuse"] == ["Muslims"]
    # no group named: a threat, not identity abuse
    v = full_screener.screen("I think that he should be killed.")
    assert v.scores["identity_abuse"] < 0.5


def test_group_abuse_only_the_model_sees_still_shows_the_moderator_whom_and_why(full_screener):
    text = "اليهود أصل كل مصيبة"  # "the Jews are the root of every disaster": no listed word or frame
    v = full_screener.screen(text)
    assert v.scores["identity_abuse"] >= 0.5
    # whom it names, and what it says of them: the words the model weighs most
    shown = [text[e.start:e.end] for e in v.evidence if e.code == "identity_abuse"]
    assert shown[0] == "اليهود" and "مصيبة" in shown
    assert "learned model" in v.evidence[0].why
    # naming the same group in a clean comment is no evidence of anything
    v = full_screener.screen("زرت حي اليهود القديم في بغداد مع جدي")
    assert v.scores["identity_abuse"] < 0.5
    assert not v.evidence


@pytest.mark.parametrize("text", ["کار رو تموم کرد و رفت خونه", "سیگار رو ترک کرد، گفت مثل سگ پشیمونه"])
def test_persian_did_and_house_are_not_a_group_and_a_slur(screener, text):
    # کرد "did", ترک "quitting" and خونه "house" fold like Arabic كرد "Kurds", ترك "Turks", خونة "traitors"
    v = screener.screen(text)
    assert v.language == "fa"
    assert not [e for e in v.evidence if e.code == "identity_abuse"], v.evidence


@pytest.mark.parametrize("text", ["el laje2in 7asharat", "kol el shee3a klab"])
def test_arabizi_group_and_dehumanising_word_is_identity_abuse_evidence(screener, text):
    # "the refugees are insects", "all the Shia are dogs", in Latin letters and digits
    v = screener.screen(text)
    assert v.scores["identity_abuse"] >= 0.5
    assert any(e.code == "identity_abuse" for e in v.evidence)


def test_ascii_single_quotes_quote_but_apostrophes_do_not(screener):
    v = screener.screen("He wrote 'Kurds are rats' under the article and got banned.")
    assert v.scores["identity_abuse"] < 0.5
    assert any(e.code == "identity_abuse" and "[quoted]" in e.why for e in v.evidence)
    # a possessive apostrophe is no quotation mark: this is the commenter's own voice
    v = screener.screen("Don't kid yourself, the Kurds' leaders know it: Kurds are rats.")
    assert v.scores["identity_abuse"] >= 0.5


def test_a_group_named_beside_a_quoted_slur_is_reported_speech(screener):
    # GUIDELINES' hard case: quoting an insult to condemn it
    v = screener.screen('He called the Kurds "dogs", which is disgraceful.')
    assert v.scores["identity_abuse"] < 0.5
    assert screener.screen("Kurds are dogs.").scores["identity_abuse"] >= 0.5


def test_saying_a_quoted_slur_is_a_lie_is_counter_speech(screener):
    v = screener.screen("Saying 'Yazidis are devil worshippers' is a lie.")
    assert v.scores["identity_abuse"] < 0.5
    assert any("[quoted]" in e.why for e in v.evidence if e.code == "identity_abuse")
