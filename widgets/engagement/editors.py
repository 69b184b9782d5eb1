"""Editors of one item each: a content pillar, a contact of the network, an account.

Each shows a stored item (``show_item``), builds a new one from its controls on every
change and hands it to ``on_change``, which answers "" when it was taken or the reason it
was refused. A refused value is said under the editor and the controls show the last valid
item again: nothing refused stays on screen as if it were kept (a password typed into a
handle box is cleared, not saved).
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence

import ipywidgets as w
from ipywidgets.widgets.widget_bool import CheckboxStyle
from ipywidgets.widgets.widget_description import DescriptionStyle
from ipywidgets.widgets.widget_string import HTMLStyle, TextStyle
from pydantic import BaseModel, ValidationError

from socialplaybook.rules.i18n import _
from socialplaybook.steps.engagement.section import Account, NetworkContact, Pillar
from socialplaybook.steps.engagement.vocabulary import (
    ACCOUNT_STATUSES,
    NETWORK_STATUSES,
    VALUE_KINDS,
    account_status_labels,
    network_status_labels,
    value_kind_labels,
)
from widgets.kit.card import row, stacked
from widgets.kit.items import shared
from widgets.kit.messages import error_message, field_error_html
from widgets.kit.quiet import Quiet, set_if_changed

OnChange = Callable[[BaseModel], str]


def item_labels() -> dict[str, str]:
    """The fields of the step's items as the editors name them (for messages)."""
    return {"name": _("Name"), "need": _("The need it answers"), "kind": _("What it does"),
            "platform": _("Platform"), "cares_about": _("What they care about"),
            "give": _("What you give first"), "handle": _("Handle"), "url": _("Address"),
            "owner": _("Owner"), "backup_owner": _("Backup owner"),
            "last_credential_change": _("Credentials last changed"),
            "access": _("People with access"), "login_kept_in": _("Login kept in"),
            "status": _("Status")}


# One layout per width and one style per kind of control, shared by all the app's
# controls (marked to outlive dispose): fewer models for the page to create before it is
# usable (the Content tab had 119 layouts of its own).
_LAYOUTS: dict[str, w.Layout] = {}
_STYLES: dict[type, w.Widget] = {}


def layout(width: str) -> w.Layout:
    """The shared layout of that width."""
    found = _LAYOUTS.get(width)
    if found is None or found.comm is None:
        found = _LAYOUTS[width] = shared(w.Layout(width=width) if width else w.Layout())
    return found


def style(kind: type) -> w.Widget:
    """The shared style of a kind of control, its label sized to the label's text."""
    found = _STYLES.get(kind)
    if found is None or found.comm is None:
        found = _STYLES[kind] = shared(kind() if kind is HTMLStyle
                                       else kind(description_width="initial"))
    return found


def plain_html(value: str = "") -> w.HTML:
    """HTML with the shared layout and style (never changed one by one)."""
    return w.HTML(value, layout=layout(""), style=style(HTMLStyle))


def head_layout() -> w.Layout:
    """The shared layout of an editor's heading row: title left, button right."""
    found = _LAYOUTS.get("head")
    if found is None or found.comm is None:
        found = _LAYOUTS["head"] = shared(w.Layout(justify_content="space-between",
                                                   align_items="center"))
    return found


def text_box(label: str, value: str = "", placeholder: str = "", width: str = "220px",
             area: bool = False) -> w.Widget:
    """A text box with its label above it; saved when the person leaves it or presses Enter."""
    kind = w.Textarea if area else w.Text
    box = kind(value=value, placeholder=placeholder, description=label,
               continuous_update=False, layout=layout(width), style=style(TextStyle))
    return stacked(box)


def dropdown(label: str, options: Sequence[tuple[str, str]], value: str = "",
             width: str = "200px") -> w.Dropdown:
    values = [v for _l, v in options]
    return stacked(w.Dropdown(options=list(options), description=label,
                              value=value if value in values else (values[0] if values
                                                                   else None),
                              layout=layout(width), style=style(DescriptionStyle)))


def checkbox(label: str, width: str) -> w.Checkbox:
    return stacked(w.Checkbox(description=label, indent=False, layout=layout(width),
                              style=style(CheckboxStyle)))


