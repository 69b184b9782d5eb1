"""Listening: the words and questions to watch, as Boolean queries a team pastes into a
listening tool (the AND / OR / NOT, quotes and brackets most of them read: Brandwatch,
Talkwalker, Meltwater, Mention, and X's own search).

The brand's own terms are the team's name and the inventory's handles, plus what the team
adds. Complaints and questions are searched together with the brand, so they are about
the team.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from socialplaybook.rules.i18n import _
from socialplaybook.steps.engagement.section import Account, ListeningTerms

_OPERATORS = {"and", "or", "not", "near"}


def default_complaint_terms() -> list[str]:
    return [_("refund"), _("broken"), _("never again"), _("worst"), _("disappointed"),
            _("still waiting")]


def default_question_terms() -> list[str]:
    return [_("how do I"), _("does anyone know"), _("recommend"), _("where can I")]


def quoted(term: str) -> str:
    """A term as a query reads it: a phrase, a term with punctuation or an operator word in
    double quotes; quotes and backslashes inside a term dropped (they would end it)."""
    term = " ".join(re.sub(r'["\\“”„]', " ", term).split())
    if not term:
        return ""
    if " " in term or term.casefold() in _OPERATORS or not re.fullmatch(r"[\w@#'’-]+", term):
        return f'"{term}"'
    return term


def any_of(terms: Iterable[str]) -> str:
    """``(a OR "b c")``; "" when there is no term."""
    parts = list(dict.fromkeys(q for q in (quoted(t) for t in terms) if q))
    if not parts:
        return ""
    return parts[0] if len(parts) == 1 else "(" + " OR ".join(parts) + ")"


def brand_terms(team: str, accounts: Sequence[Account], terms: ListeningTerms) -> list[str]:
    """The team's name, each account's handle (with and without its @) and the team's own
    brand terms, each once."""
    found = [team.strip()] if team.strip() else []
    for account in accounts:
        handle = account.handle.strip()
        if handle:
            found += [handle, handle.lstrip("@")] if handle.startswith("@") else [handle]
    found += terms.brand
    seen: dict[str, str] = {}
    for term in found:
        seen.setdefault(term.casefold(), term)
    return list(seen.values())


@dataclass(frozen=True)
class Query:
    """One listening query: what it watches and the text to paste."""

    kind: str
    label: str
    text: str


def listening_queries(team: str, accounts: Sequence[Account],
                      terms: ListeningTerms) -> list[Query]:
    """The queries: the brand, its products, competitors, complaints about the brand and
    questions mentioning it; the excluded words left out of each."""
    brand = any_of(brand_terms(team, accounts, terms))
    exclude = any_of(terms.exclude)
    tail = f" NOT {exclude}" if exclude else ""
    queries = []

    def add(kind: str, label: str, body: str) -> None:
        if body:
            queries.append(Query(kind, label, body + tail))

    add("brand", _("Your brand"), brand)
    add("products", _("Your products"), any_of(terms.products))
    add("competitors", _("Competitors"), any_of(terms.competitors))
    complaints = any_of(terms.complaints or default_complaint_terms())
    questions = any_of(terms.questions or default_question_terms())
    if brand:
        add("complaints", _("Complaints about you"), f"{brand} AND {complaints}")
        add("questions", _("Questions mentioning you"), f"{brand} AND {questions}")
    return queries
