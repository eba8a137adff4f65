// The scorer behind fixture_pages_test.cpp gives the verdicts score-extraction gives.
#include <catch2/catch.hpp>

#include "dossier/core/date_time.hpp"
#include "page_score_support.hpp"

using namespace dossier;

TEST_CASE("titles compare after NFKC, case folding and unified quotes and dashes", "[extract]") {
    CHECK(page_score::norm_title("Flaw \u201cfound\u201d \u2013 in  ＣＶＥ") == "flaw \"found\" - in cve");
    CHECK(page_score::norm_title(page_score::to_utf8(page_score::sec_norm("Tom&#039;s&nbsp;flaw"))) == "tom's flaw");
    CHECK(page_score::norm_title("Flaw found | Site") != page_score::norm_title("Flaw found"));
}

TEST_CASE("authors match exactly, inside a short byline, or as the same list of names", "[extract]") {
    CHECK(page_score::author_ok("Dan Goodin", "dan goodin"));
    CHECK(page_score::author_ok("hx1997", "本文由hx1997原创发布"));
    CHECK(page_score::author_ok("Ann Lee, Bo Chen and Cy Dee", "Cy Dee; Bo Chen & Ann Lee"));
    CHECK(page_score::author_ok("Ann Lee, Bo Chen and Cy Dee", "Ann Lee, Bo Chen"));
    CHECK_FALSE(page_score::author_ok("Ann Lee, Bo Chen and Cy Dee", "Bo Chen"));  // first name missing
    CHECK_FALSE(page_score::author_ok("Ann Lee", ""));
    CHECK_FALSE(page_score::author_ok("Andy Etten", "Andy"));  // "and"/"et" split only as words
}

TEST_CASE("body_first and body_last must sit within 400 characters of the ends", "[extract]") {
    const std::string filler(500, 'x');
    const std::u32string text = page_score::sec_norm("Opening words here. " + filler + " Closing words.");
    CHECK(page_score::first_ok(text, "Opening  words"));
    CHECK(page_score::last_ok(text, "Closing words."));
    CHECK_FALSE(page_score::first_ok(text, "Closing words."));
    CHECK_FALSE(page_score::last_ok(text, "Opening words"));
    CHECK(page_score::first_ok(page_score::sec_norm("漏洞 利用"), "漏洞利用"));  // spacing ignored as fallback
    CHECK(page_score::leaks(text, {"Opening wo rds", "not there"}) == std::vector<std::string>{"Opening wo rds"});
}

TEST_CASE("dates match by instant when both carry an offset, else by the day as written", "[extract]") {
    const auto pred = core::parse_iso8601("2020-07-10T08:30:16Z").value();
    CHECK(page_score::sec_date_ok({"2020-07-10T16:30:16+08:00"}, false, pred));
    CHECK_FALSE(page_score::sec_date_ok({"2020-07-10T16:30:00+08:00"}, false, pred));
    CHECK(page_score::sec_date_ok({"2020-07-10T16:30:00+08:00"}, true, pred));
    CHECK(page_score::sec_date_ok({"2020-07-10"}, false, pred));
    const auto local = core::parse_iso8601("2020-07-10T23:30:00").value();
    CHECK(page_score::sec_date_ok({"2020-07-10T16:30:16+08:00"}, false, local));  // no offset: the day
    CHECK(page_score::readability_date_ok("2020-07-11T01:30:00+02:00", pred));     // same UTC day
    CHECK_FALSE(page_score::readability_date_ok("2020-07-12", pred));
}

TEST_CASE("body text is scored on CJK characters and word runs, by shingles and by bag", "[extract]") {
    CHECK(page_score::tokens("漏洞CVE-2024 利用_x") == std::vector<std::string>{"漏", "洞", "CVE", "2024", "利", "用", "_x"});
    const auto same = page_score::score_body("one two three four five", "one two three four five");
    CHECK(same.f1 == 1.0);
    const auto half = page_score::score_body("a b c d e f g h", "a b c d x y z w");
    CHECK(half.precision == Approx(0.2));  // 1 of 5 shingles matches
    CHECK(half.recall == Approx(0.2));
    CHECK(half.bag_f1 == Approx(0.5));
    const auto none = page_score::score_body("a b c d", "");
    CHECK(none.f1 == 0.0);
    CHECK_FALSE(none.use_precision);
    CHECK(none.use_recall);
}
