#include "dossier/listing/visible_date.hpp"

#include <catch2/catch.hpp>
#include <string>

using dossier::listing::parse_visible_date;

namespace {

// ISO text of the parsed date, or "none".
std::string iso(std::string_view text) {
    const auto dt = parse_visible_date(text);
    return dt ? dt->to_iso() : "none";
}

}  // namespace

TEST_CASE("visible dates with a year-first numeric form are found inside other words", "[listing]") {
    CHECK(iso("发布时间：2025-12-23 14:55") == "2025-12-23T14:55");
    CHECK(iso("发布时间 : 2025-12-23 14:55:52") == "2025-12-23T14:55:52");
    CHECK(iso("2025/12/23") == "2025-12-23");
    CHECK(iso("更新于 2025.1.5") == "2025-01-05");
    CHECK(iso("2025-12-23 | 09:05") == "2025-12-23T09:05");
    CHECK(iso("2025-12-23 12 comments") == "2025-12-23");
}

TEST_CASE("visible dates in the Chinese year-month-day form are found", "[listing]") {
    CHECK(iso("2025年12月23日") == "2025-12-23");
    CHECK(iso("2025年12月23日 14:55") == "2025-12-23T14:55");
    CHECK(iso("2025 年 1 月 5 日") == "2025-01-05");
    CHECK(iso("来源：安全内参 2025年2月3日14:07") == "2025-02-03T14:07");
}

TEST_CASE("visible dates with English month names are found in both orders", "[listing]") {
    CHECK(iso("Dec 23, 2025") == "2025-12-23");
    CHECK(iso("Posted on December 22nd, 2025 at 3:10 pm by Jane") == "2025-12-22T15:10");
    CHECK(iso("Sept. 3, 2025") == "2025-09-03");
    CHECK(iso("DEC 23 2025 12:30 AM") == "2025-12-23T00:30");
    CHECK(iso("23 December 2025") == "2025-12-23");
    CHECK(iso("By SecurityWeek News | 21 Dec. 2025") == "2025-12-21");
    CHECK(iso("23rd of December, 2025") == "2025-12-23");
    CHECK(iso("23-Dec-2025 14:55:52") == "2025-12-23T14:55:52");
}

TEST_CASE("visible dates keep an explicit offset and otherwise leave it unknown", "[listing]") {
    CHECK(iso("Updated 2025-12-23T14:55:52+08:00 (Beijing)") == "2025-12-23T14:55:52+08:00");
    CHECK(iso("2025-12-23T06:55:52Z") == "2025-12-23T06:55:52Z");
    CHECK(iso("2025-12-23T14:55-0500") == "2025-12-23T14:55-05:00");
    CHECK(iso("2025-12-23 14:55 UTC") == "2025-12-23T14:55Z");
    CHECK(iso("2025-12-23 14:55 +0800") == "2025-12-23T14:55+08:00");
    const auto dt = parse_visible_date("2025-12-23 14:55");
    REQUIRE(dt);
    CHECK_FALSE(dt->has_offset());
}

TEST_CASE("a time range after a visible date is not read as an offset", "[listing]") {
    CHECK(iso("2025-12-23 09:00-10:00 webinar") == "2025-12-23T09:00");
}

TEST_CASE("relative and year-less visible dates are never guessed", "[listing]") {
    CHECK(iso("3 小时前") == "none");
    CHECK(iso("2 hours ago") == "none");
    CHECK(iso("昨天 18:20") == "none");
    CHECK(iso("12-23") == "none");
    CHECK(iso("Dec 23") == "none");
    CHECK(iso("May 2025") == "none");
    CHECK(iso("") == "none");
}

TEST_CASE("numbers that only look like dates are not visible dates", "[listing]") {
    CHECK(iso("CVE-2025-12345") == "none");
    CHECK(iso("2025-02-30") == "none");
    CHECK(iso("2025-13-01") == "none");
    CHECK(iso("1.2万 阅读") == "none");
    CHECK(iso("Market 23, 2025") == "none");
    CHECK(iso("12025-12-23") == "none");
    CHECK(iso("0999-12-23") == "none");
}

TEST_CASE("an invalid time after a visible date keeps the date alone", "[listing]") {
    CHECK(iso("2025-12-23 25:10") == "2025-12-23");
    CHECK(iso("Dec 23, 2025 13:10 pm") == "2025-12-23");
    CHECK(iso("2024-02-29 23:59:60") == "2024-02-29T23:59:59");
}
