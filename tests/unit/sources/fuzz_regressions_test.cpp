// Replays the "sources_toml" fuzz target's inputs (tests/fixtures/fuzz-regressions/sources_toml/, fuzz/README.md)
// through the entry the libFuzzer target runs, fuzz/fuzz_sources_toml.hpp: no crash, no sanitizer report,
// no broken invariant.
#include <catch2/catch.hpp>

#include "../../../fuzz/fuzz_sources_toml.hpp"
#include "../../../fuzz/fuzz_replay.hpp"
#include "dossier/sources/loader.hpp"

TEST_CASE("every sources_toml fuzz regression input passes the fuzz entry's checks", "[sources]") {
    for (const auto& input : dossier::fuzz::replay_inputs(DOSSIER_FIXTURES, "sources_toml")) {
        INFO(input.name);
        const dossier::fuzz::Violations broken = dossier::fuzz::run_sources_toml(input.bytes);
        for (const std::string& line : broken) FAIL_CHECK(line);
        CHECK(broken.empty());
    }
}

TEST_CASE("a problem quoting a value with control characters stays on one line", "[sources]") {
    constexpr const char* k_text =
        "id = \"fuzz\"\nname = \"x\"\nhomepage = \"https://example.com/\"\n"
        "[[index]]\nkind = \"a\\nb\"\nurl = \"https://example.com/feed\"\n";
    auto r = dossier::sources::load_text(k_text, "feeds/fuzz.toml");
    REQUIRE_FALSE(r);
    CHECK(r.error().message == "feeds/fuzz.toml: index[1].kind: unknown kind \"a\\nb\" (feed, listing or sitemap)");
}

TEST_CASE("a TOML syntax error that quotes a newline stays on one line", "[sources]") {
    auto r = dossier::sources::load_text("enabled = fa\n", "feeds/fuzz.toml");
    REQUIRE_FALSE(r);
    CHECK(r.error().message.find('\n') == std::string::npos);
    CHECK_THAT(r.error().message, Catch::StartsWith("feeds/fuzz.toml: line 1: "));
}
