"""Validation errors as a person reads them: one line, the field named by its label."""

from __future__ import annotations

import math

from pydantic import ValidationError

from socialplaybook.rules.i18n import _, ngettext
from socialplaybook.rules.numbers import format_number


def describe_validation_error(error: ValidationError) -> str:
    """One line for a person: where the first problem is and what it is."""
    first = error.errors()[0]
    where = ".".join(str(part) for part in first["loc"])
    message = first["msg"].removeprefix("Value error, ")
    extra = len(error.errors()) - 1
    more = ngettext(" (and {n} more problem)", " (and {n} more problems)", extra).format(
        n=extra) if extra else ""
    line = f"{where}: {message}{more}" if where else f"{message}{more}"
    # Messages quote the input (a statement id, a currency); keep a line break in it from
    # splitting the one line.
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii")
                   for ch in line)


def field_error_message(error: ValidationError, labels: dict[str, str] | None = None,
                        locale: str = "en") -> str:
    """The first problem as a person reads it at the form: "Metric: at most 120 characters".

    ``labels`` names the fields as the form shows them; limits are put in plain words
    (pydantic's own wording is kept only for kinds of error not listed here) and written
    in the team's number ``locale`` ("at most 0,9" in German).
    """
    first = error.errors()[0]
    context = {name: format_number(value, locale=locale)
               if isinstance(value, (int, float)) and not isinstance(value, bool)
               and math.isfinite(value) else value
               for name, value in first.get("ctx", {}).items()}
    plain = {
        "string_too_long": _("at most {max_length} characters"),
        "too_long": _("at most {max_length} items"),
        "less_than_equal": _("at most {le}"),
        "less_than": _("less than {lt}"),
        "greater_than_equal": _("{ge} or more"),
        "greater_than": _("more than {gt}"),
    }
    if first["type"] in plain:
        message = plain[first["type"]].format(**context)
    else:
        message = first["msg"].removeprefix("Value error, ")
    field = next((str(part) for part in first["loc"] if isinstance(part, str)), "")
    label = (labels or {}).get(field)
    return f"{label}: {message}" if label else message[:1].upper() + message[1:]
