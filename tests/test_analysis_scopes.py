"""What stretch of events a figure counts: hand-written news through the full pipeline."""

from __future__ import annotations

import pytest
from spacy.language import Language

from analysed import analyse_text, claim_of
from storyline.models import ArticleAnalysis

pytestmark = pytest.mark.slow


def run(nlp: Language, text: str, published: str | None = "2014-03-05") -> ArticleAnalysis:
    return analyse_text(nlp, text, published, "s1")


def test_analysis_scopes_an_indefinite_lead_is_news_after_a_recalled_headline(
    nlp: Language,
) -> None:
    text = (
        "Quake shakes island devastated by 1992 tsunami\n\n"
        "AN EARTHQUAKE killed nine villagers and injured 40 people on the island.\n"
        "The quake destroyed dozens of homes.\n"
        "In 1992 a huge tsunami killed 2,000 people on the island.\n"
    )
    analysis = run(nlp, text)
    killed, wounded = claim_of(analysis, 9), claim_of(analysis, 40)
    assert killed.scope.kind == wounded.scope.kind == "incident"
    assert killed.incident == wounded.incident
    recalled = {m.incident for m in analysis.incidents if m.background}
    assert recalled and killed.incident not in recalled
    # a dated indefinite mention may go on telling the recalled incident
    assert claim_of(analysis, 2000).scope.kind == "background"
    assert recalled == {claim_of(analysis, 2000).incident}


MARKET = (
    "Jets strike market in northern town\n\n"
    "Jets struck a market in the town of Saraqeb on Monday, killing 14 people.\n"
    "The strike on the market, which also wounded 60 people, was the deadliest of the "
    "offensive so far.\n"
    "At least 12 people were killed in the market, pushing the toll above 900 since the war "
    "began in 2012.\n"
    "Since fighting began in March, tens of thousands of civilians have fled the region.\n"
    "The camp near the border now holds more than 8,000 refugees who fled the fighting in "
    "the north.\n"
    "A second strike killed nine refugees who had fled the war.\n"
)


@pytest.fixture(scope="module")
def market(nlp: Language) -> ArticleAnalysis:
    return run(nlp, MARKET)


def test_analysis_scopes_a_describing_clause_is_told_with_its_noun(
    market: ArticleAnalysis,
) -> None:
    # "so far" belongs to "the deadliest", not to the strike that wounded 60
    assert claim_of(market, 60).scope.kind == "incident"
    assert claim_of(market, 60).incident == claim_of(market, 14).incident


def test_analysis_scopes_a_period_in_a_clause_beside_the_figure_is_not_its_own(
    market: ArticleAnalysis,
) -> None:
    assert claim_of(market, 12).scope.kind == "incident"
    total = claim_of(market, 900)
    assert total.scope.kind == "period" and total.scope.start == "2012"


def test_analysis_scopes_since_opens_a_period_however_it_is_parsed(
    market: ArticleAnalysis,
) -> None:
    assert claim_of(market, 20000).scope.kind == "period"


def test_analysis_scopes_people_who_fled_a_war_are_counted_over_it(
    market: ArticleAnalysis,
) -> None:
    refugees = claim_of(market, 8000)
    assert refugees.measure == "displaced"
    assert refugees.scope.kind == "period" and refugees.incident is None


def test_analysis_scopes_refugees_killed_are_an_incidents_toll(market: ArticleAnalysis) -> None:
    killed = claim_of(market, 9)
    assert killed.measure == "killed"
    assert killed.scope.kind == "incident"
    assert killed.incident not in (None, claim_of(market, 14).incident)


def test_analysis_scopes_people_sheltering_are_displaced_by_the_incident(nlp: Language) -> None:
    text = (
        "Floods hit river valley\n\n"
        "Floods swept through the valley on Tuesday, killing three people.\n"
        "About 400 villagers had taken shelter in a school, officials said.\n"
        "The camp upstream is home to 9,000 refugees, many of whom fled air raids and famine "
        "conditions in the south.\n"
    )
    analysis = run(nlp, text)
    sheltering = claim_of(analysis, 400)
    assert sheltering.measure == "displaced"
    assert sheltering.scope.kind == "incident"
    assert sheltering.incident == claim_of(analysis, 3).incident
    camp = claim_of(analysis, 9000)  # famine is among the things they fled
    assert camp.scope.kind == "period" and camp.incident is None


