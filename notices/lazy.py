"""Regular expressions compiled on first use and tried only on a text that could hold a match.

Compiling the question grammar's patterns costs a cold ``noticebot ask`` tens of milliseconds, and a
question uses few of them: an English pattern cannot match "哪些路封闭", nor a rule for 月 a text
without 月. A :class:`LazyPattern` says which characters every match holds (``needs``), is compiled
the first time a text holding one of them is searched, and answers "no match" for any other text
without compiling, exactly as the compiled pattern would (``tests/test_lazy_patterns.py`` checks each
``needs`` against its pattern).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from string import ascii_lowercase

Gate = Callable[[str], bool]


def has_cjk(text: str) -> bool:
    """Whether ``text`` holds a CJK ideograph: ``[\\u3400-\\u9fff\\uf900-\\ufaff]`` without compiling
    that class (its table of code points alone costs milliseconds)."""
    return not text.isascii() and any("\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" for ch in text)


def has_latin(text: str) -> bool:
    """Whether ``text`` holds a lower-case ASCII letter (questions are folded to lower case)."""
    return any(letter in text for letter in ascii_lowercase)  # 26 searches in C, fast on long texts


class LazyPattern:
    """A pattern compiled on first use; a text holding none of ``needs`` (characters, or a test of
    the text) cannot match, so it is not searched at all."""

    __slots__ = ("_compiled", "_gate", "needs", "source")

    def __init__(self, source: str, needs: str | Gate = "") -> None:
        self.source = source
        self.needs = needs
        self._compiled: re.Pattern[str] | None = None
        if isinstance(needs, str):
            self._gate: Gate | None = (lambda text: any(ch in text for ch in needs)) if needs else None
        else:
            self._gate = needs

    @property
    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(self.source)
        return self._compiled

    def possible(self, text: str) -> bool:
        """False when no match can be in ``text``; True when one may be."""
        return self._gate is None or self._gate(text)

    def search(self, text: str) -> re.Match[str] | None:
        return self.compiled.search(text) if self.possible(text) else None

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return self.compiled.finditer(text) if self.possible(text) else iter(())

    def sub(self, replacement: str | Callable[[re.Match[str]], str], text: str) -> str:
        return self.compiled.sub(replacement, text) if self.possible(text) else text

    def __repr__(self) -> str:
        return f"LazyPattern({self.source!r})"
