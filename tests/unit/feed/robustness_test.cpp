// Hostile and broken input: entity attacks, caps, truncation, garbage. Every outcome must be a
// value or a "feed: ..." error, never a crash, an expansion or a read of a local file.
#include <catch2/catch.hpp>

#include <random>

#include "dossier/feed/feed.hpp"
#include "feed_fixture.hpp"

using dossier::feed::parse;
using dossier::feed::ParseOptions;
using feed_test::fixture;
using feed_test::warned;

namespace {

bool valid_utf8(const std::string& s) {
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
        if (n == 0 || i + n > s.size()) return false;
        for (std::size_t k = 1; k < n; ++k)
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
        i += n;
    }
    return true;
}

bool feed_is_clean_utf8(const dossier::feed::Feed& feed) {
    if (!valid_utf8(feed.title) || !valid_utf8(feed.site_url)) return false;
    for (const auto& w : feed.warnings)
        if (!valid_utf8(w)) return false;
    for (const auto& e : feed.entries) {
        if (!valid_utf8(e.title) || !valid_utf8(e.url) || !valid_utf8(e.summary) || !valid_utf8(e.author)) return false;
        for (const auto& t : e.tags)
            if (!valid_utf8(t)) return false;
    }
    return true;
}

std::string items_feed(std::size_t n) {
    std::string doc = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>big</title>";
    doc.reserve(n * 96 + 128);
    for (std::size_t i = 0; i < n; ++i)
        doc += "<item><title>Item " + std::to_string(i) + "</title><link>https://big.example.com/" +
               std::to_string(i) + "</link></item>\n";
    return doc + "</channel></rss>";
}

}  // namespace

TEST_CASE("a billion-laughs document expands nothing", "[feed]") {
    const auto feed = parse(fixture("billion_laughs.xml"), "https://example.com/feed");
    if (feed) {
        CHECK(feed->title.find("lollol") == std::string::npos);
        for (const auto& e : feed->entries) {
            CHECK(e.title.find("lollol") == std::string::npos);
            CHECK(e.summary.find("lollol") == std::string::npos);
        }
    } else {
        CHECK(feed.error().message.rfind("feed: XML error", 0) == 0);
    }
}

TEST_CASE("a quadratic-blowup entity is expanded only up to a budget", "[feed]") {
    const std::string big(20000, 'a');
    std::string refs;
    for (int i = 0; i < 2000; ++i) refs += "&big;";
    const std::string doc = "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY big \"" + big +
                            "\">]><rss><channel><item><title>" + refs +
                            "</title><link>https://example.com/a</link></item></channel></rss>";
    const auto feed = parse(doc, "https://example.com/feed");
    if (feed) {
        REQUIRE(feed->entries.size() == 1);
        CHECK(feed->entries[0].title.size() <= std::size_t{64} << 10);
    } else {
        CHECK(feed.error().message.rfind("feed: XML error", 0) == 0);
    }
}

TEST_CASE("an external entity pointing at /etc/passwd is never read", "[feed]") {
    const auto feed = parse(fixture("xxe_file_passwd.xml"), "https://example.com/feed");
    REQUIRE(feed);
    REQUIRE(feed->entries.size() == 1);
    CHECK(feed->entries[0].title == "Leak:");
    CHECK(feed->entries[0].summary.empty());
    CHECK(feed->entries[0].title.find("root:") == std::string::npos);
}

TEST_CASE("a 100000-item feed stops at the item cap with a warning", "[feed]") {
    const auto feed = parse(items_feed(100000), "https://big.example.com/feed");
    REQUIRE(feed);
    REQUIRE(feed->entries.size() == 10000);
    CHECK(feed->entries.back().title == "Item 9999");
    CHECK(warned(*feed, "feed: item cap 10000 reached"));
    ParseOptions small;
    small.max_items = 5;
    const auto capped = parse(items_feed(6), "https://big.example.com/feed", small);
    REQUIRE(capped);
    CHECK(capped->entries.size() == 5);
    CHECK(warned(*capped, "item cap 5 reached"));
    const auto exact = parse(items_feed(5), "https://big.example.com/feed", small);
    REQUIRE(exact);
    CHECK(exact->warnings.empty());
}

TEST_CASE("input over the byte cap is refused", "[feed]") {
    ParseOptions opts;
    opts.max_bytes = 1000;
    const auto feed = parse(items_feed(50), "https://big.example.com/feed", opts);
    REQUIRE_FALSE(feed);
    CHECK(feed.error().message == "feed: input over 1000 bytes");
}

