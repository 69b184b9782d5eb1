"""The datasets the core reads: myths.csv, the quoted passages in myth_sources.csv, and
their links to the seeds and the workshop steps."""

from __future__ import annotations

import csv
import os
import re
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from socialplaybook import datasets as data
from socialplaybook.datasets import (
    AREAS,
    DATA_DIR,
    MYTH_SOURCE_COLUMNS,
    SEED_LANGUAGES,
    Myth,
    datasets_dir,
    load_kpi_catalog,
    load_myth_sources,
    load_myths,
    notebooks_dir,
)
from socialplaybook.steps.audit.section import AuditSection
from socialplaybook.steps.registry import step_for_area, workshop_steps


def find_seeds_dir() -> Path | None:
    """The seed articles: ``$SOCIAL_PLAYBOOK_SEEDS``, else ``shared/seeds`` beside the clone
    (how CI and the workshop machines lay it out: ``<clone>/../shared/seeds``), found from
    this file whether or not the clone's path goes through a symlink."""
    if os.environ.get("SOCIAL_PLAYBOOK_SEEDS"):
        return Path(os.environ["SOCIAL_PLAYBOOK_SEEDS"])
    here = Path(__file__)
    for clone in (here.resolve().parents[2], Path(os.path.abspath(here)).parents[2]):
        for candidate in (clone.parent / "shared" / "seeds", clone / "shared" / "seeds"):
            if candidate.is_dir():
                return candidate
    return None


SEEDS_DIR = find_seeds_dir()


def seeds_dir() -> Path:
    """The seeds folder; skip only when it is really not there (and never in CI)."""
    if SEEDS_DIR is None or not SEEDS_DIR.is_dir():
        message = ("no seed articles: looked for $SOCIAL_PLAYBOOK_SEEDS and shared/seeds "
                   f"beside {Path(__file__).resolve().parents[2]}")
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return SEEDS_DIR


def test_data_dir_holds_myths():
    assert DATA_DIR.is_absolute()
    assert (DATA_DIR / "myths.csv").is_file()
    # the loaders' folder is the packaged datasets/ unless the environment names another
    # (DATA_DIR was datasets_dir() at import: comparing the two compared it with itself)
    import socialplaybook._datasets

    override = os.environ.get(data.DATA_ENV_VAR)
    assert DATA_DIR == (Path(override).resolve() if override
                        else Path(socialplaybook._datasets.__file__).resolve().parent)


def test_folders_come_from_the_installed_package(monkeypatch):
    """Found through importlib.resources (the package), not the working directory."""
    monkeypatch.delenv(data.DATA_ENV_VAR, raising=False)
    monkeypatch.chdir("/")
    import socialplaybook._datasets
    import socialplaybook._notebooks

    assert datasets_dir() == Path(socialplaybook._datasets.__file__).resolve().parent
    assert notebooks_dir() == Path(socialplaybook._notebooks.__file__).resolve().parent
    # the checkout's own folders (an editable install maps the packages onto them)
    repo = Path(__file__).resolve().parents[2]
    assert (datasets_dir(), notebooks_dir()) == (repo / "datasets", repo / "notebooks")
    assert (datasets_dir() / "myths.csv").is_file()
    assert {"00-start-here.ipynb", "01-myth-audit.ipynb"} <= {
        p.name for p in notebooks_dir().glob("*.ipynb")}


def test_data_env_var_overrides_the_datasets_folder(monkeypatch, tmp_path):
    monkeypatch.setenv(data.DATA_ENV_VAR, str(tmp_path))
    assert datasets_dir() == tmp_path.resolve()


def test_myths_load():
    myths = load_myths()
    assert isinstance(myths, tuple)
    assert len(myths) >= 20
    for m in myths:
        assert m.id and m.belief.strip() and m.instead.strip() and m.seed.strip()


def test_myth_ids_are_unique():
    counts = Counter(m.id for m in load_myths())
    assert [statement_id for statement_id, n in counts.items() if n > 1] == []


def test_myth_ids_are_valid_statement_ids():
    # a team must be able to answer every statement
    answers = {m.id: 0 for m in load_myths()}
    assert AuditSection(answers=answers).answers == dict(sorted(answers.items()))


def test_every_area_has_statements():
    areas = Counter(m.area for m in load_myths())
    assert set(areas) == set(AREAS)
    assert all(areas[area] >= 1 for area in AREAS)


