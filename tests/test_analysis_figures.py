"""Claims: what each figure counts, whose it is, who said it, as of when; and their findings."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from conftest import MakeNlp
from storyline.analysis.figures import claims_from_doc, figure_findings
from storyline.models import Article, Claim, ClaimSource, Mention, Published, Value
from storyline.models import Span as TextSpan
from storyline.nlp.components import claims, quantities
from storyline.nlp.components.claims import FoundClaim
from storyline.nlp.extensions import ENTITIES, TIMES
from storyline.nlp.numbers.sources import FoundSource

#: surface -> (kind, key, country) for hand-made entity mentions
Entities = dict[str, tuple[str, str, str | None]]
ENTITIES_USED: Entities = {
    "North Korean": ("country", "country:KP", "KP"),
    "North Korea": ("country", "country:KP", "KP"),
    "South Korea": ("country", "country:KR", "KR"),
    "U.S.": ("country", "country:US", "US"),
    "Russia": ("country", "country:RU", "RU"),
    "Chad": ("country", "country:TD", "TD"),
    "Kim Jong Un": ("person", "person:kim jong un", "KP"),
    "Volodymyr Zelenskyy": ("person", "person:volodymyr zelenskyy", "UA"),
    "the United Nations": ("organization", "organization:united nations", None),
    "ministry": ("organization", "organization:ministry of defence", None),
}


@pytest.fixture(scope="module")
def pipeline(make_nlp: MakeNlp) -> tuple[Language, Language]:
    """The English parser and a pipeline holding only the two components under test."""
    parser = make_nlp(exclude=["ner"])
    components = spacy.blank("en", vocab=parser.vocab)
    components.add_pipe(quantities.NAME)
    components.add_pipe(claims.NAME)
    return parser, components


Analyse = Callable[..., Doc]


@pytest.fixture(scope="module")
def analyse(pipeline: tuple[Language, Language]) -> Analyse:
    parser, components = pipeline

    def run(
        text: str,
        entities: Entities | None = None,
        times: dict[str, str] | None = None,
        published: str | None = None,
    ) -> Doc:
        doc = parser(text)
        doc._.storyline_published = published
        doc.spans[ENTITIES] = _spans(doc, entities or ENTITIES_USED)
        doc.spans[TIMES] = [
            _labelled(doc, m.start(), m.end(), "DATE", value=value)
            for surface, value in (times or {}).items()
            for m in re.finditer(re.escape(surface), text)
        ]
        for _, component in components.pipeline:
            doc = component(doc)
        return doc

    return run


def _spans(doc: Doc, entities: Entities) -> list[Span]:
    spans: list[Span] = []
    for surface in sorted(entities, key=len, reverse=True):
        kind, key, country = entities[surface]
        for match in re.finditer(re.escape(surface), doc.text):
            span = _labelled(doc, match.start(), match.end(), kind, key=key, country=country)
            if not any(s.start < span.end and span.start < s.end for s in spans):
                spans.append(span)
    return spans


def _labelled(doc: Doc, start: int, end: int, label: str, **attrs: Any) -> Span:
    found = doc.char_span(start, end, alignment_mode="expand")
    assert found is not None
    span = Span(doc, found.start, found.end, label=label)
    for name, value in attrs.items():
        setattr(span._, f"storyline_{name}", value)
    return span


def _claims(doc: Doc) -> list[FoundClaim]:
    return list(doc._.storyline_claims)


def _only(doc: Doc) -> FoundClaim:
    (claim,) = _claims(doc)
    return claim


@pytest.mark.parametrize(
    ("text", "measure"),
    [
        ("Officials said 300 soldiers died in combat.", "killed"),
        ("At least 300 soldiers were killed on Monday.", "killed"),
        ("About 300 soldiers have met their untimely demise.", "killed"),
        ("More than 300 soldiers lost their lives.", "killed"),
        ("Around 300 soldiers were wounded.", "wounded"),
        ("Around 300 soldiers were taken off the battlefield.", "casualties"),
        ("The army suffered 300 casualties.", "casualties"),
        ("Russia sent 5,000 troops to the border.", "deployed"),
        ("About 5,000 troops have been deployed to the border.", "deployed"),
        ("The rebels captured 40 soldiers.", "captured"),
        ("Police arrested 120 protesters.", "arrested"),
        ("Some 2,000 refugees crossed the border.", "displaced"),
        ("The parade attracted 50,000 spectators.", "attendees"),
        ("The ministry will spend $5 million on roads.", "budget"),
        ("They will release 80,000 doves.", "release"),
    ],
)
def test_analysis_measure_from_parse(analyse: Analyse, text: str, measure: str) -> None:
    assert _only(analyse(text)).measure == measure


def test_analysis_measure_of_a_participle_counted_on_its_own(analyse: Analyse) -> None:
    """ "nearly 50 hurt": the counted word is the measure, not the coordinated "killed"."""
    claims = _claims(analyse("At least 12 people were killed and nearly 50 hurt in the crash."))
    assert [(c.value.low, c.measure) for c in claims] == [(12, "killed"), (50, "wounded")]


def test_analysis_measure_from_elsewhere_in_sentence(analyse: Analyse) -> None:
    text = "Zelenskyy anticipated a higher casualty rate, asserting that 4,000 soldiers faced war."
    assert _only(analyse(text)).measure == "casualties"


@pytest.mark.parametrize(
    "text",
    [
        "They tried to switch 37 electoral votes through death threats against the electors.",
        "The court handed down 12 rulings, among them a death sentence for the leader.",
    ],
)
def test_analysis_measure_word_naming_a_kind_counts_nothing(analyse: Analyse, text: str) -> None:
    """ "death threats": the measure word says what the threats are, not what a figure counts."""
    assert [c.measure != "killed" for c in _claims(analyse(text))] == [True]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The quake killed 230,000 people in 14 countries around the ocean.", 14),
        (
            "Some 30 people were killed and 55 others injured when three artillery shells "
            "landed near the school.",
            3,
        ),
        ("Three shells landed near the school where 350 people were taking shelter.", 3),
        ("The agency condemned attacks against 12 clearly marked schools.", 12),
        ("He condemned the shelling of 12 schools, where civilians were seeking refuge.", 12),
        ("At least 5,000 are staying in 11 schools and shelters.", 11),
        ("The head of the refugee agency said three shells landed near the school.", 3),
    ],
)
def test_analysis_measure_never_from_what_the_figure_is_not(
    analyse: Analyse, text: str, value: float
) -> None:
    """A count of places or of things that did something else is no casualty figure."""
    found = [c for c in _claims(analyse(text)) if c.value.low == value]
    contested = {"killed", "wounded", "casualties", "displaced", "missing"}
    assert not [c.measure for c in found if c.measure in contested]


def test_analysis_continued_figure_takes_the_counted_group(analyse: Analyse) -> None:
    doc = analyse(
        "About 300 North Korean soldiers died, with an additional 2,700 sustaining injuries."
    )
    killed, wounded = _claims(doc)
    assert (killed.measure, killed.unit, killed.subject) == (
        "killed",
        "soldier",
        "country:KP",
    )
    assert wounded.value == Value(2700, 2700, "exact")
    assert (wounded.measure, wounded.unit, wounded.subject) == (
        "wounded",
        "soldier",
        "country:KP",
    )
    assert wounded.subject_text == "North Korean soldiers"


def test_analysis_figure_noun_repeats_the_previous_claim(analyse: Analyse) -> None:
    doc = analyse(
        "Zelenskyy said around 4,000 North Korean soldiers were killed or wounded. "
        "U.S. estimates take a reserved approach, placing the figure around 1,200."
    )
    first, second = _claims(doc)
    assert second.value == Value(1200, 1200, "approximately")
    for key in ("measure", "unit", "subject", "subject_text"):
        assert getattr(second, key) == getattr(first, key)
    assert second.source == FoundSource("country:US", "U.S. estimates")


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        ("About 300 North Korean soldiers died.", "country:KP"),
        ("Russia's 300 soldiers died in the attack.", "country:RU"),
        ("About 300 soldiers from Chad died.", "country:TD"),
        ("Kim Jong Un is sending 5,000 troops.", "country:KP"),
    ],
)
def test_analysis_subject_is_the_owner_of_the_group(
    analyse: Analyse, text: str, subject: str
) -> None:
    assert _claims(analyse(text))[-1].subject == subject


def test_analysis_subject_of_killer_is_not_the_owner(analyse: Analyse) -> None:
    assert _only(analyse("Russia killed 300 soldiers near the river.")).subject is None


def test_analysis_subject_inherited_from_same_counted_noun(analyse: Analyse) -> None:
    doc = analyse("About 300 North Korean soldiers died. Later 200 soldiers were wounded.")
    assert [c.subject for c in _claims(doc)] == ["country:KP", "country:KP"]


def test_analysis_subject_not_inherited_from_a_part_of_a_figure(analyse: Analyse) -> None:
    doc = analyse(
        "The bombings killed 259 people, including 12 Americans, and injured more than 5,500.",
        {"Americans": ("country", "country:US", "US")},
    )
    subjects = {c.value.low: c.subject for c in _claims(doc)}
    assert subjects[12] == "country:US"
    assert subjects[5500] is None


def test_analysis_subject_text_drops_words_about_the_figure(analyse: Analyse) -> None:
    doc = analyse("Kim Jong Un is sending an additional 10,000 to 12,000 more troops.")
    claim = _only(doc)
    assert claim.subject_text == "troops"
    assert claim.value == Value(10000, 12000, "range")


@pytest.mark.parametrize(
    ("text", "source"),
    [
        (
            "According to the United Nations, 300 civilians were killed.",
            FoundSource("organization:united nations", "United Nations"),
        ),
        (
            "South Korea said that 300 soldiers were killed.",
            FoundSource("country:KR", "South Korea"),
        ),
        (
            "The ministry estimated that 300 soldiers were killed.",
            FoundSource("organization:ministry of defence", "ministry"),
        ),
        (
            "South Korea asserted that 300 soldiers were killed.",
            FoundSource("country:KR", "South Korea"),
        ),
        (
            "South Korea's estimate put the toll at 300 soldiers killed.",
            FoundSource("country:KR", "South Korea"),
        ),
        (
            "Estimates by the United Nations put the figure at 300 soldiers killed.",
            FoundSource("organization:united nations", "United Nations"),
        ),
        (
            "South Korea's intelligence agency estimates that 600 soldiers have died.",
            FoundSource("country:KR", "South Korea's intelligence agency"),
        ),
        (
            "Volodymyr Zelenskyy anticipated a higher rate, asserting that 4,000 soldiers died.",
            FoundSource("person:volodymyr zelenskyy", "Volodymyr Zelenskyy"),
        ),
        (
            "Recent reports indicate that 300 soldiers have died.",
            FoundSource(None, "Recent reports"),
        ),
    ],
)
def test_analysis_attribution_patterns(analyse: Analyse, text: str, source: FoundSource) -> None:
    assert _claims(analyse(text))[-1].source == source


@pytest.mark.parametrize(
    "text",
    [
        "The economy added 300 jobs last month.",
        "About 300 soldiers died in the attack.",
        (
            "The latest quakes in the region occurred on Oct. 10, 2002, the largest recorded "
            "at magnitude 7.6, killing 300 people."
        ),
    ],
)
def test_analysis_without_source(analyse: Analyse, text: str) -> None:
    assert _claims(analyse(text))[0].source is None


def test_analysis_bare_number_with_a_figure_noun(analyse: Analyse) -> None:
    claim = _only(analyse("The death toll rose to 600 on Sunday."))
    assert (claim.value, claim.measure, claim.unit) == (
        Value(600, 600, "exact"),
        "killed",
        None,
    )


def test_analysis_small_plain_counts_are_not_claims(analyse: Analyse) -> None:
    assert _claims(analyse("The two leaders arrived after attending a ceremony.")) == []


def test_analysis_as_of_is_the_sentence_date(analyse: Analyse) -> None:
    doc = analyse(
        "In June 2024 about 300 soldiers died. About 200 soldiers were wounded.",
        times={"June 2024": "2024-06"},
        published="2024-11-02",
    )
    dated, undated = _claims(doc)
    assert (dated.as_of, dated.as_of_basis) == ("2024-06", "sentence")
    assert (undated.as_of, undated.as_of_basis) == ("2024-11-02", "article")


def _article(text: str, published: str | None = "2024-11-02") -> Article:
    basis = "metadata" if published else "unknown"
    return Article("a1", "a1.txt", None, text, published=Published(published, basis))


def test_analysis_records_have_stable_ids_and_sentence_spans(analyse: Analyse) -> None:
    text = "About 300 soldiers died. South Korea said that 200 soldiers were wounded."
    article = _article(text)
    claims = claims_from_doc(analyse(text), article, (), ())
    assert [c.id for c in claims] == ["c-a1-1", "c-a1-2"]
    assert claims[0].span.text == "About 300 soldiers died."
    assert claims[0].span.text == text[claims[0].span.start : claims[0].span.end]
    assert claims[0].as_of == "2024-11-02"
    assert claims[0].value == Value(300, 300, "approximately")
    assert claims[1].source == ClaimSource("country:KR", "South Korea")


def test_analysis_unattributed_contested_figures_are_findings(analyse: Analyse) -> None:
    text = (
        "About 300 soldiers died. South Korea said that 200 soldiers were wounded. "
        "Officials will release 80,000 doves."
    )
    article = _article(text)
    claims = claims_from_doc(analyse(text), article, (), ())
    findings = figure_findings(article, claims)
    assert [(f.kind, f.claims) for f in findings] == [("unattributed_figure", ("c-a1-1",))]
    assert findings[0].summary == (
        f"Article {article.label} gives a contested figure without a source: "
        "about 300 soldiers killed."
    )
    assert findings[0].evidence == (claims[0].span,)


def test_analysis_a_headline_figure_the_body_attributes_is_not_unattributed(
    analyse: Analyse,
) -> None:
    text = "40 civilians killed in market strike. Medics said 40 civilians were killed."
    article = _article(text)
    claims = claims_from_doc(analyse(text), article, (), ())
    assert [c.source is None for c in claims] == [True, False]
    assert figure_findings(article, claims) == ()


def test_analysis_unattributed_figures_of_one_article_make_one_finding(analyse: Analyse) -> None:
    text = (
        "About 300 soldiers died. 2,700 soldiers were wounded. 40 civilians were killed. "
        "12 police officers were injured. 9 medics died."
    )
    article = _article(text)
    claims = claims_from_doc(analyse(text), article, (), ())
    (finding,) = figure_findings(article, claims)
    assert finding.claims == tuple(c.id for c in claims) and len(claims) == 5
    assert finding.summary.startswith(f"Article {article.label} gives 5 contested figures")
    assert finding.summary.endswith("; and 1 more.")
    assert finding.evidence == tuple(c.span for c in claims)


def test_analysis_findings_ignore_measures_that_are_not_contested() -> None:
    article = _article("They sent 5,000 troops.")
    claim = Claim(
        id="c-a1-1",
        article="a1",
        subject=None,
        subject_text="troops",
        measure="deployed",
        value=Value(5000, 5000, "exact"),
        unit="troop",
        as_of=None,
        source=None,
        span=TextSpan("a1", 0, 23, article.text),
    )
    assert figure_findings(article, (claim,)) == ()


SEEDS = Path(__file__).resolve().parent.parent / "examples" / "seeds"


def _seed_claims(analyse: Analyse, name: str) -> list[FoundClaim]:
    (path,) = SEEDS.glob(f"{name}_*.txt")
    return _claims(analyse(path.read_text(encoding="utf-8")))


def _brief(claim: FoundClaim) -> tuple[Any, ...]:
    source = claim.source.text if claim.source else None
    value = claim.value
    return ((value.low, value.high, value.qualifier), claim.measure, claim.subject, source)


def test_analysis_seed_000(analyse: Analyse) -> None:
    found = [_brief(c) for c in _seed_claims(analyse, "000")]
    assert ((300, 300, "approximately"), "killed", "country:KP", "recent reports") in found
    assert ((2700, 2700, "exact"), "wounded", "country:KP", "recent reports") in found
    assert (
        (4000, 4000, "approximately"),
        "casualties",
        "country:KP",
        "Ukrainian President Volodymyr Zelenskyy",
    ) in found
    assert ((1200, 1200, "approximately"), "casualties", "country:KP", "U.S. estimates") in found
    assert ((10000, 12000, "range"), "deployed", "country:KP", None) in found


def test_analysis_seed_002(analyse: Analyse) -> None:
    found = [_brief(c) for c in _seed_claims(analyse, "002")]
    assert ((15000, None, "more_than"), "deployed", "country:KP", "reports") in found
    assert (
        (600, 600, "approximately"),
        "killed",
        "country:KP",
        "South Korea’s intelligence agency",
    ) in found


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "value", "measure"),
    [
        ("000", Value(300, 300, "approximately"), "killed"),
        ("000", Value(2700, 2700, "exact"), "wounded"),
        ("000", Value(4000, 4000, "approximately"), "casualties"),
        ("000", Value(1200, 1200, "approximately"), "casualties"),
        ("000", Value(10000, 12000, "range"), "deployed"),
        ("002", Value(15000, None, "more_than"), "deployed"),
        ("002", Value(600, 600, "approximately"), "killed"),
    ],
)
def test_analysis_seeds_with_the_full_pipeline(
    nlp: Language, name: str, value: Value, measure: str
) -> None:
    (path,) = SEEDS.glob(f"{name}_*.txt")
    claims = _claims(nlp(path.read_text(encoding="utf-8")))
    matching = [c for c in claims if c.value == value and c.measure == measure]
    assert [c.subject for c in matching] == ["country:KP"]


def test_analysis_pronoun_source_is_the_person_named_before(analyse: Analyse) -> None:
    text = (
        "Governor Maria Lopez visited the flooded town on Monday. "
        "She said that about 40 people were killed in the floods."
    )
    article = _article(text)
    start = text.index("Maria Lopez")
    lopez = Mention(
        article.id, start, start + 11, "Maria Lopez", "person", "person:maria lopez", "Maria Lopez"
    )
    (claim,) = claims_from_doc(analyse(text), article, (lopez,), ())
    assert claim.source == ClaimSource("person:maria lopez", "She (Maria Lopez)")
    (unresolved,) = claims_from_doc(analyse(text), article, (), ())
    assert unresolved.source == ClaimSource(None, "She", "described")


@pytest.mark.parametrize(
    "text",
    [
        'Officials met on Monday. Sutopo Nugroho told reporters: "We have recorded 24 people '
        'dead."',
        'Officials met on Monday. "We have recorded 24 people dead," Sutopo Nugroho said.',
    ],
)
def test_analysis_we_in_a_quotation_is_its_speaker(analyse: Analyse, text: str) -> None:
    article = _article(text)
    start = text.index("Sutopo Nugroho")
    speaker = Mention(
        article.id, start, start + 14, "Sutopo Nugroho", "person", "person:sutopo nugroho",
        "Sutopo Nugroho",
    )  # fmt: skip
    claims = claims_from_doc(analyse(text), article, (speaker,), ())
    assert [c.source for c in claims if c.value.low == 24] == [
        ClaimSource("person:sutopo nugroho", "We (Sutopo Nugroho)")
    ]
    earlier = Mention(article.id, 0, 9, "Officials", "person", "person:officials", "Officials")
    (alone,) = [c for c in claims_from_doc(analyse(text), article, (earlier,), ()) if c.value.low]
    assert alone.source == ClaimSource(None, "We", "described")


@pytest.mark.parametrize(
    ("basis", "as_of"),
    [("metadata", "2024-11-02"), ("dateline", "2024-11-02"), ("content", None)],
)
def test_analysis_take_the_article_date_only_when_it_was_given(
    analyse: Analyse, basis: str, as_of: str | None
) -> None:
    text = "About 300 soldiers died."
    article = dataclasses.replace(
        _article(text),
        published=Published("2024-11-02", basis),  # type: ignore[arg-type]
    )
    (claim,) = claims_from_doc(analyse(text), article, (), ())
    assert claim.as_of == as_of


def test_analysis_travel_inside_a_doc_between_processes() -> None:
    """A doc's claims survive ``Doc.to_bytes`` (how ``nlp.pipe(n_process=N)`` returns docs)."""
    from storyline.nlp.components.claims import register_claim_codec
    from storyline.nlp.extensions import register_extensions

    register_extensions()
    register_claim_codec()
    found = FoundClaim(
        start=4,
        end=16,
        text="300 soldiers",
        value=Value(300, None, "more_than"),
        unit="soldier",
        kind="count",
        measure="killed",
        subject="country:KP",
        source=FoundSource("country:US", "U.S. estimates"),
        as_of="2024-06",
        as_of_basis="sentence",
        sentence=(0, 40),
    )
    vocab = spacy.blank("en").vocab
    doc = Doc(vocab, words=["More", "than", "300", "soldiers"])
    doc._.storyline_claims = [found, dataclasses.replace(found, source=None)]
    back = Doc(vocab).from_bytes(doc.to_bytes())
    assert back._.storyline_claims == [found, dataclasses.replace(found, source=None)]


