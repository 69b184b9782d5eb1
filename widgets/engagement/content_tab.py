"""The Content tab's pillars, mix, network first and listening (the calendar is in
calendar_tab.py): a mixin of EngagementApp.
"""

from __future__ import annotations

import ipywidgets as w
from pydantic import ValidationError

from socialplaybook.rules.i18n import _
from socialplaybook.steps.engagement.listening import listening_queries
from socialplaybook.steps.engagement.mix import mix_checks
from socialplaybook.steps.engagement.pillars import network_checks, pillar_checks
from socialplaybook.steps.engagement.section import (
    ContentMix,
    EngagementSection,
    ListeningTerms,
    NetworkContact,
    Pillar,
)
from socialplaybook.steps.engagement.vocabulary import VALUE_KINDS, value_kind_labels
from widgets.engagement.editors import ContactEditor, PillarEditor, item_labels, text_box
from widgets.kit.card import card, row
from widgets.kit.fields import NumberField
from widgets.kit.items import ItemList
from widgets.kit.messages import checks_html, error_message, field_error_html

LISTS = ("brand", "products", "competitors", "complaints", "questions", "exclude")


def _add_button(label: str) -> w.Button:
    return w.Button(description=label, icon="plus", button_style="primary",
                    layout=w.Layout(width="auto"))


