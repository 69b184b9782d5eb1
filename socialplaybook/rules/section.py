"""The base of every plan section, in a module of its own.

``plan.py`` builds the Plan from the sections and the step modules (``planning.py``, ...)
define their sections; both import ``Section`` from here, so neither imports the other
in a circle. ``socialplaybook.plan`` re-exports it.
"""

from __future__ import annotations

import typing
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, ValidationError

_UNSET = object()


class Section(BaseModel):
    """Base of every plan section: unknown fields are refused, assignments are validated.

    A refused assignment leaves the section as it was. (pydantic sets the field before it
    runs a model-level rule, such as "hours fit the people", and does not undo it when the
    rule fails; this puts the last valid value back.)
    """

    model_config = ConfigDict(extra="forbid", validate_assignment=True)
    # As an item of a list: the field that tells it apart from the others (what a merge of
    # two laptops' edits matches items by).
    ITEM_KEY: ClassVar[str] = "id"

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


def item_keys(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields that key the items of every list in ``model`` (its sections' ``ITEM_KEY``),
    ``"id"`` first: what a three-way merge matches list items by."""
    keys: dict[str, None] = {"id": None}
    seen: set[type] = set()

    def visit(annotation: Any) -> None:
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            if annotation in seen:
                return
            seen.add(annotation)
            if issubclass(annotation, Section):
                keys[annotation.ITEM_KEY] = None
            for field in annotation.model_fields.values():
                visit(field.annotation)
        for argument in typing.get_args(annotation):
            visit(argument)

    visit(model)
    return tuple(keys)
