"""merge3: the three-way merge of a plan section, rule by rule, on small JSON-like values."""

from __future__ import annotations

import copy

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from socialplaybook.rules.section import item_keys
from socialplaybook.steps.planning.section import PlanningSection
from socialplaybook.workspace.merge import Conflict, merge3, next_free_id

# -- scalars and whole values ------------------------------------------------------------


@pytest.mark.parametrize("value", [None, 0, 1.5, "text", True, [], {}, ["a", "b"], {"a": 1}])
def test_unchanged_on_both_sides_is_kept(value):
    assert merge3(value, copy.deepcopy(value), copy.deepcopy(value)) == (value, [])


def test_only_mine_changed_keeps_mine():
    assert merge3(1, 2, 1) == (2, [])
    assert merge3("a", "b", "a") == ("b", [])


def test_only_theirs_changed_keeps_theirs():
    assert merge3(1, 1, 3) == (3, [])
    assert merge3(None, None, "x") == ("x", [])


def test_both_made_the_same_change_is_no_conflict():
    assert merge3(1, 5, 5) == (5, [])
    assert merge3({"a": 1}, {"a": 2}, {"a": 2}) == ({"a": 2}, [])


def test_both_changed_differently_mine_wins_with_a_conflict_at_the_root():
    merged, conflicts = merge3(1, 2, 3)
    assert merged == 2
    assert conflicts == [Conflict((), 2, 3)]


def test_a_conflict_names_the_field_path_and_both_values():
    base = {"title": "old", "owner": "Ann"}
    merged, conflicts = merge3(base, {**base, "title": "mine"}, {**base, "title": "theirs"})
    assert merged == {"title": "mine", "owner": "Ann"}
    assert conflicts == [Conflict(("title",), "mine", "theirs")]


# -- dicts -----------------------------------------------------------------------------------


def test_different_keys_changed_on_each_side_are_both_kept():
    base = {"a": 1, "b": 2, "c": 3}
    merged, conflicts = merge3(base, {**base, "a": 10}, {**base, "b": 20})
    assert merged == {"a": 10, "b": 20, "c": 3}
    assert conflicts == []


def test_nested_dicts_merge_key_by_key_and_conflicts_carry_the_full_path():
    base = {"raci": {"cells": {"listening": {"marketing": "R", "sales": ""},
                               "publishing": {"marketing": "A", "sales": ""}}}}
    mine = copy.deepcopy(base)
    mine["raci"]["cells"]["listening"]["sales"] = "C"
    mine["raci"]["cells"]["publishing"]["marketing"] = "R"
    theirs = copy.deepcopy(base)
    theirs["raci"]["cells"]["listening"]["marketing"] = "A"
    theirs["raci"]["cells"]["publishing"]["marketing"] = "I"
    merged, conflicts = merge3(base, mine, theirs)
    assert merged == {"raci": {"cells": {"listening": {"marketing": "A", "sales": "C"},
                                         "publishing": {"marketing": "R", "sales": ""}}}}
    assert conflicts == [Conflict(("raci", "cells", "publishing", "marketing"), "R", "I")]


def test_keys_added_on_both_sides_are_both_kept():
    merged, conflicts = merge3({"a": 1}, {"a": 1, "m": 2}, {"a": 1, "t": 3})
    assert merged == {"a": 1, "m": 2, "t": 3}
    assert conflicts == []


def test_the_same_key_added_with_different_values_is_a_conflict_with_mine_kept():
    merged, conflicts = merge3({}, {"k": "mine"}, {"k": "theirs"})
    assert merged == {"k": "mine"}
    assert conflicts == [Conflict(("k",), "mine", "theirs")]


def test_a_key_removed_on_one_side_and_untouched_on_the_other_is_removed():
    base = {"a": 1, "b": 2}
    assert merge3(base, {"a": 1}, base) == ({"a": 1}, [])
    assert merge3(base, base, {"b": 2}) == ({"b": 2}, [])


def test_a_key_removed_by_mine_and_edited_by_theirs_is_removed_with_a_conflict():
    base = {"a": 1, "b": 2}
    merged, conflicts = merge3(base, {"b": 2}, {"a": 5, "b": 2})
    assert merged == {"b": 2}
    assert conflicts == [Conflict(("a",), None, 5)]


