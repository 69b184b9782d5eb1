"""Three-way merge of a plan section: two laptops editing one team keep both their changes.

A save names the revision its edits started from (``base``). When a teammate saved in
between (``theirs``), the saving app's section (``mine``) is merged with theirs:

* fields (dict keys) are merged one by one, recursively;
* lists whose items all carry a key are merged item by item (the key is ``id``, or what
  the item's model names as its ``ITEM_KEY``, as ``department`` for a department's hours;
  :func:`socialplaybook.rules.section.item_keys` lists a section's keys): items added on
  either side are kept, an item removed on one side and untouched on the other is
  removed, and each kept item is merged field by field;
* lists of texts (ticked age bands, content formats, milestone dependencies) are merged
  as sets: a text either side added is kept, a text either side removed is removed, so
  two teammates ticking different checkboxes keep both ticks (theirs' order, then mine's
  additions);
* anything else (a number, a text, a list with repeated texts) is one value: when only
  one side changed it, that change is kept; when both changed it differently, the later
  save (mine) wins and the field is reported as a :class:`Conflict`.

When both sides added an item under the same id (two laptops adding "m4"), mine's item
gets a fresh id (m5), and every reference mine made to it (a section's ``REFERENCES``:
another milestone of mine now waiting for m4) follows it; theirs' references keep
naming theirs' m4. :func:`merge_section` then drops what a merge leaves pointing at
nothing (B made m3 wait for m2 while A removed m2) and says so.

A small merge over the plan's own structure rather than a general diff library
(deepdiff, dictdiffer): what matters here is the plan's notion of an item (its id) and
which field both people changed, so the app can name it; a CRDT (pycrdt) would need every
keystroke routed through a shared document, which Voila's one-kernel-per-page model does
not give. The merged section is validated by the caller before it is stored.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from socialplaybook.rules.section import (
    DroppedReference,
    Reference,
    drop_dangling_references,
    item_keys,
    natural_key_lists,
)

ITEM_KEYS: tuple[str, ...] = ("id",)  # without a section model: items keyed by id


@dataclass(frozen=True)
class Conflict:
    """A field both sides changed differently: ``path`` names it, mine was kept."""

    path: tuple[str | int, ...]
    mine: Any
    theirs: Any


@dataclass(frozen=True)
class SectionMerge:
    """A merged section (JSON-like), the fields both sides changed (mine kept), and the
    references dropped because the item they named is gone."""

    value: Any
    conflicts: list[Conflict]
    dropped: list[DroppedReference]


def merge3(base: Any, mine: Any, theirs: Any,
           new_id: Callable[[set[str], str], str] | None = None,
           item_keys: tuple[str, ...] = ITEM_KEYS,
           references: tuple[Reference, ...] = (),
           natural: frozenset[str] = frozenset()) -> tuple[Any, list[Conflict]]:
    """Merge ``mine`` and ``theirs``, both edited from ``base`` (JSON-like values).

    Returns the merged value and the conflicts (fields both changed; mine was kept).
    ``new_id(taken, old)`` gives a fresh id when both sides added a different item under
    the same id (two laptops adding "m3"); the default counts up the id's number.
    ``item_keys`` are the fields that key list items, tried in order (a section's own:
    ``item_keys(section_model)``); ``references`` the section's (its ``REFERENCES``),
    which follow mine's renamed items; ``natural`` names the lists whose items' ``id`` is
    what they are (a platform), never renamed: both adding one is one item, merged.
    """
    conflicts: list[Conflict] = []
    merge = _Merge(new_id or next_free_id, item_keys, conflicts, natural)
    if references:
        mine = merge.rename_mine_colliding(base, mine, theirs, references)
    return merge.value(base, mine, theirs, ()), conflicts


def merge_section(model: Any, base: Any, mine: Any, theirs: Any,
                  new_id: Callable[[set[str], str], str] | None = None) -> SectionMerge:
    """Merge a section of ``model`` (a Section class, or the annotation of a plan-level
    field) three ways, then drop the references to items that are no longer there."""
    merged, conflicts = merge3(base, mine, theirs, new_id, item_keys(model),
                               getattr(model, "REFERENCES", ()), natural_key_lists(model))
    merged, dropped = drop_dangling_references(model, merged)
    return SectionMerge(merged, conflicts, dropped)


def next_free_id(taken: set[str], old: str) -> str:
    """``old`` with its trailing number raised until it is free ("m3" -> "m4", "g-x" -> "g-x-1")."""
    match = re.fullmatch(r"(.*?)(\d+)", old)
    stem, number = (match.group(1), int(match.group(2))) if match else (old + "-", 1)
    while f"{stem}{number}" in taken:
        number += 1
    return f"{stem}{number}"


class _Merge:
    """One merge: how fresh ids are made, which fields key list items, the conflicts found."""

    def __init__(self, new_id: Callable[[set[str], str], str], item_keys: tuple[str, ...],
                 conflicts: list[Conflict], natural: frozenset[str] = frozenset()) -> None:
        self.new_id = new_id
        self.item_keys = item_keys
        self.conflicts = conflicts
        self.natural = natural

    def renames(self, key: str, path: tuple) -> bool:
        """Whether two different items added under one key at ``path`` become two items."""
        return key == "id" and not (path and path[-1] in self.natural)

    def rename_mine_colliding(self, base: Any, mine: Any, theirs: Any,
                              references: tuple[Reference, ...]) -> Any:
        """``mine`` with its new items that collide with a different new item of theirs (the
        same id) under fresh ids, and mine's references to them following.

        Only the section's own lists (its fields), where ``references`` say who names whom;
        a collision deeper down is renamed as the items are merged.
        """
        if not (isinstance(mine, dict) and isinstance(theirs, dict)):
            return mine
        base = base if isinstance(base, dict) else {}
        mine = dict(mine)
        renamed: dict[str, dict[str, str]] = {}  # list field -> mine's old id -> fresh id
        for name, items in mine.items():
            their_items, base_items = theirs.get(name, _MISSING), base.get(name, _MISSING)
            if not self.renames(self.item_key(base_items, items, their_items) or "",
                                (name,)) or not isinstance(their_items, list):
                continue
            base_ids = {item["id"] for item in base_items} if isinstance(
                base_items, list) else set()
            theirs_by = {item["id"]: item for item in their_items}
            taken = base_ids | set(theirs_by) | {item["id"] for item in items}
            fresh_ids: dict[str, str] = {}
            for item in items:
                item_id = item["id"]
                if (item_id not in base_ids and item_id in theirs_by
                        and theirs_by[item_id] != item):
                    fresh_ids[item_id] = self.new_id(taken, item_id)
                    taken.add(fresh_ids[item_id])
            if fresh_ids:
                renamed[name] = fresh_ids
                mine[name] = [{**item, "id": fresh_ids.get(item["id"], item["id"])}
                              for item in items]
        for reference in references:
            fresh_ids = renamed.get(reference.target, {})
            sources = mine.get(reference.source)
            if fresh_ids and isinstance(sources, list):
                mine[reference.source] = [_follow(item, reference.field, fresh_ids)
                                          for item in sources]
        return mine

    def value(self, base: Any, mine: Any, theirs: Any, path: tuple) -> Any:
        if mine == theirs:
            return mine
        if mine == base:
            return theirs
        if theirs == base:
            return mine
        if isinstance(mine, dict) and isinstance(theirs, dict):
            base_dict = base if isinstance(base, dict) else {}
            merged = {}
            for key in [*theirs, *(k for k in mine if k not in theirs)]:
                value = self.value(base_dict.get(key, _MISSING), mine.get(key, _MISSING),
                                   theirs.get(key, _MISSING), (*path, key))
                if value is not _MISSING:
                    merged[key] = value
            return merged
        if _text_sets(mine, theirs):
            return _merge_text_sets(base, mine, theirs)
        key = self.item_key(base, mine, theirs)
        if key is not None:
            return self.items(key, base if isinstance(base, list) else [], mine, theirs, path)
        self.conflicts.append(Conflict(path, None if mine is _MISSING else mine,
                                       None if theirs is _MISSING else theirs))
        return mine

    def item_key(self, base: Any, mine: Any, theirs: Any) -> str | None:
        """The key field shared by every item of three lists of dicts, if there is one."""
        lists = [value for value in (base, mine, theirs) if value is not _MISSING]
        if not all(isinstance(value, list) for value in lists):
            return None
        items = [item for value in lists for item in value]
        if not items or not all(isinstance(item, dict) for item in items):
            return None
        return next((k for k in self.item_keys if all(k in item for item in items)), None)

    def items(self, key: str, base: list, mine: Any, theirs: Any, path: tuple) -> list:
        mine = [] if mine is _MISSING else mine
        theirs = [] if theirs is _MISSING else theirs
        base_by, mine_by, theirs_by = ({item[key]: item for item in items}
                                       for items in (base, mine, theirs))
        taken = set(base_by) | set(mine_by) | set(theirs_by)
        renamed: dict[str, str] = {}  # mine's new items moved to a fresh id: old -> new
        merged: list = []
        for item_id, their_item in theirs_by.items():
            mine_item = mine_by.get(item_id, _MISSING)
            if item_id not in base_by and mine_item is not _MISSING and mine_item != their_item:
                # Both added an item under the same id: two items, mine under a fresh id.
                merged.append(their_item)
                if self.renames(key, path):
                    fresh = self.new_id(taken, item_id)
                    taken.add(fresh)
                    renamed[item_id] = fresh
                    merged.append({**mine_item, key: fresh})
                else:  # a natural key (a department): one item, merged as a field
                    self.conflicts.append(Conflict((*path, item_id), mine_item, their_item))
                    merged[-1] = mine_item
                continue
            value = self.value(base_by.get(item_id, _MISSING), mine_item, their_item,
                               (*path, item_id))
            if value is not _MISSING:
                merged.append(value)
        for item_id, mine_item in mine_by.items():
            if item_id in theirs_by:
                continue
            value = self.value(base_by.get(item_id, _MISSING), mine_item, _MISSING,
                               (*path, item_id))
            if value is not _MISSING:
                merged.append(value)
        if renamed:
            # Mine's own new items that pointed at a renamed item (m4 after m3) follow it.
            mine_new = {renamed.get(i, i) for i in mine_by if i not in base_by}
            merged = [_follow_renames(item, renamed) if item[key] in mine_new else item
                      for item in merged]
        return merged


class _Missing:
    def __repr__(self) -> str:  # shown in test failures
        return "<missing>"


_MISSING: Any = _Missing()


def _text_sets(mine: Any, theirs: Any) -> bool:
    """Both sides are lists of distinct texts (a set of ticked checkboxes)."""
    return all(isinstance(value, list) and all(isinstance(item, str) for item in value)
               and len(set(value)) == len(value) for value in (mine, theirs))


def _merge_text_sets(base: Any, mine: list[str], theirs: list[str]) -> list[str]:
    """Theirs without what mine removed from base, then what mine added to base."""
    base_set = ({item for item in base if isinstance(item, str)} if isinstance(base, list)
                else set())
    removed_by_mine = base_set - set(mine)
    their_set = set(theirs)
    return ([item for item in theirs if item not in removed_by_mine]
            + [item for item in mine if item not in base_set and item not in their_set])


def _follow(item: Any, field: str, renamed: dict[str, str]) -> Any:
    """``item`` with the keys its ``field`` names (a text or a list of texts) renamed."""
    if not isinstance(item, dict) or field not in item:
        return item
    value = item[field]
    if isinstance(value, str):
        return {**item, field: renamed.get(value, value)}
    if isinstance(value, list):
        return {**item, field: [renamed.get(key, key) if isinstance(key, str) else key
                                for key in value]}
    return item


def _follow_renames(item: dict, renamed: dict[str, str]) -> dict:
    return {name: [renamed.get(v, v) if isinstance(v, str) else v for v in value]
            if isinstance(value, list) else value for name, value in item.items()}
