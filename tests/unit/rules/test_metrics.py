"""Vanity or business: the metric lexicon (datasets/metric_terms.csv) and the decision.

Each language has realistic metric phrases, about half vanity and half business, each
with the reason for its label, and about half of them real business metrics (not neutral
controls). Issue 7 lists the misfires the lexicon replaced, and an audit of it found
more (AUDIT_MISFIRES); every one of them is a case here.
"""

from __future__ import annotations

import csv
from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from socialplaybook.rules import metrics
from socialplaybook.rules.metrics import (
    LANGUAGES,
    LEXICON_COLUMNS,
    MATCH_RULES,
    TERM_KINDS,
    MetricVerdict,
    classify_metric,
    is_vanity_metric,
    lexicon_path,
    load_lexicon,
    vanity_terms,
)

VANITY = "vanity"
BUSINESS = ("outcome", "signal", "service", "cost", "neutral")

# (phrase, expected verdict kind, why)
EN = [
    ("Instagram followers", "vanity", "a follower count: seed 000's vanity KPI"),
    ("follower growth per month", "vanity", "growth of a vanity count is still vanity"),
    ("page likes", "vanity", "a count of attention"),
    ("likes per post", "vanity", "a count of attention per post"),
    ("likes on sale posts", "vanity", "counts likes; 'sale' only says which posts"),
    ("blog comments per month", "vanity", "seed 003: comments are not clients"),
    ("YouTube video views", "vanity", "seed 003: views are a soft number"),
    ("impressions", "vanity", "how often content was shown"),
    ("podcast subscribers", "vanity", "seed 003: subscribers are a soft number"),
    ("organic reach", "vanity", "a count of attention"),
    ("Facebook friends", "vanity", "seed 003 names Facebook friends as a soft number"),
    ("cost per follower", "vanity", "the price of a vanity count is still about the count"),
    ("cost per like", "vanity", "the price of a vanity count"),
    ("CPM on Instagram ads", "vanity", "cost per thousand impressions"),
    ("qualified leads from LinkedIn", "outcome", "seed 003: leads must be generated"),
    ("new customers from followers", "outcome", "counts customers; followers are the source"),
    ("customers from followers", "outcome", "counts customers; followers are the source"),
    ("revenue from social", "outcome", "a business result"),
    ("orders via the Instagram shop", "outcome", "a business result"),
    ("paying subscribers", "outcome", "paying subscribers are customers"),
    ("response time to comments", "service", "seed 000: answer every comment"),
    ("share of comments answered within 4 hours", "service", "a service measure"),
    ("views of the pricing page", "signal", "people looking at prices: a buying signal"),
    ("cost per lead", "outcome", "the cost of a business result"),
    ("cost per ticket", "outcome", "the cost of a business result"),
    ("website traffic from social", "outcome", "seed 003: traffic to your site is a hard number"),
    ("job applications from LinkedIn", "outcome", "hiring as a business result"),
    ("Commentary quality", "neutral", "'commentary' is not 'comments'"),
    ("followers who became customers", "outcome", "counts what the followers became"),
    ("likes on posts that mention sales", "vanity", "'that' belongs to the posts: counts likes"),
    ("retweets per post", "vanity", "a count of attention"),
    ("likes from customers", "vanity", "counts likes; customers only say whose"),
    ("engagement rate per post", "vanity", "interactions per follower: kpi_catalog's vanity"),
    ("shares per post", "vanity", "shares spread reach: still attention (the catalog's shares)"),
    ("Instagram saves", "vanity", "a save is still attention (the catalog's saves)"),
    ("comments that customers write", "vanity",
     "counts comments: the customers write them, they did not become anything"),
    ("demo requests", "outcome", "a demo request is a lead, as Demo-Anfragen is"),
    ("downloads of the price list", "signal",
     "buyer interest, like views of the pricing page: not a cost through 'price'"),
    ("quote requests from LinkedIn", "outcome", "a request for a quote is a lead"),
    ("revenue per follower", "outcome", "counts revenue; followers are the denominator"),
    ("newsletter sign-ups from Instagram", "outcome", "sign-ups: people who asked to hear"),
    ("average order value of social customers", "outcome", "the money an order brings"),
    ("bookings made through Facebook", "outcome", "bookings: a business result"),
    ("referrals from Facebook friends", "outcome",
     "counts referrals; Facebook friends are the source"),
    ("repeat purchase rate of social customers", "outcome", "kept customers buying again"),
    ("customer acquisition cost on TikTok", "outcome", "the cost of a business result"),
]

