// Dates as feeds write them, read through parse() so the whole path is covered.
#include <catch2/catch.hpp>

#include "dossier/feed/feed.hpp"
#include "feed_fixture.hpp"

using dossier::feed::parse;
using feed_test::rss_with_date;

namespace {

std::string published_iso(const std::string& date) {
    const auto feed = parse(rss_with_date(date), "https://example.com/feed");
    if (!feed || feed->entries.size() != 1 || !feed->entries[0].published) return "(none)";
    return feed->entries[0].published->to_iso();
}

}  // namespace

TEST_CASE("standard RFC 822 and RFC 3339 dates keep their offsets", "[feed]") {
    CHECK(published_iso("Sun, 10 Mar 2024 17:15:00 +0100") == "2024-03-10T17:15:00+01:00");
    CHECK(published_iso("2024-03-10T17:15:00+01:00") == "2024-03-10T17:15:00+01:00");
    CHECK(published_iso("2024-03-10T16:15:00.000Z") == "2024-03-10T16:15:00Z");
    CHECK(published_iso("Sun, 10 Mar 2024 17:15:00 GMT") == "2024-03-10T17:15:00Z");
}

TEST_CASE("broken date forms from real feeds are read", "[feed]") {
    CHECK(published_iso("Mon, 1 Oct 2018 08:00:00 +0200") == "2018-10-01T08:00:00+02:00");
    CHECK(published_iso("2018-10-01 08:00:00") == "2018-10-01T08:00:00");
    CHECK(published_iso("Tue, 15 Nov 2022 12:00:00 GMT+8") == "2022-11-15T12:00:00+08:00");
    CHECK(published_iso("Tue, 15 Nov 2022 12:00:00 UTC+08:00") == "2022-11-15T12:00:00+08:00");
    CHECK(published_iso("01 Oct 2018 08:00:00 +0200") == "2018-10-01T08:00:00+02:00");
    CHECK(published_iso("Monday, 01 October 2018 08:00:00 +0200") == "2018-10-01T08:00:00+02:00");
    CHECK(published_iso("Mon, 01 Oct 2018 08:00:00 CEST") == "2018-10-01T08:00:00+02:00");
    CHECK(published_iso("Mon, 01 Oct 2018 08:00:00 MSK") == "2018-10-01T08:00:00+03:00");
    CHECK(published_iso("Oct 1 2018") == "2018-10-01");
    CHECK(published_iso("October 1st, 2018 8:05 PM") == "2018-10-01T20:05");
    CHECK(published_iso("Mon Oct 01 2018 08:00:00 GMT+0200 (Central European Summer Time)") ==
          "2018-10-01T08:00:00+02:00");
    CHECK(published_iso("Mon Oct  1 08:00:00 2018") == "2018-10-01T08:00:00");
    CHECK(published_iso("Mon, 01 Oct 2018 08:00:00+0200") == "2018-10-01T08:00:00+02:00");
    CHECK(published_iso("2018-10-01T08:00:00 GMT+8") == "2018-10-01T08:00:00+08:00");
    CHECK(published_iso("01.10.2018 08:00") == "2018-10-01T08:00");
    CHECK(published_iso("01-Oct-2018 08:00:00 +0000") == "2018-10-01T08:00:00Z");
    CHECK(published_iso("2018年10月1日 08:00") == "2018-10-01T08:00");
}

TEST_CASE("dates that name no calendar day stay empty", "[feed]") {
    CHECK(published_iso("") == "(none)");
    CHECK(published_iso("yesterday") == "(none)");
    CHECK(published_iso("Mon, 32 Oct 2018 08:00:00 +0200") == "(none)");
    CHECK(published_iso("08:00:00") == "(none)");
    CHECK(published_iso("Oct 2018") == "(none)");
    CHECK(published_iso("Mon, 01 Oct 2018 08:00:00 XYZ") == "(none)");
    // Month or day 0 (a fuzz find: month 0 indexed the month names at -1).
    CHECK(published_iso("2005-00-10T10:00:00-05") == "(none)");
    CHECK(published_iso("2005-01-00T10:00:00-05") == "(none)");
}

TEST_CASE("an unreadable pubDate gives way to a readable dc:date", "[feed]") {
    const std::string doc =
        "<rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel><item>"
        "<link>https://example.com/a</link><pubDate>not a date</pubDate><dc:date>2024-01-02T03:04:05+08:00</dc:date>"
        "</item></channel></rss>";
    const auto feed = parse(doc, "https://example.com/feed");
    REQUIRE(feed);
    REQUIRE(feed->entries.size() == 1);
    CHECK(feed->entries[0].published->to_iso() == "2024-01-02T03:04:05+08:00");
    CHECK(feed->warnings.empty());
}
