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
KNOWN_BANDS = {"US": ("18-29", "30-49", "50-64", "65+"), "EU": ("16-29",), "NO": ()}
POPULATIONS = {"US": "US adults (18+)", "EU": "EU residents aged 16-74",
               "NO": "Norwegian adults (18+)"}


def raw_rows():
    with open(PATH, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_every_row_has_source_year_population_and_a_share_in_0_to_100():
    rows = load_platform_usage()
    assert len(rows) == len(raw_rows()) == 47
    for row in rows:
        assert row.source and row.population and row.measure and row.platform
        assert 2020 <= row.year <= 2025
        assert 0 <= row.share_percent <= 100
        assert row.population == POPULATIONS[row.region]


def test_no_cell_is_empty_in_the_file():
    for row in raw_rows():
        assert tuple(row) == PLATFORM_USAGE_COLUMNS
        assert all(value.strip() for value in row.values()), row


def test_no_cell_is_given_twice():
    keys = [(r.region, r.source, r.year, r.platform, r.age_band) for r in load_platform_usage()]
    assert len(keys) == len(set(keys))


def test_bands_are_the_sources_own_per_region_youngest_first():
    assert usage_regions() == ("US", "EU", "NO")
    for region, bands in KNOWN_BANDS.items():
        assert region_age_bands(region) == bands
        used = {r.age_band for r in load_platform_usage() if r.region == region}
        assert used - {ALL_AGES} == set(bands)
    assert region_age_bands("NO") == ()  # overall shares only: no bands, nothing borrowed
    assert region_age_bands("CN") == ()  # no data at all


def test_sources_per_region():
    assert region_sources("US") == (("Pew Research Center", 2023, "US adults (18+)"),
                                    ("Pew Research Center", 2025, "US adults (18+)"))
    assert region_sources("EU") == (("Eurostat (isoc_ci_ac_i)", 2024,
                                     "EU residents aged 16-74"),)


def test_the_figures_of_the_research_notes():
    cells = {(r.region, r.year, r.platform, r.age_band): r.share_percent
             for r in load_platform_usage()}
    assert cells[("US", 2023, "YouTube", "all")] == 83
    assert cells[("US", 2023, "Snapchat", "65+")] == 4
    assert cells[("US", 2025, "Facebook", "all")] == 71
    assert cells[("US", 2025, "YouTube", "30-49")] == 92
    assert cells[("EU", 2024, "Any social network", "16-29")] == 88
    assert ("US", 2025, "Instagram", "18-29") not in cells  # "~80": approximate, left out


def test_every_number_is_cited_in_the_readme_section():
    readme = (DATA_DIR / "README.md").read_text(encoding="utf-8")
    section = readme.split("## platform_usage.csv", 1)[1].split("\n## ", 1)[0]
    for row in load_platform_usage():
        assert row.source.split(" (")[0] in section
        assert str(row.year) in section and row.population in section
        line = next(line for line in section.splitlines()
                    if line.startswith(f"| {row.region}, {row.year} |"))
        if row.region == "EU":  # "Any social network: all (16-74) 65, 16-29 88."
            band = "all (16-74)" if row.age_band == ALL_AGES else row.age_band
            assert f"{band} {row.share_percent:g}" in line, row
            continue
        band = "All adults" if row.age_band == ALL_AGES else row.age_band
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


@pytest.mark.parametrize(("line", "fragment"), [
    ("US,US adults,Pew,2023,ever use,YouTube,all,101", "outside 0-100"),
    ("US,US adults,Pew,2023,ever use,YouTube,all,", "every cell"),
    ("US,US adults,Pew,2023,ever use,YouTube,18 to 29,5", "not an age band"),
    ("US,US adults,Pew,20x3,ever use,YouTube,all,5", "must be numbers"),
])
def test_loader_refuses_a_bad_row(tmp_path, line, fragment):
    path = tmp_path / "platform_usage.csv"
    path.write_text(",".join(PLATFORM_USAGE_COLUMNS) + "\n" + line + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=fragment):
        load_platform_usage(path)


def test_loader_refuses_a_cell_given_twice(tmp_path):
    path = tmp_path / "platform_usage.csv"
    line = "US,US adults,Pew,2023,ever use,YouTube,all,83\n"
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
    listings = re.findall(r"(?:``|\")US(?:``|\"), (?:``|\")EU(?:``|\")(?:, (?:``|\")(\w+))?",
                          source)
    assert len(listings) >= 2
    extra = set(usage_regions()) - {"US", "EU"}
    for rest in listings:
        assert extra <= {rest}, "a listing of the regions leaves out " + ", ".join(extra)


def test_the_age_myths_figures_are_cells_of_this_file():
    """myths.csv's not-for-our-audience ``instead`` quotes shares of this file: each
    "N% of <population> [band] use <platform> (<source>, <year>)" is the cell's value."""
    instead = next(m for m in load_myths() if m.id == "not-for-our-audience").instead
    quoted = re.findall(r"(\d+)% of (US adults|EU residents aged 16-74)(?: (\d+\+))? use "
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
