"""The Accounts tab: the account inventory (the platforms step's handles are its first
rows), its alerts, people who left and how often credentials change: a mixin of
EngagementApp. No password, key, token or card number is ever kept: a value that looks like
one is refused where it is typed.
"""

from __future__ import annotations

import html

import ipywidgets as w
from pydantic import ValidationError

from socialplaybook.rules.i18n import _, ngettext
from socialplaybook.rules.numbers import format_rounded
from socialplaybook.steps.engagement.inputs import platform_names
from socialplaybook.steps.engagement.inventory import (
    AccountRow,
    account_alerts,
    account_rows,
    inventory_checks,
    refuse_secret,
)
from socialplaybook.steps.engagement.section import Account, EngagementSection
from widgets.engagement.editors import AccountEditor, item_labels, text_box
from widgets.kit.card import card, row, stacked
from widgets.kit.items import ItemList
from widgets.kit.messages import checks_html, error_message, field_error_html
from widgets.kit.quiet import set_if_changed


class AccountsTab:
    """The account inventory (a mixin of EngagementApp)."""

    def _build_accounts(self) -> list[w.Widget]:
        self._inventory_checks = self._html()
        self._accounts = ItemList(self._make_account, key=lambda r: r.account.id)
        self._new_platform = stacked(w.Combobox(description=_("Platform"), ensure_option=False,
                                                placeholder=_("e.g. Instagram"),
                                                continuous_update=False,
                                                layout=w.Layout(width="200px")))
        self._new_handle = text_box(_("Handle"), "", "@name", "200px")
        self._add_account = w.Button(description=_("Add account"), icon="plus",
                                     button_style="primary", layout=w.Layout(width="auto"))
        self._add_account.on_click(self._on_add_account)
        self._account_message = self._html()
        inventory = card(_("Account inventory"), _(
            "Every official account: where it is, who owns it, who else can reach it, how it "
            "is protected, where its login is kept. Never the password itself: this plan is "
            "exported and shown on screens. The handles you reserved in step 3 are its first "
            "rows."), [self._inventory_checks, self._accounts,
                       row([self._new_platform, self._new_handle, self._add_account]),
                       self._account_message], self._html)
        self._people_left = text_box(_("People who left or changed role"), "",
                                     _("names, separated by commas"), "360px")
        self._people_left.observe(self._on_people_left, names="value")
        self._max_age = self._number(_("Change credentials every (days)"), _("days"), 3650,
                                     "230px", minimum=1, whole=True)
        self._max_age.observe(self._on_max_age, names="value")
        self._rules_message = self._html()
        self._rules_note = self._html()
        rules = card(_("Leavers and credentials"), _(
            "Change the credentials whenever someone leaves or changes role (seed 000): name "
            "them here and the accounts they can still reach are flagged."),
            [row([self._people_left, self._max_age], top=True), self._rules_message,
             self._rules_note], self._html)
        return [inventory, rules]

    def _rows(self, section: EngagementSection) -> list[AccountRow]:
        platforms = self._inputs.platforms_section
        return account_rows(section.accounts, platforms, platform_names(platforms))

    def _show_accounts(self, section: EngagementSection) -> None:
        shown = ", ".join(section.people_left)
        if [p.strip() for p in self._people_left.value.split(",") if p.strip()] != list(
                section.people_left):
            set_if_changed(self._people_left, shown)
        if self._max_age.locale != self.locale:
            self._max_age.set_locale(self.locale)
        if self._max_age.value != section.credential_max_age_days:
            self._max_age.set_quietly(section.credential_max_age_days)

    def _draw_accounts(self, section: EngagementSection) -> None:
        rows = self._rows(section)
        today = self._today()
        self._accounts.show(rows)
        for row_ in rows:
            editor = self._accounts.editors[row_.account.id]
            editor.stored = row_.stored
            editor.show_item(row_.account)
            alerts = account_alerts(row_.account, section.people_left, today,
                                    section.credential_max_age_days,
                                    self.locale) if row_.stored else []
            editor.show_alerts(checks_html(alerts) if alerts else "")
        self._inventory_checks.value = self._summary(rows, section, today)
        self._new_platform.options = tuple(sorted(set(platform_names(
            self._inputs.platforms_section).values())))
        self._rules_note.value = (
            '<div class="sp-card-note">' + html.escape(_(
                "Credentials older than {days} days are flagged (your rule; NIST SP 800-63B "
                "advises changing them on any sign of misuse and when people leave rather "
                "than by the calendar).").format(days=format_rounded(
                    section.credential_max_age_days, locale=self.locale))) + "</div>")

    def _summary(self, rows, section: EngagementSection, today) -> str:
        checks = inventory_checks(rows, section.people_left, today,
                                  section.credential_max_age_days, self.locale)
        problems = [c for c in checks if c.level in ("warning", "error")]
        todos = [c for c in checks if c.level == "todo"]
        if not problems and not todos:
            return checks_html(checks)
        text = " ".join(part for part in (
            ngettext("One alert.", "{n} alerts.", len(problems)).format(n=len(problems))
            if problems else "",
            ngettext("One account to fill in.", "{n} accounts to fill in.",
                     len(todos)).format(n=len(todos)) if todos else "",
            _("Each is shown at its account.")) if part)
        level = "warning" if problems else "info"
        return f'<div class="sp-msg sp-msg-{level}" role="status">{html.escape(text)}</div>'

    # -- edits -------------------------------------------------------------------------------

    def _make_account(self, row_: AccountRow, _number: int) -> AccountEditor:
        return AccountEditor(row_.account, row_.stored, self._on_account,
                             self._on_remove_account)

    def _on_account(self, account: Account) -> str:
        accounts = list(self.section.accounts)
        index = next((i for i, a in enumerate(accounts) if a.id == account.id), None)
        if index is None:
            accounts.append(account)  # a seeded row, stored the first time it changes
        else:
            accounts[index] = account
        return self._apply(None, accounts=accounts)

    def _on_remove_account(self, account_id: str) -> None:
        self._apply(self._account_message,
                    accounts=[a for a in self.section.accounts if a.id != account_id])

    def _on_add_account(self, _button=None) -> None:
        if self.busy():
            return
        try:
            account = Account(platform=self._new_platform.value,
                              handle=self._new_handle.value)
        except ValidationError as exc:
            self._account_message.value = field_error_html(error_message(exc, item_labels()),
                                                           wide=True)
            errors = {str(e["loc"][0]) for e in exc.errors() if e["loc"]}
            if "handle" in errors:
                self._new_handle.value = ""  # a secret is not left on screen
            return
        if not self._apply(self._account_message, accounts=[*self.section.accounts, account]):
            self._new_handle.value = ""
            self._new_platform.value = ""

    def _on_people_left(self, change) -> None:
        if self.busy():
            return
        people = [p for p in change["new"].split(",") if p.strip()]
        try:
            for person in people:
                refuse_secret(person)
        except ValueError as exc:
            self._rules_message.value = field_error_html(str(exc), wide=True)
            with self.quietly():
                self._people_left.value = ", ".join(self.section.people_left)
            return
        self._apply(self._rules_message, people_left=people)

    def _on_max_age(self, _change) -> None:
        if self.busy() or self._max_age.value is None:
            return
        if self._apply(self._rules_message, credential_max_age_days=int(self._max_age.value)):
            with self.quietly():
                self._max_age.set_quietly(self.section.credential_max_age_days)
