"""Bytes to text: reading files, telling text from binary, decoding with a repair.

Storyline reads text as UTF-8. A byte-order mark is honoured and removed
(UTF-8, and UTF-16/32 as saved by some Windows editors). Bytes that are not
valid UTF-8 are not fatal: each invalid byte is read as Windows-1252 (Latin-1
where Windows-1252 leaves a byte undefined) while the valid UTF-8 around it is
kept, so a file that is mostly UTF-8 with a few stray bytes loses nothing and
a Latin-1 file reads as Latin-1. Such a text is flagged ``repaired`` so the
caller can say so.

After decoding, each line ending (``\\r\\n``, or a lone ``\\r`` as old Mac
editors save it) becomes ``\\n`` and nothing else changes: the text returned
is the text every offset in ``story.json`` indexes.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path

from storyline.errors import BinaryInputError, EmptyInputError, UnreadableInputError

#: How many leading bytes are inspected for control characters.
SAMPLE_BYTES = 8192
#: A sample whose share of control bytes exceeds this is binary, not text.
MAX_CONTROL_SHARE = 0.05

# Byte values that never occur in text: C0 controls other than tab, line feed,
# vertical tab, form feed, carriage return and escape, plus DEL.
_CONTROL = bytes([*range(0, 9), *range(14, 27), *range(28, 32), 127])
_NOT_CONTROL = bytes(b for b in range(256) if b not in _CONTROL)

# Checked longest first: the UTF-32 LE mark starts with the UTF-16 LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


@dataclass(frozen=True)
class Decoded:
    """Text as read, and whether invalid UTF-8 had to be repaired."""

    text: str
    repaired: bool = False


def file_bytes(path: Path) -> bytes:
    """The bytes of a regular file, or :class:`UnreadableInputError` saying why not."""
    if not path.exists():
        raise UnreadableInputError(f"Cannot read '{path}': no such file; check the path")
    if not path.is_file():
        raise UnreadableInputError(
            f"Cannot read '{path}': not a regular file; give a file or a directory"
        )
    try:
        return path.read_bytes()
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise UnreadableInputError(
            f"Cannot read '{path}': {reason}; check that it exists and is readable"
        ) from exc


def looks_binary(data: bytes) -> bool:
    """True for bytes that are not text: any NUL byte, or many control bytes early on."""
    if b"\x00" in data:
        return True
    sample = data[:SAMPLE_BYTES]
    controls = len(sample.translate(None, _NOT_CONTROL))
    return bool(sample) and controls / len(sample) > MAX_CONTROL_SHARE


def decode_text(data: bytes, source: str) -> Decoded:
    """Decode a whole file; binary or empty input raises an :class:`InputError`.

    Raises:
        BinaryInputError: the bytes are not text (S011).
        EmptyInputError: there is no text, or only whitespace (S012).
    """
    decoded = _decode_marked(data)
    if decoded is None:
        if looks_binary(data):
            raise BinaryInputError(
                f"Cannot read '{source}': it holds binary data, not text; "
                "give a .txt, .html or .jsonl file"
            )
        decoded = decode_utf8(data)
    if not decoded.text.strip():
        raise EmptyInputError(f"Cannot read '{source}': it holds no text; remove it or fill it")
    return decoded


def decode_utf8(data: bytes) -> Decoded:
    """Decode UTF-8 (dropping a leading BOM), repairing invalid bytes as Windows-1252."""
    escaped = data.removeprefix(codecs.BOM_UTF8).decode("utf-8", errors="surrogateescape")
    text = escaped.translate(_ESCAPED_BYTES)
    return Decoded(normalise_newlines(text), repaired=text != escaped)


def normalise_newlines(text: str) -> str:
    """``\\r\\n`` and lone ``\\r`` to ``\\n``: the only change made to a text after decoding."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _decode_marked(data: bytes) -> Decoded | None:
    """Decode a UTF-16/32 text that starts with its byte-order mark, else None."""
    encoding = next((name for bom, name in _BOMS if data.startswith(bom)), "utf-8")
    if encoding == "utf-8":
        return None
    try:
        # The codec named by endianness keeps the mark as U+FEFF: drop it after decoding.
        text = data.decode(encoding).removeprefix("\ufeff")
    except UnicodeDecodeError:
        return None
    return Decoded(normalise_newlines(text))


def _single_byte_table() -> dict[int, str]:
    """A ``str.translate`` table that reads escaped invalid bytes as single-byte text.

    ``errors="surrogateescape"`` turns an invalid byte B into the lone surrogate
    U+DC00+B, which valid UTF-8 never yields. The table maps it to B read as
    Windows-1252, or as Latin-1 where Windows-1252 leaves B undefined.
    """
    table: dict[int, str] = {}
    for byte in range(0x80, 0x100):
        try:
            table[0xDC00 + byte] = bytes([byte]).decode("cp1252")
        except UnicodeDecodeError:
            table[0xDC00 + byte] = bytes([byte]).decode("latin-1")
    return table


_ESCAPED_BYTES = _single_byte_table()
