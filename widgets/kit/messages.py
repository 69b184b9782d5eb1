"""Messages a person reads: inline boxes, the core's checks, a validation error named by its label.
"""

from __future__ import annotations

import html

from pydantic import ValidationError

from socialplaybook.rules.checks import Check
from socialplaybook.rules.messages import field_error_message


def message_html(text: str, level: str = "error") -> str:
    """An inline message box (``level``: error, warning or info) as escaped HTML."""
    return f'<div class="sp-msg sp-msg-{level}" role="status">{html.escape(text)}</div>'


def checks_html(checks: list[Check]) -> str:
    """The core's checks as a list: a mark, the message, and its one-line why."""
    items = "".join(
        f'<li class="sp-check-{c.level}">{html.escape(c.message)}'
        f'<span class="sp-why">{html.escape(c.why)}</span></li>' for c in checks)
    return f'<div class="sp-checks"><ul>{items}</ul></div>'


def error_message(exc: Exception, labels: dict[str, str] | None = None,
                  locale: str = "en") -> str:
    """The person-readable part of a validation error, naming the field by its label, its
    limits written in the team's number ``locale``."""
    if isinstance(exc, ValidationError):
        return field_error_message(exc, labels, locale)
    return str(exc)


def field_error_html(text: str, wide: bool = False) -> str:
    """A problem shown under a field, as escaped HTML ("" for none); ``wide`` for a message
    under a row of fields rather than one."""
    if not text:
        return ""
    return f'<div class="sp-field-error{" sp-field-error-wide" if wide else ""}">' \
           f"{html.escape(text)}</div>"