def test_every_module_is_a_workshop_step_or_policy():
    allowed = {step.key for step in workshop_steps()} | {"policy"}
    assert {m.module for m in load_myths()} <= allowed
    for m in load_myths():
        assert step_for_area(m.module).key in {s.key for s in workshop_steps()}


def test_every_seed_file_exists():
    seeds = seeds_dir()
    assert sorted(seeds.glob("*.txt")), f"{seeds} holds no seed articles"
    missing = sorted({m.seed for m in load_myths() if not (seeds / m.seed).is_file()})
    assert missing == []


def test_every_seed_is_used():
    seeds = {p.name for p in seeds_dir().glob("*.txt")}
    assert seeds <= {m.seed for m in load_myths()}


def test_step_for_area():
    assert step_for_area("policy").key == "engagement"
    assert step_for_area("engagement").key == "engagement"
    for area in AREAS:
        step = step_for_area(area)
        assert step.app_path == f"voila/render/{step.notebook}"


def test_load_myths_refuses_unknown_area(tmp_path):
    path = tmp_path / "myths.csv"
    path.write_text(
        "id,area,belief,instead,seed,module\n"
        "x-1,astrology,b,i,s.txt,planning\n", encoding="utf-8")
    with pytest.raises(ValueError, match="x-1"):
        load_myths(path)


def test_load_myths_refuses_unknown_module(tmp_path):
    path = tmp_path / "myths.csv"
    path.write_text(
        "id,area,belief,instead,seed,module\n"
        "x-2,planning,b,i,s.txt,playbook\n", encoding="utf-8")
    with pytest.raises(ValueError, match="x-2"):
        load_myths(path)


def test_load_myths_keeps_text_as_written(tmp_path):
    """Every cell is text: an empty cell stays "", "NA" and "007" are not numbers or NaN."""
    path = tmp_path / "myths.csv"
    path.write_text(
        "id,area,belief,instead,seed,module\n"
        '007,kpis,NA,"two, lines\nhere",,kpis\n', encoding="utf-8")
    assert load_myths(path) == (
        Myth(id="007", area="kpis", belief="NA", instead="two, lines\nhere", seed="",
             module="kpis"),)


def test_load_myths_refuses_other_columns(tmp_path):
    path = tmp_path / "myths.csv"
    path.write_text("id,area,belief\nx-3,planning,b\n", encoding="utf-8")
    with pytest.raises(ValueError, match="columns"):
        load_myths(path)


# -- myth_sources.csv: the passage each statement rests on -------------------------------

QUOTE_MAX, ENGLISH_MAX, NOTE_MAX = 260, 260, 400
BELIEF_MAX, INSTEAD_MAX = 110, 260  # as datasets/README.md states
KARR_GEORGIAN = "002_30ff9be63327c4e2.txt"  # reverses one sentence of the German (001)


def sentences(text: str) -> int:
    """How many sentences ``text`` holds (a Chinese full stop, or . ? ! before a space or
    the end; a passage cut at a colon counts as one more)."""
    ends = len(re.findall(r"。|[.!?](?:\s|$)", text))
    return ends + (0 if re.search(r"[。.!?]$", text) else 1)


def test_every_myth_has_its_quoted_passage():
    myths, sources = load_myths(), load_myth_sources()
    assert list(sources) == [m.id for m in myths]  # the same ids, in the same order
    for m in myths:
        source = sources[m.id]
        assert source.seed == m.seed, m.id
        assert source.quote.strip() == source.quote and source.quote, m.id
        assert source.english.strip() and source.english != source.quote, m.id


def test_quotes_are_in_the_language_of_their_seed():
    assert set(SEED_LANGUAGES.values()) == {"zh", "de", "ka", "nb"}
    scripts = {"zh": r"[\u4e00-\u9fff]", "ka": r"[\u10d0-\u10ff]",
               "de": r"[äöüß]|\b(?:und|nicht|der|die|das|ist|aber)\b",
               "nb": r"[æøå]|\b(?:og|er|det|som|ikke|skal|eller|du)\b"}
    for source in load_myth_sources().values():
        assert source.language == SEED_LANGUAGES[source.seed[:3]], source.id
        assert re.search(scripts[source.language], source.quote), source.id
        assert not re.search(r"[\u4e00-\u9fff\u10d0-\u10ff]", source.english), source.id


