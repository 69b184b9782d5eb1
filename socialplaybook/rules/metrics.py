"""Vanity or business: whether a metric counts attention (followers, likes) or an outcome.

Shared by every step that names a metric (planning's goals, the KPI step). The articles:
many marketers measure vanity metrics such as follower counts and are happy while they
grow; followers and comments are not clients (seeds 000 and 003).

The words are data, not code: ``datasets/metric_terms.csv`` lists each term with its
language (en, de, nb, zh, ka), its kind, how it matches and why it is there (see
``datasets/README.md``). A metric is read in three steps:

1. **Tokens.** The text is NFKC-normalised and case-folded, then split into words on
   Unicode word boundaries (``\\w+``; a hyphen separates words, so "Gefällt-mir-Angaben"
   is three). A term matches a word as a whole word (``word``), as its start (``prefix``:
   a stem, for inflections and the first part of compounds), as its end (``suffix``:
   Georgian case endings) or anywhere inside it (``substring``: Chinese, which has no
   spaces, and German/Norwegian compound parts chosen so they occur in no common other
   word). A term of several words matches consecutive words, the last by its rule. Where
   terms overlap, the longest wins, so a ``neutral`` term (``Spendenaufruf``,
   ``შენახვა``) shields a word from a shorter stem it happens to contain.
2. **Roles.** Each match is a kind: ``vanity`` (a count of attention), ``view`` (a count
   of views: vanity, unless of a buying page), ``outcome`` (a business result),
   ``cost`` (money, read with what it buys), ``service`` (how fast or how often you
   answer), ``paying`` (turns an audience into customers), ``intent`` (a page or price
   list where people decide to buy), ``from`` (a connector: what follows is the source,
   not the thing counted; a Georgian ending, -დან "from" or -ზე "on, per", marks its own
   word so: "შემოსავალი ერთ მიმდევარზე" is revenue per follower), ``into`` (a relative
   pronoun), ``became`` (a verb of becoming: with a pronoun, "followers who became
   customers", "Follower, die Kunden wurden"; or right before the result,
   "成为客户的粉丝").
3. **The decision** reads the whole phrase, first rule that applies:

   * a service measure ("response time to comments") is ``service``, never vanity;
   * ``paying`` with an audience count ("paying subscribers") is an ``outcome``;
   * views of a buying page ("views of the pricing page") are a business ``signal``;
   * a cost of a business result ("cost per lead") is an ``outcome``; a cost of a vanity
     count ("cost per follower") is ``vanity``; a cost alone is ``cost`` (a business
     number);
   * an outcome whose audience is its source ("customers from followers",
     "Neukunden aus Followern", "მიმდევრებიდან ... კლიენტები", "revenue per follower"
     in Georgian, "შემოსავალი ერთ მიმდევარზე") or what the audience became ("followers
     who became customers", "følgere som ble kunder", "成为客户的粉丝") is an
     ``outcome``; a pronoun alone is not enough ("comments that customers write"
     counts comments);
   * otherwise, when both kinds are named, the phrase's head decides: the first counted
     thing in English, German and Norwegian ("likes on sale posts" counts likes; within
     a compound the last part, "Kommentaranzahl"), the last in Chinese and Georgian,
     where modifiers come first ("促销帖的点赞数", "გაყიდვების პოსტების ლაიქები");
   * attention alone is ``vanity``; a result alone ``outcome``; nothing named ``neutral``.
"""

from __future__ import annotations

import csv
import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, NamedTuple

from socialplaybook.datasets import datasets_dir
from socialplaybook.rules.i18n import _, list_text

LEXICON_FILE = "metric_terms.csv"
LEXICON_COLUMNS = ("term", "language", "kind", "match", "source")
LANGUAGES = ("en", "de", "nb", "zh", "ka")
TERM_KINDS = ("vanity", "view", "outcome", "neutral", "cost", "service", "paying", "intent",
              "from", "into", "became")
CONNECTORS = ("from", "into", "became")
MATCH_RULES = ("word", "prefix", "suffix", "substring")
HEAD_FINAL_LANGUAGES = ("zh", "ka")  # modifiers before the head: the last counted thing decides

VerdictKind = Literal["vanity", "outcome", "signal", "service", "cost", "neutral"]

_WORD = re.compile(r"\w+")


class Term(NamedTuple):
    """One row of ``datasets/metric_terms.csv``."""

    term: str
    language: str
    kind: str
    match: str
    source: str


@dataclass(frozen=True)
class Lexicon:
    """The terms, indexed for matching."""

    terms: tuple[Term, ...]
    by_word: dict[tuple[str, ...], tuple[Term, ...]]  # whole-word terms by their words
    by_rule: tuple[tuple[Term, tuple[str, ...]], ...]  # prefix, suffix, substring terms


