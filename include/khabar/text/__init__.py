"""Bytes to clean text: decoding by evidence (``decode``: BOMs, UTF-8, UTF-16, Windows-1256,
mojibake repair), one-to-one character maps (``charmap``), hazm's normaliser made fast
(``fast_hazm``) and the Persian, Dari and Arabic normalisers with the matching fold
(``normalize``).

Knows scripts and encodings, not articles. It may import ``khabar.core`` only.
"""
