"""Story clustering: the same story published by several agencies gets one ``story_id``.

Agencies copy each other's reports and re-edit them: another attribution line, a new
title, a paragraph dropped or added, other spacing. Such copies are different articles (their
bodies differ, so their ``article_id`` does too) but one story, and reports count stories.

Each article gets a MinHash signature (:func:`signature`) over the word 3-shingles of its
folded body: 128 minima of multiply-shift hashes, stored as 512 bytes in ``articles.story_minhash``.
The share of equal minima estimates the Jaccard similarity of two articles' shingle sets.
:func:`assign` finds candidates by locality-sensitive hashing (32 bands of 4 minima: two
articles that share any band are compared) and joins an article to the story of its most
similar earlier article when the estimate reaches :data:`THRESHOLD`; otherwise the article
starts a story named by its own id.

Why 3-shingles and 0.6: two different reports of the same meeting share names, titles
and phrases, but few runs of three words; a re-edited copy keeps most of its paragraphs.
``tests/unit/test_stories.py`` measures both sides on re-edited copies of the seeds, and
``docs/analytics.md`` gives the figures and the merges on the real corpus.
"""

from __future__ import annotations

import itertools
import math
import os
import re
import tempfile
import zlib
from collections.abc import Iterable
from pathlib import Path

import numpy as np

from khabar.text.normalize import fold

NUM_PERM = 128
#: 32 bands of 4 minima: two articles with a Jaccard similarity of 0.6 share a band with
#: probability 0.99, of 0.5 with 0.87, unrelated articles (0.02) with 0.000005.
BANDS = 32
ROWS = 4
#: Estimated Jaccard similarity of the shingle sets at which two articles are one story.
THRESHOLD = 0.6
SIGNATURE_BYTES = NUM_PERM * 4

_RNG = np.random.default_rng(20_241_122)  # fixed: signatures must be the same in every process and release
#: Multiply-shift hashing of the 32-bit shingle hashes: ((a*x + b) mod 2^64) >> 32, with random
#: 64-bit a (odd) and b, one pair per minimum. (a*x + b mod a 61-bit prime, with x of 32 bits,
#: hardly wraps and favours small x: every minimum then falls on the same few shingles.)
_A = (_RNG.integers(0, 1 << 63, size=NUM_PERM, dtype=np.uint64) * np.uint64(2) + np.uint64(1))[:, None]
_B = _RNG.integers(0, 1 << 63, size=NUM_PERM, dtype=np.uint64)[:, None]
_SHIFT = np.uint64(32)
_WORD = re.compile(r"\w+")
_EMPTY = np.full(NUM_PERM, 0xFFFFFFFF, dtype="<u4").tobytes()


def shingles(text: str) -> np.ndarray:
    """The 32-bit hashes of the word 3-shingles of the folded text (of its words, if fewer than three)."""
    words = _WORD.findall(fold(text))
    hashes = np.fromiter((zlib.crc32(w.encode("utf-8")) for w in words), dtype=np.uint64, count=len(words))
    if len(hashes) >= 3:
        hashes = (
            hashes[:-2] * np.uint64(1_000_003) + hashes[1:-1] * np.uint64(8_191) + hashes[2:]
        ) & np.uint64(0xFFFFFFFF)
    return np.unique(hashes)


def signature(text: str) -> bytes:
    """The MinHash signature of a body: 128 little-endian uint32 minima (512 bytes)."""
    values = shingles(text)
    if not len(values):
        return _EMPTY
    with np.errstate(over="ignore"):  # arithmetic modulo 2^64 is the point
        minima = ((_A * values[None, :] + _B) >> _SHIFT).min(axis=1)
    return minima.astype("<u4").tobytes()


