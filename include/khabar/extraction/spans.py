"""Sorted indexes of offsets and spans, so that extraction stays linear in the text.

Extraction asks the same few questions many times over one body: which mentions start in
this sentence, does this offset fall inside a name or a role, does this span overlap one
already taken. Answered by scanning every mention for every question, the work grows with
the square of the article (an 8 MB article took 170 s, 1 MB 4 s). These indexes answer each
question by bisection, with the same answer the scan gave, in the same order.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Sequence
from typing import Generic, TypeVar

T = TypeVar("T")


class StartIndex(Generic[T]):
    """Items by a start offset: :meth:`within` is ``[x for x in items if start <= key(x) < end]``.

    >>> index = StartIndex([7, 2, 5, 2], key=lambda x: x)
    >>> index.within(2, 6), index.within(6, 7), index.any_within(3, 5)
    ([2, 5, 2], [], False)
    """

    def __init__(self, items: Sequence[T], key: Callable[[T], int]) -> None:
        self._items = items
        keys = [key(item) for item in items]
        self._order = sorted(range(len(items)), key=keys.__getitem__)
        self._keys = [keys[i] for i in self._order]
        self._in_order = self._order == list(range(len(items)))

    def within(self, start: int, end: int) -> list[T]:
        """The items whose key is in ``[start, end)``, in the order of the sequence given."""
        lo, hi = bisect.bisect_left(self._keys, start), bisect.bisect_left(self._keys, end)
        positions = self._order[lo:hi]
        if not self._in_order:
            positions.sort()
        return [self._items[i] for i in positions]

    def any_within(self, start: int, end: int) -> bool:
        """Some item's key is in ``[start, end)``."""
        return bisect.bisect_left(self._keys, start) < bisect.bisect_left(self._keys, end)


class Coverage:
    """The union of spans: :meth:`covers` is ``any(s <= offset < e for s, e in spans)``.

    >>> cover = Coverage([(10, 20), (15, 30), (40, 41), (50, 50)])
    >>> [cover.covers(x) for x in (9, 10, 29, 30, 40, 41, 50)]
    [False, True, True, False, True, False, False]
    """

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        starts: list[int] = []
        ends: list[int] = []
        for s, e in sorted(span for span in spans if span[0] < span[1]):
            if ends and s <= ends[-1]:
                ends[-1] = max(ends[-1], e)  # overlapping or touching: one run
            else:
                starts.append(s)
                ends.append(e)
        self._starts, self._ends = starts, ends

    def covers(self, offset: int) -> bool:
        i = bisect.bisect_right(self._starts, offset) - 1
        return i >= 0 and offset < self._ends[i]


class DisjointSpans:
    """Non-empty spans taken one by one, none overlapping another: :meth:`overlaps` is
    ``any(s < end and start < e for s, e in taken)``.

    Of spans that do not overlap, the one starting last before ``end`` is the only one
    that can reach past ``start``.

    >>> taken = DisjointSpans([(10, 20)])
    >>> taken.add(30, 35)
    >>> [taken.overlaps(*span) for span in ((0, 10), (19, 21), (20, 30), (34, 40), (12, 12))]
    [False, True, False, True, True]
    """

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []
        for start, end in spans:
            self.add(start, end)

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self._starts, end) - 1
        return i >= 0 and self._ends[i] > start

    def add(self, start: int, end: int) -> None:
        """Take ``[start, end)``, which must be non-empty and overlap no span taken."""
        if start >= end or self.overlaps(start, end):
            raise ValueError(f"span ({start}, {end}) is empty or overlaps one already taken")
        i = bisect.bisect_left(self._starts, start)
        self._starts.insert(i, start)
        self._ends.insert(i, end)
