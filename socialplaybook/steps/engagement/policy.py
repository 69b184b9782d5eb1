"""The social media policy: nine parts with default text the team edits, notes where
employee-speech law limits what a policy may forbid (US, Germany, Norway; each cites its
source), rendered as a document the team takes away (Markdown, and HTML for the page).

The default text follows seed 000 (what is unacceptable, who may create and run official
accounts, a list of the accounts, restricted access, distinct credentials changed when
people leave) and seeds 001/002 (a mishap is fixed in public, calmly). ``{company}`` in a
text stands for the team's name. Text a team typed is shown as text: escaped in HTML and
written so Markdown shows it literally.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

from socialplaybook.rules.i18n import _
from socialplaybook.rules.text import markdown_text
from socialplaybook.steps.engagement.defaults import LawNote, load_law_notes
from socialplaybook.steps.engagement.section import EngagementSection, PolicyText
from socialplaybook.steps.engagement.vocabulary import POLICY_PARTS, policy_part_labels


def default_policy_texts() -> dict[str, str]:
    """Each part's default text (``{company}``: the team's name)."""
    return {
        "scope": _("This policy applies to everyone who posts for {company} or about their "
                   "work at {company}, on any social network, and to every official account "
                   "of {company}. It does not govern what people say privately on their own "
                   "accounts outside work, except where the parts below say so."),
        "who_may_post": _("Only the people named in the account inventory post for "
                          "{company} and answer on its accounts. Nobody opens, renames or "
                          "closes an official account without the owner named in the "
                          "inventory; every account is in the inventory, with an owner and a "
                          "backup."),
        "confidentiality": _("Do not post customers' personal data, unreleased products, "
                             "prices before they are announced or trade secrets. This does not "
                             "stop you discussing your own pay and working conditions."),
        "disclosure": _("When you post about {company} or its products from your own "
                        "account, say that you work here and that the views are your own. "
                        "Paid or gifted posts by others are labelled as advertising."),
        "conduct": _("Nothing sexist, racist, offensive, obscene, sexually suggestive, "
                     "derogatory or discriminatory is acceptable on {company}'s accounts. Be "
                     "friendly, answer every comment, positive or negative, and never argue "
                     "in public."),
        "legal_privacy": _("Use only text, pictures, music and video you have the rights to; "
                           "ask before you post a photo of a person; never publish personal "
                           "data from a customer's message. Follow the platforms' terms and "
                           "advertising rules."),
        "media": _("Journalists' questions, on social media or elsewhere, go to the press "
                   "contact named in the response playbook; nobody else comments on the "
                   "record for {company}."),
        "security": _("Every account has two-factor authentication on and its own "
                      "credentials, kept in the company's password manager, never in "
                      "documents, chats or this plan. Each person gets their own access "
                      "where the platform allows; credentials are changed when someone "
                      "leaves or changes role, and at once on any sign of misuse."),
        "when_it_goes_wrong": _("Mistakes happen and are rarely disasters. Do not delete and "
                                "hide: say what went wrong, fix it in public, and follow the "
                                "triage tiers for who answers and how fast. A calm, honest "
                                "correction builds trust."),
    }


@dataclass(frozen=True)
class PolicyPartText:
    """One part of the policy as the document shows it: the text (the team's or the
    default), whether the team edited it, and the law notes on it."""

    part: str
    heading: str
    text: str
    edited: bool
    notes: tuple[LawNote, ...]


def policy_parts(section: EngagementSection, company: str,
                 notes: Sequence[LawNote] | None = None) -> list[PolicyPartText]:
    """Every part in order, ``{company}`` replaced by ``company`` in the default texts (a
    team's own text is shown exactly as typed)."""
    own = {p.part: p.text for p in section.policy}
    defaults, headings = default_policy_texts(), policy_part_labels()
    notes = load_law_notes() if notes is None else notes
    name = company.strip() or _("the company")
    return [PolicyPartText(part, headings[part],
                           own[part] if part in own else defaults[part].replace("{company}",
                                                                               name),
                           part in own, tuple(n for n in notes if n.part == part))
            for part in POLICY_PARTS]


def with_policy_text(section: EngagementSection, part: str, text: str | None
                     ) -> EngagementSection:
    """The section with the team's ``text`` for ``part`` (None: back to the default)."""
    kept = [p for p in section.policy if p.part != part]
    if text is not None:
        kept.append(PolicyText(part=part, text=text))
    order = {p: n for n, p in enumerate(POLICY_PARTS)}
    return section.model_copy(update={"policy": sorted(kept, key=lambda p: order[p.part])})


def _paragraphs(text: str) -> list[str]:
    return [" ".join(block.split()) for block in text.replace("\r", "").split("\n\n")
            if block.strip()]


def jurisdiction_labels() -> dict[str, str]:
    return {"US": _("United States"), "DE": _("Germany"), "NO": _("Norway")}


def policy_markdown(parts: Sequence[PolicyPartText], company: str) -> list[str]:
    """The policy as a Markdown document: a heading per part, its paragraphs, its law notes
    with their sources. Every text the team typed is written to show literally."""
    title = _("Social media policy of {company}").format(
        company=company.strip() or _("the company"))
    lines = [f"# {markdown_text(title)}", ""]
    places = jurisdiction_labels()
    for number, part in enumerate(parts, start=1):
        lines += [f"## {number}. {markdown_text(part.heading)}", ""]
        for paragraph in _paragraphs(part.text) or [""]:
            lines += [markdown_text(paragraph, "–"), ""]
        for note in part.notes:
            lines += [_("> **Law note ({place}).** {note} Source: {source}, {year}, "
                        "{address}").format(place=places.get(note.jurisdiction,
                                                             note.jurisdiction),
                                           note=markdown_text(note.note),
                                           source=markdown_text(note.source),
                                           year=note.year, address=markdown_text(note.address)),
                      ""]
    lines += [_("_The law notes say where employee-speech law limits what a policy may "
                "forbid; they are not legal advice. Have the policy checked where you "
                "operate._"), ""]
    return lines


def policy_html(parts: Sequence[PolicyPartText], company: str) -> str:
    """The policy as HTML for the page: every text escaped, law notes with their links."""
    title = _("Social media policy of {company}").format(
        company=company.strip() or _("the company"))
    places = jurisdiction_labels()
    body = [f'<h3 class="sp-en-doc-title">{html.escape(title)}</h3>']
    for number, part in enumerate(parts, start=1):
        mark = (f' <span class="sp-tag sp-tag-team">{html.escape(_("your text"))}</span>'
                if part.edited else "")
        body.append(f"<h4>{number}. {html.escape(part.heading)}{mark}</h4>")
        body += [f"<p>{html.escape(paragraph)}</p>" for paragraph in _paragraphs(part.text)]
        for note in part.notes:
            heading = _("Law note ({place})").format(
                place=places.get(note.jurisdiction, note.jurisdiction))
            body.append(
                f'<p class="sp-en-law"><b>{html.escape(heading)}</b> '
                f"{html.escape(note.note)} <span class=\"sp-en-source\">"
                f"{html.escape(note.source)}, {html.escape(note.year)}, "
                f'<a href="{html.escape(note.address)}" target="_blank" rel="noopener">'
                f"{html.escape(_('source'))}</a></span></p>")
    disclaimer = _("The law notes say where employee-speech law limits what a policy may "
                   "forbid; they are not legal advice. Have the policy checked where you "
                   "operate.")
    body.append(f'<p class="sp-card-note"><i>{html.escape(disclaimer)}</i></p>')
    return f'<div class="sp-en-doc">{"".join(body)}</div>'