def _normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def lexicon_path() -> Path:
    return datasets_dir() / LEXICON_FILE


def load_lexicon(path: Path | None = None) -> Lexicon:
    """The metric lexicon from ``datasets/metric_terms.csv`` (read once per path)."""
    return _load_lexicon(path or lexicon_path())


@functools.lru_cache(maxsize=4)
def _load_lexicon(path: Path) -> Lexicon:
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = tuple(next(reader, ()))
        if header != LEXICON_COLUMNS:
            raise ValueError(f"{path}: the columns are {', '.join(header)}; "
                             f"expected {', '.join(LEXICON_COLUMNS)}")
        terms = []
        for line, row in enumerate(reader, start=2):
            if len(row) != len(LEXICON_COLUMNS):
                raise ValueError(f"{path}, line {line}: expected {len(LEXICON_COLUMNS)} cells")
            term = Term(*(cell.strip() for cell in row))
            if (term.language not in LANGUAGES or term.kind not in TERM_KINDS
                    or term.match not in MATCH_RULES or not _WORD.findall(_normalise(term.term))):
                raise ValueError(f"{path}, line {line}: {row!r} has an unknown language, kind "
                                 "or match rule, or no term")
            terms.append(term._replace(term=_normalise(term.term)))
    by_word: dict[tuple[str, ...], list[Term]] = {}
    by_rule = []
    for term in terms:
        words = tuple(_WORD.findall(term.term))
        if term.match == "word":
            by_word.setdefault(words, []).append(term)
        else:
            by_rule.append((term, words))
    return Lexicon(tuple(terms), {k: tuple(v) for k, v in by_word.items()}, tuple(by_rule))


class _Hit(NamedTuple):
    start: int  # the matched characters, for "longest wins"
    end: int
    token: int  # index of the first word
    last_token: int
    text: str  # as written (normalised): the whole words, or the Chinese substring
    term: Term


def _find(text: str, lexicon: Lexicon) -> tuple[list[_Hit], list[_Hit]]:
    """The term matches in normalised ``text``: (counted things, connectors), in order."""
    tokens = list(_WORD.finditer(text))
    words = [token.group(0) for token in tokens]
    candidates: list[_Hit] = []

    def hit(first: int, last: int, start: int, end: int, term: Term, whole: bool) -> _Hit:
        shown = text[tokens[first].start():tokens[last].end()] if whole else text[start:end]
        return _Hit(start, end, first, last, shown, term)

    for length in {len(key) for key in lexicon.by_word}:
        for first in range(len(words) - length + 1):
            for term in lexicon.by_word.get(tuple(words[first:first + length]), ()):
                last = first + length - 1
                candidates.append(hit(first, last, tokens[first].start(), tokens[last].end(),
                                      term, True))
    for term, term_words in lexicon.by_rule:
        leading, stem = term_words[:-1], term_words[-1]
        for last in range(len(leading), len(words)):
            first = last - len(leading)
            word, offset = words[last], tokens[last].start()
            if term.match == "prefix":
                spans = [(0, len(stem))] if word.startswith(stem) else []
            elif term.match == "suffix":
                spans = ([(len(word) - len(stem), len(word))]
                         if word.endswith(stem) and len(word) > len(stem) else [])
            else:  # substring: every occurrence
                spans, at = [], word.find(stem)
                while at >= 0:
                    spans.append((at, at + len(stem)))
                    at = word.find(stem, at + 1)
            if not spans or (leading and tuple(words[first:last]) != leading):
                continue
            for start, end in spans:
                chinese = term.language == "zh"
                candidates.append(hit(first, last, tokens[first].start() if leading else
                                      offset + start, offset + end, term, not chinese))
    connectors = sorted((c for c in candidates if c.term.kind in CONNECTORS),
                        key=lambda c: c.start)
    taken: list[_Hit] = []
    # longest first; among equals the earlier, then the file's order
    for candidate in sorted((c for c in candidates if c.term.kind not in CONNECTORS),
                            key=lambda c: (c.start - c.end, c.start)):
        if all(candidate.end <= other.start or candidate.start >= other.end for other in taken):
            taken.append(candidate)
    return sorted(taken, key=lambda c: c.start), connectors


@dataclass(frozen=True)
class MetricVerdict:
    """What a metric counts: ``kind`` with the ``terms`` that decided it and why."""

    kind: VerdictKind
    terms: tuple[str, ...]
    reason: str

    @property
    def is_vanity(self) -> bool:
        return self.kind == "vanity"


def _unique(hits: list[_Hit]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(hit.text for hit in hits))


def _is_source(hit: _Hit, connectors: list[_Hit]) -> bool:
    """Whether a counted thing is named as the source ("from followers", "მიმდევრებიდან")."""
    for connector in connectors:
        if connector.term.kind != "from":
            continue
        if connector.term.match == "suffix":
            if connector.token == hit.last_token:
                return True
        elif connector.end <= hit.start:
            return True
    return False


