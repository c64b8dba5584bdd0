import pytest
from hypothesis import given, settings, strategies as st

from majlis.screening.promotion import detect_promotion


def kinds(text):
    return {h.kind for h in detect_promotion(text).hits}


@pytest.mark.parametrize("text,kind", [
    ("visit https://shop.example.com/deals now", "link"),
    ("shop.example.com", "link"),
    ("bit.ly/abc123", "link"),
    ("call me 0750 123 4567", "phone"),
    ("+964 750 123 4567", "phone"),
    ("واتساب ٠٧٥٠١٢٣٤٥٦٧", "phone"),
    ("تماس ۰۹۱۲۳۴۵۶۷۸۹", "phone"),
    ("write to sales@example.com", "email"),
    ("follow @cheap_deals_iq", "handle"),
    ("only $99", "price"), ("500 TL", "price"), ("٢٥٠٠٠ دينار", "price"), ("۵۰۰ هزار تومان", "price"),
    ("subscribe to my channel", "cta"), ("DM me", "cta"), ("earn money from home", "cta"),
    ("اشترك في قناتي", "cta"), ("تواصل معنا", "cta"), ("سەردانی پەیجەکەم بکەن", "cta"),
    ("kanalıma abone olun", "cta"), ("کانال ما را دنبال کنید", "cta"), ("Kanala min bişopînin", "cta"),
])
def test_detects(text, kind):
    assert kind in kinds(text), (text, detect_promotion(text).hits)


@pytest.mark.parametrize("text", [
    "2,500 troops were deployed in 2021",
    "Between 2019 2020 2021 and 2022 the budget doubled",
    "On 12.05.2021 at 10:30 the attack happened",
    "Population of 1 234 567 people",
    "He was born 1990-05-12 in Duhok",
    "e.g. this is fine",
    "The ministry said 3.5 million people were displaced.",
])
def test_numbers_and_dates_are_not_phones(text):
    assert "phone" not in kinds(text)
    assert detect_promotion(text).score < 0.5


@pytest.mark.parametrize("text", [
    "@USER @USER Unfortunately in America a system like that would be called racist.",
    "@rudaw_english: the report on Sinjar is wrong",
    "RT @kurdistan24 Salaries will be paid next week",
])
def test_a_reply_opening_with_mentions_is_not_promotion(text):
    assert "handle" not in kinds(text)
    assert detect_promotion(text).score == 0


def test_a_handle_inside_the_comment_is_still_evidence():
    assert "handle" in kinds("@ali you are right, and follow @cheap_deals_iq for phones")


@pytest.mark.parametrize("text", [
    "China feels it has not been given its place in the international order.",
    "Russia may claim the Arctic, but the law is clear.",
    "They earn less than teachers in Baghdad.",
])
def test_news_words_are_the_weakest_promotion_cue(text):
    assert detect_promotion(text).score <= 0.25


def test_news_link_is_weak():
    r = detect_promotion("source: https://www.rudaw.net/english/middleeast/iraq/123")
    assert 0 < r.score < 0.5


def test_scores_combine():
    weak = detect_promotion("only $99").score
    strong = detect_promotion("Subscribe to my channel bit.ly/x and WhatsApp 0750 123 4567").score
    assert weak < 0.5 < strong <= 1.0


def test_offsets_are_original():
    text = "ok واتساب ٠٧٥٠١٢٣٤٥٦٧ thanks"
    for h in detect_promotion(text).hits:
        assert text[h.start:h.end].strip() == text[h.start:h.end]
        assert 0 <= h.start < h.end <= len(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=150))
def test_random_text(text):
    r = detect_promotion(text)
    assert 0.0 <= r.score <= 1.0
    for h in r.hits:
        assert 0 <= h.start < h.end <= len(text)


@pytest.mark.parametrize("text", [
    "Text FA to 87121 to receive entry", "%70 NET INDIRIM basladi!", "SMS almamak icin RET yaz 3347'ye gonderiniz",
    "افضل منتج للتخسيس", "shop.example.com 99.99TL %50 indirim",
])
def test_spam_patterns(text):
    assert detect_promotion(text).score >= 0.5, detect_promotion(text).hits


@pytest.mark.parametrize("text", [
    "send troops to 5000 villages", "The government will send 2500 soldiers", "Prices rose 5% in 2021",
    "The tax cut of 15% will cost $2 billion, officials said", "We lost 10% of our sales",
])
def test_news_numbers_are_not_spam(text):
    assert detect_promotion(text).score < 0.5, detect_promotion(text).hits


@pytest.mark.parametrize("text", [
    "Trump and his followers won the Senate.", "Claiming victory this early is reckless.",
    "They EARNED those seats.", "The election was followed by protests.",
])
def test_inflected_english_cta_words_are_not_calls_to_action(text):
    # "follow", "claim", "earn" as the imperative are weak cues; "followers", "claiming" are news talk
    assert [h for h in detect_promotion(text).hits if h.kind == "cta"] == [], text


def test_english_cta_words_still_match_as_written():
    assert "cta" in kinds("follow me on instagram") and "cta" in kinds("earn money online today")


def test_join_us_alone_is_a_weak_cue_but_join_my_channel_is_an_advert():
    assert detect_promotion("الى شعب لبنان العظيم انضموا الى هذه الحركة التصحيحية").score < 0.5
    assert detect_promotion("انضموا الى قناتي على التلغرام").score >= 0.5


@pytest.mark.parametrize("text", [
    "ئینتەرنێت لە سەرتاسەری ئێران چوار ڕۆژە بڕاوە، کەسوکارمان لە ورمێ ناتوانن پەیوەندیمان پێوە بکەن.",
    "اینترنت قطع است و خانواده‌ها نمی‌توانند تماس بگیرید",
])
def test_a_negated_call_to_action_invites_no_one(text):
    # "the internet has been cut for four days, our relatives in Urmia cannot contact us" (Sorani, Persian)
    assert detect_promotion(text).score < 0.5


def test_the_same_call_to_action_unnegated_still_counts():
    assert detect_promotion("پەیوەندیمان پێوە بکەن 07501234567").score >= 0.85
    assert detect_promotion("Don't forget to subscribe to my channel").score >= 0.85
