"""The KPI app's links tab: UTM links as GA4 reads them, and "how did you hear about us?"."""

from __future__ import annotations

import html
from urllib.parse import quote

import ipywidgets as w

from socialplaybook.rules.i18n import _, ngettext
from socialplaybook.rules.numbers import format_number
from socialplaybook.steps.kpis.channels import channel_labels
from socialplaybook.steps.kpis.section import KpisSection
from socialplaybook.steps.kpis.survey import hear_about_us
from socialplaybook.steps.kpis.utm import (
    LINK_FIELDS,
    UtmError,
    batch_links,
    batch_warnings,
    build_link,
    campaigns_text,
    default_medium,
    field_notes,
    links_csv,
    medium_for,
    normalise_url,
    normalise_value,
    parse_campaigns,
)
from socialplaybook.steps.kpis.utm import field_labels as utm_field_labels
from widgets.kit.card import card, row, stacked
from widgets.kit.messages import field_error_html, message_html
from widgets.kit.quiet import set_if_changed
from widgets.kpis.views import (
    COPY_BUTTON,
)

BATCH_PREVIEW_ROWS = 8  # the batch's first links shown; all of them are in the download


class LinksTab:
    """The KPI app's UTM links tab: one link or every platform x campaign, and the survey
    question (a mixin of KpisApp)."""

    def _build_links(self) -> list[w.Widget]:
        labels = utm_field_labels()
        placeholders = {"url": "https://example.com/offer", "source": "linkedin",
                        "medium": "social", "campaign": "spring-launch",
                        "term": _("optional"), "content": _("optional"),
                        "campaign_id": _("optional, e.g. fb-2026-03"),
                        "source_platform": _("optional"), "creative_format": _("optional"),
                        "marketing_tactic": _("optional")}
        self._utm: dict[str, w.Text] = {}
        self._utm_errors: dict[str, w.HTML] = {}
        self._paid = w.Checkbox(description=_("These links are for ads (paid posts)"),
                                indent=False, layout=w.Layout(width="auto"))
        self._paid.observe(self._on_paid, names="value")
        cells = []
        for name in ("url", *LINK_FIELDS):
            text = stacked(w.Text(placeholder=placeholders[name], continuous_update=False,
                                   description=labels[name], layout=w.Layout(width="auto"),
                                   tooltip=field_notes().get(name, "")))
            text.observe(self._on_utm, names="value")
            self._utm[name] = text
            self._utm_errors[name] = self._html()
            cell = w.VBox([text, self._utm_errors[name]], layout=w.Layout(
                width="520px" if name == "url" else "210px"))
            cells.append(cell)
        self._utm_notices = self._html()
        self._link = self._html()
        self._campaigns = stacked(w.Text(
            placeholder=_("e.g. spring-launch=fb-101, webinar-may"), continuous_update=False,
            layout=w.Layout(width="560px"),
            description=_("Campaigns, separated by commas (name=ID gives GA4's utm_id)")))
        self._campaigns.observe(self._on_campaigns, names="value")
        self._campaigns_error = self._html()
        self._batch = self._html()
        question = hear_about_us()
        self._hear_added = w.Checkbox(description=_("Added to our contact form"), indent=False,
                                      layout=w.Layout(width="auto"))
        self._hear_added.observe(self._on_hear, names="value")
        builder = card(_("A tagged link for every post"), _(
            "Tag every link you post with UTM parameters (source, medium and campaign are "
            "required; lower case, no spaces), so web analytics counts what social brings, in "
            "the channel GA4 files it under. The ID (utm_id) lets GA4 import your ad costs; "
            "the last three are GA4's optional parameters. Never tag links between your own "
            "pages."), [
            self._paid, row(cells[:3], top=True), row(cells[3:6], top=True),
            row(cells[6:], top=True), self._utm_notices, self._link], self._html)
        batch = card(_("Links for every chosen platform × campaign"), _(
            "The same page, one link per platform you chose and campaign: copy them from the "
            "table or download them all as a CSV file."), [
            self._campaigns, self._campaigns_error, self._batch], self._html)
        ask = card(_("Ask your customers"), "", [
            self._html(f"<div><b>“{html.escape(question.question)}”</b> · "
                   f"{html.escape(question.field)}</div>"
                   f'<div class="sp-card-note">{html.escape(question.why)}</div>'),
            self._hear_added], self._html)
        return [builder, batch, ask]


    def _on_utm(self, change) -> None:
        if self.busy():
            return
        name = next(n for n, text in self._utm.items() if text is change["owner"])
        error = self._utm_errors[name]
        try:
            if name == "url":
                value, notices = normalise_url(change["new"]) if change["new"].strip() else (
                    "", [])
            else:
                value, notices = normalise_value(change["new"], name)
        except UtmError as exc:
            error.value = field_error_html(str(exc))
            return
        error.value = ""
        self._utm_notices.value = "".join(message_html(n, "info") for n in notices)
        with self.quietly():
            set_if_changed(self._utm[name], value)
        self.replace(utm=self.section.utm.model_copy(update={name: value}))

    def _on_paid(self, change) -> None:
        """Ads or not: the medium follows (paid_social / social) unless the team typed one."""
        if self.busy():
            return
        paid = bool(change["new"])
        medium = medium_for(paid, self.section.utm.medium)
        with self.quietly():
            set_if_changed(self._utm["medium"], medium)
        self.replace(utm=self.section.utm.model_copy(update={"paid": paid, "medium": medium}))

    def _on_campaigns(self, change) -> None:
        if self.busy():
            return
        try:
            campaigns = parse_campaigns(change["new"])
        except UtmError as exc:
            self._campaigns_error.value = field_error_html(str(exc))
            return
        self._campaigns_error.value = "".join(message_html(n, "info")
                                              for n in campaigns.notices[:3])
        with self.quietly():
            set_if_changed(self._campaigns, campaigns_text(campaigns.names, campaigns.ids))
        self.replace(utm=self.section.utm.model_copy(update={
            "campaigns": list(campaigns.names), "campaign_ids": campaigns.ids}))

    def _on_hear(self, change) -> None:
        if self.busy():
            return
        self.replace(hear_about_us_added=bool(change["new"]))


    def _draw_links(self, section: KpisSection) -> None:
        utm = section.utm
        result = build_link(utm.url, utm.source, utm.medium, utm.campaign, utm.term,
                            utm.content, campaign_id=utm.campaign_id,
                            source_platform=utm.source_platform,
                            creative_format=utm.creative_format,
                            marketing_tactic=utm.marketing_tactic, paid=utm.paid)
        if result.link:
            warnings = "".join(message_html(text, "warning") for text in result.warnings)
            channel = _("GA4 files its visits under: {channel}.").format(
                channel=channel_labels().get(result.channel, result.channel))
            self._link.value = (
                f'<div class="sp-label">{html.escape(_("Your link"))}</div>'
                f'<input class="sp-kp-link sp-kp-single" readonly '
                f'value="{html.escape(result.link)}">'
                + COPY_BUTTON.format(label=html.escape(_("Copy")))
                + f'<div class="sp-card-note">{html.escape(channel)}</div>' + warnings)
        else:
            labels = utm_field_labels()
            missing = [labels[name] for name in result.errors]
            text = _("Fill in {fields} to build the link.").format(fields=", ".join(missing))
            self._link.value = f'<div class="sp-card-note">{html.escape(text)}</div>'
        self._draw_batch(utm)

    def _draw_batch(self, utm) -> None:
        names = [name for _pid, name in self._platforms]
        note = ""
        if not names:
            note = _("Choose your platforms in the platforms step: a link is made for each of "
                     "them and each campaign.")
        elif not utm.url or not utm.campaigns:
            note = _("Enter the page above and one or more campaigns: links for {platforms}."
                     ).format(platforms=", ".join(names))
        if note:
            self._batch.value = f'<div class="sp-card-note">{html.escape(note)}</div>'
            return
        try:
            links = batch_links(utm.url, names, utm.campaigns,
                                utm.medium or default_medium(utm.paid), utm.content,
                                paid=utm.paid, campaign_ids=utm.campaign_ids,
                                source_platform=utm.source_platform,
                                creative_format=utm.creative_format,
                                marketing_tactic=utm.marketing_tactic)
        except UtmError as exc:
            self._batch.value = message_html(str(exc), "error")
            return
        channels = channel_labels()
        head = "".join(f"<th>{html.escape(t)}</th>" for t in (
            _("Platform"), _("Campaign"), _("GA4 channel"), _("Link")))
        rows = "".join(f"<tr><td>{html.escape(link.platform)}</td>"
                       f"<td>{html.escape(link.campaign)}</td>"
                       f"<td>{html.escape(channels.get(link.channel, link.channel))}</td>"
                       f"<td>{html.escape(link.link)}</td></tr>"
                       for link in links[:BATCH_PREVIEW_ROWS])
        warnings = "".join(message_html(text, "warning")
                           for text in batch_warnings(links, utm.paid))
        more = ""
        if len(links) > BATCH_PREVIEW_ROWS:
            text = _("… and {n} more in the file.").format(
                n=format_number(len(links) - BATCH_PREVIEW_ROWS, locale=self.locale))
            more = f'<div class="sp-card-note">{html.escape(text)}</div>'
        data = quote(links_csv(links, ga4=True), safe="")
        label = ngettext("Download the link (CSV)", "Download all {n} links (CSV)",
                         len(links)).format(n=format_number(len(links), locale=self.locale))
        download = (f'<a class="sp-kp-download" download="utm-links.csv" '
                    f'href="data:text/csv;charset=utf-8,{data}">'
                    f"{html.escape(label)}</a>")
        self._batch.value = (warnings + f'<table class="sp-table sp-kp-batch"><tr>{head}</tr>{rows}'
                             f"</table>{more}<div>{download}</div>")
