"""Hatred declared at a named group, and the derogation frames: what fires, what must not."""
import pytest
from hypothesis import given
from hypothesis import strategies as st

from majlis.screening import hate_frames
from majlis.screening.normalise import normalise


def frames(text):
    return hate_frames.find(normalise(text))


@pytest.mark.parametrize("text,span", [
    ("I hate Muslims.", "I hate Muslims"),
    ("honestly I really hate all the immigrants", "I really hate all the immigrants"),
    ("I can't stand black people", "I can't stand black people"),
    ("We fucking despise gays", "We fucking despise gays"),
    ("Muslims are pathetic.", "Muslims are pathetic"),
    ("Why are trans people so vile?", "trans people so vile"),
    ("Women are a disgrace", "Women are a disgrace"),
    ("Immigrants are the worst.", "Immigrants are the worst"),
    ("Disabled people are not welcome here", "Disabled people are not welcome"),
    ("Fuck all Muslims", "Fuck all Muslims"),
    ("We need to get rid of refugees once and for all", "rid of refugees"),
    ("أنا أكره اليهود", "أكره اليهود"),
    ("الله يلعن الشيعة", "يلعن الشيعة"),
    ("لعنة الله على اليهود", "لعنة الله على اليهود"),
    ("لازم نتخلص من المهاجرين", "نتخلص من المهاجرين"),
    ("والله ما بطيق السوريين", "ما بطيق السوريين"),
    ("Kürtlerden nefret ediyorum", "Kürtlerden nefret ediyorum"),
    ("Araplardan tiksiniyorum", "Araplardan tiksiniyorum"),
    ("از افغانی‌ها متنفرم", "از افغانی‌ها متنفرم"),
    ("ڕقم لە عەرەبەکانە", "ڕقم لە عەرەبەکانە"),
    ("Ez ji Ereban nefret dikim", "ji Ereban nefret dikim"),
    ("I h4te MUSLIMS", "I h4te MUSLIMS"),
    ("بكرهكم يا يهود", "بكرهكم يا يهود"),
    ("ana bakrah el yahood", "bakrah el yahood"),
    ("I have met many Muslims and I hate every one of them.", "I hate every one of them"),
    ("Immigrants think they're special. I despise them.", "I despise them"),
    ("السوريين؟ بكرههم", "بكرههم"),
    ("Trans people make me sick.", "Trans people make me sick"),
    ("Jews are nothing but greedy parasites.", "Jews are nothing but greedy parasites"),
    ("Women are too stupid to vote.", "Women are too stupid"),
    ("Muslims honestly just make me sick", "Muslims honestly just make me sick"),
    ("Women belong in a zoo.", "Women belong in a zoo"),
    ("Immigrants are lesser beings.", "Immigrants are lesser beings"),
    ("No black people can ever be trusted.", "No black people can ever be trusted"),
])
def test_hatred_and_derogation_aimed_at_a_group_are_found_with_the_typed_span(text, span):
    hits = frames(text)
    assert hits, text
    assert any(text[h.start:h.end] == span for h in hits), [text[h.start:h.end] for h in hits]
    assert all(h.code == "identity_abuse" for h in hits)


@pytest.mark.parametrize("text", [
    "I don't hate Muslims.",
    "I never hated Jews",
    "I hate how Muslims are treated",
    "People who hate Jews are sick",
    "I hate Turkish coffee",
    "I hate women's football",
    "I hate women who lie to their friends",
    "I despise the woman who wrote this article",
    "I can't stand by while refugees drown",
    "Not all Muslims are terrorists",
    "This woman is disgusting",
    "Foreign-backed Sunni terrorists attacked the base",
    "Refugees are sick and hungry after weeks on the road",
    "Disabled people are worst hit by the cuts",
    "I love the girls. Fucking stupid referee though",
    "Kürtlerden nefret etmiyorum",
    "از غذای افغانی متنفرم",
    "ما بكره السوريين",
    "ana ma bakrah el yahood",
    "bukra el yahood 3andon 3eed",  # "tomorrow the Jews have a holiday"
    "بكرة السوريين رح يطلعوا على الحدود",  # "tomorrow the Syrians will go out to the border"
    "Refugees are welcome here",
    "I hate them.",  # no group named
    "People who attack refugees make me sick.",
    "Refugees don't make me sick, racists do.",
    "Immigrants belong in our community.",
    "No refugee can be turned away.",
    "It makes me sick how Muslims are treated.",
    "The minister's comments about Muslims make me sick.",
    "The attacks on Muslims are disgusting.",
    "Muslims are not terrorists.",
    "Refugees are fleeing criminals in Syria.",
    "Immigrants are victims of criminals.",
    "The refugees arrived. I don't hate them.",
])
def test_look_alikes_are_not_hate_frames(text):
    assert frames(text) == [], [text[h.start:h.end] for h in frames(text)]


def test_the_screener_flags_the_frame_and_shows_why(screener):
    v = screener.screen("Honestly, I hate Muslims.")
    assert v.scores["identity_abuse"] >= 0.5
    assert any(e.code == "identity_abuse" and hate_frames.WHY in e.why and v.text[e.start:e.end] == "I hate Muslims"
               for e in v.evidence)


@pytest.mark.parametrize("text", [
    "Statements like 'I hate Muslims' are hateful.",
    "People who write 'we hate Muslims' here should be banned.",
])
def test_quoting_or_condemning_the_frame_stays_under_the_decision(screener, text):
    v = screener.screen(text)
    assert v.scores["identity_abuse"] < 0.5
    assert any(e.code == "identity_abuse" and "[quoted]" in e.why for e in v.evidence)


@given(st.text(alphabet=st.sampled_from(list("I hate Muslims are vile 'الله يلعن الشيعة' از افغانی‌ها متنفرم .,!\u200b")),
               max_size=80))
def test_every_span_lies_inside_the_original_text(text):
    for h in frames(text):
        assert 0 <= h.start < h.end <= len(text)
        assert h.term == text[h.start:h.end]


@pytest.mark.parametrize("text,span", [
    ("I haet Muslims", "I haet Muslims"),
    ("Immigrants are vermn", "Immigrants are vermn"),
    ("Gay people are patheitc.", "Gay people are patheitc"),
    ("I hate Mulsims", "I hate Mulsims"),
])
def test_misspelt_frames_are_still_found(text, span):
    assert [text[h.start:h.end] for h in frames(text)] == [span]


def test_a_misspelling_that_is_another_word_is_not_derogation():
    # "terrorist" is one letter from "terrorists" but also an adjective
    assert frames("Kurds are a terrorist group according to Ankara") == []
