"""The account inventory never keeps a secret: typical passwords, API keys, tokens and card
numbers are refused in every field; ordinary handles, addresses and names are accepted."""

from __future__ import annotations

import base64
import json
import string
from urllib.parse import quote

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from socialplaybook.rules.messages import field_error_message
from socialplaybook.steps.engagement.inventory import secret_message, secret_reason
from socialplaybook.steps.engagement.section import Account, EngagementSection

ALNUM = string.ascii_letters + string.digits
WORDS = ["summer", "winter", "harbour", "coffee", "monkey", "dragon", "sunshine", "welcome",
         "football", "bergen", "oslo", "berlin", "tbilisi", "shanghai", "kaffe", "password"]
SYMBOLS = "!@#$%&*?+="


def luhn_digit(digits: str) -> str:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 0:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return str((10 - total % 10) % 10)


# -- secrets ----------------------------------------------------------------------------------

human_passwords = st.builds(
    lambda word, digits, symbol, capital: (word.capitalize() if capital else word) + digits
    + symbol, st.sampled_from(WORDS), st.from_regex(r"[0-9]{1,4}", fullmatch=True),
    st.sampled_from(SYMBOLS), st.booleans())
leet_passwords = st.builds(
    lambda word, digits: word.replace("a", "@").replace("o", "0").replace("s", "$") + digits,
    st.sampled_from(["password", "passwort", "passord", "sommer", "kaffe"]),
    st.from_regex(r"[0-9]{1,3}!?", fullmatch=True)).filter(lambda p: any(c in p for c in "@$0"))
# A leading "@" or "#" alone reads as a handle or a hashtag ("@HarbourCafe2024"): a
# generated password has a symbol after its first character.
generated_passwords = st.text(alphabet=ALNUM + SYMBOLS, min_size=12, max_size=40).filter(
    lambda p: any(c.islower() for c in p) and any(c.isupper() for c in p)
    and any(c.isdigit() for c in p) and any(c in SYMBOLS for c in p[1:]))
common_passwords = st.sampled_from(["password", "Password1", "qwerty123", "123456789",
                                    "letmein", "iloveyou", "hunter2", "abc123", "trustno1",
                                    "P@ssw0rd", "1q2w3e4r", "changeme"])


def keyed(prefix: str, size: int, alphabet: str = ALNUM) -> st.SearchStrategy[str]:
    return st.text(alphabet=alphabet, min_size=size, max_size=size).filter(
        lambda tail: any(c.isdigit() for c in tail) and any(c.isalpha() for c in tail)).map(
        lambda tail: prefix + tail)


api_keys = st.one_of(
    keyed("sk-", 48), keyed("sk-proj-", 40), keyed("sk_live_", 24), keyed("ghp_", 36),
    keyed("github_pat_", 40, ALNUM + "_"), keyed("glpat-", 20), keyed("xoxb-", 30, ALNUM + "-"),
    keyed("AIza", 35, ALNUM + "-_"), keyed("EAAB", 120),
    st.from_regex(r"AKIA[A-Z0-9]{16}", fullmatch=True),
    st.from_regex(r"[0-9a-f]{32,64}", fullmatch=True).filter(
        lambda h: any(c.isdigit() for c in h) and any(c.isalpha() for c in h)))


