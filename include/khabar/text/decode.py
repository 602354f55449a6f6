"""Bytes to text, choosing the encoding by evidence.

Order of evidence: a byte-order mark (UTF-8, UTF-16, UTF-32); strict UTF-8
(a string cut inside its last character is repaired, and UTF-8 that was
decoded as Windows-1252 once already, "Ø§Ù„..." mojibake, is reversed);
UTF-16 without BOM when every other byte is NUL; Windows-1256 (older Persian
and Arabic sites) only when the result is overwhelmingly Arabic-script
letters. Anything else is rejected, never guessed into mojibake.

File and archive member names are decoded by the same evidence
(:func:`khabar.ingest.sources.name_from_bytes`).
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from khabar.core.errors import InputRejected, QuarantineReason

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_ARABIC_SCRIPT = re.compile("[\u0600-\u06ff\ufb50-\ufdff\ufe70-\ufeff]")
_MOJIBAKE = re.compile(
    "[\u00d8\u00d9\u00da\u00db][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u203a\u20ac\u2122]"
)
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f]")
#: Share of non-ASCII characters that must be Arabic script for a Windows-1256 reading.
MIN_ARABIC_SHARE = 0.85


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str  # utf-8, utf-8-sig, utf-16, windows-1256, utf-8+repaired-mojibake ...


def arabic_share(text: str) -> float:
    """Share of the non-ASCII characters of ``text`` that are Arabic script (0 without any)."""
    non_ascii = sum(1 for ch in text if ord(ch) > 127)
    return len(_ARABIC_SCRIPT.findall(text)) / non_ascii if non_ascii else 0.0


def _check_text(text: str, encoding: str) -> Decoded:
    if not text.strip():
        raise InputRejected(QuarantineReason.EMPTY, f"no text after decoding as {encoding}")
    controls = len(_CONTROL.findall(text))
    if controls > max(3, len(text) // 100):
        raise InputRejected(
            QuarantineReason.UNDECODABLE,
            f"{controls} control characters after decoding as {encoding}: binary data",
        )
    return Decoded(text, encoding)


def _repair_mojibake(text: str) -> str | None:
    """UTF-8 bytes once decoded as Windows-1252/Latin-1 and saved again as UTF-8."""
    if len(_MOJIBAKE.findall(text)) < 5:
        return None
    for codec in ("cp1252", "latin-1"):
        try:
            repaired = text.encode(codec).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        if arabic_share(repaired) >= MIN_ARABIC_SHARE:
            return repaired
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 of Arabic-script text: the high bytes are 0x06 (Arabic block) or 0x00 (spaces)."""
    if len(data) < 4 or len(data) % 2:
        return None
    sample = data[:4000]
    high_even = sum(1 for b in sample[0::2] if b in (0x00, 0x06)) / (len(sample) // 2)
    high_odd = sum(1 for b in sample[1::2] if b in (0x00, 0x06)) / (len(sample) // 2)
    if high_even >= 0.8 > high_odd:
        return "utf-16-be"
    if high_odd >= 0.8 > high_even:
        return "utf-16-le"
    return None


def decode_bytes(data: bytes) -> Decoded:
    """Decode ``data`` or raise :class:`InputRejected` (``empty`` or ``undecodable``).

    >>> decode_bytes("سلام".encode("utf-16")).encoding
    'utf-16'
    >>> decode_bytes("خبر فوري از تهران".encode("cp1256")).encoding
    'windows-1256'
    """
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise InputRejected(QuarantineReason.EMPTY, f"{len(data)} bytes of whitespace")
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return _check_text(data.decode(codec), codec)
            except UnicodeDecodeError as exc:
                raise InputRejected(
                    QuarantineReason.UNDECODABLE,
                    f"{codec} byte-order mark but invalid data: {exc.reason} at byte {exc.start}",
                ) from exc
    codec = _utf16_without_bom(data)
    if codec:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            pass
        else:
            if arabic_share(text) >= MIN_ARABIC_SHARE:
                return _check_text(text, codec)
    utf8_error: UnicodeDecodeError | None = None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start >= len(data) - 3 and exc.reason == "unexpected end of data":
            return _check_text(data[: exc.start].decode("utf-8"), "utf-8+truncated")
        utf8_error = exc
    else:
        repaired = _repair_mojibake(text)
        if repaired is not None:
            return _check_text(repaired, "utf-8+repaired-mojibake")
        return _check_text(text, "utf-8")
    if b"\x00" not in data:
        text = data.decode("cp1256", errors="replace")
        if "\ufffd" not in text and arabic_share(text) >= MIN_ARABIC_SHARE:
            return _check_text(text, "windows-1256")
    raise InputRejected(
        QuarantineReason.UNDECODABLE,
        f"not UTF-8 ({utf8_error.reason} at byte {utf8_error.start}), nor UTF-16 or Windows-1256 Arabic-script text",
    )
