"""Let :class:`~storyline.models.Value` travel inside a ``Doc``'s user data.

``nlp.pipe(n_process=N)`` sends each ``Doc`` back from its worker with
``Doc.to_bytes()``, which packs extension values with msgpack. A dataclass
cannot be packed as is, so this registers an encoder and a decoder with
srsly's msgpack registries (once per process; calling again does nothing).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import srsly  # type: ignore[import-untyped]

from ...models import Value

_KEY = "__storyline_value__"
_NAME = "storyline_value"


def _encode(obj: Any, chain: Callable[[Any], Any] | None = None) -> Any:
    if isinstance(obj, Value):
        return {_KEY: [obj.low, obj.high, obj.qualifier]}
    return obj if chain is None else chain(obj)


def _decode(obj: Any, chain: Callable[[Any], Any] | None = None) -> Any:
    if isinstance(obj, dict) and _KEY in obj:
        low, high, qualifier = obj[_KEY]
        return Value(low, high, qualifier)
    return obj if chain is None else chain(obj)


def register_value_codec() -> None:
    """Register the msgpack encoder and decoder for ``Value`` (idempotent)."""
    if _NAME not in srsly.msgpack_encoders.get_all():
        srsly.msgpack_encoders.register(_NAME, func=_encode)
    if _NAME not in srsly.msgpack_decoders.get_all():
        srsly.msgpack_decoders.register(_NAME, func=_decode)
