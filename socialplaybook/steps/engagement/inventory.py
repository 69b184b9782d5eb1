"""The account inventory: which official accounts there are, who owns them, how they are
protected; never a password or a token.

Seed 000 asks for "a list of all accounts, usernames and passwords", restricted access and
credentials changed regularly and whenever someone leaves. The toolkit keeps the list and
where each login is kept (a password manager), never the secret itself: a plan is exported,
downloaded and shown on a projector. :func:`secret_reason` tells a value that looks like a
secret from an ordinary handle, address or name; the section's models refuse such a value
where it is typed, so it is never saved.

What it recognises (a value is refused when any part of it is):

* keys with a known prefix: ``sk-`` (OpenAI and others), Stripe's ``sk_live_``/``rk_live_``,
  GitHub's ``ghp_``/``gho_``/``ghu_``/``ghs_``/``ghr_``/``github_pat_``, GitLab's ``glpat-``,
  Slack's ``xox?-``/``xapp-``, AWS access key ids (``AKIA``/``ASIA`` and 16 characters),
  Google API keys (``AIza``) and OAuth tokens (``ya29.``), Meta access tokens (``EAA``),
  npm and Shopify tokens;
* JSON Web Tokens (``eyJ….eyJ….…``) and private key blocks;
* card numbers: 13 to 19 digits (spaces or dashes allowed) with a card network's prefix
  and length and a valid Luhn check digit;
* a labelled secret: "password: …", "token=…", "api key: …" (also Passwort, passord,
  密码, პაროლი), unless what follows the label is where the login is kept: a password
  manager ("密码管理器", "Passwortmanager", "passordbehandler"), a vault, 1Password,
  Bitwarden, KeePass... ("密码：密码管理器" is not a secret; "password: 1Password123" is);
* a common password ("password1", "qwerty123", "hunter2"), or a word mixing letters,
  digits and a symbol ("Summer2024!", "P@ssw0rd");
* a long random string: 24 or more characters of at least three kinds (lower case, upper
  case, digits, symbols) with high entropy, 32 or more hexadecimal digits, or 32 or more
  letters and digits of high entropy. Inside a web address only the query's values are
  judged this way (a channel id in a path is not a secret).

A passphrase of ordinary words ("correct horse battery staple") cannot be told from text;
the inventory asks where the login is kept instead, so nobody needs to type it.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from socialplaybook.rules.checks import Check
from socialplaybook.rules.checks import ok as _ok
from socialplaybook.rules.checks import todo as _todo
from socialplaybook.rules.checks import warning as _warning
from socialplaybook.rules.i18n import _, ngettext
from socialplaybook.rules.numbers import format_number
from socialplaybook.rules.vocabulary import platform_id

if TYPE_CHECKING:
    from socialplaybook.steps.engagement.section import Account

# -- secrets ---------------------------------------------------------------------------------

# (prefix, characters after it at least, whose key it is: see _key_names)
_PREFIXED_KEYS: tuple[tuple[str, int, str], ...] = (
    ("sk-", 20, "api"), ("sk_live_", 16, "stripe"), ("sk_test_", 16, "stripe"),
    ("rk_live_", 16, "stripe"), ("ghp_", 30, "github"), ("gho_", 30, "github"),
    ("ghu_", 30, "github"), ("ghs_", 30, "github"), ("ghr_", 30, "github"),
    ("github_pat_", 30, "github"), ("glpat-", 20, "gitlab"), ("xoxb-", 10, "slack"),
    ("xoxp-", 10, "slack"), ("xoxa-", 10, "slack"), ("xoxr-", 10, "slack"),
    ("xoxs-", 10, "slack"), ("xapp-", 10, "slack"), ("AIza", 30, "google"),
    ("ya29.", 20, "google_token"), ("EAA", 40, "meta"), ("npm_", 30, "npm"),
    ("shpat_", 20, "shopify"),
)
_PREFIX_PATTERNS = tuple(
    (re.compile(rf"(?<![A-Za-z0-9]){re.escape(prefix)}[A-Za-z0-9_\-.]{{{length},}}"), whose)
    for prefix, length, whose in _PREFIXED_KEYS)


def _key_names() -> dict[str, str]:
    return {"api": _("an API key"), "stripe": _("a Stripe key"),
            "github": _("a GitHub token"), "gitlab": _("a GitLab token"),
            "slack": _("a Slack token"), "google": _("a Google API key"),
            "google_token": _("a Google access token"), "meta": _("a Meta access token"),
            "npm": _("an npm token"), "shopify": _("a Shopify token")}


_AWS_KEY = re.compile(r"(?<![A-Z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])")
_JWT = re.compile(r"eyJ[A-Za-z0-9_-]{4,}\.eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*")
_PRIVATE_KEY = re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----")
_CARD = re.compile(r"(?<![A-Za-z0-9_\-])(?:\d[ -]?){12,18}\d(?![A-Za-z0-9_])")
_LABELS = (r"password|passwort|passord|passwd|kennwort|pwd|pass|pin|token|secret|"
           r"api[ _-]?key|access[ _-]?key|client[ _-]?secret|auth")
_LABELLED = re.compile(rf"(?i)(?<![A-Za-z])(?:{_LABELS})(?![A-Za-z])\s*[:=：]\s*(\S{{3,}})")
_LABELLED_CJK = re.compile(r"(?:密码|口令|密碼|პაროლი)\s*(?:[:=：]|არის)?\s*(\S{3,})")
# Where a login is kept, which may follow a password's label ("密码：密码管理器", "Passwort:
# Passwort-Manager"): a place, not a secret. Whatever is written onto the name ("1Password123")
# is not the place (_names_a_place). Words before it: "in our", "im", "i", "保存在"...
_PLACES = (r"password[ -]?managers?|passwort[ -]?manager|kennwort[ -]?manager"
           r"|passord[ -]?(?:behandler|håndterer|manager)(?:en|e|ne)?"
           r"|vault|tresor|hvelv(?:et)?|keychain|schlüsselbund|nøkkelring(?:en)?|team"
           r"|1password|bitwarden|keepass(?:xc)?|lastpass|dashlane|nordpass|proton ?pass"
           r"|密码管理(?:器|软件|工具)?|管理(?:器|软件|工具)|保险库|保管库|პაროლების მენეჯერ")
_KEEPING_PLACE = re.compile(
    r"(?i)^(?:(?:in|im|i|into|the|our|a|unserem|unserer|dem|der|vår|vårt|den|det)\s+)*"
    rf"(?:保存在|存放在|存在|放在|在|于)?(?:团队|公司)?(?:{_PLACES})(?:[-_](?:{_PLACES}))*")
_GLUED = re.compile(r"[A-Za-z0-9_\-]")
_LABEL_PREFIX = re.compile(rf"(?i)^(?:{_LABELS})[:=：]")
_COMMON_PASSWORDS = frozenset({
    "password", "passw0rd", "p@ssw0rd", "p@ssword", "pa$$word", "passwort", "passord",
    "qwerty", "qwertz", "azerty", "qwerty123", "qwertyuiop", "asdfgh", "asdfghjkl",
    "letmein", "iloveyou", "trustno1", "hunter2", "abc123", "abcd1234", "1q2w3e4r",
    "1qaz2wsx", "zaq12wsx", "123456", "1234567", "12345678", "123456789", "1234567890",
    "123123", "654321", "111111", "000000", "666666", "121212", "123qwe", "changeme",
})
_SYMBOLS = set("!#$%&*+=?@^~|\\")
_HEX = re.compile(r"[0-9a-fA-F]{32,}")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
_SECRET_QUERY_KEYS = re.compile(r"(?i)token|key|secret|pass|sig|auth|session|code")


def _names_a_place(text: str) -> bool:
    """Whether ``text`` starts with where a login is kept, with nothing written onto it.

    The longest place is taken, then the next character judged (a lookahead in the pattern
    would let "密码管理器000A" backtrack to "密码管理" followed by "器")."""
    match = _KEEPING_PLACE.match(text)
    return match is not None and not _GLUED.match(text, match.end())


def _luhn_ok(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def _card_network(digits: str) -> bool:
    """Whether ``digits`` has a card network's prefix and one of its lengths."""
    n = len(digits)
    two, four = int(digits[:2]), int(digits[:4])
    return ((digits[0] == "4" and n in (13, 16, 19))  # Visa
            or ((51 <= two <= 55 or 2221 <= four <= 2720) and n == 16)  # Mastercard
            or (two in (34, 37) and n == 15)  # American Express
            or ((digits.startswith(("6011", "65")) or 644 <= int(digits[:3]) <= 649)
                and 16 <= n <= 19)  # Discover
            or (two == 35 and 16 <= n <= 19)  # JCB
            or ((300 <= int(digits[:3]) <= 305 or two in (36, 38)) and 14 <= n <= 19)  # Diners
            or (two == 62 and 16 <= n <= 19))  # UnionPay


