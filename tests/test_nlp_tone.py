"""The ``storyline_tone`` component on hand-written articles and on the seeds."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from storyline.errors import UsageError
from storyline.nlp import register_components
from storyline.nlp.extensions import TONE
from storyline.nlp.tone import assess_sentences
from storyline.nlp.tone.cues import declarations, load_lexicon
from storyline.nlp.tone.model import load_model
from storyline.nlp.tone.sentences import sentence_bounds
from storyline.nlp.tone.syntax import parse_syntax, sentence_syntax
from storyline.nlp.tone.title import first_line_title

DATA = Path(__file__).resolve().parent / "data" / "tone"
ARTICLES = sorted(DATA.glob("*/*.txt"))


@pytest.fixture(scope="module")
def blank() -> Language:
    """A blank English pipeline with only the tone component (punctuation sentences)."""
    register_components()
    nlp = spacy.blank("en")
    nlp.add_pipe("storyline_tone")
    return nlp


@pytest.fixture(scope="module")
def parsed() -> Language:
    """The English pipeline's parser (real sentences) with the tone component."""
    from storyline.evaluation.tone import tone_pipeline

    return tone_pipeline()


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_nlp_tone_labels_hand_written_articles(blank: Language, path: Path) -> None:
    tone = blank(_read(path))._.storyline_tone
    assert tone["label"] == path.parent.name
    assert tone["score"] == max(tone["probabilities"].values())
    assert sum(tone["probabilities"].values()) == pytest.approx(1.0, abs=1e-3)


def test_nlp_tone_one_quip_does_not_make_satire(blank: Language) -> None:
    text = _read(DATA / "news" / "ferry_strike_ends.txt")
    plain = text.replace(
        "By mid-morning the queue at the terminal stretched like a wedding speech "
        "by a nervous best man with no notes.\n\n",
        "",
    )
    with_quip = blank(text)._.storyline_tone
    without = blank(plain)._.storyline_tone
    assert with_quip["label"] == "news"
    # The quip is noticed (satire becomes likelier) but does not decide.
    assert without["probabilities"]["satire"] < with_quip["probabilities"]["satire"] < 0.2


def test_nlp_tone_satire_on_real_facts_shows_its_jokes(blank: Language) -> None:
    doc = blank(_read(DATA / "satire" / "water_board.txt"))
    assert doc._.storyline_tone["label"] == "satire"
    evidence = [span.text for span in doc.spans[TONE]]
    assert len(evidence) == 3
    assert all(" than a " in s or " like a " in s or " one might " in s for s in evidence)
    assert not any(s.startswith("Consumer groups said") for s in evidence)


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_nlp_tone_evidence_spans_are_whole_sentences(blank: Language, path: Path) -> None:
    doc = blank(_read(path))
    spans = list(doc.spans[TONE])
    assert 1 <= len(spans) <= 3
    for span in spans:
        assert span.text == doc.text[span.start_char : span.end_char]
        assert span.label_ == doc._.storyline_tone["label"]
        assert "\n" not in span.text and span.text == span.text.strip()


def test_nlp_tone_quoted_views_are_the_speakers(blank: Language) -> None:
    text = (
        "Mayor Defends Parking Plan\n\n"
        "The mayor of Ruddington defended the new parking charges on Monday. "
        '"I believe this is the right decision, and we must stick to it," she said. '
        '"You should not expect the council to change course," she told reporters. '
        "The charges take effect on 1 June and will raise about 300,000 euros a year, "
        "according to the council. Opposition members said they would ask for a vote."
    )
    assert blank(text)._.storyline_tone["label"] == "news"
    unquoted = text.replace('"', "")
    assert (
        blank(unquoted)._.storyline_tone["probabilities"]["opinion"]
        > (blank(text)._.storyline_tone["probabilities"]["opinion"])
    )


def test_nlp_tone_empty_text_is_news_without_evidence(blank: Language) -> None:
    doc = blank("")
    assert doc._.storyline_tone["label"] == "news"
    assert list(doc.spans[TONE]) == []


