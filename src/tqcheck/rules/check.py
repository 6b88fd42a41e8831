"""What every check is: something built from a rule that reads prose and emits hits."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from ..documents.prose import Prose
from ..findings import Hit


class Check(Protocol):
    """Anything that reads prose and emits hits."""

    def find(self, prose: Prose) -> Iterable[Hit]:
        """Hits in prose offsets."""
