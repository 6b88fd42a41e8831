"""The README's rule table agrees with `tqcheck rules --format json`: every code, category and severity."""

from __future__ import annotations

import json
import re

from conftest import ROOT

_ROW = re.compile(r"^\| (TQ[0-9][^|]*?) \| ([^|]+?) \| ([^|]+?) \|", re.M)


def _codes(cell: str) -> list[str]:
    """`TQ302-TQ304, TQ516` -> TQ302, TQ303, TQ304, TQ516."""
    codes = []
    for part in cell.split(","):
        first, _, last = part.strip().partition("-")
        low, high = int(first[2:]), int((last or first)[2:])
        assert low <= high, cell
        codes += [f"TQ{number}" for number in range(low, high + 1)]
    return codes


def _rows() -> list[tuple[list[str], str, set[str]]]:
    """(codes, category pattern, severities) of each row of the table under 'What it catches'."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## What it catches"):readme.index("### How well it works")]
    return [(_codes(cell), category, {s.strip() for s in severities.split(",")})
            for cell, category, severities in _ROW.findall(section)]


def test_readme_rule_table_matches_the_rules(cli) -> None:
    rules = {r["code"]: r for r in json.loads(cli("rules", "--format", "json").stdout) if r["origin"] != "grammar"}
    rows = _rows()
    in_table = [code for codes, _, _ in rows for code in codes]
    assert sorted(in_table) == sorted(rules), "codes in the README's table and in `tqcheck rules` differ"
    for codes, category, severities in rows:
        for code in codes:
            if category.endswith("/..."):
                assert rules[code]["category"].startswith(category.removesuffix("...")), code
            else:
                assert rules[code]["category"] == category, code
        assert {rules[code]["severity"] for code in codes} == severities, f"severities of {codes}"
