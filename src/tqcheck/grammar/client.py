"""Talk to LanguageTool through language-tool-python, from several threads at once."""

from __future__ import annotations

import threading
import urllib.parse

from language_tool_python import LanguageTool
from language_tool_python.exceptions import LanguageToolError
from language_tool_python.match import Match

# language-tool-python's Match converts offsets with class-level state: build Matches one thread at a time.
_MATCH_LOCK = threading.Lock()


class ConcurrentLanguageTool(LanguageTool):
    """A LanguageTool client whose HTTP requests may overlap; only Match construction is serialised."""

    def check(self, text: str) -> list[Match]:
        url = urllib.parse.urljoin(self._url, "check")
        response = self._query_server(url, self._create_params(text), method="post")
        with _MATCH_LOCK:
            return [Match(match, text) for match in response["matches"]]


def connect(url: str, language: str, mother_tongue: str | None = None,
            disabled_rules: list[str] = ()) -> ConcurrentLanguageTool:
    """A client for the server at `url` (a base URL; `/v2/` is added by language-tool-python)."""
    base = url.split("/v2/")[0] + "/"
    tool = ConcurrentLanguageTool(language, remote_server=base)
    if mother_tongue:
        tool.mother_tongue = mother_tongue
    tool.disabled_rules.update(disabled_rules)
    return tool


__all__ = ["ConcurrentLanguageTool", "LanguageToolError", "connect"]
