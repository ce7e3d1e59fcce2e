"""Bytes of an uploaded page to text: plain text in the encodings Chinese papers use, an HTML page, or PDF.

Every refusal is an InputError whose message can be shown to the person who sent the file.
"""

from __future__ import annotations

import codecs
import io
import logging

import filetype

from notices.errors import InputError
from notices.html import declared_charset, html_to_text, looks_like_html

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
ACCEPTED = "send the page as .txt, .pdf or .html"
"""What a refusal tells the sender to do instead; the command line adds URLs."""
HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")

#: A declared charset read as the superset browsers use for it (WHATWG Encoding), so a page labelled
#: GB2312 that uses a GBK-only character still reads.
_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "big5": "big5hkscs", "latin-1": "cp1252"}
_KINDS = {
    "doc": "a word-processor document",
    "docx": "a word-processor document",
    "odt": "a word-processor document",
    "xls": "a spreadsheet",
    "xlsx": "a spreadsheet",
    "ods": "a spreadsheet",
    "ppt": "a presentation",
    "pptx": "a presentation",
    "odp": "a presentation",
    "epub": "an e-book",
}

#: Frequent characters of Chinese prose and notices, in both scripts. Text decoded
#: with the wrong codec yields rare characters, kana or symbols instead.
_COMMON = frozenset(
    "的一是不了人在有这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可里后小么心多天"
    "而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头面公同三已老从动两长知民样现分将外"
    "但身些与高意进把法此实回二理美点月明其种声全工己话儿者向情部正名定女问力机给等几很业最间新什打便位因重被"
    "走电四第门相次东政海口使教西再平真听世气信北少关并内加化由却代军产入先山五太水万市眼体别处总才场师书比住"
    "员九笑性通目华报立马命张活难神数件安表原车白应路期叫死常提感金何更反合放做系计或司利受光王果亲界及今京务"
    "制解各任至清物台象记边共风战干接它许八特觉望直服毛林题建南度统色字请交爱让认算论百吃义科怎元社术结六功指"
    "思非流每青管夫连远资队跟带花快条院变联言权往展该领传近留红治决周保达办运武半候七必城父强步完革深区即求品"
    "士转量空甚众技轻程告江语英基派满式李息写呢识极令黄德收脸钱党倒未持取设始版双历越史商千片容研像找友孩站广"
    "改议形委早房音火际则首单据导影失拿网香似斯专石若兵弟谁校读志飞观争究包组造落视济离坏兴号施封闭停供招聘租"
    "通知示标拍卖征求见镇村街道区县局司限截止请单位电话地址范围检修线施工辆绕注意安全特此"
    "們為國個來說時對會後於過這從學經發見當還現開關樣與長間點頭問題機電車東業種華實軍聽體處書員場麼請親號報歲"
    "區縣鎮鄉門辦單標賣見徵聘條應屬鐵線範圍檢修輛繞註際備設總區無農貨價買議護認職陽廣傳務勞稅務遷燈層變歷"
)


def decode_input(
    data: bytes,
    *,
    name: str = "",
    max_bytes: int = DEFAULT_MAX_BYTES,
    charset: str | None = None,
    html: bool = False,
    accepted: str = ACCEPTED,
) -> str:
    """bytes of a .txt (UTF-8 with/without BOM, UTF-16 with BOM, GB18030/GBK/Big5 detected), an HTML page
    (by ``html``, its name, or its content: its main text, line by line) or a .pdf (text layer via pypdf)
    → text. ``charset`` is what a web server said the bytes are. Raises InputError with a one-line,
    user-fit message for empty, binary (naming the format, and saying what is ``accepted``), too-large,
    undecodable, or a PDF with no text layer."""
    label = f"{name}: " if name else ""
    if len(data) > max_bytes:
        raise InputError(
            f"{label}file too large ({_size(len(data))}); the limit is {_size(max_bytes)} — split the page"
        )
    if not data.strip():
        raise InputError(f"{label}the file is empty")
    if data.lstrip()[:5] == b"%PDF-" or (name.lower().endswith(".pdf") and b"%PDF" in data[:1024]):
        text = _pdf_text(data, label)
    elif name.lower().endswith(".pdf"):
        raise InputError(f"{label}not a PDF file (no PDF header); {accepted}")
    else:
        _refuse_other_formats(data, label, accepted)
        if html or name.lower().endswith(HTML_SUFFIXES) or looks_like_html(data):
            try:
                text = html_to_text(_decode_html(data, label, charset, accepted))
            except InputError as exc:
                raise InputError(f"{label}{exc}") from None
            if not text.strip():
                raise InputError(f"{label}the HTML page has no readable text")
        else:
            text = _decode_text(data, label, charset, accepted)
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    if not text.strip():
        raise InputError(f"{label}the file holds no text")
    return text


