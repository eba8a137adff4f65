// Replays the "extract" fuzz target's inputs (tests/fixtures/fuzz-regressions/extract/, fuzz/README.md)
// through the entry the libFuzzer target runs, fuzz/fuzz_extract.hpp: no crash, no sanitizer report,
// no broken invariant.
#include <catch2/catch.hpp>

#include "../../../fuzz/fuzz_extract.hpp"
#include "../../../fuzz/fuzz_replay.hpp"

TEST_CASE("every extract fuzz regression input passes the fuzz entry's checks", "[extract]") {
    for (const auto& input : dossier::fuzz::replay_inputs(DOSSIER_FIXTURES, "extract")) {
        INFO(input.name);
        const dossier::fuzz::Violations broken = dossier::fuzz::run_extract(input.bytes);
        for (const std::string& line : broken) FAIL_CHECK(line);
        CHECK(broken.empty());
    }
}