def test_a_key_edited_by_mine_and_removed_by_theirs_is_kept_with_a_conflict():
    base = {"a": 1, "b": 2}
    merged, conflicts = merge3(base, {"a": 7, "b": 2}, {"b": 2})
    assert merged == {"a": 7, "b": 2}
    assert conflicts == [Conflict(("a",), 7, None)]


def test_dict_key_order_is_theirs_then_mine_new_keys():
    base = {"a": 1, "b": 2}
    mine = {"m": 0, "a": 1, "b": 2}
    theirs = {"b": 2, "t": 0, "a": 1}
    merged, _ = merge3(base, mine, theirs)
    assert list(merged) == ["b", "t", "a", "m"]


# -- lists of items with an id --------------------------------------------------------------


def _items(*pairs):
    return [{"id": item_id, "title": title} for item_id, title in pairs]


def test_items_are_merged_field_by_field():
    base = [{"id": "g-1", "target": 10, "owner": "Ann"}]
    mine = [{"id": "g-1", "target": 20, "owner": "Ann"}]
    theirs = [{"id": "g-1", "target": 10, "owner": "Bo"}]
    assert merge3(base, mine, theirs) == ([{"id": "g-1", "target": 20, "owner": "Bo"}], [])


def test_an_item_field_both_changed_is_a_conflict_named_by_item_id():
    base = [{"id": "g-1", "target": 10}, {"id": "g-2", "target": 1}]
    mine = [{"id": "g-1", "target": 20}, {"id": "g-2", "target": 1}]
    theirs = [{"id": "g-1", "target": 30}, {"id": "g-2", "target": 1}]
    merged, conflicts = merge3({"goals": base}, {"goals": mine}, {"goals": theirs})
    assert merged == {"goals": mine}
    assert conflicts == [Conflict(("goals", "g-1", "target"), 20, 30)]


def test_items_added_on_both_sides_are_all_kept_theirs_order_then_mine_new_items():
    base = _items(("a", "A"), ("b", "B"))
    mine = _items(("m1", "M1"), ("a", "A"), ("b", "B"), ("m2", "M2"))
    theirs = _items(("b", "B"), ("t1", "T1"), ("a", "A"))
    merged, conflicts = merge3(base, mine, theirs)
    assert [item["id"] for item in merged] == ["b", "t1", "a", "m1", "m2"]
    assert conflicts == []


def test_an_item_removed_on_one_side_and_untouched_on_the_other_is_removed():
    base = _items(("a", "A"), ("b", "B"), ("c", "C"))
    mine = _items(("a", "A"), ("c", "C"))          # removed b
    theirs = _items(("a", "A"), ("b", "B"))        # removed c
    assert merge3(base, mine, theirs) == (_items(("a", "A")), [])


def test_an_item_removed_on_both_sides_stays_removed():
    base = _items(("a", "A"), ("b", "B"))
    assert merge3(base, _items(("a", "A")), _items(("a", "A"))) == (_items(("a", "A")), [])


def test_an_item_removed_by_mine_and_edited_by_theirs_stays_removed_with_a_conflict():
    base = _items(("a", "A"), ("b", "B"))
    theirs = _items(("a", "A"), ("b", "B edited"))
    merged, conflicts = merge3(base, _items(("a", "A")), theirs)
    assert merged == _items(("a", "A"))
    assert conflicts == [Conflict(("b",), None, {"id": "b", "title": "B edited"})]


def test_an_item_edited_by_mine_and_removed_by_theirs_is_kept_with_a_conflict():
    base = _items(("a", "A"), ("b", "B"))
    mine = _items(("a", "A"), ("b", "B edited"))
    merged, conflicts = merge3(base, mine, _items(("a", "A")))
    assert merged == mine
    assert conflicts == [Conflict(("b",), {"id": "b", "title": "B edited"}, None)]


def test_the_same_id_added_by_both_with_different_content_keeps_both_mine_renamed():
    base = _items(("m1", "one"), ("m2", "two"))
    mine = [*base, *_items(("m3", "mine"))]
    theirs = [*base, *_items(("m3", "theirs"))]
    merged, conflicts = merge3(base, mine, theirs)
    assert merged == [*base, *_items(("m3", "theirs"), ("m4", "mine"))]
    assert conflicts == []


