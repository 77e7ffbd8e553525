"""Evaluation commands (``storyline eval NAME``) against public gold data.

Each module here exposes ``add_arguments(parser)`` and ``run(args) -> int``;
:mod:`storyline.cli` wires every name in :data:`EVALUATIONS` as a subcommand.
"""

from __future__ import annotations

#: ``storyline eval NAME`` -> module under ``storyline.evaluation``.
EVALUATIONS: dict[str, str] = {
    "timex": "timex",
    "quantities": "quantities",
    "tone": "tone",
    "events": "events",
    "ecbplus": "ecbplus",
    "figures": "figures",
}
