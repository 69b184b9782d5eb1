"""What the myth audit still lacks, for the playbook's checklist."""

from __future__ import annotations

from socialplaybook.datasets import load_myths
from socialplaybook.rules.checks import Check, todo
from socialplaybook.rules.i18n import _
from socialplaybook.steps.audit.section import AuditSection


def audit_gaps(section: AuditSection, plan) -> list[Check]:
    """A "todo" while statements are unrated (the scores count answered ones only)."""
    ids = {myth.id for myth in load_myths()}
    answered = len(ids & set(section.answers))
    if answered == len(ids):
        return []
    return [todo("audit.rated", _("{answered} of {total} statements rated.").format(
        answered=answered, total=len(ids)),
        _("Every area needs its statements rated to show where to start."))]
