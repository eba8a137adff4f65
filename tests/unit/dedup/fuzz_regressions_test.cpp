// Replays the "url" fuzz target's inputs (tests/fixtures/fuzz-regressions/url/, fuzz/README.md)
// through the entry the libFuzzer target runs, fuzz/fuzz_url.hpp: no crash, no sanitizer report,
// no broken invariant.
#include <catch2/catch.hpp>

#include "../../../fuzz/fuzz_url.hpp"
#include "../../../fuzz/fuzz_replay.hpp"
#include "dossier/core/url.hpp"
#include "dossier/dedup/url_key.hpp"

TEST_CASE("every url fuzz regression input passes the fuzz entry's checks", "[dedup]") {
    for (const auto& input : dossier::fuzz::replay_inputs(DOSSIER_FIXTURES, "url")) {
        INFO(input.name);
        const dossier::fuzz::Violations broken = dossier::fuzz::run_url(input.bytes);
        for (const std::string& line : broken) FAIL_CHECK(line);
        CHECK(broken.empty());
    }
}

TEST_CASE("url_key drops every trailing dot of the host, so a key is its own key", "[dedup]") {
    using dossier::dedup::url_key;
    CHECK(url_key("https://e../g") == "https://e/g");
    CHECK(url_key(url_key("https://e../g")) == url_key("https://e../g"));
}

TEST_CASE("url_key decodes percent-encoded dots before removing dot segments", "[dedup]") {
    using dossier::dedup::url_key;
    CHECK(url_key("https://example.com/a/%2e%2E/b") == "https://example.com/b");
    CHECK(url_key("https://example.com/a/%2E/b") == "https://example.com/a/b");
}

TEST_CASE("resolving a link drops tabs and newlines and percent-encodes spaces and controls", "[dedup]") {
    const auto base = dossier::core::Url::parse("https://example.com/a/");
    REQUIRE(base);
    const auto spaced = base->resolve("b c.html");
    REQUIRE(spaced);
    CHECK(spaced->to_string() == "https://example.com/a/b%20c.html");
    const auto wrapped = base->resolve("/long/\n\tpath?q=1\r\n2");
    REQUIRE(wrapped);
    CHECK(wrapped->to_string() == "https://example.com/long/path?q=12");
    const auto file_base = dossier::core::Url::parse("file:///tmp/saved.html");
    REQUIRE(file_base);
    const auto control = file_base->resolve("//other.example\x1bp");
    REQUIRE(control);
    CHECK(control->to_string() == "file://other.example%1bp");
    CHECK(dossier::core::Url::parse(control->to_string()));
}

TEST_CASE("an authority with a ':' left in the host is not a URL", "[dedup]") {
    CHECK_FALSE(dossier::core::Url::parse("https://www.example.com:8:/a"));
    CHECK_FALSE(dossier::core::Url::parse("https://a:b:c/"));
    const auto ipv6 = dossier::core::Url::parse("https://[::1]:8080/x");
    REQUIRE(ipv6);
    CHECK(ipv6->host == "[::1]");
    CHECK(ipv6->port == "8080");
}

TEST_CASE("a URL without authority prints without '//', so it parses back to the same parts", "[dedup]") {
    const auto rootless = dossier::core::Url::parse("file:http://a%20b/x.html");
    REQUIRE(rootless);
    CHECK(rootless->host.empty());
    CHECK(rootless->to_string() == "file:http://a%20b/x.html");
    const auto absolute = dossier::core::Url::parse("file:///tmp/x.html");
    REQUIRE(absolute);
    CHECK(absolute->to_string() == "file:///tmp/x.html");
    const auto empty_authority = dossier::core::Url::parse("foo:////x");
    REQUIRE(empty_authority);
    CHECK(empty_authority->to_string() == "foo:////x");
}

TEST_CASE("a network-path reference without host does not resolve against an http base", "[dedup]") {
    const auto base = dossier::core::Url::parse("http://example.com/a/");
    REQUIRE(base);
    CHECK_FALSE(base->resolve("//"));
    CHECK_FALSE(base->resolve("//:80/x"));
    CHECK(dossier::core::resolve_url("http://example.com/a/", "//") == "//");
}

TEST_CASE("url_key writes a '%' that starts no triplet as %25", "[dedup]") {
    using dossier::dedup::url_key;
    CHECK(url_key("https://e.com/a/%%42be/%zz%4") == "https://e.com/a/%25Bbe/%25zz%254");
    CHECK(url_key(url_key("https://e.com/a/%%42be")) == url_key("https://e.com/a/%%42be"));
    CHECK(url_key("https://e.com/?q=100%") == "https://e.com/?q=100%25");
}

TEST_CASE("url_key drops a query parameter that is a bare '='", "[dedup]") {
    using dossier::dedup::url_key;
    CHECK(url_key("http://e/p?b=1&=&a=2") == "http://e/p?a=2&b=1");
    CHECK(url_key("http://e/p?=") == "http://e/p");
    CHECK(url_key("http://e/p?=x") == "http://e/p?=x");
}

TEST_CASE("a relative path against an authority with userinfo only gets a leading '/'", "[dedup]") {
    const auto base = dossier::core::Url::parse("file://.@");
    REQUIRE(base);
    const auto resolved = base->resolve("from");
    REQUIRE(resolved);
    CHECK(resolved->path == "/from");
    CHECK(resolved->to_string() == "file://.@/from");
}
