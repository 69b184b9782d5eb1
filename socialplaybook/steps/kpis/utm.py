"""UTM links: tag every link you post, so web analytics can say which post brought a visit.

Google Analytics' rules (its "Collect campaign data with custom URLs" page): ``utm_source``,
``utm_medium`` and ``utm_campaign`` on every external link, ``utm_term`` and
``utm_content`` optional; values are case-sensitive, so "Facebook" and "facebook" are two
sources: write them in lower case, without spaces. Never tag a link from your own site to
your own site (it starts a new visit and hides where the visitor came from). The medium
decides the channel GA4's default channel group files a visit under: "social" (and
"social-network", "social-media", "sm") for organic posts, a paid medium ("cpc", "ppc",
"paid…", "retargeting", anything with "cp") with a social source for ads.

Normalising a value: trimmed, lower case, runs of spaces as one "-" (so "social media"
becomes "social-media", a medium GA4 maps to social); each change is said in a notice.
Characters that would change what the link says (``& = ? # / % +``, quotes, brackets) are
refused, not dropped: "spring&summer" cut to "springsummer" is another campaign.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from urllib.parse import quote, urlsplit, urlunsplit

from socialplaybook.rules.i18n import _

UTM_FIELDS: tuple[str, ...] = ("source", "medium", "campaign", "term", "content")
REQUIRED_FIELDS: tuple[str, ...] = ("source", "medium", "campaign")
UTM_VALUE_MAX_CHARS = 100
URL_MAX_CHARS = 2000
MAX_CAMPAIGNS = 20

# GA4 default channel group: the mediums of Organic Social, and Paid Social's medium rule
# (with a source that is a social site).
SOCIAL_MEDIUMS = frozenset({"social", "social-network", "social-media", "sm"})
_PAID_MEDIUM = re.compile(r"^(.*cp.*|ppc|retargeting|paid.*)$")
SOCIAL_SOURCES = frozenset({
    "facebook", "fb", "instagram", "ig", "linkedin", "lnkd.in", "x", "twitter", "t.co",
    "youtube", "tiktok", "pinterest", "snapchat", "whatsapp", "reddit", "threads", "wechat",
    "weibo", "xing", "vk", "mastodon", "bluesky", "tumblr", "quora", "line"})
# Sources that say the link sits on the team's own site.
INTERNAL_SOURCES = frozenset({"website", "homepage", "home", "internal", "intranet", "site",
                              "own-site", "our-site", "web", "menu", "footer", "header"})

_ALLOWED_VALUE = re.compile(r"^[\w.\-~]+$")
_REFUSED_CHARS = re.compile(r"[^\w.\-~]")
_HOST_LABEL = re.compile(r"^(?!-)[\w-]{1,63}(?<!-)$")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class UtmError(ValueError):
    """A value refused for a link; ``field`` names it ("url", "source", ...)."""

    def __init__(self, field_name: str, message: str) -> None:
        super().__init__(message)
        self.field = field_name


def field_labels() -> dict[str, str]:
    """Each link field as the app names it."""
    return {"url": _("Page to link to"), "source": _("Source"), "medium": _("Medium"),
            "campaign": _("Campaign"), "term": _("Term"), "content": _("Content")}


def normalise_value(text: str, field_name: str = "campaign") -> tuple[str, list[str]]:
    """A UTM value as stored: trimmed, lower case, spaces as "-"; with a notice per change.

    Returns ("", []) for an empty value. Raises :class:`UtmError` for characters that
    would change the link's meaning and for values over 100 characters.
    """
    label = field_labels().get(field_name, field_name)
    value = unicodedata.normalize("NFKC", text).strip()
    if not value:
        return "", []
    notices = []
    lowered = value.lower()
    if lowered != value:
        notices.append(_("{field}: upper case made lower case ('{before}' → '{after}'): "
                         "analytics counts 'Facebook' and 'facebook' as two.").format(
                             field=label, before=value, after=lowered))
    joined = "-".join(lowered.split())
    if joined != lowered:
        notices.append(_("{field}: spaces replaced by '-' ('{after}'): a space in a link "
                         "becomes %20 or +.").format(field=label, after=joined))
    bad = _REFUSED_CHARS.findall(joined)
    if bad:
        shown = " ".join(dict.fromkeys(bad))
        raise UtmError(field_name, _(
            "{field}: '{chars}' would be cut off or read as part of the link, changing what "
            "it says. Use letters, digits, '-', '_' and '.'.").format(field=label, chars=shown))
    if len(joined) > UTM_VALUE_MAX_CHARS:
        raise UtmError(field_name, _("{field}: at most {n} characters.").format(
            field=label, n=UTM_VALUE_MAX_CHARS))
    return joined, notices


def is_normalised(value: str) -> bool:
    """Whether ``value`` is a UTM value as stored ("" or normalised and allowed)."""
    if value == "":
        return True
    try:
        return normalise_value(value)[0] == value
    except UtmError:
        return False


def normalise_url(text: str) -> tuple[str, list[str]]:
    """The page a link opens, checked: http(s), a host with a dot; with notices.

    A missing scheme is added as https:// (with a notice); the host is lower-cased; UTM
    parameters already in the URL are dropped (with a notice: the new ones replace them).
    Raises :class:`UtmError` for spaces, another scheme (``javascript:``, ``mailto:``), no
    host, a bad host or port, or more than 2,000 characters.
    """
    url = text.strip()
    notices: list[str] = []
    if not url:
        raise UtmError("url", _("Enter the page the link opens, e.g. https://example.com/offer."))
    if len(url) > URL_MAX_CHARS:
        raise UtmError("url", _("A link can have at most {n} characters.").format(
            n=URL_MAX_CHARS))
    if any(ch.isspace() for ch in url) or any(unicodedata.category(ch).startswith("C")
                                              for ch in url):
        raise UtmError("url", _("A link cannot contain spaces or control characters: "
                                "check that it was copied whole."))
    if "://" not in url and not re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:(?!\d)", url):
        url = "https://" + url.lstrip("/")
        notices.append(_("https:// added at the start of the link."))
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise UtmError("url", _("This is not a valid web address (check the port and the "
                                "brackets).")) from None
    if parts.scheme.lower() not in ("http", "https"):
        raise UtmError("url", _("A link for a post must start with https:// or http:// "
                                "('{scheme}:' is not a web page).").format(scheme=parts.scheme))
    host = (parts.hostname or "").rstrip(".")
    labels = host.split(".")
    if not host or (len(labels) < 2 and host != "localhost") or not all(
            _HOST_LABEL.match(label) for label in labels):
        raise UtmError("url", _("'{url}' has no valid site name (such as example.com).")
                       .format(url=text.strip()[:80]))
    query = parts.query
    kept = [pair for pair in query.split("&") if pair and not pair.lower().startswith("utm_")]
    if query and len(kept) != len([p for p in query.split("&") if p]):
        notices.append(_("The UTM tags already in the link were replaced by these."))
    netloc = host.lower() + (f":{port}" if port is not None else "")
    if parts.username or parts.password:
        raise UtmError("url", _("A link for a post must not hold a user name or password."))
    path = parts.path or "/"
    return urlunsplit((parts.scheme.lower(), netloc, path, "&".join(kept), parts.fragment)), \
        notices


def channel_of(source: str, medium: str) -> str | None:
    """The GA4 default channel a tagged visit lands in, when it is a social one.

    "organic_social" for a social medium, "paid_social" for a paid medium with a social
    source, None otherwise (analytics files it elsewhere: email, referral, paid other...).
    """
    if medium in SOCIAL_MEDIUMS:
        return "organic_social"
    if _PAID_MEDIUM.match(medium) and source in SOCIAL_SOURCES:
        return "paid_social"
    return None


def link_warnings(url: str, source: str, medium: str) -> list[str]:
    """What to check about a link that is built: an internal link, a medium not social."""
    warnings = []
    host = (urlsplit(url).hostname or "") if url else ""
    site = host.removeprefix("www.")
    names = {host, site, site.split(".")[0]} - {""}
    if source and (source in INTERNAL_SOURCES or source in names):
        warnings.append(_("'{source}' looks like your own site: never tag links from your "
                          "own pages. A tagged internal link starts a new visit and hides "
                          "where the visitor really came from.").format(source=source))
    if medium and channel_of(source, medium) is None:
        if _PAID_MEDIUM.match(medium):
            warnings.append(_("Medium '{medium}' is paid, but the source '{source}' is not a "
                              "social site analytics knows: these visits count as another "
                              "paid channel. Name the platform as the source.").format(
                                  medium=medium, source=source or "–"))
        else:
            warnings.append(_("Analytics does not count medium '{medium}' as social: use "
                              "'social' for posts or 'paid-social' (or 'cpc') for ads, or "
                              "these visits land under another channel.").format(medium=medium))
    return warnings


def compose(url: str, values: dict[str, str]) -> str:
    """``url`` (normalised) with the non-empty ``values`` as utm_ parameters, in UTM order."""
    parts = urlsplit(url)
    tags = "&".join(f"utm_{name}={quote(values[name], safe='-_.~')}"
                    for name in UTM_FIELDS if values.get(name))
    query = f"{parts.query}&{tags}" if parts.query and tags else (parts.query or tags)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, query, parts.fragment))


@dataclass(frozen=True)
class LinkResult:
    """A link built from what was typed: ``link`` "" when something is refused or missing.

    ``values`` holds the normalised values (the url under "url"); ``errors`` what was
    refused or is missing, by field; ``notices`` what was changed; ``warnings`` what to
    check (the link still works).
    """

    link: str
    values: dict[str, str]
    errors: dict[str, str] = field(default_factory=dict)
    notices: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()


def build_link(url: str, source: str, medium: str, campaign: str, term: str = "",
               content: str = "") -> LinkResult:
    """Check and normalise every part and build the tagged link (see the module docstring)."""
    typed = {"url": url, "source": source, "medium": medium, "campaign": campaign,
             "term": term, "content": content}
    values: dict[str, str] = {}
    errors: dict[str, str] = {}
    notices: list[str] = []
    try:
        values["url"], url_notices = normalise_url(url)
        notices += url_notices
    except UtmError as exc:
        errors["url"] = str(exc)
        values["url"] = ""
    labels = field_labels()
    for name in UTM_FIELDS:
        try:
            values[name], value_notices = normalise_value(typed[name], name)
            notices += value_notices
        except UtmError as exc:
            errors[name] = str(exc)
            values[name] = ""
            continue
        if name in REQUIRED_FIELDS and not values[name]:
            errors[name] = _("{field} is required on every link.").format(field=labels[name])
    if errors:
        return LinkResult("", values, errors, tuple(notices))
    warnings = link_warnings(values["url"], values["source"], values["medium"])
    return LinkResult(compose(values["url"], values), values, {}, tuple(notices),
                      tuple(warnings))


def source_for_platform(platform: str) -> str:
    """The utm_source for a platform's name: "LinkedIn" -> "linkedin", "X" -> "x"."""
    from socialplaybook.rules.vocabulary import platform_id

    return platform_id(platform)


