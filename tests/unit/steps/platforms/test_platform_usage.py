"""datasets/platform_usage.csv: every cell sourced, in range, once; bands known per region."""

import csv
import re
from pathlib import Path

import pytest

import socialplaybook.steps.planning as planning
from socialplaybook.datasets import (
    ALL_AGES,
    DATA_DIR,
    PLATFORM_USAGE_COLUMNS,
    age_band_bounds,
    load_myths,
    load_platform_usage,
    region_age_bands,
    region_sources,
    usage_regions,
)

PATH = DATA_DIR / "platform_usage.csv"
KNOWN_BANDS = {"US": ("18-29", "30-49", "50-64", "65+"), "EU": ("16-29",), "DE": ("14-29",),
               "NO": (), "GE": (), "CN": ()}
POPULATIONS = {"US": {"US adults (18+)"}, "EU": {"EU residents aged 16-74"},
               "DE": {"German-speaking residents of Germany aged 14+"},
               "NO": {"Norwegian adults (18+)"}, "GE": {"Georgian adults (18+)"},
               "CN": {"internet users in China (CNNIC, June 2025)",
                      "internet users aged 16-64 in China"}}


def raw_rows():
    with open(PATH, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_every_row_has_source_year_address_population_and_a_share_in_0_to_100():
    rows = load_platform_usage()
    assert len(rows) == len(raw_rows()) == 59
    for row in rows:
        assert row.source and row.population and row.measure and row.platform
        assert 2020 <= row.year <= 2025
        assert 0 <= row.share_percent <= 100
        assert row.population in POPULATIONS[row.region]
        assert re.fullmatch(r"https?://[^\s/]+\.\S+", row.address), row


def test_each_ranking_comes_from_one_survey_year():
    """A ranking is a (region, measure): its figures are never a mix of years (issue 19:
    Pew's 2023 and 2025 figures were ranked together)."""
    years: dict[tuple[str, str], set[int]] = {}
    for row in load_platform_usage():
        years.setdefault((row.region, row.measure), set()).add(row.year)
    assert {ranking: found for ranking, found in years.items() if len(found) > 1} == {}
    assert set(years) >= {("US", "ever use"), ("DE", "use at least weekly"),
                          ("NO", "has a profile"), ("GE", "says they use the platform"),
                          ("CN", "monthly active users as a share of internet users")}


def test_every_source_of_a_ranking_has_its_address_in_the_readme():
    section = readme_section()
    for row in load_platform_usage():
        assert row.address in section, row


def test_no_cell_is_empty_in_the_file():
    for row in raw_rows():
        assert tuple(row) == PLATFORM_USAGE_COLUMNS
        assert all(value.strip() for value in row.values()), row


def test_no_cell_is_given_twice():
    keys = [(r.region, r.source, r.year, r.platform, r.age_band) for r in load_platform_usage()]
    assert len(keys) == len(set(keys))


def test_bands_are_the_sources_own_per_region_youngest_first():
    assert usage_regions() == ("US", "EU", "DE", "NO", "GE", "CN")
    for region, bands in KNOWN_BANDS.items():
        assert region_age_bands(region) == bands
        used = {r.age_band for r in load_platform_usage() if r.region == region}
        assert used - {ALL_AGES} == set(bands)
    assert region_age_bands("NO") == ()  # overall shares only: no bands, nothing borrowed
    assert region_age_bands("GE") == region_age_bands("CN") == ()  # overall shares only
    assert region_age_bands("JP") == ()  # no data at all


def test_sources_per_region():
    # one Pew survey: the 2025 figures give too few age cells to rank with (datasets/README)
    assert region_sources("US") == (("Pew Research Center", 2023, "US adults (18+)"),)
    assert region_sources("EU") == (("Eurostat (isoc_ci_ac_i)", 2024,
                                     "EU residents aged 16-74"),)
    assert region_sources("DE") == (("ARD/ZDF-Onlinestudie", 2023,
                                     "German-speaking residents of Germany aged 14+"),)
    assert [source for source, _year, _who in region_sources("CN")] == [
        "GWI (DataReportal Digital 2024: China)", "Bilibili Inc. (Q2 2025 results)",
        "Kuaishou Technology (Q2 2025 results)", "Weibo Corporation (Q2 2025 results)"]


def test_the_figures_of_the_research_notes():
    cells = {(r.region, r.year, r.platform, r.age_band): r.share_percent
             for r in load_platform_usage()}
    assert cells[("US", 2023, "YouTube", "all")] == 83
    assert cells[("US", 2023, "Snapchat", "65+")] == 4
    assert cells[("US", 2023, "LinkedIn", "65+")] == 12
    assert cells[("EU", 2024, "Any social network", "16-29")] == 88
    assert ("US", 2025, "Facebook", "all") not in cells  # a note: one survey per ranking
    assert cells[("DE", 2023, "Instagram", "14-29")] == 79
    assert cells[("NO", 2022, "Snapchat", "all")] == 69
    assert cells[("GE", 2021, "Facebook", "all")] == 69


def test_the_china_shares_are_the_companies_users_over_cnnic_internet_users():
    """CN 2025 = company MAU (millions) / 1,123 million internet users (CNNIC, June
    2025), rounded; WeChat's combined MAU (1,411 million) exceeds the base: no cell."""
    internet_users = 1123
    mau = {"Kuaishou": 714.8, "Weibo": 588, "Bilibili": 363}
    cells = {r.platform: r.share_percent for r in load_platform_usage()
             if r.region == "CN" and r.year == 2025}
    assert cells == {name: round(100 * users / internet_users) for name, users in mau.items()}
    assert 1411 > internet_users and "WeChat" not in cells
    section = " ".join(readme_section().split())
    assert "1,123 million" in section and "1,411 million" in section
    for name, users in mau.items():
        assert f"{users:g} million" in section, name


def test_every_number_is_cited_in_the_readme_section():
    readme = (DATA_DIR / "README.md").read_text(encoding="utf-8")
    section = readme.split("## platform_usage.csv", 1)[1].split("\n## ", 1)[0]
    for row in load_platform_usage():
        assert row.source.split(" (")[0] in section
        assert str(row.year) in section and row.population in section
        line = next(line for line in section.splitlines()
                    if line.startswith(f"| {row.region}, {row.year} |"))
        band = "All" if row.age_band == ALL_AGES else row.age_band  # "All: YouTube 83, ..."
        part = line.split(f"{band}:", 1)[1].split(". ")[0]
        assert re.search(rf"\b{re.escape(row.platform)} {row.share_percent:g}\b", part), row


@pytest.mark.parametrize(("band", "bounds"), [("18-29", (18, 29)), ("65+", (65, float("inf"))),
                                              ("16-29", (16, 29))])
def test_age_band_bounds(band, bounds):
    assert age_band_bounds(band) == bounds


@pytest.mark.parametrize("band", ["all", "29-18", "18 to 29", "", "-5"])
def test_age_band_bounds_refuses_non_bands(band):
    with pytest.raises(ValueError):
        age_band_bounds(band)


ADDRESS = "https://example.org/survey"


@pytest.mark.parametrize(("line", "fragment"), [
    (f"US,US adults,Pew,2023,ever use,YouTube,all,101,{ADDRESS}", "outside 0-100"),
    (f"US,US adults,Pew,2023,ever use,YouTube,all,,{ADDRESS}", "every cell"),
    ("US,US adults,Pew,2023,ever use,YouTube,all,83,", "every cell"),  # no address
    ("US,US adults,Pew,2023,ever use,YouTube,all,83", "every cell"),  # an old file
    (f"US,US adults,Pew,2023,ever use,YouTube,18 to 29,5,{ADDRESS}", "not an age band"),
    (f"US,US adults,Pew,20x3,ever use,YouTube,all,5,{ADDRESS}", "must be numbers"),
    ("US,US adults,Pew,2023,ever use,YouTube,all,83,pewresearch.org", "not a web address"),
    ("US,US adults,Pew,2023,ever use,YouTube,all,83,see the report", "not a web address"),
])
def test_loader_refuses_a_bad_row(tmp_path, line, fragment):
    path = tmp_path / "platform_usage.csv"
    path.write_text(",".join(PLATFORM_USAGE_COLUMNS) + "\n" + line + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=fragment):
        load_platform_usage(path)


def test_loader_refuses_a_cell_given_twice(tmp_path):
    path = tmp_path / "platform_usage.csv"
    line = f"US,US adults,Pew,2023,ever use,YouTube,all,83,{ADDRESS}\n"
    path.write_text(",".join(PLATFORM_USAGE_COLUMNS) + "\n" + line * 2, encoding="utf-8")
    with pytest.raises(ValueError, match="given twice"):
        load_platform_usage(path)


# -- what other files say about this one ---------------------------------------------------


def readme_section() -> str:
    readme = (DATA_DIR / "README.md").read_text(encoding="utf-8")
    return readme.split("## platform_usage.csv", 1)[1].split("\n## ", 1)[0]


def test_the_readme_never_calls_a_region_of_the_file_missing():
    section = readme_section()
    codes_line = next(line for line in section.splitlines() if line.startswith("| `region` |"))
    names = dict(re.findall(r"`([A-Z]{2})` \(([^)]+)\)", codes_line))  # code -> name
    assert set(names) == set(usage_regions())
    missing = re.search(r"A region not in the\s+file \(e\.g\. ([^)]+)\)", section)
    assert missing, "the README names regions without data"
    said_missing = {name.strip() for name in re.split(r",|\band\b", missing.group(1))}
    assert said_missing and not said_missing & set(names.values()), said_missing


def test_planning_names_every_region_of_the_data_where_it_lists_them():
    """The planning step's comments and docstrings list the region codes: all of them."""
    source = "\n".join(path.read_text(encoding="utf-8")
                       for path in sorted(Path(planning.__file__).parent.glob("*.py")))
    starts = [m.end() for m in re.finditer(r'(?:``|")US(?:``|"), (?:``|")EU(?:``|")', source)]
    assert len(starts) >= 2
    for start in starts:
        # the rest of the listing, over a wrapped comment line, up to its ")" or ":"
        listing = re.sub(r"\s*#\s*|\s+", " ", source[start:start + 80])
        listing = re.split(r"[):]", listing)[0]
        named = {"US", "EU"} | set(re.findall(r'(?:``|")([A-Z]{2})(?:``|")', listing))
        left_out = set(usage_regions()) - named
        assert not left_out, "a listing of the regions leaves out " + ", ".join(sorted(left_out))


def test_the_age_myths_figures_are_cells_of_this_file():
    """myths.csv's not-for-our-audience ``instead`` quotes shares of this file: each
    "N percent of <population> [band] use <platform> (<source>, <year>)" is the cell's value
    (in words: "N% of" is read as a format directive by the translators' tools)."""
    instead = next(m for m in load_myths() if m.id == "not-for-our-audience").instead
    quoted = re.findall(r"(\d+) percent of (US adults|EU residents aged 16-74)(?: (\d+\+))? use "
                        r"([\w ]+?) \((\w+), (\d{4})\)", instead)
    assert len(quoted) == 2, instead
    regions = {"US adults": "US", "EU residents aged 16-74": "EU"}
    platforms = {"social networks": "Any social network"}
    for share, population, band, platform, source, year in quoted:
        cells = [r for r in load_platform_usage()
                 if r.region == regions[population] and r.year == int(year)
                 and r.platform == platforms.get(platform, platform)
                 and r.age_band == (band or ALL_AGES) and r.source.startswith(source)]
        assert len(cells) == 1, (population, band, platform, year)
        assert cells[0].share_percent == float(share), cells[0]


def test_the_age_myth_says_why_it_quotes_pew_2023():
    """The 65+ figure is Pew's 2023 survey: its 2025 figures in the file give no 65+ band."""
    assert ("US", 2025) not in {(r.region, r.year) for r in load_platform_usage()
                                if r.age_band == "65+"}
    readme = " ".join((DATA_DIR / "README.md").read_text(encoding="utf-8").split())
    assert ("not its 2025 one, because the 2025 figures in the research notes "
            "(`shared/research/facts.md`) give no 65+ band") in readme
