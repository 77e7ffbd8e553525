"""Claim reconciliation: which figures agree, which contradict, which time explains.

Claims are grouped by key first: (subject, measure, unit), the subject
being the entity id or, without one, the event the claim's sentence reports
(see :func:`group_key`). Only claims of one group are ever compared, so
the cost is one pass to group plus a sort per group: O(n log n) time and
O(n) memory for n claims, never n².

Within a group each claim's figure becomes an interval from its hedge (see
``data/reconcile/reconcile.yaml``) and its ``as_of`` date a calendar interval. Then:

1. **Windows.** Dated claims are cut into windows of about the same time
   (as-of dates within ``same_time_days`` of the window's first). Undated
   claims of one article form a window of their own: they share the
   article's unknown date, so they too are about the same time.
2. **Within a window**, a sweep over the intervals sorted by lower bound
   splits them into sets of mutually compatible figures. More than one set
   is a ``value_conflict`` (figures that are ambiguous between two sets,
   like ``up to 4,000`` next to ``about 1,200`` and ``about 4,000``, are
   left out of its sides; figures that all come from one sentence are a
   breakdown, not a conflict, and so are figures of one article unless it
   attributes them to different sources; a running total whose higher
   figures were all given on later days is an ``evolving_figure``); one set
   backed by two or more independent sources is an ``agreement``. Sources
   are independent when they differ (entity, else source text, else the
   article) and are not reprints: claims whose sentences read the same are
   one source.
3. **Across windows**, each window's main set (the one with the most
   independent sources) is compared with the next window's (when they come
   from more than one article). Incompatible
   figures are an ``evolving_figure`` when time can explain them (a running
   total such as a death toll that rose) and a ``value_conflict`` when it
   cannot (a running total that fell).
4. **Undated windows** are pooled with every window's main set; a split
   there is a ``value_conflict`` whose timing is unknown.

Claims that state an increment (``an additional 10,000 troops``) are not
totals and are left out.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from ..analysis.incident_rules import incident_rules
from ..lexicons import bundled_yaml
from ..models import Claim, Value
from ..nlp.numbers.lexicon import number_lexicon
from ..nlp.timex.dates import date_interval

Kind = Literal["value_conflict", "evolving_figure", "agreement", "satire_not_compared"]
Timing = Literal["same_time", "same_article", "undated", "later_higher", "later_lower", "changed"]
GroupKey = tuple[str, str, str, str]

_WORDS = re.compile(r"[^\W_]+")
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
_INF = float("inf")


@dataclass(frozen=True)
class Rules:
    """The comparison settings of ``data/reconcile/reconcile.yaml``."""

    round_exact: float
    approximately: float
    same_time_days: int
    cumulative: frozenset[str]
    incremental: frozenset[str]
    phrases: Mapping[str, str]
    compared: frozenset[str]
    unit_synonyms: Mapping[str, str]
    agreement_max_ratio: float = 1.5


@functools.cache
def load_rules() -> Rules:
    """The bundled comparison settings, read once."""
    return rules_from_data(bundled_yaml("reconcile/reconcile.yaml"))


def rules_from_data(data: Mapping[str, Any]) -> Rules:
    """:class:`Rules` from the parsed YAML layout of ``data/reconcile/reconcile.yaml``."""
    margins = data.get("margins") or {}
    return Rules(
        round_exact=float(margins.get("round_exact", 0.05)),
        approximately=float(margins.get("approximately", 0.1)),
        same_time_days=int(data.get("same_time_days", 7)),
        cumulative=frozenset(str(m) for m in data.get("cumulative_measures") or ()),
        incremental=frozenset(str(m) for m in data.get("incremental_markers") or ()),
        phrases={str(k): str(v) for k, v in (data.get("phrases") or {}).items()},
        compared=frozenset(str(m) for m in data.get("compared_measures") or ()),
        unit_synonyms={str(k): str(v) for k, v in (data.get("unit_synonyms") or {}).items()},
        agreement_max_ratio=float(data.get("agreement_max_ratio", 1.5)),
    )


@dataclass(frozen=True, slots=True)
class Figure:
    """A claim ready for comparison: its figure and date as intervals, its source."""

    claim: Claim
    low: float
    high: float
    start: int | None
    end: int | None
    source: str
    reported: int | None = None

    def told(self) -> tuple[int | None, int | None]:
        """When the figure was known: not before its as-of date, nor before its article's."""
        if self.reported is None:
            return self.start, self.end
        if self.start is None or self.end is None:
            return self.reported, self.reported
        return max(self.start, self.reported), max(self.end, self.reported)


