// Real feeds from ../shared/corpus/feeds (bytes unchanged; see that README for their quirks).
#include <catch2/catch.hpp>

#include "dossier/feed/feed.hpp"
#include "feed_fixture.hpp"

using dossier::feed::Format;
using dossier::feed::parse;
using feed_test::fixture;

namespace {

const dossier::core::Entry* find_title_prefix(const dossier::feed::Feed& feed, const std::string& prefix) {
    for (const auto& e : feed.entries)
        if (e.title.rfind(prefix, 0) == 0) return &e;
    return nullptr;
}

}  // namespace

TEST_CASE("the dustri RSS 2.0 feed yields 25 items with links, authors and offset dates", "[feed]") {
    const auto feed = parse(fixture("dustri.org-artificial-truth.rss.xml"), "https://dustri.org/b/rss.xml");
    REQUIRE(feed);
    CHECK(feed->format == Format::rss);
    CHECK(feed->title == "Artificial truth");
    CHECK(feed->site_url == "https://dustri.org/b/");
    CHECK(feed->warnings.empty());
    REQUIRE(feed->entries.size() == 25);
    const auto& first = feed->entries.front();
    CHECK(first.title == "Using vale with vim");
    CHECK(first.url == "https://dustri.org/b/using-vale-with-vim.html");
    REQUIRE(first.published);
    CHECK(first.published->to_iso() == "2024-03-10T17:15:00+01:00");
    CHECK(first.author == "jvoisin");
    CHECK(first.tags == std::vector<std::string>{"sysadmin"});
    CHECK(first.guid == "tag:dustri.org,2024-03-10:/b/using-vale-with-vim.html");
    CHECK(first.summary.rfind("<p><a href=\"https://en.wikipedia.org/wiki/LWN.net\">LWN</a>", 0) == 0);
    const auto& last = feed->entries.back();
    CHECK(last.title == "A sneaky Golang bug");
    CHECK(last.url == "https://dustri.org/b/a-sneaky-golang-bug.html");
    REQUIRE(last.published);
    CHECK(last.published->to_iso() == "2023-08-02T13:15:00+02:00");
}

TEST_CASE("the dustri RSS and Atom editions give the same URLs, titles and instants", "[feed]") {
    const auto rss = parse(fixture("dustri.org-artificial-truth.rss.xml"), "https://dustri.org/b/rss.xml");
    const auto atom = parse(fixture("dustri.org-artificial-truth.atom.xml"), "https://dustri.org/b/atom.xml");
    REQUIRE(rss);
    REQUIRE(atom);
    CHECK(atom->format == Format::atom);
    CHECK(atom->site_url == "https://dustri.org/b/");
    REQUIRE(rss->entries.size() == atom->entries.size());
    for (std::size_t i = 0; i < rss->entries.size(); ++i) {
        const auto& r = rss->entries[i];
        const auto& a = atom->entries[i];
        INFO("entry " << i << ": " << r.url);
        CHECK(r.url == a.url);
        CHECK(r.title == a.title);
        CHECK(r.author == a.author);
        REQUIRE(r.published);
        REQUIRE(a.published);
        CHECK(r.published->seconds == a.published->seconds);
        CHECK(r.published->offset_minutes == a.published->offset_minutes);
    }
    // Atom entries carry <updated> too; RSS items have only pubDate.
    CHECK(atom->entries.front().updated.has_value());
    CHECK_FALSE(rss->entries.front().updated.has_value());
}

TEST_CASE("the golem ISO-8859-1 feed decodes umlauts and sharp s", "[feed]") {
    const auto feed = parse(fixture("golem.de-rss.ISO-8859-1.xml"), "https://rss.golem.de/rss.php?feed=RSS2.0");
    REQUIRE(feed);
    CHECK(feed->title == "Golem.de");
    REQUIRE(feed->entries.size() == 40);
    CHECK(feed->entries.front().title == "Red Dead Redemption 2: Hinweise auf PC-Umsetzung in App von Rockstar Games");
    CHECK(feed->entries.back().title == "Xiaomi: Das Mi Mix 3 hat keine Notch und eine versteckte Frontkamera");
    CHECK(find_title_prefix(*feed, "Linux und BSD: Sicherheitslücke in X.org ermöglicht Root-Rechte") != nullptr);
    CHECK(find_title_prefix(*feed, "Studie: Silicon Valley dient als rechte Hand des großen Bruders") != nullptr);
    CHECK(find_title_prefix(*feed, "Physik: Weg mit der Schönheit!") != nullptr);
    CHECK(find_title_prefix(*feed, "Quartalszahlen: AMDs Aktie gibt wegen mäßiger Aussichten nach") != nullptr);
    const auto* ba = find_title_prefix(*feed, "Sicherheitslücke: Daten von 185.000 weiteren British-Airways-Kunden");
    REQUIRE(ba != nullptr);
    REQUIRE(ba->published);
    CHECK(ba->url.rfind("https://www.golem.de/news/", 0) == 0);
    CHECK(feed->entries.front().published->to_iso() == "2018-10-28T13:48:00+01:00");
    // The description is HTML that the feed escaped; it arrives unescaped and decoded.
    CHECK(feed->entries.front().summary.find("Viele Spieler wünschen sich") != std::string::npos);
}

TEST_CASE("the windows-1251 feed decodes Cyrillic", "[feed]") {
    const auto feed = parse(fixture("ibash.org.ru-rss.windows-1251.xml"), "http://ibash.org.ru/rss.xml");
    REQUIRE(feed);
    CHECK(feed->title == "iBash.Org.Ru");
    REQUIRE(feed->entries.size() == 50);
    const auto& first = feed->entries.front();
    CHECK(first.title == "Цитата #17703");
    CHECK(first.url == "http://ibash.org.ru/quote.php?id=17703");
    CHECK(first.published->to_iso() == "2018-03-21T10:27:32+03:00");
    CHECK(first.summary.rfind("xxx: есть у кого", 0) == 0);
    CHECK(feed->entries.back().title == "Цитата #17220");
}

TEST_CASE("the heise RDF feed has 60 items and no dates", "[feed]") {
    const auto feed = parse(fixture("heise.de-newsticker.rdf.xml"), "https://www.heise.de/newsticker/heise.rdf");
    REQUIRE(feed);
    CHECK(feed->format == Format::rdf);
    CHECK(feed->title == "heise online News");
    CHECK(feed->site_url == "https://www.heise.de/newsticker/");
    REQUIRE(feed->entries.size() == 60);
    CHECK(feed->entries.front().title == "OLED-TVs: Vorsichtsmaßnahmen gegen Einbrennen");
    CHECK(feed->entries.front().url ==
          "https://www.heise.de/newsticker/meldung/OLED-TVs-Vorsichtsmassnahmen-gegen-Einbrennen-4205274.html"
          "?wt_mc=rss.ho.beitrag.rdf");
    CHECK(feed->entries.back().title == "Mi Mix 3: Xiaomi-Flaggschiff mit Kamera-Slider und 10 GByte RAM");
    for (const auto& e : feed->entries) {
        CHECK_FALSE(e.published.has_value());
        CHECK_FALSE(e.updated.has_value());
    }
}
