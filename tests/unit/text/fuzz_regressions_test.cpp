// Replays the "charset" fuzz target's inputs (tests/fixtures/fuzz-regressions/charset/, fuzz/README.md)
// through the entry the libFuzzer target runs, fuzz/fuzz_charset.hpp: no crash, no sanitizer report,
// no broken invariant.
#include <catch2/catch.hpp>

#include "../../../fuzz/fuzz_charset.hpp"
#include "../../../fuzz/fuzz_replay.hpp"
#include "dossier/text/charset.hpp"

TEST_CASE("every charset fuzz regression input passes the fuzz entry's checks", "[text]") {
    for (const auto& input : dossier::fuzz::replay_inputs(DOSSIER_FIXTURES, "charset")) {
        INFO(input.name);
        const dossier::fuzz::Violations broken = dossier::fuzz::run_charset(input.bytes);
        for (const std::string& line : broken) FAIL_CHECK(line);
        CHECK(broken.empty());
    }
}

TEST_CASE("a label ICU matches loosely gets the WHATWG table's charset", "[text]") {
    using dossier::text::canonical_charset;
    // ICU ignores '-', '_' and control characters in names; the table's choices still apply.
    CHECK(canonical_charset("gb_k") == "GB18030");
    CHECK(canonical_charset("gbk\x15") == "GB18030");
    CHECK(canonical_charset("latin-1") == "windows-1252");
    CHECK(canonical_charset("GBK") == "GB18030");
}

TEST_CASE("a label with a NUL names no charset", "[text]") {
    using namespace std::string_literals;
    CHECK_FALSE(dossier::text::canonical_charset("utf-8\0junk"s));
    CHECK_FALSE(dossier::text::decode_as("abc", "utf-8\0junk"s));
}
