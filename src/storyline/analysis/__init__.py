"""From an analysed ``Doc`` to an :class:`~storyline.models.ArticleAnalysis`.

Each topic has its own module reading the spans and attributes its
component wrote: mentions (entities), times (and the article's date),
quantities, figures (claims), events and relations, tone.
:func:`storyline.analysis.document.analyze_doc` puts them together.

Importing the package imports none of them, nor spaCy: reconciliation
reads the incident rules (:mod:`.incident_rules`) without the pipeline.
"""
