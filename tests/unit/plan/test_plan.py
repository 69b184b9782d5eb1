"""The Plan model: defaults, validation rules, JSON round trip, errors and migrations."""

from __future__ import annotations

import json
import string
import unicodedata
from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

import socialplaybook.plan.schema as plan_module
from socialplaybook.plan.files import plan_from_json
from socialplaybook.plan.model import (
    TEAM_NAME_MAX_CHARS,
    Plan,
    PlanError,
    normalise_team_name,
    team_name_key,
)
from socialplaybook.plan.schema import SCHEMA_VERSION, migrate
from socialplaybook.steps.audit.section import AuditSection

SLUG_CHARS = set(string.ascii_lowercase + string.digits + "-")


def is_slug(statement_id: str) -> bool:
    """The statement-id rule, written independently of the model's regex."""
    return (
        1 <= len(statement_id) <= 64
        and set(statement_id) <= SLUG_CHARS
        and statement_id[0] != "-"
    )


def valid_plan_dict(**changes) -> dict:
    data = json.loads(Plan(team="Sales Nord", audit={"answers": {"no-plan": 3}}).to_json())
    data.update(changes)
    return data


def assert_one_line_plan_error(excinfo: pytest.ExceptionInfo) -> str:
    message = str(excinfo.value)
    assert message.strip(), "a PlanError must say what is wrong"
    assert "\n" not in message and "\r" not in message, repr(message)
    assert "Traceback" not in message
    return message


# -- defaults ------------------------------------------------------------------------


def test_defaults():
    before = datetime.now(timezone.utc)
    plan = Plan(team="Sales")
    after = datetime.now(timezone.utc)
    assert plan.schema_version == SCHEMA_VERSION
    assert plan.currency == "EUR"
    assert plan.audit.answers == {}
    assert plan.created_at.utcoffset() == timedelta(0)
    assert plan.updated_at.utcoffset() == timedelta(0)
    assert before <= plan.created_at <= plan.updated_at <= after


def test_plans_do_not_share_default_sections():
    first, second = Plan(team="A"), Plan(team="B")
    first.audit.answers = {"no-plan": 1}
    assert second.audit.answers == {}


def test_unknown_fields_are_refused():
    with pytest.raises(ValidationError):
        Plan(team="A", colour="red")
    with pytest.raises(ValidationError):
        AuditSection(answers={}, extra=1)


# -- team names ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "stored"),
    [
        ("Sales", "Sales"),
        ("  Sales  ", "Sales"),
        ("Sales   Nord  Oslo", "Sales Nord Oslo"),
        ("\tSales\n Nord ", "Sales Nord"),
        ("x" * TEAM_NAME_MAX_CHARS, "x" * TEAM_NAME_MAX_CHARS),
        # the limit applies after inner spaces are collapsed
        ("a" + " " * 10 + "b" * 58, "a " + "b" * 58),
        ("市场部", "市场部"),
        ("მარკეტინგი", "მარკეტინგი"),
    ],
)
def test_team_name_normalised(raw, stored):
    assert normalise_team_name(raw) == stored
    assert Plan(team=raw).team == stored


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        ("", "1 to 60"),
        ("   \t\n ", "1 to 60"),
        ("x" * (TEAM_NAME_MAX_CHARS + 1), "at most 60"),
        ("a" + " " * 10 + "b" * 59, "at most 60"),
        ("Sales\x00Nord", "control characters"),
        ("Sales\x7f", "control characters"),
        ("Sales\x1b[31m", "control characters"),
        ("\u200bSales", "control characters"),
        (42, "text"),
        (None, "text"),
    ],
)
def test_team_name_refused(raw, fragment):
    with pytest.raises(ValueError) as excinfo:
        normalise_team_name(raw)
    assert fragment in str(excinfo.value)
    with pytest.raises(ValidationError):
        Plan(team=raw)


