"""What every check is: something built from a rule that reads prose and emits hits."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from ..documents.prose import Prose
from ..findings import Hit


class Check(Protocol):
    """Anything that reads prose and emits hits.

    A check's `functools.cached_property` values depend only on what it was built from: the engine store works
    them out before it pickles the checks (engine_store._work_out), and a loaded check starts with them.
    """

    def find(self, prose: Prose) -> Iterable[Hit]:
        """Hits in prose offsets."""
