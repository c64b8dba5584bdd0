"""Majlis guideline screening engine (plain Python, no Django).

>>> from majlis.screening import Screener
>>> s = Screener.load()
>>> s.screen("you f*cking idiot").to_dict()["scores"]["profanity"] >= 0.85
True
"""
from .engine import CODES, Evidence, Screener, Verdict

LANGUAGES = ("en", "ckb", "kmr", "ar", "tr", "fa")

__all__ = ["Screener", "Verdict", "Evidence", "CODES", "LANGUAGES"]