@dataclass(frozen=True)
class Comparison:
    """One outcome of comparing a group's figures; ``sides`` in reading order."""

    kind: Kind
    key: GroupKey
    sides: tuple[tuple[Figure, ...], ...]
    timing: Timing


def group_key(claim: Claim, rules: Rules, event: str | None = None) -> GroupKey | None:
    """What a claim counts: (anchor, measure, group, unit), or None when it is not compared.

    The anchor is what the figure is about: its period (``period:2011|`` for
    "since 2011"), else its incident (``incident:<id>``), else its subject
    entity, else the event its sentence reports (``event``, an event id),
    else nothing: "people killed" alone does not say which people, so such
    a figure is never compared. The group is the claim's group, with groups
    that ``data/analysis/incidents.yaml`` compares as one folded together
    ("civilians" and "people"); a part ("children") keeps its own. Only
    measures listed in ``compared_measures`` are compared (a free phrase such
    as "release" says too little).
    """
    measure = claim.measure.lower()
    if measure not in rules.compared:
        return None
    anchor = _anchor(claim, event)
    if anchor is None:
        return None
    group = claim.group or ""
    group = incident_rules().comparable_groups.get(group, group)
    unit = (claim.unit or "").lower()
    if group and unit not in number_lexicon().measure_units:
        unit = ""  # a counted noun ("civilian", "person"): the group says whom it counts
    return anchor, measure, group, rules.unit_synonyms.get(unit, unit)


def _anchor(claim: Claim, event: str | None) -> str | None:
    if claim.scope.kind == "period":
        if not claim.scope.start and not claim.subject:
            return None  # "killed in the war" alone does not say which war
        return f"period:{(claim.scope.start or '')[:4]}|{claim.subject or ''}"
    if claim.incident:
        return "incident:" + claim.incident
    if claim.subject:
        return claim.subject
    return "event:" + event if event is not None else None


def bounds(value: Value, rules: Rules) -> tuple[float, float] | None:
    """The interval of values a hedged figure allows (see ``data/reconcile/reconcile.yaml``)."""
    low, high = value.low, value.high
    amount = low if low is not None else high
    if amount is None:
        return None
    match value.qualifier:
        case "range":
            return (low if low is not None else 0.0), (high if high is not None else _INF)
        case "approximately":
            return amount * (1 - rules.approximately), amount * (1 + rules.approximately)
        case "at_least" | "more_than":
            return amount, _INF
        case "at_most" | "up_to" | "less_than":
            top = high if high is not None else amount
            return 0.0, top
        case _:
            if amount >= 100 and amount % 100 == 0:
                return amount * (1 - rules.round_exact), amount * (1 + rules.round_exact)
            return amount, amount


def is_increment(claim: Claim, rules: Rules) -> bool:
    """Whether a claim states an increment (``an additional 10,000``, ``10,000 more``).

    Looks at the counted group's text and at the words right around the
    figure in the claim's text (not the whole sentence, which may hold
    other figures).
    """
    if any(w in rules.incremental for w in _WORDS.findall((claim.subject_text or "").lower())):
        return True
    text = claim.span.text.lower()
    for match in _NUMBER.finditer(text):
        if not _same_number(match.group(0), claim.value):
            continue
        before = _WORDS.findall(text[max(0, match.start() - 40) : match.start()])[-3:]
        after = _WORDS.findall(text[match.end() : match.end() + 40])[:3]
        if any(w in rules.incremental and w != "more" for w in before):
            return True
        if "more" in after[:2] and "than" not in after:
            return True
    return False


def _same_number(text: str, value: Value) -> bool:
    try:
        number = float(text.replace(",", ""))
    except ValueError:
        return False
    return number in {value.low, value.high}


def compare_claims(
    claims: Iterable[Claim],
    rules: Rules | None = None,
    events: Mapping[str, str] | None = None,
    reported: Mapping[str, int] | None = None,
    satire: frozenset[str] = frozenset(),
) -> list[Comparison]:
    """Every comparison outcome over ``claims`` (see the module docstring).

    ``events`` maps a claim id to the event its sentence reports; ``reported``
    an article id to the day (ordinal) its article was published, when given;
    ``satire`` holds the ids of satire articles, whose figures are compared
    only within their own article and are otherwise reported as
    ``satire_not_compared``.
    """
    rules = rules or load_rules()
    anchors = events or {}
    groups: dict[GroupKey, list[Claim]] = {}
    for claim in claims:
        key = group_key(claim, rules, anchors.get(claim.id))
        if key is not None and not is_increment(claim, rules):
            groups.setdefault(key, []).append(claim)
    found: list[Comparison] = []
    for key in sorted(groups):
        news = [c for c in groups[key] if c.article not in satire]
        found.extend(compare_group(key, news, rules, reported or {}))
        jokes: dict[str, list[Claim]] = {}
        for claim in groups[key]:
            if claim.article in satire:
                jokes.setdefault(claim.article, []).append(claim)
        for own in jokes.values():
            found.extend(compare_group(key, own, rules, reported or {}))
        found.extend(_not_compared(key, [c for own in jokes.values() for c in own], news, rules))
    return found


