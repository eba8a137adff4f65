// robots.txt parsing and matching, mostly with the examples of RFC 9309.
#include <catch2/catch.hpp>

#include <string>

#include "dossier/fetch/robots.hpp"

using dossier::fetch::Robots;
using namespace std::chrono_literals;

namespace {

// RFC 9309 section 5.1, "Simple Example".
constexpr const char* k_rfc_simple =
    "User-Agent: *\n"
    "Disallow: *.gif$\n"
    "Disallow: /example/\n"
    "Allow: /publications/\n"
    "\n"
    "User-Agent: foobot\n"
    "Disallow:/\n"
    "Allow:/example/page.html\n"
    "Allow:/example/allowed.gif\n"
    "\n"
    "User-Agent: barbot\n"
    "User-Agent: bazbot\n"
    "Disallow: /example/page.html\n"
    "\n"
    "User-Agent: quxbot\n";

}  // namespace

TEST_CASE("the RFC 9309 simple example gives foobot its own group", "[fetch]") {
    const Robots r = Robots::parse(k_rfc_simple, "foobot");
    CHECK(r.allowed("/example/page.html"));
    CHECK(r.allowed("/example/allowed.gif"));
    CHECK_FALSE(r.allowed("/"));
    CHECK_FALSE(r.allowed("/example/other.html"));
    CHECK_FALSE(r.allowed("/publications/"));  // the "*" group does not apply to foobot
}

TEST_CASE("the RFC 9309 simple example merges barbot and bazbot into one group", "[fetch]") {
    for (const char* bot : {"barbot", "bazbot"}) {
        const Robots r = Robots::parse(k_rfc_simple, bot);
        CHECK_FALSE(r.allowed("/example/page.html"));
        CHECK(r.allowed("/example/"));
        CHECK(r.allowed("/picture.gif"));
    }
}

TEST_CASE("the RFC 9309 simple example allows everything to quxbot, whose group is empty", "[fetch]") {
    const Robots r = Robots::parse(k_rfc_simple, "quxbot");
    CHECK(r.rule_count() == 0);
    CHECK(r.allowed("/example/page.html"));
    CHECK(r.allowed("/x.gif"));
}

TEST_CASE("the RFC 9309 simple example sends other crawlers to the star group", "[fetch]") {
    const Robots r = Robots::parse(k_rfc_simple, "dossier");
    CHECK_FALSE(r.allowed("/picture.gif"));
    CHECK_FALSE(r.allowed("/deep/down/picture.gif"));
    CHECK(r.allowed("/picture.gif?size=2"));  // "$" anchors the end of the whole path and query
    CHECK_FALSE(r.allowed("/example/"));
    CHECK_FALSE(r.allowed("/example/page.html"));
    CHECK(r.allowed("/publications/"));
    CHECK(r.allowed("/"));
}

TEST_CASE("the RFC 9309 longest-match example lets the longer rule win", "[fetch]") {
    const Robots r = Robots::parse("User-Agent: foobot\n"
                                   "Allow: /example/page/\n"
                                   "Disallow: /example/page/disallowed.gif\n",
                                   "foobot");
    CHECK(r.allowed("/example/page/"));
    CHECK(r.allowed("/example/page/other.gif"));
    CHECK_FALSE(r.allowed("/example/page/disallowed.gif"));
}

TEST_CASE("robots.txt allow wins a tie between equally long rules", "[fetch]") {
    const Robots r = Robots::parse("user-agent: *\ndisallow: /page\nallow: /page\n", "dossier");
    CHECK(r.allowed("/page"));
    const Robots longer = Robots::parse("user-agent: *\nallow: /p\ndisallow: /page\n", "dossier");
    CHECK_FALSE(longer.allowed("/page/1"));
    CHECK(longer.allowed("/pa"));
}

TEST_CASE("robots.txt wildcards and the end anchor match as RFC 9309 section 2.2.3 says", "[fetch]") {
    const Robots r = Robots::parse("User-agent: *\n"
                                   "Disallow: /this/*/exactly\n"
                                   "Disallow: /fixed/path$\n"
                                   "Allow: / # comment in line\n",
                                   "dossier");
    CHECK_FALSE(r.allowed("/this/a/b/exactly"));
    CHECK_FALSE(r.allowed("/this/x/exactly/and/more"));
    CHECK(r.allowed("/this/exactly"));
    CHECK_FALSE(r.allowed("/fixed/path"));
    CHECK(r.allowed("/fixed/path/more"));
    CHECK(r.allowed("/fixed/pat"));
}