def test_a_renamed_item_gets_an_id_free_on_every_side():
    base = _items(("m1", "one"))
    mine = [*base, *_items(("m2", "mine"), ("m4", "mine four"))]
    theirs = [*base, *_items(("m2", "theirs"), ("m3", "theirs three"))]
    merged, conflicts = merge3(base, mine, theirs)
    ids = [item["id"] for item in merged]
    assert len(ids) == len(set(ids)) == 5
    assert {item["title"]: item["id"] for item in merged} == {
        "one": "m1", "theirs": "m2", "theirs three": "m3", "mine four": "m4", "mine": "m5"}
    assert conflicts == []


def test_a_custom_new_id_function_names_the_renamed_item():
    base = _items(("x", "base"))
    mine = [*base, *_items(("n", "mine"))]
    theirs = [*base, *_items(("n", "theirs"))]
    calls = []

    def new_id(taken, old):
        calls.append((set(taken), old))
        return f"{old}-copy"

    merged, _ = merge3(base, mine, theirs, new_id=new_id)
    assert merged == [*base, *_items(("n", "theirs"), ("n-copy", "mine"))]
    assert calls == [({"x", "n"}, "n")]


def test_the_same_id_added_by_both_with_the_same_content_is_one_item():
    base = _items(("m1", "one"))
    added = _items(("m2", "same"))
    assert merge3(base, [*base, *added], [*base, *added]) == ([*base, *added], [])
    # also when the rest of the list differs (so the lists are not equal as a whole)
    merged, conflicts = merge3(base, [*base, *added], [*added])
    assert merged == added and conflicts == []


def test_lists_of_items_merge_inside_a_dict_field():
    base = {"goals": _items(("g-1", "a")), "horizon_months": 12}
    mine = {"goals": _items(("g-1", "a"), ("g-2", "b")), "horizon_months": 12}
    theirs = {"goals": _items(("g-1", "a edited")), "horizon_months": 6}
    merged, conflicts = merge3(base, mine, theirs)
    assert merged == {"goals": _items(("g-1", "a edited"), ("g-2", "b")), "horizon_months": 6}
    assert conflicts == []


def test_items_added_to_an_empty_list_on_both_sides():
    merged, conflicts = merge3([], _items(("a", "A")), _items(("b", "B")))
    assert merged == _items(("b", "B"), ("a", "A"))
    assert conflicts == []


# -- lists keyed by department --------------------------------------------------------------

KEYS = item_keys(PlanningSection)  # id, and department for the departments' hours


def _resource(department, people, hours=0.0):
    return {"department": department, "people": people, "hours_per_week": hours}


def test_department_keyed_items_merge_field_by_field():
    base = [_resource("marketing", 2, 10.0), _resource("sales", 1)]
    mine = [_resource("marketing", 3, 10.0), _resource("sales", 1)]
    theirs = [_resource("marketing", 2, 20.0), _resource("sales", 1), _resource("pr", 1, 2.0)]
    merged, conflicts = merge3(base, mine, theirs, item_keys=KEYS)
    assert merged == [_resource("marketing", 3, 20.0), _resource("sales", 1),
                      _resource("pr", 1, 2.0)]
    assert conflicts == []


def test_the_same_department_added_by_both_differently_is_one_item_mine_with_a_conflict():
    base = [_resource("marketing", 2)]
    mine = [*base, _resource("billing", 1, 5.0)]
    theirs = [*base, _resource("billing", 2, 8.0)]
    merged, conflicts = merge3(base, mine, theirs, item_keys=KEYS)
    assert merged == mine
    assert conflicts == [Conflict(("billing",), _resource("billing", 1, 5.0),
                                  _resource("billing", 2, 8.0))]


def test_a_department_field_both_changed_is_a_conflict_named_by_department():
    base = {"resources": [_resource("marketing", 2)]}
    merged, conflicts = merge3(base, {"resources": [_resource("marketing", 3)]},
                               {"resources": [_resource("marketing", 4)]}, item_keys=KEYS)
    assert merged == {"resources": [_resource("marketing", 3)]}
    assert conflicts == [Conflict(("resources", "marketing", "people"), 3, 4)]


def test_id_is_preferred_to_department_when_items_carry_both():
    base = [{"id": "x", "department": "pr", "n": 0}]
    mine = [{"id": "x", "department": "pr", "n": 1}]
    theirs = [*base, {"id": "y", "department": "pr", "n": 2}]  # same department, new id
    merged, conflicts = merge3(base, mine, theirs, item_keys=KEYS)
    assert merged == [{"id": "x", "department": "pr", "n": 1},
                      {"id": "y", "department": "pr", "n": 2}]
    assert conflicts == []


# -- lists of texts: sets of ticked boxes ---------------------------------------------------


