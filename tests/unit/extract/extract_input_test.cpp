// extract() on hostile and broken input: it must return an Article or an error, never crash,
// and never recurse with the depth of the markup.
#include <catch2/catch.hpp>
#include <string>

#include "dossier/extract/extract.hpp"

using namespace dossier;

namespace {

std::string repeat(std::string_view s, std::size_t n) {
    std::string out;
    out.reserve(s.size() * n);
    for (std::size_t i = 0; i < n; ++i) out += s;
    return out;
}

const std::string k_paragraph =
    "<p>Researchers disclosed a remote code execution flaw in a popular web server, and the vendor has "
    "released a fix. Administrators should upgrade quickly, since exploit code is already circulating "
    "in public forums and attacks have been observed.</p>";

}  // namespace

TEST_CASE("empty input gives an empty article with warnings, not an error", "[extract]") {
    auto r = extract::extract("", "https://example.com/");
    REQUIRE(r.has_value());
    CHECK(r->text.empty());
    CHECK(r->title.empty());
    CHECK(r->url == "https://example.com/");
    CHECK(r->canonical_url == "https://example.com/");
    CHECK(r->warnings == std::vector<std::string>{"extract: no title found", "extract: no publication date found",
                                                  "extract: no article body found"});
}

TEST_CASE("binary bytes are decoded and parsed without failing", "[extract]") {
    std::string junk;
    unsigned x = 2463534242u;
    for (int i = 0; i < 50000; ++i) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        junk.push_back(static_cast<char>(x & 0xFF));
    }
    auto r = extract::extract(junk, "https://example.com/blob", "application/octet-stream");
    REQUIRE(r.has_value());
    CHECK(r->warnings.size() >= 1);
}

TEST_CASE("100,000 nested divs are refused as unparseable without deep recursion", "[extract]") {
    const std::string page = "<html><body>" + repeat("<div>", 100000) + k_paragraph + "</body></html>";
    auto r = extract::extract(page, "https://example.com/deep");
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().message == "extract: html: markup nested deeper than 1024 levels: https://example.com/deep");
}

TEST_CASE("nesting just under the depth cap is extracted with iterative walks", "[extract]") {
    const std::string page = "<html><body>" + repeat("<div>", 1000) + k_paragraph + k_paragraph + "</body></html>";
    auto r = extract::extract(page, "https://example.com/deep");
    REQUIRE(r.has_value());
    CHECK(r->text.rfind("Researchers disclosed", 0) == 0);
}

TEST_CASE("pages over the byte cap or the node cap are refused", "[extract]") {
    extract::Options opts;
    opts.max_bytes = 100;
    auto big = extract::extract(repeat(k_paragraph, 3), "https://example.com/big", {}, {}, opts);
    REQUIRE_FALSE(big.has_value());
    CHECK(big.error().message == "extract: page over 100 bytes: https://example.com/big");
    extract::Options few;
    few.max_nodes = 50;
    auto many = extract::extract(repeat("<p>x", 60), "https://example.com/many", {}, {}, few);
    REQUIRE_FALSE(many.has_value());
    CHECK(many.error().message == "extract: html: more than 50 elements: https://example.com/many");
}

TEST_CASE("malformed markup still yields the article", "[extract]") {
    const std::string page =
        "<html><head><title>Broken page - Example</title><body><div class=story>"
        "<h1>Broken page</h1><p>Researchers disclosed a remote code execution flaw in a popular web <b>server, "
        "<i>and the vendor</b> has released a fix.</i> Administrators should upgrade quickly, since exploit code "
        "is already circulating.<p>Second paragraph without a closing tag, with more words about the flaw, the "
        "patch and the attacks seen so far in the wild.</div></div></span><p>Trailing text after stray end tags, "
        "still part of the story, describing mitigations and the timeline of the disclosure."
        "<table><tr><td>stray cell";
    auto r = extract::extract(page, "https://example.com/broken");
    REQUIRE(r.has_value());
    CHECK(r->title == "Broken page");
    CHECK(r->text.find("a popular web server, and the vendor has released a fix.") != std::string::npos);
    CHECK(r->text.find("Second paragraph without a closing tag") != std::string::npos);
}

TEST_CASE("a page that is only a script or a comment has no body", "[extract]") {
    for (const std::string& page : {std::string("<script>") + repeat("var a = 1; ", 500) + "</script>",
                                    std::string("<!--") + repeat(k_paragraph, 5) + "-->"}) {
        auto r = extract::extract(page, "https://example.com/");
        REQUIRE(r.has_value());
        CHECK(r->text.empty());
        CHECK(r->warnings.back() == "extract: no article body found");
    }
}