def test_analysis_describe_does_not_repeat_what_the_noun_says() -> None:
    from storyline.analysis.figures import describe

    def claim(unit: str, text: str) -> Claim:
        return Claim(
            id="c-a1-1",
            article="a1",
            subject=None,
            subject_text=text,
            measure="killed",
            value=Value(25, None, "at_least"),
            unit=unit,
            as_of=None,
            source=None,
            span=TextSpan("a1", 0, 4, "x"),
        )

    assert describe(claim("death", "deaths")) == "at least 25 deaths"
    assert describe(claim("soldier", "soldiers")) == "at least 25 soldiers killed"


def test_analysis_one_sentence_is_evidence_once(analyse: Analyse) -> None:
    text = "The blast killed 12 people and wounded 40 others."
    article = _article(text)
    claims = claims_from_doc(analyse(text), article, (), ())
    assert [c.measure for c in claims] == ["killed", "wounded"]
    [finding] = figure_findings(article, claims)
    assert finding.claims == ("c-a1-1", "c-a1-2")
    assert finding.evidence == (claims[0].span,)


def test_analysis_a_length_is_no_death_toll(analyse: Analyse) -> None:
    doc = analyse("Toll of dead, missing and homeless in the city, as of Monday; 52mm x 117mm.")
    lengths = [c for c in _claims(doc) if c.unit == "millimetre"]
    assert lengths and all(c.measure != "killed" for c in lengths)
