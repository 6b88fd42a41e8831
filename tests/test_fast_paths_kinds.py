"""Speed work in the rule kinds must not change output: each shared or fast path gives exactly what the plain way
gives (the regex pass it replaces), on random text full of the characters where the two could part."""

from __future__ import annotations

import random

import pytest
import regex

from tqcheck.documents.loader import parse
from tqcheck.documents.prose import WORD, Prose
from tqcheck.rules.kinds.gender_reference import _PRONOUN, pronouns
from tqcheck.rules.sentences import words_in
from tqcheck.rules.wordlist import zipf

# Pieces that sit on the edges of words and pronouns: joiners, case pairs, letters case-insensitive matching
# equates with ASCII (ſ, İ, K), combining marks, digits, underscores, curly quotes, no-break spaces, line breaks.
PIECES = ["he", "She", "HIS", "her", "hers", "Him", "himself", "HerSelf", "the", "shell", "hiſ", "İ", "ı", "K",
          "x", "ab", "Wi", "fi", "3", "_", "-", "'", "’", "‘", " ", " ", " ", "  ", "\u00a0", "\n", "\t", ".", ",",
          "\u0301", "é", "ß", "Σ", "ς", "“", "”", "(", ")", "²", "ª", "º"]


def _texts(count: int, seed: int = 3) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(PIECES) for _ in range(rng.randint(0, 120))) for _ in range(count)]


def _prose(text: str) -> Prose:
    return parse(text, "a.txt").prose


@pytest.mark.parametrize("letters", ["any", "no odd letters", "ASCII tokens"])
def test_pronouns_are_the_pronoun_pattern_s_matches(letters: str) -> None:
    for text in _texts(400):
        if letters != "any":
            text = text.replace("ſ", "s").replace("İ", "I")
        if letters == "ASCII tokens":  # the pronouns are then looked for among the tokens; the marks stay
            text = "".join(c for c in text if c.isascii() or not c.isalnum())
        prose = _prose(text)
        assert pronouns(prose) == [m.span() for m in _PRONOUN.finditer(prose.text)], repr(text)


def test_words_in_a_span_are_the_word_pattern_s_matches_there() -> None:
    rng = random.Random(5)
    for text in _texts(150) + _echo_texts(100, 41):
        prose = _prose(text)
        length = len(prose.text)
        for shared in ("none", "starts", "matches"):
            if shared == "starts":
                assert prose.word_starts is not None  # made: words_in now cuts the words where they start
            if shared == "matches":
                assert prose.word_matches is not None  # made: words_in now takes the words from the shared pass
            for _ in range(20):
                start = rng.randint(0, length)
                end = rng.randint(start, length)
                got = [(m.span(), m.group()) for m in words_in(prose, start, end)]
                assert got == [(m.span(), m.group()) for m in WORD.finditer(prose.text, start, end)], (text, start, end)


def test_shared_word_lists_are_the_plain_ones() -> None:
    for text in _texts(100) + _echo_texts(100, 43) + ["a\u2003b c", "x\x85y z", "ªb c-d", "a  b\tc", "it’s a-b"]:
        prose = _prose(text)
        assert prose.word_starts == [m.start() for m in WORD.finditer(prose.text)]
        assert prose.word_texts == WORD.findall(prose.text)
        assert [m.span() for m in prose.word_matches] == [m.span() for m in WORD.finditer(prose.text)]
        assert prose.word_folds == [prose.folded[m.start():m.end()] for m in WORD.finditer(prose.text)]


def test_lower_words_found_with_str_find_are_lower_word_s_matches() -> None:
    """Coined and foreign words are placed with `Prose.occurrences` where LOWER_WORD used to scan the whole text."""
    from tqcheck.rules.sentences import JOINED_TO_LOWER, LOWER_LETTERS, LOWER_WORD

    for text in _texts(300, seed=9):
        prose = _prose(text + " shell hershe he-he ſhe théhe")
        lower = {token for token in prose.tokens if LOWER_LETTERS.fullmatch(token)}
        expected = [(m.start(), m.group()) for m in LOWER_WORD.finditer(prose.text) if m.group() in lower]
        assert prose.occurrences(lower, JOINED_TO_LOWER) == expected, repr(text)


def test_coined_words_take_their_suspects_from_the_unknown_tokens() -> None:
    """Every token at or below the coined-words ceiling (rarer than the known words) is among the unknown tokens."""
    from tqcheck.rules.wordlist import KNOWN_WORD_ZIPF, known_words, table

    english, known = table("en"), known_words("en")
    prose = _prose("The electoralisms of the denouncers were reformulated, unbelievably, by the committee's staff.")
    assert all(english.get(word, 0.0) < KNOWN_WORD_ZIPF for word in prose.unknown(known))
    assert {word for word in prose.tokens if english.get(word, 0.0) < KNOWN_WORD_ZIPF} == prose.unknown(known)