DE = [
    ("Followerzahl auf Instagram", "vanity", "a follower count (compound)"),
    ("Anzahl der Follower", "vanity", "a follower count"),
    ("Fanzahl der Facebook-Seite", "vanity", "a fan count (compound)"),
    ("Gefällt-mir-Angaben pro Beitrag", "vanity", "Facebook's German label for likes"),
    ("Likes auf Verkaufsposts", "vanity", "counts likes; 'Verkauf' only says which posts"),
    ("Anzahl Kommentare", "vanity", "seed 003: comments are not clients"),
    ("Seitenaufrufe", "vanity", "page views"),
    ("YouTube-Aufrufe", "vanity", "video views"),
    ("Reichweite pro Beitrag", "vanity", "reach (seed 001)"),
    ("Abonnentenzahl des Newsletters", "vanity", "a subscriber count"),
    ("Kosten pro Follower", "vanity", "the price of a vanity count"),
    ("Facebook-Freunde", "vanity", "seed 003's Facebook friends"),
    ("Kommentarantwortzeit", "service", "response time to comments: the articles ask for it"),
    ("Antwortzeit auf Kommentare", "service", "response time to comments"),
    ("zahlende Abonnenten", "outcome", "paying subscribers are customers"),
    ("Neukunden aus Followern", "outcome", "counts new customers; followers are the source"),
    ("Umsatz über Instagram", "outcome", "seed 001: Umsatz"),
    ("Kundenanfragen pro Monat", "outcome", "customer enquiries"),
    ("Kosten pro Lead", "outcome", "the cost of a business result"),
    ("Aufrufe der Preisseite", "signal", "views of the pricing page: a buying signal"),
    ("Spendenaufrufe pro Quartal", "neutral", "donation appeals are not page views"),
    ("Bewerbungen über LinkedIn", "outcome", "hiring as a business result"),
    ("Spenden aus Facebook-Kampagnen", "outcome", "donations: a charity's result"),
    ("Teilnehmer am Gewinnspiel", "neutral", "a prize draw is not profit"),
    ("Kundenkommentare", "vanity", "a compound's last part is its head: comments"),
    ("Sekunden bis zur ersten Antwort", "neutral", "Sekunden is not Kunden"),
    ("Engagement-Rate pro Beitrag", "vanity", "interactions per follower: attention"),
    ("Shares pro Beitrag", "vanity", "shares: still attention until someone acts"),
    ("Speicherungen pro Beitrag", "vanity", "saves: still attention"),
    ("Kommentare, die Kunden schreiben", "vanity",
     "counts comments customers write: 'die' without a verb of becoming"),
    ("Follower, die Kunden wurden", "outcome",
     "counts what the followers became (die ... wurden): customers"),
    ("Demo-Anfragen über LinkedIn", "outcome", "demo requests are leads"),
    ("Angebotsanfragen pro Monat", "outcome", "requests for a quote are leads"),
    ("Terminbuchungen aus Instagram", "outcome", "appointments booked"),
    ("Online-Bestellungen mit Social-Rabattcode", "outcome", "orders with a social-only code"),
    ("Newsletter-Anmeldungen von Facebook", "outcome", "sign-ups: people who asked to hear"),
    ("Kosten pro Neukunde", "outcome", "the cost of a new customer"),
    ("Umsatz pro Follower", "outcome", "counts revenue; followers are the denominator"),
    ("Kundenbindungsrate", "outcome", "customer retention"),
    ("Leads aus Facebook-Anzeigen", "outcome", "leads from ads"),
    ("Downloads der Preisliste", "signal", "buyer interest, not a cost (Preis)"),
]