class ItemEditor(Quiet, w.VBox):
    """The common part: a heading, the fields, a message line, a remove button."""

    item: BaseModel
    FIELDS: tuple[str, ...] = ()

    def __init__(self, item: BaseModel, rows: list[w.Widget], on_change: OnChange,
                 on_remove: Callable[[str], None], css: str) -> None:
        self.item = item
        self._on_change_cb = on_change
        self._head = plain_html()
        self._message = plain_html()
        self._remove = w.Button(description=_("Remove"), icon="trash",
                                layout=w.Layout(width="auto"))  # its own: it may be hidden
        self._remove.on_click(lambda _b: on_remove(self.item.id))
        head = w.HBox([self._head, self._remove], layout=head_layout())
        super().__init__([head, *rows, self._message])
        self.add_class("sp-editor")
        self.add_class(css)

    def controls(self) -> dict[str, w.Widget]:
        raise NotImplementedError

    def build(self) -> BaseModel:
        """A new item from the controls (ValidationError when refused)."""
        raise NotImplementedError

    def heading(self, item: BaseModel, number: int) -> str:
        raise NotImplementedError

    def watch(self) -> None:
        for control in self.controls().values():
            control.observe(self._on_edit, names="value")

    def show_item(self, item: BaseModel, number: int = 0) -> None:
        """Show ``item`` without it counting as an edit."""
        self.item = item
        heading = html.escape(self.heading(item, number))
        self._head.value = f'<div class="sp-editor-h">{heading}</div>'
        with self.quietly():
            for name, control in self.controls().items():
                set_if_changed(control, self.shown(name, getattr(item, name)))

    def shown(self, name: str, value):
        """A stored value as its control shows it."""
        return "" if value is None else value

    def _on_edit(self, _change) -> None:
        if self.quiet:
            return
        try:
            item = self.build()
        except ValidationError as exc:
            self._refused(error_message(exc, item_labels()))
            return
        reason = self._on_change_cb(item) if item != self.item else ""
        if reason:
            self._refused(reason)
            return
        self._message.value = ""
        self.item = item

    def _refused(self, reason: str) -> None:
        self._message.value = field_error_html(reason, wide=True)
        with self.quietly():  # the last valid item again: nothing refused stays on screen
            for name, control in self.controls().items():
                set_if_changed(control, self.shown(name, getattr(self.item, name)))

    @property
    def message(self) -> str:
        return self._message.value


class PillarEditor(ItemEditor):
    """A content pillar: its name, what its posts do, the segment and need, the goal."""

    def __init__(self, pillar: Pillar, number: int, segments: Sequence[tuple[str, str]],
                 goals: Sequence[tuple[str, str]], on_change: OnChange,
                 on_remove: Callable[[str], None]) -> None:
        kinds = value_kind_labels()
        self._name = text_box(_("Name"), pillar.name, _("e.g. coffee know-how"), "220px")
        self._kind = dropdown(_("What it does"), [(kinds[k], k) for k in VALUE_KINDS],
                              pillar.kind, "230px")
        self._segment = dropdown(_("For segment"), [(_("Choose…"), "")], "", "200px")
        self._goal = dropdown(_("Serves goal"), [(_("Choose…"), "")], "", "220px")
        self._need = text_box(_("The need it answers"), pillar.need,
                              _("from the segment's needs"), "100%")
        self.set_choices(segments, goals, pillar)
        super().__init__(pillar, [row([self._name, self._kind, self._segment, self._goal],
                                      top=True), self._need], on_change, on_remove,
                         "sp-en-pillar")
        self.show_item(pillar, number)
        self.watch()

    def set_choices(self, segments: Sequence[tuple[str, str]],
                    goals: Sequence[tuple[str, str]], pillar: Pillar | None = None) -> None:
        """The planning segments and goals a pillar can be tied to (a removed one stays
        listed as such while the pillar names it)."""
        pillar = pillar or self.item
        options = [(_("Choose…"), "")] + list(segments)
        if pillar.segment_id and pillar.segment_id not in [v for _l, v in options]:
            options.append((_("a segment no longer in planning"), pillar.segment_id))
        goal_options = [(_("Choose…"), "")] + list(goals)
        if pillar.goal_id and pillar.goal_id not in [v for _l, v in goal_options]:
            goal_options.append((_("a goal no longer in planning"), pillar.goal_id))
        with self.quietly():
            for control, wanted, value in ((self._segment, options, pillar.segment_id),
                                           (self._goal, goal_options, pillar.goal_id)):
                if list(control.options) != wanted:
                    control.options = wanted
                control.value = value if value in [v for _l, v in wanted] else ""

    def controls(self) -> dict[str, w.Widget]:
        return {"name": self._name, "kind": self._kind, "segment_id": self._segment,
                "goal_id": self._goal, "need": self._need}

    def heading(self, item: Pillar, number: int) -> str:
        return _("Pillar {n}: {name}").format(n=number, name=item.name) if number else item.name

    def build(self) -> Pillar:
        return Pillar(id=self.item.id, name=self._name.value, kind=self._kind.value,
                      segment_id=self._segment.value or "", goal_id=self._goal.value or "",
                      need=self._need.value)


