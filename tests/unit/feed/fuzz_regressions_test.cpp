// Replays the "feed" and "opml" fuzz targets' inputs (tests/fixtures/fuzz-regressions/feed/ and
// opml/, fuzz/README.md) through the entries the libFuzzer targets run, fuzz/fuzz_feed.hpp and
// fuzz/fuzz_opml.hpp: no crash, no sanitizer report, no broken invariant.
#include <catch2/catch.hpp>

#include "../../../fuzz/fuzz_feed.hpp"
#include "../../../fuzz/fuzz_opml.hpp"
#include "../../../fuzz/fuzz_replay.hpp"

TEST_CASE("every feed fuzz regression input passes the fuzz entry's checks", "[feed]") {
    for (const auto& input : dossier::fuzz::replay_inputs(DOSSIER_FIXTURES, "feed")) {
        INFO(input.name);
        const dossier::fuzz::Violations broken = dossier::fuzz::run_feed(input.bytes);
        for (const std::string& line : broken) FAIL_CHECK(line);
        CHECK(broken.empty());
    }
}

TEST_CASE("every opml fuzz regression input passes the fuzz entry's checks", "[feed]") {
    for (const auto& input : dossier::fuzz::replay_inputs(DOSSIER_FIXTURES, "opml")) {
        INFO(input.name);
        const dossier::fuzz::Violations broken = dossier::fuzz::run_opml(input.bytes);
        for (const std::string& line : broken) FAIL_CHECK(line);
        CHECK(broken.empty());
    }
}

TEST_CASE("an XML encoding label with a NUL is unsupported, so invalid UTF-8 is still repaired", "[feed]") {
    using namespace std::string_literals;
    const std::string doc =
        "<?xml version=\"1.0\" encoding=\"UTF-8\0\x7f\"?>\n"
        "<rss version=\"2.0\"><channel><item><title>a\xff" "b</title><link>https://example.com/a</link></item>"
        "</channel></rss>\n"s;
    auto r = dossier::feed::parse(doc, "https://example.com/feed/");
    REQUIRE(r);
    REQUIRE(r->entries.size() == 1);
    CHECK(r->entries[0].title == "a\xEF\xBF\xBD" "b");
}
