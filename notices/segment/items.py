"""Paragraphs grouped into items in reading order: a title, a body, a signature; and a news report
with a notice printed under it told apart from the notice."""

from __future__ import annotations

import re

from notices.segment.paragraphs import paragraphs
from notices.segment.patterns import _ENUM, _LABEL, _NEWS_CUES, _NOTICE_CUES, _RELEASE_LEAD, _TABLE_ROW
from notices.segment.pieces import (
    BODY,
    CAPTION,
    CLOSING,
    CREDIT,
    HEADLINE,
    SIGN_DATE,
    SIGN_ORG,
    TITLE,
    Item,
    Para,
)

#: A line that opens with a clock window: the hours of the day on the line above.
_HOURS_FIRST = re.compile(r"\s*\d{1,2}\s*[:：]\s*\d{2}\s*[-—–~～至到]+\s*\d{1,2}\s*[:：]\s*\d{2}")


def _heads_hours(paras: list[Para], i: int) -> bool:
    """Whether the paragraph at ``i`` is a date heading a line that starts with its hours."""
    nxt = paras[i + 1] if i + 1 < len(paras) else None
    return (
        paras[i].kind is SIGN_DATE
        and nxt is not None
        and nxt.kind in (BODY, HEADLINE)
        and _HOURS_FIRST.match(nxt.norm) is not None
    )


#: What opens an item of a numbered list: 1) / 2. / (3) / 四、.
_ITEM_MARK = re.compile(
    r"\s*(?:\d{1,2}\s*[).、]|[（(]\s*\d{1,2}\s*[)）]|[（(]?[一二三四五六七八九十]{1,3}[)）、])"
)


def _list_cell(paras: list[Para], i: int, cells: bool) -> bool:
    """Whether the date alone at ``i`` is a cell of a numbered list flattened line by line (1) Some
    Road ⏎ 8 January 2008 ⏎ 2) Other Road ⏎ 9 January 2008): it follows an item, and another item
    follows it, or the list's dates were cells already."""
    prev = paras[i - 1] if i > 0 else None
    nxt = paras[i + 1] if i + 1 < len(paras) else None
    if paras[i].kind is not SIGN_DATE or prev is None or prev.kind is not BODY:
        return False
    if not _ITEM_MARK.match(prev.norm):
        return False
    return cells or (nxt is not None and nxt.kind is BODY and _ITEM_MARK.match(nxt.norm) is not None)


#: A rule of dashes under a heading, as press releases underline their sections.
_RULE = re.compile(r"\s*[-–—_=]{4,}")


#: The sections an English traffic release is told in, as headings of their own: they title a part of
#: the release, never a notice ("Road closure" under "Special traffic arrangements for …").
_EN_SECTION = re.compile(
    r"\s*(?:road|lane|carriageway)s? closures?|traffic diversions?|(?:public transport|bus|parking|crowd"
    r" management) (?:arrangements?|diversions?|restrictions?|measures?)|suspension of (?:parking|meter)"
    r"(?:ed)? (?:spaces|parking spaces|bays)|bus diversions?\s*$",
    re.IGNORECASE,
)


#: An intro that points to what follows it (in the areas below, as follows:, 如下): a table under it is
#: its own, whatever the caption between says.
_POINTS_AHEAD = re.compile(
    r"(?i:\b(?:below|following|as follows|listed|schedule[ds]?)\b)[^.!?]{0,20}[.:]?\s*$|[:：]\s*$|如下|下表"
)


def _section_heading(paras: list[Para], i: int) -> bool:
    """Whether the title-like line at ``i`` heads a section of the release above it: underlined by
    dashes (its notice's own title is starred, ``****``, or not underlined at all), captioning the
    table under it, or one of the section names an English traffic release uses."""
    nxt = paras[i + 1] if i + 1 < len(paras) else None
    if nxt is not None and _RULE.match(nxt.norm) is not None:
        return True
    if (
        nxt is not None
        and i > 0
        and _TABLE_ROW.match(nxt.norm) is not None
        and _POINTS_AHEAD.search(paras[i - 1].norm)
    ):
        return True  # in the areas below. ⏎ Interruption Schedule ⏎ | Date | …: the table's caption
    return paras[i].norm.isascii() and _EN_SECTION.fullmatch(paras[i].norm.strip()) is not None


