#include <catch2/catch.hpp>

#include "dossier/core/date_time.hpp"

using dossier::core::DateTime;
using dossier::core::parse_date;
using dossier::core::parse_iso8601;
using dossier::core::parse_rfc822;

TEST_CASE("ISO 8601 with an offset keeps the offset and the true instant", "[core]") {
    auto dt = parse_iso8601("2025-12-23T14:55:52+08:00");
    REQUIRE(dt);
    CHECK(dt->offset_minutes == 480);
    CHECK(dt->seconds == 1766472952);  // 06:55:52Z
    CHECK(dt->to_iso() == "2025-12-23T14:55:52+08:00");
}

TEST_CASE("a time without an offset is kept as local wall-clock time, never shifted", "[core]") {
    auto dt = parse_iso8601("2025-12-23 14:55:52");
    REQUIRE(dt);
    CHECK_FALSE(dt->has_offset());
    CHECK(dt->to_iso() == "2025-12-23T14:55:52");
}

TEST_CASE("ISO 8601 forms seen on real pages parse", "[core]") {
    CHECK(parse_iso8601("2025-12-23")->to_iso() == "2025-12-23");
    CHECK(parse_iso8601("2025-12-23")->date_only());
    CHECK(parse_iso8601("2024-03-10T17:15:00Z")->to_iso() == "2024-03-10T17:15:00Z");
    CHECK(parse_iso8601("2024-03-10T17:15:00.123456-05:00")->to_iso() == "2024-03-10T17:15:00-05:00");
    CHECK(parse_iso8601("2024-03-10T17:15+0530")->to_iso() == "2024-03-10T17:15+05:30");
    CHECK(parse_iso8601("2024/3/5 09:07")->to_iso() == "2024-03-05T09:07");
    CHECK(parse_iso8601(" 2024-03-10T17:15:00 UTC ")->to_iso() == "2024-03-10T17:15:00Z");
}

TEST_CASE("invalid ISO dates are rejected", "[core]") {
    CHECK_FALSE(parse_iso8601(""));
    CHECK_FALSE(parse_iso8601("2025-02-30"));
    CHECK_FALSE(parse_iso8601("2025-13-01"));
    CHECK_FALSE(parse_iso8601("2025-12-23T25:00:00Z"));
    CHECK_FALSE(parse_iso8601("2025-12-23T10:00:00+99:00"));
    CHECK_FALSE(parse_iso8601("yesterday"));
    CHECK_FALSE(parse_iso8601("2025-12-23T10:00:00Z and more text"));
}

TEST_CASE("RFC 822 dates from feeds parse with their zone", "[core]") {
    auto dt = parse_rfc822("Sun, 10 Mar 2024 17:15:00 +0100");
    REQUIRE(dt);
    CHECK(dt->to_iso() == "2024-03-10T17:15:00+01:00");
    CHECK(parse_rfc822("10 Mar 2024 17:15 GMT")->to_iso() == "2024-03-10T17:15Z");
    CHECK(parse_rfc822("Mon, 01 Oct 18 08:00:00 EST")->to_iso() == "2018-10-01T08:00:00-05:00");
    CHECK_FALSE(parse_rfc822("Sun, 32 Mar 2024 17:15:00 +0100"));
    CHECK_FALSE(parse_rfc822("Sun, 10 Foo 2024 17:15:00 +0100"));
    CHECK_FALSE(parse_rfc822("Sun, 10 Mar 2024 17:15:00 XYZ"));
}

TEST_CASE("parse_date tries ISO first, then RFC 822", "[core]") {
    CHECK(parse_date("2020-07-10T16:30:16+08:00")->offset_minutes == 480);
    CHECK(parse_date("Fri, 10 Jul 2020 08:30:16 GMT")->seconds == parse_date("2020-07-10T16:30:16+08:00")->seconds);
}

TEST_CASE("civil date conversion round-trips across eras", "[core]") {
    for (std::int64_t days : {-719468LL, -1LL, 0LL, 11016LL, 20445LL, 2932896LL}) {
        int y = 0;
        unsigned m = 0, d = 0;
        dossier::core::civil_from_days(days, y, m, d);
        CHECK(dossier::core::days_from_civil(y, m, d) == days);
    }
    CHECK(dossier::core::format_utc(0) == "1970-01-01T00:00:00Z");
}