def _b64(data: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")


jwts = st.builds(lambda sub, sig: f"{_b64({'alg': 'HS256', 'typ': 'JWT'})}."
                 f"{_b64({'sub': sub, 'iat': 1700000000})}.{sig}",
                 st.text(alphabet=ALNUM, min_size=1, max_size=20),
                 st.text(alphabet=ALNUM + "-_", min_size=20, max_size=60))
random_tokens = st.text(alphabet=ALNUM + "+/=-_", min_size=32, max_size=64).filter(
    lambda t: sum((any(c.islower() for c in t), any(c.isupper() for c in t),
                   any(c.isdigit() for c in t))) == 3 and len(set(t)) > 20)


@st.composite
def card_numbers(draw) -> str:
    prefix, length = draw(st.sampled_from([("4", 16), ("4", 13), ("51", 16), ("55", 16),
                                           ("2221", 16), ("34", 15), ("37", 15),
                                           ("6011", 16), ("35", 16), ("62", 19)]))
    body = prefix + draw(st.from_regex(rf"[0-9]{{{length - len(prefix) - 1}}}", fullmatch=True))
    number = body + luhn_digit(body)
    separator = draw(st.sampled_from(["", " ", "-"]))
    return separator.join(number[i:i + 4] for i in range(0, len(number), 4))


# Inside other words a common password is a word ("the password manager"): alone it is one.
SECRETS_IN_TEXT = st.one_of(human_passwords, leet_passwords, generated_passwords, api_keys,
                            jwts, random_tokens, card_numbers())
SECRETS = st.one_of(SECRETS_IN_TEXT, common_passwords)
WRAPS = st.sampled_from(["{}", "login {}", "{} (new)", "https://example.com/?token={}"])


@settings(max_examples=400, deadline=None)
@given(SECRETS)
def test_typical_passwords_keys_tokens_and_card_numbers_are_secrets(secret):
    assert secret_reason(secret) is not None, secret


@settings(max_examples=150, deadline=None)
@given(st.one_of(st.tuples(SECRETS_IN_TEXT, WRAPS),
                 st.tuples(common_passwords, st.just("{}"))),
       st.sampled_from(["handle", "url", "owner", "backup_owner", "login_kept_in",
                        "platform", "access"]))
def test_a_secret_in_any_field_of_an_account_is_refused_and_not_kept(typed, field):
    secret, wrap = typed
    value = (wrap.format(secret) if field != "url"
             else f"https://example.com/?key={quote(secret, safe='')}")  # as a link carries it
    data = {"platform": "Instagram", field: [value] if field == "access" else value}
    with pytest.raises(ValidationError, match="it was not saved") as refused:
        Account(**data)
    shown = field_error_message(refused.value)  # what the person reads at the field
    if secret not in secret_message("x"):  # "password" is a word of the message itself
        assert secret not in shown  # the message never repeats the secret
    section = EngagementSection(accounts=[Account(id="ig", platform="Instagram")])
    with pytest.raises(ValidationError):
        section.accounts = [{**section.accounts[0].model_dump(), **data}]
    assert section.accounts == [Account(id="ig", platform="Instagram")]  # the last valid kept
    assert secret not in section.model_dump_json()


@pytest.mark.parametrize("text", [
    "password: hunter22", "Passwort = Sommer", "token=abc123def", "api key: 9f8e7d6c5b",
    "密码：abc12345", "პაროლი: kafe2024", "-----BEGIN RSA PRIVATE KEY-----",
    "login with 4111 1111 1111 1111", "https://x.com/cb?access_token=" + "Ab3" * 10])
def test_labelled_and_embedded_secrets(text):
    assert secret_reason(text) is not None


# -- ordinary values ----------------------------------------------------------------------------

handles = st.from_regex(r"@?[a-z][a-z0-9_.]{2,29}", fullmatch=True)
urls = st.builds(lambda host, tld, path: f"https://{host}.{tld}/{path}",
                 st.from_regex(r"(www\.)?[a-z][a-z0-9-]{1,20}", fullmatch=True),
                 st.sampled_from(["com", "no", "de", "ge", "cn", "co.uk"]),
                 st.from_regex(r"([a-z][a-z0-9-]{0,20}/){0,3}[a-z0-9-]{0,20}", fullmatch=True))
names = st.from_regex(r"[A-ZÆØÅÄÖÜ][a-zæøåäöüé]{1,12}( [A-Z][a-z]{1,14}){0,2}",
                      fullmatch=True)
ORDINARY = ["@harbourcafe", "harbour_cafe.bergen", "Harbour Café", "Kari Nordmann",
            "Jean-Luc O'Brien", "李雷", "ნინო ბერიძე", "1Password, vault 'Social'",
            "Bitwarden (team vault)", "https://www.linkedin.com/company/harbour-cafe",
            "https://www.youtube.com/channel/UCBR8-60-B28hp2BmDPdntcQ",
            "https://www.facebook.com/profile.php?id=100064123456789",
            "Open 9:30am-5pm", "+47 912 34 567", "org. nr. 912 345 678", "kari@harbour.no",
            "Marketing lead", "iPhone15Pro", "#coffee2024", "the password manager"]


@settings(max_examples=300, deadline=None)
@given(st.one_of(handles, urls, names))
def test_ordinary_handles_addresses_and_names_are_accepted(value):
    assert secret_reason(value) is None, value
    account = Account(platform="Instagram", handle=value, owner=value, url=value)
    assert account.handle == value.strip()


@pytest.mark.parametrize("value", ORDINARY)
def test_everyday_values_are_not_secrets(value):
    assert secret_reason(value) is None