def _entropy(text: str) -> float:
    """Shannon entropy in bits per character."""
    counts = Counter(text)
    return -sum(c / len(text) * math.log2(c / len(text)) for c in counts.values())


def _kinds(token: str) -> int:
    return sum((any(c.islower() for c in token), any(c.isupper() for c in token),
                any(c.isdigit() for c in token),
                any(not c.isalnum() and c not in "_-." for c in token)))


def _random_string(token: str) -> bool:
    token = token.lstrip("@#")  # a handle or a hashtag starts with these
    if _HEX.fullmatch(token) and any(c.isdigit() for c in token) and any(
            c.isalpha() for c in token):
        return True
    if len(token) >= 24 and _kinds(token) >= 3 and _entropy(token) >= 3.5:
        return True
    return (len(token) >= 32 and any(c.isdigit() for c in token)
            and any(c.isalpha() for c in token) and _entropy(token) >= 4.0)


def _password_like(token: str, alone: bool) -> bool:
    """A common password (only when it is the whole value: "the password manager" is
    text), or a word mixing letters, digits and a symbol."""
    bare = token.lstrip("@#")  # a handle or a hashtag starts with these
    if not bare:
        return False
    core = bare.casefold().rstrip("!?.*#$%&")
    if alone and (core in _COMMON_PASSWORDS or core.rstrip("0123456789") in _COMMON_PASSWORDS):
        return True
    if _EMAIL.match(bare) or not 6 <= len(bare) <= 64:
        return False
    return (any(c.isalpha() for c in bare) and any(c.isdigit() for c in bare)
            and any(c in _SYMBOLS for c in bare))