def test_two_laptops_ticking_different_boxes_keep_both_ticks():
    """Laptop A ticks "images", laptop B ticks "short_video", both from the same revision."""
    base = {"formats": ["text"]}
    merged, conflicts = merge3(base, {"formats": ["text", "short_video"]},
                               {"formats": ["text", "images"]})
    assert merged == {"formats": ["text", "images", "short_video"]}
    assert conflicts == []


def test_a_box_unticked_on_one_side_and_another_ticked_on_the_other_does_both():
    base = {"age_bands": ["18-29", "30-49"]}
    merged, conflicts = merge3(base, {"age_bands": ["30-49"]},
                               {"age_bands": ["18-29", "30-49", "50-64"]})
    assert merged == {"age_bands": ["30-49", "50-64"]}
    assert conflicts == []


def test_a_box_unticked_by_theirs_stays_unticked_when_mine_ticked_another():
    base = ["a", "b"]
    assert merge3(base, ["a", "b", "c"], ["b"]) == (["b", "c"], [])


def test_both_unticking_every_box_leaves_none():
    assert merge3(["a", "b"], [], ["b"]) == ([], [])


def test_the_same_box_ticked_on_both_sides_is_kept_once():
    assert merge3([], ["x", "y"], ["y"]) == (["y", "x"], [])


def test_ticks_made_from_no_list_yet_are_joined():
    """Platforms' age bands start as None ("from planning"): both laptops pick bands."""
    merged, conflicts = merge3({"age_bands": None}, {"age_bands": ["55-64"]},
                               {"age_bands": ["18-29"]})
    assert merged == {"age_bands": ["18-29", "55-64"]}
    assert conflicts == []


def test_a_tag_list_changed_on_one_side_takes_that_side_whole():
    base = ["a", "b"]
    assert merge3(base, ["a", "b", "c"], base) == (["a", "b", "c"], [])
    assert merge3(base, base, ["b"]) == (["b"], [])


def test_milestone_dependencies_added_on_both_sides_are_both_kept():
    base = {"depends_on": ["m1"]}
    merged, conflicts = merge3(base, {"depends_on": ["m1", "m2"]}, {"depends_on": ["m1", "m3"]})
    assert merged == {"depends_on": ["m1", "m3", "m2"]}
    assert conflicts == []


def test_a_list_back_to_none_on_one_side_and_edited_on_the_other_is_a_conflict():
    merged, conflicts = merge3({"kinds": ["B2B"]}, {"kinds": None}, {"kinds": ["B2B", "B2C"]})
    assert merged == {"kinds": None}
    assert conflicts == [Conflict(("kinds",), None, ["B2B", "B2C"])]


# -- lists that are one value --------------------------------------------------------------


def test_a_text_list_with_a_repeated_text_is_one_value():
    merged, conflicts = merge3(["a"], ["a", "a"], ["b"])
    assert merged == ["a", "a"]
    assert conflicts == [Conflict((), ["a", "a"], ["b"])]


def test_a_list_of_numbers_is_one_value():
    merged, conflicts = merge3([1, 2], [1, 2, 3], [2])
    assert merged == [1, 2, 3]
    assert conflicts == [Conflict((), [1, 2, 3], [2])]


def test_a_list_of_dicts_without_a_shared_key_is_one_value():
    base = [{"x": 1}]
    merged, conflicts = merge3(base, [{"x": 2}], [{"x": 3}])
    assert merged == [{"x": 2}]
    assert conflicts == [Conflict((), [{"x": 2}], [{"x": 3}])]


def test_a_list_where_only_some_items_carry_an_id_is_one_value():
    base = [{"id": "a"}]
    mine = [{"id": "a"}, {"id": "b"}]
    theirs = [{"id": "a"}, {"name": "no id"}]
    merged, conflicts = merge3(base, mine, theirs)
    assert merged == mine
    assert conflicts == [Conflict((), mine, theirs)]


def test_a_type_change_on_both_sides_is_a_conflict():
    merged, conflicts = merge3({"v": 1}, {"v": [1]}, {"v": {"a": 1}})
    assert merged == {"v": [1]}
    assert conflicts == [Conflict(("v",), [1], {"a": 1})]


