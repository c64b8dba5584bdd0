"""The learned guideline model: artifact, contract, ranking sanity, splits, tiny fit.

Runs without the shared datasets (nothing here reads /work/shared).
"""

import time

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from majlis.screening.datasets import Example, dedup_key, load_all, split_of
from majlis.screening.model import CODES, DEFAULT_PATH, TARGETS, GuidelineModel, featurize, prepare

NEUTRAL = {
    "en": [
        "The militia attacked the base near Kirkuk last night, officials said.",
        "ISIS must be defeated militarily, and the government should help displaced Yazidis return home.",
        "Airstrikes on the border villages killed twelve civilians; the ministry promised an inquiry.",
        "Shia and Sunni leaders met in Baghdad to discuss the budget and the Peshmerga salaries.",
        "The assassination of the governor shows how weak security is in the province.",
        "This policy is a disaster for refugees, and Rudaw's coverage of it is one-sided.",
        # naming a group kindly or neutrally is not abuse
        "Christians returned to their villages in the Nineveh plains.",
        "Gay men in the region still hide who they are out of fear.",
        "Refugee children need schools, not camps.",
        "Kurdish women fought ISIS in Kobani.",
        # rights and safety share words with "G deserve to be hanged", "G should not be allowed to vote"
        "Immigrants ought to be allowed to vote in local elections.",
        "No Christian deserves to be attacked for praying.",
    ],
    "ar": [
        "قصفت الطائرات مواقع داعش قرب الموصل وقتل عدد من المسلحين حسب مصادر أمنية",
        "اجتمع ممثلو الشيعة والسنة والكرد في بغداد لمناقشة الموازنة",
        "الحكومة مطالبة بحماية النازحين الإيزيديين وإعادة إعمار سنجار",
        "النساء في كردستان يعملن في كل المجالات ويستحقن نفس الراتب.",
        "اللاجئون السوريون فتحوا مخابز ومطاعم في أربيل.",
        "لا يستحق أي لاجئ أن يهان",
    ],
    "tr": [
        "Ordu, sınır bölgesindeki militan mevzilerine hava saldırısı düzenledi.",
        "Kürt ve Arap temsilciler Kerkük'te bütçe görüşmelerine devam etti.",
        "Hükümetin mülteci politikası bence başarısız, daha fazla yardım gerekiyor.",
        "Kadınlar mecliste daha fazla temsil edilmeli.",
        "Suriyeli mülteci çocukların okula gitmesi gerekiyor.",
    ],
    "fa": [
        "ارتش اعلام کرد که حمله هوایی به مواضع داعش در نزدیکی مرز انجام شد.",
        "نمایندگان کرد و عرب در مورد بودجه استان گفتگو کردند.",
        "به نظر من سیاست دولت درباره پناهجویان افغان اشتباه است.",
        "زنان باید حقوق برابر با مردان داشته باشند.",
        "مهاجران افغان در ایران بدون بیمه کار می‌کنند.",
        # naming Afghans in the colloquial plural is not abuse (the public sets use it mostly in insults)
        "ما با افغانی ها همسایه ایم.",
        "افغانی ها انسان های شریفی هستند.",
    ],
}

ABUSIVE = [
    # (lang, code, text)
    ("en", "profanity", "This is fucking bullshit, what the fuck is wrong with you"),
    ("en", "personal_attack", "You are a stupid idiot and a pathetic moron, shut up"),
    ("en", "threat", "I will find you and kill you, you are dead, I will shoot you"),
    ("en", "identity_abuse", "Muslims are filthy animals, kick all these disgusting immigrants out of our country"),
    ("en", "promotion", "Make $500 a day from home!!! Click www.easy-cash-now.com and WhatsApp me at +1 555 123 4567"),
    ("ar", "profanity", "كس امك يا ابن الشرموطة يا منيوك"),
    ("ar", "personal_attack", "انت حمار وغبي وحقير يا كلب"),
    ("tr", "profanity", "siktir git orospu çocuğu amına koyayım"),
    ("fa", "profanity", "کس ننت جنده کونی"),
    ("fa", "personal_attack", "خفه شو احمق بی شرف کثافت عوضی"),
]


