"""Article tone records and ``tone`` findings."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.language import Language

from storyline.analysis.tone import tone_findings, tone_from_doc
from storyline.models import Article, Span, Tone
from storyline.nlp import register_components

DATA = Path(__file__).resolve().parent / "data" / "tone"


@pytest.fixture(scope="module")
def nlp() -> Language:
    register_components()
    pipeline = spacy.blank("en")
    pipeline.add_pipe("storyline_tone")
    return pipeline


def _article(text: str, tone: Tone | None = None) -> Article:
    return Article(id="a7", source="a7.txt", title=None, text=text, tone=tone or Tone())


def test_analysis_tone_from_doc_has_exact_evidence_spans(nlp: Language) -> None:
    text = (DATA / "satire" / "water_board.txt").read_text(encoding="utf-8")
    article = _article(text)
    tone = tone_from_doc(nlp(text), article)
    assert tone.label == "satire" and 0.5 <= tone.score <= 1.0
    assert len(tone.evidence) == 3
    for span in tone.evidence:
        assert span.article == "a7"
        assert span.text == text[span.start : span.end]


def test_analysis_tone_from_doc_without_component_keeps_article_tone() -> None:
    register_components()
    earlier = Tone(label="opinion", score=0.7)
    doc = spacy.blank("en")("Some text.")
    assert tone_from_doc(doc, _article("Some text.", earlier)) is earlier


@pytest.mark.parametrize(
    ("label", "severity", "words"),
    [("satire", "high", "treat its figures"), ("opinion", "medium", "writer's argument")],
)
def test_analysis_tone_finding_satire_and_opinion(label: str, severity: str, words: str) -> None:
    evidence = (Span(article="a7", start=0, end=4, text="Joke"),)
    article = _article("Joke and more.", Tone(label=label, score=0.934, evidence=evidence))
    (finding,) = tone_findings(article)
    assert finding.kind == "tone" and finding.severity == severity
    assert finding.summary.startswith(f"Article a7 reads as {label} (p=0.93): ")
    assert words in finding.summary and finding.summary.endswith(".")
    assert finding.articles == ("a7",) and finding.evidence == evidence


@pytest.mark.parametrize("label", ["news", "analysis"])
def test_analysis_tone_no_finding_for_reporting(label: str) -> None:
    assert tone_findings(_article("Text.", Tone(label=label, score=0.9))) == ()
