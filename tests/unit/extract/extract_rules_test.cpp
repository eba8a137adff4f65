// General rules of the cascade, each on a small page written for it and named after its quirk
// (tests/fixtures/extract/<quirk>/source.html).
#include <catch2/catch.hpp>
#include <fstream>
#include <iterator>
#include <string>

#include "dossier/extract/extract.hpp"

using namespace dossier;

namespace {

std::string fixture(const std::string& slug) {
    std::ifstream in(std::string(DOSSIER_FIXTURES) + "/extract/" + slug + "/source.html", std::ios::binary);
    REQUIRE(in.good());
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

core::Article run(const std::string& slug, const extract::Hints& hints = {}, const extract::Options& opts = {}) {
    auto r = extract::extract(fixture(slug), "https://news.example.com/a/1", {}, hints, opts);
    REQUIRE(r.has_value());
    return std::move(r).value();
}

bool contains(const std::string& text, std::string_view part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("JSON-LD wrapped in CDATA sections and script comments is read", "[extract]") {
    const auto a = run("json_ld_in_cdata");
    CHECK(a.title == "Server flaw patched after attacks");
    CHECK(a.methods.at("title") == "json-ld:headline");
    REQUIRE(a.published);
    CHECK(a.published->to_iso() == "2021-06-01T09:30:00+02:00");
    CHECK(a.author == "Ann Lee");
}

TEST_CASE("a kicker printed in the h1 is cut from the meta title", "[extract]") {
    const auto a = run("kicker_in_h1");
    CHECK(a.title == "Daten von Werk AG gehackt");
}

TEST_CASE("a visible date earlier than the generic date meta is the publication date", "[extract]") {
    const auto a = run("kicker_in_h1");
    REQUIRE(a.published);
    CHECK(a.published->to_iso() == "2020-04-28T18:00");
}

TEST_CASE("a document split into sections is kept whole through their common ancestor", "[extract]") {
    const auto a = run("sectioned_document");
    CHECK(contains(a.text, "Opening words of the manual"));
    CHECK(contains(a.text, "Short lead of part A"));
    CHECK(contains(a.text, "Short lead of part C"));
    CHECK_FALSE(contains(a.text, "Copyright notice"));
    extract::Options single;
    single.min_peer_candidates = 100;         // the rule off: one section wins alone
    single.continuation_score_ratio = 1e9;    // (and same-class blocks are not joined either)
    const auto b = run("sectioned_document", {}, single);
    CHECK_FALSE((contains(b.text, "Short lead of part A") && contains(b.text, "Short lead of part C")));
}

TEST_CASE("a page too small to score is taken whole", "[extract]") {
    const auto a = run("tiny_note_page");
    CHECK(a.text == "Server patched at noon.\n\nAll clear.");
    CHECK(a.methods.at("text") == "page:tiny");
}

TEST_CASE("a photo gallery's captions inside the article are dropped, not protected", "[extract]") {
    const auto a = run("gallery_captions_in_article");
    CHECK(contains(a.text, "Most guests never ask"));
    CHECK(contains(a.text, "The last word of the article"));
    CHECK_FALSE(contains(a.text, "Caption number"));
}

TEST_CASE("a post whose only static copy is in noscript is read once, byline included", "[extract]") {
    const auto a = run("noscript_only_body");
    CHECK(a.methods.at("text") == "score:revealed");
    const std::string first = "Researchers disclosed a remote code execution flaw";
    REQUIRE(contains(a.text, first));
    CHECK(a.text.find(first) == a.text.rfind(first));  // not twice (template script + noscript)
    CHECK(a.author == "Ann Lee and Bo Chen");
}

TEST_CASE("an article in a display:none wrapper beats the visible no-JavaScript notice", "[extract]") {
    const auto a = run("hidden_article_wrapper");
    CHECK(contains(a.text, "Attacks against exposed servers"));
    CHECK_FALSE(contains(a.text, "JavaScript is disabled"));
    CHECK_FALSE(contains(a.text, "Copyright Island Daily"));
    CHECK(a.author == "ANN LEE");  // name + e-mail paragraphs opening the body
    CHECK(a.methods.at("author") == "body:byline");
    REQUIRE(a.published);  // 14 digits in a date-classed element, offset of the modified time
    CHECK(a.published->to_iso() == "2022-04-28T22:33:28-04:00");
    CHECK(a.methods.at("published") == "element:.date");
}

TEST_CASE("editor initials closing the text are the author", "[extract]") {
    const auto a = run("editor_initials_signature");
    CHECK(a.author == "bsc");
    CHECK(a.methods.at("author") == "body:initials");
}

TEST_CASE("the source's time zone gives local dates their offset at that date", "[extract]") {
    extract::Hints hints;
    hints.timezone = "Europe/Berlin";
    const auto a = run("editor_initials_signature", hints);
    REQUIRE(a.published);
    CHECK(a.published->to_iso() == "2015-04-08T12:46:00+02:00");  // summer time
    hints.timezone = "Asia/Shanghai";
    CHECK(run("editor_initials_signature", hints).published->to_iso() == "2015-04-08T12:46:00+08:00");
    hints.timezone = "Not/AZone";
    const auto c = run("editor_initials_signature", hints);
    CHECK(c.published->to_iso() == "2015-04-08T12:46:00");
    CHECK(std::find(c.warnings.begin(), c.warnings.end(),
                    "extract: published: text: unknown time zone: Not/AZone") != c.warnings.end());
}

namespace {

const std::string k_prose =
    "<p>Researchers disclosed a remote code execution flaw in a popular web server, and the vendor has "
    "released a fix. Administrators should upgrade quickly, since exploit code is already circulating.</p>"
    "<p>The flaw sits in the request parser, which trusted a length field sent by the client. A crafted "
    "request overflows a heap buffer, and attackers can run code as the server user.</p>";

core::Article page(const std::string& head, const std::string& body) {
    const std::string html = "<!DOCTYPE html><html><head>" + head + "</head><body><article>" + body + k_prose +
                             "</article></body></html>";
    auto r = extract::extract(html, "https://news.example.com/a/1");
    REQUIRE(r.has_value());
    return std::move(r).value();
}

std::string published_iso(const std::string& visible) {
    const auto a = page("<title>Flaw</title>", "<h1>Flaw</h1><p class=\"meta\">" + visible + "</p>");
    return a.published ? a.published->to_iso() : std::string("none");
}

}  // namespace

TEST_CASE("Dublin Core titles win over OpenGraph and space-separated RDFa properties count", "[extract]") {
    auto a = page(R"(<title>Title element</title><meta property="og:title" content="Open Graph title">
                     <meta property="dc:title" content="Dublin Core title">)",
                  "");
    CHECK(a.title == "Dublin Core title");
    a = page(R"(<title>Title element</title><meta property="x:title og:title" content="Shared title">)", "");
    CHECK(a.title == "Shared title");
    CHECK(a.methods.at("title") == "meta:og:title");
}

TEST_CASE("JSON-LD name wins over a headline that <title> does not confirm", "[extract]") {
    const std::string ld = R"(<script type="application/ld+json">{"@context":"https://schema.org","@type":"Article",
        "name":"List of films featuring time loops","headline":"Wikimedia list article"}</script>)";
    auto a = page("<title>List of films featuring time loops - Wikipedia</title>" + ld, "");
    CHECK(a.title == "List of films featuring time loops");
    // ...and the headline wins when only it matches <title>, or when "name" is the site's name.
    const std::string ld2 = R"(<script type="application/ld+json">{"@context":"https://schema.org",
        "@type":"NewsArticle","name":"Example Daily","headline":"Striker dazzles in cup final",
        "publisher":{"@type":"Organization","name":"Example Daily"}}</script>)";
    a = page("<title>Striker dazzles in cup final | Example Daily</title>" + ld2, "");
    CHECK(a.title == "Striker dazzles in cup final");
}

