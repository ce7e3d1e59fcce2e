"""An HTML page (an e-paper page or a government site's notice, saved or fetched) to the plain text the
parser reads.

The parser relies on line structure (a title on its own line, the issuer and date under the body), so
block elements end lines, ``<br>`` breaks one, table cells stay apart by tabs, and sections and headings
are set off by a blank line. What a reader never sees as the page's text is dropped: scripts, styles,
forms, the site's navigation, banner and footer, and blocks that are nothing but links (menus). Entities
are decoded by the HTML parser (lexbor, through selectolax), so no markup is left in the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser, LexborNode

from notices.errors import InputError


def _tags(names: str) -> frozenset[str]:
    return frozenset(names.split())


#: Never the page's text, wherever they are.
_DROP = _tags(
    "head script style noscript template nav aside form button select option textarea input label "
    "iframe frame frameset object embed svg math canvas audio video map dialog menu figcaption"
)
#: The site's banner and footer; inside an article or main they are the notice's own heading and signature.
_CHROME = _tags("header footer")
_CHROME_ROLES = _tags("navigation banner contentinfo complementary search menu")
#: Elements that set their content off by a blank line.
_SECTION = _tags("article section main h1 h2 h3 h4 h5 h6 hgroup table blockquote pre hr")
#: Elements that start and end a line.
_BLOCK = _tags(
    "address body center dd details div dl dt fieldset figure html legend li ol p summary tbody tfoot "
    "thead tr ul caption"
)
_CELL = _tags("td th")
#: A block with at least this many links that are nearly all its text is a menu, not a notice.
_MENU_LINKS = 3
_MENU_LINK_SHARE = 0.7
_LISTS = _tags("ul ol dl table tbody tr td div p section")

_WIDE = r"\u2e80-\u303f\u3040-\u9fff\uf900-\ufaff\uff00-\uffef"
_JOIN_WIDE = re.compile(rf"(?<=[{_WIDE}])[ \t\r\f]*\n\s*(?=[{_WIDE}])")
_SPACES = re.compile(r"[ \t\n\r\f\v\xa0]+")
_LINE_SPACES = re.compile(r"[ \f\v\xa0\u3000]+")

_BREAK, _PARA = 1, 2
#: Block elements whose opening makes an HTML parser search the open elements (a ``<p>`` in scope):
#: nested thousands deep, parsing takes quadratic time. No page nests them past this.
MAX_BLOCK_DEPTH = 1000
_BLOCK_TAG = re.compile(
    r"<(/?)(?:div|section|article|aside|nav|header|footer|main|ul|ol|dl|blockquote|center|figure|"
    r"fieldset|details|address|form|h[1-6]|hgroup|menu|dir|pre|listing|summary|dialog)[\s/>]",
    re.IGNORECASE,
)
_MARKUP = re.compile(
    rb"<(!doctype\s+html|html[\s>]|head[\s>]|body[\s>]|meta\s|title>|div[\s>]|p>|p\s|br\s*/?>|table[\s>])",
    re.IGNORECASE,
)
_META_CHARSET = re.compile(rb"""<meta\s[^>]*?charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.IGNORECASE)


def looks_like_html(data: bytes) -> bool:
    """True when the start of a file is HTML markup (a doctype, ``<html>``, or two common tags), so a
    page saved as ``.txt`` is read as HTML too. Plain notices never contain such tags."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").replace(b"\x00", b"")
    if head[:1] == b"<" and re.match(rb"<(!doctype\s+html|html[\s>]|\?xml)", head, re.IGNORECASE):
        return True
    return len(_MARKUP.findall(head)) >= 2


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in a ``<meta>`` near its start (``<meta charset>`` or
    ``http-equiv="Content-Type" content="…; charset=…"``), as the file says it."""
    found = _META_CHARSET.search(data[:4096].replace(b"\x00", b""))
    return found.group(1).decode("ascii").lower() if found else None


@dataclass(slots=True)
class _Stats:
    chars: int = 0
    link_chars: int = 0
    links: int = 0


def html_to_text(markup: str) -> str:
    """The readable text of an HTML page, one line per line a reader sees, blank lines between blocks.
    Raises InputError for a page nested too deep to be one."""
    _check_depth(markup)
    tree = LexborHTMLParser(markup)
    root = _main_element(tree)
    if root is None:
        return ""
    stats = _link_stats(root)
    out: list[str | int] = []
    # An explicit stack (no recursion): a hostile page may nest elements thousands deep.
    stack: list[tuple[LexborNode, bool, bool]] = [(root, False, False)]
    while stack:
        node, leaving, pre = stack.pop()
        tag = node.tag or ""
        if leaving:
            _open(tag, out)  # a block ends as it starts
            continue
        if node.is_text_node:
            _text(node.text_content or "", pre, out)
            continue
        if tag.startswith(("-", "!")) or _dropped(node, tag, stats):
            continue
        if tag == "br":
            out.append(_BREAK)
            continue
        _open(tag, out)
        stack.append((node, True, pre))
        inner = pre or tag in ("pre", "textarea", "listing", "plaintext")
        stack.extend((child, False, inner) for child in reversed(list(node.iter(include_text=True))))
    return _assemble(out)


