#include "dossier/html/selector.hpp"

#include <catch2/catch.hpp>
#include <fstream>
#include <iterator>
#include <string>

#include "dossier/html/document.hpp"

using namespace dossier;

namespace {

const html::Document& page() {
    static const html::Document doc = [] {
        std::ifstream in(std::string(DOSSIER_FIXTURES) + "/html/selectors.html", std::ios::binary);
        const std::string s((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        return std::move(html::Document::parse(s)).value();
    }();
    return doc;
}

/// The visible text of every match, joined by '|'.
std::string texts(std::string_view selector) {
    auto sel = html::Selector::parse(selector);
    REQUIRE(sel.has_value());
    std::string out;
    for (html::Node n : html::select_all(page().document(), *sel)) {
        if (!out.empty()) out += '|';
        out += n.visible_text();
    }
    return out;
}

std::string error_of(std::string_view selector) {
    auto sel = html::Selector::parse(selector);
    REQUIRE_FALSE(sel.has_value());
    return sel.error().message;
}

}  // namespace

TEST_CASE("type, id, class and universal selectors match", "[html]") {
    CHECK(texts("h1") == "First|Second");
    CHECK(texts("H1") == "First|Second");
    CHECK(texts("#post-2 h1") == "Second");
    CHECK(texts(".post.featured .title") == "First");
    CHECK(texts("p.note") == "Beta");
    CHECK(texts("footer *") == "Copyright");
    CHECK(texts(".missing").empty());
}

TEST_CASE("attribute selectors match presence, equality, words, prefixes, suffixes and substrings", "[html]") {
    CHECK(texts("a[rel]") == "Ann");
    CHECK(texts("a[rel=author]") == "Ann");
    CHECK(texts("a[rel='author']") == "Ann");
    CHECK(texts("[data-kind~=item] h1") == "First");
    CHECK(texts("[data-kind~=ite] h1").empty());
    CHECK(texts("a[href^=\"https://example.com/\"]") == "Ann");
    CHECK(texts("a[href$='/1']") == "Ann");
    CHECK(texts("nav[class*=main]") == "Home");
    CHECK(texts("p[class=Note]").empty());  // attribute values are case-sensitive
    auto meta = html::Selector::parse("meta[itemprop=datePublished]");
    REQUIRE(meta.has_value());
    const html::Node m = html::select_first(page().document(), *meta);
    REQUIRE(m);
    CHECK(m.attr("content") == std::optional<std::string_view>("2024-01-02"));
}

TEST_CASE("descendant, child and sibling combinators match", "[html]") {
    CHECK(texts(".content p") == "Alpha|Beta|Gamma|Delta");
    CHECK(texts(".content > p") == "Alpha|Beta|Delta");
    CHECK(texts("main > article > .content > div > p") == "Gamma");
    CHECK(texts("body > p").empty());
    CHECK(texts("h1 + p") == "发布时间 : 2025-12-23 14:55:52");
    CHECK(texts("h1 ~ a") == "Ann");
    CHECK(texts("p ~ div > p") == "Alpha|Beta|Gamma");
    CHECK(texts(".note + div > p") == "Gamma");
    CHECK(texts("article    .title") == "First|Second");
}

TEST_CASE("groups match any member in document order without repeats", "[html]") {
    CHECK(texts("footer p, h1, .note") == "First|Beta|Second|Copyright");
    CHECK(texts("h1,h1") == "First|Second");
}

TEST_CASE(":not() excludes matching elements", "[html]") {
    CHECK(texts(".content > p:not(.note)") == "Alpha|Delta");
    CHECK(texts("article:not(#post-1, .featured) h1") == "Second");
}

TEST_CASE("escapes in identifiers and strings are decoded", "[html]") {
    CHECK(texts("#post\\-1 .title") == "First");
    CHECK(texts("#\\70 ost-2 .title") == "Second");  // \70 is 'p'
    CHECK(texts("[class=\"pub\\lish\"]") == "发布时间 : 2025-12-23 14:55:52");
}

TEST_CASE("select_first returns the first match or a null node and scopes exclude themselves", "[html]") {
    auto sel = html::Selector::parse("article");
    REQUIRE(sel.has_value());
    const html::Node first = html::select_first(page().document(), *sel);
    REQUIRE(first);
    CHECK(first.attr("id") == std::optional<std::string_view>("post-1"));
    CHECK(html::select_all(first, *sel).empty());
    CHECK_FALSE(html::select_first(first, *sel));
    CHECK(sel->matches(first));
    CHECK_FALSE(sel->matches(first.child(0)));  // whitespace text node
    CHECK(sel->text() == "article");
}

TEST_CASE("descendant chains on a deep tree match without exploring every ancestor combination", "[html]") {
    std::string deep;
    for (int i = 0; i < 800; ++i) deep += "<div>";
    deep += "<p>leaf</p>";
    html::ParseOptions opts;
    auto doc = html::Document::parse(deep, opts);
    REQUIRE(doc.has_value());
    auto sel = html::Selector::parse("section div div div div p");
    REQUIRE(sel.has_value());
    CHECK(html::select_all(doc->document(), *sel).empty());
    auto ok = html::Selector::parse("body > div div div div p");
    REQUIRE(ok.has_value());
    CHECK(html::select_all(doc->document(), *ok).size() == 1);
}

TEST_CASE("bad selectors are reported with the reason and column", "[html]") {
    CHECK(error_of("") == "html: bad selector \"\": expected a selector at column 1");
    CHECK(error_of("div[") == "html: bad selector \"div[\": expected an attribute name at column 5");
    CHECK(error_of("a[href|=en]") ==
          "html: bad selector \"a[href|=en]\": expected an attribute operator (=, ~=, ^=, $=, *=) or ']' at column 7");
    CHECK(error_of("a:hover") == "html: bad selector \"a:hover\": unsupported pseudo-class ':hover' at column 3");
    CHECK(error_of("div,") == "html: bad selector \"div,\": expected a selector at column 5");
    CHECK(error_of("div >") == "html: bad selector \"div >\": expected a selector at column 6");
    CHECK(error_of("p[title='x]") == "html: bad selector \"p[title='x]\": unterminated string at column 12");
    CHECK(error_of("#") == "html: bad selector \"#\": expected an id at column 2");
    CHECK(error_of("p:not(.a") == "html: bad selector \"p:not(.a\": expected ')' at column 9");
    CHECK(error_of("div)") == "html: bad selector \"div)\": unexpected ')' at column 4");
}
