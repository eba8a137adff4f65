// Replays the "robots" fuzz target's inputs (tests/fixtures/fuzz-regressions/robots/, fuzz/README.md)
// through the entry the libFuzzer target runs, fuzz/fuzz_robots.hpp: no crash, no sanitizer report,
// no broken invariant.
#include <catch2/catch.hpp>

#include "../../../fuzz/fuzz_robots.hpp"
#include "../../../fuzz/fuzz_replay.hpp"

TEST_CASE("every robots fuzz regression input passes the fuzz entry's checks", "[fetch]") {
    for (const auto& input : dossier::fuzz::replay_inputs(DOSSIER_FIXTURES, "robots")) {
        INFO(input.name);
        const dossier::fuzz::Violations broken = dossier::fuzz::run_robots(input.bytes);
        for (const std::string& line : broken) FAIL_CHECK(line);
        CHECK(broken.empty());
    }
}
