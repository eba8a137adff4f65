#include "dossier/store/cve_ids.hpp"

#include <catch2/catch.hpp>

using dossier::store::find_cve_ids;
using dossier::store::normalize_cve_id;
using Ids = std::vector<std::string>;

TEST_CASE("CVE ids are found in running text, upper-cased, each once, in order", "[store]") {
    CHECK(find_cve_ids("Patch CVE-2025-59934 now; cve-2024-3094 and CVE-2025-59934 again.") ==
          Ids{"CVE-2025-59934", "CVE-2024-3094"});
    // Chinese text glues ids to CJK characters: those are boundaries, letters and digits are not.
    CHECK(find_cve_ids("漏洞CVE-2020-5764的利用") == Ids{"CVE-2020-5764"});
    CHECK(find_cve_ids("XCVE-2025-1234 CVE-2025-1234a CVE-2025-12345x 2CVE-2025-1111").empty());
    // full-width characters and Unicode dashes are folded
    CHECK(find_cve_ids("（ＣＶＥ－２０２５－１２３４）") == Ids{"CVE-2025-1234"});
    CHECK(find_cve_ids("CVE\u20132021\u201344228") == Ids{"CVE-2021-44228"});
    // sequence numbers of 4 or more digits; a year from 1999 to 2099
    CHECK(find_cve_ids("CVE-2025-123 CVE-1998-1234 CVE-2025-1234567") == Ids{"CVE-2025-1234567"});
    CHECK(find_cve_ids("CVE-2025-").empty());
    CHECK(find_cve_ids("").empty());
}

TEST_CASE("a CVE-2025-5993 mention is not CVE-2025-59934", "[store]") {
    CHECK(find_cve_ids("CVE-2025-59934") == Ids{"CVE-2025-59934"});
    CHECK(find_cve_ids("CVE-2025-5993, CVE-2025-59934") == Ids{"CVE-2025-5993", "CVE-2025-59934"});
}

TEST_CASE("normalize_cve_id accepts exactly one well-formed id", "[store]") {
    CHECK(normalize_cve_id("cve-2025-59934") == std::optional<std::string>("CVE-2025-59934"));
    CHECK(normalize_cve_id("ＣＶＥ－２０２５－１２３４") == std::optional<std::string>("CVE-2025-1234"));
    CHECK_FALSE(normalize_cve_id("CVE-2025-59934 ").has_value());
    CHECK_FALSE(normalize_cve_id("CVE-2025-599").has_value());
    CHECK_FALSE(normalize_cve_id("CVE-25-5993").has_value());
    CHECK_FALSE(normalize_cve_id("").has_value());
    CHECK_FALSE(normalize_cve_id("\xff\xfe").has_value());
}
