"""A list of words as one regular expression shaped like a trie.

``a|ab|abc|b`` makes the engine try every word at every position it reaches, one after another;
``(?:a(?:b(?:c)?)?|b)`` tries each character once, as a trie is walked. Among the words that
start at a position it matches the longest one, as the plain alternation of the words sorted
longest first does, so a pattern can be rewritten with it without changing what it finds.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_Node = dict[str, "_Node"]
#: The key of a node where a word ends (no character is the empty string).
_END = ""


def trie_pattern(words: Iterable[str]) -> str:
    """The longest of ``words`` that starts where the pattern is tried, as regex source (no groups)."""
    root: _Node = {}
    for word in words:
        if not word:
            raise ValueError("an empty word matches everywhere")
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[_END] = {}
    return _branches(root)


def _branches(node: _Node) -> str:
    alternatives = [re.escape(ch) + _branches(child) for ch, child in sorted(node.items()) if ch != _END]
    if not alternatives:
        return ""
    joined = alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"
    # longer words first: a word that ends here is matched only when no longer one goes on
    return "(?:" + joined + ")?" if _END in node else joined
