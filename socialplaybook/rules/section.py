"""The base of every plan section, in a module of its own.

``plan.py`` builds the Plan from the sections and the step modules (``planning.py``, ...)
define their sections; both import ``Section`` from here, so neither imports the other
in a circle. ``socialplaybook.plan`` re-exports it.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

_UNSET = object()


class Section(BaseModel):
    """Base of every plan section: unknown fields are refused, assignments are validated.

    A refused assignment leaves the section as it was. (pydantic sets the field before it
    runs a model-level rule, such as "hours fit the people", and does not undo it when the
    rule fails; this puts the last valid value back.)
    """

    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    def __setattr__(self, name: str, value: Any) -> None:
        if name not in type(self).model_fields:
            super().__setattr__(name, value)
            return
        old = self.__dict__.get(name, _UNSET)
        fields_set = set(self.__pydantic_fields_set__)
        try:
            super().__setattr__(name, value)
        except ValidationError:
            if old is not _UNSET:
                self.__dict__[name] = old
            self.__pydantic_fields_set__ = fields_set
            raise
