"""Error types and the documented exit codes."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Process exit codes, documented in the README."""

    OK = 0
    FAILED = 1
    USAGE = 2
    GRAMMAR_UNAVAILABLE = 3
    INTERNAL = 4


class TqcheckError(Exception):
    """An error the user can act on: always shown as `path:line:column: message`, never as a traceback."""

    exit_code = ExitCode.USAGE

    def __init__(self, message: str, path: str | None = None, line: int | None = None, column: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.column = column

    def location(self) -> str:
        """The `path:line:column` prefix, as much of it as is known."""
        parts = [p for p in (self.path, self.line, self.column) if p is not None]
        return ":".join(str(p) for p in parts)

    def __str__(self) -> str:
        where = self.location()
        return f"{where}: {self.message}" if where else self.message


class ConfigError(TqcheckError):
    """A broken config, glossary or rule pack."""


class InputError(TqcheckError):
    """A file that cannot be read or decoded."""


class GrammarRequestFailed(TqcheckError):
    """LanguageTool answered one request with an error, or not in time: that file goes without grammar."""

    exit_code = ExitCode.GRAMMAR_UNAVAILABLE


class RuleTimeout(TqcheckError):
    """A rule that ran past its time limit on one document; the rule is skipped there, the rest goes on."""

    def __init__(self, code: str, where: str, seconds: float, document: str = "<text>"):
        super().__init__(f"rule {code} took longer than {seconds:g} s on {document}")
        self.code, self.where, self.seconds = code, where, seconds

    def on(self, document: str) -> "RuleTimeout":
        """The same timeout, naming the document it happened on."""
        return RuleTimeout(self.code, self.where, self.seconds, document)

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message
