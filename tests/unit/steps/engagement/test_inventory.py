"""The account inventory's alerts, and its rows seeded from the platforms step (one list)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from pydantic import ValidationError

from socialplaybook.steps.engagement.inputs import platform_names
from socialplaybook.steps.engagement.inventory import (
    account_alerts,
    account_rows,
    inventory_checks,
)
from socialplaybook.steps.engagement.section import Account, EngagementSection
from socialplaybook.steps.platforms.handles import handle_checklist
from socialplaybook.steps.platforms.profiles import load_platform_profiles
from socialplaybook.steps.platforms.section import PlatformChoice, PlatformsSection

TODAY = date(2030, 6, 1)


def safe_account(**changes) -> Account:
    return Account(**{"id": "ig", "platform": "Instagram", "handle": "@harbour",
                      "owner": "Kari", "backup_owner": "Ola", "two_factor": True,
                      "last_credential_change": TODAY - timedelta(days=10),
                      "access": ["Kari", "Ola"], "login_kept_in": "1Password", **changes})


def kinds(checks) -> list[str]:
    return [check.key.split("-")[0] for check in checks if check.level != "ok"]


def test_a_well_kept_account_has_no_alert():
    assert account_alerts(safe_account(), [], TODAY, 90) == []


@pytest.mark.parametrize("changes, people_left, expected", [
    ({"two_factor": False}, [], ["2fa"]),
    ({"last_credential_change": TODAY - timedelta(days=91)}, [], ["age"]),
    ({"last_credential_change": TODAY - timedelta(days=90)}, [], []),  # 90 is not older
    ({"last_credential_change": None}, [], ["age"]),
    ({}, ["kari"], ["left"]),  # the owner, however the name is written
    ({}, ["  Ola "], ["left"]),  # the backup and the access list count too
    ({"shared_login": True}, [], ["shared"]),
    ({"shared_login": True, "access": ["Kari"]}, [], []),  # one person: nothing shared
    ({"owner": "", "backup_owner": ""}, [], ["owner"]),
    ({"status": "to_close", "two_factor": False, "last_credential_change": None}, [], []),
    ({"status": "to_close", "owner": ""}, ["Ola"], ["owner", "left"]),
])
def test_each_alert(changes, people_left, expected):
    alerts = account_alerts(safe_account(**changes), people_left, TODAY, 90)
    assert kinds(alerts) == expected
    assert all(alert.level in ("warning", "todo") and alert.why for alert in alerts)


def test_the_age_alert_uses_the_teams_rule_and_says_so():
    old = safe_account(last_credential_change=TODAY - timedelta(days=40))
    assert account_alerts(old, [], TODAY, 90) == []
    alert = account_alerts(old, [], TODAY, 30)[0]
    assert "40 days ago, more than 30" in alert.message
    assert "every 30 days" in alert.why and "NIST" in alert.why
    ancient = safe_account(last_credential_change=TODAY - timedelta(days=4000))
    assert "4 000 days ago, more than 3 650" in account_alerts(ancient, [], TODAY, 3650,
                                                               "nb")[0].message.replace(
        "\xa0", " ").replace("\u202f", " ")  # written the team's way


def test_an_account_without_platform_is_refused():
    with pytest.raises(ValidationError, match="needs its platform"):
        Account(platform="   ")
    with pytest.raises(ValidationError):
        Account()


def test_a_credential_change_dated_in_the_future_is_questioned_not_refused():
    # a rule on the model would depend on the clock of the machine that reads the plan
    account = safe_account(last_credential_change=TODAY + timedelta(days=5))
    assert [a.message for a in account_alerts(account, [], TODAY, 90)] == [
        "@harbour: the credentials' last change is dated in the future; check the date."]


def test_people_left_and_access_are_tidied():
    section = EngagementSection(people_left=[" Kari  Nordmann ", "", "Kari Nordmann"],
                                accounts=[Account(platform="X", access=["a", " a ", ""])])
    assert section.people_left == ["Kari Nordmann"]
    assert section.accounts[0].access == ["a"]


# -- one list: the platforms step's handles are the inventory's first rows ----------------------


def platforms() -> PlatformsSection:
    return PlatformsSection(
        choices=[PlatformChoice(id="instagram", platform="Instagram", role="primary"),
                 PlatformChoice(id="tiktok", platform="TikTok", role="handle_only")],
        handles={"instagram": True, "x": True, "linkedin": False})


def test_chosen_and_reserved_platforms_are_rows_until_the_team_stores_one():
    rows = account_rows([], platforms(), platform_names(platforms()))
    assert [(r.account.id, r.account.platform, r.account.status, r.stored) for r in rows] == [
        ("instagram", "Instagram", "active", False), ("tiktok", "TikTok", "reserve", False),
        ("x", "X", "reserve", False)]
    stored = [Account(id="instagram", platform="Instagram", handle="@harbour")]
    rows = account_rows(stored, platforms(), platform_names(platforms()))
    assert [(r.account.id, r.stored) for r in rows] == [("instagram", True), ("tiktok", False),
                                                        ("x", False)]
    # an account of its own id, on the platform of a chosen one, covers it too
    rows = account_rows([Account(id="acct-1", platform="TikTok")], platforms())
    assert [r.account.id for r in rows] == ["acct-1", "instagram", "x"]


def test_a_row_from_the_platforms_step_asks_to_be_filled_in_once():
    rows = account_rows([], platforms(), platform_names(platforms()))
    checks = inventory_checks(rows, [], TODAY, 90)
    assert [c.key for c in checks] == ["fill-instagram", "fill-tiktok", "fill-x"]
    assert inventory_checks([], [], TODAY, 90)[0].level == "todo"
    stored = account_rows([safe_account()], None)
    assert [c.level for c in inventory_checks(stored, [], TODAY, 90)] == ["ok"]


def test_the_platforms_steps_handle_checklist_shows_the_inventorys_rows():
    section = platforms()
    rows = account_rows([Account(id="instagram", platform="Instagram", handle="@harbour"),
                         Account(id="yt", platform="YouTube", handle="@harbourtv")], section,
                        platform_names(section))
    lines = {line.id: line for line in handle_checklist(section, load_platform_profiles(),
                                                        rows)}
    assert lines["instagram"].handle == "@harbour" and lines["instagram"].in_inventory
    assert lines["youtube"].reserved and lines["youtube"].handle == "@harbourtv"
    assert lines["tiktok"].in_inventory and not lines["tiktok"].reserved  # no handle yet
    assert lines["x"].reserved  # ticked in step 3: a row of the inventory to fill in
    assert not lines["facebook"].in_inventory and not lines["facebook"].reserved
