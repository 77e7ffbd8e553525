"""The ``storyline_quantities`` component: numbers, hedges, ranges, units, non-quantities."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Doc, Span

from conftest import MakeNlp
from storyline.models import Value
from storyline.nlp.components import quantities as quantity_component
from storyline.nlp.extensions import QUANTITIES, TIMES

Found = tuple[str, float | None, float | None, str, str | None]


@pytest.fixture(scope="module")
def parser(make_nlp: MakeNlp) -> Language:
    """The English tagger and parser, without the components under test."""
    return make_nlp(exclude=["ner"])


@pytest.fixture(scope="module")
def quantities(parser: Language) -> Callable[[Doc], Doc]:
    return parser.create_pipe(quantity_component.NAME)


@pytest.fixture(scope="module")
def find(parser: Language, quantities: Callable[[Doc], Doc]) -> Callable[[str], list[Found]]:
    def run(text: str) -> list[Found]:
        doc = quantities(parser(text))
        return [_found(span) for span in doc.spans[QUANTITIES]]

    return run


def _found(span: Span) -> Found:
    value: Value = span._.storyline_value
    return span.text, value.low, value.high, value.qualifier, span._.storyline_unit


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("They sent 2,700 soldiers.", ("2,700", 2700, 2700, "exact", "soldier")),
        ("They sent 1300 soldiers.", ("1300", 1300, 1300, "exact", "soldier")),
        ("It spent $1.2 million on roads.", ("$1.2 million", 1.2e6, 1.2e6, "exact", "usd")),
        ("The city has 3.5 million residents.", ("3.5 million", 3.5e6, 3.5e6, "exact", "resident")),
        ("The fund holds €10M in cash.", ("€10M", 1e7, 1e7, "exact", "eur")),
        ("Sales reached 2.7bn euros.", ("2.7bn euros", 2.7e9, 2.7e9, "exact", "eur")),
        ("They flew 12.5 km east.", ("12.5 km", 12.5, 12.5, "exact", "kilometre")),
    ],
)
def test_nlp_quantities_reads_digits(
    find: Callable[[str], list[Found]], text: str, expected: Found
) -> None:
    assert find(text) == [expected]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("They captured three thousand soldiers.", 3000),
        ("She bought a dozen eggs.", 12),
        ("There were twenty-six civilians on board.", 26),
        ("He wants a hundred and two of those books.", 102),
        ("They walked two and a half miles.", 2.5),
        ("A total of one hundred forty-two people came.", 142),
        ("About half a million people fled.", 500000),
    ],
)
def test_nlp_quantities_reads_written_numbers(
    find: Callable[[str], list[Found]], text: str, value: float
) -> None:
    found = find(text)
    assert len(found) == 1
    assert found[0][1] == pytest.approx(value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dozens of people were hurt.", ("Dozens", 24, None, "at_least", "people")),
        ("Hundreds of troops arrived.", ("Hundreds", 200, None, "at_least", "troop")),
        ("Thousands fled the city.", ("Thousands", 2000, None, "at_least", None)),
        (
            "Several thousand protesters marched.",
            ("Several thousand", 3000, None, "at_least", "protester"),
        ),
        (
            "Tens of thousands of refugees left.",
            ("Tens of thousands", 20000, None, "at_least", "refugee"),
        ),
        ("A few hundred soldiers stayed.", ("A few hundred", 200, None, "at_least", "soldier")),
    ],
)
def test_nlp_quantities_vague_amounts_are_low_bounds(
    find: Callable[[str], list[Found]], text: str, expected: Found
) -> None:
    assert find(text) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A third of the soldiers deserted.", ("A third", 1 / 3, 1 / 3, "exact", "fraction")),
        ("Nearly half of the town fled.", ("Nearly half", 0.5, 0.5, "approximately", "fraction")),
        ("Two-thirds of voters agreed.", ("Two-thirds", 2 / 3, 2 / 3, "exact", "fraction")),
        ("One in five adults smokes.", ("One in five", 0.2, 0.2, "exact", "fraction")),
    ],
)
def test_nlp_quantities_fractions_of_a_group(
    find: Callable[[str], list[Found]], text: str, expected: Found
) -> None:
    (found,) = find(text)
    assert found[0] == expected[0] and found[3:] == expected[3:]
    assert found[1] == pytest.approx(expected[1])
    assert found[2] == pytest.approx(expected[2])


@pytest.mark.parametrize(
    ("hedge", "qualifier", "low", "high"),
    [
        ("about", "approximately", 300, 300),
        ("around", "approximately", 300, 300),
        ("approximately", "approximately", 300, 300),
        ("roughly", "approximately", 300, 300),
        ("some", "approximately", 300, 300),
        ("nearly", "approximately", 300, 300),
        ("almost", "approximately", 300, 300),
        ("more than", "more_than", 300, None),
        ("over", "more_than", 300, None),
        ("upwards of", "more_than", 300, None),
        ("at least", "at_least", 300, None),
        ("up to", "up_to", None, 300),
        ("at most", "at_most", None, 300),
        ("no more than", "at_most", None, 300),
        ("fewer than", "less_than", None, 300),
        ("less than", "less_than", None, 300),
        ("under", "less_than", None, 300),
    ],
)
def test_nlp_quantities_hedges(
    find: Callable[[str], list[Found]], hedge: str, qualifier: str, low: float, high: float
) -> None:
    assert find(f"Officials counted {hedge} 300 soldiers.") == [
        (f"{hedge} 300", low, high, qualifier, "soldier")
    ]


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("They sent 10,000 to 12,000 troops.", "10,000 to 12,000"),
        ("They sent between 10,000 and 12,000 troops.", "between 10,000 and 12,000"),
        ("They sent 10,000-12,000 troops.", "10,000-12,000"),
        ("They sent 10,000–12,000 troops.", "10,000–12,000"),
        ("They sent 10 to 12 thousand troops.", "10 to 12 thousand"),
    ],
)
def test_nlp_quantities_ranges(find: Callable[[str], list[Found]], text: str, span: str) -> None:
    assert find(text) == [(span, 10000, 12000, "range", "troop")]


def test_nlp_quantities_range_from_to_without_change_verb(
    find: Callable[[str], list[Found]],
) -> None:
    assert find("Prices range from $500 to $1,300.") == [
        ("from $500 to $1,300", 500, 1300, "range", "usd")
    ]


def test_nlp_quantities_from_to_after_change_verb_is_two_levels(
    find: Callable[[str], list[Found]],
) -> None:
    found = find("The toll rose from 300 to 600.")
    assert [(f[1], f[3]) for f in found] == [(300, "exact"), (600, "exact")]


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("Unemployment fell 19 per cent.", "percent"),
        ("Unemployment fell 19%.", "percent"),
        ("Rates rose 25 basis points.", "basis point"),
        ("The grant is worth £2,000.", "gbp"),
        ("The bill is ¥5,000.", "jpy"),
        ("It costs A$50.", "aud"),
        ("I spent 20 million pounds on this.", "gbp"),
        ("The bag weighs 20 pounds.", "pound"),
        ("The road is 40 miles long.", "mile"),
        ("The car does 87mph on the highway.", "mile per hour"),
        ("Oil traded at $52 a barrel.", "usd per barrel"),
        ("They killed 300 civilians.", "civilian"),
        ("There were 40 people in the room.", "people"),
        ("The 15-year-old boy was hurt.", "year of age"),
    ],
)
def test_nlp_quantities_normalises_units(
    find: Callable[[str], list[Found]], text: str, unit: str
) -> None:
    (found,) = find(text)
    assert found[4] == unit


@pytest.mark.parametrize(
    "text",
    [
        "The war began in 2022 and ended in 2024.",
        "They met on September 3 in Beijing.",
        "They met on 3 September.",
        "It was his 22nd birthday and the third attempt.",
        "She is one of the leaders.",
        "No one came, and one can only hope.",
        "Call 555-123-4567 or (212) 555-0199 today.",
        "The meeting starts at 10:45pm or at 5am.",
        "The S&P 500 closed higher.",
        "He was ranked No. 1 in Game 2.",
        "Cases of COVID-19 rose.",
        "The 1990s were calm.",
        "The 2013-14 season was long.",
    ],
)
def test_nlp_quantities_skips_non_quantities(find: Callable[[str], list[Found]], text: str) -> None:
    assert find(text) == []


def test_nlp_quantities_skips_numbers_inside_time_spans(
    parser: Language, quantities: Callable[[Doc], Doc]
) -> None:
    doc = parser("The parade will mark 80 years since the war, with 300 tanks.")
    doc.spans[TIMES] = [Span(doc, 4, 6, label="DURATION")]
    found = [span.text for span in quantities(doc).spans[QUANTITIES]]
    assert found == ["300"]


@pytest.mark.parametrize(
    ("text", "change"),
    [
        ("Shares rose 6.5% on Monday.", "up"),
        ("The index fell 0.4 per cent to 13,176.", "down"),
        ("Oil was down 19 cents.", "down"),
        ("Employment grew by 125,600 jobs.", "up"),
        ("Nasdaq +0.8% today.", "up"),
    ],
)
def test_nlp_quantities_marks_changes(
    parser: Language, quantities: Callable[[Doc], Doc], text: str, change: str
) -> None:
    doc = quantities(parser(text))
    assert doc.spans[QUANTITIES][0]._.storyline_change == change


def test_nlp_quantities_level_after_change_is_not_a_change(
    parser: Language, quantities: Callable[[Doc], Doc]
) -> None:
    doc = quantities(parser("The index fell 0.4 per cent to 13,176."))
    assert [s._.storyline_change for s in doc.spans[QUANTITIES]] == ["down", None]


def test_nlp_quantities_restatement_keeps_hedge(find: Callable[[str], list[Found]]) -> None:
    found = find("The moths fly more than 100 kilometres (60 miles).")
    assert [(f[1], f[3], f[4]) for f in found] == [
        (100, "more_than", "kilometre"),
        (60, "more_than", "mile"),
    ]


def test_nlp_quantities_value_survives_doc_serialisation(
    parser: Language, quantities: Callable[[Doc], Doc]
) -> None:
    doc = quantities(parser("They sent up to 4,000 troops."))
    copy = Doc(parser.vocab).from_bytes(doc.to_bytes())
    (span,) = copy.spans[QUANTITIES]
    assert span._.storyline_value == Value(None, 4000.0, "up_to")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("They expect 300 or more visitors.", ("300 or more", 300, None, "at_least", "visitor")),
        ("It fell to minus 40 degrees.", ("minus 40 degrees", -40, -40, "exact", "degree")),
        (
            "Demand for sub-300 sq m offices grew.",
            ("sub-300 sq m", None, 300, "less_than", "square metre"),
        ),
        ("It will ship 1.2m tons of ore.", ("1.2m tons", 1.2e6, 1.2e6, "exact", "ton")),
        ("The deal is worth $2.7m overall.", ("$2.7m", 2.7e6, 2.7e6, "exact", "usd")),
        ("They counted 2,000 people in 1990.", ("2,000", 2000, 2000, "exact", "people")),
    ],
)
def test_nlp_quantities_glued_and_trailing_forms(
    find: Callable[[str], list[Found]], text: str, expected: Found
) -> None:
    assert find(text) == [expected]


def test_nlp_quantities_unit_written_once_for_two_numbers(
    find: Callable[[str], list[Found]],
) -> None:
    assert [f[4] for f in find("Lunch costs eight or nine euros.")] == ["eur", "eur"]


@pytest.mark.parametrize(
    "text",
    [
        "The temple was built around A.D. 1000 by farmers.",
        "Account 1234567890123 was closed.",
    ],
)
def test_nlp_quantities_skips_eras_and_identifiers(
    find: Callable[[str], list[Found]], text: str
) -> None:
    assert find(text) == []


SEEDS = Path(__file__).resolve().parent.parent / "examples" / "seeds"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("000", ("10,000 to 12,000", 10000, 12000, "range", "troop")),
        ("000", ("up to 4,000", None, 4000, "up_to", "soldier")),
        ("000", ("approximately 300", 300, 300, "approximately", "soldier")),
        ("000", ("around 1,200", 1200, 1200, "approximately", None)),
        ("002", ("over 15,000", 15000, None, "more_than", "troop")),
        ("002", ("around 600", 600, 600, "approximately", "soldier")),
        ("002", ("more than 80,000", 80000, None, "more_than", "dove")),
    ],
)
def test_nlp_quantities_seeds(
    find: Callable[[str], list[Found]], name: str, expected: Found
) -> None:
    (path,) = SEEDS.glob(f"{name}_*.txt")
    assert expected in find(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It costs AU $89.99 a month.", ("AU $89.99 a month", "aud per month")),
        ("The estate covers 3923sq m of land.", ("3923sq m", "square metre")),
        ("It was 1.19deg C warmer.", ("1.19deg C", "degree celsius")),
        ("The field reached 10 kV/cm inside.", ("10 kV/cm", "kilovolt per centimetre")),
        ("Carriers rolled out 5G across the region.", ("5G", "wireless generation")),
        ("The ticket cost 150 kuna.", ("150 kuna", "hrk")),
        ("The shares rose 18 sen on Friday.", ("18 sen", "sen")),
        ("Land leased at $80 per sq m.", ("$80 per sq m.", "usd per square metre")),
    ],
)
def test_nlp_quantities_unit_spellings(
    find: Callable[[str], list[Found]], text: str, expected: tuple[str, str]
) -> None:
    (found,) = find(text)
    assert (found[0], found[4]) == expected


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("The city will have 400 charging stations by 2030.", "station"),
        ("Thieves took 460 Kia and Hyundai vehicles.", "vehicle"),
        ("In all, 1,307,000 Americans claimed aid.", "american"),
        ("The plume extends hundreds of miles into space.", "mile"),
        ("One ounce is 1/32 of a US quart.", "quart"),
    ],
)
def test_nlp_quantities_counted_nouns(
    find: Callable[[str], list[Found]], text: str, unit: str
) -> None:
    assert find(text)[-1][4] == unit


def test_nlp_quantities_number_between_coordinated_numbers_is_not_a_modifier(
    find: Callable[[str], list[Found]],
) -> None:
    assert [f[4] for f in find("They were given 45 and 50 mg ethanol.")] == ["milligram"] * 2


@pytest.mark.parametrize(
    ("text", "units"),
    [
        (
            "It is a 9 billion shekels ($2.4 billion) a year industry.",
            ["ils per year", "usd per year"],
        ),
        ("Revenue rose to $7.4 billion from $6.8 billion a year earlier.", ["usd", "usd"]),
        ("It sold 20 tonnes a month ago.", ["tonne"]),
    ],
)
def test_nlp_quantities_rates_after_asides_and_not_before_earlier(
    find: Callable[[str], list[Found]], text: str, units: list[str]
) -> None:
    assert [f[4] for f in find(text)] == units


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Revenue grew more than sixfold.", ("more than sixfold", 6, None, "more_than", "times")),
        ("Output rose tenfold.", ("tenfold", 10, 10, "exact", "times")),
        ("Gant (0.5 WAR) pitched well.", ("0.5", 0.5, 0.5, "exact", None)),
    ],
)
def test_nlp_quantities_number_forms(
    find: Callable[[str], list[Found]], text: str, expected: Found
) -> None:
    assert find(text) == [expected]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Its mass is about 1.99×10−30 kilograms.", 1.99e-30),
        ("A mole holds 6.02×10²³ atoms.", 6.02e23),
    ],
)
def test_nlp_quantities_scientific_notation(
    find: Callable[[str], list[Found]], text: str, value: float
) -> None:
    (found,) = find(text)
    assert found[1] == pytest.approx(value)


def test_nlp_quantities_change_on_the_verbs_adverb(
    parser: Language, quantities: Callable[[Doc], Doc]
) -> None:
    doc = quantities(parser("The forecast was revised upward by $40 billion."))
    assert doc.spans[QUANTITIES][0]._.storyline_change == "up"


@pytest.mark.parametrize(
    "text",
    ["The sp 500 fell on Monday.", "In the S P 500 utilities held up.", "The FTSE 100 rose."],
)
def test_nlp_quantities_skips_market_index_names(
    find: Callable[[str], list[Found]], text: str
) -> None:
    assert find(text) == []


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("Among his approximately 300 recorded songs were hits.", "song"),
        ("The clinic hired 40 trained nurses.", "nurse"),
        ("It equals about 20 decently sized coal-fired power plants.", "plant"),
        ("The defense gave up 517 rushing yards.", "yard"),
        ("Details come from the 12 page document.", "page"),
        ("It has a 3 cylinder engine.", "cylinder"),
        ("The current population is about 8 B people.", "people"),
        ("She was sharing a flat with her 18-month-old daughter.", "month of age"),
    ],
)
def test_nlp_quantities_counted_noun_from_the_parse(
    find: Callable[[str], list[Found]], text: str, unit: str
) -> None:
    assert find(text)[-1][4] == unit


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("Some 300 died, with an additional 2,700 sustaining injuries.", None),
        ("Deaths in the region rose to 300 last year.", None),
    ],
)
def test_nlp_quantities_no_counted_noun_after_a_verb_or_time_phrase(
    find: Callable[[str], list[Found]], text: str, unit: str | None
) -> None:
    assert find(text)[-1][4] == unit


def test_nlp_quantities_capital_scale_letter_before_a_plural(
    find: Callable[[str], list[Found]],
) -> None:
    assert find("The current population is about 8 B people.")[0][1] == 8e9


@pytest.mark.parametrize(
    ("text", "units"),
    [
        ("The highest forecast is 84.75 cents, while the lowest is 74.07.", ["cent", "cent"]),
        ("The DAX rose by 2 percent but the CAC fell by 1.", ["percent", "percent"]),
        ("The index rose 64.06 points to 4,577.10.", ["point", "point"]),
        (
            "The index lost 162.31 points, or 2.14%, to fall to 7,425.81.",
            ["point", "percent", "point"],
        ),
        ("The TSX closed (16369.03 up 58.06 points).", ["point", "point"]),
        ("The index fell 0.4 per cent to 13,176.", ["percent", None]),
        ("The shares rose 18 cents to 12.30.", ["cent", None]),
        ("They offer 435 homes by open sale and 187 by tender.", ["home", None]),
    ],
)
def test_nlp_quantities_unit_written_once_for_parallel_figures(
    find: Callable[[str], list[Found]], text: str, units: list[str | None]
) -> None:
    assert [f[4] for f in find(text)] == units


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Unite Group was down 68 p at 1112 p.", ["gbx", "gbx"]),
        ("Its shares ended at 125.8 p.", ["gbx"]),
        ("The index will end 2019 at 16,644, 16 per cent higher.", [None, "percent"]),
    ],
)
def test_nlp_quantities_spaced_units_and_lists(
    find: Callable[[str], list[Found]], text: str, expected: list[str | None]
) -> None:
    assert [f[4] for f in find(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Maria, who was 10, moved abroad.", ("10", 10, 10, "exact", "year of age")),
        ("He will be 35 by the end of the year.", ("35", 35, 35, "exact", "year of age")),
        ("It was 10 in the morning count.", ("10", 10, 10, "exact", None)),
        (
            "Children under the age of 5 years died.",
            ("under the age of 5 years", None, 5, "less_than", "year of age"),
        ),
    ],
)
def test_nlp_quantities_ages_said_of_a_person(
    find: Callable[[str], list[Found]], text: str, expected: Found
) -> None:
    assert find(text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "It was the Kick Six win over Alabama.",
        "The team worked on the Planet 9 citizen project.",
        "The side slipped towards the bottom three on Sunday.",
        "The storm reached category four on Monday.",
        "The Popolocas built it between A.D. 1000 and 1260 and left.",
    ],
)
def test_nlp_quantities_skips_names_labels_and_era_ranges(
    find: Callable[[str], list[Found]], text: str
) -> None:
    assert find(text) == []


def test_nlp_quantities_top_with_a_counted_noun_is_an_amount(
    find: Callable[[str], list[Found]],
) -> None:
    assert find("The top 10 companies paid more.") == [("10", 10, 10, "exact", "company")]


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [
        ("It has been the case in the lead up to 3G networks.", "exact"),
        ("In the run-up to 300 launches, they hired.", "exact"),
        ("Discounts of up to 40% apply.", "up_to"),
        ("I run up to 5 miles a day.", "up_to"),
    ],
)
def test_nlp_quantities_up_to_after_a_noun_made_with_up(
    find: Callable[[str], list[Found]], text: str, qualifier: str
) -> None:
    assert find(text)[0][3] == qualifier


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It cut 10 seconds off that 0-to-60-mph time.", (0, 60, "mile per hour")),
        ("It fits a 200,000 to-260,000 year-old skull.", (200000, 260000, "year of age")),
    ],
)
def test_nlp_quantities_range_with_a_glued_joiner(
    find: Callable[[str], list[Found]], text: str, expected: tuple[float, float, str]
) -> None:
    assert (found := find(text)[-1])[3] == "range"
    assert (found[1], found[2], found[4]) == expected
