// Replays the "query" fuzz target's inputs (tests/fixtures/fuzz-regressions/query/, fuzz/README.md)
// through the entry the libFuzzer target runs, fuzz/fuzz_query.hpp: no crash, no sanitizer report,
// no broken invariant.
#include <catch2/catch.hpp>

#include "../../../fuzz/fuzz_query.hpp"
#include "../../../fuzz/fuzz_replay.hpp"

TEST_CASE("every query fuzz regression input passes the fuzz entry's checks", "[store]") {
    for (const auto& input : dossier::fuzz::replay_inputs(DOSSIER_FIXTURES, "query")) {
        INFO(input.name);
        const dossier::fuzz::Violations broken = dossier::fuzz::run_query(input.bytes);
        for (const std::string& line : broken) FAIL_CHECK(line);
        CHECK(broken.empty());
    }
}
