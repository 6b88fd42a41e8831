"""Artifact-injection benchmark: inject each class of MT artifact into clean English with a seeded random
generator (many brands, numbers, positions and source languages), check, and report recall per class.

Run: python benchmarks/recall.py [TRIALS_PER_CLASS]   (default 200; writes its section of docs/evaluation.md)
"""

from __future__ import annotations

import random
import sys
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from evaluation import ROOT, human_talks, rules_runner, write_section  # noqa: E402

BRANDS = ["Samsung", "Xiaomi", "Motorola", "Huawei", "OnePlus", "Google", "Apple", "Lenovo", "Sony", "Nokia",
          "Qualcomm", "MediaTek", "Realme", "Honor", "Asus", "Nothing", "Oppo", "Tecno", "Infinix", "ZTE"]
PRODUCTS = [("Galaxy S", "Ultra"), ("Redmi Note ", "Pro"), ("Pixel ", "Pro"), ("iPhone ", "Pro"), ("Moto G", "Plus"),
            ("Xperia ", "Mini"), ("Nord ", "Lite"), ("Mate ", "Pro"), ("Find X", "Ultra"), ("Zenfone ", "Max")]
HANDLES = ["@Xiaomi", "@SamsungMobile", "@Google", "@leica_camera", "@Motorola", "@OnePlus_ES", "@sonyxperia"]
CONJUNCTIONS = {"es": "y", "pt": "e", "it": "e", "fr": "et", "de": "und"}
FUNCTION_WORDS = {"es": ["del", "los", "para", "pero", "muy", "también", "según"],
                  "pt": ["da", "das", "uma", "com", "não", "pelo", "também", "sem"],
                  "fr": ["du", "des", "les", "une", "avec", "dans", "aussi"],
                  "it": ["della", "delle", "nella", "anche", "degli"],
                  "de": ["mit", "für", "nicht", "auch", "oder", "eine"]}
FOREIGN_WORDS = {"es": ["empresa", "lanzamiento", "teléfono", "pantalla", "batería", "precio", "fabricante",
                        "cámara", "usuarios", "dispositivo"],
                 "pt": ["empresa", "lançamento", "celular", "tela", "bateria", "preço", "fabricante", "câmera",
                        "usuários", "aparelho"],
                 "fr": ["entreprise", "lancement", "téléphone", "écran", "batterie", "prix", "appareil"],
                 "it": ["azienda", "lancio", "telefono", "schermo", "batteria", "prezzo", "dispositivo"],
                 "de": ["unternehmen", "handy", "bildschirm", "akku", "preis", "gerät", "hersteller"]}
SENTENCES = {
    "es": ["La empresa todavía no ha confirmado el precio del nuevo dispositivo en {country}.",
           "Según {brand}, el teléfono llegará a las tiendas durante el próximo mes.",
           "El fabricante asegura que la batería dura casi dos días con un uso normal."],
    "pt": ["A empresa ainda não confirmou o preço do novo aparelho no {country}.",
           "Segundo a {brand}, o celular chega às lojas no próximo mês.",
           "A fabricante garante que a bateria dura quase dois dias com uso moderado."],
    "fr": ["L'entreprise n'a pas encore confirmé le prix du nouvel appareil en {country}.",
           "Selon {brand}, le téléphone arrivera dans les magasins le mois prochain."],
    "it": ["L'azienda non ha ancora confermato il prezzo del nuovo dispositivo in {country}.",
           "Secondo {brand}, il telefono arriverà nei negozi il mese prossimo."],
    "de": ["Das Unternehmen hat den Preis des neuen Geräts in {country} noch nicht bestätigt.",
           "Laut {brand} kommt das Handy im nächsten Monat in die Geschäfte."],
}
COUNTRIES = ["Brasil", "México", "España", "Portugal", "Italia", "Francia", "Alemania", "Chile"]
MONTHS_ES = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre"]
MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
BOILERPLATE = ["Please enter your comment!", "Leave a reply", "Share on Facebook", "Follow us on Instagram",
               "Read also: the best phones of the year", "Subscribe to our newsletter", "Leia também: {brand} review",
               "Lee también: {brand} presenta su nuevo móvil", "Continues after advertising", "Lire aussi : {brand}",
               "Leggi anche: {brand}", "Lies auch: {brand}", "Deja un comentario", "Deixe seu comentário",
               "Síguenos en Twitter", "This website uses cookies", "Image: Disclosure/{brand}", "Advertisement"]
