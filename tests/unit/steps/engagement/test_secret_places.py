"""Where a login is kept is not a secret: "密码管理器" (password manager), a vault,
1Password, Bitwarden, KeePass, "Passwortmanager", "passordbehandler", also after a
password's label ("密码：密码管理器", "Passwort: im Passwortmanager"); a label followed by a
real-looking secret still is one."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from socialplaybook.plan.scenarios import load_scenario
from socialplaybook.steps.engagement.inventory import secret_reason
from socialplaybook.steps.engagement.section import Account

PLACES = ["password manager", "the password manager", "our vault", "1Password",
          "Bitwarden", "KeePass", "KeePassXC", "LastPass", "密码管理器", "Passwortmanager",
          "Passwort-Manager", "passordbehandler", "passordbehandleren", "1Password 团队保险库",
          "Bitwarden-Tresor", "პაროლების მენეჯერი"]
LABELS = ["password: ", "Password = ", "Passwort: ", "passord: ", "Kennwort: ", "pwd=",
          "密码：", "密码", "密码 ", "პაროლი: "]


@pytest.mark.parametrize("text", [
    # English
    "password manager", "Password: in our password manager", "password: 1Password",
    "Password: Bitwarden (team vault)", "password: KeePass", "pass: vault",
    # Chinese
    "密码管理器", "密码：密码管理器", "密码保存在1Password 团队保险库", "密码在密码管理器里",
    "团队密码管理器（Bitwarden）",
    # German
    "Passwortmanager", "Passwort: im Passwortmanager", "Kennwort: Passwort-Manager (Team-Tresor)",
    "Passwort: KeePass",
    # Norwegian
    "passordbehandler", "Passord: i passordbehandleren", "passord: Bitwarden-hvelvet",
])
def test_a_place_where_the_login_is_kept_is_not_a_secret(text):
    assert secret_reason(text) is None, text
    assert Account(platform="Douyin", login_kept_in=text).login_kept_in == text


@pytest.mark.parametrize("text", [
    "password: hunter22", "Password: Sommer2024!", "password: 1Password123",
    "密码：abc12345", "密码 qwerty123", "密码：管理员2024", "Passwort: Kaffeebohne7",
    "Passwort = Sommer", "passord=Kanelbolle7", "Passord: bitwarden99",
    "პაროლი: kafe2024",
])
def test_a_label_followed_by_a_secret_still_is_one(text):
    assert secret_reason(text) is not None, text


SECRET_VALUES = st.text(alphabet="abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ0123456789",
                        min_size=4, max_size=20).filter(
    lambda v: any(c.isdigit() for c in v) and any(c.isalpha() for c in v))


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(LABELS), st.sampled_from(PLACES))
def test_any_label_before_any_place_is_accepted(label, place):
    assert secret_reason(label + place) is None, label + place
    assert secret_reason(place) is None, place


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(LABELS), SECRET_VALUES, st.sampled_from(["", " ", " (new)"]))
def test_any_label_before_a_secret_is_refused(label, value, after):
    assert secret_reason(label + value + after) is not None, label + value


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(LABELS), st.sampled_from(PLACES), SECRET_VALUES)
def test_a_place_glued_to_a_secret_is_refused(label, place, value):
    """"password: 1Password123": a place name with a secret written onto it. (Onto the
    last word of a longer place, "1Password 团队保险库000A", the label is followed by the
    place and the rest is judged as any text: four characters without a symbol are not.)"""
    if " " in place:
        return
    assert secret_reason(f"{label}{place}{value}") is not None, (label, place, value)


@pytest.mark.parametrize("text", ["vault!x9Qz#", "password: vault!x9Qz#", "pwd=Bitwarden#7x",
                                  "1Password-Sommer2024!"])
def test_a_secret_written_onto_a_place_is_refused(text):
    assert secret_reason(text) is not None, text


def test_lanxi_keeps_its_logins_in_its_password_manager():
    kept = {a.login_kept_in for a in load_scenario("shanghai-skincare").engagement.accounts
            if a.login_kept_in}
    assert kept == {"密码管理器（1Password 团队保险库）"}
