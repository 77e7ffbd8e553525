"""Datelines: the publication date printed at the top of an article's text."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.ingest.dateline import MAX_LINES, find_dateline
from storyline.ingest.published import parse_iso_date, resolve_published
from storyline.models import Published

TITLE = "Council approves new tram line\n"


@pytest.mark.parametrize(
    ("line", "value", "date_text"),
    [
        ("4 September 2025", "2025-09-04", "4 September 2025"),
        ("September 4, 2025", "2025-09-04", "September 4, 2025"),
        ("Sept. 4, 2025", "2025-09-04", "Sept. 4, 2025"),
        ("Wed 05 Apr 2017", "2017-04-05", "05 Apr 2017"),
        ("Wednesday 21 August 2013", "2013-08-21", "21 August 2013"),
        ("Thursday, March 7, 2024, 3:45 p.m. EST", "2024-03-07", "March 7, 2024"),
        ("21.08.2013", "2013-08-21", "21.08.2013"),
        ("Posted on April 4 2017 by Jane Roe", "2017-04-04", "April 4 2017"),
        ("2017-04-05", "2017-04-05", "2017-04-05"),
        ("2017-04-05T10:32:00Z", "2017-04-05", "2017-04-05T10:32:00Z"),
        ("KYIV, Sept. 4, 2025 — Officials said the talks would resume.", "2025-09-04", None),
        ("NEW YORK, 12 May 2021 - Shares rose on Wall Street.", "2021-05-12", "12 May 2021"),
        ("LIMA, Peru, June 30, 2022 — The congress voted.", "2022-06-30", "June 30, 2022"),
        ("Published: 1st of March 2020 | 09:15", "2020-03-01", "1st of March 2020"),
        ("Updated 2 FEBRUARY 2019", "2019-02-02", "2 FEBRUARY 2019"),
        ("Wed 05 Apr 2017 The minister said the plan was final.", "2017-04-05", "05 Apr 2017"),
        ("4 September 2025 10:32 BST", "2025-09-04", "4 September 2025"),
    ],
)
def test_ingest_dateline_forms(line: str, value: str, date_text: str | None) -> None:
    text = TITLE + "\n" + line + "\nThe vote was close.\n"
    found = find_dateline(text)
    assert found is not None
    assert found.value == value
    if date_text is not None:
        assert text[found.start : found.end] == date_text


@pytest.mark.parametrize(
    "line",
    [
        "On September 3, the leaders met in the capital.",
        "The leaders met on 4 September 2025 in the capital.",
        "September 4, 2025, was the day the talks collapsed.",
        "September 11, 2001: the day that changed a city",
        "4 September 20255",
        "In 2025 the council met 40 times.",
        "31.02.2020",
        "2021-13-01",
        "30 February 2024",
        "Apr 2017",
        "12 March 1066",
    ],
)
def test_ingest_dateline_rejects_non_datelines(line: str) -> None:
    assert find_dateline(TITLE + line + "\nMore text follows.\n") is None


def test_ingest_dateline_on_the_title_line() -> None:
    found = find_dateline("Wed 05 Apr 2017 Ferry timetable changes\nBody text.")
    assert found is not None and found.value == "2017-04-05"


def test_ingest_dateline_only_near_the_top() -> None:
    filler = "".join(f"Paragraph {n} of the story.\n" for n in range(MAX_LINES))
    assert find_dateline(TITLE + filler + "4 September 2025\n") is None
    # Blank lines do not count towards the limit.
    assert find_dateline(TITLE + "\n" * 40 + "4 September 2025\n") is not None


def test_ingest_dateline_first_one_wins() -> None:
    found = find_dateline(TITLE + "5 May 2020\n6 June 2021\n")
    assert found is not None and found.value == "2020-05-05"


def test_ingest_dateline_of_the_example_articles(seeds_dir: Path) -> None:
    values = {}
    for path in sorted(seeds_dir.glob("*.txt")):
        found = find_dateline(path.read_text(encoding="utf-8"))
        values[path.name[:3]] = found.value if found else None
    assert values == {"000": None, "001": "2025-09-04", "002": None}


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-03-05", "2024-03-05"),
        ("2024-03", "2024-03"),
        ("2024", "2024"),
        ("2024-02-29T18:00:00+01:00", "2024-02-29"),
        ("2024-03-05 07:00", "2024-03-05"),
        (" 2024-03-05 ", "2024-03-05"),
        ("2023-02-29", None),
        ("2024-13", None),
        ("last Tuesday", None),
        ("05/03/2024", None),
        ("", None),
        (20240305, None),
        (None, None),
    ],
)
def test_ingest_published_parses_iso_metadata(value: object, expected: str | None) -> None:
    assert parse_iso_date(value) == expected


def test_ingest_published_prefers_metadata_then_dateline() -> None:
    text = TITLE + "4 September 2025\nBody.\n"
    assert resolve_published("2025-09-05", text) == Published("2025-09-05", "metadata")
    assert resolve_published(None, text) == Published("2025-09-04", "dateline")
    assert resolve_published(None, TITLE + "Body.\n") == Published(None, "unknown")