@pytest.fixture(scope="module")
def model():
    return GuidelineModel.load()


def test_artifact_is_committed_size_and_loads_fast():
    assert DEFAULT_PATH.exists()
    assert DEFAULT_PATH.stat().st_size <= 15 * 1024 * 1024
    t = time.perf_counter()
    GuidelineModel.load()
    assert time.perf_counter() - t < 2.0


def test_probabilities_shape_and_range(model):
    texts = [t for v in NEUTRAL.values() for t in v] + [a[2] for a in ABUSIVE] + ["", "   ", "😀" * 50, "a" * 5000]
    P = model.predict_proba(texts)
    assert P.shape == (len(texts), len(CODES))
    assert np.all((P >= 0) & (P <= 1)) and np.all(np.isfinite(P))
    r = model.predict_reject(texts)
    assert r.shape == (len(texts),) and np.all((r >= 0) & (r <= 1))
    assert model.predict(texts).shape == (len(texts), len(CODES))
    assert set(model.thresholds) == set(TARGETS)


def test_batch_equals_single(model):
    texts = [a[2] for a in ABUSIVE] + NEUTRAL["en"]
    batch = model.predict_proba(texts)
    single = np.vstack([model.predict_proba([t]) for t in texts])
    np.testing.assert_allclose(batch, single, rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("lang,code,text", ABUSIVE)
def test_abuse_outranks_neutral_news_speech(model, lang, code, text):
    j = CODES.index(code)
    p_abuse = model.predict_proba([text])[0, j]
    p_neutral = model.predict_proba(NEUTRAL[lang])[:, j]
    assert p_abuse > p_neutral.max(), (code, p_abuse, p_neutral)


def test_neutral_war_and_group_speech_is_not_threat_or_identity_abuse(model):
    # with each text's language, as the engine passes it (the per-language calibration)
    texts = [t for v in NEUTRAL.values() for t in v]
    P = model.predict_proba(texts, [lang for lang, v in NEUTRAL.items() for _ in v])
    thr = model.thresholds
    for code in ("threat", "identity_abuse"):
        flagged = [t for t, p in zip(texts, P[:, CODES.index(code)]) if p >= thr[code]]
        assert not flagged, (code, flagged)


def test_evasion_is_folded():
    assert prepare("f u c k") == prepare("fuck") == prepare("FUCK") == prepare("fu\u200bck")
    assert prepare("sh1t") == prepare("shit")
    assert prepare("visit www.shop.com now") == prepare("visit http://x.io/abc now")
    X = featurize([prepare("Ｆｕｃｋ"), prepare("fuck")])
    X.sum_duplicates()
    assert (X[0] != X[1]).nnz == 0


# ---------------------------------------------------------------------------- splits


def test_split_is_deterministic_and_case_zero_width_insensitive():
    t = "The minister's statement on Kirkuk was misleading."
    s = split_of(t)
    assert s in ("train", "dev", "test")
    assert split_of(t) == s
    assert split_of(t.upper()) == s
    assert split_of("The\u200b minister's  statement on KIRKUK was misleading!!") == s
    assert dedup_key(t) == dedup_key(t.lower() + "\u200d")


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(whitelist_categories=("Ll", "Lu", "Nd", "Zs")), min_size=1, max_size=80))
def test_split_invariant_to_case_and_zero_width(t):
    zw = "\u200b".join(t)
    assert split_of(t) == split_of(zw)
    assert split_of(t) == split_of(t.lower())


def test_split_proportions_roughly_80_10_10():
    from collections import Counter

    c = Counter(split_of(f"comment number {i} about the budget") for i in range(3000))
    assert 0.75 < c["train"] / 3000 < 0.85
    assert 0.07 < c["dev"] / 3000 < 0.13
    assert 0.07 < c["test"] / 3000 < 0.13