def test_team_name_key_ignores_case_and_spacing():
    assert team_name_key("  SALES   nord ") == team_name_key("Sales Nord") == "sales nord"
    assert team_name_key("Sales Nord") != team_name_key("Sales North")


NAME_TEXT = st.one_of(
    st.text(),
    st.text(alphabet=" \t\n\r\x00\x1f\x7f\x85\u00a0\u2028\u3000\u200bab-", max_size=80),
    st.text(alphabet=st.characters(), min_size=55, max_size=70),
)


@given(NAME_TEXT)
@example("a" * 61)
@example(" " * 3 + "b" * 60 + " " * 3)
@example("a\x1fb")
def test_team_name_property(raw):
    try:
        name = normalise_team_name(raw)
    except ValueError as exc:
        assert str(exc).strip()
        return
    assert 1 <= len(name) <= TEAM_NAME_MAX_CHARS
    assert name == name.strip()
    assert "  " not in name
    assert not any(unicodedata.category(ch).startswith("C") for ch in name)
    assert normalise_team_name(name) == name


def test_team_name_assignment_is_validated_and_keeps_old_value():
    plan = Plan(team="Sales")
    with pytest.raises(ValidationError):
        plan.team = ""
    assert plan.team == "Sales"
    plan.team = "  New   name "
    assert plan.team == "New name"


# -- currency ----------------------------------------------------------------------------


@pytest.mark.parametrize(("raw", "stored"), [("EUR", "EUR"), ("eur", "EUR"), (" nok ", "NOK"),
                                             ("USD", "USD"), ("GEL", "GEL"), ("CNY", "CNY")])
def test_currency_accepted(raw, stored):
    assert Plan(team="A", currency=raw).currency == stored


@pytest.mark.parametrize("raw", ["XYZ", "", "EURO", "€", "E UR"])
def test_currency_refused(raw):
    with pytest.raises(ValidationError) as excinfo:
        Plan(team="A", currency=raw)
    assert "currency" in str(excinfo.value)


def test_currency_message_names_the_code_and_the_standard():
    with pytest.raises(ValidationError) as excinfo:
        Plan(team="A", currency="xyz")
    message = excinfo.value.errors()[0]["msg"]
    assert "XYZ" in message and "ISO 4217" in message


def test_currency_assignment_refused_keeps_old_value():
    plan = Plan(team="A", currency="NOK")
    with pytest.raises(ValidationError):
        plan.currency = "XYZ"
    assert plan.currency == "NOK"


# -- audit answers -------------------------------------------------------------------------


def test_audit_answers_in_range_are_kept_sorted():
    section = AuditSection(answers={"vanity-kpis": 4, "no-plan": 0, "a1": 2})
    assert section.answers == {"a1": 2, "no-plan": 0, "vanity-kpis": 4}
    assert list(section.answers) == ["a1", "no-plan", "vanity-kpis"]


@pytest.mark.parametrize("rating", [-1, 5, 100])
def test_audit_rating_out_of_range_refused(rating):
    with pytest.raises(ValidationError) as excinfo:
        AuditSection(answers={"no-plan": rating})
    message = excinfo.value.errors()[0]["msg"]
    assert "no-plan" in message and "0 to 4" in message and str(rating) in message


@pytest.mark.parametrize(
    "statement_id",
    ["", "No-Plan", "-no-plan", "no plan", "no_plan", "no-plan\n", "a" * 65, "ü", "1/2"],
)
def test_audit_statement_id_must_be_a_slug(statement_id):
    with pytest.raises(ValidationError):
        AuditSection(answers={statement_id: 1})


def test_audit_statement_id_length_limit():
    assert AuditSection(answers={"a" * 64: 1}).answers == {"a" * 64: 1}


def test_audit_assignment_is_validated():
    plan = Plan(team="A")
    with pytest.raises(ValidationError):
        plan.audit.answers = {"no-plan": 9}
    assert plan.audit.answers == {}


