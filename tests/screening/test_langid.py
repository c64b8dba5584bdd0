import pytest
from hypothesis import given, settings, strategies as st

from majlis.screening.langid import detect_language

SENTENCES = {
    "en": ["The government is working on a timetable for the troop withdrawal.",
           "Great article, thanks for the balanced coverage.",
           "Why is nobody talking about the water crisis in Basra?"],
    "tr": ["Türk savaş uçakları Irak'ın kuzeyindeki hedefleri bombaladı.",
           "Bu haber çok önemli, teşekkürler.",
           "Erdogan yine yalan soyledi, kimse inanmiyor artik."],
    "kmr": ["Hikûmeta Herêma Kurdistanê îro civînek li Hewlêrê li dar xist.",
            "Spas ji bo vê nûçeyê, gelek baş bû.",
            "ez ji vê nuçeyê hez nakim, ev ne rast e"],
    "ckb": ["سوپاس بۆ ئەم هەواڵە گرنگە، زۆر سوودی هەبوو",
            "حکومەتی هەرێم دەبێت مووچەی فەرمانبەران بدات",
            "ئەم هەواڵە ڕاست نییە"],
    "ar": ["هذا المقال ممتاز وشكرا للكاتب على هذا التحليل",
           "قصف الطيران التركي مواقع في جبال قنديل",
           "الحكومة العراقية لم تدفع الرواتب منذ ثلاثة أشهر"],
    "fa": ["این خبر درباره حمله پهپادی به اربیل است",
           "هیچ کس به این موضوع توجه نکرد",
           "دولت باید پاسخگوی این وضعیت باشد"],
}


@pytest.mark.parametrize("lang,text", [(k, t) for k, v in SENTENCES.items() for t in v])
def test_sentences(lang, text):
    assert detect_language(text) == lang


@pytest.mark.parametrize("text", ["", "   ", "😀😀👍", "12345 678", "https://bit.ly/abc", "!!!???"])
def test_no_letters_is_other(text):
    assert detect_language(text) == "other"


def test_other_scripts_and_languages():
    assert detect_language("Привет, как дела у вас сегодня") == "other"
    assert detect_language("这是一个测试句子") == "other"
    assert detect_language("Bonjour à tous, je suis d'accord avec cet article") == "other"


def test_arabizi_is_arabic():
    assert detect_language("enta 7mar w 3ala tool kalb") == "ar"


def test_mixed_script_majority():
    assert detect_language("This is a long English comment about the budget with one word حمار") == "en"


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_random_text_gives_a_known_code(text):
    assert detect_language(text) in ("en", "ckb", "kmr", "ar", "tr", "fa", "other")


Z = "\u200c"


@pytest.mark.parametrize("text", [
    # Sorani typed on an Arabic / Persian keyboard: no ە ێ ۆ ڕ ڵ
    "ئهم حکومهته گهندهله و مووچهی فهرمانبهران نادات",
    "سوپاس بو ئهم ههواله گرنگه، زور سوودی ههبوو",
    "کاکه ئهوه چیه دهلیی، ئهم ههواله راست نییه",
    # the pre-Unicode convention: ە written as ه + ZWNJ
    f"ئه{Z}م حکومه{Z}ته{Z} گه{Z}نده{Z}ڵه{Z}",
    f"ئه{Z}م هه{Z}واله زور خه{Z}مگینی کردم حکومه{Z}ت ده{Z}بیت شتیک بکات",
    # on an Arabic keyboard: ي ك as well
    "ئهم حكومهته گهندهله و مووچهي فهرمانبهران نادات",
])
def test_sorani_typed_without_kurdish_letters_is_sorani(text):
    assert detect_language(text) == "ckb", text


@pytest.mark.parametrize("text", [
    f"به{Z}عنوان یک روزنامه{Z}نگار از خانه{Z}ها و نامه{Z}های مردم گزارش دادم",
    f"این خانه{Z}ها به{Z}خاطر جنگ خراب شدند و دولت کاری نکرد",
    f"تازه{Z}ترین خبرها از روزنامه{Z}نگاران و نماینده{Z}گان مجلس",
    f"بسته{Z}بندی جدید، تازه{Z}ترین محصول، سه{Z}شنبه",
])
def test_persian_zwnj_after_heh_stays_persian(text):
    assert detect_language(text) == "fa", text


def test_kurmanji_typed_without_its_letters_is_kurmanji():
    assert detect_language("ez ji vi nuceye pir xemgin bum, divi hukumet tisteki bike") == "kmr"
