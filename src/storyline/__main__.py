"""``python -m storyline``: the same as the ``storyline`` command."""

from __future__ import annotations

import sys

from storyline.cli import main

sys.exit(main())
