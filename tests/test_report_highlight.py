"""Article text split into nested highlight marks, overlaps included."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.models import Article, Entity, Span, Story, Time
from storyline.report import load_story_json
from storyline.report.highlight import (
    KIND_ORDER,
    AliasFinder,
    Highlight,
    HighlightKind,
    Piece,
    build_article_views,
    segment,
    trie_pattern,
)

FIXTURE = Path(__file__).parent / "data" / "report" / "story.json"


def render(pieces: list[Piece]) -> str:
    """A compact rendering: ``[kind`` opens (``{kind`` when reopened), ``]`` closes."""
    out = []
    for piece in pieces:
        if piece.type == "text":
            out.append(piece.text)
        elif piece.type == "open":
            assert piece.highlight is not None
            out.append(("[" if piece.first else "{") + piece.highlight.kind + ":")
        else:
            out.append("]")
    return "".join(out)


def test_report_segment_without_highlights_is_the_text() -> None:
    assert render(segment("plain text", [])) == "plain text"
    assert segment("", []) == []


def test_report_segment_nests_contained_spans() -> None:
    text = "about 4,000 soldiers died"
    pieces = segment(
        text,
        [
            Highlight(6, 11, "quantity"),
            Highlight(0, 25, "claim"),
            Highlight(0, 20, "quantity"),
        ],
    )
    assert render(pieces) == "[claim:[quantity:about [quantity:4,000] soldiers] died]"


def test_report_segment_same_range_orders_kinds_outer_to_inner() -> None:
    pieces = segment("Kim", [Highlight(0, 3, "entity"), Highlight(0, 3, "claim")])
    assert render(pieces) == "[claim:[entity:Kim]]"


def test_report_segment_splits_crossing_spans() -> None:
    text = "0123456789"
    pieces = segment(text, [Highlight(0, 6, "time"), Highlight(3, 9, "entity")])
    assert render(pieces) == "[time:012[entity:345]]{entity:678]9"
    firsts = [p for p in pieces if p.type == "open" and p.first]
    assert len(firsts) == 2


def test_report_segment_reopens_every_span_above_the_one_closing() -> None:
    text = "abcdefghij"
    highlights = [Highlight(0, 4, "claim"), Highlight(2, 8, "quantity"), Highlight(3, 9, "time")]
    assert render(segment(text, highlights)) == (
        "[claim:ab[quantity:c[time:d]]]{quantity:{time:efgh]]{time:i]j"
    )


def test_report_segment_adjacent_spans_do_not_nest() -> None:
    pieces = segment("abcd", [Highlight(0, 2, "time"), Highlight(2, 4, "time")])
    assert render(pieces) == "[time:ab][time:cd]"


def test_report_segment_drops_empty_and_out_of_range_spans() -> None:
    highlights = [
        Highlight(2, 2, "time"),
        Highlight(3, 1, "time"),
        Highlight(-1, 2, "time"),
        Highlight(2, 99, "time"),
    ]
    assert render(segment("abcd", highlights)) == "abcd"


spans_strategy = st.text(min_size=0, max_size=30).flatmap(
    lambda text: st.tuples(
        st.just(text),
        st.lists(
            st.tuples(
                st.integers(-2, len(text) + 2),
                st.integers(-2, len(text) + 2),
                st.sampled_from(KIND_ORDER),
            ),
            max_size=8,
        ),
    )
)


@given(spans_strategy)
def test_report_segment_keeps_text_and_covers_exactly_each_span(
    case: tuple[str, list[tuple[int, int, HighlightKind]]],
) -> None:
    text, raw = case
    highlights = [Highlight(start, end, kind) for start, end, kind in raw]
    pieces = segment(text, highlights)
    assert "".join(p.text for p in pieces if p.type == "text") == text
    covered: dict[int, set[int]] = {id(h): set() for h in highlights}
    firsts: dict[int, int] = {id(h): 0 for h in highlights}
    stack: list[Highlight] = []
    offset = 0
    for piece in pieces:
        if piece.type == "open":
            assert piece.highlight is not None
            stack.append(piece.highlight)
            firsts[id(piece.highlight)] += piece.first
        elif piece.type == "close":
            assert stack.pop() is piece.highlight  # properly nested
        else:
            for open_highlight in stack:
                covered[id(open_highlight)].update(range(offset, offset + len(piece.text)))
            offset += len(piece.text)
    assert stack == []
    for highlight in highlights:
        valid = 0 <= highlight.start < highlight.end <= len(text)
        expected = set(range(highlight.start, highlight.end)) if valid else set()
        assert covered[id(highlight)] == expected
        assert firsts[id(highlight)] == (1 if valid else 0)


def test_report_alias_finder_prefers_longest_form_on_word_boundaries() -> None:
    finder = AliasFinder(
        [
            Entity("kp", "North Korea", "country", ("North Korean", "DPRK", "K")),
            Entity("kr", "Korea", "country", ("Korea",)),
        ]
    )
    text = "North Korean troops; DPRK and Korea, not DPRKs or Koreans."
    found = [(text[h.start : h.end], h.title) for h in finder.highlights(text)]
    assert found == [
        ("North Korean", "North Korea (country)"),
        ("DPRK", "North Korea (country)"),
        ("Korea", "Korea (country)"),
    ]


@settings(max_examples=200, deadline=None)
@given(
    forms=st.lists(st.text(alphabet="ab -.", min_size=1, max_size=5), min_size=1, max_size=8),
    text=st.text(alphabet="ab -.c", max_size=40),
)
def test_report_trie_pattern_finds_what_the_longest_first_alternation_finds(
    forms: list[str], text: str
) -> None:
    longest_first = "|".join(re.escape(f) for f in sorted(set(forms), key=lambda f: (-len(f), f)))
    expected = re.compile(rf"(?<!\w)(?:{longest_first})(?!\w)")
    found = re.compile(rf"(?<!\w)(?:{trie_pattern(forms)})(?!\w)")
    assert [m.span() for m in found.finditer(text)] == [m.span() for m in expected.finditer(text)]


def test_report_alias_finder_gives_shared_alias_to_the_more_mentioned() -> None:
    finder = AliasFinder(
        [
            Entity("p1", "Anna Lee", "person", ("Lee",), mentions=1),
            Entity("p2", "Bo Lee", "person", ("Lee",), mentions=5),
        ]
    )
    assert [h.title for h in finder.highlights("Lee said")] == ["Bo Lee (person)"]
    assert AliasFinder([]).highlights("anything") == []


def test_report_article_views_mark_every_kind_and_anchor_evidence() -> None:
    story = load_story_json(FIXTURE)
    first, second = build_article_views(story)
    assert first.anchor == "article-a1"
    assert set(second.kinds) == {"evidence", "tone", "event", "claim", "quantity", "time", "entity"}
    anchors = {
        p.highlight.anchor for p in first.pieces if p.type == "open" and p.first and p.highlight
    }
    assert {"finding-f-conflict-ev0", "finding-f-weekday-ev0", "claim-c1", "claim-c2"} <= anchors
    assert first.mismatched == 0
    flags = [p.highlight.flag for p in first.pieces if p.first and p.highlight and p.highlight.flag]
    assert flags == ["weekday mismatch", "value conflict", "agreement"]


def test_report_article_views_leave_out_spans_whose_offsets_are_stale() -> None:
    article = Article("a", "a.txt", "T", "On Monday we met.")
    story = Story(
        "now",
        articles=(article,),
        times=(
            Time("a", 3, 9, "Monday", "DATE", "XXXX-WXX-1"),
            Time("a", 0, 2, "Tuesday", "DATE", "XXXX-WXX-2"),
            Time("a", 10, 99, "we met", "DATE", None),
        ),
    )
    (view,) = build_article_views(story)
    assert view.mismatched == 2
    assert view.kinds == ("time",)
    titled = [p.highlight.title for p in view.pieces if p.type == "open" and p.highlight]
    assert titled == ["DATE XXXX-WXX-1"]


def test_report_article_views_ignore_tone_evidence_from_another_article() -> None:
    from storyline.models import Tone

    tone = Tone("satire", 0.9, (Span("other", 0, 2, "On"),))
    article = Article("a", "a.txt", "T", "On Monday.", tone=tone)
    (view,) = build_article_views(Story("now", articles=(article,)))
    assert view.kinds == ()


def test_report_highlight_article_views_read_each_record_list_once() -> None:
    """Highlights come from one pass over the story, grouped by article, in record order."""
    import dataclasses

    from storyline.models import Article, Claim, Quantity, Span, Story, Time, Value
    from storyline.report.highlight import article_highlights, build_article_views

    text = "On Monday 12 people died."
    articles = tuple(Article(i, f"{i}.txt", None, text) for i in ("a", "b"))
    times = tuple(Time(a.id, 0, 9, "On Monday", "DATE", "2024-01-01") for a in articles)
    quantities = tuple(Quantity(a.id, 10, 19, "12 people", Value(12, 12)) for a in articles)
    claims = tuple(
        Claim(f"c-{a.id}", a.id, None, "people", "killed", Value(12, 12), None, None, None,
              Span(a.id, 0, len(text), text))
        for a in articles
    )  # fmt: skip
    story = Story("now", articles=articles, times=times, quantities=quantities, claims=claims)
    views = build_article_views(story)
    assert [v.id for v in views] == ["a", "b"]
    for article in articles:
        kinds = [h.kind for h, _ in article_highlights(story, article)]
        assert kinds == ["time", "quantity", "claim"]
    other = dataclasses.replace(story, claims=claims[:1])
    assert [h.kind for h, _ in article_highlights(other, articles[1])] == ["time", "quantity"]
