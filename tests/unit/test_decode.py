from __future__ import annotations

import codecs

import pytest

from khabar.core.errors import InputRejected, QuarantineReason
from khabar.text.decode import decode_bytes

PERSIAN = "وزیر ارتباطات و فناوری اطلاعات به مسقط سفر کرد"
ARABIC = "التقى وزير الاتصالات في كينيا والجزائر"


@pytest.mark.parametrize(
    ("data", "encoding", "text"),
    [
        (PERSIAN.encode("utf-8"), "utf-8", PERSIAN),
        (codecs.BOM_UTF8 + PERSIAN.encode("utf-8"), "utf-8-sig", PERSIAN),
        (PERSIAN.encode("utf-16"), "utf-16", PERSIAN),  # with BOM
        (ARABIC.encode("utf-16-be"), "utf-16-be", ARABIC),  # no BOM: high bytes 0x06/0x00
        (PERSIAN.encode("utf-16-le"), "utf-16-le", PERSIAN),
        (ARABIC.encode("cp1256"), "windows-1256", ARABIC),
        (
            "خبر فوري از تهران".encode("cp1256"),
            "windows-1256",
            "خبر فوري از تهران",
        ),  # old Persian sites typed Arabic yeh
        (PERSIAN.encode("utf-8")[:-1], "utf-8+truncated", PERSIAN[:-1]),  # cut inside the last character
        (
            ARABIC.encode("utf-8").decode("cp1252", errors="ignore").encode("utf-8"),
            None,
            None,
        ),  # see the mojibake test
    ],
)
def test_decode_by_evidence(data: bytes, encoding: str | None, text: str | None) -> None:
    decoded = decode_bytes(data)
    if encoding is not None:
        assert decoded.encoding == encoding
        assert decoded.text == text


def test_mojibake_is_repaired() -> None:
    mojibake = ARABIC.encode("utf-8").decode("latin-1").encode("utf-8")
    decoded = decode_bytes(mojibake)
    assert decoded.encoding == "utf-8+repaired-mojibake"
    assert decoded.text == ARABIC


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", QuarantineReason.EMPTY),
        (b"   \n\t  ", QuarantineReason.EMPTY),
        (codecs.BOM_UTF8, QuarantineReason.EMPTY),
        (bytes(range(256)) * 4, QuarantineReason.UNDECODABLE),  # binary noise
        (b"\x00\x01\x02\x03" * 100, QuarantineReason.UNDECODABLE),
        ("Grüße aus Köln".encode("latin-1"), QuarantineReason.UNDECODABLE),  # Latin-1 is not guessed
    ],
)
def test_rejected_inputs(data: bytes, reason: QuarantineReason) -> None:
    with pytest.raises(InputRejected) as info:
        decode_bytes(data)
    assert info.value.reason == reason
