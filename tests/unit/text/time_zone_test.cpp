#include <catch2/catch.hpp>

#include "dossier/core/date_time.hpp"
#include "dossier/text/time_zone.hpp"

using namespace dossier;

namespace {

std::int64_t local(int y, unsigned m, unsigned d, int hh, int mm) {
    return core::days_from_civil(y, m, d) * 86400 + hh * 3600 + mm * 60;
}

}  // namespace

TEST_CASE("zone offsets follow daylight saving at the given local time", "[text]") {
    CHECK(text::zone_offset_minutes("Asia/Shanghai", local(2025, 12, 23, 14, 55)).value() == 480);
    CHECK(text::zone_offset_minutes("Europe/Berlin", local(2020, 4, 28, 18, 0)).value() == 120);
    CHECK(text::zone_offset_minutes("Europe/Berlin", local(2020, 1, 28, 18, 0)).value() == 60);
    CHECK(text::zone_offset_minutes("America/New_York", local(2016, 12, 16, 16, 19)).value() == -300);
    CHECK(text::zone_offset_minutes("Asia/Kolkata", local(2020, 9, 24, 21, 27)).value() == 330);
}

TEST_CASE("a local time repeated when clocks go back takes the earlier daylight offset", "[text]") {
    // 2021-10-31 02:30 happened twice in Berlin: first at +02:00, then at +01:00.
    CHECK(text::zone_offset_minutes("Europe/Berlin", local(2021, 10, 31, 2, 30)).value() == 120);
}

TEST_CASE("an unknown zone name fails with the name", "[text]") {
    const auto r = text::zone_offset_minutes("Mars/Olympus", 0);
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().message == "text: unknown time zone: Mars/Olympus");
    CHECK_FALSE(text::zone_offset_minutes("", 0).has_value());
}
