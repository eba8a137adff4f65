// Replays the "listing" fuzz target's inputs (tests/fixtures/fuzz-regressions/listing/, fuzz/README.md)
// through the entry the libFuzzer target runs, fuzz/fuzz_listing.hpp: no crash, no sanitizer report,
// no broken invariant.
#include <catch2/catch.hpp>

#include "../../../fuzz/fuzz_listing.hpp"
#include "../../../fuzz/fuzz_replay.hpp"

TEST_CASE("every listing fuzz regression input passes the fuzz entry's checks", "[listing]") {
    for (const auto& input : dossier::fuzz::replay_inputs(DOSSIER_FIXTURES, "listing")) {
        INFO(input.name);
        const dossier::fuzz::Violations broken = dossier::fuzz::run_listing(input.bytes);
        for (const std::string& line : broken) FAIL_CHECK(line);
        CHECK(broken.empty());
    }
}