TEST_CASE("robots.txt paths are compared after percent-encoding normalisation", "[fetch]") {
    // RFC 9309 section 2.2.2's table.
    const Robots r = Robots::parse("User-agent: *\n"
                                   "Disallow: /foo/bar?baz=quz\n"
                                   "Disallow: /foo/bar/\xE3\x83\x84\n"
                                   "Disallow: /foo/bar/%62%61%7A\n"
                                   "Disallow: /a%2fb\n",
                                   "dossier");
    CHECK_FALSE(r.allowed("/foo/bar?baz=quz"));
    CHECK_FALSE(r.allowed("/foo/bar/%E3%83%84"));
    CHECK_FALSE(r.allowed("/foo/bar/%e3%83%84"));
    CHECK_FALSE(r.allowed("/foo/bar/\xE3\x83\x84"));
    CHECK_FALSE(r.allowed("/foo/bar/baz"));
    CHECK_FALSE(r.allowed("/a%2Fb"));
    CHECK(r.allowed("/a/b"));  // an escaped reserved character keeps its meaning
    CHECK(r.allowed("/foo/bar"));
}

TEST_CASE("robots.txt user-agent lines match our product token case-insensitively", "[fetch]") {
    const char* body = "User-agent: *\nDisallow: /\n\nUser-agent: Dossier/2.0 (versions ignored)\nDisallow: /private\n";
    const Robots r = Robots::parse(body, "dossier");
    CHECK(r.allowed("/news"));
    CHECK_FALSE(r.allowed("/private/x"));
    const Robots other = Robots::parse("User-agent: dossierbot\nDisallow: /\n", "dossier");
    CHECK(other.allowed("/news"));  // a different token, and there is no "*" group
}

TEST_CASE("robots.txt groups for the same agent are merged", "[fetch]") {
    const Robots r = Robots::parse("User-agent: dossier\nDisallow: /a\n\nUser-agent: *\nDisallow: /c\n\n"
                                   "User-agent: DOSSIER\nDisallow: /b\n",
                                   "dossier");
    CHECK_FALSE(r.allowed("/a"));
    CHECK_FALSE(r.allowed("/b"));
    CHECK(r.allowed("/c"));
}

TEST_CASE("robots.txt rules before any user-agent line and unknown records are ignored", "[fetch]") {
    const Robots r = Robots::parse("Disallow: /early\nSitemap: https://example.com/s.xml\n"
                                   "User-agent: *\nfoo: bar\nnot a record\nDisallow: /late\n",
                                   "dossier");
    CHECK(r.allowed("/early"));
    CHECK_FALSE(r.allowed("/late"));
    CHECK(r.rule_count() == 1);
}

TEST_CASE("an empty Disallow allows everything and /robots.txt is always allowed", "[fetch]") {
    CHECK(Robots::parse("User-agent: *\nDisallow:\n", "dossier").allowed("/anything"));
    const Robots all = Robots::parse("User-agent: *\nDisallow: /\n", "dossier");
    CHECK_FALSE(all.allowed("/"));
    CHECK_FALSE(all.allowed(""));
    CHECK(all.allowed("/robots.txt"));
}

TEST_CASE("robots.txt lines may end in CR, LF or CRLF and may start with a byte order mark", "[fetch]") {
    CHECK_FALSE(Robots::parse("\xEF\xBB\xBFUser-agent: *\rDisallow: /cr\r", "dossier").allowed("/cr"));
    CHECK_FALSE(Robots::parse("User-agent: *\r\nDisallow: /crlf\r\n", "dossier").allowed("/crlf"));
}

TEST_CASE("a default Robots and an unparsable file allow everything", "[fetch]") {
    CHECK(Robots{}.allowed("/x"));
    const Robots garbage = Robots::parse(std::string("\x1f\x8b\x08\x00 binary \xff\xfe", 14), "dossier");
    CHECK(garbage.rule_count() == 0);
    CHECK(garbage.allowed("/x"));
}

TEST_CASE("robots.txt beyond 500 KiB is not read", "[fetch]") {
    std::string body = "User-agent: *\n";
    body += "# " + std::string(dossier::fetch::k_robots_max_bytes, 'x') + "\n";
    body += "Disallow: /\n";
    CHECK(Robots::parse(body, "dossier").allowed("/page"));
}

TEST_CASE("Crawl-delay is read from the chosen group in seconds with fractions", "[fetch]") {
    CHECK(Robots::parse("User-agent: *\nCrawl-delay: 2.5\n", "dossier").crawl_delay() == 2500ms);
    CHECK(Robots::parse("User-agent: *\nCrawl-delay: 10\n", "dossier").crawl_delay() == 10000ms);
    CHECK(Robots::parse("User-agent: *\nCrawl-delay: .5\n", "dossier").crawl_delay() == 500ms);
    CHECK_FALSE(Robots::parse("User-agent: *\nCrawl-delay: soon\n", "dossier").crawl_delay());
    CHECK_FALSE(Robots::parse("User-agent: *\nCrawl-delay: -1\n", "dossier").crawl_delay());
    CHECK_FALSE(Robots::parse("User-agent: other\nCrawl-delay: 5\n", "dossier").crawl_delay());
    CHECK(Robots::parse("User-agent: *\nCrawl-delay: 99999999\n", "dossier").crawl_delay() == 86400000ms);
}
