// Replays the "warc" fuzz target's inputs (tests/fixtures/fuzz-regressions/warc/, fuzz/README.md)
// through the entry the libFuzzer target runs, fuzz/fuzz_warc.hpp: no crash, no sanitizer report,
// no broken invariant.
#include <catch2/catch.hpp>

#include "../../../fuzz/fuzz_warc.hpp"
#include "../../../fuzz/fuzz_replay.hpp"

TEST_CASE("every warc fuzz regression input passes the fuzz entry's checks", "[archive]") {
    for (const auto& input : dossier::fuzz::replay_inputs(DOSSIER_FIXTURES, "warc")) {
        INFO(input.name);
        const dossier::fuzz::Violations broken = dossier::fuzz::run_warc(input.bytes);
        for (const std::string& line : broken) FAIL_CHECK(line);
        CHECK(broken.empty());
    }
}
