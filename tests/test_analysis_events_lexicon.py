"""The event and relation lexicons: well formed, documented, extensible."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.errors import UsageError
from storyline.lexicons import bundled_yaml
from storyline.nlp.events.lexicon import build_lexicon, load_lexicon, read_lexicon_file
from storyline.nlp.timex.dates import dates_compatible
from storyline.nlp.wording import date_words

ISSUE_EVENT_TYPES = {
    "meeting",
    "visit",
    "deployment",
    "agreement",
    "parade",
    "ceremony",
    "weapons_test",
    "arms_transfer",
    "attack",
    "casualty_report",
    "statement",
}
ISSUE_RELATION_TYPES = {
    "alliance",
    "cooperation",
    "supplies",
    "hosts",
    "criticises",
    "threatens",
    "negotiates",
    "sanctions",
}


def test_analysis_events_lexicon_covers_the_documented_types() -> None:
    lexicon = load_lexicon()
    assert set(lexicon.events) >= ISSUE_EVENT_TYPES
    assert set(lexicon.relations) >= ISSUE_RELATION_TYPES
    assert set(lexicon.from_events.values()) <= set(lexicon.relations) | {"attacks"}


def test_analysis_events_lexicon_every_type_has_a_cameo_root_and_triggers() -> None:
    lexicon = load_lexicon()
    kinds = {
        t.type
        for table in (lexicon.event_verbs, lexicon.event_nouns)
        for ts in table.values()
        for t in ts
    }
    kinds |= {
        t.type
        for table in (lexicon.relation_verbs, lexicon.relation_nouns)
        for ts in table.values()
        for t in ts
    }
    for spec in [*lexicon.events.values(), *lexicon.relations.values()]:
        assert spec.name in kinds
        if spec.name in NO_CAMEO_ROOT:
            assert spec.cameo is None
            continue
        assert spec.cameo is not None and len(spec.cameo) == 2 and spec.cameo.isdigit()


#: Incident types CAMEO has no root for (it codes acts of political actors).
NO_CAMEO_ROOT = frozenset({"disaster", "crash"})


def test_analysis_events_lexicon_incident_types_have_a_family() -> None:
    lexicon = load_lexicon()
    families = {name: spec.incident for name, spec in lexicon.events.items()}
    assert families["attack"] == families["explosion"] == families["shooting"] == "violence"
    assert families["casualty_report"] == "casualties"
    assert families["disaster"] == "disaster"
    assert families["statement"] is None
    assert lexicon.events["attack"].plover == "ASSAULT"


def test_analysis_events_lexicon_words_are_words_not_yaml_booleans() -> None:
    lexicon = load_lexicon()
    words: set[str] = set(lexicon.place_preps | lexicon.light_verbs | lexicon.negations)
    for table in (lexicon.event_verbs, lexicon.event_nouns, lexicon.relation_verbs):
        for triggers in table.values():
            for trigger in triggers:
                words.add(trigger.lemma)
                for group in (trigger.objects, trigger.modifiers, trigger.preps):
                    words |= group or set()
    assert not words & {"true", "false", "none", ""}
    assert {"on", "no"} <= words


def test_analysis_events_lexicon_multiword_entries_need_their_modifier() -> None:
    lexicon = load_lexicon()
    arms_deal = [t for t in lexicon.event_nouns["deal"] if t.type == "arms_transfer"]
    assert arms_deal and arms_deal[0].modifiers == frozenset({"arms"})


def test_analysis_events_lexicon_user_file_adds_words(tmp_path: Path) -> None:
    extra = tmp_path / "more.yaml"
    extra.write_text("events:\n  meeting:\n    verbs: [huddle]\n", encoding="utf-8")
    base = load_lexicon()
    assert "huddle" not in base.event_verbs
    merged = build_lexicon(
        bundled_yaml("nlp/events.yaml"),
        bundled_yaml("nlp/relations.yaml"),
        [read_lexicon_file(extra)],
    )
    assert merged.event_verbs["huddle"][0].type == "meeting"
    assert "meet" in merged.event_verbs


@pytest.mark.parametrize(
    ("events", "message"),
    [
        ({"events": {"x": {"verbs": [{"objects": ["a"]}]}}}, "no 'lemma'"),
        ({"events": {"x": {"verbs": [{"lemma": "a", "objects": ["@nope"]}]}}}, "unknown class"),
    ],
)
def test_analysis_events_lexicon_bad_entries_say_how_to_fix(
    events: dict[str, object], message: str
) -> None:
    with pytest.raises(UsageError, match=message):
        build_lexicon(events, {})


def test_analysis_events_lexicon_unreadable_file_is_a_usage_error(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("events: [unclosed\n", encoding="utf-8")
    with pytest.raises(UsageError, match="S020"):
        read_lexicon_file(broken)
    with pytest.raises(UsageError, match="Cannot read"):
        read_lexicon_file(tmp_path / "missing.yaml")


@pytest.mark.parametrize(
    ("a", "b", "compatible"),
    [
        ("2024-06", "2024-06-05", True),
        ("2025-09-03", "2023-10-17", False),
        ("2024", "2024-12-31", True),
        ("2024-W23", "2024-06-05", True),
        ("2024-Q3", "2024-06-30", False),
        ("PAST_REF", "2024-06-05", True),
        (None, "2024-06-05", True),
    ],
)
def test_analysis_events_dates_compare_by_calendar_interval(
    a: str | None, b: str, compatible: bool
) -> None:
    assert dates_compatible(a, b) is compatible


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("2025-09-03", "3 September 2025"),
        ("2024-06", "June 2024"),
        ("2024", "2024"),
        ("2024-SU", "summer 2024"),
        ("2024-02-30", "2024-02-30"),
    ],
)
def test_analysis_events_dates_read_as_a_reader_writes_them(value: str, text: str) -> None:
    assert date_words(value) == text


@pytest.mark.parametrize(
    ("lemma", "sense"),
    [
        ("quake", "earthquake"),
        ("Temblor", "earthquake"),
        ("earthquake", "earthquake"),
        ("unveils", "announce"),
        ("injured", "injure"),
        ("strikes", "hit"),
        ("bombing", "bomb"),
        ("said", "said"),
        ("news", "news"),
    ],
)
def test_analysis_events_lexicon_senses_join_words_for_one_event(lemma: str, sense: str) -> None:
    assert load_lexicon().sense(lemma) == sense


def test_analysis_events_lexicon_user_senses_and_bad_senses() -> None:
    lexicon = build_lexicon({"senses": [["blaze", "fire", "inferno"]]}, {})
    assert lexicon.sense("fires") == lexicon.sense("inferno") == "blaze"
    assert lexicon.sense("flood") == "flood"
    with pytest.raises(UsageError, match="senses"):
        build_lexicon({"senses": ["blaze"]}, {})