def _not_compared(
    key: GroupKey, jokes: Sequence[Claim], news: Sequence[Claim], rules: Rules
) -> Iterator[Comparison]:
    """Satire's figures set beside the news figures they are not compared with."""
    if not jokes or not news:
        return
    sides = (tuple(_figures(jokes, rules, {})), tuple(_figures(news, rules, {})))
    if all(sides):
        yield Comparison("satire_not_compared", key, sides, "undated")


def compare_group(
    key: GroupKey,
    claims: Sequence[Claim],
    rules: Rules,
    reported: Mapping[str, int] | None = None,
) -> Iterator[Comparison]:
    """The comparisons within one group of claims about the same thing."""
    figures = _figures(claims, rules, reported or {})
    if len(figures) < 2:
        return
    dated, undated = _windows(figures, rules.same_time_days)
    mains: list[tuple[Figure, ...]] = []
    for window in [*dated, *undated]:
        timing: Timing = "same_time" if window[0].start is not None else "same_article"
        sets = _compatible_sets(window)
        if len(sets) > 1:
            sides = _sides(sets)
            if len(sides) > 1 and _sentences(sides) > 1 and _disputed(sides):
                if timing == "same_time" and key[1] in rules.cumulative and _rising(sides):
                    yield Comparison("evolving_figure", key, sides, "later_higher")
                else:
                    yield Comparison("value_conflict", key, sides, timing)
        elif _agreeing(window) and _close(window, rules.agreement_max_ratio):
            yield Comparison("agreement", key, (tuple(window),), timing)
        mains.append(_main_set(sets))
    yield from _across_time(key, mains[: len(dated)], rules)
    if undated and len(mains) > 1:
        pooled = [f for main in mains for f in main]
        sides = _sides(_compatible_sets(pooled))
        undated_side = any(f.start is None for side in sides for f in side)
        if len(sides) > 1 and undated_side and _sentences(sides) > 1 and _disputed(sides):
            yield Comparison("value_conflict", key, sides, "undated")


def _close(figures: Sequence[Figure], max_ratio: float) -> bool:
    """Whether the numbers stated are near enough to call the figures an agreement.

    Open bounds overlap whatever their size (``at least 2,000`` and ``at
    least 20,000``); agreeing means saying about the same number.
    """
    values = (f.claim.value for f in figures)
    stated = [n for v in values for n in (v.low, v.high) if n is not None and n > 0]
    return not stated or max(stated) <= max_ratio * min(stated)


def _sentences(sides: Sequence[Sequence[Figure]]) -> int:
    """How many sentences the figures come from: two figures in one sentence are a
    breakdown ("259 on the plane and 11 on the ground"), not a contradiction."""
    return len({(f.claim.article, f.claim.span.start) for side in sides for f in side})


def _rising(sides: Sequence[Sequence[Figure]]) -> bool:
    """Whether each higher figure of a running total was given on a later day.

    Early reports of a toll are overtaken within days ("8 Americans killed"
    on the day, "12" the next): inside one same-time window that is still
    the total growing, not two reports contradicting each other. A figure
    is given on its article's date when that is known (``12 Americans were
    killed in Friday's bombing``, published on Sunday, is Sunday's count),
    else on its as-of date (whichever is later).
    """
    ordered = sorted(sides, key=lambda side: min(f.low for f in side))
    for lower, higher in itertools.pairwise(ordered):
        last = max((e for f in lower if (e := f.told()[1]) is not None), default=None)
        first = min((s for f in higher if (s := f.told()[0]) is not None), default=None)
        if last is None or first is None or first <= last:
            return False
    return True


def _disputed(sides: Sequence[Sequence[Figure]]) -> bool:
    """Whether a split is a dispute rather than figures for different parts of a whole.

    Across articles any split counts. Within one article, different figures
    for one thing are usually a breakdown the parse could not see ("224
    killed ... 11 of them at the second embassy"); the article contradicts
    itself only when it attributes them to different sources ("about 4,000,
    Zelenskyy said; U.S. estimates put it at 1,200").
    """
    if len({f.claim.article for side in sides for f in side}) > 1:
        return True
    attributed = [{f.source for f in side if not f.source.startswith("article:")} for side in sides]
    return sum(1 for found in attributed if found) >= 2 and len(set().union(*attributed)) >= 2