def test_nlp_tone_satire_below_min_score_falls_back(blank: Language) -> None:
    text = _read(DATA / "satire" / "water_board.txt")
    strict = spacy.blank("en")
    strict.add_pipe("storyline_tone", config={"satire_min_score": 0.99})
    tone = strict(text)._.storyline_tone
    assert tone["probabilities"]["satire"] < 0.99
    assert tone["label"] != "satire"
    assert tone["label"] == max(
        (label for label in tone["probabilities"] if label != "satire"),
        key=lambda label: tone["probabilities"][label],
    )


@pytest.mark.parametrize("score", [-0.1, 1.5])
def test_nlp_tone_rejects_min_score_outside_zero_one(score: float) -> None:
    register_components()
    with pytest.raises(UsageError, match="satire_min_score"):
        spacy.blank("en").add_pipe("storyline_tone", config={"satire_min_score": score})


def _seed(seeds_dir: Path, prefix: str) -> str:
    return _read(next(seeds_dir.glob(f"{prefix}_*.txt")))


@pytest.mark.slow
def test_nlp_tone_seed_satire_evidence_is_its_jokes(parsed: Language, seeds_dir: Path) -> None:
    doc: Doc = parsed(_seed(seeds_dir, "000"))
    assert doc._.storyline_tone["label"] == "satire"
    assert doc._.storyline_tone["score"] >= 0.5
    evidence = " ".join(span.text for span in doc.spans[TONE])
    assert evidence.count("karaoke") >= 1 and "kimchi" in evidence


@pytest.mark.slow
@pytest.mark.parametrize(("prefix", "allowed"), [("001", {"analysis", "news"}), ("002", {"news"})])
def test_nlp_tone_seed_reports_are_not_satire(
    parsed: Language, seeds_dir: Path, prefix: str, allowed: set[str]
) -> None:
    tone = parsed(_seed(seeds_dir, prefix))._.storyline_tone
    assert tone["label"] in allowed
    assert tone["probabilities"]["satire"] < 0.1


HEADLINE_SATIRE = (
    "Area Man Unsure Whether He Is Still Allowed To Leave Meeting That Ended 40 Minutes Ago\n\n"
    "The meeting ended at 10 a.m., according to the calendar."
)


def test_nlp_tone_parsed_doc_scores_sentences_with_their_parse(parsed: Language) -> None:
    doc = parsed(HEADLINE_SATIRE)
    bounds = sentence_bounds(doc)
    syntax = sentence_syntax(doc, bounds)
    assert syntax is not None and syntax[0].tags[:2] == tuple(t.tag_ for t in doc[:2])
    with_parse = assess_sentences(doc.text, bounds, syntax=syntax)
    assert doc._.storyline_tone["probabilities"] == with_parse.probabilities
    # The parse changes the headline model's evidence for the title line.
    title = [doc.text[bounds[0][0] : bounds[0][1]]]
    model = load_model()
    parsed_ratio = model.log_likelihood_ratio(title, syntax[:1])[0]
    assert parsed_ratio != pytest.approx(model.log_likelihood_ratio(title)[0], abs=1e-3)


def test_nlp_tone_blank_doc_scores_words_alone(blank: Language) -> None:
    doc = blank(HEADLINE_SATIRE)
    bounds = sentence_bounds(doc)
    assert sentence_syntax(doc, bounds) is None
    expected = assess_sentences(doc.text, bounds).probabilities
    assert doc._.storyline_tone["probabilities"] == expected


@pytest.mark.parametrize(
    ("headline", "satire"),
    [
        ("area man unsure whether he is still allowed to leave meeting that ended", True),
        ("nation's dogs demand to know who is a good boy", True),
        ("the senate votes on the infrastructure bill this week: what you need to know", False),
        ("these 12 recipes will make your holiday dinner easier", False),
    ],
)
def test_nlp_tone_shipped_model_reads_headlines_with_and_without_parse(
    parsed: Language, headline: str, satire: bool
) -> None:
    model = load_model()
    with parsed.select_pipes(disable=["storyline_tone"]):
        syntax = parse_syntax(parsed, [headline])
    assert bool(model.probability([headline], syntax)[0] > 0.5) is satire
    assert bool(model.probability([headline])[0] > 0.5) is satire