class ContactEditor(ItemEditor):
    """A person or community of the network: where, what they care about, what you give."""

    def __init__(self, contact: NetworkContact, number: int, on_change: OnChange,
                 on_remove: Callable[[str], None]) -> None:
        statuses = network_status_labels()
        self._name = text_box(_("Name"), contact.name, "", "200px")
        self._platform = text_box(_("Where"), contact.platform, _("platform or forum"), "160px")
        self._cares = text_box(_("What they care about"), contact.cares_about, "", "240px")
        self._status = dropdown(_("How far"), [(statuses[s], s) for s in NETWORK_STATUSES],
                                contact.status, "160px")
        self._give = text_box(_("What you give first"), contact.give,
                              _("an answer, a share, an introduction…"), "100%")
        super().__init__(contact, [row([self._name, self._platform, self._cares,
                                        self._status], top=True), self._give],
                         on_change, on_remove, "sp-en-contact")
        self.show_item(contact, number)
        self.watch()

    def controls(self) -> dict[str, w.Widget]:
        return {"name": self._name, "platform": self._platform, "cares_about": self._cares,
                "status": self._status, "give": self._give}

    def heading(self, item: NetworkContact, number: int) -> str:
        return item.name

    def build(self) -> NetworkContact:
        return NetworkContact(id=self.item.id, name=self._name.value,
                              platform=self._platform.value, cares_about=self._cares.value,
                              status=self._status.value, give=self._give.value)


class AccountEditor(ItemEditor):
    """One account of the inventory. Every text is checked for secrets as it is typed; a
    seeded row (from the platforms step) is stored the first time it is changed."""

    def __init__(self, account: Account, stored: bool, on_change: OnChange,
                 on_remove: Callable[[str], None]) -> None:
        statuses = account_status_labels()
        self.stored = stored
        self._handle = text_box(_("Handle"), account.handle, "@name", "170px")
        self._url = text_box(_("Address"), account.url, "https://…", "260px")
        self._status = dropdown(_("Status"), [(statuses[s], s) for s in ACCOUNT_STATUSES],
                                account.status, "180px")
        self._owner = text_box(_("Owner"), account.owner, _("a person"), "170px")
        self._backup = text_box(_("Backup owner"), account.backup_owner, _("a person"),
                                "170px")
        self._kept = text_box(_("Login kept in"), account.login_kept_in,
                              _("e.g. the password manager"), "220px")
        self._access = text_box(_("People with access"), ", ".join(account.access),
                                _("names, separated by commas"), "260px")
        self._two_factor = checkbox(_("Two-factor on"), "150px")
        self._shared = checkbox(_("One login shared by several"), "230px")
        self._changed = stacked(w.DatePicker(description=_("Credentials last changed"),
                                             layout=layout("200px"),
                                             style=style(DescriptionStyle)))
        self._alerts = plain_html()
        super().__init__(account, [
            row([self._handle, self._url, self._status], top=True),
            row([self._owner, self._backup, self._kept], top=True),
            row([self._access, self._two_factor, self._shared, self._changed], top=True),
            self._alerts], on_change, on_remove, "sp-en-account")
        self.show_item(account)
        self.watch()

    def show_item(self, item, number: int = 0) -> None:
        """Show an account, or an inventory row (which says whether it is stored)."""
        if hasattr(item, "stored") and hasattr(item, "account"):
            self.stored, item = item.stored, item.account
        # a row seeded from the platforms step is not removed here: it is the platforms
        # step's choice (stored, it can be removed: it shows as a row to fill in again)
        self._remove.layout.display = None if self.stored else "none"
        super().show_item(item, number)

    def controls(self) -> dict[str, w.Widget]:
        return {"handle": self._handle, "url": self._url, "status": self._status,
                "owner": self._owner, "backup_owner": self._backup,
                "login_kept_in": self._kept, "access": self._access,
                "two_factor": self._two_factor, "shared_login": self._shared,
                "last_credential_change": self._changed}

    def shown(self, name: str, value):
        if name == "access":
            return ", ".join(value)
        if name == "last_credential_change":
            return value
        return "" if value is None else value

    def heading(self, item: Account, number: int) -> str:
        if self.stored:
            return item.platform
        return _("{platform} (from the platforms step: fill it in)").format(
            platform=item.platform)

    def build(self) -> Account:
        access = [person for person in self._access.value.split(",") if person.strip()]
        return Account(id=self.item.id, platform=self.item.platform,
                       handle=self._handle.value, url=self._url.value,
                       status=self._status.value, owner=self._owner.value,
                       backup_owner=self._backup.value, login_kept_in=self._kept.value,
                       access=access, two_factor=self._two_factor.value,
                       shared_login=self._shared.value,
                       last_credential_change=self._changed.value)

    def show_alerts(self, alerts_html: str) -> None:
        self._alerts.value = alerts_html