def test_bracket_lookbacks_searched_near_the_mark_are_those_searched_from_the_start() -> None:
    """Emoticons and enumerators end where a bracket stands: searching the few characters before it is enough."""
    from tqcheck.rules.kinds.balance import _EMOTICON, _ENUMERATOR

    rng = random.Random(13)
    pieces = [":", ";", "=", "8", "-", "(", ")", "a", "b1", "\n", " ", "x y", "é", "\t", "Ⅻ"]
    for _ in range(400):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 30)))
        for index in range(len(text) + 1):
            assert bool(_EMOTICON.search(text, max(0, index - 3), index)) == bool(_EMOTICON.search(text, 0, index))
            assert bool(_ENUMERATOR.search(text, max(0, index - 4), index)) == \
                bool(_ENUMERATOR.search(text, 0, index)), (text, index)


def test_case_variants_find_lower_case_uses_only_of_words_written_as_a_lower_case_run() -> None:
    """The quick test `word in text` lets more pairs through than the set of lower-case runs it replaces; for those
    `lower_uses` finds nothing, so the hits are the same."""
    import regex

    from tqcheck.rules.context import BuildContext
    from tqcheck.rules.kinds.case_variants import _CAPITALISED, CaseVariantsCheck

    check = CaseVariantsCheck.__new__(CaseVariantsCheck)
    check.context = BuildContext()
    rng = random.Random(17)
    pieces = ["China ", "Mobile ", "mobile ", "china ", "MOBILE ", "Straße ", "straße ", "strasse ", "Ǆemal ",
              "ǆemal ", "x", "-", "_", "@", ". ", "\n", "\t", "mobiles ", "Mobiles ", "’", "İz ", "iz "]
    for _ in range(500):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(2, 25)))
        prose = _prose(text)
        runs = set(regex.findall(r"\p{Ll}{3,}", prose.text))
        for match in _CAPITALISED.finditer(prose.text):
            key = (match.group("previous").casefold(), match.group("word").casefold())
            if key[1] not in runs:
                assert check.lower_uses(prose.text, prose.folded, key) == [], (text, key)


def test_the_last_line_is_the_last_of_all_lines() -> None:
    """A tag line reads the article's last line without splitting every line before it."""
    from tqcheck.rules.sentences import last_line, lines

    rng = random.Random(19)
    pieces = ["a", "Tags", " ", "\t", "\n", "\r", "\r\n", "\n\n", "\u2028", "\x1c", "\x0b", "\u00a0", ".", "é"]
    for _ in range(2000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 16)))
        every = list(lines(text))
        assert last_line(text) == (every[-1] if every else None), repr(text)


def test_folding_keeps_word_characters_and_maps_only_ascii_to_the_pronoun_letters() -> None:
    """Why pronouns may be found in the folded text: for every code point, folding keeps whether it is a word
    character (the pattern's `\\b`), and only ASCII letters fold to the pronouns' letters (ſ and İ, which the pattern's
    case-insensitive matching also takes, send a text to the regex)."""
    import sys

    import regex

    from tqcheck.documents.prose import fold

    word = regex.compile(r"\w")
    for code in range(sys.maxunicode + 1):
        if 0xD800 <= code < 0xE000:
            continue
        char = chr(code)
        folded = fold(char)
        assert bool(word.match(char)) == bool(word.match(folded)), hex(code)
        if len(folded) == 1 and folded in "hesirmfl":
            assert char.lower() == folded and char.isascii(), hex(code)


# Pieces of sentences that repeat: case pairs, letters case folding changes (ß, İ, final sigma), every kind of white
# space (the separators \x1c-\x1f that only the standard engine calls space), sentence ends and closing quotes.
SENTENCE_PIECES = ["The", "the", "phone", "PHONE", "battery", "Straße", "strasse", "İz", "ΟΔΟΣ", "οδος", "is", "big",
                   "a", "-", " ", "  ", "\t", "\u00a0", "\u2003", "\x1c", "\x1f", "\x85", "\n", "\n\n", "\r", ".", "!",
                   "?", "…", "...", "\"", "”", "’", ")", "]", "0.5", "Dr.", "* ", "1) "]


