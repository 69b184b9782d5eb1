"""Choose an existing team or create one.
"""

from __future__ import annotations

import ipywidgets as w
from traitlets import Unicode

from socialplaybook.rules.i18n import _, list_text
from socialplaybook.workspace.errors import WorkspaceError
from socialplaybook.workspace.store import Workspace
from widgets.kit.labels import fit_label
from widgets.kit.messages import error_message, message_html
from widgets.page.kernel import on_page_open


class TeamPicker(w.VBox):
    """Choose an existing team or create one; ``team`` is the chosen name ("" for none)."""

    team = Unicode("").tag(sync=False)

    def __init__(self, workspace: Workspace | None = None, **kwargs) -> None:
        self.workspace = workspace or Workspace()
        self.dropdown = w.Dropdown(layout=w.Layout(width="320px"),
                                   style={"description_width": "80px"})
        self.new_name = w.Text(layout=w.Layout(width="220px"))
        self.create_button = w.Button(button_style="primary", layout=w.Layout(width="auto"))
        self._or = w.Label()
        self._message = w.HTML()
        self._refreshing = False
        self.relabel()
        self.dropdown.observe(self._on_choose, names="value")
        self.create_button.on_click(self._on_create)
        row = w.HBox([self.dropdown, self._or, self.new_name, self.create_button])
        row.add_class("sp-bar")
        super().__init__([row, self._message], **kwargs)
        self.add_class("sp-team-picker")
        on_page_open(self.open_from_query)

    def relabel(self) -> None:
        """The picker's texts in the current language (the list of teams read again)."""
        self.dropdown.description = _("Your team")
        fit_label(self.dropdown, minimum_px=80, control_px=240)
        self.new_name.placeholder = _("New team name")
        self.create_button.description = _("Create team")
        self._or.value = _("or")
        self._refresh_options()

    @property
    def message(self) -> str:
        """The picker's own message ("" when none)."""
        return self._message.value

    def open_from_query(self, query: dict[str, str]) -> None:
        """Choose the team the page's link names (``?team=``), or say that there is none."""
        self.refresh()
        asked = " ".join(query.get("team", "").split())
        if not asked:
            return
        match = next((name for name in _options_values(self.dropdown)
                      if name and name.casefold() == asked.casefold()), None)
        if match is not None:
            self.dropdown.value = match
            return
        teams = [name for name in _options_values(self.dropdown) if name]
        listed = (_("The teams here: {names}.").format(names=list_text(teams)) if teams
                  else _("There are no teams here yet."))
        self._message.value = message_html(
            _("The link names team \"{team}\", which is not in this workspace (an old or "
              "mistyped link?). Nothing of yours is lost: choose your team below or create "
              "it. {listed}").format(team=asked[:80], listed=listed), "warning")

    def _refresh_options(self) -> None:
        names = self.workspace.team_names()
        placeholder = _("Choose…") if names else _("No teams yet: create one")
        current = self.dropdown.value
        options = [(placeholder, "")] + [(name, name) for name in names]
        # Replacing the options passes the value through the first option: not a choice.
        self._refreshing = True
        try:
            self.dropdown.options = options
            self.dropdown.value = current if current in names else ""
        finally:
            self._refreshing = False

    def refresh(self) -> None:
        """Reload the list of teams (others may have created teams meanwhile)."""
        self._refresh_options()
        if self.team != self.dropdown.value:
            self.team = self.dropdown.value or ""

    def _on_choose(self, change) -> None:
        if self._refreshing:
            return
        self._message.value = ""
        self.team = change["new"] or ""

    def _on_create(self, _button=None) -> None:
        try:
            plan = self.workspace.create_team(self.new_name.value)
        except WorkspaceError as exc:
            self._message.value = message_html(str(exc))
            return
        except ValueError as exc:  # the name broke a Plan rule
            self._message.value = message_html(error_message(exc))
            return
        except Exception as exc:  # the database itself failed
            self._message.value = message_html(_("The team could not be created ({error}); "
                                                 "try again.").format(error=type(exc).__name__))
            return
        self._message.value = ""
        self.new_name.value = ""
        self._refresh_options()
        self.dropdown.value = plan.team  # one change, from the old team to the new one

    def select(self, name: str) -> None:
        """Choose a team by name, as if picked from the list."""
        self._refresh_options()
        self.dropdown.value = name


def _options_values(dropdown: w.Dropdown) -> list[str]:
    return [value for _label, value in dropdown.options]
