"""The language a text is shown in: resolved when it is looked up, from the context, the
process or the shell; the catalogues read (and compiled when a .po is newer); lists and
plurals in each language's rules."""

from __future__ import annotations

import asyncio
import contextvars
import threading
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from socialplaybook import language as lang
from socialplaybook.language import (
    LANGUAGES,
    catalogue,
    compile_catalogue,
    content_text,
    current_language,
    language_tag,
    parse_language,
    set_process_language,
    use_language,
)
from socialplaybook.rules.dates import months_text
from socialplaybook.rules.i18n import _, language_labels, list_text, ngettext
from socialplaybook.rules.metrics import classify_metric

SAVED = "Saved · revision {n} · {time}"
SAVED_IN = {"en": SAVED, "de": "Gespeichert · Version {n} · {time}",
            "nb": "Lagret · versjon {n} · {time}", "zh_Hans": "已保存 · 第 {n} 版 · {time}",
            "ka": "შენახულია · ვერსია {n} · {time}"}


@pytest.mark.parametrize("tag, code", [
    ("en", "en"), ("EN-gb", "en"), ("de", "de"), ("de-AT", "de"), ("de_CH", "de"),
    ("nb", "nb"), ("nb-NO", "nb"), ("no", "nb"), ("zh", "zh_Hans"), ("zh-Hans", "zh_Hans"),
    ("zh_Hans", "zh_Hans"), ("zh-CN", "zh_Hans"), ("zh-Hans-CN", "zh_Hans"), ("ka", "ka"),
    ("ka-GE", "ka"), (" de ", "de"), ("nb_NO.UTF-8", "nb"), ("de_DE@euro", "de"),
    ("zh-TW", None), ("zh-Hant", None), ("zh_HK", None), ("nn", None), ("fr", None),
    ("", None), ("de--", None), ("d", None), ("<script>", None), ("de;rm -rf", None)])
def test_a_tag_names_one_of_the_five_languages_or_none(tag, code):
    assert parse_language(tag) == code


@given(st.one_of(st.text(max_size=30), st.none(), st.integers()))
def test_parsing_any_text_gives_a_language_or_none(text):
    assert parse_language(text) in (*LANGUAGES, None)


@pytest.mark.parametrize("code", LANGUAGES)
def test_each_language_reads_back_from_its_own_tag(code):
    assert parse_language(code) == code
    assert parse_language(language_tag(code)) == code
    assert language_tag("zh_Hans") == "zh-Hans"


def test_the_language_is_looked_up_when_a_text_is_not_at_import():
    assert _(SAVED) == SAVED
    for code, text in SAVED_IN.items():
        with use_language(code):
            assert current_language() == code
            assert _(SAVED) == text
    assert _(SAVED) == SAVED


def test_contexts_nest_and_unwind():
    with use_language("de"):
        with use_language("ka"):
            assert _("Your team") == "თქვენი გუნდი"
        assert _("Your team") == "Ihr Team"
    assert current_language() == "en"


def test_an_unknown_language_is_refused_by_the_context():
    with pytest.raises(ValueError):
        with use_language("fr"):
            pass


def test_the_shell_and_the_process_give_the_default(monkeypatch):
    monkeypatch.setenv("SOCIAL_PLAYBOOK_LANG", "nb_NO.UTF-8")
    assert current_language() == "nb"
    monkeypatch.setenv("SOCIAL_PLAYBOOK_LANG", "tlh")
    assert current_language() == "en"  # no catalogue: English
    set_process_language("zh_Hans")
    assert current_language() == "zh_Hans"
    with use_language("de"):  # the context wins
        assert current_language() == "de"
    set_process_language(None)
    assert current_language() == "en"


def test_two_threads_in_two_languages_keep_apart():
    seen: dict[str, list[str]] = {"de": [], "zh_Hans": []}
    barrier = threading.Barrier(2)

    def work(code: str) -> None:
        with use_language(code):
            for _round in range(50):
                barrier.wait()
                seen[code].append(_(SAVED))

    threads = [threading.Thread(target=work, args=(code,)) for code in seen]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert set(seen["de"]) == {SAVED_IN["de"]} and set(seen["zh_Hans"]) == {SAVED_IN["zh_Hans"]}


def test_two_tasks_on_one_loop_keep_apart():
    async def speak(code: str) -> list[str]:
        with use_language(code):
            texts = []
            for _round in range(20):
                await asyncio.sleep(0)  # the other task runs here
                texts.append(_(SAVED))
            return texts

    async def both():
        return await asyncio.gather(speak("ka"), speak("nb"))

    georgian, norwegian = asyncio.run(both())
    assert set(georgian) == {SAVED_IN["ka"]} and set(norwegian) == {SAVED_IN["nb"]}
    # a copied context carries its language into a callback run later
    with use_language("de"):
        copied = contextvars.copy_context()
    assert copied.run(lambda: _(SAVED)) == SAVED_IN["de"]


@pytest.mark.parametrize("code, one, three", [
    ("en", "1 month", "3 months"), ("de", "1 Monat", "3 Monate"),
    ("nb", "1 måned", "3 måneder"), ("zh_Hans", "1 个月", "3 个月"), ("ka", "1 თვე", "3 თვე")])
def test_plurals_follow_each_languages_rules(code, one, three):
    with use_language(code):
        assert months_text(1) == one and months_text(3) == three


