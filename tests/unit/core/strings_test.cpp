#include "dossier/core/strings.hpp"

#include <catch2/catch.hpp>

using dossier::core::escape_controls;

TEST_CASE("escape_controls keeps a quoted value on one line", "[core]") {
    CHECK(escape_controls("a\nb\r\tc") == "a\\nb\\r\\tc");
    CHECK(escape_controls(std::string("x\0y\x1b\x7f", 5)) == "x\\x00y\\x1B\\x7F");
    CHECK(escape_controls("漏洞 CVE-2025-1234 \"ok\"") == "漏洞 CVE-2025-1234 \"ok\"");  // UTF-8 and quotes unchanged
    CHECK(escape_controls("").empty());
}
