"""Reference-based metrics (BLEU, chrF++, TER) computed by sacrebleu, with sacrebleu's own signatures."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from sacrebleu.metrics import BLEU, CHRF, TER
from sacrebleu.metrics.base import Metric

from .rules.sentences import sentences

LINE, SENTENCE, DOCUMENT = "line", "sentence", "document"


@cache
def _metrics() -> dict[str, Metric]:
    """sacrebleu's defaults, as its command line uses them; chrF++ is chrF with word order 2."""
    return {"bleu": BLEU(), "chrf": CHRF(word_order=2), "ter": TER()}


@dataclass(frozen=True)
class Score:
    """One metric's value with its sacrebleu name and signature."""

    name: str
    score: float
    signature: str

    def to_json(self) -> dict:
        """The JSON form: name, score (4 decimals) and signature."""
        return {"name": self.name, "score": round(self.score, 4), "signature": self.signature}


@dataclass(frozen=True)
class Pairing:
    """Hypothesis and reference segments paired one to one, and how they were paired."""

    hypotheses: list[str]
    references: list[str]
    mode: str
    note: str | None = None


@dataclass(frozen=True)
class Metrics:
    """BLEU, chrF++ and TER over paired segments; TER is None when the text could not be paired by segment."""

    segments: int
    pairing: str
    bleu: Score
    chrf: Score
    ter: Score | None
    note: str | None = None

    def scores(self) -> list[Score]:
        """The computed scores, in the order BLEU, chrF++, TER."""
        return [s for s in (self.bleu, self.chrf, self.ter) if s is not None]

    def line(self) -> str:
        """Segments, their pairing and each metric, on one line."""
        values = "  ".join(f"{s.name} {s.score:.1f}" for s in self.scores())
        return f"{self.segments} segments ({self.pairing}-paired)  {values}"

    def to_json(self) -> dict:
        """The JSON form: segments, pairing, note and one object per metric (`ter` may be null)."""
        return {"segments": self.segments, "pairing": self.pairing, "note": self.note,
                "bleu": self.bleu.to_json(), "chrf": self.chrf.to_json(),
                "ter": self.ter.to_json() if self.ter else None}


def lines(text: str) -> list[str]:
    """Lines as sacrebleu reads a file: split at LF only, trailing white space stripped."""
    parts = text.split("\n")
    if parts[-1] == "":
        parts.pop()
    return [part.rstrip() for part in parts]


def _sentences(text_lines: list[str]) -> list[str]:
    joined = " ".join(line for line in text_lines if line)
    return [joined[start:end] for start, end in sentences(joined)]


def pair(hypothesis: str, reference: str) -> Pairing:
    """Pair by line; when line counts differ, by sentence if the sentence counts agree, else the whole text."""
    hypotheses, references = lines(hypothesis), lines(reference)
    if len(hypotheses) == len(references):
        return Pairing(hypotheses, references, LINE)
    counts = f"line counts differ (hypothesis {len(hypotheses)}, reference {len(references)})"
    hypothesis_sentences, reference_sentences = _sentences(hypotheses), _sentences(references)
    if len(hypothesis_sentences) == len(reference_sentences):
        return Pairing(hypothesis_sentences, reference_sentences, SENTENCE,
                       f"{counts}; paired by sentence ({len(hypothesis_sentences)}), document-level scores only")
    return Pairing([" ".join(hypothesis_sentences)], [" ".join(reference_sentences)], DOCUMENT,
                   f"{counts}, and sentence counts too ({len(hypothesis_sentences)}, {len(reference_sentences)}); "
                   "BLEU and chrF++ of the whole text as one segment, no TER (it needs paired segments)")


def _score(name: str, hypotheses: list[str], references: list[str]) -> Score:
    metric = _metrics()[name]
    result = metric.corpus_score(hypotheses, [references])
    return Score(result.name, result.score, str(metric.get_signature()))


def score_pairings(pairings: list[Pairing]) -> Metrics:
    """Metrics over the segments of several pairings together (a corpus); TER only if all are segment-paired."""
    hypotheses = [h for p in pairings for h in p.hypotheses]
    references = [r for p in pairings for r in p.references]
    modes = {p.mode for p in pairings}
    unpaired = DOCUMENT in modes
    mode = modes.pop() if len(modes) == 1 else "mixed"
    notes = [p.note for p in pairings if p.note]
    note = notes[0] if len(pairings) == 1 and notes else (
        f"{len(notes)} of {len(pairings)} files not paired by line" if notes else None)
    if unpaired and len(pairings) > 1:
        note += "; no corpus TER (a file could not be paired by segment)"
    return Metrics(len(hypotheses), mode, _score("bleu", hypotheses, references),
                   _score("chrf", hypotheses, references),
                   None if unpaired else _score("ter", hypotheses, references), note)


def score_texts(hypothesis: str, reference: str) -> Metrics:
    """Metrics of one hypothesis text against its reference text (e.g. one article)."""
    return score_pairings([pair(hypothesis, reference)])