CALQUES = ["It is worth remembering that the {brand} phone costs less", "a {brand} smartphone of high range",
           "the new {brand} smart phone range top", "In the case of {brand}, the battery is bigger",
           "{brand} announced it and the same will arrive in July", "the novelty of the {brand} phone",
           "Actually, the company has {n} employees", "to fix eventual problems with the battery",
           "{brand} pretends to launch the phone in Europe", "{brand} realized an event in Madrid",
           "thousands of fans assisted to the launch event", "the leak exposed sensible data of users",
           "In this sense, {brand} wants more users", "the phone was a great exit in Brazil"]
PRONOUN_TEMPLATES = ["{brand} announced that she will launch a new phone.",
                     "{brand} confirmed his plans for the new chip.",
                     "The company said her new model arrives in July.",
                     "{brand} revealed that he is working on a foldable phone."]
Injection = tuple[str, int, int]  # new text, span start, span end


def put(text: str, snippet: str, rng: random.Random, at_sentence: bool = False) -> Injection:
    """Insert `snippet` at a random word (or sentence) boundary of `text`."""
    if at_sentence:
        cuts = [i + 2 for i in range(len(text) - 2) if text[i] in ".!?" and text[i + 1] == " "] + [len(text)]
        cut = rng.choice(cuts)
        prefix = text[:cut] + (" " if cut == len(text) and not text.endswith(" ") else "")
        return prefix + snippet + (" " if cut < len(text) else "") + text[cut:], len(prefix), len(prefix) + len(snippet)
    cuts = [i + 1 for i, c in enumerate(text) if c == " "]
    cut = rng.choice(cuts) if cuts else 0
    return text[:cut] + snippet + " " + text[cut:], cut, cut + len(snippet)


def brand(rng: random.Random) -> str:
    return rng.choice(BRANDS)


def inject_leakage(text: str, rng: random.Random) -> Injection:
    variant = rng.randrange(5)
    language = rng.choice(list(CONJUNCTIONS))
    if variant == 0:
        left, right = rng.sample(BRANDS + HANDLES, 2)
        word = CONJUNCTIONS[language]
        word = word.upper() if left.startswith("@") and right.startswith("@") and rng.random() < 0.5 else word
        new, start, _ = put(text, f"{left} {word} {right}", rng)
        return new, start + len(left) + 1, start + len(left) + 1 + len(word)
    if variant == 1:
        word = rng.choice(FUNCTION_WORDS[language])
        snippet = f"the launch {word} new model"
        new, start, _ = put(text, snippet, rng)
        return new, start + 11, start + 11 + len(word)
    if variant == 2:
        word = rng.choice(FOREIGN_WORDS[language])
        snippet = f"the {word}"
        new, start, end = put(text, snippet, rng)
        return new, start + 4, end
    if variant == 3:
        sentence = rng.choice(SENTENCES[language]).format(country=rng.choice(COUNTRIES), brand=brand(rng))
        return put(text, sentence, rng, at_sentence=True)
    new, start, end = put(text, f"¿{brand(rng)} is it cheap?", rng, at_sentence=True)
    return new, start, start + 1


def inject_locale(text: str, rng: random.Random) -> Injection:
    day, n = rng.randint(13, 28), rng.randint(2, 9)
    options = [
        f"this {rng.choice(WEEKDAYS)} ({rng.randint(1, 28)})", f"on {day}/{rng.randint(1, 12):02d}/202{n}",
        f"on {day} de {rng.choice(MONTHS_ES)}", f"on {day} of {rng.choice(MONTHS_EN)}",
        f"on {rng.choice(WEEKDAYS).lower()}", f"a {n},{rng.randint(1, 9)} inch screen",
        f"a battery of {n}.{rng.randint(100, 999)} mAh", f"{n},000 million dollars", f"$ {n}99",
        f"{n}99 €", f"US$ {n}9", f"R$ {n}.{rng.randint(100, 999)},00", f"the {n}º generation", f"{n}0 %",
        f"at {rng.randint(10, 20)}h{rng.choice(['00', '15', '30', '45'])}", "in EE. UU.", "the Sra. Martínez",
    ]
    return put(text, rng.choice(options), rng)