class ContentTab:
    """Pillars, the mix, network first and listening (a mixin of EngagementApp)."""

    def _build_content_cards(self) -> list[w.Widget]:
        self._pillar_checks = self._html()
        self._pillars = ItemList(self._make_pillar)
        self._pillar_name = text_box(_("New pillar"), "", _("e.g. coffee know-how"), "260px")
        self._pillar_name.continuous_update = True
        self._add_pillar = _add_button(_("Add pillar"))
        self._add_pillar.on_click(self._on_add_pillar)
        self._pillar_message = self._html()
        pillars = card(_("Content pillars"), _(
            "Three to five themes your audience cares about, each answering a need of a "
            "segment from your planning step and serving one of your goals. It is not all "
            "about you: give value."), [self._pillar_checks, self._pillars,
                                       row([self._pillar_name, self._add_pillar]),
                                       self._pillar_message], self._html)

        kinds = value_kind_labels()
        self._mix_fields = {kind: self._number(kinds[kind], "%", 100,
                                                "230px" if kind == "about_us" else "160px")
                            for kind in VALUE_KINDS}
        self._mix_fields["max_about_us"] = self._number(
            _("Most posts about us we accept (%)"), "%", 100, "250px")
        for field in self._mix_fields.values():
            field.observe(self._on_mix, names="value")
        self._mix_message = self._html()
        self._mix_checks = self._html()
        mix = card(_("The mix"), _(
            "The share of posts that help, teach, entertain or share others' work against "
            "posts about the company. The limit is your own assumption; its default, 20 %, "
            "is the practitioners' '80/20 rule', a rule of thumb, not a finding."),
            [row([self._mix_fields[k] for k in VALUE_KINDS], top=True),
             row([self._mix_fields["max_about_us"]], top=True), self._mix_message,
             self._mix_checks], self._html)

        self._network_checks = self._html()
        self._network = ItemList(self._make_contact)
        self._contact_name = text_box(_("New person or community"), "",
                                      _("e.g. the local food bloggers' group"), "300px")
        self._contact_name.continuous_update = True
        self._add_contact = _add_button(_("Add contact"))
        self._add_contact.on_click(self._on_add_contact)
        self._contact_message = self._html()
        network = card(_("Network first"), _(
            "People and communities to follow and help before you ask anything of them: "
            "ideal customers, peers, people with the same interests. Say what you give."),
            [self._network_checks, self._network,
             row([self._contact_name, self._add_contact]), self._contact_message], self._html)

        labels = {"brand": _("Brand names and nicknames"), "products": _("Products"),
                  "competitors": _("Competitors"), "complaints": _("Complaint words"),
                  "questions": _("Question words"), "exclude": _("Leave out (words)")}
        self._terms = {name: text_box(labels[name], "", _("separated by commas"), "280px")
                       for name in LISTS}
        for box in self._terms.values():
            box.observe(self._on_terms, names="value")
        self._terms_message = self._html()
        self._queries = self._html()
        listening = card(_("Listening"), _(
            "The words and questions to watch. Your team's name and your accounts' handles "
            "are in the brand query already; paste the queries into your listening tool."),
            [row([self._terms[n] for n in LISTS[:3]], top=True),
             row([self._terms[n] for n in LISTS[3:]], top=True), self._terms_message,
             self._queries], self._html)
        return [pillars, mix, network, listening]

    def _number(self, label: str, placeholder: str, maximum: float, width: str = "150px",
                **limits) -> NumberField:
        from widgets.kit.card import stacked

        field = NumberField(placeholder, None, maximum=maximum, width=width,
                            description=label, locale=self.locale, **limits)
        stacked(field.text)
        return field

    # -- showing ---------------------------------------------------------------------------

    def _show_content(self, section: EngagementSection) -> None:
        mix = section.mix
        for kind, field in self._mix_fields.items():
            value = getattr(mix, f"{kind}_percent")
            if field.locale != self.locale:
                field.set_locale(self.locale)
            if field.value != value:
                field.set_quietly(value)
        for name, box in self._terms.items():
            shown = ", ".join(getattr(section.listening, name))
            if [t.strip() for t in box.value.split(",") if t.strip()] != getattr(
                    section.listening, name):
                box.value = shown

    def _draw_content(self, section: EngagementSection) -> None:
        inputs = self._inputs
        segments = [(s.label, s.id) for s in inputs.segments]
        goals = [(label, gid) for gid, label in inputs.goals]
        self._pillars.show(section.pillars)
        for number, (pid, editor) in enumerate(self._pillars.editors.items(), start=1):
            pillar = next(p for p in section.pillars if p.id == pid)
            editor.set_choices(segments, goals, pillar)
            editor.show_item(pillar, number)
        self._pillar_checks.value = checks_html(pillar_checks(section.pillars, inputs))
        self._mix_checks.value = checks_html(mix_checks(section.mix, self.locale))
        self._network.show(section.network)
        self._network_checks.value = checks_html(network_checks(section.network))
        self._queries.value = self._queries_html(section)

    def _queries_html(self, section: EngagementSection) -> str:
        from widgets.engagement.views import queries_html

        return queries_html(listening_queries(self._inputs.team, section.accounts,
                                              section.listening))

    # -- pillars -----------------------------------------------------------------------------

    def _make_pillar(self, pillar: Pillar, number: int) -> PillarEditor:
        segments = [(s.label, s.id) for s in self._inputs.segments]
        goals = [(label, gid) for gid, label in self._inputs.goals]
        return PillarEditor(pillar, number, segments, goals, self._on_pillar,
                            self._on_remove_pillar)

    def _on_add_pillar(self, _button=None) -> None:
        if self.busy():
            return
        try:
            pillar = Pillar(name=self._pillar_name.value)
        except ValidationError as exc:
            self._pillar_message.value = field_error_html(error_message(exc, item_labels()))
            return
        if not self._apply(self._pillar_message, pillars=[*self.section.pillars, pillar]):
            self._pillar_name.value = ""

    def _on_pillar(self, pillar: Pillar) -> str:
        segment = next((s for s in self._inputs.segments if s.id == pillar.segment_id), None)
        if segment is not None and not pillar.need.strip() and segment.needs:
            pillar = pillar.model_copy(update={"need": segment.needs[:1000]})
        return self._apply(None, pillars=[pillar if p.id == pillar.id else p
                                          for p in self.section.pillars])

    def _on_remove_pillar(self, pillar_id: str) -> None:
        slots = [s.model_copy(update={"pillar_id": ""}) if s.pillar_id == pillar_id else s
                 for s in self.section.slots]
        self._apply(self._pillar_message,
                    pillars=[p for p in self.section.pillars if p.id != pillar_id], slots=slots)

    # -- the mix -----------------------------------------------------------------------------

    def _on_mix(self, _change) -> None:
        if self.busy():
            return
        values = {f"{kind}_percent": field.value or 0.0
                  for kind, field in self._mix_fields.items()}
        try:
            mix = ContentMix(**values)
        except ValidationError as exc:
            self._mix_message.value = field_error_html(error_message(exc), wide=True)
            self._show_mix_quietly(self.section.mix)
            return
        if self._apply(self._mix_message, mix=mix):
            self._show_mix_quietly(self.section.mix)

    def _show_mix_quietly(self, mix: ContentMix) -> None:
        """The last valid mix again in the fields (what is stored)."""
        with self.quietly():
            for kind, field in self._mix_fields.items():
                field.set_quietly(getattr(mix, f"{kind}_percent"))

    # -- network and listening ---------------------------------------------------------------

    def _make_contact(self, contact: NetworkContact, number: int) -> ContactEditor:
        return ContactEditor(contact, number, self._on_contact, self._on_remove_contact)

    def _on_add_contact(self, _button=None) -> None:
        if self.busy():
            return
        try:
            contact = NetworkContact(name=self._contact_name.value)
        except ValidationError as exc:
            self._contact_message.value = field_error_html(error_message(exc, item_labels()))
            return
        if not self._apply(self._contact_message, network=[*self.section.network, contact]):
            self._contact_name.value = ""

    def _on_contact(self, contact: NetworkContact) -> str:
        return self._apply(None, network=[contact if c.id == contact.id else c
                                          for c in self.section.network])

    def _on_remove_contact(self, contact_id: str) -> None:
        self._apply(self._contact_message,
                    network=[c for c in self.section.network if c.id != contact_id])

    def _on_terms(self, _change) -> None:
        if self.busy():
            return
        values = {name: [t for t in box.value.split(",") if t.strip()]
                  for name, box in self._terms.items()}
        try:
            terms = ListeningTerms(**values)
        except ValidationError as exc:
            self._terms_message.value = field_error_html(error_message(exc), wide=True)
            return
        self._apply(self._terms_message, listening=terms)
