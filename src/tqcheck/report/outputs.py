"""Where each report goes: `--format` to standard output, `--output [FORMAT=]PATH` to files, one per format."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import TqcheckError
from .emitters import EMITTERS


# What reads as a mistyped FORMAT= rather than a file name with '=' in it: a bare word.
_FORMAT_LIKE = re.compile(r"[A-Za-z]+")


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
        elif sep and _FORMAT_LIKE.fullmatch(name):
            raise TqcheckError(_unknown_format(name, value))
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


def _unknown_format(name: str, value: str) -> str:
    """`unknown report format 'X' (did you mean 'Y'? ...)`, and how to name a file that holds '='."""
    from difflib import get_close_matches

    close = get_close_matches(name.lower(), list(EMITTERS), n=1, cutoff=0.5)
    hint = f"did you mean '{close[0]}'? " if close else ""
    return (f"--output: unknown report format '{name}' ({hint}formats: {', '.join(EMITTERS)}); "
            f"for a file whose name holds '=', write ./{value}")


def _file(value: str, format_name: str) -> Path:
    """The file for a path; a folder (existing, or created when written with a trailing slash) gets the format's file
    name."""
    if not value:
        raise TqcheckError(f"--output {format_name}= needs a path")
    if value.endswith(("/", os.sep)) or Path(value).is_dir():
        Path(value).mkdir(parents=True, exist_ok=True)
        return Path(value) / EMITTERS[format_name].file_name
    return Path(value)
