#include <catch2/catch.hpp>

#include "dossier/sources/duration.hpp"

using dossier::sources::format_duration;
using dossier::sources::parse_duration;

TEST_CASE("durations with one unit parse to seconds", "[sources]") {
    CHECK(parse_duration("30s").value() == 30);
    CHECK(parse_duration("15m").value() == 900);
    CHECK(parse_duration("1h").value() == 3600);
    CHECK(parse_duration("1d").value() == 86400);
    CHECK(parse_duration("0s").value() == 0);
    CHECK(parse_duration(" 2h ").value() == 7200);
}

TEST_CASE("durations with several units add up", "[sources]") {
    CHECK(parse_duration("1h30m").value() == 5400);
    CHECK(parse_duration("1d12h").value() == 129600);
    CHECK(parse_duration("1d1h1m1s").value() == 90061);
}

TEST_CASE("text that is not a duration is refused with the expected message", "[sources]") {
    for (const char* bad : {"", "30", "1hr", "90 minutes", "1H", "30m1h", "1h1h", "h", "-1h", "1.5h", "1h 30m",
                            "99999999999999999999s", "999999999999999d"}) {
        INFO(bad);
        CHECK_FALSE(parse_duration(bad));
    }
    CHECK(parse_duration("soon").error().message == "sources: not a duration (use 30m, 1h, 1d): \"soon\"");
}

TEST_CASE("format_duration writes the shortest text that parses back", "[sources]") {
    CHECK(format_duration(0) == "0s");
    CHECK(format_duration(-5) == "0s");
    CHECK(format_duration(45) == "45s");
    CHECK(format_duration(3600) == "1h");
    CHECK(format_duration(5400) == "1h30m");
    CHECK(format_duration(86400 + 61) == "1d1m1s");
    for (std::int64_t s : {1, 59, 60, 3599, 3601, 86399, 172800, 1000000}) CHECK(parse_duration(format_duration(s)).value() == s);
}