JOKE_TITLE = "Area Man Heroically Finishes Entire Bag Of Chips Before Dinner"
PLAIN_TITLE = "Man eats chips before dinner, police say"
DEADPAN_BODY = (
    "SPRINGFIELD — Local man Gary Dobbs, 41, finished an entire family-size bag of chips on "
    "Tuesday minutes before his wife served dinner, a neighbour said. Sources confirmed that "
    "Dobbs licked the seasoning off each finger. At press time, Dobbs was telling his family "
    'he was "not really that hungry," a claim more fictional than a unicorn riding a tax refund.'
)


def _tone_of(nlp: Language, text: str, title: str | None = None) -> dict[str, object]:
    doc = nlp.make_doc(text)
    doc._.storyline_title = title
    return dict(nlp(doc)._.storyline_tone)


@pytest.mark.parametrize(
    ("title", "in_text", "label"),
    [
        (JOKE_TITLE, True, "satire"),  # a joke of a headline over a deadpan report with a joke
        (JOKE_TITLE, False, "satire"),  # the same title from metadata, outside the text
        (PLAIN_TITLE, True, "news"),  # the same body under a plain title
    ],
)
def test_nlp_tone_title_speaks_for_the_article(
    parsed: Language, title: str, in_text: bool, label: str
) -> None:
    text = f"{title}\n\n{DEADPAN_BODY}" if in_text else DEADPAN_BODY
    assert _tone_of(parsed, text, None if in_text else title)["label"] == label


def test_nlp_tone_title_needs_another_satirical_sentence(parsed: Language) -> None:
    body = DEADPAN_BODY.rsplit(" a claim more fictional", 1)[0] + "."
    tone = _tone_of(parsed, f"{JOKE_TITLE}\n\n{body}")
    assert tone["label"] == "news"


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Short title\n\nThe body of the article.", "Short title"),
        ("\n  Short title  \nThe body.", "Short title"),
        ("Only one line of text.", None),
        ("Title line\n\n   ", None),
        (" ".join(["word"] * 30) + "\n\nBody.", None),
    ],
)
def test_nlp_tone_first_line_is_the_title_when_short(text: str, title: str | None) -> None:
    assert first_line_title(text, 25) == title


def test_nlp_tone_a_piece_declared_commentary_is_opinion(blank: Language) -> None:
    report = _read(DATA / "news" / "ferry_strike_ends.txt")
    title, _, body = report.partition("\n\n")
    disclaimer = "The views expressed in this commentary are the writer's own. "
    assert blank(report)._.storyline_tone["label"] == "news"
    doc = blank(f"{title}\n\n{disclaimer}{body}")
    assert doc._.storyline_tone["label"] == "opinion"
    assert disclaimer.strip() in [span.text for span in doc.spans[TONE]]
    quoted = blank(f'{title}\n\n"{disclaimer.strip()}" {body}')._.storyline_tone
    assert quoted["label"] == "news"  # a quoted disclaimer is someone else's piece


@pytest.mark.parametrize(
    ("sentence", "declared"),
    [
        ("The opinions expressed in this commentary are solely those of the author.", True),
        ("The views expressed here are his own.", True),
        ("Opinion: The city needs a new bridge", True),
        ("Op-Ed | Why the strike matters", True),
        ("The views expressed at the meeting were mixed.", False),
        ("Opinion polls show the race is close.", False),
        ("She writes a column on opinion polling.", False),
    ],
)
def test_nlp_tone_declarations(sentence: str, declared: bool) -> None:
    found = declarations(["A plain first sentence.", sentence], load_lexicon())
    assert found == ({"opinion": 1} if declared else {})
