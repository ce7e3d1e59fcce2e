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


#: Branches: a node with more is split into groups of this many, each opened by a class of its
#: characters. The engine tries a branch that opens with a character or a class at one test of the
#: character, but goes on through every branch when the one it entered fails further on: a node of
#: 150 branches costs 150 tests at each position where a word's first character stands, and a
#: group of classes costs one test per group and one per branch of the group it enters.
_GROUP = 8


def _branches(node: _Node) -> str:
    children = [(ch, child) for ch, child in sorted(node.items()) if ch != _END]
    if not children:
        return ""
    if len(children) > _GROUP:
        groups = [children[k : k + _GROUP] for k in range(0, len(children), _GROUP)]
        # [abc](?:(?<=a)…|(?<=b)…|(?<=c)…): the class takes the character, the lookbehind says which
        alternatives = [
            "["
            + "".join(re.escape(ch) for ch, _ in group)
            + "](?:"
            + "|".join(f"(?<={re.escape(ch)})" + _branches(child) for ch, child in group)
            + ")"
            for group in groups
        ]
    else:
        alternatives = [re.escape(ch) + _branches(child) for ch, child in children]
    joined = alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"
    # longer words first: a word that ends here is matched only when no longer one goes on
    return "(?:" + joined + ")?" if _END in node else joined


def two_character_gate(words: Iterable[str]) -> str:
    """A lookahead (regex source) that every match of ``trie_pattern(words)`` passes: a one-character
    word, or a first character and a second that some word has there. Put before the trie, it lets the
    engine pass over a position by two character tests, where the trie would try each of its branches
    against a common first character that starts no word here."""
    listed = set(words)
    single = "".join(sorted(w for w in listed if len(w) == 1))
    firsts = "".join(sorted({w[0] for w in listed if len(w) > 1}))
    seconds = "".join(sorted({w[1] for w in listed if len(w) > 1}))
    pair = f"[{re.escape(firsts)}][{re.escape(seconds)}]" if firsts else ""
    gates = [g for g in (f"[{re.escape(single)}]" if single else "", pair) if g]
    return "(?=" + "|".join(gates) + ")"
