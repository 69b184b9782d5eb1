"""Money in the plan's currency: dated rates, conversion of US dollar benchmarks, the words."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from socialplaybook.rules.currency import (
    EXCHANGE_RATE_COLUMNS,
    benchmark,
    exchange_rate,
    format_amount,
    format_rate,
    load_exchange_rates,
    team_rate,
)

ECB_DAY = date(2025, 7, 24)
NOK_PER_USD = 11.8765 / 1.1756  # the ECB's NOK and USD per EUR of 2025-07-24


def test_a_nok_budget_shows_linkedins_usd_cpm_in_kroner_with_the_rate_and_its_date():
    """A NOK budget: LinkedIn's USD 30-60 CPM is NOK 303-606, not "NOK 30-60"."""
    cpm = benchmark(30, 60, "USD", "Prooflytics 2026", "NOK")
    assert cpm.low_converted == pytest.approx(30 * NOK_PER_USD)
    assert cpm.high_converted == pytest.approx(60 * NOK_PER_USD)
    assert cpm.rate.on == ECB_DAY and cpm.rate.source == "ECB"
    assert cpm.text() == ("USD 30-60 = NOK 303-606 at 10.1 NOK per USD, ECB 2025-07-24 "
                          "(Prooflytics 2026)")


def test_the_words_follow_the_teams_number_format():
    """A Norwegian team writes 1 234,5: the converted half-saturation spend too."""
    text = benchmark(4000, None, "USD", "judgement", "NOK").text("nb")
    assert text.startswith("USD 4\u00a0000 = NOK 40\u00a0410 at 10,1 NOK per USD")


@pytest.mark.parametrize("currency, per_usd, source, on", [
    # a Shanghai cosmetics brand: yuan from the ECB's euro rates
    ("CNY", 8.4142 / 1.1756, "ECB", ECB_DAY),
    # a German machine maker: euros, the inverse of the ECB's dollar rate
    ("EUR", 1 / 1.1756, "ECB", ECB_DAY),
    # a Tbilisi winery: the lari's official rate from the National Bank of Georgia
    ("GEL", 2.831, "National Bank of Georgia", date(2025, 1, 11)),
    ("GBP", 0.8675 / 1.1756, "ECB", ECB_DAY),
    ("SEK", 11.185 / 1.1756, "ECB", ECB_DAY),
    ("DKK", 7.4643 / 1.1756, "ECB", ECB_DAY),
    ("CHF", 0.9341 / 1.1756, "ECB", ECB_DAY),
    ("NOK", NOK_PER_USD, "ECB", ECB_DAY),
])
def test_every_seed_market_and_nordic_currency_converts_from_us_dollars(currency, per_usd,
                                                                        source, on):
    rate = exchange_rate("USD", currency)
    assert rate is not None and rate.rate == pytest.approx(per_usd)
    assert (rate.source, rate.on) == (source, on)


def test_a_tbilisi_wineries_meta_cpm_in_lari():
    assert benchmark(6, 15, "USD", "Prooflytics 2026 (Meta)", "GEL").text() == (
        "USD 6-15 = GEL 17-42 at 2.831 GEL per USD, National Bank of Georgia 2025-01-11 "
        "(Prooflytics 2026 (Meta))")


def test_a_us_plan_keeps_the_figure_as_it_is():
    cpm = benchmark(6, 15, "USD", "Prooflytics 2026", "USD")
    assert (cpm.low_converted, cpm.high_converted) == (6, 15)
    assert cpm.text() == "USD 6-15 (Prooflytics 2026)"


def test_a_currency_without_a_rate_says_so_and_gives_no_number():
    """A Japanese team: the file has no yen, so no figure is used as if it were yen."""
    cpm = benchmark(6, 15, "USD", "Prooflytics 2026", "JPY")
    assert cpm.rate is None and cpm.low_converted is None and cpm.middle_converted is None
    assert "no exchange rate from USD to JPY" in cpm.text()


def test_rates_of_two_publishers_or_days_are_never_crossed():
    # lari (NBG, January) against krone (ECB, July): no cross rate is made up
    assert exchange_rate("GEL", "NOK") is None
    assert exchange_rate("GEL", "USD").rate == pytest.approx(1 / 2.831)


def test_the_plans_own_rate_replaces_the_toolkits_and_carries_its_date():
    own = team_rate(11.2, date(2026, 1, 15), "NOK")
    cpm = benchmark(30, 60, "USD", "Prooflytics 2026", "NOK", own)
    assert cpm.low_converted == pytest.approx(336)
    assert cpm.text() == ("USD 30-60 = NOK 336-672 at 11.2 NOK per USD, your rate 2026-01-15 "
                          "(Prooflytics 2026)")
    with pytest.raises(ValueError, match="above 0"):
        team_rate(0, date(2026, 1, 15), "NOK")


def test_rates_and_amounts_in_sentences():
    assert format_rate(10.1025) == "10.1" and format_rate(0.85063) == "0.8506"
    assert format_rate(7.1574, "de") == "7,157"
    assert format_amount(6.5) == "6.5" and format_amount(1250.4) == "1,250"


@given(st.sampled_from(["USD", "EUR", "NOK", "CNY", "GBP", "SEK", "DKK", "CHF"]),
       st.sampled_from(["USD", "EUR", "NOK", "CNY", "GBP", "SEK", "DKK", "CHF"]),
       st.floats(min_value=0.01, max_value=1e6))
def test_converting_there_and_back_gives_the_amount(base, quote, amount):
    there, back = exchange_rate(base, quote), exchange_rate(quote, base)
    assert amount * there.rate * back.rate == pytest.approx(amount, rel=1e-12)


def test_every_rate_has_its_source_date_and_address():
    rates = load_exchange_rates()
    assert {r.quote for r in rates} >= {"USD", "NOK", "CNY", "GEL", "GBP", "SEK", "DKK",
                                        "CHF"}
    for r in rates:
        assert r.rate > 0 and r.source and r.on and r.address.startswith("https://")


@pytest.mark.parametrize("row, message", [
    ("EUR,usd,1.1,2025-07-24,ECB,https://x", "ISO 4217"),
    ("EUR,USD,0,2025-07-24,ECB,https://x", "above 0"),
    ("EUR,USD,1.1,24.07.2025,ECB,https://x", "YYYY-MM-DD"),
    ("EUR,USD,1.1,2025-07-24,,https://x", "source"),
    ("EUR,USD,1.1,2025-07-24,ECB,", "address"),
])
def test_a_broken_rates_file_is_refused_with_its_line(tmp_path, row, message):
    path = tmp_path / "rates.csv"
    path.write_text(",".join(EXCHANGE_RATE_COLUMNS) + "\n" + row + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=message) as error:
        load_exchange_rates(path)
    assert "line 2" in str(error.value)


def test_a_pair_given_twice_is_refused(tmp_path):
    path = tmp_path / "rates.csv"
    path.write_text(",".join(EXCHANGE_RATE_COLUMNS) + "\nEUR,USD,1.1,2025-07-24,ECB,https://x"
                    "\nUSD,EUR,0.9,2025-07-24,ECB,https://x\n", encoding="utf-8")
    with pytest.raises(ValueError, match="line 3: USD/EUR is given twice"):
        load_exchange_rates(path)
