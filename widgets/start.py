"""The start page: what the workshop is, the map of its steps, and the team to work as.

Once a team is chosen, the page also holds the team's settings (its language, currency,
how numbers are written) and its plan as a file: a download link (Binder disks vanish with
the session) and an upload that imports a plan exported earlier, with the same checks as
``social-playbook import``. A team can also start from a client scenario
(``datasets/scenarios``): a new team whose plan is the scenario's. The page speaks the
team's language, and says everything again in the language the team picks.
"""

from __future__ import annotations

import base64
import html
import re
import threading
import unicodedata
from urllib.parse import urlencode

import ipywidgets as w
from babel.numbers import get_currency_name

from socialplaybook.plan.files import plan_to_json, read_plan_bytes
from socialplaybook.plan.model import (
    NUMBER_LOCALES,
    Plan,
    PlanError,
    number_locale_labels,
    team_name_key,
)
from socialplaybook.rules.i18n import LANGUAGES, _, current_language, language_labels
from socialplaybook.steps.registry import workshop_steps
from socialplaybook.workspace.errors import WorkspaceError
from socialplaybook.workspace.store import Revision, Workspace
from widgets.app.frame import SectionFrame, format_revision
from widgets.app.language import speaking
from widgets.app.notice import NoticeWatch
from widgets.app.saves import APP_BUSY_TIMEOUT_SECONDS, LIVE_CHECK_SECONDS
from widgets.kit.labels import fit_labels
from widgets.kit.messages import error_message, message_html
from widgets.kit.team_picker import TeamPicker
from widgets.start_scenarios import ScenarioStart, describe_error

COMMON_CURRENCIES = ("EUR", "USD", "GBP", "NOK", "SEK", "DKK", "CHF", "CNY", "GEL")
_UNSAFE_IN_FILE_NAME = re.compile(r"[^\w.-]+")



def app_link(notebook: str, team: str = "", present: bool = False) -> str:
    """The relative URL of a step's app, opening on ``team`` when one is given (and in
    presenter mode with ``present``)."""
    query = {**({"team": team} if team else {}), **({"present": "1"} if present else {})}
    return f"{notebook}?{urlencode(query)}" if query else notebook


def steps_map_html(team: str = "", present: bool = False) -> str:
    """The workshop's steps as an ordered list: built apps are links, the rest 'coming'."""
    items = []
    for number, step in enumerate(workshop_steps(), start=1):
        title = html.escape(step.title)
        link = html.escape(app_link(step.notebook, team, present))
        head = (f'<a href="{link}">{number}. {title}</a>' if step.available
                else f'<span>{number}. {title}</span><span class="sp-badge">{_("coming")}</span>')
        items.append(f'<li>{head}<br><span class="sp-muted">{html.escape(step.summary)}</span>'
                     "</li>")
    return f'<ol class="sp-steps">{"".join(items)}</ol>'


def plan_file_name(team: str) -> str:
    """A file name for the team's plan that is safe on every system: ``<team>-plan.json``.

    Letters and digits of any script are kept; anything else (spaces, slashes, quotes,
    angle brackets) becomes "-".
    """
    stem = _UNSAFE_IN_FILE_NAME.sub("-", unicodedata.normalize("NFC", team)).strip("-._")
    return f"{stem[:60] or 'team'}-plan.json"


def download_link_html(plan: Plan, revision: Revision | None = None) -> str:
    """A link that downloads ``plan`` as its JSON export (a data URL: Voila serves no files)."""
    payload = base64.b64encode(plan_to_json(plan).encode("utf-8")).decode("ascii")
    name = plan_file_name(plan.team)
    title = (_("The plan of team {team}").format(team=plan.team) if revision is None
             else _("The plan of team {team}, revision {n}").format(team=plan.team,
                                                                   n=revision.number))
    return (f'<a class="sp-download-link" download="{html.escape(name, quote=True)}" '
            f'title="{html.escape(title, quote=True)}" '
            f'href="data:application/json;base64,{payload}">'
            f'{html.escape(_("Download your plan (JSON)"))}</a>')


def download_note_html(plan: Plan, revision: Revision | None = None) -> str:
    """What the download holds: the team, the file name and the revision."""
    note = _("Team {team} · {file}").format(team=plan.team, file=plan_file_name(plan.team))
    if revision is not None:
        note += " · " + format_revision(revision)
    return f'<p class="sp-file-note">{html.escape(note)}</p>'


