"""The base of every plan section, in a module of its own.

``plan.py`` builds the Plan from the sections and the step modules (``planning.py``, ...)
define their sections; both import ``Section`` from here, so neither imports the other
in a circle. ``socialplaybook.plan`` re-exports it.

Two rules hold for every section, so every stored plan opens in its app:

* no text the apps cannot store or show (a lone surrogate: :func:`refuse_unencodable_text`);
* no reference to an item that is not there: a section names, in ``REFERENCES``, the
  fields of its items that hold other items' keys (a milestone's ``depends_on``), and a
  key that names no item of the section is refused. A merge of two laptops' edits drops
  such keys instead (:func:`drop_dangling_references`) and says which.
"""

from __future__ import annotations

import typing
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, ValidationError, model_validator

from socialplaybook.rules.i18n import _
from socialplaybook.rules.text import shown_path, unencodable_text_at

_UNSET = object()


def unencodable_text_message(path: tuple[str | int, ...]) -> str:
    """What a person reads about a text that cannot be stored, naming where it is."""
    return _("{field}: this text holds a broken character (half of a pair, as in an emoji "
             "cut in two) that cannot be stored; type it again.").format(
        field=shown_path(path) or _("The text"))


def refuse_unencodable_text(data: Any) -> Any:
    """``data`` unchanged, or ValueError naming the first text in it that cannot be stored."""
    path = unencodable_text_at(data)
    if path is not None:
        raise ValueError(unencodable_text_message(path))
    return data


# Set while a model's input is validated after its texts were checked: the models inside
# it (a plan's sections, a section's goals) need not walk them again.
_TEXT_CHECKED: ContextVar[bool] = ContextVar("sp_text_checked", default=False)


class StorableText(BaseModel):
    """A model that refuses text it could not store (:func:`refuse_unencodable_text`) before
    any other rule reads it (a rule's message quoting such text would fail in turn).

    Built from data, the model checks all of it once, and the models inside it do not
    check again; an assignment checks the value assigned.
    """

    @model_validator(mode="wrap")
    @classmethod
    def _text_checked_once(cls, data: Any, handler: Callable[[Any], Any]) -> Any:
        if _TEXT_CHECKED.get() or isinstance(data, BaseModel):  # an assignment: see below
            return handler(data)
        refuse_unencodable_text(data)
        token = _TEXT_CHECKED.set(True)
        try:
            return handler(data)
        finally:
            _TEXT_CHECKED.reset(token)

    @model_validator(mode="before")
    @classmethod
    def _assigned_text_checked(cls, data: Any) -> Any:
        return data if _TEXT_CHECKED.get() else refuse_unencodable_text(data)


@dataclass(frozen=True)
class Reference:
    """Items of the list ``source`` name items of the list ``target`` (of the same section)
    by their key, in the field ``field``: a text ("" for none) or a list of texts."""

    source: str
    field: str
    target: str


@dataclass(frozen=True)
class DroppedReference:
    """A key a merge dropped because the item it named is gone: item ``item`` of the list
    ``source`` no longer names ``target`` in ``field`` (milestone m3 no longer waits for m2)."""

    source: str
    item: str
    field: str
    target: str


