"""Where each report goes: `--format` to standard output, `--output [FORMAT=]PATH` to files, one per format."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ..errors import TqcheckError
from .emitters import EMITTERS


@dataclass(frozen=True)
class Output:
    """One report to write: its format, and its file (None: standard output)."""

    format: str
    path: Path | None = None


def plan(default_format: str, values: tuple[str, ...] | list[str]) -> list[Output]:
    """Outputs for `--format` and the `--output` values; a bare PATH takes `--format` instead of standard output."""
    outputs: list[Output] = []
    bare: list[str] = []
    for value in values:
        name, sep, path = value.partition("=")
        if sep and name in EMITTERS:
            outputs.append(Output(name, _file(path, name)))
        else:
            bare.append(value)
    if len(bare) > 1:
        raise TqcheckError(f"more than one --output without a format ({', '.join(bare)}); "
                         f"name the format: --output FORMAT=PATH with FORMAT one of {', '.join(EMITTERS)}")
    stdout = Output(default_format, _file(bare[0], default_format) if bare else None)
    outputs.insert(0, stdout)
    paths = [o.path for o in outputs if o.path is not None]
    if len(set(paths)) < len(paths):
        raise TqcheckError("two --output reports would go to the same file")
    return outputs


def _file(value: str, format_name: str) -> Path:
    """The file for a path; a folder (existing, or created when written with a trailing slash) gets the format's file
    name."""
    if not value:
        raise TqcheckError(f"--output {format_name}= needs a path")
    if value.endswith(("/", os.sep)) or Path(value).is_dir():
        Path(value).mkdir(parents=True, exist_ok=True)
        return Path(value) / EMITTERS[format_name].file_name
    return Path(value)
