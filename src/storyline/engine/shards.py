"""Parquet shards: the per-article results of the Dask engine, one column per part.

Shard schema (``part-<key>.parquet``, one row per result):

================  ========  =================================================
column            type      meaning
================  ========  =================================================
``position``      int32     the result's place in its partition
``kind``          string    ``analysis`` or ``skipped``
``article_id``    string    the article's id (null for ``skipped``)
``source``        string    the article's source (null for ``skipped``)
``text``          string    the article's text (null for ``skipped``)
``article``       string    the :class:`~storyline.models.Article` without
                            its text, as JSON
``mentions``      string    the analysis's entity mentions, a JSON list
``times``         string    its time expressions, a JSON list
``quantities``    string    its quantities, a JSON list
``claims``        string    its claims, a JSON list
``events``        string    its events, a JSON list
``relations``     string    its relations, a JSON list
``findings``      string    its own findings, a JSON list
``incidents``     string    its incident mentions, a JSON list
``skipped``       string    the :class:`~storyline.models.Skipped` as JSON
                            (null for ``analysis``)
================  ========  =================================================

JSON is the store's encoding (:func:`storyline.store.codec.dump`), so a new
field of a record needs no new column; the columns after ``article`` are the
fields of :class:`~storyline.models.ArticleAnalysis`.

Reconciliation reads the shards with DuckDB: the record columns ordered by
source and id in the query (:func:`read_analyses`), the entity mentions
counted by key and form in the query rather than decoded one by one
(:func:`count_mentions`), and the articles' texts only when the story needs
them (:func:`read_texts`).
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from ..models import Article, ArticleAnalysis, Skipped, from_dict
from ..reconcile.entities import MentionCounts
from ..store.codec import dump, load

#: The parts of an analysis kept in columns of their own, in the record's order.
RECORD_COLUMNS = tuple(f.name for f in dataclasses.fields(ArticleAnalysis))
#: The columns of every shard (see the module's documentation).
SHARD_SCHEMA = pa.schema(
    [
        ("position", pa.int32()),
        ("kind", pa.string()),
        ("article_id", pa.string()),
        ("source", pa.string()),
        ("text", pa.string()),
        *((name, pa.string()) for name in RECORD_COLUMNS),
        ("skipped", pa.string()),
    ]
)
#: Rows decoded at a time when reading shards back.
FETCH_ROWS = 256

Result = ArticleAnalysis | Skipped


def shard_bytes(results: Iterable[Result]) -> bytes:
    """A shard (Parquet, zstd) holding ``results`` in order."""
    rows: dict[str, list[Any]] = {name: [] for name in SHARD_SCHEMA.names}
    for position, result in enumerate(results):
        row = _row(result)
        row["position"] = position
        for name in SHARD_SCHEMA.names:
            rows[name].append(row.get(name))
    sink = pa.BufferOutputStream()
    pq.write_table(pa.table(rows, schema=SHARD_SCHEMA), sink, compression="zstd")
    return bytes(sink.getvalue().to_pybytes())


def _row(result: Result) -> dict[str, Any]:
    if isinstance(result, Skipped):
        return {"kind": "skipped", "skipped": dump(result)}
    article = result.article
    row: dict[str, Any] = {name: dump(getattr(result, name)) for name in RECORD_COLUMNS}
    row.update(
        kind="analysis",
        article_id=article.id,
        source=article.source,
        text=article.text,
        article=dump(dataclasses.replace(article, text="")),
    )
    return row


def read_shard(path: Path, *, records: bool = True) -> Iterator[Result]:
    """The results a shard holds, in their order, texts included.

    With ``records=False`` only the articles' metadata is read: each analysis
    holds its article alone, without its text (enough to count and to show
    progress, when the story is reconciled from the shards later).
    """
    columns = None if records else ["position", "kind", "article", "skipped"]
    table = pq.read_table(path, columns=columns, schema=SHARD_SCHEMA).sort_by("position")
    for row in table.to_pylist():
        if row["kind"] == "skipped":
            yield load(Skipped, row["skipped"])
        elif records:
            yield _analysis(row, row["text"])
        else:
            yield ArticleAnalysis(load(Article, row["article"]))


def _analysis(row: dict[str, Any], text: str) -> ArticleAnalysis:
    data = {name: json.loads(row[name]) for name in RECORD_COLUMNS}
    data["article"]["text"] = text
    return from_dict(ArticleAnalysis, data)


def read_analyses(paths: Sequence[Path]) -> Iterator[ArticleAnalysis]:
    """Every analysis in the shards at ``paths``, by source and id, without texts or mentions.

    Each article comes back with an empty ``text`` and no entity mentions:
    :func:`read_texts` reads the texts when they are needed, and
    :func:`count_mentions` counts the mentions in the query. Rows are
    decoded :data:`FETCH_ROWS` at a time.
    """
    if not paths:
        return
    read = [name for name in RECORD_COLUMNS if name != "mentions"]
    columns = ", ".join(f'"{name}"' for name in read)
    query = (
        f"SELECT {columns}, '[]' FROM read_parquet(?) "
        "WHERE kind = 'analysis' ORDER BY source, article_id"
    )
    for row in _rows(query, paths):
        yield _analysis(dict(zip([*read, "mentions"], row, strict=True)), "")


#: The fields of a mention that entity merging counts, with their JSON types.
_MENTION_TYPE = json.dumps([dict.fromkeys(("key", "kind", "name", "country", "text"), "VARCHAR")])


def count_mentions(paths: Sequence[Path]) -> MentionCounts:
    """The entity mentions of the shards at ``paths``, counted by the query engine.

    One row per mention key, form and article date, instead of one object
    per mention: what :func:`storyline.reconcile.entities.merge_entities`
    reads.
    """
    counts = MentionCounts()
    if not paths:
        return counts
    query = (
        f"WITH m AS (SELECT unnest(from_json(mentions, '{_MENTION_TYPE}')) AS m, "
        "json_extract_string(article, '$.published.value') AS published "
        "FROM read_parquet(?) WHERE kind = 'analysis') "
        "SELECT m.key, m.kind, m.name, m.country, m.text, published, count(*) "
        "FROM m GROUP BY ALL"
    )
    for key, kind, name, country, text, published, count in _rows(query, paths):
        counts.add(key, (kind, name, country, text), published, count)
    return counts


def read_texts(paths: Sequence[Path]) -> dict[str, str]:
    """Article id -> text, for every analysis in the shards at ``paths``."""
    if not paths:
        return {}
    query = "SELECT article_id, text FROM read_parquet(?) WHERE kind = 'analysis'"
    return {article_id: text for article_id, text in _rows(query, paths)}


def _rows(query: str, paths: Sequence[Path]) -> Iterator[tuple[Any, ...]]:
    import duckdb

    with duckdb.connect() as connection:
        cursor = connection.execute(query, [[str(p) for p in dict.fromkeys(paths)]])
        while batch := cursor.fetchmany(FETCH_ROWS):
            yield from batch


__all__ = [
    "RECORD_COLUMNS",
    "SHARD_SCHEMA",
    "count_mentions",
    "read_analyses",
    "read_shard",
    "read_texts",
    "shard_bytes",
]
