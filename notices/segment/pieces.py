"""What a page is cut into: paragraphs with their shape, and items (one notice or report each)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Kind(Enum):
    """What a paragraph is, as far as its shape tells."""

    BODY = "body"
    TITLE = "title"
    HEADLINE = "headline"
    SIGN_ORG = "sign_org"
    SIGN_DATE = "sign_date"
    CLOSING = "closing"
    CAPTION = "caption"
    CREDIT = "credit"


# Each kind as a module name: on Python 3.11 reading ``Kind.X`` calls EnumType.__getattr__'s
# hook, several times slower than a global, and kinds are read per token and per line.
BODY, TITLE, HEADLINE, SIGN_ORG, SIGN_DATE, CLOSING, CAPTION, CREDIT = (
    Kind.BODY,
    Kind.TITLE,
    Kind.HEADLINE,
    Kind.SIGN_ORG,
    Kind.SIGN_DATE,
    Kind.CLOSING,
    Kind.CAPTION,
    Kind.CREDIT,
)


@dataclass(slots=True)
class Para:
    """A rebuilt paragraph: ``text`` as printed (cleaned), ``norm`` for matching."""

    text: str
    kind: Kind
    norm: str = ""
    news_start: bool = False
    credit_end: bool = False
    closed: bool = False
    gap_before: bool = False


@dataclass(slots=True)
class Item:
    """One piece of a page: a notice, a news report or loose text."""

    title: list[Para] = field(default_factory=list)
    body: list[Para] = field(default_factory=list)
    signature: list[Para] = field(default_factory=list)
    news: bool = False
    title_after: bool = False
    #: A date alone on its line above the body (a report's dateline under its headline, a page's
    #: date above it): it signs nothing, but it is the day the text came out.
    dateline: Para | None = None

    @property
    def has_body(self) -> bool:
        return any(p.kind is BODY or p.kind is CLOSING for p in self.body)