def inject_glued(text: str, rng: random.Random) -> Injection:
    variant = rng.randrange(4)
    if variant == 0:
        stem, suffix = rng.choice(PRODUCTS)
        snippet = f"{stem.strip()} {rng.randint(5, 15)}{suffix}"
        new, start, end = put(text, snippet, rng)
        return new, start + len(stem.strip()) + 1, end
    if variant == 1:
        snippet = f"the {rng.choice(['Galaxy', 'Pixel', 'Xperia', 'Snapdragon', 'Xiaomi', 'Android'])}" \
                  f"{rng.choice(['which', 'that', 'with', 'the', 'from', 'will'])}"
        new, start, end = put(text, snippet, rng)
        return new, start + 4, end
    if variant == 2:
        snippet = f"in {rng.choice(MONTHS_EN)}{rng.choice(['the', 'which', 'that', 'with'])}"
        new, start, end = put(text, snippet, rng)
        return new, start + 3, end
    cuts = [i for i in range(1, len(text) - 2) if text[i] == "." and text[i + 1] == " " and text[i + 2].isupper()
            and text[i - 1].islower() and text[i - 2].islower()]
    if not cuts:
        return inject_glued(text + " It was new. It was fast.", rng)
    cut = rng.choice(cuts)
    return text[:cut + 1] + text[cut + 2:], cut, cut + 1


def inject_punctuation(text: str, rng: random.Random) -> Injection:
    b, n = brand(rng), rng.randint(2, 9)
    options = [(f"({b} confirmed it", 0, 1), (f"“the best phone of {b}", 0, 1), ("“the best\" phone", 0, 11),
               ("the ((best)) phone", 4, 6), (f"the {b} phone , they said", len(b) + 10, len(b) + 12),
               ("the phone,, they said", 9, 11), ("S??o Paulo", 0, 4), ("«the best» phone", 0, 1),
               (f"the price : {n}99 euros", 9, 11), (f"the {b} phone..", len(b) + 10, len(b) + 12)]
    snippet, a, z = rng.choice(options)
    new, start, _ = put(text, snippet, rng)
    return new, start + a, start + z


def inject_encoding(text: str, rng: random.Random) -> Injection:
    words = ["café", "São", "Bogotá", "Málaga", "Zürich", "fiancé", "Peña", "Québec", "it’s", "“quoted”"]
    variant = rng.randrange(4)
    if variant == 0:
        word = rng.choice(words)
        broken = word.encode("utf-8").decode("cp1252", errors="replace")
        return put(text, broken, rng)
    if variant == 1:
        return put(text, rng.choice(["S\ufffdo Paulo", "caf\ufffd", "Bogot\ufffd"]), rng)
    if variant == 2:
        new, start, _ = put(text, "the\u200bphone", rng)
        return new, start + 3, start + 4
    return put(text, rng.choice(["&nbsp;", "&#8217;", "&amp;", "&quot;", "&#x2014;"]), rng)


def inject_boilerplate(text: str, rng: random.Random) -> Injection:
    line = rng.choice(BOILERPLATE).format(brand=brand(rng))
    if rng.random() < 0.5:
        return text + "\n\n" + line, len(text) + 2, len(text) + 2 + len(line)
    return line + "\n\n" + text, 0, len(line)


def inject_calque(text: str, rng: random.Random) -> Injection:
    snippet = rng.choice(CALQUES).format(brand=brand(rng), n=rng.randint(100, 900))
    return put(text, snippet, rng, at_sentence=snippet[0].isupper())


def inject_gender(text: str, rng: random.Random) -> Injection:
    sentence = rng.choice(PRONOUN_TEMPLATES).format(brand=brand(rng))
    new, start, _ = put(text, sentence, rng, at_sentence=True)
    pronoun = next(w for w in ("she", "his", "her", "he") if f" {w} " in sentence)
    offset = sentence.index(f" {pronoun} ") + 1
    return new, start + offset, start + offset + len(pronoun)


def inject_duplication(text: str, rng: random.Random) -> Injection:
    variant = rng.randrange(3)
    if variant == 0:
        word = rng.choice(["the", "a", "is", "to", "and", "of", "phone", "new"])
        new, start, end = put(text, f"{word} {word}", rng)
        return new, start, end
    sentences = [s for s in text.split(". ") if len(s.split()) >= 7]
    if variant == 1 and sentences:
        sentence = rng.choice(sentences).rstrip(".") + "."
        return text + " " + sentence, len(text) + 1, len(text) + 1 + len(sentence)
    words = text.split()
    cut = len(" ".join(words[: max(12, len(words) - rng.randint(3, 8))]))
    truncated = text[:cut].rstrip(" .,;:!?\"”’)")
    tail = truncated.rsplit(". ", 1)[-1]
    if len(tail.split()) < 8:
        truncated = truncated + " and the company also said that the new model would"
    return truncated, len(truncated) - 5, len(truncated)