def test_loader_masks_unannotated_codes(tmp_path):
    d = tmp_path / "en-sms-spam"
    d.mkdir()
    (d / "SMSSpamCollection").write_text(
        "ham\tSee you at the match tonight\nspam\tWIN a FREE prize! Call 09061701461 now\n"
        "ham\tsee you at the MATCH tonight!\n", encoding="utf-8")
    ex = load_all(tmp_path, sources=["en-sms-spam"])
    assert len(ex) == 2  # the case/punctuation duplicate is merged
    for e in ex:
        assert isinstance(e, Example) and e.role in ("train", "dev", "test", "holdout")
        assert e.labels["promotion"] in (0, 1)
        assert all(e.labels[c] is None for c in CODES if c != "promotion")
    assert load_all(tmp_path / "missing") == []


# ---------------------------------------------------------------------------- fit / save


def _tiny_corpus():
    rng = np.random.default_rng(0)
    good = ["the budget vote is next week", "a good article about the new school", "the road to erbil is open",
            "thanks for the clear report", "the weather in duhok is nice today", "the match ended in a draw"]
    bad = ["you stupid idiot", "shut up you moron", "what an idiot you are", "idiot moron loser", "you are a moron",
           "stupid stupid idiot"]
    spam = ["buy cheap pills at www.pills.com", "call +1 555 123 4567 for loans", "subscribe to my channel now",
            "free prize click www.win.com"]
    texts, Y = [], []
    for _ in range(8):
        for t in good:
            texts.append(t + " " + str(rng.integers(100)))
            Y.append([np.nan, np.nan, np.nan, 0, np.nan, 0])
        for t in bad:
            texts.append(t + " " + str(rng.integers(100)))
            Y.append([np.nan, np.nan, np.nan, 1, np.nan, np.nan])
        for t in spam:
            texts.append(t + " " + str(rng.integers(100)))
            Y.append([np.nan, np.nan, np.nan, np.nan, np.nan, 1])
    return texts, np.array(Y, dtype=float)


def test_fit_predict_save_load_tiny(tmp_path):
    texts, Y = _tiny_corpus()
    m = GuidelineModel(n_bits=14, epochs=20).fit(texts, Y)
    m.calibrate(texts, Y, min_pos=5)
    P = m.predict_proba(["you stupid moron", "the budget vote", "buy pills at www.pills.com"])
    assert P.shape == (3, 6)
    pa, promo = CODES.index("personal_attack"), CODES.index("promotion")
    assert P[0, pa] > P[1, pa]
    assert P[2, promo] > P[1, promo]
    # codes without any label stay untrained (constant) rather than failing
    assert np.allclose(P[:, CODES.index("threat")], P[0, CODES.index("threat")])
    path = m.save(tmp_path / "m.npz")
    m2 = GuidelineModel.load(path)
    np.testing.assert_allclose(m2.predict_proba(["you stupid moron"]), m.predict_proba(["you stupid moron"]),
                               rtol=2e-3, atol=2e-3)


def test_fit_rejects_bad_shapes():
    with pytest.raises(ValueError):
        GuidelineModel(n_bits=12).fit(["a", "b"], np.zeros((2, 3)))


def test_prenormalised_input_gives_identical_scores(model):
    from majlis.screening.normalise import normalise

    texts = [a[2] for a in ABUSIVE] + [t for v in NEUTRAL.values() for t in v] + ["@USER you idiot", "see www.x.com"]
    for t in texts:
        assert prepare(t, normalise(t)) == prepare(t)
    np.testing.assert_allclose(model.predict_proba(texts, normalised=[normalise(t) for t in texts]),
                               model.predict_proba(texts))


