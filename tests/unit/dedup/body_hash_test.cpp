#include <catch2/catch.hpp>

#include "dossier/dedup/body_hash.hpp"

using dossier::dedup::body_hash;
using dossier::dedup::normalize_body;

TEST_CASE("the normalised body ignores width, case, whitespace and punctuation", "[dedup]") {
    CHECK(normalize_body("ＣＶＥ－２０２５, Hello  World!") == "cve2025helloworld");
    CHECK(normalize_body("漏洞，利用。\n\n测试") == "漏洞利用测试");
}

TEST_CASE("copies that differ only in layout share a body hash", "[dedup]") {
    CHECK(body_hash("Attackers exploit CVE-2025-59934.\n\nPatch now.") ==
          body_hash("attackers exploit cve 2025 59934 patch now"));
    CHECK(body_hash("漏洞利用") != body_hash("漏洞"));
    CHECK(body_hash("a").size() == 40);
}

TEST_CASE("an empty or punctuation-only body has no hash", "[dedup]") {
    CHECK(body_hash("").empty());
    CHECK(body_hash(" ，。!? \n").empty());
}
