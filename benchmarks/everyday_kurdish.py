"""Everyday Kurdish comments the screener should leave alone: how many it flags.

    .venv/bin/python benchmarks/everyday_kurdish.py [--model PATH] [--show]

Thirty short, harmless Kurmanji comments and thirty Sorani ones (a third of the Sorani typed on an
Arabic / Persian keyboard), written for this benchmark with the everyday words our first Kurdish
rows taught the model to fear: kir "did", kurê min "my son", the future ê, blessings and
condolences, literal donkeys and dogs; کوڕەکەم, بمرم بۆت, خوا لێی خۆش بێت. A comment counts as
flagged when any code scores 0.5 or more. The in-house clean rows added on 2026-11-29 were written
to a brief naming these idioms, so this is a regression check, not an independent test set.
No dataset needed.
"""
import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

KMR = [
    "Spas ji bo vê nûçeyê.", "Min ev gotar xwend, gelek baş e.", "Wî kir û çû.", "Ew îro hat malê.",
    "Hikûmetê biryar da ku mûçe bide.", "Ez jî wisa difikirim.", "Kî ev kar kir?", "Berfê rê girtin.",
    "Bila Xwedê rehmê li wan bike.", "Ev pirsgirêk çareser nebû.", "Me dengê xwe da partiya xwe.",
    "Zarokên me çûn dibistanê.", "Wan got ku ew ê werin.", "Dibe ku sibê baran bibare.",
    "Ez dixwazim vê pirtûkê bixwînim.", "Kurê min li Almanyayê dixebite.", "Wî gotinek xweş kir.",
    "Min jê re got: tu kir?", "Ew çi kir?", "Hûn çawa ne?", "Dayika min nexweş e, dua bikin.",
    "Bavê min li gund dijî.", "Ez ê sibê biçim Hewlêrê.", "Xwedê te biparêze birayê min.", "Seg li ber derî bû.",
    "Kerê me winda bû li çiya.", "Serê we sax be.", "Em ê li benda encamê bin.",
    "Wan gundî kuştin, Xwedê rehmê bike.", "Keça min çû zanîngehê.",
]
CKB = [
    "سوپاس بۆ ئەم هەواڵە", "کوڕەکەم لە ئەڵمانیا کار دەکات", "دایکم نەخۆشە، دوعای بۆ بکەن", "سەگەکەمان لە گوند ونبوو",
    "بمرم بۆت کاکە گیان", "خوا لێی خۆش بێت، سەرتان سلامەت بێت", "سبەی دەچم بۆ هەولێر", "کەرەکەی باوکم پیر بووە",
    "ئەم هەواڵە ڕاست نییە", "کارەبا دیسان بڕا", "مووچە کەی دادەبەشرێت؟", "باران زۆر باری لە سلێمانی",
    "یاریەکەی دوێنێ زۆر خۆش بوو", "قوربانت بم دایە گیان", "خوا بتپارێزێت", "نرخی نان گران بووە",
    "کچەکەم چووە زانکۆ", "براکەم لە سوپا کار دەکات", "ئەوان کوژران لە هێرشەکەدا، خوا ڕەحمیان پێ بکات", "جەژنتان پیرۆز بێت",
    "سوپاس بو ئهم ههواله", "کورهکهم له ئهلمانیا کار دهکات", "دایکم نهخوشه دوعای بو بکهن", "بمرم بوت کاکه گیان",
    "خوا لیی خوش بیت سهرتان سلامهت بیت", "سبهی دهچم بو ههولیر", "کارهبا دیسان برا", "مووچه کهی دادهبهشریت؟",
    "نرخی نان گران بووه", "جهژنتان پیروز بیت",
]


def main(argv=None) -> int:
    from majlis.screening.engine import DECISION_SCORE, Screener
    from majlis.screening.model import GuidelineModel

    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default=None, help="artifact to try (default: the committed one)")
    ap.add_argument("--show", action="store_true", help="print the flagged comments")
    args = ap.parse_args(argv)
    screener = Screener.load(model=GuidelineModel.load(args.model) if args.model else None)
    for lang, texts in (("kmr", KMR), ("ckb", CKB)):
        verdicts = screener.screen_many(texts)
        flagged = [(t, v) for t, v in zip(texts, verdicts) if max(v.scores.values()) >= DECISION_SCORE]
        detected = sum(v.language == lang for v in verdicts)
        print(f"{lang}: {len(flagged)} of {len(texts)} everyday comments flagged; language detected as {lang}: "
              f"{detected}/{len(texts)}")
        if args.show:
            for t, v in flagged:
                print("   ", {c: s for c, s in v.scores.items() if s >= DECISION_SCORE}, t)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
