"""UTM links: tag every link you post, so web analytics can say which post brought a visit.

Google Analytics' rules (its "URL builders: Collect campaign data with custom URLs" page):
``utm_source``, ``utm_medium`` and ``utm_campaign`` on every external link; ``utm_term``
and ``utm_content`` optional; GA4 adds ``utm_id`` (the campaign ID that joins imported
cost data to visits), ``utm_source_platform`` (the buying or publishing platform),
``utm_creative_format`` and ``utm_marketing_tactic`` (the last two not reported in GA4 yet,
Google says). Values are case-sensitive, so "Facebook" and "facebook" are two sources:
write them in lower case, without spaces. Never tag a link from your own site to your own
site (it starts a new visit and hides where the visitor came from).

Which channel GA4 files a visit under is :mod:`socialplaybook.steps.kpis.channels`: a
source on Google's list of social sites is Organic Social whatever the medium, a paid
medium with it Paid Social; a link is warned about when it would land elsewhere. Posts
default to the medium "social", paid posts (ads) to "paid_social": GA4 reads any medium
starting with "paid" as paid, and with a social source as Paid Social, while the name
says the channel in every report (unlike "cpc", which Google Ads uses for search ads).

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
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from urllib.parse import quote, urlsplit, urlunsplit

from socialplaybook.rules.i18n import _
from socialplaybook.rules.text import spreadsheet_text
from socialplaybook.steps.kpis.channels import (
    ORGANIC_MEDIUM,
    PAID_MEDIUM,
    channel_labels,
    channel_warnings,
    classify,
)

UTM_FIELDS: tuple[str, ...] = ("source", "medium", "campaign", "term", "content")
# GA4's further parameters, by the name of the plan's field (utm_id is "campaign_id").
GA4_FIELDS: tuple[str, ...] = ("campaign_id", "source_platform", "creative_format",
                               "marketing_tactic")
LINK_FIELDS: tuple[str, ...] = UTM_FIELDS + GA4_FIELDS
# The order of the parameters in a link: Google's order, with source, medium and campaign
# first (a reader sees where the visit comes from before the details).
PARAMETER_ORDER: tuple[str, ...] = ("source", "medium", "campaign", "campaign_id",
                                    "source_platform", "term", "content", "creative_format",
                                    "marketing_tactic")
REQUIRED_FIELDS: tuple[str, ...] = ("source", "medium", "campaign")
UTM_VALUE_MAX_CHARS = 100
URL_MAX_CHARS = 2000
MAX_CAMPAIGNS = 20

# Sources that say the link sits on the team's own site.
INTERNAL_SOURCES = frozenset({"website", "homepage", "home", "internal", "intranet", "site",
                              "own-site", "our-site", "web", "menu", "footer", "header"})

_ALLOWED_VALUE = re.compile(r"^[\w.\-~]+$")
_REFUSED_CHARS = re.compile(r"[^\w.\-~]")
_HOST_LABEL = re.compile(r"^(?!-)[\w-]{1,63}(?<!-)$")


class UtmError(ValueError):
    """A value refused for a link; ``field`` names it ("url", "source", ...)."""

    def __init__(self, field_name: str, message: str) -> None:
        super().__init__(message)
        self.field = field_name


def field_labels() -> dict[str, str]:
    """Each link field as the app names it."""
    return {"url": _("Page to link to"), "source": _("Source"), "medium": _("Medium"),
            "campaign": _("Campaign"), "term": _("Term"), "content": _("Content"),
            "campaign_id": _("Campaign ID"), "source_platform": _("Source platform"),
            "creative_format": _("Creative format"),
            "marketing_tactic": _("Marketing tactic"), "campaigns": _("Campaigns")}


def field_notes() -> dict[str, str]:
    """What GA4 does with each of its further parameters, for the form's help text."""
    return {
        "campaign_id": _("utm_id: the ID of the campaign, the same one you use when you "
                         "import its costs into GA4, so cost and visits meet."),
        "source_platform": _("utm_source_platform: the platform that buys or publishes the "
                             "post, e.g. meta-ads-manager or linkedin-campaign-manager."),
        "creative_format": _("utm_creative_format: the kind of creative, e.g. video, "
                             "carousel, story. GA4 does not report it yet (Google's note)."),
        "marketing_tactic": _("utm_marketing_tactic: the targeting, e.g. prospecting, "
                              "remarketing. GA4 does not report it yet (Google's note)."),
    }


def parameter_name(field_name: str) -> str:
    """The URL parameter of a link field: "campaign_id" -> "utm_id", "source" -> "utm_source"."""
    return "utm_id" if field_name == "campaign_id" else f"utm_{field_name}"