def test_clean_war_speech_guard_lowers_that_languages_flags():
    """Calibration's topic guard: clean comments about war and groups that happen to share words
    with insults are flagged at most ``topic_fpr`` of the time, where without it most would be."""
    texts, Y = _tiny_corpus()
    m = GuidelineModel(n_bits=14, epochs=20).fit(texts, Y)
    rng = np.random.default_rng(1)
    war = [f"you stupid idiot moron militia war {rng.integers(1000)}" for _ in range(150)]
    dev_texts = texts + war
    # like a source that only says "not offensive": no per-code labels, but known clean
    dev_Y = np.vstack([Y, np.full((len(war), 6), np.nan)])
    clean = np.zeros(len(dev_texts), dtype=bool)
    clean[len(texts):] = True
    topic = np.zeros(len(dev_texts), dtype=bool)
    topic[len(texts):] = True
    pa = CODES.index("personal_attack")

    def flagged_war_share(topic_mask):
        m.calibrate(dev_texts, dev_Y, min_pos=5, clean=clean, langs=["en"] * len(dev_texts), min_lang_clean=10 ** 6,
                    topic=topic_mask, topic_fpr=0.02)
        P = m.predict_proba(war, ["en"] * len(war))
        return float((P[:, pa] >= m.thresholds_[pa]).mean())

    assert flagged_war_share(None) > 0.5
    assert flagged_war_share(topic) <= 0.03
    # an insult still scores above ordinary news speech for that language
    P = m.predict_proba(["you stupid idiot", "the budget vote is next week"], ["en", "en"])
    assert P[0, pa] > P[1, pa]


def test_inhouse_comments_loader_labels_every_code(tmp_path):
    from majlis.screening.datasets import load_inhouse_comments

    p = tmp_path / "c.tsv"
    p.write_text("# written for Majlis\ntrain\tkmr\tclean\tHikûmetê îro civînek li Hewlêrê kir.\n"
                 "check\tckb\tprofanity,personal_attack\tتۆ گەوجیت\n", encoding="utf-8")
    clean, bad = list(load_inhouse_comments(path=p))
    assert (clean.role, clean.lang, clean.reject) == ("train", "kmr", 0)
    assert set(clean.labels.values()) == {0}
    assert (bad.role, bad.lang, bad.reject) == ("holdout", "ckb", 1)
    assert bad.labels["profanity"] == bad.labels["personal_attack"] == 1 and bad.labels["threat"] == 0
    p.write_text("train\tkmr\tswearing\tsome text\n", encoding="utf-8")
    with pytest.raises(ValueError):
        list(load_inhouse_comments(path=p))


def test_functional_cases_loader_expands_templates_and_keeps_check_rows_out(tmp_path):
    from majlis.screening.datasets import FUNCTIONAL_GROUPS, load_functional_cases

    cases = tmp_path / "cases.tsv"
    cases.write_text("# ours\ntrain\ttr\thate_dehuman\tidentity_abuse\tSuriyeliler haşere\n"
                     "check\tar\tneg_counter_quote\tclean\tقال عنهم \"كلاب\" وهذا معيب\n", encoding="utf-8")
    templates = tmp_path / "templates.tsv"
    templates.write_text("en\tthreat_normative\tidentity_abuse,threat\t{G} should all be shot.\n", encoding="utf-8")
    rows = list(load_functional_cases(path=cases, templates=templates))
    expanded = [ex for ex in rows if ex.lang == "en"]
    assert len(expanded) == len(FUNCTIONAL_GROUPS["en"])
    assert expanded[0].text == "Women should all be shot."  # the group opens the sentence: capitalised
    assert all(ex.role == "train" and ex.labels["threat"] == ex.labels["identity_abuse"] == 1
               and ex.labels["profanity"] == 0 and ex.group == "threat_normative" for ex in expanded)
    tr, ar = rows[-2:]
    assert (tr.role, tr.reject, tr.labels["identity_abuse"]) == ("train", 1, 1)
    assert (ar.role, ar.reject, ar.group) == ("holdout", 0, "neg_counter_quote")
    assert set(ar.labels.values()) == {0}
    templates.write_text("en\thate_emotion\tidentity_abuse\tI hate them.\n", encoding="utf-8")
    with pytest.raises(ValueError, match="no {G}"):
        list(load_functional_cases(path=cases, templates=templates))
    cases.write_text("train\ten\thate_emotion\tidentity_abuse\n", encoding="utf-8")  # a column is missing
    with pytest.raises(ValueError, match="columns"):
        list(load_functional_cases(path=cases, templates=tmp_path / "none.tsv"))


