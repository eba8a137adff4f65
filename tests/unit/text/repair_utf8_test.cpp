#include <catch2/catch.hpp>

#include <string>

#include "dossier/text/unicode.hpp"

using dossier::text::is_valid_utf8;
using dossier::text::repair_utf8;

TEST_CASE("repair_utf8 leaves well-formed text alone, U+FFFD included", "[text]") {
    std::string s = "漏洞 CVE-2025-59934 \xEF\xBF\xBD ok \xF0\x9F\x98\x80";
    const std::string before = s;
    CHECK_FALSE(repair_utf8(s));
    CHECK(s == before);
}

TEST_CASE("repair_utf8 replaces each ill-formed byte with U+FFFD and keeps the rest", "[text]") {
    const std::string r = "\xEF\xBF\xBD";
    struct Case {
        std::string in, out;
    };
    const Case cases[] = {
        {"a\xFF" "b", "a" + r + "b"},                                  // never a UTF-8 byte
        {"\xED\xA0\x80", r + r + r},                                     // a surrogate, byte by byte
        {"\xC0\x80", r + r},                                             // overlong NUL
        {"x\xE6\xBC", "x" + r + r},                                      // truncated 3-byte sequence
        {"\xF4\x90\x80\x80", r + r + r + r},                             // past U+10FFFF
        {"漏\x80洞", "漏" + r + "洞"},                                   // stray continuation byte
    };
    for (const Case& c : cases) {
        std::string s = c.in;
        CHECK(repair_utf8(s));
        CHECK(s == c.out);
        CHECK(is_valid_utf8(s));
    }
}