NB = [
    ("antall følgere", "vanity", "seed 003: 'du må ha mange følgere'"),
    ("følgertall på Instagram", "vanity", "a follower count (compound)"),
    ("et stort antall tilhengere", "vanity", "seed 003: 'et stort tilhengere'"),
    ("Facebook-venner", "vanity", "seed 003: Facebook-venner, a soft number"),
    ("kommentarer på bloggen", "vanity", "seed 003: 'kommentarer er ikke klienter'"),
    ("bloggkommentarer per innlegg", "vanity", "comments (compound)"),
    ("visninger av YouTube-videoen", "vanity", "seed 003: views are a soft number"),
    ("sidevisninger", "vanity", "page views"),
    ("rekkevidde per innlegg", "vanity", "reach"),
    ("abonnenter på podkasten", "vanity", "seed 003: subscribers are a soft number"),
    ("likes på salgsinnlegg", "vanity", "counts likes; 'salg' only says which posts"),
    ("kostnad per følger", "vanity", "the price of a vanity count"),
    ("svartid på kommentarer", "service", "response time to comments"),
    ("nye kunder fra følgere", "outcome", "counts customers; followers are the source"),
    ("betalende abonnenter", "outcome", "paying subscribers are customers"),
    ("salg fra Facebook", "outcome", "seed 003: sales must be closed"),
    ("antall henvendelser", "outcome", "enquiries"),
    ("kundehenvendelser via Messenger", "outcome", "customer enquiries"),
    ("trafikk fra sosiale medier til nettstedet", "outcome",
     "seed 003: traffic to your site is a hard number"),
    ("boligvisninger", "outcome", "a property showing has buyers present"),
    ("påmeldte til visninger av boligen", "signal", "a showing of a property: buyer interest"),
    ("visninger av prissiden", "signal", "views of the pricing page"),
    ("kostnad per lead", "outcome", "the cost of a business result"),
    ("omsetning fra nettbutikken", "outcome", "revenue"),
    ("følgere som ble kunder", "outcome", "counts what the followers became"),
    ("likes på innlegg som nevner salg", "vanity", "'som' belongs to the posts: counts likes"),
    ("engasjementsrate per innlegg", "vanity", "interactions per follower: attention"),
    ("delinger av innlegget", "vanity", "shares: still attention until someone acts"),
    ("lagringer på Instagram", "vanity", "saves: still attention"),
    ("kommentarer som kunder skriver", "vanity",
     "counts comments customers write: 'som' without a verb of becoming"),
    ("anbefalinger fra venner", "outcome",
     "referrals from friends bring customers; the friends are the source"),
    ("bestillinger fra Instagram", "outcome", "orders"),
]

ZH = [
    ("微信粉丝数", "vanity", "seed 000: 粉丝数量 is a vanity metric"),
    ("追随者总数", "vanity", "seed 000: follower totals"),
    ("关注人数", "vanity", "number of followers"),
    ("每月涨粉", "vanity", "followers gained"),
    ("点赞数", "vanity", "likes"),
    ("评论数量", "vanity", "comments"),
    ("文章阅读数", "vanity", "reads of an article"),
    ("视频播放量", "vanity", "video plays"),
    ("浏览量", "vanity", "views"),
    ("曝光率", "vanity", "seed 000: exposure"),
    ("每个粉丝的成本", "vanity", "the price of a vanity count"),
    ("销售帖子的点赞数", "vanity", "counts likes; 销售 only says which posts"),
    ("评论回复时间", "service", "seed 000: always reply"),
    ("付费订阅者", "outcome", "paying subscribers are customers"),
    ("粉丝带来的新客户", "outcome", "counts new customers brought by fans"),
    ("新客户来自粉丝", "outcome", "counts new customers; 来自 marks the source"),
    ("销售额", "outcome", "sales"),
    ("客户线索", "outcome", "customer leads"),
    ("订单数量", "outcome", "orders"),
    ("粉丝转化率", "outcome", "conversion of fans into customers"),
    ("价格页面浏览量", "signal", "views of the pricing page"),
    ("获客成本", "outcome", "customer acquisition cost"),
    ("客户留存率", "outcome", "customer retention"),
    ("每个赞的成本", "vanity", "cost per like: the price of a vanity count"),
    ("互动率", "vanity", "engagement rate: attention"),
    ("分享次数", "vanity", "shares: still attention until someone acts"),
    ("收藏数", "vanity", "saves: still attention"),
    ("客户成为粉丝", "vanity", "customers who became fans: counts fans"),
    ("成为客户的粉丝", "outcome", "fans who became customers: counts what they became"),
    ("直播带货销售额", "outcome", "sales from live-stream selling"),
    ("小程序下单数", "outcome", "orders placed in the mini program"),
    ("公众号带来的订单", "outcome", "orders the official account brought"),
    ("门店预约数", "outcome", "appointments booked at the shop"),
    ("赞助商数量", "neutral", "sponsors (赞助) are not likes (赞)"),
]

