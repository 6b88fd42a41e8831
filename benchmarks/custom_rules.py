"""tqcheck's own LanguageTool rules (TQ840, grammar_custom.xml) on the real data, one rule id at a time.

Run: python benchmarks/custom_rules.py   (starts one LanguageTool server with tqcheck's class path and asks it for the
custom rules only; a few minutes on a loaded machine)

- real-mt: per rule, findings on a gold span, judged true, judged false, unjudged (benchmarks/judgements/
  real-mt-grammar.jsonl), for the design half (odd articles: 1st, 3rd..., index 0, 2...) and the check half;
- clean-en (human English): findings judged true / false / unjudged (benchmarks/judgements/clean-en-grammar.jsonl);
- WMT MQM dev: findings, hits on human error spans and the ratio to chance, half A (talks 2, 5) and half B.
Prints numbers, offsets and rule ids only; `--list` also prints each unjudged finding with its context (never
committed) to judge it.
"""

from __future__ import annotations

import argparse
import sys
import urllib.parse
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from agreement import Tally, chance, load, overlaps  # noqa: E402
from grammar_runs import REAL_MT, documents  # noqa: E402
from judged import JUDGEMENTS, SHARED, digest, load_judgements  # noqa: E402
from real_mt import load_gold  # noqa: E402

from tqcheck.defaults import GRAMMAR_CHUNK, LANGUAGETOOL_VERSION  # noqa: E402
from tqcheck.grammar.chunks import chunks  # noqa: E402
from tqcheck.grammar.custom_rules import rule_ids  # noqa: E402
from tqcheck.grammar.install import find_installation  # noqa: E402
from tqcheck.grammar.server import LanguageToolServer, http_json  # noqa: E402

CLEAN_EN = SHARED / "data" / "clean-en"


def custom_matches(check: str, text: str) -> list[tuple[int, int, str]]:
    """(start, end, rule id) of the custom rules' matches in `text`, in code points."""
    found = []
    for offset, piece in chunks(text, GRAMMAR_CHUNK):
        units = piece.encode("utf-16-le")
        point = lambda unit: len(units[:2 * unit].decode("utf-16-le"))  # noqa: E731 (LanguageTool counts UTF-16)
        answer = http_json(check, {"language": "en-US", "text": piece, "enabledRules": ",".join(rule_ids()),
                                   "enabledOnly": "true"}, timeout=600)
        found += [(offset + point(m["offset"]), offset + point(m["offset"] + m["length"]), m["rule"]["id"])
                  for m in answer["matches"]]
    return found


def verdict_cell(counts: dict[str, int]) -> str:
    """`gold/true/false/unjudged` of one rule on one corpus half."""
    return "/".join(str(counts.get(k, 0)) for k in ("gold", "true", "false", "unjudged"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", action="store_true", help="print unjudged findings with their context")
    args = parser.parse_args()
    with LanguageToolServer(find_installation(LANGUAGETOOL_VERSION).jar, options={"maxCheckThreads": 2}) as server:
        check = urllib.parse.urljoin(server.url, "check")
        real = {name: (text, custom_matches(check, text)) for name, (text, _) in documents("real-mt").items()}
        clean = {p.name: (t, custom_matches(check, t)) for p in sorted(CLEAN_EN.glob("*.txt"))
                 for t in [p.read_text(encoding="utf-8")]}
        wmt = {name: custom_matches(check, text) for name, (text, _) in documents("wmt-mqm").items()}

    table: dict[str, dict[str, dict[str, int]]] = defaultdict(lambda: defaultdict(lambda: defaultdict(int)))
    verdicts = {j.key: j.verdict for path in ("real-mt.jsonl", "real-mt-grammar.jsonl", "clean-en-grammar.jsonl")
                for j in load_judgements(JUDGEMENTS / path)}
    gold = defaultdict(list)
    for record in load_gold(REAL_MT / "gold.jsonl", {name: text for name, (text, _) in real.items()}):
        gold[record.file].append(record)
    unjudged = []
    for corpus, found in (("real-mt", real), ("clean-en", clean)):
        for index, (name, (text, matches)) in enumerate(sorted(found.items())):
            half = "clean-en" if corpus == "clean-en" else ("design" if index % 2 == 0 else "check")
            for start, end, rule in matches:
                verdict = verdicts.get((name, start, end, digest(text[start:end])))
                kind = ("gold" if any(g.start < end and start < g.end for g in gold.get(name, ())) else
                        "true" if verdict is True else "false" if verdict is False else "unjudged")
                table[rule][half][kind] += 1
                if kind == "unjudged":
                    unjudged.append(f"{corpus} {name} {start} {end} TQ840 {digest(text[start:end])} {rule}"
                                    + (f" :: {text[max(0, start - 80):start]!r} [[{text[start:end]}]] "
                                       f"{text[end:end + 50]!r}" if args.list else ""))

    layout = defaultdict(list)
    for item in load():
        layout[f"{item.system}/{item.doc}.txt"].append(item)
    mqm: dict[str, dict[str, Tally]] = defaultdict(lambda: defaultdict(Tally))
    for name, matches in wmt.items():
        offset, placed = 0, []
        for item in sorted(layout[name], key=lambda i: i.doc_seg_id):
            placed.append((offset, item))
            offset += len(item.target) + 2  # segments are paragraphs (grammar_runs.documents)
        for start, end, rule in matches:
            at, item = max((p for p in placed if p[0] <= start), key=lambda p: p[0])
            begin, stop = start - at, min(end - at, len(item.target))
            mqm[rule][item.half].add(overlaps(begin, stop, item.spans), chance(stop - begin, len(item.target),
                                                                                 item.spans))

    print("| rule | real-mt design half (odd articles): gold/true/false/unjudged | real-mt check half (even) "
          "| clean-en: gold/true/false/unjudged | WMT MQM half A: findings, hits | half B: findings, hits |")
    print("|---|---:|---:|---:|---:|---:|")
    for rule in rule_ids():
        cells = [verdict_cell(table[rule][half]) for half in ("design", "check", "clean-en")]
        cells += [f"{mqm[rule][h].findings}, {mqm[rule][h].hits}" for h in ("A", "B")]
        print(f"| `{rule}` | " + " | ".join(cells) + " |")
    print("\n".join(unjudged))


if __name__ == "__main__":
    main()