def default_medium(paid: bool) -> str:
    """The medium a link starts with: "social" for posts, "paid_social" for paid posts."""
    return PAID_MEDIUM if paid else ORGANIC_MEDIUM


def medium_for(paid: bool, current: str) -> str:
    """The medium after the team says the links are (not) for ads.

    The other choice's default (or nothing) becomes this one's; a medium the team typed
    itself ("cpc", "retargeting") is kept.
    """
    if current in ("", ORGANIC_MEDIUM, PAID_MEDIUM):
        return default_medium(paid)
    return current


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



def link_warnings(url: str, source: str, medium: str, campaign: str = "",
                  paid: bool = False) -> list[str]:
    """What to check about a link that is built: an internal link, a channel not social."""
    warnings = []
    host = (urlsplit(url).hostname or "") if url else ""
    site = host.removeprefix("www.")
    names = {host, site, site.split(".")[0]} - {""}
    if source and (source in INTERNAL_SOURCES or source in names):
        warnings.append(_("'{source}' looks like your own site: never tag links from your "
                          "own pages. A tagged internal link starts a new visit and hides "
                          "where the visitor really came from.").format(source=source))
    return warnings + channel_warnings(source, medium, campaign, paid)


def _tags(values: Mapping[str, str]) -> str:
    return "&".join(f"{parameter_name(name)}={quote(values[name], safe='-_.~')}"
                    for name in PARAMETER_ORDER if values.get(name))


def compose(url: str, values: Mapping[str, str]) -> str:
    """``url`` (normalised) with the non-empty ``values`` as utm_ parameters, in order."""
    parts = urlsplit(url)
    tags = _tags(values)
    query = f"{parts.query}&{tags}" if parts.query and tags else (parts.query or tags)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, query, parts.fragment))


@dataclass(frozen=True)
class LinkResult:
    """A link built from what was typed: ``link`` "" when something is refused or missing.

    ``values`` holds the normalised values (the url under "url"); ``errors`` what was
    refused or is missing, by field; ``notices`` what was changed; ``warnings`` what to
    check (the link still works); ``channel`` the GA4 channel its visits land in.
    """

    link: str
    values: dict[str, str]
    errors: dict[str, str] = field(default_factory=dict)
    notices: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    channel: str = ""


def build_link(url: str, source: str, medium: str, campaign: str, term: str = "",
               content: str = "", *, campaign_id: str = "", source_platform: str = "",
               creative_format: str = "", marketing_tactic: str = "",
               paid: bool = False) -> LinkResult:
    """Check and normalise every part and build the tagged link (see the module docstring)."""
    typed = {"url": url, "source": source, "medium": medium, "campaign": campaign,
             "term": term, "content": content, "campaign_id": campaign_id,
             "source_platform": source_platform, "creative_format": creative_format,
             "marketing_tactic": marketing_tactic}
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
    for name in LINK_FIELDS:
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
    warnings = link_warnings(values["url"], values["source"], values["medium"],
                             values["campaign"], paid)
    channel = classify(values["source"], values["medium"], values["campaign"]).channel
    return LinkResult(compose(values["url"], values), values, {}, tuple(notices),
                      tuple(warnings), channel)


def source_for_platform(platform: str) -> str:
    """The utm_source for a platform's name: "LinkedIn" -> "linkedin", "X" -> "x"."""
    from socialplaybook.rules.vocabulary import platform_id

    return platform_id(platform)


@dataclass(frozen=True)
class BatchLink:
    """One link of a batch: the platform and campaign it is for, its values and GA4 channel."""

    platform: str
    campaign: str
    source: str
    medium: str
    content: str
    link: str
    campaign_id: str = ""
    channel: str = ""


