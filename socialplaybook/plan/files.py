"""Plan files: JSON a team downloads and uploads, read with the same checks everywhere."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import ValidationError

from socialplaybook.plan.model import Plan, PlanError
from socialplaybook.rules.i18n import _
from socialplaybook.rules.messages import describe_validation_error
from socialplaybook.rules.numbers import format_number

MAX_PLAN_FILE_BYTES = 5 * 1024 * 1024


def plan_from_json(text: str | bytes) -> Plan:
    """Read a plan from exported JSON text; raise PlanError with one clear line if it isn't one."""
    try:
        data = json.loads(text)
    except UnicodeDecodeError:
        raise PlanError(_("The file is not text (UTF-8 JSON expected).")) from None
    except json.JSONDecodeError as exc:
        raise PlanError(
            _("The file is not valid JSON (is it cut short?): {reason} at line {line}, "
              "column {col}.").format(reason=exc.msg, line=exc.lineno, col=exc.colno)
        ) from None
    except (RecursionError, ValueError):
        # json raises these for arrays nested thousands deep and integers of thousands of digits
        raise PlanError(
            _("The file is not JSON that could be a plan (nested too deeply or a number too "
              "long).")
        ) from None
    if not isinstance(data, dict) or "schema_version" not in data or "team" not in data:
        raise PlanError(
            _("The file is JSON but not a social-playbook plan (it has no schema_version "
              "and team).")
        )
    try:
        return Plan.model_validate(data)
    except ValidationError as exc:
        raise PlanError(_("The plan is not valid: {what}").format(
            what=describe_validation_error(exc))) from None


def plan_to_json(plan: Plan) -> str:
    """The plan as JSON; importing it and exporting again gives the same bytes."""
    return plan.to_json()


def _too_large(where: object, size_bytes: int, locale: str) -> PlanError:
    return PlanError(_("{path} is {mb} MB; a plan file is at most {limit} MB.").format(
        path=where, mb=format_number(size_bytes / 1e6, locale=locale, decimals=1),
        limit=format_number(MAX_PLAN_FILE_BYTES // (1024 * 1024), locale=locale)))


def read_plan_bytes(content: bytes, where: str = "", locale: str = "en") -> Plan:
    """Check a plan file's bytes as every import does: size, JSON, plan, schema.

    ``where`` (a path or a file name) starts the message of the PlanError raised for a file
    over ``MAX_PLAN_FILE_BYTES`` (its size in the team's number ``locale``), not JSON, cut
    short, JSON that is not a plan, or a plan from a newer schema.
    """
    if len(content) > MAX_PLAN_FILE_BYTES:
        raise _too_large(where or _("The file"), len(content), locale)
    try:
        return plan_from_json(content)
    except PlanError as exc:
        raise PlanError(f"{where}: {exc}" if where else str(exc)) from None


def read_plan_file(path: Path) -> Plan:
    """Read and check the plan file at ``path``; PlanError says what is wrong with it."""
    if not path.is_file():
        raise PlanError(_("{path}: no such file.").format(path=path))
    if path.stat().st_size > MAX_PLAN_FILE_BYTES:  # not read into memory at all
        raise _too_large(path, path.stat().st_size, "en")
    return read_plan_bytes(path.read_bytes(), str(path))
