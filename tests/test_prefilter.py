"""The Hyperscan prefilter of pattern rules (rules/prefilter.py, rules/pattern_scan.py) skips a rule on a text only
when its regex cannot match there: a wrong prefilter would silently drop findings, so every text a pattern matches
must be found by its prefilter too."""

from __future__ import annotations

from pathlib import Path

import pytest
import regex
from hypothesis import HealthCheck, given, settings, strategies as st

from tqcheck.rules.packs import builtin_pack_names, load_pack
from tqcheck.rules.pattern_scan import PatternScan
from tqcheck.rules.prefilter import FOLDS_TO_ASCII, ascii_bytes, prefilter
from test_literals import _texts  # the rules' examples, cut and recombined

PATTERNS = [(rule.code, rule.pattern, rule.ignore_case,
             [e.text for e in rule.examples.fail_examples() + rule.examples.pass_examples()])
            for name in builtin_pack_names() for rule in load_pack(name).spec.rules if rule.kind == "pattern"]
# Characters that behave differently in the two engines or in UTF-8: non-ASCII letters, the three that fold to
# ASCII letters, typographic punctuation, spaces and line breaks of every kind.
ALPHABET = "abcikKsSIeé’“”—İſKıß Σσς.,;:!? \t\n\r\x85\xa0\u2028015_-()[]º°\ufeff中"


def _matches(expression: bytes, text: str) -> bool:
    """Whether the prefilter finds the text, scanned as a run scans it."""
    scan = PatternScan()
    return scan.add(expression, "test") in scan.found(text)


def _matched(compiled: regex.Pattern, text: str) -> bool:
    """Whether a rule would see a match: it skips empty ones."""
    return any(match.end() > match.start() for match in compiled.finditer(text))


def _compiles(expression: bytes) -> bool:
    """Whether Hyperscan takes the expression with a run's flags (else the rule just always runs)."""
    scan = PatternScan()
    return scan.usable(scan.add(expression, "test"))


def test_the_characters_that_fold_to_ascii_letters_are_all_known() -> None:
    everything = "".join(chr(c) for c in range(0x80, 0x110000) if not 0xD800 <= c < 0xE000)
    assert set(regex.findall(r"(?i)[a-zA-Z]", everything)) == set(FOLDS_TO_ASCII)
    for special, letter in FOLDS_TO_ASCII.items():
        assert regex.fullmatch(letter, special, regex.IGNORECASE)
    ascii_letters = "".join(map(chr, range(128)))
    assert set(regex.findall(r"(?i)[\x80-\U0010ffff]", ascii_letters)) == {
        c for letter in FOLDS_TO_ASCII.values() for c in (letter.lower(), letter.upper())}


@pytest.mark.parametrize("pattern, ignore_case, text", [
    (r"\b[a-z]+stanbul", True, "\u0130stanbul"),
    (r"[a-z]elvin", True, "\u212aelvin"),
    (r"[kx]elvin", True, "\u212aelvin"),
    (r"(?i:[a-z]+)ong", False, "\u017fong"),
    (r"[ış]stanbul", True, "Istanbul"),
    (r"(?i)ı", False, "I"),
    (r"(?i)I", False, "ı"),
])
def test_a_class_ignoring_case_holds_the_letters_that_fold_to_its_ascii_ones(pattern: str, ignore_case: bool,
                                                                              text: str) -> None:
    assert regex.search(pattern, text, regex.IGNORECASE if ignore_case else 0)
    expression = prefilter(pattern, ignore_case)
    assert expression is not None and _matches(expression, text)


def test_a_text_is_read_one_byte_per_character() -> None:
    text = "Wi-Fi ’caf\u00e9’ 中文 \U0001F600 \ud800 end"
    data = ascii_bytes(text)
    assert len(data) == len(text)
    assert all(b == ord(c) for b, c in zip(data, text) if c.isascii())
    assert all(b >= 0x80 for b, c in zip(data, text) if not c.isascii())


@pytest.mark.parametrize("code, pattern, ignore_case, examples", PATTERNS, ids=[p[0] for p in PATTERNS])
def test_every_text_a_builtin_pattern_matches_is_found_by_its_prefilter(code: str, pattern: str, ignore_case: bool,
                                                                       examples: list[str]) -> None:
    expression = prefilter(pattern, ignore_case)
    if expression is None:
        pytest.skip("no prefilter for this pattern: it always runs")
    if not _compiles(expression):
        pytest.skip("Hyperscan does not take this prefilter: the pattern always runs")
    compiled = regex.compile(pattern, regex.MULTILINE | (regex.IGNORECASE if ignore_case else 0))
    matched = 0
    for text in _texts(examples):
        if _matched(compiled, text):
            matched += 1
            assert _matches(expression, text), text
    assert matched, "no example matched: the test proves nothing for this pattern"