ANSWER_KEYS = st.one_of(
    st.from_regex(r"[a-z0-9][a-z0-9-]{0,20}", fullmatch=True),
    st.text(max_size=70),
    st.text(alphabet="abz09-_ A\n", min_size=0, max_size=6),
)


@given(st.dictionaries(ANSWER_KEYS, st.one_of(st.integers(-3, 7), st.integers()), max_size=8))
@example({"abc\n": 1})
@example({"a" * 64: 4, "b" * 65: 0})
def test_audit_answers_property(answers):
    expected_valid = all(is_slug(k) for k in answers) and all(0 <= v <= 4 for v in answers.values())
    if expected_valid:
        section = AuditSection(answers=answers)
        assert section.answers == answers
        assert list(section.answers) == sorted(answers)
    else:
        with pytest.raises(ValidationError):
            AuditSection(answers=answers)


# -- created / updated ------------------------------------------------------------------------


def test_updated_before_created_refused():
    created = datetime(2024, 5, 1, 12, 0, tzinfo=timezone.utc)
    with pytest.raises(ValidationError) as excinfo:
        Plan(team="A", created_at=created, updated_at=created - timedelta(microseconds=1))
    assert "before it was created" in str(excinfo.value)


def test_updated_equal_to_created_is_fine():
    moment = datetime(2024, 5, 1, 12, 0, tzinfo=timezone.utc)
    plan = Plan(team="A", created_at=moment, updated_at=moment)
    assert plan.created_at == plan.updated_at == moment


def test_order_compares_instants_across_offsets():
    created = datetime(2024, 5, 1, 12, 0, tzinfo=timezone.utc)
    # 13:30 at +02:00 is 11:30 UTC: before creation
    updated = datetime(2024, 5, 1, 13, 30, tzinfo=timezone(timedelta(hours=2)))
    with pytest.raises(ValidationError):
        Plan(team="A", created_at=created, updated_at=updated)


def test_naive_times_refused():
    with pytest.raises(ValidationError) as excinfo:
        Plan(team="A", created_at=datetime(2024, 1, 1), updated_at=datetime(2024, 1, 2))
    assert "time zone" in str(excinfo.value)


def test_touched_moves_updated_only():
    created = datetime(2020, 1, 1, tzinfo=timezone.utc)
    plan = Plan(team="A", created_at=created, updated_at=created)
    touched = plan.touched()
    assert touched.created_at == created
    assert touched.updated_at > plan.updated_at
    assert plan.updated_at == created  # the original is not changed


def test_touched_never_goes_before_created():
    future = datetime.now(timezone.utc) + timedelta(days=1)
    plan = Plan(team="A", created_at=future, updated_at=future)
    assert plan.touched().updated_at == future


# -- JSON --------------------------------------------------------------------------------------


def test_to_json_is_stable_and_readable():
    plan = Plan(team="Sales", currency="nok", audit={"answers": {"b-x": 1, "a-x": 2}})
    text = plan.to_json()
    assert text == plan.to_json()
    assert text.endswith("}\n")
    data = json.loads(text)
    assert data["schema_version"] == SCHEMA_VERSION
    assert data["team"] == "Sales" and data["currency"] == "NOK"
    assert list(data["audit"]["answers"]) == ["a-x", "b-x"]


def test_to_json_does_not_depend_on_answer_order():
    moment = datetime(2024, 5, 1, tzinfo=timezone.utc)
    first = Plan(team="A", created_at=moment, updated_at=moment,
                 audit={"answers": {"b": 1, "a": 2}})
    second = Plan(team="A", created_at=moment, updated_at=moment,
                  audit={"answers": {"a": 2, "b": 1}})
    assert first.to_json() == second.to_json()


SLUGS = st.from_regex(r"[a-z0-9][a-z0-9-]{0,63}", fullmatch=True)
TEAM_NAMES = st.text(min_size=1, max_size=70)
MOMENTS = st.datetimes(
    min_value=datetime(1970, 1, 2), max_value=datetime(9000, 1, 1),
    timezones=st.sampled_from([timezone.utc, timezone(timedelta(hours=5, minutes=30)),
                               timezone(timedelta(hours=-8))]),
)


