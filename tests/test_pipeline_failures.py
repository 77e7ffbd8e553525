"""One article the pipeline fails on is skipped with its reason; the batch goes on."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Doc

import storyline.pipeline as pipeline
from storyline.analysis import document
from storyline.models import Article, ArticleAnalysis
from storyline.nlp import build_nlp
from storyline.settings import Settings

TEXTS = {
    "a.txt": "Dock strike ends\nDock workers ended a strike on Tuesday after a pay deal.",
    "b.txt": "Bridge reopens\nThe old bridge reopened to traffic on Friday, the city said.",
    "c.txt": "Storm closes port\nA storm closed the port on Monday. TRIPWIRE",
}


@Language.component("test_tripwire")
def _tripwire(doc: Doc) -> Doc:
    if "TRIPWIRE" in doc.text:
        raise ValueError("tripped on purpose")
    return doc


@pytest.fixture(scope="module")
def tripping_nlp() -> Language:
    nlp = build_nlp(Settings(progress=False))
    nlp.add_pipe("test_tripwire")
    return nlp


def _inputs(folder: Path) -> Path:
    folder.mkdir()
    for name, text in TEXTS.items():
        (folder / name).write_text(text + "\n", encoding="utf-8")
    return folder


def test_pipeline_component_failure_skips_only_that_article(
    tmp_path: Path, tripping_nlp: Language
) -> None:
    report = pipeline.analyze([_inputs(tmp_path / "in")], Settings(), nlp=tripping_nlp)
    assert report.analysed == 2 and report.exit_code == 3
    (skip,) = report.skipped
    assert skip.source.endswith("c.txt")
    assert skip.reason.startswith("[S019]") and "tripped on purpose" in skip.reason
    assert sorted(a.title for a in report.story.articles) == ["Bridge reopens", "Dock strike ends"]


def test_pipeline_record_failure_skips_only_that_article(
    tmp_path: Path, nlp: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = document.analyze_doc

    def fragile(doc: Doc, article: Article) -> ArticleAnalysis:
        if article.title == "Bridge reopens":
            raise KeyError("missing span group")
        return real(doc, article)

    monkeypatch.setattr(document, "analyze_doc", fragile)  # read where the pipeline runs
    report = pipeline.analyze([_inputs(tmp_path / "in")], Settings(), nlp=nlp)
    reasons = [s.reason for s in report.skipped]
    assert report.analysed == 2 and len(reasons) == 1
    assert reasons[0].startswith("[S019]") and "KeyError" in reasons[0]