TEST_CASE("visible dates are read with German, French and Spanish month names", "[extract]") {
    CHECK(published_iso("Veröffentlicht am 19. Mai 2020, 14:05") == "2020-05-19T14:05");
    CHECK(published_iso("Publié le 3 février 2021") == "2021-02-03");
    CHECK(published_iso("Publié le 1er décembre 2021") == "2021-12-01");
    CHECK(published_iso("Publicado el 19 de mayo de 2020") == "2020-05-19");
    CHECK(published_iso("Stand: 28. März 2020") == "2020-03-28");
    CHECK(published_iso("发布时间：2023年2月3日 10:45") == "2023-02-03T10:45");
    CHECK(published_iso("Posted Sept. 3rd, 2021") == "2021-09-03");
}

TEST_CASE("section ids made from heading words do not mark sections as furniture", "[extract]") {
    const auto a = run("heading_slug_section_ids");
    CHECK(contains(a.text, "Researchers disclosed"));
    CHECK(contains(a.text, "Sharing with one developer means"));
    CHECK_FALSE(contains(a.text, "Share this page"));  // a one-word id still names a role
    CHECK_FALSE(contains(a.text, "Related story"));    // so does a slug without function words
}

TEST_CASE("a paragraph that only links to another story is dropped, link-rich prose is kept", "[extract]") {
    const auto a = run("story_link_paragraphs");
    CHECK(contains(a.text, "So finally the ministry's systems are back?"));
    CHECK_FALSE(contains(a.text, "Read more: Ministry to issue"));
    CHECK_FALSE(contains(a.text, "Gobierno emitirá"));  // a label before the headline link
    CHECK(contains(a.text, "\n\nadvisory\n\n"));  // a short link is part of the text
}

