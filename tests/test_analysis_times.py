"""Times, article dates and the anachronism / weekday checks of ``claims.times``."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from conftest import MakeNlp
from storyline.analysis import mentions as claim_mentions
from storyline.analysis import times as claim_times
from storyline.models import Article, Finding, Published, Time, to_dict
from storyline.nlp.components import entities  # noqa: F401  (registers storyline_entities)
from storyline.nlp.components import times as times_component

pytestmark = pytest.mark.slow

Analysed = tuple[Doc, Article]


@pytest.fixture(scope="module")
def english(make_nlp: MakeNlp) -> Language:
    """The English pipeline with the entity and time components."""
    return make_nlp(["storyline_entities", times_component.NAME])


@pytest.fixture(scope="module")
def analyse(english: Language) -> Callable[..., Analysed]:
    def run(text: str, published: str | None = None, basis: str = "metadata") -> Analysed:
        given = Published(published, basis if published else "unknown")  # type: ignore[arg-type]
        article = Article(id="a1", source="test", title=None, text=text, published=given)
        doc = english.make_doc(text)
        doc._.storyline_article = article.id
        doc._.storyline_published = given.value
        doc._.storyline_published_basis = given.basis
        doc = english(doc)
        article = dataclasses.replace(
            article, published=claim_times.published_from_doc(doc, article.published)
        )
        return doc, article

    return run


def _findings(analysed: Analysed) -> tuple[Finding, ...]:
    doc, article = analysed
    times = claim_times.times_from_doc(doc)
    return claim_times.time_findings(doc, article, times, claim_mentions.mentions_from_doc(doc))


@pytest.fixture(scope="module")
def seed(
    seeds_dir: Path, english: Language, analyse: Callable[..., Analysed]
) -> Callable[..., Analysed]:
    def run(prefix: str, published: str | None = None, basis: str = "dateline") -> Analysed:
        path = next(seeds_dir.glob(f"{prefix}_*.txt"))
        doc, article = analyse(path.read_text(encoding="utf-8"), published, basis)
        return doc, dataclasses.replace(article, id=prefix)

    return run


def test_analysis_times_seed_002_is_flagged_three_times(seed: Callable[..., Analysed]) -> None:
    doc, article = seed("002")
    findings = _findings((doc, article))
    assert [f.id for f in findings] == [f"f-002-anachronism-{n}" for n in (1, 2, 3)]
    assert {f.kind for f in findings} == {"anachronism"}
    pact, anniversary, office = (f.summary for f in findings)
    assert "17 October 2023" in pact and "June 2024" in pact and "defense pact" in pact
    assert "80 years since" in anniversary and "2025" in anniversary and "1945" in anniversary
    assert "Donald Trump" in office and "U.S. President" in office
    for finding in findings:
        assert finding.articles == ("002",)
        assert all(span.text == article.text[span.start : span.end] for span in finding.evidence)
        assert finding.evidence[0].text == "October 17, 2023"


def test_analysis_times_seed_002_is_dated_from_its_content(seed: Callable[..., Analysed]) -> None:
    _, article = seed("002")
    assert (article.published.value, article.published.basis) == ("2025", "content")
    assert article.published.reason is not None and "World War II" in article.published.reason


@pytest.mark.parametrize(("prefix", "published"), [("000", None), ("001", "2025-09-04")])
def test_analysis_times_seeds_000_and_001_have_no_anachronism(
    seed: Callable[..., Analysed], prefix: str, published: str | None
) -> None:
    assert _findings(seed(prefix, published)) == ()


def test_analysis_times_seed_001_keeps_its_dateline(seed: Callable[..., Analysed]) -> None:
    doc, article = seed("001", "2025-09-04")
    assert article.published == Published("2025-09-04", "dateline")
    times = {t.text: t.value for t in claim_times.times_from_doc(doc)}
    assert times["September 3"] == "2025-09-03"


def test_analysis_times_times_are_records_of_the_article(analyse: Callable[..., Analysed]) -> None:
    doc, _ = analyse("A pact was signed in June 2024.", "2025-01-01")
    assert claim_times.times_from_doc(doc) == (Time("a1", 21, 30, "June 2024", "DATE", "2024-06"),)


@pytest.mark.parametrize(
    ("text", "published", "flagged"),
    [
        ("A defense pact signed in June 2024 changed the region.", "2023-10-17", True),
        ("A defense pact was signed in June 2024.", "2024-08-01", False),
        ("A defense pact will be signed in June 2024.", "2023-10-17", False),
        ("A defense pact signed in June 2022 changed the region.", "2023-10-17", False),
        # the date belongs to the clause about the future, whatever the parse attaches it to
        (
            "The airline, which will be the first to fly the jet, in July 2026, has opened "
            "bookings.",
            "2025-04-27",
            False,
        ),
        # a year naming a thing, a deadline and an end are no past events
        ("Analysts were predicting 1990 earnings of $3 a share.", "1989-10-30", False),
        ("He trimmed his 1990 estimate.", "1989-10-30", False),
        ("Holders of notes due March 15, 2007, were asked to convert.", "1989-10-30", False),
        ("It said it kept turning out product until 1993.", "1989-10-30", False),
        ("The treaty was signed on Sept. 8, 1951.", "1950-01-02", True),
        ("Posted September 26, 2013. Updated September 27, 2013.", "2013-09-26", False),
    ],
)
def test_analysis_times_flags_past_events_after_the_article_date(
    analyse: Callable[..., Analysed], text: str, published: str, flagged: bool
) -> None:
    findings = _findings(analyse(text, published))
    assert [f.kind for f in findings] == (["anachronism"] if flagged else [])


@pytest.mark.parametrize(
    ("published", "flagged"),
    [("2025-09-04", False), ("2025", False), ("2023-10-17", True), ("2026-01-10", True)],
)
def test_analysis_times_checks_anniversaries(
    analyse: Callable[..., Analysed], published: str, flagged: bool
) -> None:
    text = "The parade marks 80 years since the end of World War II."
    findings = _findings(analyse(text, published))
    assert [f.kind for f in findings] == (["anachronism"] if flagged else [])
    if flagged:
        assert "2025" in findings[0].summary and "1945" in findings[0].summary


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("U.S. President Donald Trump spoke at the summit.", True),
        ("Former U.S. President Donald Trump spoke at the summit.", False),
        ("U.S. President Joe Biden spoke at the summit.", False),
        ("Donald Trump spoke at the summit.", False),
    ],
)
def test_analysis_times_checks_office_titles_against_the_actor_file(
    analyse: Callable[..., Analysed], text: str, flagged: bool
) -> None:
    findings = _findings(analyse(text, "2023-10-17"))
    assert [f.kind for f in findings] == (["anachronism"] if flagged else [])
    if flagged:
        assert "20 January 2017 to 20 January 2021" in findings[0].summary


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("Secretary of State Hillary Clinton spoke at the summit.", True),
        ("Former Secretary of State Hillary Clinton spoke at the summit.", False),
    ],
)
def test_analysis_times_office_title_with_small_words_is_quoted_whole(
    analyse: Callable[..., Analysed], text: str, flagged: bool
) -> None:
    findings = _findings(analyse(text, "2023-10-17"))
    assert [f.kind for f in findings] == (["anachronism"] if flagged else [])
    if flagged:
        assert "as “Secretary of State”" in findings[0].summary


@pytest.mark.parametrize(
    ("text", "mismatch"),
    [
        ("Leaders met on Wednesday, October 17, 2023, in Beijing.", True),
        ("Leaders met on Tuesday, October 17, 2023, in Beijing.", False),
        ("Leaders met on Wednesday, Oct. 18, in Beijing.", False),
        ("Leaders met on Thursday, Oct. 18, in Beijing.", True),
    ],
)
def test_analysis_times_flags_weekdays_that_do_not_fit_their_date(
    analyse: Callable[..., Analysed], text: str, mismatch: bool
) -> None:
    findings = _findings(analyse(text, "2023-10-20"))
    assert [f.kind for f in findings] == (["weekday_mismatch"] if mismatch else [])
    if mismatch:
        assert findings[0].id == "f-a1-weekday_mismatch-1"
        assert "but that day was a" in findings[0].summary


def test_analysis_times_own_date_can_come_from_the_lead(analyse: Callable[..., Analysed]) -> None:
    text = (
        "The summit, held on October 17, 2023, drew crowds. "
        "Analysts recalled a defense pact signed in June 2024."
    )
    findings = _findings(analyse(text))
    assert len(findings) == 1
    assert "held on October 17, 2023" in findings[0].summary


def test_analysis_times_published_from_doc(analyse: Callable[..., Analysed]) -> None:
    _, dated = analyse("A pact was signed in June 2024.", "2025-01-01")
    assert dated.published == Published("2025-01-01", "metadata")
    _, undated = analyse("Troops arrive this October.")
    assert undated.published == Published(None, "unknown")
    _, inferred = analyse("A pact was signed in June 2024.")
    assert (inferred.published.value, inferred.published.basis) == ("2024-06", "content")


def test_analysis_times_finding_ids_are_stable(seed: Callable[..., Analysed]) -> None:
    assert _findings(seed("002")) == _findings(seed("002"))


@pytest.mark.parametrize(
    ("published", "given"),
    [
        (Published("2024-06-01", "metadata"), "2024-06-01"),
        (Published("2024-06-01", "dateline"), "2024-06-01"),
        (Published("2024-06", "content", "the latest date it reports as past"), None),
        (Published(None, "unknown"), None),
    ],
)
def test_analysis_times_only_a_stated_date_given(published: Published, given: str | None) -> None:
    assert published.given == given
    assert "given" not in to_dict(published)  # a derived value, not part of story.json
