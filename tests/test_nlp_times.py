"""The ``storyline_times`` component on a blank pipeline: finding and normalising times.

These cases need no statistical model: the rules find and resolve the
expressions, and without a parser the tense comes from cue words. The cases
that need the parser or the entity recogniser are in
``test_nlp_times_pipeline.py``.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
import spacy
from spacy.language import Language

from storyline.nlp.components import times as times_component
from storyline.nlp.extensions import TIMES

Found = tuple[str, str, str | None]


@pytest.fixture(scope="module")
def blank() -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe(times_component.NAME)
    return nlp


@pytest.fixture(scope="module")
def find(blank: Language) -> Callable[[str, str | None], list[Found]]:
    def run(text: str, published: str | None = "2025-09-04") -> list[Found]:
        doc = blank.make_doc(text)
        doc._.storyline_published = published
        doc = blank(doc)
        return [(s.text, s.label_, s._.storyline_value) for s in doc.spans[TIMES]]

    return run


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The meeting was held on October 17, 2023.", ("October 17, 2023", "DATE", "2023-10-17")),
        ("A pact was signed in June 2024.", ("June 2024", "DATE", "2024-06")),
        ("Dated 4 September 2025 in Beijing.", ("4 September 2025", "DATE", "2025-09-04")),
        ("It ended Sept. 27, 1989.", ("Sept. 27, 1989", "DATE", "1989-09-27")),
        ("It ended Aug. 7 , 1998 in Nairobi.", ("Aug. 7 , 1998", "DATE", "1998-08-07")),
        ("The file is dated 2024-03-05.", ("2024-03-05", "DATE", "2024-03-05")),
        ("They met in 1998.", ("1998", "DATE", "1998")),
        ("It has grown since 2014.", ("2014", "DATE", "2014")),
        ("Before the 2024 election the party split.", ("2024", "DATE", "2024")),
        ("Growth slowed in mid-1996.", ("mid-1996", "DATE", "1996")),
        ("Results for fiscal 1989 were weak.", ("fiscal 1989", "DATE", "1989")),
        ("It was popular in the 1990s.", ("the 1990s", "DATE", "199")),
        ("It was built in the 20th century.", ("the 20th century", "DATE", "19")),
        ("They met in the summer of 1994.", ("the summer of 1994", "DATE", "1994-SU")),
        (
            "Sales fell in the third quarter of 1989.",
            ("the third quarter of 1989", "DATE", "1989-Q3"),
        ),
        ("It was recorded in the year two thousand.", ("the year two thousand", "DATE", "2000")),
        ("The pact dates from nineteen ninety-six.", ("nineteen ninety-six", "DATE", "1996")),
        (
            "They fled in the winter of nineteen ninety-four.",
            ("the winter of nineteen ninety-four", "DATE", "1994-WI"),
        ),
        (
            "January nineteen ninety-seven. A bomb went off.",
            ("January nineteen ninety-seven", "DATE", "1997-01"),
        ),
    ],
)
def test_nlp_times_absolute_dates(
    find: Callable[[str, str | None], list[Found]], text: str, expected: Found
) -> None:
    assert find(text, "2025-09-04") == [expected]


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # the year comes from the article's date, the nearest occurrence winning
        ("On September 3, the leaders met.", "2025-09-04", ("September 3", "2025-09-03")),
        ("The dividend is payable Jan. 2.", "1989-11-02", ("Jan. 2", "1990-01-02")),
        ("In March, the company said it had lost money.", "1989-11-02", ("March", "1989-03")),
        ("Troops arrive this October.", "2025-09-04", ("this October", "2025-10")),
        ("It happened last March.", "2025-09-04", ("last March", "2025-03")),
        ("It happened last October.", "2025-09-04", ("last October", "2024-10")),
        ("Sales fell last year.", "2025-09-04", ("last year", "2024")),
        ("Sales rise next month.", "2025-09-04", ("next month", "2025-10")),
        ("It failed last week.", "2025-09-04", ("last week", "2025-W35")),
        ("He left two years ago.", "2025-09-04", ("two years ago", "2023")),
        ("He left five months ago.", "1998-03-31", ("five months ago", "1997-10")),
        ("It rained yesterday.", "2025-09-04", ("yesterday", "2025-09-03")),
        ("Prices rose earlier this year.", "2025-09-04", ("earlier this year", "2025")),
        ("Police said the attack came Friday.", "1998-08-08", ("Friday", "1998-08-07")),
        ("Officials said Friday that talks failed.", "1998-08-07", ("Friday", "1998-08-07")),
        ("The leaders will meet on Thursday.", "2025-09-04", ("Thursday", "2025-09-04")),
        ("The leaders will meet on Monday.", "2025-09-04", ("Monday", "2025-09-08")),
        ("The parade kicks off this Wednesday.", "2025-09-01", ("this Wednesday", "2025-09-03")),
        ("They met last summer.", "2025-09-04", ("last summer", "2024-SU")),
        ("Profit rose in the third quarter.", "1989-11-02", ("the third quarter", "1989-Q3")),
        ("Profit in the latest quarter fell.", "1989-11-02", ("the latest quarter", "1989-Q3")),
        ("It was the best year in the past decade.", "1998-02-06", ("the past decade", "198")),
        ("She spoke this morning.", "1998-02-06", ("this morning", "1998-02-06TMO")),
        ("He called last night.", "1998-01-20", ("last night", "1998-01-19TNI")),
        (
            "The blast came at 10:30 a.m. local time.",
            "1998-08-07",
            ("10:30 a.m. local time", "1998-08-07T10:30"),
        ),
    ],
)
def test_nlp_times_resolve_against_the_article_date(
    find: Callable[[str, str | None], list[Found]],
    text: str,
    published: str,
    expected: tuple[str, str],
) -> None:
    assert [(text, value) for text, _, value in find(text, published)] == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The talks lasted more than an hour and a half.",
            ("more than an hour and a half", "PT1H30M"),
        ),
        ("Gas will flow over the next three decades.", ("the next three decades", "P30Y")),
        ("It marks 80 years since the war.", ("80 years", "P80Y")),
        ("They signed a two-year deal.", ("two-year", "P2Y")),
        ("The clip lasts a minute and a half.", ("a minute and a half", "PT1M30S")),
        ("Sales fell in the past three months.", ("the past three months", "P3M")),
        ("The loan runs 2 1/2 years.", ("2 1/2 years", "P2Y6M")),
        ("They waited several weeks.", ("several weeks", "PXW")),
    ],
)
def test_nlp_times_durations(
    find: Callable[[str, str | None], list[Found]], text: str, expected: tuple[str, str]
) -> None:
    assert find(text, "2025-09-04") == [(expected[0], "DURATION", expected[1])]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The board meets every month.", ("every month", "P1M")),
        ("They train twice a week.", ("twice a week", "P1W")),
        ("The market opens each Thursday.", ("each Thursday", "XXXX-WXX-4")),
        ("The fee is $5 a year.", ("a year", "P1Y")),
        ("The paper is published daily.", ("daily", "XXXX-XX-XX")),
        ("The club meets on Tuesdays.", ("Tuesdays", "XXXX-WXX-2")),
    ],
)
def test_nlp_times_sets(
    find: Callable[[str, str | None], list[Found]], text: str, expected: tuple[str, str]
) -> None:
    assert find(text, "2025-09-04") == [(expected[0], "SET", expected[1])]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Prices are high now.", ("now", "PRESENT_REF")),
        ("The firm currently employs 40 people.", ("currently", "PRESENT_REF")),
        ("The firm recently hired staff.", ("recently", "PAST_REF")),
        ("Troops had, in recent months, arrived.", ("recent months", "PAST_REF")),
        ("A deal may come soon.", ("soon", "FUTURE_REF")),
        ("Rates will fall in the near future.", ("the near future", "FUTURE_REF")),
    ],
)
def test_nlp_times_vague_references(
    find: Callable[[str, str | None], list[Found]], text: str, expected: tuple[str, str]
) -> None:
    assert find(text, "2025-09-04") == [(expected[0], "DATE", expected[1])]


@pytest.mark.parametrize(
    "text",
    [
        "Another 2,700 soldiers were injured.",
        "Over 15,000 North Korean troops have been deployed.",
        "Authorities will release more than 80,000 peace doves.",
        "They sent 2000 troops to the border.",
        "The party won by 2000 votes.",
        "Turnout rose by 2000 in the city.",
        "Imports reached 1998 tons.",
        "Apple is hiring more people, going from 1000 to 2000 hires.",
        "The car might push past the 1000 hp barrier.",
        "A total of 1995 people signed.",
        "Experts worry that Russia may consider the offer.",
        "Thousands joined a protest march downtown.",
        "A 45-year-old man was arrested.",
        "The suspect, 52 years old, was charged.",
        "Children under the age of 5 years died.",
        "Shares fell on Black Monday.",
        "She writes for the Sunday Times.",
        "He told USA Today about the plan.",
        "June Carter sang.",
        "The fall of the city shocked Europe.",
        "It rose as soon as trading opened.",
        "The boy is 12 years of age.",
        "The tapes from the night the plane went down were released.",
        "He read the morning paper.",
    ],
)
def test_nlp_times_leaves_quantities_and_names_alone(
    find: Callable[[str, str | None], list[Found]], text: str
) -> None:
    assert find(text, "2025-09-04") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The vote is in May.", ("May", "2025-05")),
        ("The vote was held on May 5.", ("May 5", "2024-05-05")),
        ("Talks resumed in May 2024.", ("May 2024", "2024-05")),
        ("Talks will resume early March.", ("early March", "2025-03")),
    ],
)
def test_nlp_times_may_and_march_need_a_date_context(
    find: Callable[[str, str | None], list[Found]], text: str, expected: tuple[str, str]
) -> None:
    assert [(t, v) for t, _, v in find(text, "2025-02-04")] == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("On September 3, the leaders met.", ("September 3", "XXXX-09-03")),
        ("They parade on Wednesday.", ("Wednesday", "XXXX-WXX-3")),
        ("Troops arrive this October.", ("this October", "XXXX-10")),
    ],
)
def test_nlp_times_without_a_date_keep_what_the_text_says(
    find: Callable[[str, str | None], list[Found]], text: str, expected: tuple[str, str]
) -> None:
    assert [(t, v) for t, _, v in find(text, None)] == [expected]


def test_nlp_times_dates_an_undated_article_from_its_content(blank: Language) -> None:
    doc = blank.make_doc(
        "The summit was held on October 17, 2023. A pact was signed in June 2024. "
        "The parade will mark 80 years since the end of World War II."
    )
    doc = blank(doc)
    assert doc._.storyline_published == "2025"
    assert doc._.storyline_published_basis == "content"
    assert "World War II" in doc._.storyline_published_reason


def test_nlp_times_dates_from_the_latest_past_reference(blank: Language) -> None:
    doc = blank(blank.make_doc("The treaty was signed on March 3, 2019, and ratified in May 2020."))
    assert (doc._.storyline_published, doc._.storyline_published_basis) == ("2020-05", "content")
    values = {s.text: s._.storyline_value for s in doc.spans[TIMES]}
    assert values == {"March 3, 2019": "2019-03-03", "May 2020": "2020-05"}


@pytest.mark.parametrize(
    ("text", "published", "partial"),
    [
        # a past event only bounds the date from below: "April" stays without a year
        (
            "The treaty was signed on March 3, 2019. The raid came in April.",
            "2019-03-03",
            "XXXX-04",
        ),
        # an anniversary gives the article's year: "September 3" is in it
        (
            "The parade marked 80 years since the end of World War II. It was held on September 3.",
            "2025",
            "2025-09-03",
        ),
    ],
)
def test_nlp_times_resolve_against_a_content_date_only_when_it_is_the_articles_own(
    blank: Language, text: str, published: str, partial: str
) -> None:
    doc = blank(blank.make_doc(text))
    assert (doc._.storyline_published, doc._.storyline_published_basis) == (published, "content")
    last = doc.spans[TIMES][-1]
    assert last._.storyline_value == partial


def test_nlp_times_keeps_a_given_date(blank: Language) -> None:
    doc = blank.make_doc("A pact was signed in June 2024.")
    doc._.storyline_published = "2025-09-04"
    doc._.storyline_published_basis = "metadata"
    doc = blank(doc)
    assert (doc._.storyline_published, doc._.storyline_published_basis) == (
        "2025-09-04",
        "metadata",
    )


def test_nlp_times_leaves_undated_articles_without_clues_undated(blank: Language) -> None:
    doc = blank(blank.make_doc("Troops arrive this October, officials said."))
    assert doc._.storyline_published is None
    assert doc._.storyline_published_basis == "unknown"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He has lived there for years.", ("years", "PXY")),
        ("Troops will arrive within weeks.", ("weeks", "PXW")),
        ("He died within weeks or months of his capture.", ("weeks or months", "PXW")),
        ("Over the years, prices rose.", ("the years", "PXY")),
        ("The city was ruled for centuries by others.", ("centuries", "PXC")),
        ("It has been decades since the war.", ("decades", "PXE")),
        ("The merger follows months of talks.", ("months", "PXM")),
        ("It was the first profit in years.", ("years", "PXY")),
    ],
)
def test_nlp_times_plural_units_without_a_number_are_vague_durations(
    find: Callable[[str, str | None], list[Found]], text: str, expected: tuple[str, str]
) -> None:
    assert find(text, "2025-09-04") == [(expected[0], "DURATION", expected[1])]


@pytest.mark.parametrize(
    "text",
    ["They met on days of the week.", "Stay for three years.", "Years of the war were hard."],
)
def test_nlp_times_plural_units_defer_to_counts_and_calendar_phrases(
    find: Callable[[str, str | None], list[Found]], text: str
) -> None:
    assert all(value != "PXD" and value != "PXY" for _, _, value in find(text, "2025-09-04"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 4 September 2025 is a Thursday; the part of day takes the last day named
        ("Shares fell Monday. Dealers sold in the morning.", ("the morning", "2025-09-01TMO")),
        ("By mid afternoon, the fighting had stopped.", ("mid afternoon", "2025-09-04TAF")),
        ("That night, the rebels attacked.", ("That night", "2025-09-04TNI")),
        ("Stocks fell in mid-afternoon yesterday.", ("mid-afternoon yesterday", "2025-09-03TAF")),
    ],
)
def test_nlp_times_parts_of_the_day(
    find: Callable[[str, str | None], list[Found]], text: str, expected: tuple[str, str]
) -> None:
    assert (expected[0], "TIME", expected[1]) in find(text, "2025-09-04")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The deal should close by year end.", ("year end", "2025")),
        ("Demand should stay strong well into the summer.", ("the summer", "2025-SU")),
    ],
)
def test_nlp_times_year_end_and_seasons_after_into(
    find: Callable[[str, str | None], list[Found]], text: str, expected: tuple[str, str]
) -> None:
    assert find(text, "2025-09-04") == [(expected[0], "DATE", expected[1])]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Net in the third quarter rose to $5 million from $3 million a year ago.",
            [("the third quarter", "DATE", "1989-Q3"), ("a year ago", "DATE", "1988-Q3")],
        ),
        (
            "Net in the third quarter rose. In 1985 it lost money; a year ago it broke even.",
            [
                ("the third quarter", "DATE", "1989-Q3"),
                ("1985", "DATE", "1985"),
                ("a year ago", "DATE", "1988"),
            ],
        ),
        (
            "Net in the third quarter rose. Two years ago it broke even.",
            [("the third quarter", "DATE", "1989-Q3"), ("Two years ago", "DATE", "1987")],
        ),
    ],
)
def test_nlp_times_a_year_ago_in_results_news_is_the_same_quarter(
    find: Callable[[str, str | None], list[Found]], text: str, expected: list[Found]
) -> None:
    assert find(text, "1989-10-30") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The machines of today are faster.", ("today", "DATE", "PRESENT_REF")),
        ("Today's computers are small.", ("Today", "DATE", "PRESENT_REF")),
        ("The leaders of tomorrow are at school.", ("tomorrow", "DATE", "FUTURE_REF")),
        # the day itself
        ("Today's vote was cancelled.", ("Today", "DATE", "2025-09-04")),
        ("The rules apply as of today.", ("today", "DATE", "2025-09-04")),
        ("The end of today is the deadline.", ("today", "DATE", "2025-09-04")),
        ("He said today that he would resign.", ("today", "DATE", "2025-09-04")),
    ],
)
def test_nlp_times_today_as_the_present_age(
    find: Callable[..., list[Found]], text: str, expected: Found
) -> None:
    assert find(text) == [expected]


@pytest.fixture(scope="module")
def ranges(blank: Language) -> Callable[[str, str], list[tuple[str, str | None, object]]]:
    def run(text: str, published: str = "2025-09-04") -> list[tuple[str, str | None, object]]:
        doc = blank.make_doc(text)
        doc._.storyline_published = published
        doc = blank(doc)
        return [(s.text, s._.storyline_value, s._.storyline_range) for s in doc.spans[TIMES]]

    return run


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        (
            "The two sides have fought for the past eight years.",
            "2025-09-04",
            ("the past eight years", "P8Y", ("2017-09-04", "2025-09-04")),
        ),
        (
            "Talks continue over the next two weeks.",
            "2025-09-04",
            ("the next two weeks", "P2W", ("2025-09-04", "2025-09-18")),
        ),
        (
            "The mayor served for the past eight years.",
            "2025-09",
            ("the past eight years", "P8Y", ("2017-09", "2025-09")),
        ),
        (
            "He has worked there for the last year.",
            "2025-09-04",
            ("the last year", "P1Y", ("2024-09-04", "2025-09-04")),
        ),
        # no anchor in the text: a length only
        ("He lived there for six years.", "2025-09-04", ("six years", "P6Y", None)),
        (
            "He spent the last three years of his life in Paris.",
            "2025-09-04",
            ("the last three years", "P3Y", None),
        ),
        # "for next year" names the year a figure is for
        ("It cut its forecast for next year.", "2025-09-04", ("next year", "2026", None)),
        ("Prices fell in the past year.", "2025-09-04", ("the past year", "2024", None)),
    ],
)
def test_nlp_times_anchored_durations_carry_their_range(
    ranges: Callable[..., list[tuple[str, str | None, object]]],
    text: str,
    published: str,
    expected: tuple[str, str | None, object],
) -> None:
    assert ranges(text, published) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The trial will last a month.", ("a month", "DURATION", "P1M")),
        ("A three-year plan was approved.", ("three-year", "DURATION", "P3Y")),
        ("The talks lasted three years.", ("three years", "DURATION", "P3Y")),
        ("She spent a month in hospital.", ("a month", "DURATION", "P1M")),
        ("Within a week the rebels had gone.", ("a week", "DURATION", "P1W")),
    ],
)
def test_nlp_times_lengths_are_not_dates(
    find: Callable[..., list[Found]], text: str, expected: Found
) -> None:
    assert find(text) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Net income rose in the third quarter. In the 2024 period, it earned $4 million. "
            "The year-earlier results included a charge.",
            ["2025-Q3", "2024-Q3", "2024-Q3"],
        ),
        (
            "Net income rose in the third quarter. The year-earlier results included a charge.",
            ["2025-Q3", "2024-Q3"],
        ),
        ("Sales rose in 2023. Year-earlier sales were lower.", ["2023", "2022"]),
    ],
)
def test_nlp_times_year_earlier_period_is_counted_once(
    find: Callable[..., list[Found]], text: str, expected: list[str]
) -> None:
    assert [value for _, _, value in find(text, "2025-10-20")] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The war began in 1990. That year, prices rose.", ["1990", "1990"]),
        ("He was held on June 3, 2021 and freed the same day.", ["2021-06-03", "2021-06-03"]),
        ("In March 2020 the schools closed. That month, cases doubled.", ["2020-03", "2020-03"]),
    ],
)
def test_nlp_times_that_year_is_the_year_last_named(
    find: Callable[..., list[Found]], text: str, expected: list[str]
) -> None:
    assert [value for _, _, value in find(text)] == expected
