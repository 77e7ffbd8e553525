"""A block's vocabulary of n-grams, found in a batch of texts with numpy.

Looking up each n-gram of each text in the vocabulary makes a string per
n-gram, about two million of them over 256 articles. :class:`GramKeys` gives
the same (text, vocabulary id) pairs, one per occurrence, from integer codes
instead: each unit of the vocabulary's n-grams (a character, a word, a tag)
gets a code from 1 up, an n-gram's key packs its units' codes a fixed number
of bits apart (the first lowest), and every key of a batch is looked up in
the sorted keys of the vocabulary at once. A unit the vocabulary never uses
gets code 0, and no n-gram holding it is looked up: none is in the vocabulary.
Texts are joined with a code 0 between them, so no key spans two texts.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import numpy.typing as npt

from .text import padded_text

IntArray = npt.NDArray[np.int64]
#: Joins texts for the character codes (it is in no vocabulary's alphabet).
_SEPARATOR = "\x00"
#: The bits a key may use.
_KEY_BITS = 62


class GramKeys:
    """The n-grams of one vocabulary (n-gram -> id) as sorted integer keys.

    ``joiner`` is what joins the units of an n-gram: ``""`` for characters,
    ``" "`` for words and labels; ``sizes`` are the lengths the analyser makes.
    Use :meth:`of`, which says when the keys cannot be built.
    """

    def __init__(self, index: Mapping[str, int], sizes: tuple[int, int], joiner: str) -> None:
        self.joiner = joiner
        self.sizes = sizes
        if joiner:
            grams = [gram.split(joiner) for gram in index]
            alphabet = sorted({unit for gram in grams for unit in gram})
            self.codes = {unit: number for number, unit in enumerate(alphabet, start=1)}
            self.points = np.zeros(0, np.int64)
            codes = np.array([self.codes[unit] for gram in grams for unit in gram], np.int64)
            lengths = np.array([len(gram) for gram in grams], dtype=np.int64)
        else:  # characters: coded by their code points, all at once
            points = _code_points("".join(index))
            self.codes = {}
            self.points = np.unique(points)
            codes = np.searchsorted(self.points, points) + 1
            lengths = np.fromiter(map(len, index), dtype=np.int64, count=len(index))
        self.bits = (len(self.points) or len(self.codes)).bit_length()
        low, high = sizes
        made = (lengths >= low) & (lengths <= high)
        keys = self._pack(codes, lengths)[made]
        order = np.argsort(keys, kind="stable")
        self.keys = keys[order]
        self.ids = np.fromiter(index.values(), dtype=np.int64, count=len(index))[made][order]

    @classmethod
    def of(cls, index: Mapping[str, int], sizes: tuple[int, int], joiner: str) -> GramKeys | None:
        """Keys for ``index``, or None when its n-grams do not fit in 62 bits."""
        if not index:
            return None
        if joiner:
            units = {unit for gram in index for unit in gram.split(joiner)}
        else:
            units = set("".join(index))
            if _SEPARATOR in units:
                return None
        if len(units).bit_length() * sizes[1] > _KEY_BITS:
            return None
        return cls(index, sizes, joiner)

    def _pack(self, codes: IntArray, lengths: IntArray) -> IntArray:
        """Each n-gram's key from the codes of all n-grams, one after another."""
        starts = np.cumsum(lengths) - lengths
        place = np.arange(len(codes)) - np.repeat(starts, lengths)
        shifted = codes << (self.bits * place)
        keys = np.zeros(len(lengths), dtype=np.int64)
        np.add.at(keys, np.repeat(np.arange(len(lengths)), lengths), shifted)
        return keys

    def find_chars(self, texts: Sequence[str]) -> tuple[IntArray, IntArray]:
        """(row, id) of every character n-gram of ``texts`` (padded, as the analyser reads them)."""
        padded = [padded_text(text) for text in texts]
        points = _code_points(_SEPARATOR.join(padded))
        at = np.minimum(np.searchsorted(self.points, points), len(self.points) - 1)
        codes = np.where(self.points[at] == points, at + 1, 0)
        return self._find(codes, [len(text) for text in padded])

    def find_units(self, texts: Sequence[Sequence[str]]) -> tuple[IntArray, IntArray] | None:
        """(row, id) of every n-gram of the unit sequences ``texts``.

        None when a unit holds the joiner (its n-grams could not be told apart
        by their units): look those up as strings.
        """
        code = self.codes.get
        flat: list[int] = []
        for units in texts:
            if self.joiner in "".join(units):
                return None
            flat += [code(unit, 0) for unit in units]
            flat.append(0)
        return self._find(np.array(flat, dtype=np.int64), [len(units) for units in texts])

    def _find(self, codes: IntArray, lengths: Sequence[int]) -> tuple[IntArray, IntArray]:
        """The pairs of ``codes``: the texts' codes, each followed by a 0, ``lengths`` long."""
        if not len(self.keys):
            return np.zeros(0, np.int64), np.zeros(0, np.int64)
        row_of = np.repeat(np.arange(len(lengths), dtype=np.int64), [n + 1 for n in lengths])
        rows: list[IntArray] = [np.zeros(0, np.int64)]
        ids: list[IntArray] = [np.zeros(0, np.int64)]
        low, high = self.sizes
        for size in range(low, min(high, len(codes)) + 1):
            count = len(codes) - size + 1
            keys, known = codes[:count].copy(), codes[:count] != 0
            for offset in range(1, size):
                part = codes[offset : offset + count]
                keys |= part << (self.bits * offset)
                known &= part != 0
            keys = keys[known]
            at = np.minimum(np.searchsorted(self.keys, keys), len(self.keys) - 1)
            hit = self.keys[at] == keys
            rows.append(row_of[:count][known][hit])
            ids.append(self.ids[at[hit]])
        return np.concatenate(rows), np.concatenate(ids)


def _code_points(text: str) -> IntArray:
    """The code points of ``text`` (lone surrogates included)."""
    encoded = text.encode("utf-32-le", "surrogatepass")
    return np.frombuffer(encoded, dtype="<u4").astype(np.int64)