KA = [
    ("მიმდევრების რაოდენობა", "vanity", "number of followers"),
    ("ფოლოვერები", "vanity", "followers (transliterated)"),
    ("გამომწერების ზრდა", "vanity", "growth of subscribers"),
    ("ლაიქები", "vanity", "likes"),
    ("პოსტის მოწონებები", "vanity", "likes (Facebook's word)"),
    ("კომენტარები", "vanity", "comments"),
    ("ვიდეოს ნახვები", "vanity", "video views"),
    ("პოსტის მოცვა", "vanity", "reach of a post"),
    ("აუდიტორიის მოცვის ზრდა", "vanity", "growth of reach"),
    ("გვერდის ფანები", "vanity", "fans of a page"),
    ("გაყიდვების პოსტების ლაიქები", "vanity", "likes; 'sales' only says which posts"),
    ("ერთი მიმდევრის ღირებულება", "vanity", "the price of a vanity count"),
    ("ფასიანი გამომწერები", "outcome", "paying subscribers are customers"),
    ("მიმდევრებიდან მიღებული ახალი კლიენტები", "outcome",
     "new clients received from followers"),
    ("ახალი კლიენტები მიმდევრებიდან", "outcome", "new clients from followers (-დან)"),
    ("კლიენტების შენახვის მაჩვენებელი", "outcome", "customer retention, not views"),
    ("შენახვის მაჩვენებელი", "neutral", "retention or saving: not ნახვა (views)"),
    ("მოქმედებების მიმდევრობა", "neutral", "a sequence, not followers"),
    ("გაყიდვები", "outcome", "seed 002: sales"),
    ("შემოსავალი სოციალური მედიიდან", "outcome", "seed 002: revenue"),
    ("შეკვეთების რაოდენობა", "outcome", "orders"),
    ("კომენტარებზე პასუხის დრო", "service", "response time to comments"),
    ("ფასების გვერდის ნახვები", "signal", "views of the pricing page"),
    ("ერთი ლიდის ღირებულება", "outcome", "cost per lead"),
    ("მიმდევრები, რომლებიც კლიენტები გახდნენ", "outcome", "followers who became clients"),
    ("ჩართულობის მაჩვენებელი", "vanity", "engagement rate: attention"),
    ("პოსტის გაზიარებები", "vanity", "shares of a post: still attention"),
    ("პოსტის შენახვები", "vanity", "saves of a post (plural), not retention"),
    ("შემოსავალი ერთ მიმდევარზე", "outcome",
     "revenue per follower: counts revenue; -ზე marks the denominator"),
    ("ახალი შეკვეთები ინსტაგრამიდან", "outcome", "new orders from Instagram"),
    ("ლიდები ფეისბუკის რეკლამიდან", "outcome", "leads from Facebook ads"),
    ("ონლაინ ჯავშნები", "outcome", "online bookings"),
    ("სამუშაო განაცხადები ლინკედინიდან", "outcome", "job applications from LinkedIn"),
    ("განმეორებითი შეკვეთების წილი", "outcome", "share of repeat orders"),
    ("ერთი კლიენტის მოზიდვის ღირებულება", "outcome", "cost of acquiring one client"),
    ("მოგება სოციალური მედიიდან", "outcome", "profit from social media"),
    ("კონვერსიის მაჩვენებელი", "outcome", "conversion rate"),
]

CASES = {"en": EN, "de": DE, "nb": NB, "zh": ZH, "ka": KA}
ALL_CASES = [(language, *case) for language, cases in CASES.items() for case in cases]
ALL_CASES_FLAT = [case for cases in CASES.values() for case in cases]


@pytest.mark.parametrize(("language", "phrase", "expected", "reason"), ALL_CASES,
                         ids=[f"{c[0]}-{c[1]}" for c in ALL_CASES])
def test_labelled_phrases(language, phrase, expected, reason):
    verdict = classify_metric(phrase)
    assert verdict.kind == expected, f"{phrase!r} ({reason}): {verdict}"
    assert is_vanity_metric(phrase) == (expected == VANITY)
    assert verdict.reason
    if expected != "neutral":
        assert verdict.terms and all(term in verdict.reason for term in verdict.terms)


@pytest.mark.parametrize("language", LANGUAGES)
def test_enough_phrases_per_language_about_half_vanity(language):
    cases = CASES[language]
    vanity = sum(expected == VANITY for _phrase, expected, _reason in cases)
    assert len(cases) >= 20
    assert 0.35 <= vanity / len(cases) <= 0.65
    assert all(reason for _phrase, _expected, reason in cases)


REAL_BUSINESS = ("outcome", "signal", "service", "cost")  # neutral controls do not count