def _url_parts(token: str) -> list[str] | None:
    """The query values of a web address that may hold a secret (None: not an address)."""
    if not re.match(r"(?i)^(https?://|www\.)", token):
        return None
    try:
        query = urlsplit(token if "://" in token else "https://" + token).query
    except ValueError:
        return []
    pairs = [part.partition("=") for part in query.split("&")]  # "+" kept: not a space here
    return [unquote(value) for key, _sep, value in pairs
            if value and _SECRET_QUERY_KEYS.search(unquote(key))]


def secret_reason(text: str) -> str | None:
    """What in ``text`` looks like a secret ("a card number", "an API key"...), or None.

    The value itself is never part of the answer.
    """
    if not text or not text.strip():
        return None
    if _PRIVATE_KEY.search(text):
        return _("a private key")
    if _JWT.search(text):
        return _("a token")
    if _AWS_KEY.search(text):
        return _("an AWS access key")
    for pattern, whose in _PREFIX_PATTERNS:
        match = pattern.search(text)
        # "sk-" also starts words: a key there mixes letters and digits
        if match and (whose != "api" or (any(c.isdigit() for c in match.group())
                                         and any(c.isalpha() for c in match.group()[3:]))):
            return _key_names()[whose]
    for match in _CARD.finditer(text):
        digits = re.sub(r"\D", "", match.group())
        if _card_network(digits) and _luhn_ok(digits):
            return _("a card number")
    for labelled in (*_LABELLED.finditer(text), *_LABELLED_CJK.finditer(text)):
        if not _names_a_place(text[labelled.start(1):]):
            return _("a password written after its label")
    tokens = text.split()
    for raw in tokens:
        if "<" in raw or ">" in raw or "](" in raw:
            continue  # markup or a link's text ("onerror=alert(1)>"), judged above
        token = raw.strip("\"'()[]{}<>,;")
        if _KEEPING_PLACE.fullmatch(_LABEL_PREFIX.sub("", token)):
            continue  # "pwd=1Password": where the login is kept
        url_values = _url_parts(token)
        if url_values is not None:
            if any(_random_string(value) or _password_like(value, True)
                   or (not _url_parts(value) and secret_reason(value))
                   for value in url_values):
                return _("a token in a web address")
            continue
        if _password_like(token, alone=len(tokens) == 1):
            return _("a password")
        if _random_string(token):
            return _("a key or token")
    return None