@settings(deadline=None)
@given(
    answers=st.dictionaries(SLUGS, st.integers(0, 4), max_size=20),
    team=TEAM_NAMES,
    currency=st.sampled_from(["EUR", "usd", "NOK", "GEL", "CNY", "JPY"]),
    created=MOMENTS,
    later=st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=5000)),
)
def test_json_round_trip(answers, team, currency, created, later):
    try:
        normalise_team_name(team)
    except ValueError:
        assume(False)
    plan = Plan(team=team, currency=currency, created_at=created, updated_at=created + later,
                audit={"answers": answers})
    text = plan.to_json()
    again = plan_from_json(text)
    assert again == plan
    assert again.to_json() == text
    assert plan_from_json(text.encode("utf-8")) == plan


def test_json_round_trip_keeps_microseconds_and_offset():
    created = datetime(2024, 2, 29, 23, 59, 59, 999_999, tzinfo=timezone(timedelta(hours=4)))
    plan = Plan(team="A", created_at=created, updated_at=created)
    again = plan_from_json(plan.to_json())
    assert again.created_at == created
    assert again.created_at.utcoffset() == timedelta(hours=4)
    assert again.created_at.microsecond == 999_999


# -- plan_from_json errors ------------------------------------------------------------------


def _good_text() -> str:
    return Plan(team="Sales Nord", audit={"answers": {"no-plan": 3}}).to_json()


