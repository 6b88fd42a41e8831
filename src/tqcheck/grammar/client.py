"""Talk to LanguageTool's HTTP API (`/v2/check`, `/v2/languages`) from several threads at once."""

from __future__ import annotations

import http.client
import json
import re
import unicodedata
import urllib.parse
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass

_FORM = {"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"}
# Runs of bytes that urllib.parse.quote_plus escapes (a space becomes '+' instead).
_ESCAPED = re.compile(rb"[^A-Za-z0-9_.~ -]+")
# Characters that take two UTF-16 units: LanguageTool counts offsets in UTF-16 units, Python in characters.
_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")
_LANGUAGE = re.compile(r"^([a-z]{2,3})(?:[_-]([a-z]{2}))?$", re.I)


class HTTPStatusError(Exception):
    """The server answered a request with an error status: a problem with that request, not a dead server."""

    def __init__(self, status: int, body: str):
        super().__init__(f"HTTP {status}: {body}")
        self.status = status


@dataclass(slots=True)
class Match:
    """What tqcheck reads of one LanguageTool match; `offset` counts Python characters."""

    rule_id: str
    category: str
    rule_issue_type: str
    message: str
    replacements: list[str]
    offset: int
    error_length: int


def form_value(value: str) -> bytes:
    """`value` as `urllib.parse.quote_plus` encodes it, without a Python call per byte of prose."""
    return _ESCAPED.sub(_percent, value.encode()).replace(b" ", b"+")


def _percent(run: re.Match) -> bytes:
    return ("%" + run[0].hex("%").upper()).encode()


def check_fields(language: str, mother_tongue: str | None = None, disabled_rules: Iterable[str] = (),
                 disabled_categories: Iterable[str] = (), enabled_categories: Iterable[str] = (),
                 enabled_only: bool = False, picky: bool = False) -> dict[str, str]:
    """The parameters of a check besides its text, each list sorted.

    LanguageTool's server keeps its rule pipelines keyed by the lists as sent: a new order builds new pipelines
    (~50 ms of server CPU each, for every request thread), so every run and process sends the same order.
    """
    fields = {"language": language}
    if mother_tongue:
        fields["motherTongue"] = mother_tongue
    if disabled_rules:
        fields["disabledRules"] = ",".join(sorted(set(disabled_rules)))
    if enabled_only:
        fields["enabledOnly"] = "true"
    if disabled_categories:
        fields["disabledCategories"] = ",".join(sorted(set(disabled_categories)))
    if enabled_categories:
        fields["enabledCategories"] = ",".join(sorted(set(enabled_categories)))
    if picky:
        fields["level"] = "picky"
    return fields


def language_tag(tag: str, languages: Iterable[str]) -> str:
    """The server's spelling of a language tag ('en_us' -> 'en-US'; 'de-XX' -> 'de'); ValueError if it has none."""
    known = {language.lower().replace("-", "_"): language for language in languages}
    found = known.get(tag.lower().replace("-", "_"))
    if found is None and (parts := _LANGUAGE.match(tag)):
        found = known.get(parts.group(1).lower())
    if not tag or found is None:
        raise ValueError(f"unsupported language: {tag!r}")
    return found


class Client:
    """Checks with one set of parameters against one server; threads share it (a fresh connection a request:
    LanguageTool's server answers kept-alive connections slowly)."""

    def __init__(self, url: str, fields: dict[str, str], timeout: float):
        self.url = url  # ends with /v2/
        self.fields = fields
        self.timeout = timeout  # seconds to wait for one answer
        self._parts = urllib.parse.urlsplit(url)
        # The parameters are the same for every text: encoded once.
        self._head = urllib.parse.urlencode(fields).encode() + b"&text="

    def check(self, text: str) -> list[Match]:
        """LanguageTool's matches for `text`."""
        answer = self._request("POST", "check", self._head + form_value(text))
        return matches(answer["matches"], text)

    def languages(self) -> set[str]:
        """Every language code the server knows, short and long ('en', 'en-US'), and 'auto'."""
        found = {"auto"}
        for language in self._request("GET", "languages"):
            found.update((language.get("code"), language.get("longCode")))
        return found

    def _request(self, method: str, name: str, body: bytes | None = None):
        parts = self._parts
        factory = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
        connection = factory(parts.hostname, parts.port, timeout=self.timeout)
        try:
            connection.request(method, parts.path + name, body, _FORM if body is not None else {})
            response = connection.getresponse()
            payload = response.read()
        finally:
            connection.close()
        if response.status != 200:
            first = payload.decode(errors="replace").strip().splitlines()[:1]
            raise HTTPStatusError(response.status, (first[0] if first else "")[:200])
        return json.loads(payload)


def matches(answers: list[dict], text: str) -> list[Match]:
    """Matches from a `/v2/check` answer on `text`, their offsets in Python characters and their messages in NFKC
    (as language-tool-python gave them)."""
    # UTF-16 positions of the characters LanguageTool counts twice: one fewer character from each one before.
    doubled = [found.start() + n for n, found in enumerate(_ASTRAL.finditer(text))] if not text.isascii() else []
    found = []
    for answer in answers:
        # The length counts UTF-16 units too (language-tool-python left it so, reaching past a match over an emoji).
        start, end = answer["offset"], answer["offset"] + answer["length"]
        start, end = start - bisect_left(doubled, start), end - bisect_left(doubled, end)
        found.append(Match(answer["rule"]["id"], answer["rule"]["category"]["id"], answer["rule"]["issueType"],
                           unicodedata.normalize("NFKC", answer["message"]),
                           [r["value"] for r in answer["replacements"]], start, end - start))
    return found


__all__ = ["Client", "HTTPStatusError", "Match", "check_fields", "form_value", "language_tag", "matches"]