def _refuse_other_formats(data: bytes, label: str, accepted: str) -> None:
    """A document, image, archive or other binary format known by its magic number: name it."""
    kind = filetype.guess(data[:8192])
    if kind is None:
        return
    ext = str(kind.extension)
    if ext in _KINDS:
        what = _KINDS[ext]
    elif filetype.is_image(data[:8192]):
        what = "an image"
    elif filetype.is_audio(data[:8192]) or filetype.is_video(data[:8192]):
        what = "a sound or video file"
    elif ext in ("zip", "tar", "rar", "gz", "bz2", "7z", "xz", "zst", "lz", "lz4", "lzo", "br", "Z", "cab"):
        what = "a compressed archive"
    else:
        what = "a binary file"
    raise InputError(f"{label}{what} (.{ext}) is not a page I can read; {accepted}")


def _decode_html(data: bytes, label: str, charset: str | None, accepted: str) -> str:
    """An HTML page's text: a BOM, else the server's charset, else its own <meta> charset, else the
    encodings plain text is tried in."""
    if data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return _decode_text(data, label, None, accepted)
    for declared in (charset, declared_charset(data)):
        text = _declared(data, declared)
        if text is not None:
            return text
    return _decode_text(data, label, None, accepted)


def _declared(data: bytes, charset: str | None) -> str | None:
    """``data`` read in the charset it is declared in, or None when that is unknown or does not fit."""
    if not charset:
        return None
    try:
        codec = codecs.lookup(charset.strip().strip("\"'")).name
    except (LookupError, ValueError):
        return None
    if codec.startswith("utf-16"):
        return None  # a page that really is UTF-16 starts with a BOM; a label alone is usually wrong
    try:
        return data.decode(_SUPERSETS.get(codec, codec))
    except UnicodeDecodeError:
        return None


def _size(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB" if n >= 1024 * 1024 else f"{n} bytes"


def _decode_text(data: bytes, label: str, charset: str | None, accepted: str) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return _strict(data[3:], "utf-8", label)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _strict(data, "utf-16", label)
    if b"\x00" in data:
        raise InputError(f"{label}this is a binary file, not text, PDF or HTML; {accepted}")
    declared = _declared(data, charset)
    if declared is not None:
        _reject_binary(declared, label, accepted)
        return declared
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = _guess_chinese(data, label)
    _reject_binary(text, label, accepted)
    return text


def _strict(data: bytes, codec: str, label: str) -> str:
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{label}the file says it is {codec.upper()} but is not valid {codec.upper()}"
        ) from exc
    _reject_binary(text, label)
    return text


def _guess_chinese(data: bytes, label: str) -> str:
    """GB18030 (a superset of GBK/GB2312) or Big5: both decode much of each other's bytes,
    so the winner is the reading with the larger share of common Chinese characters."""
    candidates: list[tuple[float, str]] = []
    for codec in ("gb18030", "big5hkscs", "big5"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        candidates.append((_plausibility(text), text))
    if not candidates:
        raise InputError(f"{label}unknown text encoding: not UTF-8, GB18030/GBK or Big5")
    score, text = max(candidates, key=lambda c: c[0])
    if score < 0.2:
        raise InputError(f"{label}unknown text encoding: the text does not read as Chinese in GBK or Big5")
    return text


def _plausibility(text: str) -> float:
    han = [c for c in text if "\u4e00" <= c <= "\u9fff"]
    if not han:
        printable = sum(1 for c in text if c.isprintable() or c in "\n\t")
        return 0.5 if printable == len(text) else 0.0
    odd = sum(1 for c in text if _odd(c))
    return sum(1 for c in han if c in _COMMON) / len(han) - odd / max(len(text), 1)


def _odd(ch: str) -> bool:
    """Characters a mis-decoded page is full of: kana, box drawing, private use, compatibility."""
    code = ord(ch)
    return (
        0x3040 <= code <= 0x30FF
        or 0x2500 <= code <= 0x257F
        or 0xE000 <= code <= 0xF8FF
        or 0x3400 <= code <= 0x4DBF
        or code > 0xFFFF
        or 0x0370 <= code <= 0x04FF
    )


def _reject_binary(text: str, label: str, accepted: str = ACCEPTED) -> None:
    control = sum(1 for c in text if (c < " " and c not in "\n\r\t\f\v") or c == "\x7f")
    if control > max(2, len(text) // 100):
        raise InputError(f"{label}this is a binary file, not text, PDF or HTML; {accepted}")


def _pdf_text(data: bytes, label: str) -> str:
    # pypdf is imported here: only PDF uploads pay for it.
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                reader.decrypt("")
            except Exception as exc:
                raise InputError(f"{label}the PDF is password-protected") from exc
        pages = [page.extract_text() or "" for page in reader.pages]
    except InputError:
        raise
    except (PdfReadError, Exception) as exc:  # pypdf meets hostile bytes with many exception types
        raise InputError(
            f"{label}the PDF cannot be read ({type(exc).__name__}); is the file complete?"
        ) from exc
    text = "\n".join(pages)
    if not text.strip():
        raise InputError(f"{label}the PDF has no text layer (a scanned image?); run OCR on it or send text")
    return text
