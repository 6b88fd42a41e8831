"""Grammar for tqcheck: find or start a LanguageTool server, check prose, restart the server if it dies."""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ..defaults import GRAMMAR_CHUNK, LANGUAGETOOL_HEAP, LANGUAGETOOL_TIMEOUT, LANGUAGETOOL_VERSION
from ..errors import GrammarRequestFailed
from ..findings import Hit
from ..languages import NGRAM_FALSE_FRIENDS, base
from .profiles import MT_REVIEW, Profile, profile as profile_named
from .paths import serve_state_file
from .server import GrammarUnavailable, LanguageToolServer, is_alive

if TYPE_CHECKING:  # a run answered from the result cache reads no prose (the readers import regex)
    from ..documents.prose import Prose

URL_ENVIRONMENT = "TQCHECK_LANGUAGETOOL_URL"
WARM_UP_TEXT = "This are a warm-up sentence for the the server."


def masked(prose: Prose) -> str:
    """Prose text with code, URLs, e-mail, handles and hashtags replaced by same-length neutral words."""
    if not prose.protected:
        return prose.text
    chars = list(prose.text)
    for span in prose.protected:
        length = span.end - span.start
        chars[span.start:span.end] = "X" + "x" * (length - 1)
    return "".join(chars)


def running_serve_url() -> str | None:
    """The URL of a `tqcheck languagetool serve` that is still answering, if any."""
    try:
        state = json.loads(serve_state_file().read_text())
    except (OSError, ValueError):
        return None
    url = state.get("url")
    return url if url and is_alive(url) else None


