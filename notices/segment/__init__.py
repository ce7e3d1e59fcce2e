"""Cut a PDF-extracted newspaper page into items: notices, news reports and loose text.

PDF text loses the layout: column lines break mid-phrase, blank lines fall anywhere, a
notice's title is often printed *after* its body and signature, titles are letter-spaced
and photo captions come out doubled. The segmenter therefore works on structure that
survives extraction, not on blank lines:

* lines are cleaned (captions de-doubled, letter-spacing collapsed) and rejoined into
  paragraphs unless a break falls at a sentence end or before a structural line;
* a *signature* (issuer line(s) directly above a bare date line) ends a notice's body;
* ``本报讯`` / ``新华社…电`` open a news report, credits (``（本稿件由…）``, ``（记者 …）``,
  ``… 摄``) close one;
* short unpunctuated lines are titles (with a notice word) or headlines (without one).
"""

from __future__ import annotations

from notices.segment.items import segment, split_signed_news
from notices.segment.pieces import Item, Kind, Para
from notices.segment.shapes import date_line_value, is_org_name, issuer_name

__all__ = [
    "Item",
    "Kind",
    "Para",
    "date_line_value",
    "is_org_name",
    "issuer_name",
    "segment",
    "split_signed_news",
]