def _sentence_texts(count: int, seed: int) -> list[str]:
    """Paragraphs made of a few sentences that come back, each time with its case, spaces or ending changed."""
    rng = random.Random(seed)
    spaces = [" ", " ", "  ", "\t", "\u00a0", "\u2003", "\x1c", "\x1f", "\x85", "\n", "\r", ""]
    pool = [[rng.choice(SENTENCE_PIECES) for _ in range(rng.randint(2, 9))] for _ in range(4)]
    paragraphs = []
    for _ in range(count):
        sentences = []
        for _ in range(rng.randint(1, 4)):
            words = [w.upper() if rng.random() < 0.1 else w for w in rng.choice(pool)]
            sentences.append("".join(w + rng.choice(spaces) for w in words) + rng.choice([".", "!", "", ".”", " ."]))
        paragraphs.append(rng.choice([" ", "  ", "\n"]).join(sentences))
    return paragraphs


def test_sentence_texts_are_the_sentence_pattern_s_matches() -> None:
    """The standard engine finds the sentences the `regex` module's pattern finds, separators or not."""
    from tqcheck.rules.sentences import sentence_texts, sentences

    plain = regex.compile(r"[^\s.!?…][^\n.!?…]*(?:[.!?…]+[\"'”’)\]]*)?")
    for seed in range(60):
        for text in _sentence_texts(20, seed):
            assert sentence_texts(text) == plain.findall(text), repr(text)
            expected = [(m.start(), m.start() + len(m.group().rstrip())) for m in plain.finditer(text)]
            assert list(sentences(text)) == expected, repr(text)


def test_repeated_text_skips_only_documents_without_a_repeated_key() -> None:
    """The quick test on keys (paragraphs and sentences of the joined texts) passes every document with a repeat."""
    from tqcheck.rules.kinds.repeated_text import RepeatedTextCheck

    check = RepeatedTextCheck.__new__(RepeatedTextCheck)
    check.window, check.scopes = 3000, {"paragraph", "list-item", "quote"}
    check.info, check.spec = None, type("Spec", (), {"message": "{what} {match}"})()
    skipped = repeated = 0
    for min_words in (1, 3, 6, 8):
        check.min_words = min_words
        for seed in range(60):
            texts = _sentence_texts(6, seed)
            prose = _prose("\n\n".join(texts))
            plain = [(hit.start, hit.end, hit.message) for hit in check.repeats(prose)]
            skipped += not check.may_repeat(prose)
            repeated += bool(plain)
            assert check.may_repeat(prose) or plain == [], texts
            assert [(hit.start, hit.end, hit.message) for hit in check.find(prose)] == plain
    assert skipped and repeated  # both ways are taken


def test_spaced_text_keeps_exactly_the_word_letters_and_digits() -> None:
    """Why the folded words may be split from the spaced text: for every code point but º and ª (which the reader
    sends to WORD), folding and spacing out leave a letter or digit and turn anything else into a space; and case
    folding a folded character gives what case folding the character gives (but for ’, folded to ')."""
    import sys

    import regex

    from tqcheck.documents.prose import fold, space_out

    word_character = regex.compile(r"[\p{L}\p{N}]")
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        if 0xD800 <= code < 0xE000 or char in "ºª":
            continue
        assert (not space_out(fold(char)).isspace()) == bool(word_character.match(char)), hex(code)
        if char not in "’‘\u00a0\t\n\r":
            assert fold(char).casefold() == char.casefold(), hex(code)


def test_words_with_a_frequency_fold_to_themselves() -> None:
    """Why echoes may be told from the folded words: every word of the English table is its own folded form."""
    from tqcheck.documents.prose import fold
    from tqcheck.rules.wordlist import table

    assert all(fold(word) == word for word in table("en"))


# Words that come back close together, in the shapes where the words split at white space differ from WORD's: after
# a bracket or before a full stop, joined by a hyphen or an apostrophe, cased differently, ß and ſ.
ECHO_PIECES = ["release", "Release", "RELEASE", "album", "the", "new", "mountain", "wasn't", "wasn’t", "wi-fi", "Wi-Fi",
               "straße", "strasse", "ſtrasse", "taken", "d", "7th", "quickly", "and", "to", "have", "be", "ſo", "so", "isn't",
               "isn’t", "ISN’T", "HAVE", "(", ")", ".", ",", "“", "”", "-", "'",
               "/", "ª", "º", " ", " ", " ", "  ", "\t", "\n", "\u00a0"]


def _echo_texts(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(ECHO_PIECES) + rng.choice([" ", " ", "", "  "]) for _ in range(rng.randint(0, 40)))
            for _ in range(count)]


