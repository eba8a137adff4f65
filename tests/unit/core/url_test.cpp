#include <catch2/catch.hpp>

#include "dossier/core/url.hpp"

using dossier::core::Url;

TEST_CASE("an absolute URL splits into its components", "[core]") {
    auto u = Url::parse("HTTPS://User@WWW.Example.COM:8443/a/b?x=1#frag");
    REQUIRE(u);
    CHECK(u->scheme == "https");
    CHECK(u->userinfo == "User");
    CHECK(u->host == "www.example.com");
    CHECK(u->port == "8443");
    CHECK(u->path == "/a/b");
    CHECK(u->query == "x=1");
    CHECK(u->fragment == "frag");
    CHECK(u->to_string() == "https://User@www.example.com:8443/a/b?x=1#frag");
}

TEST_CASE("non-URLs are rejected", "[core]") {
    CHECK_FALSE(Url::parse("not a url"));
    CHECK_FALSE(Url::parse("/relative/path"));
    CHECK_FALSE(Url::parse("http://"));
    CHECK_FALSE(Url::parse("http://host:port/"));
    CHECK_FALSE(Url::parse("http://exa mple.com/"));
}

TEST_CASE("references resolve as RFC 3986 section 5.4 says", "[core]") {
    auto base = Url::parse("http://a/b/c/d;p?q");
    REQUIRE(base);
    const std::pair<const char*, const char*> cases[] = {
        {"g:h", "g:h"},           {"g", "http://a/b/c/g"},      {"./g", "http://a/b/c/g"},
        {"g/", "http://a/b/c/g/"}, {"/g", "http://a/g"},          {"//g", "http://g/"},
        {"?y", "http://a/b/c/d;p?y"}, {"g?y", "http://a/b/c/g?y"}, {"#s", "http://a/b/c/d;p?q#s"},
        {"g#s", "http://a/b/c/g#s"}, {";x", "http://a/b/c/;x"},   {"", "http://a/b/c/d;p?q"},
        {".", "http://a/b/c/"},    {"..", "http://a/b/"},         {"../g", "http://a/b/g"},
        {"../..", "http://a/"},    {"../../g", "http://a/g"},     {"../../../g", "http://a/g"},
        {"/./g", "http://a/g"},    {"g.", "http://a/b/c/g."},     {"g/../h", "http://a/b/c/h"},
    };
    for (const auto& [ref, expected] : cases) {
        INFO(ref);
        auto r = base->resolve(ref);
        REQUIRE(r);
        CHECK(r->to_string() == expected);
    }
}

TEST_CASE("file URLs are absolute and percent-encoded", "[core]") {
    CHECK(dossier::core::file_url("/tmp/a b/页.html") == "file:///tmp/a%20b/%E9%A1%B5.html");
    CHECK(dossier::core::resolve_url("https://x.org/a/", "../b") == "https://x.org/b");
    CHECK(dossier::core::resolve_url("garbage", "../b") == "../b");
}