def test_merge3_does_not_modify_its_inputs():
    base = {"goals": _items(("m1", "a")), "tags": ["x"]}
    mine = {"goals": _items(("m1", "b"), ("m2", "mine")), "tags": ["y"]}
    theirs = {"goals": _items(("m1", "a"), ("m2", "theirs")), "tags": ["z"]}
    copies = copy.deepcopy((base, mine, theirs))
    merge3(base, mine, theirs)
    assert (base, mine, theirs) == copies


# -- next_free_id ----------------------------------------------------------------------------


@pytest.mark.parametrize(("taken", "old", "expected"), [
    ({"m3"}, "m3", "m4"),
    ({"m3", "m4", "m5"}, "m3", "m6"),
    ({"m1", "m2", "m3", "m5"}, "m3", "m4"),   # the first free number above, gaps are used
    ({"g-9"}, "g-9", "g-10"),
    ({"m10", "m11"}, "m10", "m12"),
    ({"12"}, "12", "13"),                      # all digits: the stem is empty
    ({"g-1a2b3c44"}, "g-1a2b3c44", "g-1a2b3c45"),  # only the trailing number counts
])
def test_next_free_id_counts_up_the_trailing_number(taken, old, expected):
    assert next_free_id(taken, old) == expected


def test_next_free_id_appends_a_number_to_an_id_without_one():
    # The docstring's example says "g-x" -> "g-x-2"; the code starts at 1. Either way the
    # id is "g-x-<n>", free, and the next number when that one is taken.
    first = next_free_id({"g-x"}, "g-x")
    assert first.startswith("g-x-") and first not in {"g-x"}
    second = next_free_id({"g-x", first}, "g-x")
    assert second.startswith("g-x-") and second not in {"g-x", first}
    assert next_free_id({"g-1a2b3c4d"}, "g-1a2b3c4d").startswith("g-1a2b3c4d-")


def test_next_free_id_returns_the_id_itself_when_it_is_free():
    assert next_free_id(set(), "m3") == "m3"


@settings(max_examples=50, deadline=None)
@given(st.sets(st.from_regex(r"[a-z]{1,3}[0-9]{0,3}", fullmatch=True), max_size=30),
       st.from_regex(r"[a-z]{1,3}[0-9]{0,3}", fullmatch=True))
def test_next_free_id_is_never_taken(taken, old):
    taken = taken | {old}
    fresh = next_free_id(taken, old)
    assert fresh not in taken
    assert fresh.startswith(old.rstrip("0123456789"))


# -- properties ----------------------------------------------------------------------------

_scalars = (st.none() | st.booleans() | st.integers(-5, 5)
            | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=4))
_keys = st.sampled_from(["a", "b", "c", "id", "department", "title", "n"])
json_values = st.recursive(
    _scalars,
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(_keys, children, max_size=4),
    max_leaves=15,
)


@settings(max_examples=100, deadline=None)
@given(json_values, json_values)
def test_only_mine_changed_gives_mine(base, mine):
    assert merge3(base, mine, copy.deepcopy(base)) == (mine, [])


@settings(max_examples=100, deadline=None)
@given(json_values, json_values)
def test_only_theirs_changed_gives_theirs(base, theirs):
    assert merge3(base, copy.deepcopy(base), theirs) == (theirs, [])


@settings(max_examples=100, deadline=None)
@given(json_values)
def test_nothing_changed_gives_the_value(value):
    assert merge3(value, copy.deepcopy(value), copy.deepcopy(value)) == (value, [])


_MISSING = object()


@st.composite
def _disjoint_dict_edits(draw):
    """A base dict and two edits of it that touch disjoint keys (change, add or remove)."""
    base = draw(st.dictionaries(st.text(min_size=1, max_size=3), json_values, max_size=6))
    keys = sorted(set(base) | set(draw(st.lists(st.text(min_size=1, max_size=3), max_size=4))))
    owners = draw(st.lists(st.sampled_from(["mine", "theirs", None]),
                           min_size=len(keys), max_size=len(keys)))
    edits = {"mine": {}, "theirs": {}}
    for key, owner in zip(keys, owners, strict=True):
        if owner is None:
            continue
        new = draw(st.just(_MISSING) | json_values) if key in base else draw(json_values)
        edits[owner][key] = new
    return base, edits["mine"], edits["theirs"]


def _apply(base: dict, edits: dict) -> dict:
    result = copy.deepcopy(base)
    for key, value in edits.items():
        if value is _MISSING:
            result.pop(key, None)
        else:
            result[key] = value
    return result