@pytest.mark.parametrize("code, listed, either", [
    ("en", "A, B, and C", "A, B, or C"), ("de", "A, B und C", "A, B oder C"),
    ("nb", "A, B og C", "A, B eller C"), ("zh_Hans", "A、B和C", "A、B或C"),
    ("ka", "A, B და C", "A, B ან C")])
def test_lists_are_said_in_the_language(code, listed, either):
    with use_language(code):
        assert list_text(["A", "B", "C"]) == listed
        assert list_text(iter(["A", "B", "C"]), style="or") == either
        assert list_text(["A"]) == "A" and list_text([]) == ""


def test_each_language_is_offered_by_its_own_name():
    assert language_labels() == {
        "en": "English", "de": "Deutsch (German)", "nb": "Norsk (bokmål) (Norwegian (Bokmål))",
        "zh_Hans": "简体中文 (Chinese (Simplified))", "ka": "ქართული (Georgian)"}
    with use_language("ka"):
        assert language_labels()["ka"] == "ქართული"


@pytest.mark.parametrize("interface", LANGUAGES)
@pytest.mark.parametrize("phrase, kind", [
    ("Anzahl der Follower", "vanity"), ("Neukunden über Instagram", "outcome"),
    ("粉丝数", "vanity"), ("følgere på Instagram", "vanity"), ("salg fra Facebook", "outcome"),
    ("Followers", "vanity"), ("customers from followers", "outcome")])
def test_the_vanity_lexicon_reads_any_language_whatever_the_interface(interface, phrase,
                                                                       kind):
    with use_language(interface):
        assert classify_metric(phrase).kind == kind


# -- catalogues on disk ------------------------------------------------------------------------

PO = """msgid ""
msgstr ""
"Language: de\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"
"Content-Type: text/plain; charset=utf-8\\n"

msgid "Hello"
msgstr "{hello}"

#, fuzzy
msgid "Unsure"
msgstr "Unsicher"

msgid "{{n}} file"
msgid_plural "{{n}} files"
msgstr[0] "{{n}} Datei"
msgstr[1] ""

msgctxt "myths.csv:x:belief"
msgid "We post."
msgstr "Wir posten."
"""


@pytest.fixture
def locale_dir(tmp_path, monkeypatch) -> Path:
    monkeypatch.setattr(lang, "LOCALE_DIR", tmp_path)
    catalogue.cache_clear()
    yield tmp_path
    catalogue.cache_clear()


def _write_po(locale_dir: Path, hello: str, domain: str = "socialplaybook") -> Path:
    path = locale_dir / "de" / "LC_MESSAGES" / f"{domain}.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(PO.format(hello=hello), encoding="utf-8")
    return path


def test_a_po_without_a_mo_is_compiled_in_memory(locale_dir):
    _write_po(locale_dir, "Hallo")
    found = catalogue("socialplaybook", "de")
    assert found.gettext("Hello") == "Hallo"
    assert found.gettext("Unsure") == "Unsure"  # fuzzy: not confirmed, not shown
    assert found.pgettext("myths.csv:x:belief", "We post.") == "Wir posten."


def test_a_plural_missing_a_form_shows_the_english_not_an_empty_text(locale_dir):
    _write_po(locale_dir, "Hallo")
    found = catalogue("socialplaybook", "de")
    assert found.ngettext("{n} file", "{n} files", 1) == "{n} file"
    assert found.ngettext("{n} file", "{n} files", 3) == "{n} files"


def test_a_mo_is_read_unless_its_po_is_newer(locale_dir):
    import os

    po = _write_po(locale_dir, "Hallo")
    mo = po.with_suffix(".mo")
    mo.write_bytes(compile_catalogue(po))
    _write_po(locale_dir, "Servus")  # a translator's edit since
    os.utime(mo, (po.stat().st_mtime - 10, po.stat().st_mtime - 10))
    assert catalogue("socialplaybook", "de").gettext("Hello") == "Servus"
    catalogue.cache_clear()
    mo.write_bytes(compile_catalogue(po))  # compiled after the edit: the .mo is read
    po.unlink()
    assert catalogue("socialplaybook", "de").gettext("Hello") == "Servus"


def test_a_broken_catalogue_shows_english_and_says_so(locale_dir, caplog):
    path = locale_dir / "de" / "LC_MESSAGES" / "socialplaybook.mo"
    path.parent.mkdir(parents=True)
    path.write_bytes(b"not a catalogue")
    assert catalogue("socialplaybook", "de").gettext("Hello") == "Hello"
    assert "could not be read" in caplog.text


def test_content_is_found_by_its_context_and_falls_back_to_english(locale_dir):
    _write_po(locale_dir, "Hallo", domain="content")
    assert content_text("myths.csv:x:belief", "We post.", "de") == "Wir posten."
    # another row with the same English, or English changed since: the English
    assert content_text("myths.csv:y:belief", "We post.", "de") == "We post."
    assert content_text("myths.csv:x:belief", "We post daily.", "de") == "We post daily."
    assert content_text("myths.csv:x:belief", "", "de") == ""
    with use_language("de"):
        assert content_text("myths.csv:x:belief", "We post.") == "Wir posten."


def test_english_needs_no_catalogue():
    assert catalogue("socialplaybook", "en").gettext(SAVED) == SAVED
    assert ngettext("{n} month", "{n} months", 2) == "{n} months"
