"""The Markdown sidecar ``tone_model.md`` that ``train_tone.py`` writes beside the weights."""

from __future__ import annotations

from typing import Any

TEMPLATE = """# `tone_model.json`: the satire model

Written by `scripts/train_tone.py` on {trained}; do not edit by hand (the
same facts are in the file's `meta` block). Storyline loads it with numpy; no
pickle, no scikit-learn at run time.

## Data
{source}. SHA-256 of the file: `{sha256}`.
{unique} unique headlines (exact duplicates kept once). The
labels come from the source site, not from a judgement of each headline.

## Split
{method}; seed `{seed}`. Sizes: {sizes}. Satire share: {shares}.

## Model
One logistic regression over four TF-IDF blocks (sublinear tf, min_df
{min_df}, each block L2-normalised): word {word_low}-{word_high}-grams,
character {char_low}-{char_high}-grams across word boundaries, and
{label_low}-{label_high}-grams of the part-of-speech tags and of the dependency
labels that `{parser}` gives each headline, these two blocks multiplied
by {parse_weight:g}; C = {c:g}. The n-grams with the largest
weights in each block ({kept}) are kept and the model is refitted on them.

## Choice by 5-fold cross-validation on the train split
Feature selection is redone inside each fold. Out-of-fold log-loss (after
Platt scaling) and F1 at probability 0.5, with the parse blocks and with the
text blocks alone (the fallback when there is no parse); the setting with the
lowest log-loss is kept: **{chosen}**.

| setting | log-loss | F1 | log-loss, text only | F1, text only |
|---|---|---|---|---|
{rows}

## Stacked naive Bayes
A multinomial naive Bayes model of word 1-2-grams (present or absent; the
strongest log-ratios kept, refitted, inside each fold too) can be stacked on
the chosen regression: decision = alpha * regression + beta * naive Bayes +
gamma, the weights a logistic regression on the two models' out-of-fold
decisions, scored by its own out-of-fold decisions:

| stack | log-loss | F1 | log-loss, text only | F1, text only |
|---|---|---|---|---|
{stack_rows}

{stack_choice}

## Calibration
{calibration}: probability = sigmoid(a * decision + b), with
a = {a:.4f} and b = {b:.4f}; without a parse
(text blocks only) a = {text_a:.4f} and b = {text_b:.4f}.

## Scores on the held-out test split
{parsed_line}
{text_line}
The exported weights score the test split within
{difference:g} of scikit-learn's own decision values
(scikit-learn {sklearn}). `storyline eval tone` recomputes these scores.

## Use
On full articles this model is one piece of evidence among the designed cues of
`tone_cues.yaml`: it counts for satire only on headline-length sentences that it
finds strongly satirical (see `storyline.nlp.tone.decide`), each scored with its
tags and dependency labels from the parse the pipeline already made.
"""


def sidecar(exported: dict[str, Any]) -> str:
    """The Markdown description of the model, from the exported file's blocks."""
    meta, hyper, platt = exported["meta"], exported["hyperparameters"], exported["platt"]
    split, cv = meta["split"], meta["cross_validation"]
    word, char, label = hyper["word_ngrams"], hyper["char_ngrams"], hyper["label_ngrams"]
    return TEMPLATE.format(
        trained=meta["trained"],
        source=meta["source"],
        sha256=meta["file_sha256"],
        unique=meta["unique_headlines"],
        method=split["method"],
        seed=split["seed"],
        sizes=", ".join(f"{name} {size}" for name, size in split["sizes"].items()),
        shares=", ".join(f"{name} {share:.1%}" for name, share in split["satire_share"].items()),
        min_df=hyper["min_df"],
        word_low=word[0],
        word_high=word[1],
        char_low=char[0],
        char_high=char[1],
        label_low=label[0],
        label_high=label[1],
        parser=meta["parser"],
        parse_weight=hyper["parse_weight"],
        c=hyper["C"],
        kept=", ".join(f"{count} {name}" for name, count in hyper["kept_features"].items()),
        chosen=cv["chosen"],
        rows="\n".join(_table_row(row) for row in cv["table"]),
        stack_rows="\n".join(_table_row(row) for row in cv["stack_table"]),
        stack_choice=_stack_choice(hyper.get("naive_bayes")),
        calibration=meta["calibration"],
        a=platt["parsed"]["a"],
        b=platt["parsed"]["b"],
        text_a=platt["text_only"]["a"],
        text_b=platt["text_only"]["b"],
        parsed_line=_score_line(
            meta["test"], "with the parse (the test headlines parsed by the same pipeline)"
        ),
        text_line=_score_line(meta["test_text_only"], "without the parse (text blocks only)"),
        difference=meta["test"]["numpy_vs_sklearn_max_difference"],
        sklearn=meta["scikit_learn"],
    )


def _stack_choice(nb: dict[str, Any] | None) -> str:
    if nb is None:
        return "Not kept: no stack had a lower out-of-fold log-loss than the regression alone."
    weights = nb["stack"]
    return (
        f"Kept, with the {nb['kept_features']} strongest n-grams: decision = "
        f"{weights['alpha']:.4f} * regression + {weights['beta']:.4f} * naive Bayes + "
        f"{weights['gamma']:.4f} (folded into the exported blocks and intercept)."
    )


def _table_row(row: dict[str, Any]) -> str:
    return (
        f"| {row['setting']} | {row['log_loss']:.4f} | {row['f1']:.4f} "
        f"| {row['text_only_log_loss']:.4f} | {row['text_only_f1']:.4f} |"
    )


def _score_line(test: dict[str, float], how: str) -> str:
    return (
        f"- {how}: {test['headlines']} headlines, satire at probability 0.5 or more: "
        f"accuracy {test['accuracy']:.4f}, precision {test['precision']:.4f}, recall "
        f"{test['recall']:.4f}, F1 {test['f1']:.4f}; log-loss {test['log_loss']:.4f}, "
        f"Brier {test['brier']:.4f}."
    )