@pytest.mark.parametrize("language", LANGUAGES)
def test_about_half_are_real_business_phrases_not_neutral_controls(language):
    cases = CASES[language]
    business = sum(expected in REAL_BUSINESS for _phrase, expected, _reason in cases)
    assert business / len(cases) >= 0.45, (business, len(cases))


# The audit's misfires after the first lexicon (each also a labelled phrase above).
AUDIT_MISFIRES = [
    ("Follower, die Kunden wurden", "outcome", "followers who became customers"),
    ("成为客户的粉丝", "outcome", "fans who became customers"),
    ("შემოსავალი ერთ მიმდევარზე", "outcome", "revenue per follower"),
    ("anbefalinger fra venner", "outcome", "referrals from friends"),
    ("downloads of the price list", "signal", "buyer interest, not a cost"),
    ("每个赞的成本", "vanity", "cost per like"),
    ("demo requests", "outcome", "a lead, as Demo-Anfragen"),
]


@pytest.mark.parametrize(("phrase", "expected", "reason"), AUDIT_MISFIRES,
                         ids=[case[0] for case in AUDIT_MISFIRES])
def test_the_audits_misfires(phrase, expected, reason):
    assert classify_metric(phrase).kind == expected, (reason, classify_metric(phrase))
    assert any(case[0] == phrase and case[1] == expected for case in ALL_CASES_FLAT)


# Issue 7's list: recommended by the articles yet flagged, matched inside other words, or
# passed although vanity.
ISSUE_NOT_VANITY = [
    "Kommentarantwortzeit", "svartid på kommentarer", "评论回复时间",
    "zahlende Abonnenten", "付费订阅者", "ფასიანი გამომწერები",
    "Neukunden aus Followern", "nye kunder fra følgere", "粉丝带来的新客户",
    "views of the pricing page", "შენახვის", "მიმდევრობა", "boligvisninger",
    "visninger av boligen", "Spendenaufrufe",
]
ISSUE_VANITY = [
    "cost per follower", "cost per like", "likes on sale posts", "Facebook friends",
    "tilhengere", "Facebook-venner", "Gefällt-mir-Angaben", "Fanzahl", "关注人数", "阅读数",
    "涨粉", "ფოლოვერები", "მოცვა",
]


@pytest.mark.parametrize("phrase", ISSUE_NOT_VANITY)
def test_issue_examples_not_vanity(phrase):
    assert not is_vanity_metric(phrase), classify_metric(phrase)


@pytest.mark.parametrize("phrase", ISSUE_VANITY)
def test_issue_examples_vanity(phrase):
    assert is_vanity_metric(phrase), classify_metric(phrase)
    assert vanity_terms(phrase)


def test_no_match_inside_other_words():
    assert vanity_terms("შენახვის მაჩვენებელი") == []  # not ნახვის
    assert vanity_terms("მოქმედებების მიმდევრობა") == []
    assert vanity_terms("Spendenaufrufe") == []
    assert vanity_terms("Preview downloads, fantastic service") == []
    assert vanity_terms("Videoaufrufe über 3 Sekunden") == ["videoaufrufe"]
    assert classify_metric("Videoaufrufe über 3 Sekunden").kind == "vanity"  # not Kunden


def test_vanity_terms_as_written_in_order_once():
    assert vanity_terms("Likes and page-followers and likes") == ["likes", "page-followers"]
    assert vanity_terms("Followerzahl und Kommentare") == ["followerzahl", "kommentare"]
    assert vanity_terms("微信粉丝数和点赞数") == ["粉丝", "点赞"]
    # every count of attention is listed, also where the phrase is about business
    assert vanity_terms("customers from followers") == ["followers"]


def test_verdict_says_why():
    verdict = classify_metric("cost per follower")
    assert verdict == MetricVerdict("vanity", ("follower",), verdict.reason)
    assert verdict.is_vanity and "price of attention" in verdict.reason
    assert "follower" in verdict.reason
    service = classify_metric("Kommentarantwortzeit")
    assert service.kind == "service" and "answer" in service.reason
    assert classify_metric("").kind == "neutral"


def test_reasons_are_translated(monkeypatch):
    monkeypatch.setattr(metrics, "_", lambda message: "[" + message + "]")
    assert classify_metric("followers").reason.startswith("['followers'")


# -- the dataset -------------------------------------------------------------------------


