"""Group-frame features: every group's name becomes one token, so a hateful frame learned with one
group is the same feature with another."""
import os
import subprocess
import sys

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from majlis.screening.groups import GROUP, abstract_groups, group_features
from majlis.screening.model import prepare


def frames(text):
    X = group_features([prepare(text)])
    return set(X.indices.tolist())


def test_group_names_in_every_language_become_one_token():
    for text in ("I hate women", "Kürtleri sevmiyorum", "الاكراد كلاب", "افغانی‌ها کثیفن", "ئێزیدییەکان",
                 "Black people are a plague", "Ez ji Ereban hez nakim",
                 "ضاقت البلد بالسوريين", "هالإيزيديين", "el akrad wjoohhom",  # Arabic clitics, Arabizi
                 "I hate wo men", "I hate womne", "imigrants out", "Muslmis are scum"):  # evasive spelling
        assert GROUP in abstract_groups(prepare(text)), text


def test_words_that_only_look_like_group_names_are_left_alone():
    # Persian کرد / کردی "did", ترک "quitting"; "black" as a colour; Turkish araba "car"
    for text in ("دیروز کار را تمام کرد", "چرا این کار رو کردی؟", "ترک سیگار سخت است", "the black car was stolen",
                 "yeni bir araba aldım", "I hate Mondays", "وكان بالبيت", "I saw some men there",
                 "my back lacks support", "Syria is at war", "he found refuge"):
        assert abstract_groups(prepare(text)) is None, text
        assert frames(text) == set()


def test_one_frame_with_two_groups_gives_the_same_features():
    assert frames("I hate women") == frames("I hate Kurds") != set()
    assert frames("Syrians are vermin") == frames("Jews are vermin")
    assert frames("Syrians are vermin") != frames("Syrians are welcome")


@given(st.text(max_size=80))
def test_group_features_never_fail(text):
    X = group_features([prepare(text)])
    assert X.shape == (1, 1 << 20) and np.isfinite(X.data).all()


def test_group_feature_columns_are_the_same_in_every_process():
    # the committed model's weights sit in these columns: a hash that changed with Python's
    # per-process string hashing would silently scramble them
    script = ("from majlis.screening.groups import group_features; from majlis.screening.model import prepare; "
              "X = group_features([prepare('I do not hate Kurds, they are my neighbours')]); "
              "print(sorted(X.indices.tolist()))")
    runs = {subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2")}
    assert len(runs) == 1 and runs.pop().strip() == str(sorted(frames("I do not hate Kurds, they are my neighbours")))


def test_words_a_negator_governs_are_features_of_their_own():
    from majlis.screening.groups import _frames

    def cooccurring(text):
        return {f for f in _frames(abstract_groups(prepare(text))) if " & " in f}

    # "I don't hate Kurds" must not share the "hate near a group" feature of "I hate Kurds"
    assert "G & hate" in cooccurring("I hate Kurds")
    assert cooccurring("I don't hate Kurds") >= {"G & ¬hate"} and "G & hate" not in cooccurring("I don't hate Kurds")
    assert "G & ¬اكره" in cooccurring("لا أكره المهاجرين")
    assert "G & ¬متنفر" in cooccurring("از افغانی‌ها متنفر نیستم")  # Persian negates after the verb
    # a negator further away leaves the word alone
    assert "G & hate" in cooccurring("No, I will say it again: I hate Kurds")