def _became(attention: list[_Hit], outcomes: list[_Hit], connectors: list[_Hit]) -> bool:
    """Whether an outcome is what the audience became ("followers who became customers").

    Either a relative pronoun follows an audience word at once, a result comes after it
    and so does a verb of becoming ("followers who became customers", "Follower, die
    Kunden wurden"): in "likes on posts that mention sales" the pronoun belongs to the
    posts, and in "comments that customers write" the customers write, they did not
    become anything. Or a verb of becoming stands right before a result ("成为客户的粉丝",
    fans who became customers; "followers became customers").
    """
    verbs = [connector for connector in connectors if connector.term.kind == "became"]
    for pronoun in (c for c in connectors if c.term.kind == "into"):
        if (any(pronoun.token == hit.last_token + 1 for hit in attention)
                and any(pronoun.end <= outcome.start for outcome in outcomes)
                and any(pronoun.end <= verb.start for verb in verbs)):
            return True
    return any(outcome.start == verb.end or outcome.token == verb.last_token + 1
               for verb in verbs for outcome in outcomes)


def _head(hits: list[_Hit]) -> _Hit:
    """The counted thing a phrase is about (see the module's docstring)."""
    if any(hit.term.language in HEAD_FINAL_LANGUAGES for hit in hits):
        return hits[-1]
    first_word = [hit for hit in hits if hit.token == hits[0].token]
    return first_word[-1]  # a compound's last part: Kommentaranzahl, kundehenvendelser


def _verdict(kind: VerdictKind, hits: list[_Hit], reason: str) -> MetricVerdict:
    terms = _unique(sorted(hits, key=lambda hit: hit.start))
    return MetricVerdict(kind, terms, reason.format(terms=list_text(terms)))


def classify_metric(metric: str, lexicon: Lexicon | None = None) -> MetricVerdict:
    """Whether ``metric`` counts attention (vanity) or business, with the terms and why."""
    hits, connectors = _find(_normalise(metric), lexicon or load_lexicon())

    def of(*kinds: str) -> list[_Hit]:
        return [hit for hit in hits if hit.term.kind in kinds]

    attention, outcomes = of("vanity", "view"), of("outcome")
    if of("service"):
        return _verdict("service", of("service"), _(
            "'{terms}' measures how well you answer, a service the articles ask for "
            "(answer every comment), not attention."))
    if of("paying") and (attention or not outcomes):
        return _verdict("outcome", of("paying") + attention, _(
            "'{terms}' counts paying customers, not an audience."))
    if of("intent") and not of("vanity") and not outcomes:
        return _verdict("signal", of("intent") + of("view"), _(
            "'{terms}' shows interest in buying (a pricing, product or property page): a "
            "business signal rather than attention."))
    if of("cost"):
        if outcomes:
            return _verdict("outcome", of("cost") + outcomes, _(
                "'{terms}' is the cost of a business result."))
        if attention:
            return _verdict("vanity", attention, _(
                "'{terms}': a cost per follower, like or view is still a price of attention, "
                "not of business."))
        return _verdict("cost", of("cost"), _("'{terms}' is money spent, a business number."))
    if outcomes and attention:
        sources = [hit for hit in attention if _is_source(hit, connectors)]
        if sources or _became(attention, outcomes, connectors):
            return _verdict("outcome", outcomes, _(
                "'{terms}' counts what the audience brings to the business, not the audience."))
        head = _head(sorted(outcomes + attention, key=lambda hit: hit.start))
        if head.term.kind == "outcome":
            return _verdict("outcome", outcomes, _("'{terms}' counts a business result."))
        return _verdict("vanity", attention, _(
            "'{terms}' counts attention, not business: what the metric counts is the "
            "attention; the rest only says where."))
    if attention:
        return _verdict("vanity", attention, _(
            "'{terms}' counts attention, not business. Followers, likes and comments are "
            "not clients."))
    if outcomes:
        return _verdict("outcome", outcomes, _("'{terms}' counts a business result."))
    return MetricVerdict("neutral", (), _(
        "No count of attention (followers, likes, views, reach) is named."))


def vanity_terms(metric: str) -> list[str]:
    """The vanity words in a metric, as written there (lower-cased), in order of appearance.

    Every count of attention is listed, also where the phrase as a whole is about business
    ("customers from followers" lists "followers"); :func:`is_vanity_metric` decides.
    """
    hits, _connectors = _find(_normalise(metric), load_lexicon())
    return list(_unique([hit for hit in hits if hit.term.kind in ("vanity", "view")]))


def is_vanity_metric(metric: str) -> bool:
    """Whether the metric counts attention (followers, likes, ...) rather than business."""
    return classify_metric(metric).is_vanity