def read_rows() -> list[dict[str, str]]:
    with open(lexicon_path(), encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        assert tuple(reader.fieldnames or ()) == LEXICON_COLUMNS
        return list(reader)


def test_lexicon_columns_and_values():
    rows = read_rows()
    assert len(rows) >= 150
    for row in rows:
        assert row["term"].strip() == row["term"] and row["term"], row
        assert row["term"] == row["term"].casefold(), row
        assert row["language"] in LANGUAGES, row
        assert row["kind"] in TERM_KINDS, row
        assert row["match"] in MATCH_RULES, row
        assert row["source"].strip(), row
    assert {row["language"] for row in rows} == set(LANGUAGES)


def test_no_duplicate_term_per_language():
    counts = Counter((row["term"], row["language"]) for row in read_rows())
    assert [key for key, count in counts.items() if count > 1] == []


def test_a_term_in_several_languages_means_the_same():
    kinds: dict[str, set[str]] = {}
    for row in read_rows():
        kinds.setdefault(row["term"], set()).add(row["kind"])
    assert {term: found for term, found in kinds.items() if len(found) > 1} == {}


def test_chinese_terms_are_substrings_and_others_have_words():
    for row in read_rows():
        if row["language"] == "zh":
            assert row["match"] == "substring", row
        elif row["match"] == "substring":
            assert len(row["term"]) >= 4, row  # a short stem inside a word misfires


def test_lexicon_is_read_once():
    assert load_lexicon() is load_lexicon()


def test_lexicon_rejects_an_unknown_kind(tmp_path):
    bad = tmp_path / "metric_terms.csv"
    bad.write_text("term,language,kind,match,source\nfollowers,en,popular,word,x\n",
                   encoding="utf-8")
    with pytest.raises(ValueError, match="unknown"):
        load_lexicon(bad)


# -- any text ----------------------------------------------------------------------------


@given(st.text(max_size=200))
def test_any_text_gives_a_verdict(text):
    verdict = classify_metric(text)
    assert verdict.kind in ("vanity", *BUSINESS)
    assert verdict.reason
    assert is_vanity_metric(text) == verdict.is_vanity
    assert isinstance(vanity_terms(text), list)
    if verdict.is_vanity:
        assert vanity_terms(text)


@given(st.lists(st.sampled_from([case[0] for case in EN + DE + NB + ZH + KA] + [
    " ", "-", "from", "per", "aus", "fra", "的", "დან"]), max_size=6))
def test_any_mix_of_phrases_gives_a_verdict(parts):
    assert classify_metric(" ".join(parts)).kind in ("vanity", *BUSINESS)


# Issue 19, finding 11: metrics a practitioner names every day, read as one would.
PRACTITIONER = [
    ("GMV from WeChat", "outcome", "gross merchandise value: sales, WeChat only the source"),
    ("小程序GMV", "outcome", "GMV inside Chinese text, without a space"),
    ("直播间GMV", "outcome", "a livestream's sales"),
    ("在看数", "vanity", "WeChat's 'Wow': a recommendation to friends, attention"),
    ("在看和点赞", "vanity", "'Wow' and likes: attention"),
    ("询单量", "outcome", "enquiries before an order: people asking to buy"),
    ("询单转化率", "outcome", "the share of enquiries that become orders"),
    ("投产比", "outcome", "sales per unit of ad spend (ROAS)"),
    ("ROAS", "outcome", "return on ad spend: revenue per unit of cost"),
    ("ROAS of Instagram ads", "outcome", "a result per unit of money"),
    ("MQL from LinkedIn", "outcome", "marketing qualified leads"),
    ("MQLs per month", "outcome", "marketing qualified leads"),
    ("app installs from TikTok", "outcome", "the result of an app campaign"),
    ("App-Installationen über Instagram", "outcome", "app installs, in German"),
    ("app-installasjoner fra Snapchat", "outcome", "app installs, in Norwegian"),
    ("应用安装量", "outcome", "app installs, in Chinese"),
    ("აპლიკაციის ინსტალაციები", "outcome", "app installs, in Georgian"),
    ("installs per campaign", "outcome", "installs of an app"),
]


@pytest.mark.parametrize(("phrase", "expected", "reason"), PRACTITIONER,
                         ids=[case[0] for case in PRACTITIONER])
def test_practitioners_metrics_read_as_a_practitioner_would(phrase, expected, reason):
    verdict = classify_metric(phrase)
    assert verdict.kind == expected, (reason, verdict)
    assert is_vanity_metric(phrase) == (expected == VANITY)


def test_a_word_that_only_contains_a_new_term_is_not_read_as_it():
    assert classify_metric("roasted coffee sales").terms == ("sales",)  # not ROAS
    assert classify_metric("install base").kind == "neutral"  # only 'installs' counts
