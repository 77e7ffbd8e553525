"""``storyline_times`` after the English tagger, parser and entity recogniser.

Here the parse decides the tense (``met Monday`` is behind the article's
date, ``will meet Thursday`` ahead of it), part-of-speech tags tell a year
from a count, and the example articles are read end to end.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from conftest import MakeNlp
from storyline.nlp.components import times as times_component
from storyline.nlp.extensions import TIMES

pytestmark = pytest.mark.slow

Found = tuple[str, str, str | None]


@pytest.fixture(scope="module")
def english(make_nlp: MakeNlp) -> Language:
    return make_nlp([times_component.NAME])


@pytest.fixture(scope="module")
def analyse(english: Language) -> Callable[[str, str | None], Doc]:
    def run(text: str, published: str | None) -> Doc:
        doc = english.make_doc(text)
        doc._.storyline_published = published
        return english(doc)

    return run


def _found(doc: Doc) -> list[Found]:
    return [(s.text, s.label_, s._.storyline_value) for s in doc.spans[TIMES]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The king met Saddam on Monday.", ("Monday", "1990-08-13")),
        ("The monarch will meet Bush on Thursday.", ("Thursday", "1990-08-16")),
        ("The offer had been due to expire Friday.", ("Friday", "1990-08-10")),
        ("The offer is due to expire Friday.", ("Friday", "1990-08-17")),
        ("Its stock slumped, closing unchanged Friday.", ("Friday", "1990-08-10")),
        ("The contract was extended to Aug. 31.", ("Aug. 31", "1990-08-31")),
        ("The vote is scheduled for Tuesday.", ("Tuesday", "1990-08-21")),
        ("The report is expected Friday.", ("Friday", "1990-08-17")),
        # a month naming which agreement: the nearest June, not the one "to sell" looks to
        ("It is trying to sell itself under a June agreement.", ("June", "1990-06")),
        ("It is trying to sell itself in June.", ("June", "1991-06")),
    ],
)
def test_nlp_times_pipeline_reads_tense_from_the_parse(
    analyse: Callable[[str, str | None], Doc], text: str, expected: tuple[str, str]
) -> None:
    # 15 August 1990 was a Wednesday.
    assert [(t, v) for t, _, v in _found(analyse(text, "1990-08-15"))] == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It cited costs from its 1988 recapitalization.", [("1988", "DATE", "1988")]),
        ("The measure passed with 1500 votes.", []),
        ("Officials counted 1995 ballots by hand.", []),
        (
            "Profits will shrink in both 2026 and 2027.",
            [("2026", "DATE", "2026"), ("2027", "DATE", "2027")],
        ),
    ],
)
def test_nlp_times_pipeline_tells_years_from_counts(
    analyse: Callable[[str, str | None], Doc], text: str, expected: list[Found]
) -> None:
    assert _found(analyse(text, "1998-03-01")) == expected


@pytest.fixture(scope="module")
def seed(seeds_dir: Path, analyse: Callable[[str, str | None], Doc]) -> Callable[[str], Doc]:
    def run(prefix: str, published: str | None = None) -> Doc:
        path = next(seeds_dir.glob(f"{prefix}_*.txt"))
        return analyse(path.read_text(encoding="utf-8"), published)

    return run


def test_nlp_times_pipeline_seed_001_resolves_against_its_dateline(
    seed: Callable[..., Doc],
) -> None:
    values = {(t, v) for t, _, v in _found(seed("001", "2025-09-04"))}
    assert ("September 3", "2025-09-03") in values
    assert ("more than an hour and a half", "PT1H30M") in values


def test_nlp_times_pipeline_seed_002_is_dated_from_its_content(seed: Callable[..., Doc]) -> None:
    doc = seed("002")
    values = {(t, v) for t, _, v in _found(doc)}
    assert {("October 17, 2023", "2023-10-17"), ("June 2024", "2024-06")} <= values
    assert ("80 years", "P80Y") in values
    assert ("the next three decades", "P30Y") in values
    assert (doc._.storyline_published, doc._.storyline_published_basis) == ("2025", "content")
    assert not any(t in {"15,000", "50,000", "80,000", "600"} for t, _, _ in _found(doc))


def test_nlp_times_pipeline_seed_000_reports_no_quantity_as_a_time(
    seed: Callable[..., Doc],
) -> None:
    doc = seed("000")
    assert ("this October", "DATE", "XXXX-10") in _found(doc)
    numbers = {"4,000", "10,000", "12,000", "300", "2,700", "1,200"}
    assert not any(number in text for text, _, _ in _found(doc) for number in numbers)
    assert doc._.storyline_published is None


# 4 September 2025 was a Thursday.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a bare month follows the tense of its verb, even when the nearest one lies ahead
        ("The ship sank in October, officials said.", ("October", "2024-10")),
        ("The firm changed its auditor in December.", ("December", "2024-12")),
        # ... or behind
        ("The plant will close in August.", ("August", "2026-08")),
        ("The museum will reopen in May.", ("May", "2026-05")),
        # the present takes the nearest one
        ("The new rules take effect in March.", ("March", "2026-03")),
        # a deadline or a plan in a past sentence may still lie ahead
        ("The lender gave the firm until mid-October to pay.", ("mid-October", "2025-10")),
        ("The bank created a new office, effective Nov. 20.", ("Nov. 20", "2025-11-20")),
        # schedules and plans point forward
        ("The club said the final kicks off on Sunday.", ("Sunday", "2025-09-07")),
        ("The report is due on Monday.", ("Monday", "2025-09-08")),
        ("The talks resume on Tuesday.", ("Tuesday", "2025-09-09")),
        # reports of what happened point back
        ("The team won on Tuesday.", ("Tuesday", "2025-09-02")),
        ("The minister has resigned on Monday.", ("Monday", "2025-09-01")),
        ("The guests stayed at the hotel until Tuesday.", ("Tuesday", "2025-09-02")),
        # "since" looks back, even under an infinitive
        ("The firm has been trying to buy its rival since December.", ("December", "2024-12")),
        # a thing planned lies ahead of the clause around it...
        ("Voters will attend a rally set for Saturday.", ("Saturday", "2025-09-06")),
        ("The council confirmed the slated opening in October.", ("October", "2025-10")),
        ("The union has scheduled a strike Friday.", ("Friday", "2025-09-05")),
        # ... or, reported in the past, on whichever side is nearer
        ("Fans planned a march on Friday.", ("Friday", "2025-09-05")),
        ("A concert planned for Tuesday was cancelled.", ("Tuesday", "2025-09-02")),
        ("The trial was planned for early October.", ("early October", "2025-10")),
        # the plan's own date stays in the past
        ("On Wednesday, the mayor planned to leave the city.", ("Wednesday", "2025-09-03")),
        ("Her record set on Aug. 30 still stands.", ("Aug. 30", "2025-08-30")),
        # a deadline moved on, a possibility, a clause of time under a future
        ("The court postponed until Monday its ruling on the case.", ("Monday", "2025-09-08")),
        ("The envoy might arrive as soon as Tuesday.", ("Tuesday", "2025-09-09")),
        (
            "Traders were likely to sell as soon as the market opened Monday.",
            ("Monday", "2025-09-08"),
        ),
    ],
)
def test_nlp_times_pipeline_points_bare_names_by_tense(
    analyse: Callable[[str, str | None], Doc], text: str, expected: tuple[str, str]
) -> None:
    assert [(t, v) for t, _, v in _found(analyse(text, "2025-09-04"))] == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a perfect verb or "over" makes it a stretch up to now...
        ("The company has struggled in recent months.", ("recent months", "DURATION", "PXM")),
        ("Prices will fall over the coming weeks.", ("the coming weeks", "DURATION", "PXW")),
        ("Sales rose over recent years.", ("recent years", "DURATION", "PXY")),
        # ... otherwise it only places the event
        ("The company struggled in recent months.", ("recent months", "DATE", "PAST_REF")),
        ("The economy will slow in coming months.", ("coming months", "DATE", "FUTURE_REF")),
        ("It bodes ill for coming quarters.", ("coming quarters", "DATE", "FUTURE_REF")),
        # the tags find the noun past its adjectives
        ("Today's personal computers are small.", ("Today", "DATE", "PRESENT_REF")),
    ],
)
def test_nlp_times_pipeline_tells_stretches_from_references(
    analyse: Callable[[str, str | None], Doc], text: str, expected: Found
) -> None:
    assert _found(analyse(text, "2025-09-04")) == [expected]


def test_nlp_times_pipeline_a_participle_under_a_future_verb_looks_ahead(
    analyse: Callable[[str, str | None], Doc],
) -> None:
    text = "The sector is going to start getting hit hard in the spring."
    found = _found(analyse(text, "2025-02-06"))
    assert [(t, v) for t, _, v in found] == [("the spring", "2025-SP")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # announced on a Thursday: the kick-off is the coming Sunday
        (
            "The club said on Thursday that the final kicks off at 20:00 on Sunday.",
            [("Thursday", "2025-09-04"), ("20:00 on Sunday", "2025-09-07T20:00")],
        ),
        ("The polls close at 08:00.", [("08:00", "2025-09-04T08:00")]),
        ("The score was 10:30 at half-time.", []),
    ],
)
def test_nlp_times_pipeline_reads_24_hour_clock_times(
    analyse: Callable[[str, str | None], Doc], text: str, expected: list[tuple[str, str]]
) -> None:
    assert [(t, v) for t, _, v in _found(analyse(text, "2025-09-04"))] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a second comparison with the year before names the same period, not one further back
        (
            "Profit rose to $8 million from $6 million a year ago. Over the nine months, "
            "costs climbed 4%, compared with a year earlier.",
            ["2024", "P9M", "2024"],
        ),
        (
            "Net income rose in the third quarter. Sales grew 5% from a year earlier. "
            "Costs fell 2% from a year earlier.",
            ["2025-Q3", "2024-Q3", "2024-Q3"],
        ),
        # a day inside the quarter keeps the quarter as what the text talks of
        (
            "For the quarter ended Sept. 30, profit doubled from a year earlier.",
            ["2025-Q3", "2025-09-30", "2024-Q3"],
        ),
        # a narrative still counts on from the date it last named
        ("The mill opened in 1990. A year later it closed.", ["1990", "1991"]),
        # with no date named before, "later" is a length, not a date after the article's
        ("Four years later, the mill closed.", ["P4Y"]),
    ],
)
def test_nlp_times_pipeline_year_back_comparisons(
    analyse: Callable[[str, str | None], Doc], text: str, expected: list[str]
) -> None:
    assert [v for _, _, v in _found(analyse(text, "2025-10-20"))] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It turned a profit after several quarters of losses.", [("several quarters", "PXQ")]),
        ("Two straight quarters of growth followed.", [("Two straight quarters", "P2Q")]),
        ("Five quarters of losses followed the slump.", [("Five quarters", "P5Q")]),
        ("Three quarters of the members voted for it.", []),
        ("Three quarters of voters agreed.", []),
        ("Three-quarters of voters agreed.", []),
    ],
)
def test_nlp_times_pipeline_quarters_as_lengths_and_fractions(
    analyse: Callable[[str, str | None], Doc], text: str, expected: list[tuple[str, str]]
) -> None:
    assert [(t, v) for t, _, v in _found(analyse(text, "2025-10-20"))] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a quarter ended in July runs May to July: mostly the second calendar quarter
        ("In the quarter ended July 31, the brewer sold more.", ("the quarter", "2025-Q2")),
        ("For the quarter ended Sept. 30, the miner lost money.", ("the quarter", "2025-Q3")),
        ("In the quarter ended Jan. 31, the retailer lost money.", ("the quarter", "2024-Q4")),
        (
            "Sales for this year's third quarter were $4 million.",
            ("this year's third quarter", "2025-Q3"),
        ),
        (
            "Revenue in last year's fourth quarter was flat.",
            ("last year's fourth quarter", "2024-Q4"),
        ),
        ("Shares were sold at the then current price.", ("then current", "PAST_REF")),
    ],
)
def test_nlp_times_pipeline_reporting_periods(
    analyse: Callable[[str, str | None], Doc], text: str, expected: tuple[str, str]
) -> None:
    assert next((t, v) for t, _, v in _found(analyse(text, "2025-10-20"))) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "It earned $2 million in the third quarter, against $1 million in the "
            "corresponding period last year.",
            ["2025-Q3", "2024-Q3"],
        ),
        (
            "Profit doubled in the second quarter. Sales for last year's quarter were lower.",
            ["2025-Q2", "2024-Q2"],
        ),
        ("Sales rose 4% in 2023 from the same period last year.", ["2023", "2022"]),
    ],
)
def test_nlp_times_pipeline_period_last_year_is_the_reported_one(
    analyse: Callable[[str, str | None], Doc], text: str, expected: list[str]
) -> None:
    assert [v for _, _, v in _found(analyse(text, "2025-10-20"))] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Repairs take two to six days.", [("two", "P2D"), ("six days", "P6D")]),
        ("The dispute may run two or three decades.", [("two", "P20Y"), ("three decades", "P30Y")]),
        ("Both men are 25 or 30 years old.", []),
        ("The score was 3-2 after two days.", [("two days", "P2D")]),
    ],
)
def test_nlp_times_pipeline_range_of_lengths_has_two_ends(
    analyse: Callable[[str, str | None], Doc], text: str, expected: list[tuple[str, str]]
) -> None:
    assert [(t, v) for t, _, v in _found(analyse(text, "2025-10-20"))] == expected


def test_nlp_times_pipeline_quarter_compared_is_not_moved_on_to(
    analyse: Callable[[str, str | None], Doc],
) -> None:
    text = (
        "Profit in the latest quarter rose to $9 million from $7 million a year earlier. "
        "Prices were higher than a year ago."
    )
    assert [v for _, _, v in _found(analyse(text, "2025-10-20"))] == [
        "2025-Q3",
        "2024-Q3",
        "2024-Q3",
    ]


def test_nlp_times_pipeline_only_one_year_back_is_a_comparison(
    analyse: Callable[[str, str | None], Doc],
) -> None:
    text = "He left the firm two years ago. A year earlier, he had been promoted."
    assert [v for _, _, v in _found(analyse(text, "2025-10-20"))] == ["2023", "2022"]


def test_nlp_times_pipeline_the_day_after_a_named_day_is_not_tomorrow(
    analyse: Callable[[str, str | None], Doc],
) -> None:
    found = _found(analyse("Sales begin the day after Thanksgiving.", "2025-09-04"))
    assert ("the day after", "DATE", "2025-09-05") not in found
    assert _found(analyse("She had arrived the day before.", "2025-09-04")) == [
        ("the day before", "DATE", "2025-09-03")
    ]


def test_nlp_times_pipeline_a_past_clock_time_is_on_the_day_last_named(
    analyse: Callable[[str, str | None], Doc],
) -> None:
    text = "On Tuesday, a bomb went off in the market. The blast came at about 10:35 a.m."
    assert [v for _, _, v in _found(analyse(text, "2025-09-04"))] == [
        "2025-09-02",
        "2025-09-02T10:35",
    ]
    # with no day named, the article's; a coming one stays the article's day
    assert [v for _, _, v in _found(analyse("The quake struck at 2:45 p.m.", "2025-09-04"))] == [
        "2025-09-04T14:45"
    ]


# 4 September 2025 was a Thursday, in ISO week 36.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a weekday joined to one with "next" or "last" shares it
        (
            "The board meets next Tuesday and Wednesday.",
            [("next Tuesday", "DATE", "2025-09-09"), ("Wednesday", "DATE", "2025-09-10")],
        ),
        (
            "Talks ran last Monday or Tuesday.",
            [("last Monday", "DATE", "2025-09-01"), ("Tuesday", "DATE", "2025-09-02")],
        ),
        # a past midnight is the one that began the article's day; a coming one ends it
        (
            "Police said shots were fired after midnight.",
            [("after midnight", "TIME", "2025-09-03T24:00")],
        ),
        ("The offer expires at midnight.", [("midnight", "TIME", "2025-09-04T24:00")]),
        # a night in a past clause is the one before the article's day
        ("Prices fell overnight.", [("overnight", "TIME", "2025-09-03TNI")]),
        ("Talks will go on overnight.", [("overnight", "TIME", "2025-09-04TNI")]),
        # "last" as a verb, then a length
        ("The review could last months.", [("months", "DURATION", "PXM")]),
        # how late, not when
        ("The ship docked three days later than planned.", [("three days", "DURATION", "P3D")]),
        # "this weekend" in a past clause on a weekday is the one just gone, in a future
        # one the coming one
        ("Fans marched this weekend.", [("this weekend", "DATE", "2025-W35-WE")]),
        ("Fans will march this weekend.", [("this weekend", "DATE", "2025-W36-WE")]),
        # the halves and quarters of a game are no part of the year
        ("He scored twice in the second half.", []),
        ("The home side kicked a field goal in the fourth quarter.", []),
        ("Profit rose in the first half.", [("the first half", "DATE", "2025-H1")]),
    ],
)
def test_nlp_times_pipeline_reads_the_words_around_a_time(
    analyse: Callable[[str, str | None], Doc], text: str, expected: list[Found]
) -> None:
    assert _found(analyse(text, "2025-09-04")) == expected
