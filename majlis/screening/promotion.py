"""Rule-based promotion detector: links, phone / WhatsApp numbers, e-mails, handles,
prices and call-to-action phrases in the six site languages.

``detect_promotion(text, norm=None) -> PromotionResult`` with ``.hits`` (original
offsets, a kind, a weight and a human reason) and ``.score`` in [0, 1]
(noisy-OR of the distinct hit kinds, so one weak cue stays weak).

Digits are matched in Latin, Arabic-Indic (٠-٩) and Persian (۰-۹) forms; years
(2021), counts with separators (2,500 troops) and dates never count as phone numbers.
A link to a known news source counts only as a weak cue: sharing a relevant source in
good faith is allowed by the policy.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .normalise import Normalised, fold_digits, fold_term, normalise

__all__ = ["PromoHit", "PromotionResult", "detect_promotion"]


@dataclass(frozen=True, slots=True)
class PromoHit:
    start: int
    end: int
    kind: str
    weight: float
    why: str


@dataclass(slots=True)
class PromotionResult:
    hits: list = field(default_factory=list)
    score: float = 0.0


_TLDS = ("com|net|org|io|ly|me|co|info|biz|shop|store|online|site|xyz|top|app|link|ru|tr|ir|iq|krd|de|uk|us|tv|"
         "gg|to|cc|in|club|live|pro|vip|win|bet|cash|money|fun|website|space|page|click|gl|ink|am|ae|sa|eg")
_URL = re.compile(
    r"(?:https?://|www\.)[^\s<>\"']+"
    r"|(?<![\w@.])(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:" + _TLDS + r")\b(?:/[^\s<>\"']*)?",
    re.IGNORECASE)
EMAIL_RX = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}\b", re.IGNORECASE)
_HANDLE = re.compile(r"(?<![\w@])@[A-Za-z0-9_][A-Za-z0-9_.]{2,29}\b")
_LEADING_MENTIONS = re.compile(r"\s*(?:RT\s+)?(?:@[A-Za-z0-9_][A-Za-z0-9_.]{0,29}[:,]?\s*)+")
_PHONE = re.compile(r"(?<![\w.,/:])(?:\+|00)?\d[\d \-().\u00a0]{6,20}\d(?![\w/:]|[.,]\d)")
_PRICE = re.compile(
    r"(?:[$€£₺]\s?\d[\d,.]*|\d[\d,.]*\s?(?:(?:thousand|million|billion|k|m|bn|هزار|میلیون|ألف|الف|مليون|هەزار|"
    r"ملیۆن|bin|milyon)\s?)?(?:\$|€|£|₺|usd|dollars?|eur|euros?|iqd|dinars?|tl|lira|toman|tomans|"
    r"rial|دينار|دولار|تومان|تومن|ریال|ليرة|لیره|دۆلار|دینار)(?!\w))",
    re.IGNORECASE)
_SHORTENERS = re.compile(r"(?:^|//|\.|\b)(?:bit\.ly|tinyurl\.com|t\.me|wa\.me|chat\.whatsapp\.com|goo\.gl|cutt\.ly|"
                         r"rb\.gy|is\.gd|ow\.ly|linktr\.ee|shorturl\.at|tiny\.cc|s\.id|t\.co)\b", re.IGNORECASE)
_NEWS = re.compile(r"(?:rudaw|kurdistan24|k24|bbc|reuters|apnews|aljazeera|alarabiya|nytimes|theguardian|washingtonpost|"
                   r"cnn|france24|dw|aa\.com|hurriyet|bianet|iranintl|radiofarda|isna|irna|shafaq|964|basnews|"
                   r"kurdistanchronicle|thenationalnews|al-monitor|almonitor|wikipedia|gov|un\.org|who\.int|hrw\.org|"
                   r"amnesty)\b", re.IGNORECASE)
_SHOP = re.compile(r"shop|store|buy|sale|deal|promo|offer|coupon|casino|bet|crypto|coin|invest|earn|money|loan|"
                   r"forex|trade|bonus|followers|subscribe", re.IGNORECASE)
_PROFILE = re.compile(r"youtube\.com/(?:c/|channel|@|user)|instagram\.com|tiktok\.com|facebook\.com/(?!story|photo|watch)"
                      r"|linktr\.ee|onlyfans|snapchat\.com", re.IGNORECASE)
_MESSAGING = re.compile(r"(?:^|//|\.|\b)(?:t\.me|wa\.me|chat\.whatsapp\.com|api\.whatsapp\.com|telegram\.me)\b",
                        re.IGNORECASE)
_YEAR = re.compile(r"(?:19|20)\d\d")
_SHORTCODE = re.compile(
    r"(?i:\b(?:txt|text|sms|reply|send)\b)\s+[\"']?[A-Z0-9]{1,10}[\"']?\s+(?i:to)\s+\d{4,6}\b"
    r"|(?i:\b(?:yaz|gonder|gönder)\w*\b[^.\n]{0,20}?\b\d{4,6}'?(?:a|e|ya|ye)\b)"
    r"|(?i:\b\d{4,6}'?(?:a|e|ya|ye)\b[^.\n]{0,15}?\b(?:yaz|gonder|gönder))"
    r"|(?:ارسل|أرسل)[^.\n]{0,30}?(?:الى|إلى)\s*\d{4,6}")
_SHORTCODE_WORDS = ("txt", "text", "sms", "reply", "send", "yaz", "gonder", "gönder", "ارسل", "أرسل")
_DISCOUNT = re.compile(r"(?:%\s?\d{1,2}|\d{1,2}\s?%)(?:\s?\+\s?%?\s?\d{1,2}%?)?\s*(?:'?(?:ye|ya|e|a)?\s*varan\s*)?"
                       r"(?:net\s+|büyük\s+|buyuk\s+)?(?:indirim|discount|off|sale|خصم|تخفیف|تخفيض|تخفيضات|داشکاندن)",
                       re.IGNORECASE)
_URL_PRE = re.compile(r"[A-Za-z0-9]\.[A-Za-z]{2}|://")
_DIGIT_RUN = re.compile(r"\d+")
_CUR_WORDS = ("$", "€", "£", "₺", "usd", "dollar", "euro", "iqd", "dinar", " tl", "0tl", "lira", "toman", "rial", "دينار",
              "دولار", "تومان", "تومن", "ریال", "ليرة", "لیره", "دۆلار", "دینار")

# call-to-action and scam phrases: (weight, "phrase|phrase|...") per language; matched on folded tokens
_CTA = {
    "en": [
        (0.85, "subscribe to my channel|subscribe to our channel|subscribe my channel|sub to my channel|like and subscribe|"
               "check out my channel|check out my page|check out my profile|check my profile|visit my page|visit my channel|"
               "visit my profile|visit our website|visit our store|follow my page|follow my channel|follow me on|follow us on|"
               "link in bio|link in my bio|click the link|click this link|click here|dm me|dm for|message me on|inbox me|"
               "contact me on whatsapp|whatsapp me|text me on|call now|order now|buy now|shop now|earn money from home|"
               "make money from home|work from home|earn money online|make money online|passive income|double your money|"
               "guaranteed profit|guaranteed returns|investment opportunity|crypto signals|forex signals|free followers|"
               "buy followers|promo code|use my code|use code|discount code|join my group|join our group|join my channel|"
               "join our channel|apply now|limited offer|special offer|free shipping|cash prize|you have won|claim your prize|"
               "loan offer|instant loan|quick loan|best price|we deliver|free entry|claim your|"
               "you are a winner|you have been selected|txt stop|text stop|reply stop|reply yes|free ringtone|"
               "won a prize|won a guaranteed|call free|free msg|freemsg"),
        (0.45, "whatsapp|telegram|subscribe|my channel|our channel|my page|my youtube|my instagram|my tiktok|contact us|"
              "call us|discount|giveaway|casino|betting|bitcoin investment|cheap|hiring|winner|for sale|"
              "ringtone|txt|awarded"),
        # ordinary words in news talk ("the international order", "they claim"): weakest cue only
        (0.25, "bitcoin|crypto|forex|binance|usdt|loan|loans|instagram|youtube|tiktok|follow|price|offer|buy|"
               "earn|sale|order|prize|urgent|claim"),
    ],
    "ar": [
        (0.85, "تواصل معنا|للتواصل|للتواصل واتساب|للتواصل واتس|تواصل واتساب|راسلني|راسلنا|اتصل بنا|اتصل الان|اشترك في قناتي|"
               "اشتركوا في قناتي|اشتركوا في القناة|اشترك بالقناة|اشترك في القناة|تابعوني|تابعونا|تابع حسابي|تابعوا حسابي|"
               "تابع صفحتي|تابعوا صفحتي|زوروا صفحتي|زوروا قناتي|الرابط في البايو|رابط في البايو|اضغط على الرابط|اضغط هنا|"
               "للطلب|اطلب الان|اطلبي الان|للحجز|توصيل مجاني|عرض خاص|عروض خاصة|الربح من الانترنت|الربح من البيت|"
               "العمل من المنزل|العمل من البيت|ربح مضمون|ارباح مضمونة|زيادة متابعين|متابعين حقيقيين|قرض فوري|قروض فورية|"
               "كود خصم|كود الخصم|سجل الان|انضم الى قناتي|انضموا الى قناتي|انضموا لقناتي|للاستفسار|افضل منتج|"
               "منتج طبيعي|للتخسيس|اطلبه الان|"
               "متوفر الان|الدفع عند الاستلام|التوصيل مجاني|توصيل لجميع"),
        # "انضموا" alone is "join (us)": a protest movement as often as a channel
        (0.45, "واتساب|واتس|واتس اب|تلغرام|تليجرام|تيليجرام|سناب|خصم|عروض|تخفيضات|للبيع|اربح|بيتكوين|عملات رقمية|تداول|انضموا|"
              "تخسيس|مجانا|منتج|التوصيل|"
              "استثمار مضمون|متابعين|قناتي|صفحتي"),
        (0.25, "حسابي|سعر|الاسعار|قرض|قروض|استثمار|انستقرام|انستغرام|يوتيوب|تيك توك|شراء"),
    ],
    "ckb": [
        (0.85, "سەردانی پەیجەکەم بکەن|سەردانی پەیجەکەمان بکەن|سەردانی کەناڵەکەم بکەن|فۆڵۆ بکەن|فۆلۆ بکەن|فۆڵۆم بکەن|"
               "لایک بکەن|سەبسکرایب بکەن|سەبسکرایبی کەناڵەکەم بکەن|بەشداربن لە کەناڵەکەم|پەیوەندیمان پێوە بکەن|"
               "پەیوەندی بکەن|بۆ پەیوەندی|بۆ داواکردن|گەیاندنی بێبەرامبەر|پارە پەیداکردن لە ماڵەوە|کار لە ماڵەوە"),
        (0.45, "واتسئاپ|واتساپ|وەتسئاپ|تێلیگرام|کەناڵەکەم|پەیجەکەم|پەیجەکەمان|داشکاندن|بۆ فرۆشتن|قازانج"),
        (0.25, "ئینستاگرام|یوتیوب|فرۆشتن|نرخ"),
    ],
    "kmr": [
        (0.85, "kanala min bişopînin|kanala me bişopînin|rûpela min bişopînin|rûpela me bişopînin|min bişopînin|"
               "abone bibin|aboneyî kanala min bibin|têkilî bi me re daynin|bi me re têkilî daynin|ji bo firotanê|"
               "ji malê pere qezenc bikin|pere qezenc bikin|lînka di bio de"),
        (0.45, "bişopînin|kanala min|rûpela min|whatsapp|telegram|erzan|daxistin"),
        (0.25, "firotin|biha|instagram|youtube"),
    ],
    "tr": [
        (0.85, "kanalıma abone olun|kanalıma abone ol|abone olun|abone olmayı unutmayın|beni takip edin|"
               "sayfamı takip edin|hesabımı takip edin|linke tıkla|linke tıklayın|bio daki link|biodaki link|dm at|dm den yaz|"
               "dmden yaz|bize ulaşın|iletişim için|whatsapp hattı|sipariş için|hemen ara|hemen başvur|hemen sipariş|"
               "ücretsiz kargo|evden para kazan|evden para kazanın|para kazanmak için|deneme bonusu|takipçi satın al|"
               "takipçi hilesi|kredi başvurusu|satılık|fırsatı kaçırmayın|firsati kacirmayin|kaçırmayın|kacirmayin|"
               "ret yazıp|ret yazip|iptal için sms|iptal icin sms|sms ile gönderin|sms ile gonderin|hemen tıkla|"
               "hemen tikla|ücretsiz kargo|ucretsiz kargo|kampanyayı kaçırma|mersis|sms iptal|smsiptal|ret yaz|"
               "sms almak istemiyorsanız|sms almak istemiyorsaniz|sms almamak için|sms almamak icin"),
        (0.45, "takip edin|abone|takip et|takipçi|indirim|indirimli|kampanya|kampanyası|fırsat|firsat|bahis|casino|bonus|"
               "kripto|yatırım fırsatı|sipariş|siparis|whatsapp|ücretsiz|ucretsiz|taksit|hediye|gönderin|gonderin"),
        (0.25, "fiyat|kredi|yatırım|instagram|youtube"),
    ],
    "fa": [
        (0.85, "کانال ما را دنبال کنید|کانال ما رو دنبال کنید|کانالم رو دنبال کنید|پیج ما را دنبال کنید|پیجمو فالو کنید|"
               "پیج ما رو فالو کنید|فالو کنید|عضو کانال شوید|عضو شوید|لایک کنید|سابسکرایب کنید|تماس بگیرید|برای سفارش|"
               "جهت سفارش|ارسال رایگان|کسب درآمد|کسب درآمد در منزل|درآمد دلاری|کار در منزل|لینک در بیو|کلیک کنید|"
               "جهت اطلاعات بیشتر|خرید فالوور|فالوور واقعی|وام فوری|کد تخفیف"),
        (0.45, "تخفیف|سفارش|فروش ویژه|تلگرام|واتساپ|واتس اپ|ارز دیجیتال|بیت کوین|سرمایه گذاری|فالوور|کانال ما|پیج ما"),
        (0.25, "خرید|فروش|قیمت|وام|اینستاگرام|یوتیوب"),
    ],
}


def cta_entries() -> list:
    """Call-to-action phrases as lexicon entries (code ``promotion``, any language)."""
    entries = []
    for lang, groups in _CTA.items():
        for w, terms in groups:
            for t in terms.split("|"):
                f = fold_term(t)
                # English single words match as written: "follow", "claim", "earn" are cues, but
                # "followers", "claiming", "earned" are how news comments use them
                exact = len(f) <= 3 or (lang == "en" and " " not in f)
                if f:
                    entries.append((t, f, ("promotion",), None, lang, "call to action", w,
                                    frozenset({"exact"} if exact else ()), None))
    return entries


def _build_cta():
    from .lexicon import Lexicon

    return Lexicon(cta_entries())


_CTA_LEX = None


def _cta_lex():
    global _CTA_LEX
    if _CTA_LEX is None:
        _CTA_LEX = _build_cta()
    return _CTA_LEX


def _maybe_domain(t: str) -> bool:
    i = t.find(".")
    n = len(t)
    while i != -1:
        if 0 < i < n - 2 and t[i - 1].isalnum() and t[i + 1].isalpha() and t[i + 2].isalpha():
            return True
        i = t.find(".", i + 1)
    return False


def _phone_ok(s: str) -> bool:
    digits = [c for c in s if c.isdigit()]
    nd = len(digits)
    if nd < 9 or nd > 15:
        return False
    groups = re.findall(r"\d+", s)
    if all(len(g) == 4 and _YEAR.fullmatch(g) for g in groups):
        return False  # a list of years
    if not s.startswith(("+", "00", "0")):
        if "." in s:
            return False  # decimals / dates like 12.05.2021
        if len(groups) > 1 and len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:]):
            return False  # 1 234 567 (thousands grouping)
    if any(len(g) > 4 and _YEAR.match(g) and len(g) == 8 for g in groups):
        return False  # 20210512 (date)
    if len(set(digits)) <= 1:
        return False
    return True


# a negated call to action ("they cannot contact us", "ناتوانن پەیوەندیمان پێوە بکەن") invites no one
_NEGATED_BEFORE = re.compile(
    r"(?:\bcan'?t|\bcannot|\bcouldn'?t|\bunable to|\bdon'?t|\bdo not|\bnever|ناتوان\w*|نەیانتوانی\w*|"
    r"نمی[\u200c ]?توان\w*|نتوانست\w*|لا يمكن\w*|لا نستطيع|لا يستطيع\w*|لم يتمكن\w*|ما بقدر\w*|ما قدر\w*|"
    r"\bnikar\w*)\s*$", re.IGNORECASE)


def detect_promotion(text: str, norm: Normalised | None = None, cta_hits=None) -> PromotionResult:
    """Promotion cues in ``text``. ``cta_hits``: promotion-code lexicon hits already computed by the
    caller (the engine merges the call-to-action phrases into its main lexicon pass)."""
    hits: list[PromoHit] = []
    if not text:
        return PromotionResult()
    t = text if text.isascii() else fold_digits(text)  # same length as text
    has_dot = "://" in t or _maybe_domain(t)
    has_at = "@" in t
    url_spans = []
    if has_dot:
        for m in _URL.finditer(t):
            u = m.group(0).rstrip(".,;:!?)»")
            s, e = m.start(), m.start() + len(u)
            if has_at and s > 0 and t[s - 1] == "@":
                continue
            url_spans.append((s, e))
            host = u.split("//", 1)[-1].split("/", 1)[0]
            if "://" not in u and not host.lower().startswith("www.") and host.split(".")[-1].isupper():
                continue  # "UN.US", "U.S." style abbreviations, not a domain
            if _MESSAGING.search(u):
                hits.append(PromoHit(s, e, "link", 0.85, f"messaging / invite link {u!r}"))
            elif _SHORTENERS.search(u):
                hits.append(PromoHit(s, e, "link", 0.5, f"short link {u!r}"))
            elif _NEWS.search(host):
                hits.append(PromoHit(s, e, "link", 0.15, "link to a news source"))
            elif _SHOP.search(host) or _PROFILE.search(u):
                hits.append(PromoHit(s, e, "link", 0.8, "link to a shop, channel or social profile"))
            else:
                hits.append(PromoHit(s, e, "link", 0.35, "link"))
    if has_at:
        for m in EMAIL_RX.finditer(t):
            hits.append(PromoHit(m.start(), m.end(), "email", 0.6, "e-mail address"))
        lead = _LEADING_MENTIONS.match(t)
        reply_end = lead.end() if lead else 0
        for m in _HANDLE.finditer(t):
            if any(s <= m.start() < e for s, e in url_spans):
                continue
            if m.start() > 0 and (t[m.start() - 1].isalnum() or t[m.start() - 1] in "._-"):
                continue
            if m.start() < reply_end:
                continue  # "@name ..." opening a comment addresses someone: a reply, not an advert
            hits.append(PromoHit(m.start(), m.end(), "handle", 0.35, "social media handle"))
    nd = sum(t.count(d) for d in "0123456789")
    if nd >= 9:
        for m in _PHONE.finditer(t):
            s = m.group(0).rstrip(" -().\u00a0")
            if _phone_ok(s) and not any(a <= m.start() < b for a, b in url_spans):
                hits.append(PromoHit(m.start(), m.start() + len(s), "phone", 0.85, "phone / WhatsApp number"))
    if nd:
        tl = t.lower()
        if any(w in tl for w in _CUR_WORDS):
            for m in _PRICE.finditer(t):
                hits.append(PromoHit(m.start(), m.end(), "price", 0.2, "price / currency amount"))
    if nd:
        if "%" in t or "٪" in text:
            for m in _DISCOUNT.finditer(t):
                # "%70 indirim" (sign first: Turkish / Persian ad style) is a stronger cue than "15% discount"
                w = 0.6 if m.group(0)[0] == "%" else 0.5
                hits.append(PromoHit(m.start(), m.end(), "discount", w, "percentage discount"))
        tl = t.lower()
        if any(k in tl for k in _SHORTCODE_WORDS):
            for m in _SHORTCODE.finditer(t):
                hits.append(PromoHit(m.start(), m.end(), "shortcode", 0.8, "text-to-short-code instruction"))
    if cta_hits is None:
        if norm is None:
            norm = normalise(text)
        cta_hits = _cta_lex().find(norm, None)
    for h in cta_hits:
        if h.code != "promotion" or _NEGATED_BEFORE.search(text[max(0, h.start - 30):h.start]):
            continue  # a negated call ("relatives cannot contact us") is news about a blackout, no invitation
        hits.append(PromoHit(h.start, h.end, "cta" if h.source == "call to action" else "lexicon", h.weight,
                             h.why() if h.source != "call to action" else f'call to action "{h.term}" ({h.lang})'))
    hits.sort(key=lambda h: (h.start, -h.end))
    return PromotionResult(hits, _score(hits))


def _score(hits: list[PromoHit]) -> float:
    if not hits:
        return 0.0
    best: dict[str, float] = {}
    for h in hits:
        best[h.kind] = max(best.get(h.kind, 0.0), h.weight)
    p = 1.0
    for k, w in best.items():
        p *= 1.0 - w
    strong = max(best.values()) >= 0.6
    # several distinct strong CTA phrases add a little
    if strong and len({h.why for h in hits if h.kind == "cta" and h.weight >= 0.6}) >= 2:
        p *= 0.8
    score = 1.0 - p
    if not strong:
        # only weak cues (prices, plain links, "buy", "offer", handles): not enough on their own, unless
        # three different kinds of cue come together (a link + a price + "discount" in one comment)
        kinds = len([k for k in best if k != "price"])
        score = min(score, 0.7 if kinds >= 3 else 0.45)
    return round(min(1.0, score), 4)