def secret_message(what: str) -> str:
    """Why a value is refused (it is not saved), for the field it was typed in."""
    return _("This looks like {what}, so it was not saved: the inventory never keeps "
             "passwords, keys, tokens or card numbers. Write where the login is kept "
             "(for example your password manager) instead.").format(what=what)


def refuse_secret(text: str) -> str:
    """``text`` unchanged, or ValueError saying it looks like a secret."""
    what = secret_reason(text)
    if what is not None:
        raise ValueError(secret_message(what))
    return text


# -- the rows: stored accounts and the platforms step's handles ---------------------------------


@dataclass(frozen=True)
class AccountRow:
    """An account of the inventory: ``stored`` False for one seeded from the platforms step
    (a chosen platform, or a handle ticked there) that nobody has filled in yet."""

    account: Account
    stored: bool


def account_rows(accounts: Sequence[Account], platforms_section=None,
                 names: dict[str, str] | None = None) -> list[AccountRow]:
    """The inventory: the stored accounts, then a row for each platform the platforms step
    chose or ticked as reserved that no stored account is on yet (one list, not two).

    A platform chosen as "reserve the handle only", or only ticked, is seeded as
    "reserve the handle"; ``names`` gives the names of ticked platforms that are not chosen
    (a platform's id to its name; the id is shown otherwise).
    """
    from socialplaybook.steps.engagement.section import Account
    from socialplaybook.steps.platforms.portfolio import active_choices

    rows = [AccountRow(account, True) for account in accounts]
    covered = {a.id for a in accounts} | {platform_id(a.platform) for a in accounts}
    if platforms_section is None:
        return rows
    choices = list(getattr(platforms_section, "choices", []) or [])
    active = {c.id for c in active_choices(choices)}
    seeds: dict[str, tuple[str, str]] = {}
    for choice in choices:
        seeds[choice.id] = (choice.platform, "active" if choice.id in active else "reserve")
    for pid, reserved in (getattr(platforms_section, "handles", {}) or {}).items():
        if reserved and pid not in seeds:
            seeds[pid] = ((names or {}).get(pid, pid), "reserve")
    for pid, (name, status) in seeds.items():
        if pid not in covered:
            rows.append(AccountRow(Account(id=pid, platform=name, status=status), False))
    return rows


# -- alerts ----------------------------------------------------------------------------------