@settings(max_examples=100, deadline=None)
@given(_disjoint_dict_edits())
def test_changes_to_disjoint_keys_are_all_kept_without_conflicts(case):
    base, mine_edits, their_edits = case
    mine, theirs = _apply(base, mine_edits), _apply(base, their_edits)
    merged, conflicts = merge3(base, mine, theirs)
    assert merged == _apply(_apply(base, mine_edits), their_edits)
    assert conflicts == []


@st.composite
def _disjoint_item_edits(draw):
    """A base list of items with ids and two edits that touch disjoint items."""
    n = draw(st.integers(0, 6))
    base = [{"id": f"i{k}", "v": draw(st.integers(0, 3)), "w": draw(st.integers(0, 3))}
            for k in range(n)]
    mine, theirs = copy.deepcopy(base), copy.deepcopy(base)
    for k in range(n):
        owner = draw(st.sampled_from(["mine", "theirs", None]))
        action = draw(st.sampled_from(["edit", "remove"]))
        if owner is None:
            continue
        side = mine if owner == "mine" else theirs
        index = next(i for i, item in enumerate(side) if item["id"] == f"i{k}")
        if action == "remove":
            del side[index]
        else:
            side[index]["v"] += 10
    mine.extend({"id": f"m{k}", "v": k, "w": 0} for k in range(draw(st.integers(0, 2))))
    theirs.extend({"id": f"t{k}", "v": k, "w": 0} for k in range(draw(st.integers(0, 2))))
    return base, mine, theirs


@settings(max_examples=100, deadline=None)
@given(_disjoint_item_edits())
def test_edits_to_disjoint_items_are_all_kept_without_conflicts(case):
    base, mine, theirs = case
    merged, conflicts = merge3(base, mine, theirs)
    assert conflicts == []
    base_ids = {item["id"] for item in base}
    expected = {}
    for item in base:
        in_mine = next((i for i in mine if i["id"] == item["id"]), None)
        in_theirs = next((i for i in theirs if i["id"] == item["id"]), None)
        if in_mine is None or in_theirs is None:
            continue  # removed by one side, untouched by the other
        expected[item["id"]] = in_mine if in_mine != item else in_theirs
    for item in [*mine, *theirs]:
        if item["id"] not in base_ids:
            expected[item["id"]] = item
    assert {item["id"]: item for item in merged} == expected
    assert len(merged) == len(expected)
    # theirs' order first, then mine's new items
    their_ids = [i["id"] for i in theirs if i["id"] in expected]
    assert [item["id"] for item in merged][: len(their_ids)] == their_ids


_texts = st.sets(st.sampled_from(["a", "b", "c", "d", "e", "f"]))


@settings(max_examples=200, deadline=None)
@given(_texts, _texts, _texts, st.randoms(use_true_random=False))
def test_text_sets_keep_each_sides_additions_and_removals(base, mine, theirs, rnd):
    """A text is in the merge when both sides have it, or when it is new on either side."""
    as_list = [sorted(s, key=lambda _: rnd.random()) for s in (base, mine, theirs)]
    merged, conflicts = merge3(*as_list)
    expected = {x for x in base | mine | theirs
                if (x in mine and x in theirs) or (x not in base and (x in mine or x in theirs))}
    assert set(merged) == expected
    assert len(merged) == len(set(merged))
    assert conflicts == []


def test_a_section_names_its_item_keys_and_the_merge_needs_no_edit_for_a_new_one():
    from pydantic import Field

    from socialplaybook.rules.section import Section

    class Account(Section):
        ITEM_KEY = "handle"
        handle: str
        owner: str = ""

    class Accounts(Section):
        accounts: list[Account] = Field(default_factory=list)

    keys = item_keys(Accounts)
    assert keys == ("id", "handle")
    base = {"accounts": [{"handle": "@a", "owner": ""}]}
    mine = {"accounts": [{"handle": "@a", "owner": "Ann"}]}
    theirs = {"accounts": [{"handle": "@a", "owner": ""}, {"handle": "@b", "owner": "Bo"}]}
    merged, conflicts = merge3(base, mine, theirs, item_keys=keys)
    assert merged == {"accounts": [{"handle": "@a", "owner": "Ann"},
                                   {"handle": "@b", "owner": "Bo"}]}
    assert conflicts == []
    # without the section's keys the lists are one value each: mine wins, a conflict
    assert merge3(base, mine, theirs)[1]


def test_the_planning_section_keys_items_by_id_and_departments_by_department():
    assert item_keys(PlanningSection) == ("id", "department")