def test_quotes_are_short():
    for source in load_myth_sources().values():
        assert len(source.quote) <= QUOTE_MAX, source.id
        assert 1 <= sentences(source.quote) <= 2, source.id
        assert len(source.english) <= ENGLISH_MAX, source.id
        assert len(source.note) <= NOTE_MAX, source.id
    for m in load_myths():
        assert len(m.belief) <= BELIEF_MAX and len(m.instead) <= INSTEAD_MAX, m.id


def test_each_quote_occurs_verbatim_in_the_seed_it_cites():
    seeds = seeds_dir()
    texts = {path.name: path.read_text(encoding="utf-8") for path in seeds.glob("*.txt")}
    missing = [s.id for s in load_myth_sources().values()
               if s.quote not in texts.get(s.seed, "")]
    assert missing == []


def test_words_quoted_in_notes_occur_in_the_seeds():
    """A note may quote the original (a reversed sentence, a word): those words are verbatim."""
    texts = [path.read_text(encoding="utf-8") for path in seeds_dir().glob("*.txt")]
    quoted = 0
    for source in load_myth_sources().values():
        for run in re.findall(r"[\u4e00-\u9fff\u10d0-\u10ff][\u4e00-\u9fff\u10d0-\u10ff ]*",
                              source.note):
            quoted += 1
            assert any(run.strip() in text for text in texts), (source.id, run)
    assert quoted >= 3


def test_the_georgian_reversal_is_said_where_both_translations_are_cited():
    sources = load_myth_sources()
    reversed_row = sources["only-a-marketing-channel"]
    assert reversed_row.seed.startswith("001")
    assert "002" in reversed_row.note and "reverses" in reversed_row.note
    georgian = seeds_dir() / KARR_GEORGIAN
    clause = re.search(r"[\u10d0-\u10ff][\u10d0-\u10ff ]+", reversed_row.note).group()
    assert clause in georgian.read_text(encoding="utf-8")
    for source in sources.values():
        if source.seed == KARR_GEORGIAN:
            assert "reverses" in source.note and "only-a-marketing-channel" in source.note
    readme = (DATA_DIR / "README.md").read_text(encoding="utf-8")
    assert "reverses" in readme and "myth_sources.csv" in readme


def test_the_georgian_reversal_is_said_where_the_kpi_catalog_cites_both_translations():
    """A catalog KPI that cites seeds 001/002 for the reversed passage (the complaint met
    first, and whether answering it matters) says that 002 reverses it; so does the
    catalog's key for the article in datasets/README.md."""
    about_the_passage = [kpi for kpi in load_kpi_catalog()
                         if re.search(r"(complaint|answer|respond)[^.]*\(seeds 001/002\)",
                                      kpi.why, re.IGNORECASE)]
    assert "complaints-resolved" in [kpi.id for kpi in about_the_passage]
    for kpi in about_the_passage:
        assert "002 reverses" in kpi.why and "we follow 001" in kpi.why, kpi.id
    readme = (DATA_DIR / "README.md").read_text(encoding="utf-8")
    key = next(line for line in readme.splitlines() if line.startswith("| `seed-001` |"))
    assert "German and Georgian" in key and "reverses" in key
    assert "only-a-marketing-channel" in key


def test_the_age_study_is_not_shown_as_a_current_figure():
    myths = {m.id: m for m in load_myths()}
    source = load_myth_sources()["not-for-our-audience"]
    assert "微信" in source.quote  # the article is quoted as it stands
    assert "GlobalWebIndex, 2013" in source.note and "Twitter" in source.note
    instead = myths["not-for-our-audience"].instead
    assert "WeChat" not in instead and "55-64" not in instead
    assert "Pew" in instead and "Eurostat" in instead


def test_reworded_automation_and_kept_concessions():
    myths = {m.id: m for m in load_myths()}
    assert "schedul" not in myths["relying-on-automation"].belief.lower()
    assert "canned" in myths["relying-on-automation"].belief.lower()
    assert "often" in myths["mishaps-devastating"].instead
    followers = myths["need-many-followers"].instead
    assert "more answers" in followers and "social proof" in followers


def test_load_myth_sources_refuses_other_columns(tmp_path):
    path = tmp_path / "myth_sources.csv"
    path.write_text("id,seed,quote\nx,s.txt,q\n", encoding="utf-8")
    with pytest.raises(ValueError, match="columns"):
        load_myth_sources(path)