class GrammarService:
    """Where grammar comes from: a configured URL, a running `serve`, or an embedded server started on demand."""

    def __init__(self, language: str, url: str | None = None, version: str = LANGUAGETOOL_VERSION,
                 heap: str = LANGUAGETOOL_HEAP, options: dict | None = None, mother_tongues: list[str] = (),
                 disabled_rules: list[str] = (), timeout: float = LANGUAGETOOL_TIMEOUT, profile: Profile | None = None,
                 progress: Callable[[str], None] = lambda message: None):
        self.language = language
        self.configured_url = url or os.environ.get(URL_ENVIRONMENT) or None
        self.version = version
        self.heap = heap
        self.options = options or {}
        self.wanted_mother_tongues = list(mother_tongues)
        self.profile = profile or profile_named(MT_REVIEW)
        self.disabled_rules = list(disabled_rules) + [r for r in self.profile.disabled_rules if r not in disabled_rules]
        self.timeout = timeout
        self.progress = progress
        self.server: LanguageToolServer | None = None
        self.url: str | None = None
        self.source = ""
        self.mother_tongue: str | None = None
        self.language_tag = language  # the server's name for the language, known once connected
        self.notes: list[str] = []
        self._lock = threading.Lock()
        self._closed = False
        self._generation = 0
        self._clients: tuple | None = None

    def start(self) -> None:
        """Connect or start a server (installing LanguageTool first if needed); GrammarUnavailable if impossible."""
        with self._lock:
            self._refuse_if_closed()
            if self._clients is not None:
                return
            if self.configured_url:
                if not is_alive(_v2(self.configured_url)):
                    raise GrammarUnavailable(f"no LanguageTool server answers at {self.configured_url}")
                self.url, self.source = _v2(self.configured_url), "configured server"
            elif (serving := running_serve_url()) is not None:
                self.url, self.source = serving, "tqcheck languagetool serve"
            else:
                self.start_embedded()
            self.connect()

    def start_embedded(self) -> None:
        # Imported here and in `hits`, not at the top: the first request of a run against a running server needs
        # neither (together ~5 ms of start-up before it: shutil, zipfile, xml.etree).
        from .install import ProvisionError, find_installation, install

        installation = find_installation(self.version)
        if installation is None:
            self.progress(f"LanguageTool {self.version} is not installed yet; installing it (once)...")
            try:
                installation = install(self.version, progress=self.progress)
            except ProvisionError as error:
                raise GrammarUnavailable(str(error)) from None
        self.server = LanguageToolServer(installation.jar, self.heap, self.options)
        self.server.start()
        self.url, self.source = self.server.url, "embedded server"

    def connect(self) -> None:
        """(Re)create the clients for the current URL and warm the server up."""
        from .client import Client, check_fields, language_tag

        try:
            tags = Client(self.url, {}, self.timeout).languages()
            language = self.language_tag = language_tag(self.language, tags)
            main = Client(self.url, check_fields(language, disabled_rules=self.disabled_rules,
                                                 disabled_categories=self.profile.disabled_categories), self.timeout)
            languages = {tag.split("-")[0] for tag in tags}
            ngram_only = NGRAM_FALSE_FRIENDS.get(base(self.language), set())
            usable = [t for t in self.wanted_mother_tongues if t in languages and t not in ngram_only]
            self.mother_tongue = usable[0] if usable else None
            for wanted in self.wanted_mother_tongues:
                if wanted in ngram_only:
                    self.notes.append(f"LanguageTool's false friends for '{wanted}' need its n-gram data")
                elif wanted not in languages:
                    self.notes.append(f"false friends for '{wanted}' need LanguageTool's language-{wanted} module")
            false_friends = None
            if self.mother_tongue:
                false_friends = Client(self.url, check_fields(language, self.mother_tongue, enabled_only=True,
                                                              enabled_categories=["FALSE_FRIENDS"], picky=True),
                                       self.timeout)
            # A cold server loads its rules on the first check, which may take longer than the limit meant for
            # one file's text: the warm-up gets the default limit, so a short limit never costs the whole run.
            main.timeout = max(self.timeout, LANGUAGETOOL_TIMEOUT)
            main.check(WARM_UP_TEXT)
            main.timeout = self.timeout
        except Exception as error:  # connection refused, an error status, an answer that is not JSON...
            raise GrammarUnavailable(f"cannot use the LanguageTool server at {self.url}: {error}") from None
        self._clients = (main, false_friends)
        self._generation += 1

    def check_text(self, text: str) -> list:
        """LanguageTool matches for `text`; restarts a dead embedded server once per failure.

        An error answer, or no answer in time from a server that still answers, is this text's problem
        (GrammarRequestFailed): never a reason to restart the server or to stop grammar for other files.
        """
        from .client import HTTPStatusError

        for attempt in (1, 2):
            # After close (the run's end, Ctrl-C) a request in flight ends here: a long file's next piece is not
            # sent to a server tqcheck did not start (and so did not stop), which the exit would wait for.
            self._refuse_if_closed()
            generation = self._generation
            main, false_friends = self._clients
            try:
                matches = main.check(text)
                if false_friends is not None:
                    matches += false_friends.check(text)
                return matches
            except HTTPStatusError as error:
                raise GrammarRequestFailed(f"LanguageTool answered {error}") from None
            except Exception as error:  # connection reset, refused, timed out...
                if isinstance(error, TimeoutError) and is_alive(self.url, timeout=10.0):
                    raise GrammarRequestFailed(f"LanguageTool did not answer within {self.timeout:g} s") from None
                if attempt == 2 or self.server is None:
                    raise GrammarUnavailable(f"LanguageTool server failed: {error}") from None
                self.recover(generation)
        return []

    def rule_names(self) -> set[str]:
        """Every rule id and category the run's LanguageTool has for its language, tqcheck's own rules included;
        an embedded server's are asked once per LanguageTool version and then read from disk."""
        from ..files import keep
        from .install import find_installation
        from .rule_names import false_friend_names, own_names, server_names, stored, stored_path

        kept = None if self.configured_url else stored_path(self.version, self.language)
        if kept is not None and (names := stored(kept)) is not None:
            return names
        self.start()
        try:
            names = server_names(self.url, self.language_tag, max(self.timeout, LANGUAGETOOL_TIMEOUT)) | own_names()
        except (OSError, ValueError, KeyError, TypeError) as error:
            raise GrammarUnavailable(f"cannot ask the LanguageTool server at {self.url} which rules it has "
                                     f"(to check the config's grammar rule ids): {error}") from None
        if (installation := find_installation(self.version)) is not None:
            names |= false_friend_names(Path(installation.path))
        if kept is not None:
            keep(kept, json.dumps(sorted(names)))
        return names

    def recover(self, generation: int) -> None:
        """Restart the embedded server unless another thread already did."""
        with self._lock:
            self._refuse_if_closed()
            if generation != self._generation:
                return
            self.progress("LanguageTool server stopped answering; restarting it...")
            self.server.restart()
            self.url = self.server.url
            self.connect()

    def hits(self, prose: Prose) -> list[Hit]:
        """Grammar hits for a document's prose (protected spans are never sent; long prose goes in pieces)."""
        from .chunks import chunks  # regex: not needed by a run answered from the result cache
        from .mapping import is_indentation, to_hit

        if not prose.text.strip():
            return []
        found = []
        for offset, piece in chunks(masked(prose), GRAMMAR_CHUNK):
            matches = [match for match in self.check_text(piece) if not is_indentation(match, piece)]
            for hit in (to_hit(match, piece, self.profile.names_as_hints) for match in matches):
                hit.start, hit.end = hit.start + offset, hit.end + offset
                found.append(hit)
        return found

    def describe(self) -> str:
        """Where grammar came from, for the report."""
        where = f"LanguageTool via {self.source} at {self.url}, profile {self.profile.name}"
        if self.mother_tongue:
            where += f", false friends for mother tongue '{self.mother_tongue}'"
        notes = list(dict.fromkeys(self.notes))
        return where + (f" ({'; '.join(notes)})" if notes else "")

    def close(self) -> None:
        """Stop the embedded server, if tqcheck started one; no request starts one again (after Ctrl-C, requests
        still on the pool fail, and a server started by one would outlive the run)."""
        with self._lock:  # a restart under way finishes first, and its server is stopped here
            self._closed = True
            if self.server is not None:
                self.server.stop()

    def _refuse_if_closed(self) -> None:
        if self._closed:
            raise GrammarUnavailable("LanguageTool was stopped (the run ended or was interrupted)")


def _v2(url: str) -> str:
    base = url.rstrip("/")
    return base + "/" if base.endswith("/v2") else base + "/v2/"