def test_the_builtin_patterns_have_prefilters_hyperscan_takes() -> None:
    """Not a promise for every future rule (one without a prefilter just always runs), but today's all have one."""
    missing = [code for code, pattern, ignore_case, _ in PATTERNS
               if (expression := prefilter(pattern, ignore_case)) is None or not _compiles(expression)]
    assert missing == []


@pytest.mark.parametrize("pattern, skipped, found", [
    (r"\bcolou?r\b", "the colr", "a colour"),
    (r"(?<=\bsaid )that", "that said", "he said that"),  # a look-behind at the head is written in place
    (r"\bmount(?=[ \t]+chips?\b)", "mount the rack", "mount chips"),  # a look-ahead at the tail too
    (r"(?P<a>\p{Lu})(?P=a)\.", "Eu.", "EE.UU."),  # a back-reference: a text its group matches
    (r"^By[ \t]+\w+$", "Stand By me", "By Anna"),  # anchors where nothing comes before or after
    (r"[º°]C", "5 ’C", "5 °C"),  # non-ASCII characters are told apart (mostly)
    (r"(?i)kelvin", "celsius", "\u212aELVIN"),  # the Kelvin sign is a k when case is ignored
    (r"^^\w", " 0", "0"),  # one anchor written: Hyperscan refuses two
    (r"(?i)(?P<g>I)(?P=g)", "", "Iı"),  # ignoring case, a back-reference takes the dotless i for I
    (r"(?:(?P<n>a)|(?P<n>b))(?P=n)x", "bb", "bbx"),  # a name two groups share: any text for its reference
    (r"(?:(?P<n>a)|(?P<n>b))(c)\2", "cb", "bcc"),  # the regex module numbers both groups `n` alike
])
def test_invented_patterns_are_skipped_only_where_they_cannot_match(pattern: str, skipped: str, found: str) -> None:
    expression = prefilter(pattern, False)
    assert expression is not None
    assert regex.search(pattern, found, regex.MULTILINE) and _matches(expression, found)
    assert not regex.search(pattern, skipped, regex.MULTILINE) and not _matches(expression, skipped)


@pytest.mark.parametrize("pattern", [r"[[:alpha:]]+ing", r"(?:colour){e<=1}", r"\X\X", "\ue000x", r"a(?<n>b)",
                                     r"(?x)a{2 }b", r"(?x)a{2, 3}b"])
def test_syntax_python_reads_differently_gives_no_prefilter(pattern: str) -> None:
    assert prefilter(pattern, False) is None


def _atoms() -> st.SearchStrategy[str]:
    chars = st.sampled_from([regex.escape(c) for c in ALPHABET])
    classes = st.sampled_from([r"\w", r"\W", r"\d", r"\D", r"\s", r"\S", ".", r"\p{L}", r"\p{Lu}", r"\p{Ll}",
                               r"\P{L}", r"[a-k]", r"[^ab]", r"[^\p{L}]", r"[\p{Lu}\d]", r"[º°’]", r"[İ-ſ]",
                               r"[^\s’]", r"[K]", r"[\x80-\u2000]", r"\b", r"\B", "^", "$", r"\A", r"\Z"])
    return st.one_of(chars, classes)


def _pattern() -> st.SearchStrategy[str]:
    def extend(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
        return st.one_of(
            st.lists(inner, min_size=2, max_size=4).map("".join),
            st.tuples(inner, inner).map(lambda p: f"(?:{p[0]}|{p[1]})"),
            st.tuples(inner, st.sampled_from(["*", "+", "?", "{1,3}", "{2}", "*?", "++"])).map(
                lambda p: f"(?:{p[0]}){p[1]}"),
            st.tuples(st.sampled_from(["(?=", "(?!", "(?<=", "(?<!", "(?i:", "(?s:", "(?-i:", "(?>"]), inner).map(
                lambda p: f"{p[0]}{p[1]})"),
            inner.map(lambda p: f"(?P<g>{p})(?P=g)"),
        )
    return st.recursive(_atoms(), extend, max_leaves=8)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_pattern(), st.booleans(), st.lists(st.text(alphabet=ALPHABET, max_size=12), min_size=1, max_size=6))
def test_random_patterns_match_only_where_their_prefilter_does(pattern: str, ignore_case: bool,
                                                               texts: list[str]) -> None:
    try:
        compiled = regex.compile(pattern, regex.MULTILINE | (regex.IGNORECASE if ignore_case else 0))
    except regex.error:
        return
    expression = prefilter(pattern, ignore_case)
    if expression is None or not _compiles(expression):
        return
    for text in texts:
        if _matched(compiled, text):
            assert _matches(expression, text), (pattern, text, expression)


