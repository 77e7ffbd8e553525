"""Let records (:class:`~storyline.models.Value`, a component's own) travel inside a ``Doc``.

``nlp.pipe(n_process=N)`` sends each ``Doc`` back from its worker with
``Doc.to_bytes()``, which packs extension values with msgpack. A dataclass
cannot be packed as is, so :func:`register_record_codec` registers an encoder
and a decoder for one record type with srsly's msgpack registries (once per
process; calling again does nothing).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import srsly  # type: ignore[import-untyped]

from ...models import Value

Chain = Callable[[Any], Any] | None


def register_record_codec(
    name: str,
    kind: type,
    to_data: Callable[[Any], Any],
    from_data: Callable[[Any], Any],
) -> None:
    """Pack records of ``kind`` as ``{"__<name>__": to_data(record)}`` and unpack them with
    ``from_data`` (idempotent). ``to_data`` must give plain msgpack data."""
    key = f"__{name}__"

    def encode(obj: Any, chain: Chain = None) -> Any:
        if isinstance(obj, kind):
            return {key: to_data(obj)}
        return obj if chain is None else chain(obj)

    def decode(obj: Any, chain: Chain = None) -> Any:
        if isinstance(obj, dict) and key in obj:
            return from_data(obj[key])
        return obj if chain is None else chain(obj)

    if name not in srsly.msgpack_encoders.get_all():
        srsly.msgpack_encoders.register(name, func=encode)
    if name not in srsly.msgpack_decoders.get_all():
        srsly.msgpack_decoders.register(name, func=decode)


def value_data(value: Value) -> list[Any]:
    """A value as plain data: ``[low, high, qualifier]``."""
    return [value.low, value.high, value.qualifier]


def value_from_data(data: list[Any]) -> Value:
    low, high, qualifier = data
    return Value(low, high, qualifier)


def register_value_codec() -> None:
    """Register the msgpack encoder and decoder for ``Value`` (idempotent)."""
    register_record_codec("storyline_value", Value, value_data, value_from_data)