def _check_depth(markup: str) -> None:
    depth = 0
    for match in _BLOCK_TAG.finditer(markup):
        depth = max(depth - 1, 0) if match.group(1) else depth + 1
        if depth > MAX_BLOCK_DEPTH:
            raise InputError(f"the page nests its elements more than {MAX_BLOCK_DEPTH:,} deep; it is no page")


def _main_element(tree: LexborHTMLParser) -> LexborNode | None:
    """The page's ``<main>`` (or ``role=main``) when it has exactly one, else its body."""
    mains = tree.css("main, [role=main]")
    if len(mains) == 1:
        return mains[0]
    return tree.body or tree.root


def _dropped(node: LexborNode, tag: str, stats: dict[int, _Stats]) -> bool:
    if tag in _DROP:
        return True
    attrs = node.attributes
    if "hidden" in attrs or (attrs.get("aria-hidden") or "").lower() == "true":
        return True
    style = (attrs.get("style") or "").replace(" ", "").lower()
    if "display:none" in style or "visibility:hidden" in style:
        return True
    if (attrs.get("role") or "").lower() in _CHROME_ROLES:
        return True
    if tag in _CHROME and not _inside_content(node):
        return True
    if tag in _LISTS:
        own = stats.get(node.mem_id)
        if own and own.links >= _MENU_LINKS and own.link_chars >= _MENU_LINK_SHARE * own.chars:
            return True
    return False


def _inside_content(node: LexborNode) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.tag in ("article", "main") or (parent.attributes.get("role") or "") == "main":
            return True
        parent = parent.parent
    return False


def _link_stats(root: LexborNode) -> dict[int, _Stats]:
    """Visible characters, characters inside links and the number of links, for every element, in one
    pass after the children (post-order, no recursion)."""
    stats: dict[int, _Stats] = {}
    stack: list[tuple[LexborNode, bool, bool]] = [(root, False, False)]
    parents: list[_Stats] = []
    while stack:
        node, leaving, in_link = stack.pop()
        if leaving:
            done = parents.pop()
            if parents:
                parents[-1].chars += done.chars
                parents[-1].link_chars += done.link_chars
                parents[-1].links += done.links
            continue
        if node.is_text_node:
            count = len("".join((node.text_content or "").split()))
            if parents:
                parents[-1].chars += count
                if in_link:
                    parents[-1].link_chars += count
            continue
        tag = node.tag or ""
        if tag.startswith(("-", "!")) or tag in _DROP:
            continue
        own = _Stats(links=1 if tag == "a" else 0)
        stats[node.mem_id] = own
        parents.append(own)
        stack.append((node, True, in_link))
        link = in_link or tag == "a"
        stack.extend((child, False, link) for child in reversed(list(node.iter(include_text=True))))
    return stats


def _open(tag: str, out: list[str | int]) -> None:
    if tag in _SECTION:
        out.append(_PARA)
    elif tag in _BLOCK:
        out.append(_BREAK)
    elif tag in _CELL:
        out.append("\t")


def _text(raw: str, pre: bool, out: list[str | int]) -> None:
    if pre:
        out.append(raw.replace("\r\n", "\n").replace("\r", "\n"))
        return
    # A source line break between two Chinese characters is no space (CSS Text, segment breaks).
    out.append(_SPACES.sub(" ", _JOIN_WIDE.sub("", raw)))


def _assemble(out: list[str | int]) -> str:
    """Fragments and break marks to lines: the strongest of adjacent marks wins, lines are trimmed, a
    row's empty cells are dropped, and at most one blank line separates blocks."""
    pieces: list[str] = []
    pending = 0
    for item in out:
        if isinstance(item, int):
            pending = max(pending, item)
            continue
        if not item.strip(" ") and (pending or not pieces):
            continue  # white space next to a block boundary is no text
        if pending and pieces:
            pieces.append("\n" * pending)
        pending = 0
        pieces.append(item)
    lines: list[str] = []
    for line in "".join(pieces).split("\n"):
        cells = [_LINE_SPACES.sub(" ", cell).strip() for cell in line.split("\t")]
        text = "\t".join(cell for cell in cells if cell)
        if text or (lines and lines[-1]):
            lines.append(text)
    return "\n".join(lines).strip("\n") + "\n"
