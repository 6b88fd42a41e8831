"""Talk to LanguageTool through language-tool-python, from several threads at once."""

from __future__ import annotations

import http.client
import json
import threading
import urllib.parse

from language_tool_python import LanguageTool
from language_tool_python.exceptions import LanguageToolError
from language_tool_python.match import Match

# language-tool-python's Match converts offsets with class-level state: build Matches one thread at a time.
_MATCH_LOCK = threading.Lock()
_FORM = {"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"}
# Comma lists that language-tool-python joins from sets, in an order that changes with each process's hash seed.
_LISTS = ("disabledRules", "enabledRules", "disabledCategories", "enabledCategories", "preferredVariants")


class HTTPStatusError(LanguageToolError):
    """The server answered a request with an error status: a problem with that request, not a dead server."""

    def __init__(self, status: int, body: str):
        super().__init__(f"HTTP {status}: {body}")
        self.status = status


class ConcurrentLanguageTool(LanguageTool):
    """A LanguageTool client whose HTTP requests may overlap; language-tool-python builds the request parameters
    and the Match objects (one thread at a time).

    Requests go through http.client on a fresh connection each (LanguageTool's server answers kept-alive
    connections slowly), which costs far less CPU per request than a requests session.
    """

    timeout: float = LanguageTool._TIMEOUT  # seconds to wait for one answer
    # A Ctrl-C inside LanguageTool.__init__ leaves an object without `_server`; its __del__ reads it (a traceback
    # at exit otherwise).
    _server = None

    def _post(self, path: str, body: bytes) -> dict:
        parts = urllib.parse.urlsplit(self._url)
        factory = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
        connection = factory(parts.hostname, parts.port, timeout=self.timeout)
        try:
            connection.request("POST", path, body, _FORM)
            response = connection.getresponse()
            payload = response.read()
        finally:
            connection.close()
        if response.status != 200:
            first = payload.decode(errors="replace").strip().splitlines()[:1]
            raise HTTPStatusError(response.status, (first[0] if first else "")[:200])
        return json.loads(payload)

    def _create_params(self, text: str) -> dict[str, str]:
        """language-tool-python's parameters with every comma list sorted.

        LanguageTool's server keeps its rule pipelines keyed by the lists as sent: a new order builds new pipelines
        (~50 ms of server CPU each, for every request thread), so every run and process sends the same order.
        """
        params = super()._create_params(text)
        for name in _LISTS:
            if name in params:
                params[name] = ",".join(sorted(params[name].split(",")))
        return params

    def check(self, text: str) -> list[Match]:
        path = urllib.parse.urlsplit(urllib.parse.urljoin(self._url, "check")).path
        body = urllib.parse.urlencode(self._create_params(text)).encode("utf-8")
        matches = self._post(path, body)["matches"]
        with _MATCH_LOCK:
            return [Match(match, text) for match in matches]


def connect(url: str, language: str, mother_tongue: str | None = None,
            disabled_rules: list[str] = (), timeout: float | None = None) -> ConcurrentLanguageTool:
    """A client for the server at `url` (a base URL; `/v2/` is added by language-tool-python)."""
    base = url.split("/v2/")[0] + "/"
    tool = ConcurrentLanguageTool(language, remote_server=base)
    if timeout is not None:
        tool.timeout = timeout
    if mother_tongue:
        tool.mother_tongue = mother_tongue
    tool.disabled_rules.update(disabled_rules)
    return tool


__all__ = ["ConcurrentLanguageTool", "HTTPStatusError", "LanguageToolError", "connect"]