TEST_CASE("a footnotes table after the body is left out", "[extract]") {
    const auto a = run("footnotes_table_after_body");
    const std::string last = "\n\nWe will keep watching how attackers use both scanners.";
    REQUIRE(a.text.size() > last.size());
    CHECK(a.text.substr(a.text.size() - last.size()) == last);
}

TEST_CASE("text inside a javascript: pseudo-link is not link text", "[extract]") {
    const auto a = run("javascript_link_wrapper");
    CHECK(a.text == "Mail is down.\n\nFix expected tonight.");
}

TEST_CASE("a 'By' line under the headline names the authors", "[extract]") {
    auto a = page("<title>Flaw</title>", "<h1>Flaw</h1><p>By Ann Lee and Bo Chen</p>");
    CHECK(a.author == "Ann Lee and Bo Chen");
    CHECK(a.methods.at("author") == "text:by");
    a = page("<title>Flaw</title>", "<h1>Flaw</h1><p>Von Jan Strunz, NDR</p>");
    CHECK(a.author == "Jan Strunz, NDR");
    a = page("<title>Flaw</title>", "<h1>Flaw</h1><p>By the way, servers were patched quickly.</p>");
    CHECK(a.author.empty());  // a sentence, not a byline
}

TEST_CASE("author elements: dates are cut, labels, headlines and look-alike classes are refused", "[extract]") {
    auto a = page("<title>Flaw</title>",
                  "<h1>Flaw</h1><div class=\"byline\">By GILLIAN MOHNEY March 11, 2015 3:46 PM</div>");
    CHECK(a.author == "GILLIAN MOHNEY");
    a = page("<title>Flaw</title>", "<h1>Flaw</h1><div class=\"author\">Last Updated: January 7, 2025</div>");
    CHECK(a.author.empty());
    a = page("<title>Big flaw found in servers</title>",
             "<div class=\"author-box\"><a href=\"/a/1\">Big flaw found in servers</a></div>"
             "<h1>Big flaw found in servers</h1>");
    CHECK(a.author.empty());
    a = page("<title>Flaw</title>", "<div id=\"authorization\"><a href=\"/login\">Sign In</a></div><h1>Flaw</h1>");
    CHECK(a.author.empty());
    const std::string html =
        "<html><head><title>Flaw</title></head><body class=\"author-4326 single-post\"><h1>Flaw</h1>" + k_prose +
        "</body></html>";
    auto r = extract::extract(html, "https://news.example.com/a/1");
    REQUIRE(r.has_value());
    CHECK(r->author.empty());
}

TEST_CASE("a press release's issuer lines under its date line are the author", "[extract]") {
    auto a = page("<title>注意喚起</title>",
                  "<h1>注意喚起</h1><p>最終更新日：2019年4月2日<br>独立行政法人情報処理推進機構<br>セキュリティセンター<br></p>");
    CHECK(a.author == "独立行政法人情報処理推進機構 セキュリティセンター");
    CHECK(a.methods.at("author") == "text:issuer");
    a = page("<title>Flaw</title>", "<h1>Flaw</h1><p>May 3, 2020<br>Share</p>");
    CHECK(a.author.empty());  // one short word is a button, not an issuer
}