def test_load_myth_sources_refuses_a_statement_quoted_twice(tmp_path):
    path = tmp_path / "myth_sources.csv"
    header = ",".join(MYTH_SOURCE_COLUMNS)
    path.write_text(f"{header}\nx-1,s.txt,de,a,b,\nx-1,s.txt,de,c,d,\n", encoding="utf-8")
    with pytest.raises(ValueError, match="x-1"):
        load_myth_sources(path)


def test_load_myth_sources_refuses_an_empty_quote(tmp_path):
    path = tmp_path / "myth_sources.csv"
    header = ",".join(MYTH_SOURCE_COLUMNS)
    path.write_text(f"{header}\nx-2,s.txt,de,,b,\n", encoding="utf-8")
    with pytest.raises(ValueError, match="x-2"):
        load_myth_sources(path)


# -- the shared reader of tables with a row per platform ------------------------------------


def write_table(tmp_path, text: str) -> Path:
    path = tmp_path / "table.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_platform_table_gives_each_row_with_its_line_and_stripped_cells(tmp_path):
    path = write_table(tmp_path, 'platform,hours,tone\n X ,2, \n"Finn.no",,"calm, local"\n')
    rows = data.read_platform_table(path, ("platform", "hours", "tone"))
    assert rows == [
        (f"{path}, line 2", {"platform": "X", "hours": "2", "tone": None}),
        (f"{path}, line 3", {"platform": "Finn.no", "hours": None, "tone": "calm, local"})]
    short = write_table(tmp_path, "platform,hours,tone\nX,2\n")  # missing cells are empty
    assert data.read_platform_table(short, ("platform", "hours", "tone"))[0][1] == {
        "platform": "X", "hours": "2", "tone": None}


@pytest.mark.parametrize("text, message", [
    ("platform,tone\nX,calm\n", "the columns are platform, tone; expected platform, hours, tone"),
    ("platform,tone,hours\nX,calm,2\n",
     "the columns are platform, tone, hours; expected platform, hours, tone"),
    ("", "the columns are ; expected platform, hours, tone"),
])
def test_a_platform_table_with_other_columns_is_refused_naming_the_file(tmp_path, text,
                                                                        message):
    path = write_table(tmp_path, text)
    with pytest.raises(ValueError) as caught:
        data.read_platform_table(path, ("platform", "hours", "tone"))
    assert str(caught.value) == f"{path}: {message}"


def test_a_platform_without_a_name_is_refused_with_its_line(tmp_path):
    path = write_table(tmp_path, "platform,hours\nX,1\n  ,2\n")
    with pytest.raises(ValueError) as caught:
        data.read_platform_table(path, ("platform", "hours"))
    assert str(caught.value) == f"{path}, line 3: the platform has no name"


def test_a_platform_given_twice_or_a_row_too_long_is_refused(tmp_path):
    path = write_table(tmp_path, "platform,hours\nFinn.no,1\nfinn no,2\n")
    assert len(data.read_platform_table(path, ("platform", "hours"))) == 2  # by name
    with pytest.raises(ValueError, match=r"line 3: finn no is given twice$"):
        data.read_platform_table(path, ("platform", "hours"), key=lambda n: n.lower()[:4])
    path = write_table(tmp_path, "platform,hours\nX,1\nY,2,3\n")
    with pytest.raises(ValueError, match=r"table\.csv: .*line 3"):
        data.read_platform_table(path, ("platform", "hours"))


def test_a_cell_that_is_not_a_number_or_negative_is_refused_with_its_place():
    assert data.cell_number("2.5", "hours", "f, line 2") == 2.5
    assert data.cell_number("3", "strength", "f, line 2", whole=True) == 3
    with pytest.raises(ValueError, match=r"^f, line 2: hours 'x' is not a number$"):
        data.cell_number("x", "hours", "f, line 2")
    with pytest.raises(ValueError, match=r"^f, line 2: strength '2.5' is not a number$"):
        data.cell_number("2.5", "strength", "f, line 2", whole=True)
    with pytest.raises(ValueError, match=r"^f, line 2: hours is negative$"):
        data.cell_number("-1", "hours", "f, line 2")
    assert data.cell_list(" a; ;b ;") == ("a", "b") and data.cell_list(None) == ()


