"""Event extraction from the parse: types, participants, place, per-mention dates."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from conftest import MakeNlp
from eventdocs import annotate, article
from storyline.analysis.events import event_sense, events_from_frames, find_frames
from storyline.models import Event


@pytest.fixture(scope="module")
def parser(make_nlp: MakeNlp) -> Language:
    """The English parser alone: entity and time spans are placed by the tests."""
    return make_nlp(exclude=["ner"])


def extract(parser: Language, text: str, times: dict[str, str] | None = None) -> list[Event]:
    doc = annotate(parser, text, times=times)
    return list(events_from_frames(find_frames(doc), article("a1", text)))


def test_analysis_events_meeting_with_participants_place_and_date(parser: Language) -> None:
    text = "On March 3, French President Emmanuel Macron met Olaf Scholz in Geneva."
    events = extract(parser, text, {"March 3": "2024-03-03"})
    assert len(events) == 1
    event = events[0]
    assert event.type == "meeting"
    assert set(event.participants) == {"person:emmanuel macron", "person:olaf scholz"}
    assert event.place == "place:geneva"
    assert event.date is not None and event.date.value == "2024-03-03"
    assert event.mentions[0].span.text == text


def test_analysis_events_light_verb_carries_actor_place_and_date(parser: Language) -> None:
    text = "Macron and Scholz held a surprise summit in Hamburg on Friday."
    events = extract(parser, text, {"Friday": "2024-05-10"})
    assert [(e.type, e.place) for e in events] == [("meeting", "place:hamburg")]
    assert set(events[0].participants) == {"person:emmanuel macron", "person:olaf scholz"}
    assert events[0].date is not None and events[0].date.value == "2024-05-10"


def test_analysis_events_bare_mentions_join_the_event_they_continue(parser: Language) -> None:
    text = (
        "Macron met Scholz in Geneva. The talks lasted two hours. "
        "This meeting, held on June 2, 2024, was the first in a year."
    )
    events = extract(parser, text, {"June 2, 2024": "2024-06-02"})
    assert len(events) == 1
    assert len(events[0].mentions) == 3
    assert [m.date.value if m.date else None for m in events[0].mentions] == [
        None,
        None,
        "2024-06-02",
    ]


def test_analysis_events_meetings_in_different_places_stay_apart(parser: Language) -> None:
    text = "Macron met Scholz in Geneva in May. Macron met Ruto in Nairobi in July."
    events = extract(parser, text, {"in May": "2024-05", "in July": "2024-07"})
    assert sorted(e.place or "" for e in events) == ["place:geneva", "place:nairobi"]


@pytest.mark.parametrize(
    "text",
    [
        "Macron did not meet Scholz in Geneva.",
        "Macron may send troops to Kenya.",
        "France is considering sending troops to Kenya.",
        "Around 300 French soldiers have met their untimely demise.",
        "The meeting lasted two hours.",
    ],
)
def test_analysis_events_negated_speculative_or_empty_mentions_are_left_out(
    parser: Language, text: str
) -> None:
    assert extract(parser, text) == []


def test_analysis_events_deployment_actor_is_the_owner_of_the_troops(parser: Language) -> None:
    text = "Over 5,000 French troops have been deployed to support Kenya."
    events = extract(parser, text)
    assert [e.type for e in events] == ["deployment"]
    assert events[0].participants == ("country:FR", "country:KE")


def test_analysis_events_sending_troops_is_a_deployment_but_sending_analysts_is_not(
    parser: Language,
) -> None:
    assert [e.type for e in extract(parser, "France will send more troops to Kenya.")] == [
        "deployment"
    ]
    assert extract(parser, "The news sent analysts in France scrambling.") == []


def test_analysis_events_arms_transfer_keeps_sender_and_receiver(parser: Language) -> None:
    text = "Germany has agreed to supply artillery and conventional weapons to Kenya."
    events = extract(parser, text)
    assert [e.type for e in events] == ["arms_transfer"]
    assert events[0].participants == ("country:DE", "country:KE")


def test_analysis_events_pact_signed_between_two_countries_is_dated(parser: Language) -> None:
    text = "Analysts recalled a defense pact signed between France and Poland in June 2024."
    events = extract(parser, text, {"June 2024": "2024-06"})
    assert [e.type for e in events] == ["agreement"]
    assert events[0].participants == ("country:FR", "country:PL")
    assert events[0].date is not None
    assert (events[0].date.value, events[0].date.precision) == ("2024-06", "month")


def test_analysis_events_place_modifier_of_a_summit_is_its_place(parser: Language) -> None:
    events = extract(parser, "Macron and Scholz Hold Surprise Geneva Summit.")
    assert [(e.type, e.place) for e in events] == [("meeting", "place:geneva")]


def test_analysis_events_occurrence_verb_gives_place_and_date(parser: Language) -> None:
    text = (
        "Kenya will stage a military parade on Wednesday. "
        "The parade kicks off this Wednesday in Nairobi."
    )
    events = extract(parser, text, {"on Wednesday": "2024-10-16", "this Wednesday": "2024-10-16"})
    assert [(e.type, e.place) for e in events] == [("parade", "place:nairobi")]
    assert events[0].date is not None and events[0].date.value == "2024-10-16"


def test_analysis_events_date_of_another_clause_is_not_taken(parser: Language) -> None:
    text = "Macron met Scholz in Geneva, a week after Kenya held elections on May 2."
    events = extract(parser, text, {"May 2": "2024-05-02"})
    meeting = next(e for e in events if e.type == "meeting")
    assert meeting.date is None


def test_analysis_events_weapons_test_needs_a_weapon(parser: Language) -> None:
    assert [e.type for e in extract(parser, "France conducted a nuclear test.")] == ["weapons_test"]
    assert extract(parser, "France conducted a driving test.") == []


def test_analysis_events_attack_on_a_city_has_it_as_place(parser: Language) -> None:
    text = "French jets launched an attack on Nairobi on Monday."
    events = extract(parser, text, {"Monday": "2024-10-14"})
    assert [(e.type, e.place, e.participants) for e in events] == [
        ("attack", "place:nairobi", ("country:FR",))
    ]
    assert events[0].date is not None and events[0].date.value == "2024-10-14"


def test_analysis_events_ids_name_the_article(parser: Language) -> None:
    events = extract(parser, "Macron met Scholz in Geneva. Macron visited Nairobi.")
    assert [e.id for e in events] == ["ev-a1-1", "ev-a1-2"]
    assert events[1].type == "visit" and events[1].place == "place:nairobi"


def test_analysis_events_mention_joins_the_event_it_shares_people_with(parser: Language) -> None:
    text = (
        "Macron met Ruto in Geneva. The leaders later arrived in Hamburg. "
        "The May 2 meeting between Macron and Ruto was praised."
    )
    events = extract(parser, text, {"May 2": "2024-05-02"})
    meeting = next(e for e in events if e.place == "place:geneva")
    assert len(meeting.mentions) == 2
    assert meeting.date is not None and meeting.date.value == "2024-05-02"
    visit = next(e for e in events if e.place == "place:hamburg")
    assert len(visit.mentions) == 1


def test_analysis_events_sense_of_a_relative_pronoun_is_its_event_noun() -> None:
    nlp = spacy.blank("en")
    words = ["The", "quake", ",", "which", "struck", "at", "dawn", ",", "that", "day"]
    doc = Doc(
        nlp.vocab,
        words=words,
        heads=[1, 1, 1, 4, 1, 4, 5, 1, 9, 1],
        deps=["det", "ROOT", "punct", "nsubj", "relcl", "prep", "pobj", "punct", "det", "npadvmod"],
        lemmas=["the", "quake", ",", "which", "strike", "at", "dawn", ",", "that", "day"],
    )
    assert event_sense(doc[1]) == event_sense(doc[3]) == "earthquake"
    assert event_sense(doc[4]) == "hit"
    assert event_sense(doc[8]) == "that"


def test_analysis_events_frames_travel_inside_the_doc(parser: Language) -> None:
    """``storyline_events`` stores plain data: frames survive ``Doc.to_bytes`` unchanged."""
    from storyline.nlp.components.events import EventFinder
    from storyline.nlp.events.frames import frame_data, frames_of

    text = "France and Kenya signed a trade agreement in Geneva on 3 September 2025."
    doc = annotate(parser, text, times={"3 September 2025": "2025-09-03"})
    found = [frame_data(frame) for frame in find_frames(doc)]
    assert any(frame["actors"] or frame["others"] for frame in found), found
    EventFinder("storyline_events")(doc)
    back = Doc(doc.vocab).from_bytes(doc.to_bytes())
    frames = frames_of(back)
    assert [frame_data(frame) for frame in frames] == found
    assert all(frame.sentence.text == text for frame in frames)