def test_committed_functional_cases_cover_every_language_both_ways():
    from collections import Counter

    from majlis.screening import _corpora

    rows = list(_corpora.read_functional_cases(codes=CODES))
    check = Counter((lang, "hateful" if "identity_abuse" in codes else "clean" if not codes else "other")
                    for split, lang, func, codes, text in rows if split == "check")
    for lang in ("en", "ar", "tr", "fa", "ckb", "kmr"):
        assert check[(lang, "hateful")] >= 40 and check[(lang, "clean")] >= 20, lang
    assert len({(lang, text) for split, lang, func, codes, text in rows}) == len(rows)  # no repeats


def test_committed_templates_expand_in_every_language_and_never_write_a_check_row():
    from collections import Counter

    from majlis.screening import _corpora
    from majlis.screening.datasets import dedup_key, expand_functional_templates

    expanded = list(expand_functional_templates())
    clean = Counter(lang for lang, func, codes, text in expanded if not codes)
    hateful = Counter(lang for lang, func, codes, text in expanded if codes)
    for lang in ("en", "ar", "tr", "fa", "ckb", "kmr"):
        assert clean[lang] >= 100, lang  # positive and neutral mentions in the frames hate uses too
    # the hateful frames are balanced by at least as many clean ones naming the same groups
    assert all(clean[lang] >= hateful[lang] for lang in hateful)
    cases = list(_corpora.read_functional_cases(codes=CODES))
    trained = {dedup_key(text) for lang, func, codes, text in expanded}
    trained |= {dedup_key(text) for split, lang, func, codes, text in cases if split == "train"}
    # the check rows stay held out: none folds to a row or template the model trains on
    assert not [text for split, lang, func, codes, text in cases if split == "check" and dedup_key(text) in trained]


def test_everyday_kurmanji_sentences_are_clean_training_rows(tmp_path):
    from majlis.screening.datasets import KMR_SENTENCES, load_kmr_sentences

    p = tmp_path / "kmr.txt"
    p.write_text("Wî kir û çû.\n\nKurê min li Almanyayê dixebite.\nWî kir û çû.\n", encoding="utf-8")
    rows = list(load_kmr_sentences(path=p))
    assert [r.text for r in rows] == ["Wî kir û çû.", "Kurê min li Almanyayê dixebite."]
    assert all((r.role, r.lang, r.reject) == ("train", "kmr", 0) and set(r.labels.values()) == {0} for r in rows)
    assert len(list(load_kmr_sentences())) > 100 and KMR_SENTENCES.exists()


def test_threshold_sits_inside_the_f1_plateau_not_on_its_edge():
    from majlis.screening.model import _best_f1_threshold

    # 40 clear positives, then a stretch where positives and negatives alternate (F1 nearly flat),
    # then negatives. The single best-F1 cut sits at the bottom edge of that stretch; a retrain
    # moves such an edge a lot, so the threshold must sit inside the near-best stretch instead.
    y = np.array([1] * 40 + [1, 0] * 30 + [0] * 200)
    p = np.array(list(np.linspace(0.95, 0.8, 40)) + list(np.linspace(0.79, 0.4, 60)) + list(np.linspace(0.39, 0.01, 200)))
    order = np.argsort(-p)
    tp = np.cumsum(y[order])
    f1 = 2 * tp / (np.arange(1, len(y) + 1) + y.sum())
    near = p[order][f1 >= 0.98 * f1.max()]
    t = _best_f1_threshold(y, p)
    assert near.min() + 0.02 < t < near.max() - 0.02
    pred = p >= t
    f1_t = 2 * (pred & (y == 1)).sum() / (pred.sum() + y.sum())
    assert f1_t >= 0.98 * f1.max()


