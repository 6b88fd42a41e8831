"""Generate a synthetic article corpus and glossary for benchmarks (seeded, nothing third-party committed)."""

from __future__ import annotations

import json
import os
import random
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

from wordfreq import top_n_list

BRANDS = ["Xiaomi", "Samsung", "Snapdragon", "Qualcomm", "Leica", "Android", "Huawei", "OnePlus", "Motorola",
          "Google", "Pixel", "iPhone", "MediaTek", "Exynos", "Zeiss", "Hasselblad"]
ARTIFACTS = ["the xiaomi phone", "a Snapdagon chip", "the #Dragon mouth 8 Gen 2", "@Xiaomi Y @leica_camera",
             "this Monday (23)", "a smart phone range top", "the android update"]


def pseudo_word(rng: random.Random) -> str:
    """A pronounceable made-up brand name."""
    syllables = ["zor", "vex", "qui", "tar", "lum", "nex", "dra", "kor", "vi", "sol", "mar", "tek", "on", "ix"]
    return "".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))).capitalize()


def write_glossary(path: Path, terms: int, seed: int = 7) -> list[str]:
    """A glossary of `terms` made-up product names with wrong and literal forms; returns the names, sorted."""
    rng = random.Random(seed)
    names: set[str] = set()
    while len(names) < terms:
        names.add(pseudo_word(rng))
    lines = ["glossary: bench", "terms:"]
    for name in sorted(names):
        lines.append(f'  - {{term: "{name}", wrong: ["{name[:-1]}"], literal: ["{name} Light Bridge"]}}')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return sorted(names)


def write_corpus(folder: Path, files: int, words_per_file: int = 800, seed: int = 11,
                 extras: Sequence[str] = (), extra_rate: float = 0.05) -> int:
    """Write `files` Markdown articles of about `words_per_file` words; returns the word count written.

    `extras` (phrases a benchmark's rules look for) go into about `extra_rate` of the sentences.
    """
    rng = random.Random(seed)
    vocabulary = top_n_list("en", 5000)
    folder.mkdir(parents=True, exist_ok=True)
    total = 0
    for index in range(files):
        paragraphs, count = [], 0
        while count < words_per_file:
            sentences = []
            for _ in range(rng.randint(2, 5)):
                words = [rng.choice(vocabulary) for _ in range(rng.randint(8, 22))]
                if rng.random() < 0.3:
                    words.insert(rng.randrange(len(words)), rng.choice(BRANDS))
                if rng.random() < 0.05:
                    words.insert(rng.randrange(len(words)), rng.choice(ARTIFACTS))
                if extras and rng.random() < extra_rate:  # no draw without extras: the default corpus stays the same
                    words.insert(rng.randrange(len(words)), rng.choice(extras))
                count += len(words)
                sentences.append(" ".join(words).capitalize() + ".")
            paragraphs.append(" ".join(sentences))
        body = f"# Article {index}\n\n" + "\n\n".join(paragraphs) + "\n"
        (folder / f"article-{index:05d}.md").write_text(body, encoding="utf-8")
        total += count
    return total


SHARED = Path(os.environ.get("TQCHECK_SHARED", Path(__file__).resolve().parent.parent.parent / "shared"))
WMT = SHARED / "data" / "wmt-mqm" / "dev.jsonl"


def write_wmt_articles(folder: Path, files: int, segments_per_article: int = 20) -> int:
    """Articles of real MT output from the shared WMT MQM file (read at run time, never committed).

    Each article is a run of consecutive segments of one talk from one system; returns the word count.
    """
    talks: dict[tuple[str, str], list[tuple[int, str]]] = defaultdict(list)
    with WMT.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            talks[(record["system"], record["doc"])].append((record["doc_seg_id"], record["target"]))
    folder.mkdir(parents=True, exist_ok=True)
    written = total = 0
    for key in sorted(talks):
        segments = [text for _, text in sorted(talks[key])]
        for start in range(0, len(segments), segments_per_article):
            if written == files:
                return total
            chunk = segments[start:start + segments_per_article]
            paragraphs = [" ".join(chunk[i:i + 4]) for i in range(0, len(chunk), 4)]
            body = "\n\n".join(paragraphs) + "\n"
            (folder / f"talk-{written:04d}.txt").write_text(body, encoding="utf-8")
            total += len(body.split())
            written += 1
    return total