def _plain_echoes(check, prose: Prose) -> list[tuple[int, int, str]]:
    """Echoes found as the kind found them before its quick paths: every WORD matched, compared word by word."""
    import regex

    gap, shortest = check.spec.options.gap, check.spec.options.min_length
    matches = list(WORD.finditer(prose.text))
    words = [m.group() for m in matches]
    found = []
    for index in range(len(words)):
        word = words[index]
        if len(word) < shortest or not word[0].islower() or word not in words[max(0, index - gap - 1):index - 1]:
            continue
        for earlier in range(max(0, index - gap - 1), index - 1):
            run = matches[earlier:index + 1]
            between = [m.group().casefold() for m in run[1:-1]]
            options = check.spec.options
            if words[earlier] != word or not 0 < zipf(word) < options.max_zipf \
                    or word.endswith(tuple(options.ignore_endings)) \
                    or not all(regex.fullmatch(" +", prose.text[a.end():b.start()]) for a, b in zip(run, run[1:])) \
                    or all(w == word for w in between):
                continue
            if any(w in check.separators and not (i + 1 < len(between) and between[i + 1]
                                                  in check.unless_before.get(w, ())) for i, w in enumerate(between)):
                continue
            message = check.spec.message.replace("{match}", prose.text[matches[earlier].start():matches[index].end()])
            found.append((matches[earlier].start(), matches[index].end(), message.replace("{w}", word)))
            break
    return found


def _plain_doubled(check, prose: Prose) -> list[tuple[int, int, str]]:
    """Doubled words found as the kind found them before its quick paths: every WORD matched and case-folded."""
    matches = list(WORD.finditer(prose.text))
    words = [m.group() for m in matches]
    found = []
    for index in range(1, len(words)):
        previous, match = matches[index - 1], matches[index]
        if words[index].casefold() == words[index - 1].casefold() \
                and prose.text[previous.end():match.start()] in (" ", "\t") \
                and check.is_slip(words[index], words[index - 2] if index > 1 else "", words[index - 1]):
            message = check.spec.message.replace("{match}", prose.text[previous.start():match.end()])
            found.append((previous.start(), match.end(), message.replace("{w}", words[index - 1])))
    return found


def test_echoed_and_repeated_words_are_those_of_the_word_by_word_way() -> None:
    """The quick tests on the folded words, and the words cut where the folded words stand, give the hits of every
    WORD matched and compared one by one."""
    from tqcheck.app import App
    from tqcheck.config import load_config

    checks = {type(check).__name__: check for check in App(load_config(None, {"grammar": False})).checker.checks}
    echoed, repeated = checks["EchoedWordCheck"], checks["RepeatedWordCheck"]
    found = {"echoes": 0, "doubled": 0}
    for seed in range(40):
        for text in _echo_texts(25, seed):
            prose = _prose(text)
            for name, check, plain in (("echoes", echoed, _plain_echoes), ("doubled", repeated, _plain_doubled)):
                expected = plain(check, prose)
                assert [(hit.start, hit.end, hit.message) for hit in check.find(prose)] == expected, repr(text)
                found[name] += len(expected)
    assert all(found.values()), found  # both kinds do find something here


# Names one letter apart (rare and common words, plurals), accented and not, the Kelvin sign that folds to k.
NAME_PIECES = ["Maria", "Lopes", "Lopez", "Lopess", "Lope", "Sanchez", "Sánchez", "Sanches", "Kowalski", "\u212aowalski",
               "Kowalsky", "Mario", "Anna", "Hanna", "Jong", "Jung", "Un", "-", "Samsung", "Samsong", "the", "said", "ª",
               "º", ".", ",", "\n", "ſ", "Straße", "Strasse", "Dmitri", "Dmitry"]


def test_name_variants_skip_only_documents_without_one() -> None:
    """The quick test (letters all ASCII and no two rare words one letter apart) passes every document where the
    name-by-name pass finds a variant."""
    from tqcheck.app import App
    from tqcheck.config import load_config
    from tqcheck.rules.kinds.name_variants import ascii_letters

    check = next(c for c in App(load_config(None, {"grammar": False})).checker.checks
                 if type(c).__name__ == "NameVariantsCheck")
    rng = random.Random(23)
    found = skipped = 0
    for _ in range(1500):
        text = " ".join(rng.choice(NAME_PIECES) for _ in range(rng.randint(0, 16)))
        prose = _prose(text)
        expected = [(hit.start, hit.end, hit.message) for hit in check.variants(prose)]
        assert [(hit.start, hit.end, hit.message) for hit in check.find(prose)] == expected, repr(text)
        found += bool(expected)
        skipped += not expected and ascii_letters(prose) and not check.may_have_close_names(prose)
    assert found and skipped, (found, skipped)