def _figures(claims: Sequence[Claim], rules: Rules, reported: Mapping[str, int]) -> list[Figure]:
    reprints: dict[str, str] = {}
    figures = []
    for claim in claims:
        interval = bounds(claim.value, rules)
        if interval is None:
            continue
        days = date_interval(claim.as_of)
        source = _source_key(claim)
        text = " ".join(_WORDS.findall(claim.span.text.lower()))
        source = reprints.setdefault(text, source) if text else source
        start, end = (days[0].toordinal(), days[1].toordinal()) if days else (None, None)
        told = reported.get(claim.article)
        figures.append(Figure(claim, interval[0], interval[1], start, end, source, told))
    return figures


def _source_key(claim: Claim) -> str:
    source = claim.source
    if source is not None and source.entity:
        return "entity:" + source.entity
    if source is not None and source.text.strip():
        return "text:" + " ".join(_WORDS.findall(source.text.lower()))
    return "article:" + claim.article


def _windows(figures: list[Figure], days: int) -> tuple[list[list[Figure]], list[list[Figure]]]:
    """Dated figures cut into same-time windows; undated ones grouped by article."""
    dated = sorted((f for f in figures if f.start is not None), key=_time_order)
    windows: list[list[Figure]] = []
    for figure in dated:
        assert figure.start is not None
        first = windows[-1][0] if windows else None
        if first is not None and first.end is not None and figure.start <= first.end + days:
            windows[-1].append(figure)
        else:
            windows.append([figure])
    undated: dict[str, list[Figure]] = {}
    for figure in figures:
        if figure.start is None:
            undated.setdefault(figure.claim.article, []).append(figure)
    return windows, [undated[a] for a in sorted(undated)]


def _time_order(figure: Figure) -> tuple[int, int, str]:
    return (figure.start or 0, figure.end or 0, figure.claim.id)


def _compatible_sets(figures: Iterable[Figure]) -> list[list[Figure]]:
    """Split figures, by lower bound, into runs whose intervals all overlap."""
    sets: list[list[Figure]] = []
    top = -_INF
    for figure in sorted(figures, key=lambda f: (f.low, f.high, f.claim.id)):
        if sets and figure.low <= top:
            sets[-1].append(figure)
            top = min(top, figure.high)
        else:
            sets.append([figure])
            top = figure.high
    return sets


def _overlap(figures: Sequence[Figure]) -> tuple[float, float]:
    return max(f.low for f in figures), min(f.high for f in figures)


def _sides(sets: list[list[Figure]]) -> tuple[tuple[Figure, ...], ...]:
    """The sets of a split, less figures that also fit a neighbouring set."""
    spans = [_overlap(s) for s in sets]
    sides = []
    for i, members in enumerate(sets):
        neighbours = [spans[j] for j in (i - 1, i + 1) if 0 <= j < len(sets)]
        kept = tuple(
            f for f in members if not any(f.low <= hi and lo <= f.high for lo, hi in neighbours)
        )
        if kept:
            sides.append(kept)
    return tuple(sides)


def _agreeing(figures: Sequence[Figure]) -> bool:
    """Independent sources: two articles, or two named or described sources in one.

    An article repeating its own source's figure in its own voice (a headline
    and the sentence that attributes it) is one source, not two.
    """
    if len({f.claim.article for f in figures}) >= 2:
        return _independent(figures) >= 2
    return len({f.source for f in figures if not f.source.startswith("article:")}) >= 2


def _independent(figures: Iterable[Figure]) -> int:
    return len({f.source for f in figures})


def _main_set(sets: list[list[Figure]]) -> tuple[Figure, ...]:
    best = max(sets, key=lambda s: (_independent(s), len(s), -sets.index(s)))
    return tuple(best)


def _across_time(
    key: GroupKey, mains: list[tuple[Figure, ...]], rules: Rules
) -> Iterator[Comparison]:
    """Compare each window's main set with the next one's.

    Figures of one article at dates far apart are the history it tells
    (``11 killed in 1988 ... more than 200 in 1998``), often of different
    happenings, not a figure that sources revised: they are not compared.
    """
    cumulative = key[1] in rules.cumulative
    for earlier, later in itertools.pairwise(mains):
        if len({f.claim.article for f in (*earlier, *later)}) < 2:
            continue
        low_a, high_a = _overlap(earlier)
        low_b, high_b = _overlap(later)
        if low_b <= high_a and low_a <= high_b:
            continue
        if not cumulative:
            yield Comparison("evolving_figure", key, (earlier, later), "changed")
        elif low_b > high_a:
            yield Comparison("evolving_figure", key, (earlier, later), "later_higher")
        elif _disputed((earlier, later)):
            yield Comparison("value_conflict", key, (earlier, later), "later_lower")
