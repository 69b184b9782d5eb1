"""The action plan's milestone rows and the departments' people and hours.
"""

from __future__ import annotations

import html
from collections.abc import Callable

import ipywidgets as w
from pydantic import ValidationError
from traitlets import Instance

from socialplaybook.rules.i18n import _
from socialplaybook.rules.vocabulary import (
    MAX_PEOPLE,
)
from socialplaybook.steps.planning.section import (
    DepartmentResource,
    Milestone,
)
from socialplaybook.steps.planning.vocabulary import (
    department_labels,
)
from widgets.kit.fields import NumberField
from widgets.kit.quiet import Quiet, set_if_changed
from widgets.planning.controls import _text, planning_error_html


class MilestoneRow(Quiet, w.VBox):
    """One milestone: title, owner, start, end, what it waits for."""

    milestone = Instance(Milestone)

    def __init__(self, milestone: Milestone, other_ids: list[str],
                 on_remove: Callable[[MilestoneRow], None]) -> None:
        self._title = _text(_("e.g. Reply guidelines agreed"), milestone.title, "260px")
        self._owner = _text(_("owner"), milestone.owner, "150px")
        self._start = w.DatePicker(value=milestone.start, layout=w.Layout(width="150px"))
        self._end = w.DatePicker(value=milestone.end, layout=w.Layout(width="150px"))
        self._after = w.TagsInput(value=list(milestone.depends_on), allowed_tags=other_ids,
                                  allow_duplicates=False, layout=w.Layout(width="220px"))
        self._message = w.HTML()
        remove = w.Button(icon="trash", tooltip=_("Remove this milestone"),
                          layout=w.Layout(width="40px"))
        remove.on_click(lambda _button: on_remove(self))
        row = w.HBox([
            w.HTML(f'<div class="sp-goal-head" style="width:38px">'
                   f"{html.escape(milestone.id)}</div>"),
            self._title, self._owner, self._start, self._end, self._after, remove,
        ], layout=w.Layout(align_items="center", grid_gap="8px"))
        super().__init__([row, self._message])
        self.add_class("sp-milestone-row")
        self.milestone = milestone
        for control in (self._title, self._owner, self._start, self._end, self._after):
            control.observe(self._on_edit, names="value")

    def set_other_ids(self, ids: list[str]) -> None:
        """The ids this milestone may wait for."""
        if list(self._after.allowed_tags) != ids:
            self._after.allowed_tags = ids

    def show_item(self, milestone: Milestone, _number: int) -> None:
        """Show a stored milestone without counting it as an edit here."""
        if milestone == self.milestone:
            return
        with self.quietly():
            set_if_changed(self._title, milestone.title)
            set_if_changed(self._owner, milestone.owner)
            set_if_changed(self._start, milestone.start)
            set_if_changed(self._end, milestone.end)
            if list(self._after.value) != list(milestone.depends_on):
                self._after.value = list(milestone.depends_on)
            self._message.value = ""
            self.milestone = milestone

    def _on_edit(self, _change) -> None:
        if self.quiet:
            return
        if self._start.value is None or self._end.value is None:
            self._message.value = (f'<div class="sp-field-error">'
                                   f'{_("A milestone needs a start and an end date.")}</div>')
            return
        try:
            milestone = Milestone(id=self.milestone.id, title=self._title.value,
                                  owner=self._owner.value, start=self._start.value,
                                  end=self._end.value, depends_on=list(self._after.value))
        except ValidationError as exc:
            self._message.value = planning_error_html(exc)
            return
        self._message.value = ""
        self.milestone = milestone


class ResourceRow(Quiet, w.HBox):
    """People and hours per week one department gives social media."""

    resource = Instance(DepartmentResource)

    def __init__(self, resource: DepartmentResource, locale: str = "en") -> None:
        label = department_labels()[resource.department]
        self._people = NumberField(_("people"), resource.people, whole=True, width="110px",
                                   maximum=MAX_PEOPLE, locale=locale)
        self._hours = NumberField(_("hours / week"), resource.hours_per_week, width="130px",
                                  locale=locale)
        self._message = w.HTML()
        super().__init__([w.HTML(f'<div style="width:210px">{html.escape(label)}</div>'),
                          self._people, self._hours, self._message],
                         layout=w.Layout(align_items="flex-start", margin="0 0 4px"))
        self.resource = resource
        self._people.observe(self._on_edit, names="value")
        self._hours.observe(self._on_edit, names="value")

    def show_resource(self, resource: DepartmentResource) -> None:
        """Show stored people and hours without counting them as an edit here."""
        if resource == self.resource:
            return
        with self.quietly():
            self._people.set_quietly(resource.people)
            self._hours.set_quietly(resource.hours_per_week)
            self._message.value = ""
            self.resource = resource

    def _on_edit(self, _change) -> None:
        if self.quiet:
            return
        try:
            resource = DepartmentResource(department=self.resource.department,
                                          people=int(self._people.value or 0),
                                          hours_per_week=self._hours.value or 0)
        except ValidationError as exc:
            self._message.value = planning_error_html(exc)
            return
        self._message.value = ""
        self.resource = resource
