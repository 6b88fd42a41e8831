"""Finding identities that survive text moving: no line or offset goes in, only what was flagged."""

from __future__ import annotations

import hashlib
from collections import Counter

from ..findings import Finding

VERSION = "tqcheck/v1"


def fingerprints(findings: list[Finding]) -> list[str]:
    """One key per finding: rule code, flagged text (white space collapsed) and its occurrence number in the file."""
    seen: Counter[tuple[str, str]] = Counter()
    keys = [""] * len(findings)
    for index in sorted(range(len(findings)), key=lambda i: (findings[i].start, findings[i].end, findings[i].code)):
        finding = findings[index]
        flagged = " ".join(finding.text.split())
        seen[finding.code, flagged] += 1
        identity = f"{finding.code}\0{flagged}\0{seen[finding.code, flagged]}"
        keys[index] = hashlib.sha256(identity.encode()).hexdigest()[:32]
    return keys