def test_analysis_scopes_a_figure_inside_since_tells_what_opened_the_period(
    nlp: Language,
) -> None:
    text = (
        "Quake jolts coast\n\n"
        "A strong quake jolted the coast on Monday, injuring 12 people.\n"
        "The region has had hundreds of tremors since the 2004 tsunami killed 170,000 people "
        "there.\n"
    )
    analysis = run(nlp, text)
    recalled = claim_of(analysis, 170000)
    assert recalled.scope.kind == "background"
    assert recalled.incident != claim_of(analysis, 12).incident


def test_analysis_scopes_a_regional_incident_told_from_several_places_stays_one(
    nlp: Language,
) -> None:
    text = (
        "Quake strikes mountain province\n\n"
        "A strong earthquake struck the mountain province on Tuesday, killing five people.\n"
        "In a nearby village a landslide buried a farm, killing one man, police said.\n"
        '"A woman was at the market when a landslide caused by the quake hit the road," '
        "a witness said.\n"
        "Another quake struck the coast, injuring four people.\n"
    )
    analysis = run(nlp, text)
    quake = claim_of(analysis, 5).incident
    assert quake is not None
    assert claim_of(analysis, 1).incident == quake  # "a landslide" in the quake's province
    told = {m.incident for m in analysis.incidents if m.trigger == "landslide"}
    assert told == {quake}  # "a landslide caused by the quake" points back
    assert claim_of(analysis, 4).incident not in (None, quake)  # "another quake" is new


def test_analysis_scopes_an_undated_article_writes_a_year_only_for_another_years_events(
    nlp: Language,
) -> None:
    text = (
        "Strong quake rocks port city\n\n"
        "A strong quake rocked the port city on Tuesday, injuring 30 people.\n"
        "The last big quake there struck on Oct. 10, 2002, killing three people.\n"
    )
    analysis = run(nlp, text, None)
    assert analysis.article.published.given is None
    assert claim_of(analysis, 30).scope.kind == "incident"
    assert claim_of(analysis, 3).scope.kind == "background"


def test_analysis_scopes_a_participle_after_the_figure_keeps_its_measure(nlp: Language) -> None:
    text = (
        "Blast hits embassy\n\n"
        "Six people were also killed and at least 58 injured in a car bomb attack on Friday.\n"
        "More than 100 people have been killed and more than 1,000 others wounded in the blasts.\n"
        "Artillery shells killed 12 people sheltering in a mosque on Monday.\n"
    )
    analysis = run(nlp, text)
    assert claim_of(analysis, 58).measure == "wounded"
    assert claim_of(analysis, 1000).measure == "wounded"
    assert claim_of(analysis, 12).measure == "killed"  # "sheltering" only describes them


def test_analysis_scopes_a_toll_told_about_a_recalled_attack_is_its_own(nlp: Language) -> None:
    text = (
        "Suspect charged\n\n"
        "He is also charged in three attacks in the city, including the 1996 bombing that "
        "killed one person.\n"
    )
    analysis = run(nlp, text, "1999-05-06")
    toll = claim_of(analysis, 1)
    assert toll.scope.kind == "background"
    bombing = {m.incident for m in analysis.incidents if m.trigger == "bombing"}
    assert bombing == {toll.incident}


def test_analysis_scopes_a_war_described_by_its_toll_is_a_period(nlp: Language) -> None:
    text = (
        "Shelling hits town\n\n"
        "Shelling hit the town on Monday, killing four people.\n"
        "Aid groups warned about the war, which has killed more than 5,000 people.\n"
    )
    analysis = run(nlp, text)
    assert claim_of(analysis, 4).scope.kind == "incident"
    assert claim_of(analysis, 5000).scope.kind == "period"