def test_nb_ratios_favour_separating_columns_and_ignore_a_languages_base_rate():
    import scipy.sparse as sp

    from majlis.screening.model import _nb_ratios

    # column 0 only in positives, column 1 only in negatives, column 2 in both alike. Language
    # "b" is 90 % positive and alone uses column 3 evenly in both classes: its base rate must not
    # turn that neutral column into evidence of a violation.
    rows = [[1, 0, 1, 0]] * 10 + [[0, 1, 1, 0]] * 10 + [[0, 0, 0, 1]] * 18 + [[0, 0, 0, 1]] * 2
    X = sp.csr_matrix(np.array(rows, dtype=np.float32))
    y = np.array([1] * 10 + [0] * 10 + [1] * 18 + [0] * 2)
    langs = np.array(["a"] * 20 + ["b"] * 20, dtype=object)
    r = _nb_ratios(X, y, np.ones(len(y)), 0.5, langs)
    assert r[0] > 1 and r[1] < -1
    assert abs(r[2]) < 0.1
    assert abs(r[3]) < 0.1
    # without the per-language balance the same column leans strongly positive
    r_flat = _nb_ratios(X, y, np.ones(len(y)), 0.5, np.array(["a"] * 40, dtype=object))
    assert r_flat[3] > 1


def test_nb_mix_changes_the_fit_but_keeps_the_contract():
    texts, Y = _tiny_corpus()
    plain = GuidelineModel(n_bits=14, epochs=20, nb_alpha=0).fit(texts, Y)
    mixed = GuidelineModel(n_bits=14, epochs=20, nb_alpha=0.5).fit(texts, Y)
    assert not np.allclose(plain.coef_, mixed.coef_)
    P = mixed.predict_proba(["you stupid moron", "the budget vote"])
    pa = CODES.index("personal_attack")
    assert P.shape == (2, 6) and P[0, pa] > P[1, pa]


def test_language_word_columns_are_separate_per_language_and_absent_for_other():
    shared = featurize(["sag bad"], n_bits=16)
    ku = featurize(["sag bad"], n_bits=16, langs=["kmr"])
    tr = featurize(["sag bad"], n_bits=16, langs=["tr"])
    other = featurize(["sag bad"], n_bits=16, langs=["other"])
    cols = lambda X: set(X.indices.tolist())  # noqa: E731
    assert cols(other) == cols(shared)
    assert cols(shared) < cols(ku) and cols(shared) < cols(tr)
    assert cols(ku) - cols(shared) != cols(tr) - cols(shared)


def test_language_word_columns_let_a_word_mean_different_things_per_language(tmp_path):
    # "sag" is "healthy" in Kurmanji and part of an insult in this made-up second language: the
    # shared columns cannot tell them apart, the language-specific ones can.
    rng = np.random.default_rng(0)
    texts, Y, langs = [], [], []
    for _ in range(60):
        n = str(rng.integers(1000))
        texts += [f"sag e {n}", f"sag you {n}"]
        langs += ["kmr", "xx"]
        Y += [[np.nan, np.nan, np.nan, 0, np.nan, np.nan], [np.nan, np.nan, np.nan, 1, np.nan, np.nan]]
        texts += [f"the vote {n}", f"you idiot {n}"]
        langs += ["kmr", "xx"]
        Y += [[np.nan, np.nan, np.nan, 0, np.nan, np.nan], [np.nan, np.nan, np.nan, 1, np.nan, np.nan]]
    Y = np.array(Y)
    pa = CODES.index("personal_attack")
    probe = ["sag", "sag"]
    with_lang = GuidelineModel(n_bits=14, epochs=20, lang_words=1.0).fit(texts, Y, langs=langs)
    Z = with_lang.decision_function(probe, langs=["kmr", "xx"])
    assert Z[1, pa] - Z[0, pa] > 1.0
    with_lang.save(tmp_path / "m.npz")
    np.testing.assert_allclose(GuidelineModel.load(tmp_path / "m.npz").decision_function(probe, langs=["kmr", "xx"]),
                               Z, atol=5e-3)
    without = GuidelineModel(n_bits=14, epochs=20, lang_words=0).fit(texts, Y, langs=langs)
    Z0 = without.decision_function(probe, langs=["kmr", "xx"])
    assert Z0[1, pa] == pytest.approx(Z0[0, pa])