TEST_CASE("pieces of the article in non-sibling blocks of the same class are joined in order", "[extract]") {
    const auto a = run("article_split_by_embed");
    const auto opening = a.text.find("Opening piece");
    const auto middle = a.text.find("Researchers disclosed");
    const auto closing = a.text.find("Closing piece");
    REQUIRE(opening != std::string::npos);
    REQUIRE(middle != std::string::npos);
    REQUIRE(closing != std::string::npos);
    CHECK((opening < middle && middle < closing));
    CHECK_FALSE(contains(a.text, "Next story text"));  // the next <article> is another story
}

TEST_CASE("a most-popular box inside the article is left out even under an article class", "[extract]") {
    const auto a = page("<title>Flaw</title>",
                        "<h1>Flaw</h1><section class=\"c-article-most-popular\"><h2>Most Popular</h2><ol><li>"
                        "<div>Ride-hailing instead of buses: one town subsidized trips, and it worked so well that "
                        "now it cannot afford them, officials say.</div></li></ol></section>" +
                            k_prose);  // long enough that the strict pass (class names) is kept
    CHECK(contains(a.text, "Researchers disclosed"));
    CHECK_FALSE(contains(a.text, "Most Popular"));
    CHECK_FALSE(contains(a.text, "Ride-hailing"));
}

TEST_CASE("a read-more wrapper of the article's text stays, a more-stories box goes", "[extract]") {
    const auto a = page("<title>Flaw</title>",
                        "<h1>Flaw</h1><div id=\"read-more\"><div id=\"read-more-content\"><p>The rest of the story "
                        "follows here, after the fold, with its details about patches, versions, and the timeline "
                        "of the disclosure, which took months.</p></div></div>"
                        "<div class=\"moreStories\"><div>Printer firmware reverse engineered in a garage by a "
                        "hobbyist, who found three bugs, and a fourth one later.</div></div>" +
                            k_prose);
    CHECK(contains(a.text, "The rest of the story"));
    CHECK_FALSE(contains(a.text, "Printer firmware"));
}

TEST_CASE("a meta title made of the h1 and a separated unknown site name is cut to the h1", "[extract]") {
    auto a = page(R"(<meta property="og:title" content="Server flaw patched after attacks | Unknown Daily">)",
                  "<h1>Server flaw patched after attacks</h1>");
    CHECK(a.title == "Server flaw patched after attacks");
    a = page(R"(<meta property="og:title" content="Unknown Daily — Server flaw patched after attacks">)",
             "<h1>Server flaw patched after attacks</h1>");
    CHECK(a.title == "Server flaw patched after attacks");
    a = page(R"(<meta property="og:title" content="Server flaw patched after attacks | Unknown Daily">)",
             "<h1>Unknown Daily</h1>");  // a logo h1 is shorter than the headline: kept whole
    CHECK(a.title == "Server flaw patched after attacks | Unknown Daily");
}

TEST_CASE("the headline h1 is told from a logo h1 and loses its permalink mark", "[extract]") {
    const auto a = page("<title>Evolve: Shared Mutable History — evolve extension for Mercurial</title>",
                        "<h1><a href=\"index.html\">evolve extension for Mercurial</a></h1>"
                        "<h1>Evolve: Shared Mutable History<a class=\"headerlink\" href=\"#top\">¶</a></h1>");
    CHECK(a.title == "Evolve: Shared Mutable History");
    CHECK(a.methods.at("title") == "h1");
}

TEST_CASE("a link inside a sentence keeps its text whatever its class says", "[extract]") {
    const auto a = page("<title>Flaw</title>",
                        "<h1>Flaw</h1><p><a class=\"popup\" href=\"javascript:void(0)\">I</a> am a <a class=\"popup\" "
                        "href=\"#n1\">rather elderly</a> man, and the nature of my work has brought me into contact "
                        "with many servers, patches and administrators.</p>");
    CHECK(contains(a.text, "I am a rather elderly man, and the nature"));
}

TEST_CASE("a link to an author page after the headline names the author", "[extract]") {
    auto a = page("<title>Flaw</title>", "<div class=\"staff\"><a href=\"/author/bo-chen/\">Bo Chen</a></div><h1>Flaw</h1>"
                                         "<p class=\"meta\">Posted in News · <a href=\"/author/ann-lee/\">Ann Lee</a></p>");
    CHECK(a.author == "Ann Lee");
    CHECK(a.methods.at("author") == "link:/author/");
    a = page("<title>Flaw</title>", "<h1>Flaw</h1><p class=\"meta\"><a href=\"/authors/\">all authors</a></p>");
    CHECK(a.author.empty());
}