def test_a_scan_tells_which_expressions_match_and_which_hyperscan_refused() -> None:
    scan = PatternScan()
    colour = scan.add(prefilter(r"\bcolou?r\b", False), "one")
    empty = scan.add(prefilter(r"x*", False), "one")  # matches the empty text: Hyperscan refuses it
    dog = scan.add(prefilter(r"(?i)dogs?", False), "two")
    assert scan.found("A colour and a DOG.") == {colour, dog}
    assert scan.found("nothing here") == frozenset()
    assert scan.usable(colour) and scan.usable(dog) and not scan.usable(empty)


def _pattern_hits(monkeypatch, prefiltered: bool, texts: list[tuple[str, str]]) -> list[tuple]:
    """Every pattern rule's hits on the texts, in a default run with every built-in pack."""
    from tqcheck.app import build_checks
    from tqcheck.config import load_config
    from tqcheck.documents.loader import parse
    from tqcheck.rules.kinds import pattern
    from tqcheck.rules.kinds.pattern import PatternCheck

    with monkeypatch.context() as patched:
        if not prefiltered:
            patched.setattr(pattern, "prefilter", lambda *args: None)
        # Built here (not loaded from the checks stored between runs): the patch must reach the build.
        checks = [c for c in build_checks(load_config(None, {"grammar": False, "cache": False}))
                  if isinstance(c, PatternCheck)]
        assert all((c.scan_id is not None) == prefiltered for c in checks)
        proses = [(name, parse(text, name).prose) for name, text in texts]
        return [(name, h.rule.code, h.start, h.end, h.message, h.suggestions)
                for name, prose in proses for c in checks for h in c.find(prose)]


def test_a_run_finds_with_the_prefilters_exactly_what_it_finds_without(monkeypatch, tmp_path) -> None:
    import sys
    from pathlib import Path

    from conftest import ROOT, SHARED

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from corpus import write_corpus

    write_corpus(tmp_path, 40)
    files = sorted(tmp_path.glob("*.md")) + sorted((ROOT / "samples").glob("*.*"))
    shared = sorted((SHARED / "corpus" / "real-mt" / "articles").glob("*")) + sorted(
        (SHARED / "data" / "clean-en").glob("*.txt"))
    if not shared:
        print("SKIPPED PART: ../shared is not there; only generated articles and samples/ compared", file=sys.stderr)
    texts = [(path.name, Path(path).read_text(encoding="utf-8", errors="replace")) for path in files + shared]
    texts += [(f"{code}.txt", text) for code, _, _, examples in PATTERNS for text in _texts(examples)]
    fast = _pattern_hits(monkeypatch, True, texts)
    assert fast == _pattern_hits(monkeypatch, False, texts)
    assert len(fast) > 500


def _stored_database(monkeypatch, tmp_path) -> Path:
    """The file a first run keeps its database in, in a fresh cache folder."""
    monkeypatch.setenv("TQCHECK_CACHE_DIR", str(tmp_path))
    first = PatternScan()
    first.add(prefilter(r"\bcolou?r\b", False), "one")
    assert first.found("a colour") == {0}
    (stored,) = (tmp_path / "hyperscan").iterdir()
    return stored


def test_a_damaged_cached_database_is_built_again(monkeypatch, tmp_path) -> None:
    stored = _stored_database(monkeypatch, tmp_path)
    for damage in (b"not marshal", __import__("marshal").dumps(((0,), b"not a database")), b""):
        stored.write_bytes(damage)
        again = PatternScan()
        again.add(prefilter(r"\bcolou?r\b", False), "one")
        assert again.found("a colour") == {0} and again.found("a color") == {0} and again.found("colr") == set()
        assert stored.read_bytes() != damage  # built again and kept


def test_a_damaged_cached_database_in_a_read_only_folder_is_built_in_memory(monkeypatch, tmp_path) -> None:
    stored = _stored_database(monkeypatch, tmp_path)
    damage = __import__("marshal").dumps(((0,), b"not a database"))
    stored.write_bytes(damage)

    def read_only(*args, **kwargs):
        raise PermissionError("read-only folder")

    # The tests run as any user (root writes anywhere): the folder's refusals are made by hand.
    monkeypatch.setattr("pathlib.Path.unlink", read_only)
    monkeypatch.setattr("tempfile.NamedTemporaryFile", read_only)
    again = PatternScan()
    again.add(prefilter(r"\bcolou?r\b", False), "one")
    assert again.found("a colour") == {0} and again.found("colr") == set()
    assert stored.read_bytes() == damage


def test_a_database_compiled_another_way_is_not_loaded(monkeypatch) -> None:
    from tqcheck.rules import pattern_scan

    entries = [(0, prefilter(r"\bcolou?r\b", False))]
    before = pattern_scan._cache_path(entries)
    monkeypatch.setattr(pattern_scan, "_FORMAT", pattern_scan._FORMAT + "; streaming")
    assert pattern_scan._cache_path(entries) != before
