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

import re
import zlib
from collections.abc import Iterable

import numpy as np

from khabar.normalize import fold

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
        hashes = (hashes[:-2] * np.uint64(1_000_003) + hashes[1:-1] * np.uint64(8_191) + hashes[2:]) & np.uint64(0xFFFFFFFF)
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
_BAND_MIX = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0xD6E8FEB86659FD93], dtype=np.uint64)
_BAND_SALT = np.arange(BANDS, dtype=np.uint64) * np.uint64(0x27D4EB2F165667C5)
#: Known articles are banded in chunks of this many, so memory stays bounded however many there are.
KNOWN_CHUNK = 20_000


def band_keys(signatures: list[bytes]) -> np.ndarray:
    """The LSH keys of signatures: one uint64 per band (``len(signatures)`` x :data:`BANDS`)."""
    if not signatures:
        return np.empty((0, BANDS), dtype=np.uint64)
    minima = np.frombuffer(b"".join(signatures), dtype="<u4").reshape(len(signatures), BANDS, ROWS).astype(np.uint64)
    with np.errstate(over="ignore"):
        return (minima * _BAND_MIX[:ROWS]).sum(axis=2, dtype=np.uint64) + _BAND_SALT


class StoryIndex:
    """Signatures of articles with known stories, banded for candidate lookup."""

    def __init__(self) -> None:
        self._bands: dict[int, list[int]] = {}
        self._signatures: list[bytes] = []
        self._stories: list[str] = []

    def __len__(self) -> int:
        return len(self._stories)

    def add(self, sig: bytes, story_id: str, keys: np.ndarray | None = None) -> None:
        if sig == _EMPTY:
            return
        index = len(self._stories)
        self._signatures.append(sig)
        self._stories.append(story_id)
        for key in (band_keys([sig])[0] if keys is None else keys).tolist():
            self._bands.setdefault(key, []).append(index)

    def best(self, sig: bytes, keys: np.ndarray | None = None) -> tuple[str | None, float]:
        """The story of the most similar indexed article and the similarity, if it reaches
        :data:`THRESHOLD` (ties go to the earliest indexed)."""
        if sig == _EMPTY:
            return None, 0.0
        keys = band_keys([sig])[0] if keys is None else keys
        candidates = sorted({i for key in keys.tolist() for i in self._bands.get(key, ())})
        best_story, best_score = None, 0.0
        for i in candidates:
            score = similarity(sig, self._signatures[i])
            if score > best_score:
                best_story, best_score = self._stories[i], score
        return (best_story, best_score) if best_score >= THRESHOLD else (None, best_score)


def assign(articles: Iterable[tuple[str, bytes]], known: Iterable[tuple[str, bytes]] = ()) -> dict[str, str]:
    """``{article_id: story_id}`` for ``articles`` (in order), given articles whose stories are
    already known (``(story_id, signature)``, e.g. published on other days). An article joins
    the story of its most similar predecessor, else starts its own story (its article_id).

    Only the known articles that share a band with one of ``articles`` are kept: they are
    read in chunks and matched against the day's band keys, so a window of millions of known
    articles costs time, not memory.
    """
    articles = [(article_id, sig) for article_id, sig in articles]
    day_keys = band_keys([sig for _, sig in articles])
    wanted = np.unique(day_keys)
    index = StoryIndex()

    def index_known(chunk: list[tuple[str, bytes]]) -> None:
        keys = band_keys([sig for _, sig in chunk])
        for row in np.flatnonzero(np.isin(keys, wanted).any(axis=1)):
            story_id, sig = chunk[row]
            index.add(sig, story_id, keys[row])

    chunk: list[tuple[str, bytes]] = []
    for story_id, sig in known:
        if sig and len(sig) == SIGNATURE_BYTES and sig != _EMPTY:
            chunk.append((story_id, sig))
            if len(chunk) >= KNOWN_CHUNK:
                index_known(chunk)
                chunk = []
    index_known(chunk)
    stories: dict[str, str] = {}
    for (article_id, sig), keys in zip(articles, day_keys, strict=True):
        story, _ = index.best(sig, keys)
        stories[article_id] = story or article_id
        index.add(sig, stories[article_id], keys)
    return stories
