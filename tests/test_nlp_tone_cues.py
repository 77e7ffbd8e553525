"""Designed tone cues: which sentences they fire on, and which they leave alone."""

from __future__ import annotations

import pytest

from storyline.nlp.tone.cues import blank_quotes, family_totals, load_lexicon, read_cues
from storyline.nlp.tone.sentences import sentence_bounds
from storyline.nlp.tone.sentiment import sentiment


def _fires(cue: str, sentence: str) -> bool:
    return bool(read_cues([sentence])[cue][0] > 0)


@pytest.mark.parametrize(
    ("cue", "sentence"),
    [
        ("figurative_comparison", "The queue moved slower than a glacier on a lunch break."),
        ("figurative_comparison", "Its budget is thinner than its patience for auditors."),
        ("figurative_comparison", "The minister was as welcome as a wasp at a picnic."),
        ("simile", "The rumour spread like a rash through a summer camp."),
        ("simile", "He bared his teeth, like a dog guarding an empty bowl."),
        ("mock_analogy", "They traded votes the same way one might swap stickers at school."),
        ("recast", "The summit became more of a fashion show."),
        ("authorial_aside", "One can only hope the next plan is cheaper."),
        ("authorial_aside", "Taxes rose, all while the mayor praised thrift."),
        ("first_person_view", "I believe the council has this wrong."),
        ("collective_call", "We must demand better from our schools."),
        ("prescription", "The board should publish its figures."),
        ("reader_address", "You will not find a cheaper flat in this city."),
        ("evaluative_adverb", "Frankly, the plan is a mess."),
        ("analyst_view", "Analysts in the city warn that prices will rise."),
        ("hedged_forecast", "The decision could shift trade to smaller ports."),
        ("hedged_forecast", "The company is likely to cut jobs."),
        ("interpretation", "The vote has implications for the balance of power."),
        ("conditional_forecast", "If rates rise, buyers could wait."),
        ("attribution", "The police said two people were hurt."),
    ],
)
def test_nlp_tone_cue_fires(cue: str, sentence: str) -> None:
    assert _fires(cue, sentence)


@pytest.mark.parametrize(
    ("cue", "sentence"),
    [
        ("figurative_comparison", "The talks lasted more than a year."),
        ("figurative_comparison", "Sales were higher than a year earlier."),
        ("figurative_comparison", "The car is cheaper than its rivals."),
        ("figurative_comparison", "He chose to resign rather than a long fight."),
        ("figurative_comparison", "Turnout was as high as a third of voters."),
        ("simile", "Countries like the United States objected."),
        ("simile", "I would like the minutes to be published."),
        ("simile", "It looks like a deal will be reached by Friday."),
        ("simile", "Fees rose like the others."),
        ("prescription", "Troops will stay should the talks fail."),
        ("prescription", "The plan will stand should he survive the vote."),
        ("first_person_view", "The mayor said the plan would cost 2 million euros."),
    ],
)
def test_nlp_tone_cue_stays_quiet(cue: str, sentence: str) -> None:
    assert not _fires(cue, sentence)


def test_nlp_tone_cues_credit_the_sentence_they_are_in() -> None:
    table = read_cues(["Prices rose.", "It spread like a cold through a nursery.", "We met."])
    assert table["simile"].tolist() == [0.0, 1.0, 0.0]
    assert table["vehicle_word"].tolist() == [0.0, 4.0, 0.0]


def test_nlp_tone_reported_prescription_counts_half() -> None:
    table = read_cues(["The council should act.", "The union said the council should act."])
    assert table["prescription"].tolist() == [1.0, 0.5]


@pytest.mark.parametrize(
    "text",
    [
        'He said "we must win" and left.',
        "He said \u201cwe must win\u201d and left.",
        "He said ``we must win'' and left.",
    ],
)
def test_nlp_tone_blank_quotes_keeps_offsets(text: str) -> None:
    blanked = blank_quotes(text)
    assert len(blanked) == len(text)
    assert "must" not in blanked and blanked.startswith("He said ") and blanked.endswith(" left.")


def test_nlp_tone_family_totals_start_from_base_and_cap() -> None:
    lexicon = load_lexicon()
    table = read_cues(
        ["Nothing here.", "One can only hope, all while it rains like a cat in a bath."]
    )
    totals = family_totals(table, lexicon)
    assert totals["satire"][0] == pytest.approx(lexicon.base["satire"])
    assert totals["satire"][1] <= lexicon.max_sentence_weight
    assert totals["satire"][1] > totals["satire"][0]


def test_nlp_tone_sentiment_contrast_and_strength() -> None:
    scores = sentiment(
        ["A wonderful, joyful party ended in a horrible, deadly crash.", "It rained."]
    )
    assert scores.positive[0] > 0.2 and scores.negative[0] > 0.2
    assert scores.compound[1] == 0.0
    negated = sentiment(["The food was not good."]).compound[0]
    assert negated < 0 < sentiment(["The food was good."]).compound[0]


def test_nlp_tone_sentences_without_parser_split_on_punctuation_and_lines() -> None:
    import spacy

    text = 'Title Line\n\nFirst one. Second one? "Third," he said.\nLast'
    doc = spacy.blank("en").make_doc(text)
    pieces = [text[start:end] for start, end in sentence_bounds(doc)]
    assert pieces == ["Title Line", "First one.", "Second one?", '"Third," he said.', "Last"]