def batch_links(url: str, platforms: Sequence[str], campaigns: Sequence[str],
                medium: str | None = None, content: str = "", *, paid: bool = False,
                campaign_ids: Mapping[str, str] | None = None, source_platform: str = "",
                creative_format: str = "", marketing_tactic: str = "") -> list[BatchLink]:
    """A tagged link for every platform × campaign (the url and values checked once).

    ``medium`` None: "paid_social" when ``paid``, else "social". ``campaign_ids`` gives a
    campaign its utm_id (by the campaign's stored name). Each link is the one
    :func:`build_link` makes from the same values. Raises :class:`UtmError` for a refused
    url or value, or a missing medium.
    """
    base, _notices = normalise_url(url)
    medium_value, _n = normalise_value(default_medium(paid) if medium is None else medium,
                                       "medium")
    if not medium_value:
        raise UtmError("medium", _("{field} is required on every link.").format(
            field=field_labels()["medium"]))
    shared = {"content": content, "source_platform": source_platform,
              "creative_format": creative_format, "marketing_tactic": marketing_tactic}
    fixed = {name: normalise_value(value, name)[0] for name, value in shared.items()}
    ids = {normalise_value(name, "campaign")[0]: normalise_value(value, "campaign_id")[0]
           for name, value in (campaign_ids or {}).items()}
    campaign_values = []
    for campaign in campaigns:
        value, _n = normalise_value(campaign, "campaign")
        if value:
            campaign_values.append(value)
    parts = urlsplit(base)
    prefix = urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))
    fragment = f"#{parts.fragment}" if parts.fragment else ""
    head = f"{prefix}?{parts.query}&" if parts.query else f"{prefix}?"
    tails = {campaign: "&" + _tags({"medium": medium_value, "campaign": campaign,
                                    "campaign_id": ids.get(campaign, ""), **fixed})
             for campaign in campaign_values}
    links = []
    for platform in platforms:
        source = source_for_platform(platform)
        source_part = f"{head}utm_source={quote(source, safe='-_.~')}"
        for campaign in campaign_values:
            links.append(BatchLink(platform, campaign, source, medium_value, fixed["content"],
                                   f"{source_part}{tails[campaign]}{fragment}",
                                   ids.get(campaign, ""),
                                   classify(source, medium_value, campaign).channel))
    return links


def batch_warnings(links: Iterable[BatchLink], paid: bool = False) -> list[str]:
    """What to fix so each platform's links land in a social channel: one sentence per
    platform and problem (not per link)."""
    warnings: dict[str, None] = {}
    for link in links:
        for text in channel_warnings(link.source, link.medium, link.campaign, paid):
            warnings[_("{platform}: {warning}").format(platform=link.platform, warning=text)] \
                = None
    return list(warnings)


@dataclass(frozen=True)
class CampaignList:
    """Campaigns typed as "name" or "name=ID", separated by commas, stored normalised."""

    names: tuple[str, ...]
    ids: dict[str, str]
    notices: tuple[str, ...] = ()


def parse_campaigns(text: str) -> CampaignList:
    """The campaigns of the batch from what was typed: "Spring Launch=c-101, webinar-may".

    A name given twice is kept once (its last ID wins). Raises :class:`UtmError` (field
    "campaigns") for a refused name or ID, an ID without a name, or more than 20 campaigns.
    """
    names: dict[str, None] = {}
    ids: dict[str, str] = {}
    notices: list[str] = []
    for part in text.split(","):
        name_text, _sep, id_text = part.partition("=")
        try:
            name, name_notices = normalise_value(name_text, "campaign")
            campaign_id, id_notices = normalise_value(id_text, "campaign_id")
        except UtmError as exc:
            raise UtmError("campaigns", str(exc)) from None
        if not name:
            if campaign_id:
                raise UtmError("campaigns", _("The ID '{id}' has no campaign name before its "
                                              "'='.").format(id=campaign_id))
            continue
        names[name] = None
        notices += name_notices + id_notices
        if campaign_id:
            ids[name] = campaign_id
    if len(names) > MAX_CAMPAIGNS:
        raise UtmError("campaigns", _("At most {n} campaigns.").format(n=MAX_CAMPAIGNS))
    return CampaignList(tuple(names), ids, tuple(dict.fromkeys(notices)))


def campaigns_text(names: Sequence[str], ids: Mapping[str, str]) -> str:
    """The campaigns as the form shows them: "spring-launch=c-101, webinar-may"."""
    return ", ".join(f"{name}={ids[name]}" if ids.get(name) else name for name in names)


def csv_cell(text: str) -> str:
    """A cell safe to open in a spreadsheet: text starting with = + - @ is not a formula."""
    return spreadsheet_text(text)


def links_csv(links: Iterable[BatchLink], ga4: bool = False) -> str:
    """The links as CSV text (UTF-8, RFC 4180 quoting), every cell guarded against formulas.

    ``ga4``: with each link's utm_id and GA4 channel (as GA4's reports name it) as well.
    """
    labels = channel_labels()
    columns = ["platform", "campaign", "utm_source", "utm_medium", "utm_content", "link"]
    if ga4:
        columns[2:2], columns[-1:-1] = ["utm_id"], ["ga4_channel"]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for link in links:
        cells = {"platform": link.platform, "campaign": link.campaign,
                 "utm_id": link.campaign_id, "utm_source": link.source,
                 "utm_medium": link.medium, "utm_content": link.content,
                 "ga4_channel": labels.get(link.channel, link.channel), "link": link.link}
        writer.writerow([csv_cell(cells[column]) for column in columns])
    return out.getvalue()