class Section(StorableText):
    """Base of every plan section: unknown fields are refused, assignments are validated.

    A refused assignment leaves the section as it was. (pydantic sets the field before it
    runs a model-level rule, such as "hours fit the people", and does not undo it when the
    rule fails; this puts the last valid value back.)
    """

    model_config = ConfigDict(extra="forbid", validate_assignment=True)
    # As an item of a list: the field that tells it apart from the others (what a merge of
    # two laptops' edits matches items by).
    ITEM_KEY: ClassVar[str] = "id"
    # Whether that key is what the item is (a platform's id made from its name, a
    # department) rather than a name given when it was added (m4, g-3f2a): two laptops
    # adding the same natural key added the same item, which a merge never renames.
    NATURAL_KEY: ClassVar[bool] = False
    # The fields of this section's items that name other items (see the module's doc).
    REFERENCES: ClassVar[tuple[Reference, ...]] = ()

    @model_validator(mode="after")
    def _references_resolve(self) -> Section:
        for reference in self.REFERENCES:
            keys = _keys(getattr(self, reference.target))
            for item in getattr(self, reference.source):
                own = getattr(item, type(item).ITEM_KEY)
                for target in _named(getattr(item, reference.field)):
                    if target not in keys or (
                            reference.source == reference.target and target == own):
                        raise ValueError(self.dangling_reference_message(
                            reference, item, target))
        return self

    @classmethod
    def dangling_reference_message(cls, reference: Reference, item: BaseModel,
                                   target: str) -> str:
        """The message refusing ``item``'s reference to ``target`` (sections say it better)."""
        return _("'{target}' is not one of the {list} (it is named by {field} of "
                 "'{item}').").format(target=target, list=reference.target,
                                      field=reference.field,
                                      item=getattr(item, type(item).ITEM_KEY))

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


def _keys(items: Any) -> set[str]:
    return {getattr(item, type(item).ITEM_KEY) for item in items}


def _named(value: Any) -> list[str]:
    """The keys a reference field holds: a list of texts, or one text ("" names nothing)."""
    if isinstance(value, str):
        return [value] if value else []
    return [key for key in value or () if isinstance(key, str)]


def drop_dangling_references(model: type[BaseModel], data: Any
                             ) -> tuple[Any, list[DroppedReference]]:
    """``data`` (a section of ``model`` as JSON-like data, as a merge makes it) without the
    references to items that are not in it, and which were dropped.

    Data that is not shaped like the model is returned as it is: validation says what is
    wrong with it.
    """
    references = getattr(model, "REFERENCES", ())
    if not references or not isinstance(data, dict):
        return data, []
    data = dict(data)
    dropped: list[DroppedReference] = []
    for reference in references:
        targets, sources = data.get(reference.target), data.get(reference.source)
        if not (isinstance(targets, list) and isinstance(sources, list)):
            continue
        target_key = _item_key(model, reference.target)
        source_key = _item_key(model, reference.source)
        keys = {item.get(target_key) for item in targets if isinstance(item, dict)}
        repaired = []
        for item in sources:
            value = item.get(reference.field) if isinstance(item, dict) else None
            named = [value] if isinstance(value, str) else value
            if not isinstance(named, list):
                repaired.append(item)
                continue
            own = item.get(source_key)
            self_reference = reference.source == reference.target
            lost = [key for key in named if isinstance(key, str) and key and (
                key not in keys or (self_reference and key == own))]
            if not lost:
                repaired.append(item)
                continue
            dropped += [DroppedReference(reference.source, str(own), reference.field, key)
                        for key in lost]
            kept = "" if isinstance(value, str) else [key for key in named if key not in lost]
            repaired.append({**item, reference.field: kept})
        data[reference.source] = repaired
    return data, dropped


def _item_key(model: type[BaseModel], list_field: str) -> str:
    """The key field of the items of ``model``'s list ``list_field``."""
    for argument in typing.get_args(model.model_fields[list_field].annotation):
        if isinstance(argument, type) and issubclass(argument, Section):
            return argument.ITEM_KEY
    return "id"


def natural_key_lists(model: Any) -> frozenset[str]:
    """The names of the list fields, anywhere in ``model``, whose items have a natural key
    (``NATURAL_KEY``): what a three-way merge must not rename."""
    names: set[str] = set()
    seen: set[type] = set()

    def visit(annotation: Any) -> None:
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            if annotation in seen:
                return
            seen.add(annotation)
            for name, field in annotation.model_fields.items():
                if any(isinstance(argument, type) and issubclass(argument, Section)
                       and argument.NATURAL_KEY
                       for argument in typing.get_args(field.annotation)):
                    names.add(name)
                visit(field.annotation)
        for argument in typing.get_args(annotation):
            visit(argument)

    visit(model)
    return frozenset(names)


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
