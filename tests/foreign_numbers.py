"""Numbers written the English way in a text meant for a team that writes them otherwise.

For a German team ("1.234,5") or a Norwegian or Georgian one ("1 234,5"), "12.5" and
"1,250" are foreign: the first is read as twelve and a half only by luck, the second as
one and a quarter. Used on the apps' visible text and on the exported Markdown.
"""

from __future__ import annotations

import re

# English: a decimal point ("12.5", "0.54") or a comma grouping thousands ("1,250", "2,500.5";
# a group never starts with 0, so German "0,005" is not one).
_DECIMAL_POINT = re.compile(r"\d\.\d+")
_COMMA_GROUPS = re.compile(r"(?<![\d.,])[1-9]\d{0,2}(?:,\d{3})+(?![\d,])")
_DOT_GROUPS = re.compile(r"^\d{1,3}(?:\.\d{3})+$")


def foreign_numbers(text: str, locale: str) -> list[str]:
    """The numbers in ``text`` written the English way though the team writes them the
    ``locale`` way ("de": "1.234,5"; "nb": "1 234,5"), each with what surrounds it."""
    if locale not in ("de", "nb", "ka"):
        raise ValueError(f"no English-looking number is foreign to {locale!r}")
    found = []
    for match in _DECIMAL_POINT.finditer(text):
        if locale == "de" and _DOT_GROUPS.match(_whole_number(text, match)):
            continue  # "1.250": a German thousands group
        found.append(_context(text, match))
    found += [_context(text, match) for match in _COMMA_GROUPS.finditer(text)]
    return found


def _whole_number(text: str, match: re.Match) -> str:
    start, end = match.start(), match.end()
    while start > 0 and (text[start - 1].isdigit() or text[start - 1] == "."):
        start -= 1
    while end < len(text) and (text[end].isdigit() or text[end] == "."):
        end += 1
    return text[start:end].strip(".")  # a full stop after it ends a sentence


def _context(text: str, match: re.Match) -> str:
    return " ".join(text[max(0, match.start() - 40):match.end() + 40].split())