def test_both_platform_files_are_read_by_the_shared_reader_with_its_messages(tmp_path):
    from socialplaybook.steps.budget.defaults import DEFAULT_COLUMNS, load_budget_defaults
    from socialplaybook.steps.platforms.profiles import PLATFORM_COLUMNS, load_platform_profiles

    for load, columns in ((load_platform_profiles, PLATFORM_COLUMNS),
                          (load_budget_defaults, DEFAULT_COLUMNS)):
        path = write_table(tmp_path, ",".join(columns[:-1]) + "\n")
        with pytest.raises(ValueError, match="the columns are .*; expected"):
            load(path)
        blank = "," * (len(columns) - 1)
        path = write_table(tmp_path, ",".join(columns) + f"\n{blank}\n")
        with pytest.raises(ValueError, match="line 2: the platform has no name"):
            load(path)
        row = "X" + "," * (len(columns) - 1)
        path = write_table(tmp_path, ",".join(columns) + f"\n{row}\n{row.replace('X', 'x')}\n")
        with pytest.raises(ValueError, match="line 3: x is given twice"):
            load(path)


# -- platform_availability.csv: what cannot be used where ------------------------------------

BLOCKED_IN_CN = {"Facebook", "Instagram", "YouTube", "X", "LinkedIn", "Pinterest", "Threads",
                 "WhatsApp", "Reddit", "Snapchat", "TikTok"}
CHINESE_PLATFORMS = {"WeChat", "Douyin", "Weibo", "Xiaohongshu", "Bilibili", "Kuaishou"}
AVAILABILITY_HEADER = ",".join(data.PLATFORM_AVAILABILITY_COLUMNS)
GOOD_ROW = "CN,Facebook,no,Blocked since 2009.,Business Insider,2019,https://example.org/a"


def availability_readme_section() -> str:
    readme = (DATA_DIR / "README.md").read_text(encoding="utf-8")
    return readme.split("## platform_availability.csv", 1)[1].split("\n## ", 1)[0]


def test_every_availability_row_is_sourced_with_year_and_address():
    rows = data.load_platform_availability()
    assert rows
    section = availability_readme_section()
    for row in rows:
        assert row.note and row.source and 2009 <= row.year <= 2026, row
        assert re.fullmatch(r"https?://[^\s/]+\.\S+", row.address), row
        assert row.address in section, row  # the README traces every row


def test_availability_names_known_regions_and_known_platforms():
    from socialplaybook.datasets import usage_regions
    from socialplaybook.steps.platforms.profiles import load_platform_profiles

    platforms = {p.platform for p in load_platform_profiles()}
    for row in data.load_platform_availability():
        assert row.region in usage_regions(), row
        assert row.platform in platforms, row


def test_a_team_in_mainland_china_knows_every_platform_it_cannot_use_and_why():
    """A Shanghai cosmetics brand: Pinterest, Facebook, LinkedIn and Threads are blocked
    there (issue 19, finding 7); the Chinese platforms are not."""
    from socialplaybook.steps.platforms.profiles import load_platform_profiles

    cn = {row.platform: row for row in data.load_platform_availability() if row.region == "CN"}
    assert set(cn) == {p.platform for p in load_platform_profiles()}  # every platform said
    assert {name for name, row in cn.items() if not row.available} == BLOCKED_IN_CN
    assert {name for name, row in cn.items() if row.available} == CHINESE_PLATFORMS
    blocked = data.unavailable_platforms("CN")
    assert set(blocked) == {name.casefold() for name in BLOCKED_IN_CN}
    assert "2021" in blocked["linkedin"].note and "2023" in blocked["linkedin"].note
    assert "Douyin" in blocked["tiktok"].note
    assert data.unavailable_platforms("US") == data.unavailable_platforms(None) == {}


@pytest.mark.parametrize(("text", "message"), [
    (GOOD_ROW.replace(",no,", ",blocked,"), "line 2: available 'blocked' is not yes or no"),
    (GOOD_ROW.replace("Blocked since 2009.", ""), "line 2: empty note"),
    (GOOD_ROW.replace(",2019,", ",2019a,"), "line 2: year '2019a' is not a number"),
    (GOOD_ROW.replace("https://example.org/a", "example.org"), "not a web address"),
    (f"{GOOD_ROW}\n{GOOD_ROW.replace('Facebook', 'facebook')}", "line 3: facebook is given "
                                                                 "twice for CN"),
])
def test_a_bad_availability_row_is_refused_with_its_line(tmp_path, text, message):
    path = write_table(tmp_path, f"{AVAILABILITY_HEADER}\n{text}\n")
    with pytest.raises(ValueError, match=re.escape(message)):
        data.load_platform_availability(path)