def _same_person(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def account_alerts(account: Account, people_left: Iterable[str], today: date,
                   max_age_days: int, locale: str = "en") -> list[Check]:
    """The alerts of one account, in order: nobody owns it, an owner or someone with access
    has left, no two-factor, old credentials (or no date), one login shared by several.

    An account marked "to close" is only checked for its owner and for people who left
    (who can still reach it until it is closed).
    """
    key = account.id
    label = account.handle or account.platform
    checks: list[Check] = []
    why_owner = _("An account nobody owns is an account nobody answers, updates or closes "
                  "(seed 000: keep a list of the accounts and who runs them).")
    if not account.owner.strip():
        checks.append(_warning(f"owner-{key}", _("{account}: nobody owns this account. Name "
                                                 "an owner and a backup.").format(
                                                     account=label), why_owner))
    left = list(people_left)
    gone = [person for person in [account.owner, account.backup_owner, *account.access]
            if person.strip() and any(_same_person(person, p) for p in left)]
    why_left = _("One post by a disgruntled former employee can become a PR nightmare: change "
                 "the credentials whenever someone leaves or changes role (seed 000).")
    if gone:
        checks.append(_warning(f"left-{key}", _("{account}: {people} left the company but can "
                                                "still reach it. Remove their access and "
                                                "change the credentials now.").format(
            account=label, people=", ".join(dict.fromkeys(gone))), why_left))
    if account.status == "to_close":
        return checks
    why_2fa = _("A stolen password alone cannot open an account with two-factor "
                "authentication.")
    if not account.two_factor:
        checks.append(_warning(f"2fa-{key}", _("{account}: two-factor authentication is off. "
                                               "Turn it on.").format(account=label), why_2fa))
    why_age = _("Your rule: credentials are changed every {days} days and whenever someone "
                "leaves (NIST SP 800-63B advises changing them on any sign of compromise "
                "rather than by the calendar; with two-factor on, a leaver matters more "
                "than the date).").format(days=format_number(max_age_days, locale=locale))
    changed = account.last_credential_change
    if changed is None:
        checks.append(_todo(f"age-{key}", _("{account}: when were the credentials last "
                                            "changed?").format(account=label), why_age))
    elif changed > today:
        checks.append(_todo(f"age-{key}", _("{account}: the credentials' last change is "
                                            "dated in the future; check the date.").format(
                                                account=label), why_age))
    elif (today - changed).days > max_age_days:
        checks.append(_warning(f"age-{key}", ngettext(
            "{account}: the credentials were last changed {n} day ago, more than {days}.",
            "{account}: the credentials were last changed {n} days ago, more than {days}.",
            (today - changed).days).format(
                account=label, n=format_number((today - changed).days, locale=locale),
                days=format_number(max_age_days, locale=locale)), why_age))
    why_shared = _("One login shared by several people cannot be taken back from one of "
                   "them; give each person their own access (most platforms' business tools "
                   "allow it).")
    if account.shared_login and len([p for p in account.access if p.strip()]) > 1:
        checks.append(_warning(f"shared-{key}", _("{account}: one login is shared by {n} "
                                                  "people.").format(
            account=label, n=len([p for p in account.access if p.strip()])), why_shared))
    return checks


def inventory_checks(rows: Sequence[AccountRow], people_left: Iterable[str], today: date,
                     max_age_days: int, locale: str = "en") -> list[Check]:
    """Every account's alerts; an "all clear" line when there is none. A row seeded from
    the platforms step and not filled in yet gets one line asking for it."""
    left = list(people_left)
    checks = []
    for row in rows:
        if row.stored:
            checks += account_alerts(row.account, left, today, max_age_days, locale)
        else:
            checks.append(_todo(f"fill-{row.account.id}", _(
                "{account} (from the platforms step): fill in its handle, owner, two-factor "
                "and the last change of its credentials.").format(
                    account=row.account.platform), _("An account nobody owns is an account "
                                                     "nobody answers, updates or closes.")))
    if not rows:
        return [_todo("inventory", _("No account yet: choose platforms in step 3 or add the "
                                     "accounts you have."), _("Keep a list of every "
                                                              "official account (seed 000)."))]
    if not checks:
        return [_ok("inventory", _("Every account has an owner, two-factor and recent "
                                   "credentials."), _("Keep a list of every official account "
                                                     "(seed 000)."))]
    return checks


def credentials_due(changed: date | None, today: date, max_age_days: int) -> date | None:
    """The day the credentials are due to be changed again (None when never changed)."""
    return None if changed is None else changed + timedelta(days=max_age_days)
