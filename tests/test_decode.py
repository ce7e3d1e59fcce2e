"""Input decoding: the encodings papers come in, PDFs with and without text, and refusals."""

from __future__ import annotations

import io
import random

import pytest
from pypdf import PdfWriter

from notices.decode import decode_input
from notices.errors import InputError

SIMPLIFIED = (
    "封路公告\n经辽源市公安局交通警察支队批准，对寿山镇忠诚村至礼让村路段进行施工，"
    "施工期间对该路段进行全封闭，请过往车辆提前绕行。\n封闭期限：2022年5月11日—26日\n特此公告"
)
TRADITIONAL = (
    "停電通知\n因線路檢修，定於2023年6月3日8:00至17:00對下列區域停電：中山路、民生社區。"
    "請用戶提前做好準備，不便之處敬請諒解。\n台灣電力公司"
)


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        (SIMPLIFIED, "utf-8"),
        (SIMPLIFIED, "utf-8-sig"),
        (SIMPLIFIED, "gb18030"),
        (SIMPLIFIED, "gbk"),
        (TRADITIONAL, "big5"),
        (TRADITIONAL, "utf-8"),
        (TRADITIONAL, "utf-16"),
        (SIMPLIFIED, "utf-16"),
    ],
    ids=["utf8", "utf8-bom", "gb18030", "gbk", "big5", "trad-utf8", "trad-utf16", "utf16"],
)
def test_text_encodings_are_detected(text: str, codec: str) -> None:
    assert decode_input(text.encode(codec)) == text


def test_gbk_is_not_mistaken_for_big5_on_a_short_notice() -> None:
    text = "停水通知：明日8时至18时人民大街停水。"
    assert decode_input(text.encode("gbk")) == text


def test_crlf_becomes_lf() -> None:
    assert decode_input("出租\r\n门市招租\r\n".encode()) == "出租\n门市招租\n"


@pytest.mark.parametrize("data", [b"", b"   \n\t ", b"\xef\xbb\xbf", b"\xef\xbb\xbf  \n"])
def test_empty_input_is_refused(data: bytes) -> None:
    with pytest.raises(InputError, match=r"empty|no text"):
        decode_input(data)


@pytest.mark.parametrize(
    "data",
    [
        b"\x00\x01\x02hello\x00world",
        b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x03\x00>\x00",
        bytes(range(256)) * 8,
        random.Random(7).randbytes(4096),
        random.Random(8).randbytes(64),
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    ],
)
def test_binary_input_is_refused(data: bytes) -> None:
    with pytest.raises(InputError) as info:
        decode_input(data, name="upload.bin")
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith("upload.bin: ")


def test_random_high_bytes_without_nul_are_refused() -> None:
    # Every byte 0x80–0xFE: decodable as GB18030 in part, but it does not read as Chinese.
    data = bytes(random.Random(3).randrange(0x80, 0xFF) for _ in range(3000))
    with pytest.raises(InputError):
        decode_input(data)


def test_oversize_input_is_refused_before_decoding() -> None:
    data = SIMPLIFIED.encode() * 10
    with pytest.raises(InputError, match="too large"):
        decode_input(data, max_bytes=len(data) - 1)
    assert decode_input(data, max_bytes=len(data)).startswith("封路公告")


def test_invalid_utf16_after_bom_is_refused() -> None:
    with pytest.raises(InputError, match="UTF-16"):
        decode_input(b"\xff\xfe\x00\xd8")  # a lone surrogate


def _text_pdf(line: str) -> bytes:
    """A one-page PDF whose content stream draws ``line`` in Helvetica."""
    stream = f"BT /F1 18 Tf 72 720 Td ({line}) Tj ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def test_pdf_text_layer_is_extracted() -> None:
    text = decode_input(_text_pdf("Road closure 2022-05-11 to 2022-05-26"), name="page.pdf")
    assert "Road closure 2022-05-11 to 2022-05-26" in text


def test_pdf_is_recognised_by_header_without_a_name() -> None:
    assert "Hello notices" in decode_input(_text_pdf("Hello notices"))


def test_pdf_without_text_layer_is_refused() -> None:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    with pytest.raises(InputError, match="no text layer"):
        decode_input(buffer.getvalue(), name="scan.pdf")


def test_truncated_pdf_is_refused_with_a_message() -> None:
    data = _text_pdf("Hello")[:60]
    with pytest.raises(InputError) as info:
        decode_input(data, name="broken.pdf")
    assert "\n" not in str(info.value)


def test_file_named_pdf_without_pdf_header_is_refused() -> None:
    with pytest.raises(InputError, match="not a PDF"):
        decode_input(b"just some words", name="page.pdf")
