"""Incidents of one article and what each figure counts: hand-written news through the pipeline."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

from analysed import analyse_text, claim_of
from storyline.analysis.scopes import group_of
from storyline.models import ArticleAnalysis, Claim, Place, Span, Value
from storyline.nlp.components.lines import LinesComponent
from storyline.nlp.gazetteer import places_agree, resolve_place

pytestmark = pytest.mark.slow

STRIKES = (
    "Air strikes kill 23 in northern town, monitor says\n"
    "HAMA, June 2, 2016 -\n"
    "Air strikes killed at least 23 civilians, including 11 children, in the town of "
    "Salamiyah on Wednesday, the Syrian Observatory for Human Rights said.\n"
    "State news agency SANA said 15 people were killed when rebels shelled a "
    "district of Aleppo.\n"
    "It said the attack involved barrel bombs.\n"
    "Elsewhere, jets struck Homs, killing eight civilians on Thursday.\n"
    "More than 280,000 people have been killed since the war began in 2011.\n"
    "By Thursday evening the toll in Salamiyah had risen to 30, medics said.\n"
)


def run(nlp: Language, text: str, published: str | None = None) -> ArticleAnalysis:
    return analyse_text(nlp, text, published, "t1")


def places_of(nlp: Language, text: str, published: str) -> set[str]:
    """The names of the places of the text's incident mentions."""
    return {m.place.name for m in run(nlp, text, published).incidents if m.place}


@pytest.fixture(scope="module")
def strikes(nlp: Language) -> ArticleAnalysis:
    return run(nlp, STRIKES, "2016-06-02")


def test_analysis_incidents_places_resolve_in_the_gazetteer(strikes: ArticleAnalysis) -> None:
    places = {m.place.name for m in strikes.incidents if m.place is not None}
    assert {"Aleppo", "Homs"} <= places
    homs = next(m.place for m in strikes.incidents if m.place and m.place.name == "Homs")
    assert homs.kind == "city" and homs.country == "SY" and homs.geonameid is not None


def test_analysis_incidents_tell_separate_incidents_apart(strikes: ArticleAnalysis) -> None:
    lead, aleppo, homs = (claim_of(strikes, n).incident for n in (23, 15, 8))
    assert lead and aleppo and homs
    assert len({lead, aleppo, homs}) == 3


def test_analysis_incidents_a_later_toll_counts_the_lead_incident(strikes: ArticleAnalysis) -> None:
    assert claim_of(strikes, 30).incident == claim_of(strikes, 23).incident


def test_analysis_incidents_weekday_dates_the_incident_not_the_figure(
    strikes: ArticleAnalysis,
) -> None:
    lead = claim_of(strikes, 23)
    dates = {m.date.value for m in strikes.incidents if m.incident == lead.incident and m.date}
    assert "2016-06-01" in dates
    assert lead.as_of == "2016-06-02"


def test_analysis_incidents_by_gives_the_as_of_date(strikes: ArticleAnalysis) -> None:
    assert claim_of(strikes, 30).as_of == "2016-06-02"
    assert claim_of(strikes, 30).scope.kind == "incident"


def test_analysis_incidents_since_opens_a_period(strikes: ArticleAnalysis) -> None:
    total = claim_of(strikes, 280000)
    assert total.scope.kind == "period"
    assert total.scope.start == "2011"
    assert total.incident is None
    assert total.as_of == "2016-06-02"  # "since 2011" is no as-of date


def test_analysis_incidents_groups_and_parts(strikes: ArticleAnalysis) -> None:
    assert claim_of(strikes, 23).group == "civilians"
    assert claim_of(strikes, 11).group == "children"
    assert claim_of(strikes, 15).group == "people"


def test_analysis_incidents_sources_are_never_event_words_or_pronouns(
    strikes: ArticleAnalysis,
) -> None:
    texts = {(c.source.text if c.source else None) for c in strikes.claims}
    assert not {"it", "It", "attack", "jets", "Elsewhere jets"} & texts
    assert claim_of(strikes, 30).source is not None
    assert claim_of(strikes, 30).source.text == "medics"  # type: ignore[union-attr]
    assert claim_of(strikes, 30).source.kind == "described"  # type: ignore[union-attr]
    assert claim_of(strikes, 23).source.kind == "named"  # type: ignore[union-attr]


def test_analysis_incidents_background_incident(nlp: Language) -> None:
    text = (
        "Helicopter downed near Idlib\n\n"
        "A helicopter crashed near Idlib on Monday, killing its five crew, officials said.\n"
        "In August 2013, a chemical attack near Damascus killed 1,429 people, "
        "according to U.S. officials.\n"
    )
    analysis = run(nlp, text, "2016-08-02")
    old = claim_of(analysis, 1429)
    assert old.scope.kind == "background"
    assert old.incident != claim_of(analysis, 5).incident or claim_of(analysis, 5).incident is None