def segment(text: str) -> list[Item]:
    """Split a page into items in reading order."""
    paras = paragraphs(text)
    items: list[Item] = []
    cur = Item()
    tail = False  # inside the headline/caption block that follows a news report's body
    cells = False  # dates read as a numbered list's cells in this item

    def close() -> None:
        nonlocal cur, tail, cells
        if cur.title or cur.body or cur.signature:
            items.append(cur)
        cur = Item()
        tail = False
        cells = False

    i = 0
    while i < len(paras):
        p = paras[i]
        if p.news_start:
            if cur.signature or cur.has_body:
                close()
            cur.news = True
            cur.body.append(p)
        elif _list_cell(paras, i, cells):
            cells = True
            cur.body.append(p)  # a column of dates beside the list's items, no signature
        elif _heads_hours(paras, i) or (
            p.kind is SIGN_ORG and i + 1 < len(paras) and _heads_hours(paras, i + 1)
        ):
            # 检修时间和区域 ⏎ 2022.8.26 ⏎ 06:30—15:30 某村: a schedule's heading and day, no signature
            cur.body.append(p)
        elif p.kind is SIGN_ORG or p.kind is SIGN_DATE:
            while i < len(paras) and paras[i].kind in (SIGN_ORG, SIGN_DATE):
                cur.signature.append(paras[i])
                i += 1
            if not cur.body and all(s.kind is SIGN_DATE for s in cur.signature):
                # a date with nothing above it is the page's date; under a headline it is the
                # report's dateline (2017-04-29 03:30) and the body follows: neither signs anything
                dateline = cur.signature[-1]
                if cur.title:
                    cur.signature = []
                else:
                    cur = Item()
                cur.dateline = dateline
                continue
            if cur.news:
                # News reports carry no issuer-and-date signature: a signed "report" is a
                # report with a notice printed right under it.
                split = split_signed_news(cur)
                if split is not None:
                    items.append(split[0])
                    cur = split[1]
            # A title right after the signature belongs to this notice when the notice
            # had none above its body (title-after layout); otherwise it opens the next.
            # One title only: a second one below it heads the next notice.
            if not cur.title and not cur.news and cur.body and i < len(paras) and paras[i].kind is TITLE:
                cur.title.append(paras[i])
                cur.title_after = True
                i += 1
            close()
            continue
        elif p.kind is TITLE and cur.has_body and not cur.signature and _section_heading(paras, i):
            cur.body.append(p)  # Road closure ⏎ ------------: a section of the release, underlined
        elif p.kind is TITLE:
            if cur.has_body or cur.signature:
                close()
            if cur.body and not cur.title:
                # headline lines gathered before a title: leave them as their own item
                close()
            cur.title.append(p)
        elif (
            p.kind is HEADLINE
            and cur.has_body
            and i + 1 < len(paras)
            and paras[i + 1].kind is BODY
            and _RELEASE_LEAD.match(paras[i + 1].norm) is not None
        ):
            # a release's headline between two bodies, the next opening as releases do
            # (记者从市体育局了解到 / 运输署宣布): it heads the next item, not the one above
            close()
            cur.title.append(p)
        elif p.kind is HEADLINE and cur.has_body and _leads_in(paras, i):
            # 这四处停电的区域及时间分别为： ⏎ 1月10日6时至18时，…: a line that opens the list
            # under it is the report's, as is the list; no caption ends the report there
            cur.body.append(p)
        elif p.kind in (HEADLINE, CAPTION, CREDIT):
            if cur.news and cur.has_body and not (i > 0 and _heads_hours(paras, i - 1)):
                tail = True  # (a row of hours under its day is the report's schedule, not a caption)
            cur.body.append(p)
            if p.kind is CREDIT or p.credit_end:
                cur.news = True
                tail = True
        else:  # BODY, CLOSING
            if tail:
                close()
            cur.body.append(p)
            if p.credit_end:
                cur.news = True
                tail = True
        i += 1
    close()
    return items


def _leads_in(paras: list[Para], i: int) -> bool:
    """Whether ``paras[i]`` ends in a colon (分别为：, 如下：) with a body right under it."""
    return paras[i].norm.rstrip().endswith(":") and i + 1 < len(paras) and paras[i + 1].kind is BODY


def _register(para: Para) -> int:
    """Notice register minus news register of one paragraph, a few points each way."""
    n = para.norm
    score = min(len(_NOTICE_CUES.findall(n)), 3) * 2
    if para.kind is CLOSING:
        score += 3
    elif _LABEL.match(n) or _ENUM.match(n):
        score += 2
    if para.news_start:
        score -= 4
    score -= min(len(_NEWS_CUES.findall(n)), 3) * 2
    return score


def split_signed_news(item: Item) -> tuple[Item, Item] | None:
    """Cut a signed news item into the report and the notice below it, or None.

    The cut falls where the paragraphs before it read most like a report and those
    after it most like a notice; among equal cuts, one at a blank line, then the
    latest (a report's neutral middle paragraphs stay with the report).
    """
    body = item.body
    scores = [_register(p) for p in body]
    total = sum(scores)
    best: tuple[tuple[int, bool, int], int] | None = None
    prefix = 0
    for k in range(1, len(body)):
        prefix += scores[k - 1]
        if total - prefix <= 0 or body[k].news_start:
            continue
        key = (-prefix, body[k].gap_before, k)
        if best is None or key > best[0]:
            best = (key, k)
    if best is None:
        return None
    k = best[1]
    report = Item(title=item.title, body=body[:k], news=True)
    notice = Item(body=body[k:], signature=item.signature)
    return report, notice