TEST_CASE("a feed cut off mid-item keeps the items before the cut", "[feed]") {
    const std::string whole = items_feed(50);
    const std::string cut = whole.substr(0, whole.find("<item><title>Item 30</title>") + 20);
    const auto feed = parse(cut, "https://big.example.com/feed");
    REQUIRE(feed);
    CHECK(feed->entries.size() == 30);
    CHECK(warned(*feed, "feed: XML error at line"));
}

TEST_CASE("things that are not feeds give an error naming their first bytes", "[feed]") {
    const auto html = parse(fixture("html_page_not_a_feed.html"), "https://krebsonsecurity.com/feed/");
    REQUIRE_FALSE(html);
    CHECK(html.error().message.rfind("feed: not a feed or sitemap: \"<!DOCTYPE html>", 0) == 0);
    CHECK(parse("", "https://x/").error().message == "feed: not a feed or sitemap: empty input");
    CHECK(parse(std::string("\x1F\x8B\x08\x00", 4), "https://x/").error().message ==
          "feed: not a feed or sitemap: gzip data");
    CHECK(parse(std::string("\x00\x01\x02\xFF", 4), "https://x/").error().message ==
          "feed: not a feed or sitemap: binary data (00 01 02 ff)");
    CHECK_FALSE(parse(fixture("opml/nested_folders.opml"), "https://x/"));
}

TEST_CASE("a feed-looking document with nothing readable is an XML error", "[feed]") {
    const auto broken = parse("<rss><channel><item><title>x", "https://x/");
    REQUIRE_FALSE(broken);
    CHECK(broken.error().message.rfind("feed: XML error at line 1: ", 0) == 0);
    std::string deep = "<rss><channel>";
    for (int i = 0; i < 5000; ++i) deep += "<x>";
    CHECK_FALSE(parse(deep, "https://x/"));
    const auto empty = parse("<rss version=\"2.0\"><channel><title>quiet</title></channel></rss>", "https://x/");
    REQUIRE(empty);  // a valid feed with no items is not an error
    CHECK(empty->entries.empty());
}

TEST_CASE("broken JSON Feeds give errors, deep nesting is refused before parsing", "[feed]") {
    const std::string head = R"({"version":"https://jsonfeed.org/version/1.1","items":)";
    CHECK(parse(head + "[]}", "https://x/"));
    const auto truncated = parse(head + "[{\"url\":\"https://x/a\"", "https://x/");
    REQUIRE_FALSE(truncated);
    CHECK(truncated.error().message.rfind("feed: JSON error at byte", 0) == 0);
    const auto no_items = parse(R"({"version":"https://jsonfeed.org/version/1.1","items":{}})", "https://x/");
    REQUIRE_FALSE(no_items);
    CHECK(no_items.error().message == "feed: JSON Feed without an items array");
    const auto deep = parse(head + std::string(100000, '[') + std::string(100000, ']') + "}", "https://x/");
    REQUIRE_FALSE(deep);
    CHECK(deep.error().message == "feed: JSON nested deeper than 64 levels");
    const auto wrong_types = parse(head + R"([{"url":7,"title":["x"],"tags":"t","authors":3},"str"]})", "https://x/");
    REQUIRE(wrong_types);
    CHECK(wrong_types->entries.empty());
}

TEST_CASE("mutated and truncated real feeds never crash and always yield UTF-8", "[feed]") {
    const std::string source = fixture("golem.de-rss.ISO-8859-1.xml");
    REQUIRE(source.size() > 1000);
    std::mt19937 rng(20240501);  // fixed seed: the same inputs on every run
    static constexpr char k_specials[] = "<>&;\"'\0\xFF]/";
    const std::string specials(k_specials, sizeof k_specials - 1);  // keeps the NUL byte
    for (int round = 0; round < 150; ++round) {
        std::string doc = source.substr(0, std::uniform_int_distribution<std::size_t>(0, source.size())(rng));
        for (int k = 0; k < 8 && !doc.empty(); ++k) {
            const std::size_t at = std::uniform_int_distribution<std::size_t>(0, doc.size() - 1)(rng);
            doc[at] = specials[std::uniform_int_distribution<std::size_t>(0, specials.size() - 1)(rng)];
        }
        const auto feed = parse(doc, "https://www.golem.de/");
        INFO("round " << round << ", " << doc.size() << " bytes");
        if (feed) {
            CHECK(feed_is_clean_utf8(*feed));
        } else {
            CHECK(feed.error().message.rfind("feed: ", 0) == 0);
            CHECK(valid_utf8(feed.error().message));
        }
    }
}
