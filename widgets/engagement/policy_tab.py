"""The Policy tab: each part's text to edit (default text until the team changes it), the
law notes, the whole policy as a document to read and download: a mixin of EngagementApp.
"""

from __future__ import annotations

import ipywidgets as w

from socialplaybook.rules.i18n import _
from socialplaybook.steps.engagement.policy import (
    policy_html,
    policy_markdown,
    policy_parts,
    with_policy_text,
)
from socialplaybook.steps.engagement.section import EngagementSection
from socialplaybook.steps.engagement.vocabulary import POLICY_PARTS, policy_part_labels
from widgets.engagement.views import download_link
from widgets.kit.card import card, row, stacked
from widgets.kit.quiet import set_if_changed


class PolicyTab:
    """The policy builder (a mixin of EngagementApp)."""

    def _build_policy(self) -> list[w.Widget]:
        labels = policy_part_labels()
        self._part_pick = stacked(w.Dropdown(
            options=[(f"{n}. {labels[p]}", p) for n, p in enumerate(POLICY_PARTS, start=1)],
            description=_("Part of the policy"), layout=w.Layout(width="320px")))
        self._part_pick.observe(self._on_part_pick, names="value")
        self._part_text = stacked(w.Textarea(description=_("Its text"), continuous_update=False,
                                             layout=w.Layout(width="100%", height="150px")))
        self._part_text.observe(self._on_part_text, names="value")
        self._part_reset = w.Button(description=_("Back to the default text"), icon="undo",
                                    layout=w.Layout(width="auto"))
        self._part_reset.on_click(self._on_part_reset)
        self._part_message = self._html()
        self._document = self._html()
        self._policy_download = self._html()
        editor = card(_("Write your policy"), _(
            "Nine parts with a default text to start from: what is unacceptable, who may "
            "create and run the accounts, how they are protected, what to do when it goes "
            "wrong. The notes say where employee-speech law limits what a policy may forbid, "
            "with their sources; they are not legal advice."),
            [row([self._part_pick, self._part_reset]), self._part_text, self._part_message],
            self._html)
        document = card(_("Your policy"), _("The document you take away."),
                        [self._policy_download, self._document], self._html)
        return [editor, document]

    def _show_policy(self, section: EngagementSection) -> None:
        part = next(p for p in policy_parts(section, self._inputs.team)
                    if p.part == self._part_pick.value)
        set_if_changed(self._part_text, part.text)

    def _draw_policy(self, section: EngagementSection) -> None:
        parts = policy_parts(section, self._inputs.team)
        self._document.value = policy_html(parts, self._inputs.team)
        text = "\n".join(policy_markdown(parts, self._inputs.team))
        self._policy_download.value = download_link(
            _("Download the policy (Markdown)"), "social-media-policy.md", text,
            "text/markdown")

    def _on_part_pick(self, _change) -> None:
        if self.section is None:
            return
        self._part_message.value = ""
        with self.quietly():
            self._show_policy(self.section)

    def _on_part_text(self, change) -> None:
        if self.busy():
            return
        part = self._part_pick.value
        default = next(p for p in policy_parts(self.section.model_copy(update={"policy": []}),
                                               self._inputs.team) if p.part == part)
        text = change["new"]
        reason = self._store(self._part_message, with_policy_text(
            self.section, part, None if text.strip() == default.text.strip() else text))
        if reason:
            with self.quietly():
                self._show_policy(self.section)

    def _on_part_reset(self, _button=None) -> None:
        if self.busy():
            return
        self._store(self._part_message,
                    with_policy_text(self.section, self._part_pick.value, None))
        with self.quietly():
            self._show_policy(self.section)