def test_group_frames_carry_a_frame_to_a_group_never_seen_with_it(tmp_path, monkeypatch):
    # trained on hate and praise about four groups; asked about a fifth (Yazidis) that appears in
    # training only in a neutral sentence. Only the group-frame features can transfer the frame.
    rng = np.random.default_rng(1)
    texts, Y = [], []
    for _ in range(40):
        for g in ("women", "Kurds", "Syrians", "Jews"):
            n = str(rng.integers(1000))
            texts += [f"{g} are vermin {n}", f"{g} are welcome {n}"]
            Y += [[0, 0, 0, 0, 1, 0], [0, 0, 0, 0, 0, 0]]
        texts.append(f"Yazidis live in Sinjar {rng.integers(1000)}")
        Y.append([0, 0, 0, 0, 0, 0])
    Y = np.array(Y, dtype=float)
    ia = CODES.index("identity_abuse")
    probe = ["Yazidis are vermin", "Yazidis are welcome"]
    framed = GuidelineModel(n_bits=14, epochs=20, group_frames=1.0).fit(texts, Y)
    Z = framed.decision_function(probe)
    plain = GuidelineModel(n_bits=14, epochs=20, group_frames=0).fit(texts, Y)
    Z0 = plain.decision_function(probe)
    assert Z[0, ia] - Z[1, ia] > Z0[0, ia] - Z0[1, ia] + 0.5
    # the group names are saved with the model: the artifact scores the same after a reload
    framed.save(tmp_path / "m.npz")
    again = GuidelineModel.load(tmp_path / "m.npz")
    assert again.group_words_ == framed.group_words_ and "yazidis" in again.group_words_
    np.testing.assert_allclose(again.decision_function(probe), Z, rtol=1e-3)  # float16 weights
    # a model saved with another version of the group-frame features says so when it loads
    import majlis.screening.model as model_module

    monkeypatch.setattr(model_module, "FRAMES_VERSION", model_module.FRAMES_VERSION + 1)
    with pytest.warns(UserWarning, match="group-frame features version"):
        GuidelineModel.load(tmp_path / "m.npz")


def test_several_seeds_average_the_single_seed_weights():
    texts, Y = _tiny_corpus()
    one = [GuidelineModel(n_bits=14, epochs=5, random_state=k, n_seeds=1).fit(texts, Y) for k in (3, 4)]
    both = GuidelineModel(n_bits=14, epochs=5, random_state=3, n_seeds=2).fit(texts, Y)
    assert not np.allclose(one[0].coef_, one[1].coef_)  # the shuffle matters...
    np.testing.assert_allclose(both.coef_, (one[0].coef_ + one[1].coef_) / 2, atol=1e-5)  # ...and averages out
    np.testing.assert_allclose(both.intercept_, (one[0].intercept_ + one[1].intercept_) / 2, atol=1e-6)


def test_a_model_fitted_without_languages_has_no_language_columns():
    texts, Y = _tiny_corpus()
    m = GuidelineModel(n_bits=14, epochs=5, lang_words=0.5).fit(texts, Y)
    assert m.lang_words == 0
    # so the engine's languages change nothing
    np.testing.assert_allclose(m.decision_function(["you stupid moron"], langs=["en"]),
                               m.decision_function(["you stupid moron"]))


def test_featurize_wants_one_language_per_text():
    with pytest.raises(ValueError):
        featurize(["a b", "c d"], n_bits=12, langs=["en"])
    with pytest.raises(ValueError):
        featurize(["a b"], n_bits=12, langs="en")


def test_topic_rows_are_about_war_and_groups_not_everyday_verbs():
    from majlis.screening.datasets import Example
    from majlis.screening.training import is_topic

    def clean(text, lang):
        return Example(text=text, lang=lang, labels={}, source="t", role="test", reject=0)

    for text, lang in (("کردها در شمال عراق زندگی می‌کنند", "fa"), ("حمله موشکی به پایگاه", "fa"),
                       ("قصف الجيش للمدينة", "ar"), ("الأتراك في الشمال", "ar"), ("The militia attacked", "en")):
        assert is_topic(clean(text, lang)), text
    # Persian کرد "did", ترک "quitting"; Arabic ترك "left", سنة "year", غار "cave"
    for text, lang in (("دیروز کارش را تمام کرد", "fa"), ("ترک سیگار سخت است", "fa"), ("ترك العمل مبكرا", "ar"),
                       ("كل سنة وانتم بخير", "ar"), ("زرنا غار حراء", "ar")):
        assert not is_topic(clean(text, lang)), text
    assert not is_topic(Example(text="The militia attacked", lang="en", labels={}, source="t", role="test", reject=1))


