"""User text as text: what a team typed, made safe for the documents and charts it lands in.

A team name, a goal's metric, an owner or a milestone title is shown exactly as typed and
never read as markup. Two places read markup:

* Markdown (the export): HTML is allowed by most viewers, so ``<img onerror=...>`` would
  run, and ``|``, ``*``, ``[x](javascript:...)`` or a leading ``#`` would change the
  document. :func:`markdown_text` writes the text so a Markdown viewer shows it literally.
* plotly labels, hover text and annotations: plotly draws a subset of HTML there (``<b>``,
  ``<i>``, ``<a href>``, ``<br>``) and decodes ``&lt;``, ``&gt;``, ``&amp;`` back into the
  characters. :func:`plotly_text` escapes those three so plotly shows the text as typed.

A spreadsheet (XLSX, or CSV opened in one) reads a cell starting with ``=``, ``+``, ``-`` or
``@`` as a formula: :func:`spreadsheet_text` keeps such text a text.
"""

from __future__ import annotations

import re
from html import escape

# Characters with a meaning inside a Markdown line (CommonMark and GitHub's tables and
# strikethrough): each is written with a backslash so it is shown as itself. "(" and "!"
# only start a link or an image after "[", which is escaped; "<", ">", "&" become entities.
_MARKDOWN_INLINE = re.compile(r"([\\`*_\[\]#|~])")
# What only means something at the start of a line: a list item ("-", "+", "1." or "1)"),
# a setext underline ("=" or "-"), a thematic break.
_MARKDOWN_LINE_START = re.compile(r"^(\d+)([.)])|^([-+=])")


def one_line(text: str) -> str:
    """The text on one line: newlines, tabs and runs of spaces become one space."""
    return " ".join(text.split())


def markdown_text(text: str, empty: str = "") -> str:
    """User text as Markdown that shows the text literally, on one line.

    ``<``, ``>`` and ``&`` become HTML entities (no tag or entity the user typed reaches
    the viewer as HTML); Markdown's punctuation is backslash-escaped, so ``*``, ``|``,
    ``[x](javascript:...)`` and ``#`` are shown as typed; newlines become spaces, so the
    text is safe inside a table cell, a list item or a heading. ``empty`` is returned for
    text that is empty or only spaces.
    """
    line = one_line(text)
    if not line:
        return empty
    line = _MARKDOWN_INLINE.sub(r"\\\1", line)
    line = escape(line, quote=False)
    return _MARKDOWN_LINE_START.sub(lambda m: (f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}"),
                                    line)


def plotly_text(text: str) -> str:
    """User text for a plotly label, hover text or annotation: shown as typed, not as HTML.

    plotly decodes ``&lt;``, ``&gt;`` and ``&amp;`` into the characters when it draws, so
    ``<b>bold</b>`` is shown with its brackets instead of in bold.
    """
    return escape(text, quote=False)


# What starts a formula in Excel, LibreOffice or Google Sheets (OWASP's CSV injection list).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_text(text: str) -> str:
    """Text for a spreadsheet cell (XLSX or CSV): shown as typed, never run as a formula.

    Text starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading
    ``'``, so ``=cmd|' /C calc'!A0`` stays a text in every spreadsheet that opens it.
    """
    return "'" + text if text.startswith(_FORMULA_START) else text


def unencodable_text_at(value: object) -> tuple[str | int, ...] | None:
    """Where ``value`` (JSON-like data: dicts, lists, texts) holds text that cannot be
    written as UTF-8, as a path of keys and indexes; None when all of it can.

    Python text can hold a lone surrogate (half of a pair, such as ``"\\ud800"`` from a
    JSON file's escape or a broken emoji pasted in a browser); no file, database or page
    can store or show it. Dict keys are looked at too: a broken key's path ends at it.
    """
    stack: list[tuple[object, tuple[str | int, ...]]] = [(value, ())]
    while stack:
        current, path = stack.pop()
        if isinstance(current, str):
            if not _encodable(current):
                return path
        elif isinstance(current, dict):
            for key, item in current.items():
                if isinstance(key, str) and not _encodable(key):
                    return (*path, key)
                stack.append((item, (*path, key)))
        elif isinstance(current, (list, tuple)):
            stack.extend((item, (*path, index)) for index, item in enumerate(current))
    return None


def _encodable(text: str) -> bool:
    if text.isascii():
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def shown_path(path: tuple[str | int, ...]) -> str:
    """A path from :func:`unencodable_text_at` as a message names it: ``goals.0.metric``,
    with any text in it that cannot be shown written as an escape."""
    return ".".join(str(part).encode("utf-8", "backslashreplace").decode("utf-8")
                    for part in path)