@dataclass(frozen=True)
class BatchLink:
    """One link of a batch: the platform and campaign it is for, and the link."""

    platform: str
    campaign: str
    source: str
    medium: str
    content: str
    link: str


def batch_links(url: str, platforms: Sequence[str], campaigns: Sequence[str],
                medium: str = "social", content: str = "") -> list[BatchLink]:
    """A tagged link for every platform × campaign (the url and values checked once).

    Raises :class:`UtmError` for a refused url or value, or a missing medium.
    """
    base, _notices = normalise_url(url)
    medium_value, _n = normalise_value(medium, "medium")
    if not medium_value:
        raise UtmError("medium", _("{field} is required on every link.").format(
            field=field_labels()["medium"]))
    content_value, _n = normalise_value(content, "content")
    campaign_values = []
    for campaign in campaigns:
        value, _n = normalise_value(campaign, "campaign")
        if value:
            campaign_values.append(value)
    parts = urlsplit(base)
    prefix = urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))
    fragment = f"#{parts.fragment}" if parts.fragment else ""
    head = f"{prefix}?{parts.query}&" if parts.query else f"{prefix}?"
    tail = (f"&utm_content={quote(content_value, safe='-_.~')}" if content_value else "")
    medium_part = f"&utm_medium={quote(medium_value, safe='-_.~')}"
    links = []
    sources: dict[str, str] = {}
    for platform in platforms:
        source = sources.get(platform) or sources.setdefault(platform,
                                                             source_for_platform(platform))
        source_part = f"{head}utm_source={quote(source, safe='-_.~')}{medium_part}"
        for campaign in campaign_values:
            link = (f"{source_part}&utm_campaign={quote(campaign, safe='-_.~')}{tail}"
                    f"{fragment}")
            links.append(BatchLink(platform, campaign, source, medium_value, content_value,
                                   link))
    return links


def csv_cell(text: str) -> str:
    """A cell safe to open in a spreadsheet: text starting with = + - @ is not a formula."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def links_csv(links: Iterable[BatchLink]) -> str:
    """The links as CSV text (UTF-8, RFC 4180 quoting), every cell guarded against formulas."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["platform", "campaign", "utm_source", "utm_medium", "utm_content", "link"])
    for link in links:
        writer.writerow([csv_cell(cell) for cell in (link.platform, link.campaign, link.source,
                                                     link.medium, link.content, link.link)])
    return out.getvalue()