def similarity(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of two signatures (share of equal minima)."""
    if a == _EMPTY or b == _EMPTY:
        return 0.0
    return float(np.count_nonzero(np.frombuffer(a, "<u4") == np.frombuffer(b, "<u4"))) / NUM_PERM


#: Multipliers that fold a band's 4 minima into one 64-bit key (arithmetic modulo 2^64).
_BAND_MIX = np.array(
    [0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0xD6E8FEB86659FD93], dtype=np.uint64
)
_BAND_SALT = np.arange(BANDS, dtype=np.uint64) * np.uint64(0x27D4EB2F165667C5)
#: Smallest number of equal minima (of NUM_PERM) whose share reaches THRESHOLD.
_MIN_EQUAL = math.ceil(THRESHOLD * NUM_PERM)
#: Signatures are read and banded this many at a time. With BLOCK_ROWS and SCORE_CHUNK this
#: bounds the memory of :func:`assign_positions` (a few MB, and 8 bytes per article for one
#: band at a time) whatever the number of articles.
CHUNK = 4_096
#: Candidate pairs are filed by their later article in blocks of this many articles.
BLOCK_ROWS = 512
#: Pairs scored at a time: two reads of at most this many signatures (512 bytes each).
SCORE_CHUNK = 1_024


def band_keys(signatures: list[bytes]) -> np.ndarray:
    """The LSH keys of signatures: one uint64 per band (``len(signatures)`` x :data:`BANDS`)."""
    if not signatures:
        return np.empty((0, BANDS), dtype=np.uint64)
    minima = (
        np.frombuffer(b"".join(signatures), dtype="<u4")
        .reshape(len(signatures), BANDS, ROWS)
        .astype(np.uint64)
    )
    with np.errstate(over="ignore"):
        return (minima * _BAND_MIX[:ROWS]).sum(axis=2, dtype=np.uint64) + _BAND_SALT


class _Spool:
    """The day's signatures and band keys in files of a scratch folder, written as they come
    and read back one band (or one chunk of signatures) at a time.

    Rows: the day's articles in order, then the known articles that share a band with the day.
    Every row has a signature; only non-empty signatures have band keys (an empty body is
    never compared), listed with their row in ``rows``.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.signatures = open(folder / "signatures.u32", "wb")  # noqa: SIM115 - closed by finish()
        self.n = 0

    def _append(self, name: str, values: np.ndarray) -> None:
        with open(self.folder / name, "ab") as out:
            out.write(values.tobytes())

    def add(self, signatures: list[bytes], prefix: str) -> None:
        """Append rows; their non-empty signatures are banded into ``<prefix>-<band>`` files."""
        for i, sig in enumerate(signatures):
            if not sig or len(sig) != SIGNATURE_BYTES:
                signatures[i] = _EMPTY
        rows = np.array([i for i, sig in enumerate(signatures) if sig != _EMPTY], dtype=np.int64)
        self.signatures.write(b"".join(signatures))
        if len(rows):
            keys = band_keys([signatures[i] for i in rows.tolist()])
            self._append(f"{prefix}-rows", rows + self.n)
            for band in range(BANDS):
                self._append(f"{prefix}-{band}", np.ascontiguousarray(keys[:, band]))
        self.n += len(signatures)

    def load(self, name: str, dtype: str) -> np.ndarray:
        path = self.folder / name
        return np.fromfile(path, dtype=dtype) if path.exists() else np.empty(0, dtype=dtype)

    def finish(self) -> None:
        self.signatures.close()

    def signature_rows(self, rows: np.ndarray) -> np.ndarray:
        """Signatures of ``rows`` as a (len(rows), NUM_PERM) array, read with one ``pread`` per
        run of consecutive rows. (A memory map would be simpler, but the kernel maps pages
        around every row touched, so the process would hold most of the file.)"""
        wanted, back = np.unique(rows, return_inverse=True)
        breaks = np.flatnonzero(np.diff(wanted) != 1) + 1
        runs = np.split(wanted, breaks)
        out = bytearray(len(wanted) * SIGNATURE_BYTES)
        at = 0
        with open(self.folder / "signatures.u32", "rb", buffering=0) as file:
            fd = file.fileno()
            for run in runs:
                size = len(run) * SIGNATURE_BYTES
                out[at : at + size] = os.pread(fd, size, int(run[0]) * SIGNATURE_BYTES)
                at += size
        return np.frombuffer(out, dtype="<u4").reshape(len(wanted), NUM_PERM)[back]


class StoryAssignment:
    """The stories of a day's articles, by position (the order they were given in).

    ``root[p]`` is ``p`` for an article that starts its own story, the position of the
    day's first article of its story otherwise, or ``-1 - k`` for the ``k``-th known story
    (``known_ids[k]``). :meth:`story_ids` turns positions into ``story_id`` strings as the
    articles stream past in the same order, remembering only the ids of stories that have
    later copies.
    """

    def __init__(self, root: np.ndarray, known_ids: list[str]) -> None:
        self.root = root
        self.known_ids = known_ids
        has_copies = root[(root >= 0) & (root != np.arange(len(root)))]
        self._starts_copied = np.zeros(len(root), dtype=bool)
        self._starts_copied[has_copies] = True
        self._names: dict[int, str] = {}
        self._next = 0

    def __len__(self) -> int:
        return len(self.root)

    @property
    def named(self) -> int:
        """How many positions :meth:`story_ids` has named so far."""
        return self._next

    def story_ids(self, article_ids: list[str]) -> list[str]:
        """The ``story_id`` of the next ``len(article_ids)`` articles (called in order)."""
        start, out = self._next, []
        if start + len(article_ids) > len(self.root):
            raise ValueError(
                f"{len(article_ids)} articles given after position {start}, but only {len(self.root)} were assigned"
            )
        for p, (article_id, root) in enumerate(
            zip(article_ids, self.root[start : start + len(article_ids)].tolist(), strict=True), start
        ):
            if root == p:
                out.append(article_id)
                if self._starts_copied[p]:
                    self._names[p] = article_id
            elif root >= 0:
                out.append(self._names[root])
            else:
                out.append(self.known_ids[-1 - root])
        self._next = start + len(out)
        return out


def _pairs(keys: np.ndarray, rows: np.ndarray, first_known: int) -> np.ndarray:
    """Candidate pairs from one band: every (earlier, later) pair of rows with the same key,
    the later one of the day (known rows, at ``first_known`` and after, count as earliest).
    Encoded ``later << 32 | order(earlier)`` where known rows order before every day row."""
    order_of = np.where(
        rows >= first_known, rows - first_known, rows + (1 << 31)
    )  # known first, then the day
    by = np.lexsort((order_of, keys))
    keys, rows, order_of = keys[by], rows[by], order_of[by]
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
    sizes = np.diff(np.r_[starts, len(keys)])
    size_of = np.repeat(sizes, sizes)
    keep = size_of > 1
    group = np.repeat(np.arange(len(sizes)), sizes)[keep]
    rows, order_of, size_of = rows[keep], order_of[keep], size_of[keep]
    found = []
    gap = 1
    while len(rows) > gap:
        same = group[gap:] == group[:-gap]
        later, earlier = rows[gap:][same], order_of[:-gap][same]
        day = later < first_known
        found.append((later[day].astype(np.uint64) << np.uint64(32)) | earlier[day].astype(np.uint64))
        alive = size_of > gap + 1  # groups with members further apart than this gap
        group, rows, order_of, size_of = group[alive], rows[alive], order_of[alive], size_of[alive]
        gap += 1
    return np.concatenate(found) if found else np.empty(0, dtype=np.uint64)


def assign_positions(day: Iterable[bytes], known: Iterable[tuple[str, bytes]] = ()) -> StoryAssignment:
    """The story of each of ``day``'s articles (signatures, in order), given articles whose
    stories are known (``(story_id, signature)``, e.g. published on other days).

    An article joins the story of its most similar candidate (an article sharing an LSH band:
    a known one, or one of the day before it) when the estimate reaches :data:`THRESHOLD`;
    ties go to known articles first, then to the earliest. Otherwise it starts its own story.

    Memory does not grow with the day: signatures and band keys go to scratch files, bands
    are paired one at a time, and pairs are scored in chunks. What stays in memory is two
    integers per article and the known story ids that share a band with the day.
    """
    with tempfile.TemporaryDirectory(prefix="khabar-stories-") as scratch:
        spool = _Spool(Path(scratch))
        n, sorted_keys = _spool_day(spool, day)
        known_ids = _spool_known(spool, known, sorted_keys)
        spool.finish()
        blocks = _file_pairs(spool, n)
        best = _best_matches(spool, n, blocks)
    return StoryAssignment(_roots(best, n), known_ids)


def _spool_day(spool: _Spool, day: Iterable[bytes]) -> tuple[int, Path]:
    """Spool the day's signatures, chunk by chunk, and write each band's keys sorted (files
    of a ``sorted`` folder), for :func:`_spool_known` to look known keys up in. Returns the
    number of the day's articles and that folder."""
    for chunk in itertools.batched(day, CHUNK):
        spool.add(list(chunk), "day")
    sorted_keys = spool.folder / "sorted"
    sorted_keys.mkdir()
    for band in range(BANDS):
        np.sort(spool.load(f"day-{band}", "<u8")).tofile(sorted_keys / f"{band}")
    return spool.n, sorted_keys


def _spool_known(spool: _Spool, known: Iterable[tuple[str, bytes]], sorted_keys: Path) -> list[str]:
    """Spool the known articles that share a band with the day (no other can be a candidate),
    chunk by chunk; returns their story ids, in the order of their rows."""
    known_ids: list[str] = []
    valid = (
        (story_id, sig) for story_id, sig in known if sig and len(sig) == SIGNATURE_BYTES and sig != _EMPTY
    )
    for chunk in itertools.batched(valid, CHUNK):
        keys = band_keys([sig for _, sig in chunk])
        shared = np.zeros(len(chunk), dtype=bool)
        for band in range(BANDS):
            wanted = np.fromfile(sorted_keys / f"{band}", dtype="<u8")
            at = np.searchsorted(wanted, keys[:, band]).clip(max=max(len(wanted) - 1, 0))
            shared |= (wanted[at] == keys[:, band]) if len(wanted) else False
        picked = [chunk[i] for i in np.flatnonzero(shared).tolist()]
        spool.add([sig for _, sig in picked], "known")
        known_ids.extend(story_id for story_id, _ in picked)
    return known_ids


def _file_pairs(spool: _Spool, n: int) -> Path:
    """Find the candidate pairs band by band and file them by their later article, in blocks
    of BLOCK_ROWS rows (files of a ``pairs`` folder, returned): each block's pairs are then
    scored once, however many bands found them, and only one band is in memory at a time."""
    blocks = spool.folder / "pairs"
    blocks.mkdir()
    edges = (np.arange(0, n + BLOCK_ROWS, BLOCK_ROWS, dtype=np.uint64)) << np.uint64(32)
    for band in range(BANDS):
        keys = np.concatenate([spool.load(f"day-{band}", "<u8"), spool.load(f"known-{band}", "<u8")])
        rows = np.concatenate([spool.load("day-rows", "<i8"), spool.load("known-rows", "<i8")])
        found = np.sort(_pairs(keys, rows, n))
        cuts = np.searchsorted(found, edges)
        for block, (start, end) in enumerate(itertools.pairwise(cuts.tolist())):
            if end > start:
                with open(blocks / f"{block:08d}", "ab") as out:
                    out.write(found[start:end].tobytes())
    return blocks


def _best_matches(spool: _Spool, n: int, blocks: Path) -> np.ndarray:
    """Score each block's pairs in chunks of SCORE_CHUNK (two reads of signatures each) and
    keep, per day article, its best candidate reaching THRESHOLD (0 where none does): the most
    equal minima, then a known article, then the earliest."""
    best = np.zeros(n, dtype=np.uint64)  # equal minima << 32 | (2^32 - 1 - order of the best earlier)
    for path in sorted(blocks.iterdir()):
        pairs = np.unique(np.fromfile(path, dtype=np.uint64))
        for part in range(0, len(pairs), SCORE_CHUNK):
            chunk = pairs[part : part + SCORE_CHUNK]
            later = (chunk >> np.uint64(32)).astype(np.int64)
            order = (chunk & np.uint64(0xFFFFFFFF)).astype(np.int64)
            earlier = np.where(order >= 1 << 31, order - (1 << 31), order + n)
            equal = np.count_nonzero(spool.signature_rows(later) == spool.signature_rows(earlier), axis=1)
            hit = equal >= _MIN_EQUAL
            value = (equal[hit].astype(np.uint64) << np.uint64(32)) | (
                np.uint64(0xFFFFFFFF) - order[hit].astype(np.uint64)
            )
            np.maximum.at(best, later[hit], value)
        path.unlink()
    return best


def _roots(best: np.ndarray, n: int) -> np.ndarray:
    """Each day article's story root (see :class:`StoryAssignment`) from its best match:
    copies of copies are followed to the story's first article (always an earlier one)."""
    order = (np.uint64(0xFFFFFFFF) - (best & np.uint64(0xFFFFFFFF))).astype(np.int64)
    positions = np.arange(n, dtype=np.int64)
    # the best earlier article: a day position, or -1 - k for the k-th known article
    root = np.where(best == 0, positions, np.where(order >= 1 << 31, order - (1 << 31), -1 - order))
    while True:  # follow copies of copies to the story's first article (always an earlier one)
        day_parent = root >= 0
        step = root.copy()
        step[day_parent] = root[root[day_parent]]
        if np.array_equal(step, root):
            return root
        root = step


def assign(articles: Iterable[tuple[str, bytes]], known: Iterable[tuple[str, bytes]] = ()) -> dict[str, str]:
    """``{article_id: story_id}`` for ``articles`` (in order): :func:`assign_positions` for
    a day small enough to hold its ids."""
    articles = list(articles)
    assignment = assign_positions((sig for _, sig in articles), known)
    ids = [article_id for article_id, _ in articles]
    return dict(zip(ids, assignment.story_ids(ids), strict=True))