def read_uploaded_plan(content: bytes, file_name: str = "", locale: str = "en") -> Plan:
    """Check an uploaded plan file as ``social-playbook import`` does; PlanError says why not
    (numbers in the team's ``locale``)."""
    return read_plan_bytes(content, file_name, locale)


def currency_options(current: str = "") -> list[tuple[str, str]]:
    """The common currencies (and ``current`` when it is another one) as dropdown options."""
    codes = list(COMMON_CURRENCIES)
    if current and current not in codes:
        codes.append(current)
    return [(f"{code} · {get_currency_name(code, locale=current_language())}", code)
            for code in codes]


class StartHere(ScenarioStart, SectionFrame):
    """Pick or create the team, then follow the map of the workshop's apps."""

    NOTEBOOK = "00-start-here.ipynb"

    def __init__(self, workspace: Workspace | None = None,
                 live_check_seconds: float = LIVE_CHECK_SECONDS) -> None:
        self.begin_language()
        with speaking(self):
            self._build(workspace)
        self.picker.observe(self._on_team, names="team")
        if self.picker.team:  # chosen from the page's ?team= before we were listening
            self._on_team({"new": self.picker.team})
        self.notices = NoticeWatch(self, self.workspace, live_check_seconds)

    def _build(self, workspace: Workspace | None) -> None:
        # A short wait on a busy database: a settings change never freezes the page long.
        self.picker = TeamPicker(workspace or Workspace(
            busy_timeout_seconds=APP_BUSY_TIMEOUT_SECONDS))
        self.workspace = self.picker.workspace
        self._base_revision: int | None = None
        self._showing = False  # filling the settings from the workspace: not an edit
        self._importing = False
        self._about = w.HTML()
        self._chosen = w.HTML()

        # The team's settings: plan-level fields, saved as soon as they change.
        wide = {"layout": w.Layout(width="300px"), "style": {"description_width": "110px"}}
        self.currency = w.Dropdown(options=currency_options(), value="EUR", **wide)
        self.locale = w.Dropdown(options=[(code, code) for code in NUMBER_LOCALES],
                                 value="en", **wide)
        self.language_choice = w.Dropdown(options=[(code, code) for code in LANGUAGES],
                                          value="en", **wide)
        self._settings_message = w.HTML()
        self.currency.observe(self._on_currency, names="value")
        self.locale.observe(self._on_locale, names="value")
        self.language_choice.observe(self._on_language, names="value")
        self._settings_head = w.HTML()
        settings = w.VBox([self._settings_head, self.language_choice, self.currency,
                           self.locale, self._settings_message])
        settings.add_class("sp-card")

        # The plan as a file: download (when a team is chosen) and upload (always).
        self.download = w.HTML()
        self.prepare_button = w.Button(icon="refresh",
                                       layout=w.Layout(width="auto", flex="0 0 auto",
                                                       margin="0 0 0 12px"))
        self.prepare_button.on_click(self._on_prepare)
        self._download_note = w.HTML()
        self._download_row = w.VBox([
            w.HBox([self.download, self.prepare_button], layout=w.Layout(align_items="center")),
            self._download_note], layout=w.Layout(display="none"))
        self.upload = w.FileUpload(accept=".json", multiple=False,
                                   layout=w.Layout(width="auto", align_self="flex-start"))
        self.upload.add_class("sp-upload")
        self.upload.observe(self._on_upload, names="value")
        self._file_message = w.HTML()
        self._files_head, self._upload_note, self._binder_note = w.HTML(), w.HTML(), w.HTML()
        files = w.VBox([self._files_head, self._download_row, self._upload_note,
                        self.upload, self._file_message, self._binder_note])
        files.add_class("sp-card")
        self._settings = settings
        self._settings.layout.display = "none"
        panels = w.HBox([settings, files])
        panels.add_class("sp-start-files")
        scenarios = w.HBox([self._scenario_card()])
        scenarios.add_class("sp-start-files")

        self._steps = w.HTML(steps_map_html())
        self._steps.add_class("sp-card")
        self._label()
        super().__init__(body=[self._about, self.picker, scenarios, self._chosen, panels,
                               self._steps])

    def _label(self) -> None:
        """Every text the page shows of its own, in the page's language."""
        self._about.value = (
            "<p>" + html.escape(_(
                "Most companies that say social media does not work for them make the same "
                "mistakes: no plan, vanity numbers, every platform at once, marketing answering "
                "alone, no budget, no policy. In this workshop your team builds the opposite, "
                "step by step, with numbers: a social media playbook you can export and "
                "present.")) + "</p><p>" + html.escape(_(
                "Choose your team (or create it) here and in each app. Everything you enter "
                "is saved as you go, with every earlier version kept.")) + "</p>")
        self._showing = True  # new option labels pass no value through as an edit
        try:
            self.language_choice.description = _("Language")
            self.currency.description = _("Currency")
            self.locale.description = _("Numbers as")
            fit_labels([self.language_choice, self.currency, self.locale], minimum_px=110,
                       control_px=190)
            for control, options in (
                    (self.language_choice, list(language_labels().items())),
                    (self.currency, [(code, label) for label, code
                                     in currency_options(self.currency.value)]),
                    (self.locale, list(number_locale_labels().items()))):
                value = control.value
                control.options = [(label, code) for code, label in options]
                control.value = value
        finally:
            self._showing = False
        self._settings_head.value = (
            f"<h3>{html.escape(_('Team settings'))}</h3><p class='sp-file-note'>"
            + html.escape(_("The language of the apps and exports, the currency of every "
                            "amount in the plan, and how your team writes numbers.")) + "</p>")
        self.prepare_button.description = _("Prepare download")
        self.prepare_button.tooltip = _("Read the latest saved plan again")
        self.upload.description = _("Upload a plan (JSON)")
        self._files_head.value = f"<h3>{html.escape(_('Your plan as a file'))}</h3>"
        self._upload_note.value = "<p class='sp-file-note'>" + html.escape(_(
            "Upload a plan downloaded earlier: it becomes a new team, or the next "
            "revision of the team of that name (earlier revisions are kept).")) + "</p>"
        self._binder_note.value = "<p class='sp-binder-note'>" + html.escape(_(
            "On Binder, this session's disk vanishes when you leave: download your plan "
            "before you go, and upload it next time.")) + "</p>"
        self._label_scenarios()

    def relabel(self) -> None:
        """The page's texts, the picker, the map and the team's note in the new language."""
        super().relabel()
        self._label()
        self.picker.relabel()
        self._steps.value = steps_map_html(self.picker.team, self.presenting)
        self._show_chosen(self.picker.team)

    def set_presenting(self, on: bool = True) -> None:
        """Presenter mode, and the map's links keep it."""
        super().set_presenting(on)
        self._steps.value = steps_map_html(self.picker.team, on)

    # -- what the page shows ------------------------------------------------------------

    @property
    def file_message(self) -> str:
        """The HTML of the message about the plan file (download/upload; "" when none)."""
        return self._file_message.value

    @property
    def settings_message(self) -> str:
        """The HTML of the message at the team settings ("" when none)."""
        return self._settings_message.value

    def _on_team(self, change) -> None:
        team = change["new"]
        self.set_page_team(team)
        self._steps.value = steps_map_html(team, self.presenting)
        self._show_chosen(team)
        self._settings_message.value = ""
        if not self._importing:  # an import that chose this team keeps its "Imported: …"
            self._file_message.value = ""
            self._scenario_message.value = ""
        self._show_team(team)

    def _show_chosen(self, team: str) -> None:
        note = _("You are working as team {team}. Start with step 1, the myth audit: the links "
                 "below open each app on your team.").format(team=team)
        self._chosen.value = message_html(note, "info") if team else ""

    def _show_team(self, team: str) -> None:
        """Read the team's latest plan: settings, download link and the base revision."""
        self._base_revision = None
        if not team:
            self._hide_team()
            return
        try:
            plan, revision = self.workspace.load_with_revision(team)
        except Exception as exc:  # removed meanwhile, or the database failed
            self._hide_team()
            self.show_message(_("Team {team} could not be read: {error}").format(
                team=team, error=describe_error(exc)))
            return
        self.clear_message()
        self._base_revision = revision.number
        self._showing = True
        try:
            self.currency.options = currency_options(plan.currency)
            self.currency.value = plan.currency
            self.locale.value = plan.locale
            self.language_choice.value = plan.language
        finally:
            self._showing = False
        self.set_team_language(plan.language)
        self._show_download(plan, revision)
        self._download_row.layout.display = None
        self._settings.layout.display = None
        self.show_saved(revision)

    def _show_download(self, plan: Plan, revision: Revision) -> None:
        self.download.value = download_link_html(plan, revision)
        self._download_note.value = download_note_html(plan, revision)
        # A revision someone may have as a file is never thinned away; off the kernel's
        # loop, and a busy database only costs that promise for this one revision.
        threading.Thread(target=self._keep_downloadable, args=(plan.team, revision.number),
                         name="keep-download", daemon=True).start()

    def _keep_downloadable(self, team: str, number: int) -> None:
        try:
            self.workspace.protect(team, number, "download")
        except Exception:  # noqa: BLE001 - the link works all the same
            pass

    def _hide_team(self) -> None:
        self.download.value = ""
        self._download_note.value = ""
        self._download_row.layout.display = "none"
        self._settings.layout.display = "none"
        self.clear_status()

    def _on_prepare(self, _button=None) -> None:
        self._file_message.value = ""
        self._show_team(self.picker.team)

    # -- settings ---------------------------------------------------------------------

    def _on_currency(self, change) -> None:
        self._save_setting("currency", change["new"], change["old"], self.currency)

    def _on_locale(self, change) -> None:
        self._save_setting("locale", change["new"], change["old"], self.locale)

    def _on_language(self, change) -> None:
        if self._save_setting("language", change["new"], change["old"], self.language_choice):
            self.set_team_language(change["new"])

    def _save_setting(self, field: str, value: str, old: str, control: w.Dropdown) -> bool:
        """Save a plan-level setting the person changed; True if it is stored."""
        team = self.picker.team
        if self._showing or not team or value is None or value == old:
            return False
        if self.presenting:  # shown to the room, not edited
            self._put_back(control, old)
            return False
        self._settings_message.value = ""
        self.show_saving()
        try:
            result = self.workspace.save_section(team, field, value, self._base_revision)
        except (WorkspaceError, ValueError) as exc:  # a refused value, or a missing team
            self._settings_message.value = message_html(error_message(exc))
            self._put_back(control, old)
            self.show_save_failed(describe_error(exc))
            return False
        except Exception as exc:  # the database itself failed
            self._settings_message.value = message_html(describe_error(exc))
            self._put_back(control, old)
            self.show_save_failed(describe_error(exc))
            return False
        self._base_revision = result.revision.number
        self._show_download(result.plan, result.revision)
        self.show_saved(result.revision)
        return True

    def _put_back(self, control: w.Dropdown, old: str) -> None:
        self._showing = True
        try:
            control.value = old
        finally:
            self._showing = False

    # -- upload -------------------------------------------------------------------------

    def _on_upload(self, change) -> None:
        files = change["new"]
        if not files:
            return
        entry = files[0]
        name = str(entry.get("name", ""))[:120]
        try:
            if not self.presenting:
                self._import(bytes(entry.get("content", b"")), name)
        finally:
            # Forget the file, so uploading the same one again is a new change.
            self.upload.unobserve(self._on_upload, names="value")
            self.upload.value = ()
            self.upload.observe(self._on_upload, names="value")

    def _import(self, content: bytes, file_name: str) -> None:
        try:
            plan = read_uploaded_plan(content, file_name, self.locale.value)
        except PlanError as exc:
            self._file_message.value = message_html(
                _("Nothing was imported. {reason}").format(reason=str(exc).splitlines()[0]))
            return
        existed = self.workspace.has_team(plan.team)
        try:
            revision = self.workspace.import_plan(plan)
        except Exception as exc:
            self._file_message.value = message_html(
                _("Nothing was imported: {error}").format(error=describe_error(exc)))
            return
        team = self._stored_name(plan.team)
        imported = (_("Imported: team {team}, revision {n} (the team's next revision; its "
                      "earlier revisions are kept).") if existed
                    else _("Imported: team {team}, revision {n} (a new team)."))
        self._file_message.value = message_html(
            imported.format(team=team, n=revision.number), "info")
        self._scenario_message.value = ""
        self._choose(team)

    def _stored_name(self, team: str) -> str:
        key = team_name_key(team)
        return next((name for name in self.workspace.team_names()
                     if team_name_key(name) == key), team)