def test_analysis_incidents_lines_end_headline_and_dateline() -> None:
    nlp = spacy.blank("en")
    doc = nlp("Strike kills 5 in port city\nADEN, May 3 -\nA strike killed five people.")
    doc = LinesComponent()(doc)
    starts = [t.text for t in doc if t.is_sent_start]
    assert starts == ["Strike", "ADEN", "A"]


def test_analysis_incidents_lines_leave_wrapped_prose_alone() -> None:
    nlp = spacy.blank("en")
    text = (
        "The committee met on Tuesday to discuss the budget of the regional\n"
        "council, which has been under pressure since the floods last year."
    )
    doc = LinesComponent()(nlp(text))
    assert [t.is_sent_start for t in doc][1:].count(True) == 0


def test_analysis_incidents_gazetteer_prefers_the_articles_country() -> None:
    assert resolve_place("Homs", ["SY"]).country == "SY"
    assert resolve_place("the town of Douma").name.startswith("D")
    assert resolve_place("Idlib province").kind == "admin"
    assert resolve_place("Syria").kind == "country"
    unknown = resolve_place("Nowhere-on-Sea Flats")
    assert unknown.kind == "text" and unknown.name == "Nowhere-on-Sea Flats"


def test_analysis_incidents_a_us_state_has_no_coordinates_rather_than_zero() -> None:
    state = resolve_place("South Dakota", ["US"])
    assert state.kind == "admin" and state.geonameid is not None
    assert state.latitude is None and state.longitude is None  # not 0° N, 0° E
    town = resolve_place("Homs", ["SY"])
    assert town.latitude is not None and town.latitude > 30


def test_analysis_incidents_places_agree_only_when_nested_or_same() -> None:
    homs = Place("Homs", "city", "SY", 1)
    aleppo = Place("Aleppo", "city", "SY", 2)
    syria = Place("Syria", "country", "SY")
    assert places_agree(homs, None)
    assert places_agree(homs, syria)
    assert not places_agree(homs, aleppo)
    assert not places_agree(homs, Place("France", "country", "FR"))


@pytest.mark.parametrize(
    ("subject", "measure", "group"),
    [
        ("civilians", "killed", "civilians"),
        ("North Korean soldiers", "killed", "soldiers"),
        ("deaths", "killed", "people"),
        (None, "killed", "people"),
        (None, "release", None),
    ],
)
def test_analysis_incidents_group_of(subject: str | None, measure: str, group: str | None) -> None:
    claim = Claim(
        "c", "a", None, subject, measure, Value(1, 1), None, None, None, Span("a", 0, 1, "x")
    )
    assert group_of(claim) == group


def test_analysis_incidents_since_dates_neither_the_article_nor_the_figure(nlp: Language) -> None:
    text = (
        "Strikes hit northern town\n\n"
        "Air strikes killed 20 civilians in the town on Tuesday, a monitor said. "
        "More than 280,000 people have been killed since the war began in 2011."
    )
    analysis = run(nlp, text)
    assert analysis.article.published.value is None
    total = claim_of(analysis, 280000)
    assert total.scope.kind == "period" and total.scope.start == "2011"
    assert total.as_of is None


def test_analysis_incidents_a_coordinated_verb_keeps_its_own_measure(nlp: Language) -> None:
    text = (
        "Quake hits coast\n\n"
        "The quake injured more than 200 people and damaged more than 300 houses, "
        "officials said on Tuesday."
    )
    analysis = run(nlp, text, "2013-07-02")
    assert claim_of(analysis, 200).measure == "wounded"
    houses = [c for c in analysis.claims if c.value.low == 300]
    assert all(c.measure != "wounded" for c in houses)


def test_analysis_incidents_a_reference_point_is_not_the_place(nlp: Language) -> None:
    text = (
        "Floods hit river towns\n"
        "Floods killed 14 people in a valley about 80 kilometres north of Lyon on Sunday, "
        "officials said.\n"
    )
    assert "Lyon" not in places_of(nlp, text, "2024-05-06")
    near = "Floods killed 14 people in Lyon on Sunday, officials said.\n"
    assert "Lyon" in places_of(nlp, near, "2024-05-06")


def test_analysis_incidents_a_persons_surname_is_not_the_town(nlp: Language) -> None:
    named = (
        "Clerk freed from jail\n"
        "Kim Davis, a county clerk in Kentucky, refused to issue licences for weeks. "
        "When Davis was released from jail on Monday, a senator went to meet her.\n"
    )
    assert "Davis" not in places_of(nlp, named, "2015-09-20")  # the clerk, named in full before
    town = "Senator visits clerk\nA senator went to meet the county clerk in Davis on Monday.\n"
    assert "Davis" in places_of(nlp, town, "2015-09-20")
