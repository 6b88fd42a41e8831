"""Generate a synthetic article corpus and glossary for benchmarks (seeded, nothing third-party committed)."""

from __future__ import annotations

import random
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


def write_glossary(path: Path, terms: int, seed: int = 7) -> None:
    """A glossary of `terms` made-up product names with wrong and literal forms."""
    rng = random.Random(seed)
    names: set[str] = set()
    while len(names) < terms:
        names.add(pseudo_word(rng))
    lines = ["glossary: bench", "terms:"]
    for name in sorted(names):
        lines.append(f'  - {{term: "{name}", wrong: ["{name[:-1]}"], literal: ["{name} Light Bridge"]}}')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_corpus(folder: Path, files: int, words_per_file: int = 800, seed: int = 11) -> int:
    """Write `files` Markdown articles of about `words_per_file` words; returns the word count written."""
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
                count += len(words)
                sentences.append(" ".join(words).capitalize() + ".")
            paragraphs.append(" ".join(sentences))
        body = f"# Article {index}\n\n" + "\n\n".join(paragraphs) + "\n"
        (folder / f"article-{index:05d}.md").write_text(body, encoding="utf-8")
        total += count
    return total
