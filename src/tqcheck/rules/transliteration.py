"""Russian written in Latin letters: how much a word looks like romanised Russian rather than English.

Two measures from wordfreq's word lists: a letter-trigram model of the Russian list romanised the way MT and the
press do it (BGN/PCGN without diacritics: й y, ы y, ю yu, я ya, ж zh, х kh, ц ts, щ shch) against one of the English
list, shipped as `data/words/ru-latin-trigrams.json` (regenerate with `python -m tqcheck.rules.transliteration`);
and whether a Latin word spells a Russian word of wordfreq's list (the cached Russian table), asked only for the few
words the model suspects.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from functools import lru_cache
from itertools import product
from pathlib import Path

import regex

from .wordlist import table

MODEL = Path(__file__).resolve().parent.parent / "data" / "words" / "ru-latin-trigrams.json"
_RUSSIAN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z", "и": "i", "й": "y",
    "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f",
    "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya"}
_TO_LATIN = str.maketrans(_RUSSIAN)
# Latin spellings back to the Cyrillic letters they may stand for, longest first.
_FROM_LATIN: dict[str, list[str]] = {}
for _cyrillic, _latin in _RUSSIAN.items():
    if _latin:
        _FROM_LATIN.setdefault(_latin, []).append(_cyrillic)
_SPELLINGS = sorted(_FROM_LATIN, key=len, reverse=True)
_CYRILLIC = regex.compile(r"[а-яё]+")
_LATIN = regex.compile(r"[a-z]+")
_ORDER = 3
_SMOOTHING = 0.5
_TRIGRAMS = 27 ** _ORDER
_MAX_READINGS = 64


def romanise(word: str) -> str:
    """A lower-case Russian word in Latin letters."""
    return word.translate(_TO_LATIN)


def _grams(word: str) -> list[str]:
    padded = f"^{word}$"
    return [padded[i:i + _ORDER] for i in range(len(padded) - _ORDER + 1)]


def _log_probabilities(words: list[str]) -> tuple[dict[str, float], float]:
    """Smoothed log-probabilities of the letter trigrams of `words`, and that of an unseen trigram."""
    counts = Counter(gram for word in words for gram in _grams(word))
    total = sum(counts.values()) + _SMOOTHING * _TRIGRAMS
    return {g: math.log((c + _SMOOTHING) / total) for g, c in counts.items()}, math.log(_SMOOTHING / total)


def build_model() -> dict:
    """Log-odds (romanised Russian against English) of every trigram seen in either list, and of an unseen one."""
    from wordfreq import get_frequency_dict

    russian, floor_ru = _log_probabilities([romanise(w) for w in get_frequency_dict("ru") if _CYRILLIC.fullmatch(w)])
    english, floor_en = _log_probabilities([w for w in get_frequency_dict("en") if _LATIN.fullmatch(w)])
    odds = {g: round(russian.get(g, floor_ru) - english.get(g, floor_en), 2) for g in sorted({*russian, *english})}
    return {"unseen": round(floor_ru - floor_en, 2), "trigrams": odds}


@lru_cache(maxsize=1)
def _model() -> tuple[dict[str, float], float]:
    data = json.loads(MODEL.read_text(encoding="utf-8"))
    return data["trigrams"], data["unseen"]


def russian_shape(word: str) -> float:
    """Mean log-odds per letter trigram that a lower-case Latin word is romanised Russian rather than English
    (about -2 for English words, 1 and up for romanised Russian)."""
    odds, unseen = _model()
    grams = _grams(word)
    return sum(odds.get(g, unseen) for g in grams) / len(grams)


def readings(word: str) -> list[str]:
    """The Cyrillic words a romanised word may stand for (at most _MAX_READINGS)."""
    parts: list[list[str]] = []
    at = 0
    while at < len(word):
        spelling = next((s for s in _SPELLINGS if word.startswith(s, at)), None)
        if spelling is None:
            return []
        options = list(_FROM_LATIN[spelling])
        if len(spelling) == 2 and all(c in _FROM_LATIN for c in spelling):  # `ts` may be т + с
            options += ["".join(pair) for pair in product(_FROM_LATIN[spelling[0]], _FROM_LATIN[spelling[1]])]
        parts.append(options)
        at += len(spelling)
    if math.prod(len(p) for p in parts) > _MAX_READINGS:
        return []
    return ["".join(choice) for choice in product(*parts)]


def russian_zipf(word: str) -> float:
    """How common in Russian (Zipf) the commonest Cyrillic reading of a romanised word is (0 when none is, or when
    it is below the Russian table's floor)."""
    russian = table("ru")
    return max((russian.get(reading, 0.0) for reading in readings(word)), default=0.0)


if __name__ == "__main__":
    MODEL.parent.mkdir(parents=True, exist_ok=True)
    MODEL.write_text(json.dumps(build_model(), ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {MODEL}")