def inject_inconsistency(text: str, rng: random.Random) -> Injection:
    stem, suffix = rng.choice(PRODUCTS)
    number = rng.randint(5, 24)
    good = f"{stem}{number} {suffix}"
    variants = [f"{stem}{number}{suffix}", f"{stem}{number}-{suffix}", f"{stem}{number} {suffix.upper()}",
                f"{stem}{number} {suffix.lower()}",
                f"{stem.strip()}{number} {suffix}" if stem.endswith(" ") else f"{stem} {number} {suffix}"]
    bad = rng.choice([v for v in variants if v != good])
    first = f"The {good} is fast."
    second = f"The {bad} is also cheap."
    third = f"Reviews of the {good} are good."
    body = f"{first} {text} {second} {third}"
    start = len(first) + 1 + len(text) + 1 + 4
    return body, start, start + len(bad)


CLASSES: dict[str, tuple[Callable[[str, random.Random], Injection], tuple[str, ...]]] = {
    "1 source-language leakage": (inject_leakage, ("TQ201", "TQ202", "TQ203", "TQ204", "TQ409")),
    "2 locale conventions": (inject_locale, ("TQ3",)),
    "3 glued words": (inject_glued, ("TQ402", "TQ403")),
    "4 punctuation debris": (inject_punctuation, ("TQ404", "TQ405", "TQ406", "TQ407", "TQ408", "TQ409")),
    "5 encoding damage": (inject_encoding, ("TQ70", "TQ408")),
    "6 page furniture": (inject_boilerplate, ("TQ601",)),
    "7 calques and false friends": (inject_calque, ("TQ5",)),
    "8 gender carried over": (inject_gender, ("TQ206",)),
    "9 duplication and truncation": (inject_duplication, ("TQ410", "TQ411", "TQ205")),
    # A form glued together ("S23Ultra") is reported by the glued-words rule, with the same fix.
    "10 inconsistent names": (inject_inconsistency, ("TQ105", "TQ402")),
}


def base_paragraphs() -> list[str]:
    texts = [text for _, text in human_talks()]
    texts += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "benchmarks" / "clean").glob("*.md"))]
    paragraphs = [p.strip() for t in texts for p in t.split("\n\n")]
    return [p for p in paragraphs if len(p.split()) >= 25 and not p.startswith(("#", "-", "*"))]


def main() -> None:
    trials = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    rng = random.Random(20261125)
    runner = rules_runner()
    paragraphs = base_paragraphs()
    rows, missed_examples = [], defaultdict(list)
    for name, (inject, codes) in CLASSES.items():
        hits = 0
        for trial in range(trials):
            text, start, end = inject(rng.choice(paragraphs), rng)
            result = runner.check_bytes(text.encode("utf-8"), f"trial-{trial}.txt")
            found = any(f.start < end and start < f.end and f.code.startswith(codes) for f in result.findings)
            hits += found
            if not found and len(missed_examples[name]) < 3:
                # The injected span only: its surroundings are evaluation-only text that the docs must not quote.
                missed_examples[name].append(repr(text[start:end]))
        rows.append((name, hits, trials))
        print(f"{name}: {hits}/{trials} = {hits / trials:.1%}", flush=True)
    table = "\n".join(f"| {name} | {hits}/{n} | {hits / n:.1%} | {'; '.join(missed_examples[name][:2])} |"
                      for name, hits, n in rows)
    lowest = min(hits / n for _, hits, n in rows)
    body = f"""Command: `.venv/bin/python benchmarks/recall.py {trials}`

Each class is injected {trials} times (seeded random generator: 20 brands, handles, products, numbers, dates and
five source languages; several variants per class, listed in `benchmarks/recall.py`) into a random paragraph of
clean English (the ref-B human translations of `../shared/data/wmt-mqm/dev.jsonl` and `benchmarks/clean/`).
An injection is caught when a finding of the class's rules overlaps the injected span. Default configuration, no
source language configured, grammar off.

| class | caught | recall | some misses |
|---|---:|---:|---|
{table}

Lowest class recall: {lowest:.1%} (target: at least 90% per class).
"""
    write_section("Recall on injected artifacts (issue 3)", body)


if __name__ == "__main__":
    main()