# Model names written several ways, numbers alone and in brackets, tokens long enough to cross the 40-character
# window, digits and letters that only some character classes take (², Arabic-Indic three, Roman twelve, º).
MODEL_PIECES = ["S23", "Ultra", "S23Ultra", "s23", "ultra", "Galaxy", "galaxy", "Gen", "2", "7th", "(2023)", "2023",
                "Pro", "the", "in", "a" * 45, "B" * 41 + "7", "-", " ", " ", "  ", "\n", ".", "_", "²", "٣", "Ⅻ", "º", "é",
                "X1", "x1", "Mate", "40", "Mate40", "mate"]


def test_inconsistency_finds_lone_numbers_without_their_windows() -> None:
    """A number with no name-like token joined to it gets its one window (itself) without the window's tokens: the
    hits are those of the window-by-window way."""
    from tqcheck.app import App
    from tqcheck.config import load_config
    from tqcheck.rules.kinds.inconsistency import InconsistencyCheck

    check = next(c for c in App(load_config(None, {"grammar": False})).checker.checks
                 if type(c).__name__ == "InconsistencyCheck")
    plain = InconsistencyCheck(check.spec, check.info, None)
    plain.joined_to_name = lambda *args: True  # every number through the whole window
    rng = random.Random(29)
    found = 0
    for _ in range(1500):
        text = "".join(rng.choice(MODEL_PIECES) + rng.choice([" ", " ", "", "-", ", "]) for _ in range(rng.randint(0, 14)))
        prose = _prose(text)
        expected = [(hit.start, hit.end, hit.message) for hit in plain.find(prose)]
        assert [(hit.start, hit.end, hit.message) for hit in check.find(prose)] == expected, repr(text)
        found += len(expected)
    assert found


def test_coined_words_judged_once_per_run_are_those_judged_per_document() -> None:
    """Coined words remembered across a run's documents (harmless words set aside) are the words each document
    would give alone."""
    from tqcheck.app import App
    from tqcheck.config import load_config
    from tqcheck.rules.sentences import JOINED_TO_LOWER, LOWER_LETTERS
    from tqcheck.rules.wordlist import table

    check = next(c for c in App(load_config(None, {"grammar": False})).checker.checks
                 if type(c).__name__ == "CoinedWordsCheck")
    english, options = table("en"), check.spec.options
    pieces = ["electoralisms", "denouncers", "reformulated", "the", "committee", "Electoralisms", "popularizes",
              "unbelievably", "wordisms", "-", "'", " ", "\n", "coolnesses", "bigness", "ſtrangeness"]
    rng = random.Random(31)
    found = 0
    for _ in range(300):
        prose = _prose(" ".join(rng.choice(pieces) for _ in range(rng.randint(0, 12))))
        suspects = {word: parts for word in prose.tokens
                    if len(word) >= options.min_length and english.get(word, 0.0) <= options.max_zipf
                    and word not in check.context.words and LOWER_LETTERS.fullmatch(word)
                    and (parts := check.split(word))}
        expected = [(start, start + len(word)) for start, word in prose.occurrences(suspects, JOINED_TO_LOWER)]
        assert [(hit.start, hit.end) for hit in check.find(prose)] == expected, prose.text
        found += len(expected)
    assert found


def test_repeated_titles_skip_only_heads_without_two_lines_of_equal_runs() -> None:
    """Lines with one key (their words, case-folded) have the same case-folded runs of the spaced text: the quick
    test passes every head with a repeat."""
    from tqcheck.app import App
    from tqcheck.config import load_config

    check = next(c for c in App(load_config(None, {"grammar": False})).checker.checks
                 if type(c).__name__ == "RepeatedTitleCheck")
    pieces = ["Straße", "STRASSE", "strasse", "Wi-Fi", "wi fi", "Wi’Fi", "1º", "1", "º", "News", "news", "ſ", "s", "!",
              ".", ":", "ǅ", "ǆ", "Σ", "ς", "σ"]
    rng = random.Random(37)
    found = skipped = 0
    for _ in range(1500):
        lines = [" ".join(rng.choice(pieces) for _ in range(rng.randint(1, 3))) for _ in range(rng.randint(1, 4))]
        prose = _prose("\n\n".join(lines))
        expected = [(hit.start, hit.end) for hit in check.repeats(prose, list(check.head(prose)))]
        got = [(hit.start, hit.end) for hit in check.find(prose)]
        assert got == expected, lines
        found += bool(expected)
        skipped += not expected
    assert found and skipped
