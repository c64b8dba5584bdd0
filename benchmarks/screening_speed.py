"""Throughput of the learned model and of the whole ``Screener.screen_many`` path, one process.

    python benchmarks/screening_speed.py [--n 5000] [--batch 256]

Needs no datasets: it times synthetic comments of news-comment length in five languages.
"""

import argparse
import random
import time

from majlis.screening.model import DEFAULT_PATH, GuidelineModel

WORDS = {
    "en": "the government budget minister said war militia attack refugees policy article report news "
          "people think why because idiot good bad election oil kirkuk erbil peshmerga iraq".split(),
    "ar": "الحكومة الوزير الحرب الميليشيات هجوم اللاجئين السياسة المقال الناس لماذا لأن الانتخابات النفط "
          "كركوك أربيل العراق".split(),
    "tr": "hükümet bakan savaş milis saldırı mülteci politika haber insanlar neden çünkü seçim petrol "
          "kerkük erbil ırak".split(),
    "fa": "دولت وزیر جنگ شبه‌نظامیان حمله پناهجویان سیاست گزارش مردم چرا چون انتخابات نفت کرکوک اربیل "
          "عراق".split(),
    "ckb": "حکومەت وەزیر شەڕ میلیشیا هێرش پەنابەر سیاسەت ڕاپۆرت خەڵک بۆچی چونکە هەڵبژاردن نەوت کەرکووک "
           "هەولێر".split(),
}


def comments(n, seed=0):
    rng = random.Random(seed)
    langs = list(WORDS)
    out = []
    for i in range(n):
        w = WORDS[langs[i % len(langs)]]
        out.append(" ".join(rng.choice(w) for _ in range(rng.randint(8, 60))) + ".")
    return out


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=5000)
    ap.add_argument("--batch", type=int, default=256)
    args = ap.parse_args(argv)
    texts = comments(args.n)
    t = time.perf_counter()
    model = GuidelineModel.load()
    print(f"model load: {time.perf_counter() - t:.2f} s, artifact {DEFAULT_PATH.stat().st_size / 1e6:.1f} MB")
    from majlis.screening.langid import detect_language

    langs = [detect_language(t) for t in texts]  # as the engine passes them (language word columns)
    model.predict_all(texts[:10], langs[:10])
    t = time.perf_counter()
    for i in range(0, len(texts), args.batch):
        model.predict_all(texts[i:i + args.batch], langs[i:i + args.batch])
    dt = time.perf_counter() - t
    print(f"model only: {len(texts) / dt:,.0f} comments/s ({1e3 * dt / len(texts):.3f} ms/comment, "
          f"mean {sum(map(len, texts)) / len(texts):.0f} chars)")
    try:
        from majlis.screening.engine import Screener

        s = Screener.load()
        s.screen_many(texts[:10])
        t = time.perf_counter()
        for i in range(0, len(texts), args.batch):
            s.screen_many(texts[i:i + args.batch])
        dt = time.perf_counter() - t
        print(f"Screener.screen_many: {len(texts) / dt:,.0f} comments/s ({1e3 * dt / len(texts):.3f} ms/comment)")
    except Exception as e:  # engine not present
        print(f"Screener unavailable: {e!r}")


if __name__ == "__main__":
    main()