BAD_FILES = {
    "truncated": (lambda: _good_text()[: len(_good_text()) // 2], "not valid JSON"),
    "empty": (lambda: "", "not valid JSON"),
    "non-utf8": (lambda: _good_text().replace("Sales", "Caf\u00e9").encode("latin-1"), "UTF-8"),
    "list": (lambda: json.dumps([valid_plan_dict()]), "not a social-playbook plan"),
    "string": (lambda: json.dumps("plan"), "not a social-playbook plan"),
    "no schema_version": (
        lambda: json.dumps({k: v for k, v in valid_plan_dict().items() if k != "schema_version"}),
        "not a social-playbook plan"),
    "no team": (
        lambda: json.dumps({k: v for k, v in valid_plan_dict().items() if k != "team"}),
        "not a social-playbook plan"),
    "newer": (lambda: json.dumps(valid_plan_dict(schema_version=SCHEMA_VERSION + 1)), "newer"),
    "version 0": (lambda: json.dumps(valid_plan_dict(schema_version=0)), "schema_version"),
    "version -1": (lambda: json.dumps(valid_plan_dict(schema_version=-1)), "schema_version"),
    "version '1'": (lambda: json.dumps(valid_plan_dict(schema_version="1")), "schema_version"),
    "version true": (lambda: json.dumps(valid_plan_dict(schema_version=True)), "schema_version"),
    "version 1.0": (lambda: json.dumps(valid_plan_dict(schema_version=1.0)), "schema_version"),
    "version null": (lambda: json.dumps(valid_plan_dict(schema_version=None)), "schema_version"),
    "invalid rating": (
        lambda: json.dumps(valid_plan_dict(audit={"answers": {"no-plan": 7}})), "no-plan"),
    "bad currency": (lambda: json.dumps(valid_plan_dict(currency="XYZ")), "XYZ"),
    "bad team": (lambda: json.dumps(valid_plan_dict(team="")), "team"),
    "unknown field": (lambda: json.dumps(valid_plan_dict(colour="red")), "colour"),
    "bad date": (lambda: json.dumps(valid_plan_dict(created_at="yesterday")), "created_at"),
    # a statement id or currency holding a line break must not break the one-line message
    "id with newline": (
        lambda: json.dumps(valid_plan_dict(audit={"answers": {"bad\nid": 1}})), "statement id"),
    "currency with newline": (lambda: json.dumps(valid_plan_dict(currency="E\nUR")), "ISO 4217"),
    # hostile but small files: the json module raises RecursionError / ValueError on these
    "deep nesting": (lambda: "[" * 100_000, "JSON"),
    "huge integer": (lambda: '{"schema_version": 1' + "0" * 5000 + ', "team": "A"}', "JSON"),
}


@pytest.mark.parametrize("case", list(BAD_FILES), ids=list(BAD_FILES))
def test_plan_from_json_errors(case):
    make, fragment = BAD_FILES[case]
    with pytest.raises(PlanError) as excinfo:
        plan_from_json(make())
    message = assert_one_line_plan_error(excinfo)
    assert fragment in message


def test_newer_schema_message_says_what_to_do():
    with pytest.raises(PlanError) as excinfo:
        plan_from_json(json.dumps(valid_plan_dict(schema_version=SCHEMA_VERSION + 5)))
    message = str(excinfo.value)
    assert str(SCHEMA_VERSION + 5) in message and "Update social-playbook" in message


def test_plan_error_is_a_value_error():
    assert issubclass(PlanError, ValueError)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=12,
)
PLANISH = st.fixed_dictionaries(
    {
        "schema_version": st.one_of(st.integers(-2, SCHEMA_VERSION + 2), JSON_VALUES),
        "team": st.one_of(st.text(max_size=70), JSON_VALUES),
    },
    optional={
        "currency": st.one_of(st.sampled_from(["EUR", "eur", "XYZ", ""]), JSON_VALUES),
        "created_at": st.one_of(MOMENTS.map(datetime.isoformat), JSON_VALUES),
        "updated_at": st.one_of(MOMENTS.map(datetime.isoformat), JSON_VALUES),
        "audit": st.one_of(
            st.fixed_dictionaries(
                {"answers": st.dictionaries(ANSWER_KEYS, st.one_of(st.integers(-2, 6),
                                                                   JSON_VALUES), max_size=4)}),
            JSON_VALUES),
    },
)


@settings(deadline=None, max_examples=300)
@given(st.one_of(
    st.text(),
    st.binary(),
    JSON_VALUES.map(json.dumps),
    PLANISH.map(json.dumps),
    PLANISH.map(lambda d: json.dumps(d).encode("utf-8")),
    PLANISH.map(lambda d: json.dumps(d, ensure_ascii=False).encode("utf-16")),
))
@example(b"\xff\xfe\x00")
@example("\ufeff{}")
@example('{"schema_version": 1, "team": "A", "audit": {"answers": {"x": 1e400}}}')
def test_plan_from_json_raises_only_plan_error(content):
    try:
        plan = plan_from_json(content)
    except PlanError as exc:
        message = str(exc)
        assert message.strip()
        assert "\n" not in message
    else:
        assert isinstance(plan, Plan)
        assert plan.schema_version == SCHEMA_VERSION


# -- migrations -------------------------------------------------------------------------------


def _rename_ratings(data: dict) -> dict:
    """A pretend v1 -> v2 step: v1 kept the audit answers under ``audit.ratings``."""
    data = dict(data)
    audit = dict(data.get("audit", {}))
    if "ratings" in audit:
        audit["answers"] = audit.pop("ratings")
    data["audit"] = audit
    return data


def _v1_dict() -> dict:
    return {
        "schema_version": 1,
        "team": "Sales Nord",
        "currency": "NOK",
        "created_at": "2024-03-01T09:00:00Z",
        "updated_at": "2024-03-02T09:00:00Z",
        "audit": {"ratings": {"no-plan": 3, "vanity-kpis": 1}},
    }


@pytest.fixture
def schema_v2(monkeypatch):
    """Pretend the current schema is 2 and a v1 -> v2 migration step exists."""
    calls: list[int] = []

    def step(data: dict) -> dict:
        calls.append(data["schema_version"])
        return _rename_ratings(data)

    monkeypatch.setattr(plan_module, "SCHEMA_VERSION", 2)
    monkeypatch.setitem(plan_module.MIGRATIONS, 1, step)
    return calls


def test_v1_dict_is_not_a_valid_current_plan_without_migration():
    with pytest.raises(PlanError):
        plan_from_json(json.dumps(_v1_dict()))


def test_older_plan_is_migrated_on_load(schema_v2):
    original = _v1_dict()
    plan = plan_from_json(json.dumps(original))
    assert schema_v2 == [1]
    assert plan.schema_version == 2
    assert plan.audit.answers == {"no-plan": 3, "vanity-kpis": 1}
    assert plan.team == "Sales Nord" and plan.currency == "NOK"
    assert json.loads(plan.to_json())["schema_version"] == 2
    assert original == _v1_dict()  # the input is not changed


def test_current_plan_is_not_migrated(schema_v2):
    data = _v1_dict()
    data = _rename_ratings(data) | {"schema_version": 2}
    plan = plan_from_json(json.dumps(data))
    assert schema_v2 == []
    assert plan.audit.answers == {"no-plan": 3, "vanity-kpis": 1}


def test_newer_than_patched_schema_refused(schema_v2):
    with pytest.raises(PlanError) as excinfo:
        plan_from_json(json.dumps(_v1_dict() | {"schema_version": 3}))
    assert "newer" in str(excinfo.value)


def test_migrations_run_in_order(monkeypatch):
    order: list[int] = []

    def one_to_two(data):
        order.append(1)
        return _rename_ratings(data)

    def two_to_three(data):
        order.append(2)
        data = dict(data)
        data["currency"] = data.pop("money", "EUR")
        return data

    monkeypatch.setattr(plan_module, "SCHEMA_VERSION", 3)
    monkeypatch.setitem(plan_module.MIGRATIONS, 1, one_to_two)
    monkeypatch.setitem(plan_module.MIGRATIONS, 2, two_to_three)
    data = _v1_dict()
    data["money"] = data.pop("currency")
    migrated = migrate(data)
    assert order == [1, 2]
    assert migrated["schema_version"] == 3
    assert migrated["currency"] == "NOK" and "money" not in migrated
    plan = Plan.model_validate(data)
    assert plan.schema_version == 3 and plan.currency == "NOK"


@pytest.mark.parametrize("version", [0, -1, "1", True, 1.0, None])
def test_migrate_refuses_bad_versions(version):
    with pytest.raises(ValueError, match="schema_version"):
        migrate({"schema_version": version, "team": "A"})


def test_field_error_message_names_the_field_and_the_limit_in_plain_words():
    from pydantic import ValidationError

    from socialplaybook.rules.messages import field_error_message
    from socialplaybook.steps.planning.section import DepartmentResource, Goal

    with pytest.raises(ValidationError) as too_long:
        Goal(metric="x" * 130)
    assert field_error_message(too_long.value, {"metric": "Metric"}) == (
        "Metric: at most 120 characters")
    with pytest.raises(ValidationError) as too_many:
        DepartmentResource(department="sales", people=20_000)
    # The limit as the team writes numbers (was "10000", ungrouped in every locale).
    assert field_error_message(too_many.value, {"people": "People"}) == "People: at most 10,000"
    assert field_error_message(too_many.value, {"people": "Leute"}, "de") == (
        "Leute: at most 10.000")
    with pytest.raises(ValidationError) as too_much:
        Goal(baseline=2e12)
    assert field_error_message(too_much.value, locale="nb") == (
        "At most 1\xa0000\xa0000\xa0000\xa0000")
    with pytest.raises(ValidationError) as rule:
        DepartmentResource(department="sales", people=1, hours_per_week=200)
    assert field_error_message(rule.value) == (
        "1 person has at most 168 hours a week.")  # no typed number: its format is the team's