def test_word_weights_point_at_the_words_that_carry_a_code(model):
    from majlis.screening.model import TARGETS

    words = prepare("honestly you are a pathetic moron and your family too").split()
    W = model.word_weights(words, "en")
    assert W.shape == (len(words), len(TARGETS))
    attack = dict(zip(words, W[:, TARGETS.index("personal_attack")]))
    assert max(attack, key=attack.get) in ("pathetic", "moron")
    assert attack["moron"] > attack["family"] and attack["pathetic"] > attack["honestly"]
    spam = dict(zip(words, W[:, TARGETS.index("promotion")]))
    assert spam["moron"] < attack["moron"]  # per code: an insult is not an ad
    assert model.word_weights([], "en").shape == (0, len(TARGETS))


def test_clean_guard_quantile_does_not_hang_on_one_row():
    # the guard asks for the 99.6 % point of ~250 clean topic comments; with two stray high scores,
    # the plain quantile jumps when one of them is left out, the Harrell-Davis estimate much less
    from majlis.screening.model import _hd_quantile

    rng = np.random.default_rng(0)
    clean = np.concatenate([rng.normal(-3.0, 1.0, 248), [4.0, 6.0]])
    without_one = clean[:-1]
    plain_jump = abs(np.quantile(clean, 0.996) - np.quantile(without_one, 0.996))
    hd_jump = abs(_hd_quantile(clean, 0.996) - _hd_quantile(without_one, 0.996))
    assert hd_jump < 0.6 * plain_jump
    assert abs(_hd_quantile(clean, 0.5) - np.median(clean)) < 0.2  # still the quantile asked for


@given(st.lists(st.floats(-50, 50), min_size=1, max_size=60), st.floats(0.01, 0.99))
@settings(max_examples=60, deadline=None)
def test_hd_quantile_stays_within_the_data(values, q):
    from majlis.screening.model import _hd_quantile

    est = _hd_quantile(np.array(values), q)
    assert min(values) - 1e-9 <= est <= max(values) + 1e-9


def test_a_slur_in_a_row_a_sexism_only_source_calls_clean_is_masked_not_clean():
    from majlis.screening.training import _lex_codes, apply_weak_labels

    def row(text, source, role="train"):
        return Example(text=text, lang="en", labels={"identity_abuse": 0}, source=source, role=role)

    slur = "Take out the libs, the spics, and the niggers"
    rows = [row(slur, "en-edos-sexism"), row(slur, "en-edos-sexism", role="test"),
            row(slur, "en-stormfront-hate"), row("Nice weather at the beach today", "en-edos-sexism")]
    apply_weak_labels(rows, [_lex_codes((r.text, r.lang)) for r in rows])
    # EDOS judged sexism only: its "not sexist" is no verdict on racism (train / dev rows only)
    assert rows[0].labels["identity_abuse"] is None
    assert rows[1].labels["identity_abuse"] == 0  # test rows keep the source's label
    assert rows[2].labels["identity_abuse"] == 0  # a source that judges every kind keeps its 0
    assert rows[3].labels["identity_abuse"] == 0


@pytest.mark.parametrize("target,names_people", [
    ("مسلمانان", True), ("افغانستانی ها", True), ("زنان", True), ("عرب‌ها", True), ("دین اسلام", True),
    # journalists hold زن, the Tasnim agency سنی, "those who voted" کرد, Saudi Arabia عرب: not groups
    ("روزنامه نگاران", False), ("تسنیم", False), ("کسانی که در رای‌گیری شرکت کردند", False), ("عربستان", False),
    ("مدیران و مسیولان حکومت اسلامی", False),  # the Islamic government's officials: a state
])
def test_phate_hate_targets_are_groups_only_when_a_word_names_one(target, names_people):
    from majlis.screening.datasets import _fa_names_identity

    assert _fa_names_identity(target) is names_people