def test_availability_with_other_columns_is_refused(tmp_path):
    path = write_table(tmp_path, "region,platform,available\nCN,X,no\n")
    with pytest.raises(ValueError, match="the columns are region, platform, available"):
        data.load_platform_availability(path)


@given(st.one_of(st.sampled_from(["yes", "No", " YES ", "ja", ""]),
                 st.text(st.characters(whitelist_categories=("L", "N", "Zs")),
                         max_size=8)))
def test_available_is_yes_or_no_in_any_case_and_nothing_else(answer):
    import tempfile

    line = GOOD_ROW.replace(",no,", f",{answer},")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "availability.csv"
        path.write_text(f"{AVAILABILITY_HEADER}\n{line}\n", encoding="utf-8")
        cell = answer.strip()
        if cell.casefold() in ("yes", "no"):
            assert data.load_platform_availability(path)[0].available == (cell.casefold() == "yes")
        else:
            with pytest.raises(ValueError):
                data.load_platform_availability(path)


# -- exchange_rates.csv and cost_per_result.csv ------------------------------------------------


def _readme_section(name: str) -> str:
    readme = (datasets_dir() / "README.md").read_text(encoding="utf-8")
    return readme.split(f"## {name}", 1)[1].split("\n## ", 1)[0]


def test_every_exchange_rate_is_traced_in_the_readme():
    from socialplaybook.rules.currency import load_exchange_rates

    section = _readme_section("exchange_rates.csv")
    rates = load_exchange_rates()
    for rate in rates:
        assert rate.source and rate.address.startswith("https://")
        assert f"{rate.rate:g}".rstrip("0") in section.replace("2.8310", "2.831"), rate
        assert f"{rate.on:%Y}" in section and rate.source in section
    assert f"{len(rates)} rows" in section


def test_every_cost_per_result_has_its_source_year_measure_and_address():
    from socialplaybook.steps.budget.defaults import RESULT_KINDS, load_costs_per_result
    from socialplaybook.steps.platforms.profiles import load_platform_profiles

    section = _readme_section("cost_per_result.csv")
    platforms = {p.platform for p in load_platform_profiles()}
    rows = load_costs_per_result()
    for row in rows:
        assert row.platform in platforms and row.result in RESULT_KINDS
        assert row.source and row.measured and row.address.startswith("https://")
        assert 2020 <= row.year <= 2026
        assert f"{row.platform}, {row.result}, {row.cost_usd:g}" in section
        assert row.address in section
    assert f"{len(rows)} rows" in section


@pytest.mark.parametrize("row, message", [
    ("Facebook,click,1,WordStream,2025,all,https://x", "result 'click'"),
    ("Facebook,lead,0,WordStream,2025,all,https://x", "above 0"),
    ("Facebook,lead,20,WordStream,this year,all,https://x", "whole number"),
    ("Facebook,lead,20,,2025,all,https://x", "empty source"),
])
def test_a_broken_cost_per_result_file_is_refused_with_its_line(tmp_path, row, message):
    from socialplaybook.steps.budget.defaults import COST_PER_RESULT_COLUMNS, load_costs_per_result

    path = tmp_path / "costs.csv"
    path.write_text(",".join(COST_PER_RESULT_COLUMNS) + "\n" + row + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=message) as error:
        load_costs_per_result(path)
    assert "line 2" in str(error.value)


def test_prose_from_the_datasets_writes_numbers_in_words_not_in_one_locales_format():
    """Text the apps show as it is (a myth's explanation, a KPI's why, whose campaigns a cost
    was measured on) cannot be rewritten in the team's number format: "10,000" would be
    read as ten by a German team. Such prose says "ten thousand"; a figure with decimals or
    thousands belongs in a number column, which the apps format."""
    separated = re.compile(r"\d[.,]\d")
    found = []
    for path in sorted(datasets_dir().glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as rows:
            for number, row in enumerate(csv.reader(rows), start=1):
                found += [f"{path.name}:{number}: {cell[:80]}" for cell in row
                          if re.search(r"[^\W\d_]{3,}", cell) and separated.search(cell)
                          and not cell.startswith("http")]
    assert found == []
