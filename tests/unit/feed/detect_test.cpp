// Format sniffing from bytes alone.
#include <catch2/catch.hpp>

#include "dossier/feed/feed.hpp"
#include "feed_fixture.hpp"

using dossier::feed::detect;
using dossier::feed::Format;
using feed_test::fixture;

TEST_CASE("detect names each corpus and fixture format by its root element", "[feed]") {
    CHECK(detect(fixture("dustri.org-artificial-truth.rss.xml")) == Format::rss);
    CHECK(detect(fixture("dustri.org-artificial-truth.atom.xml")) == Format::atom);
    CHECK(detect(fixture("heise.de-newsticker.rdf.xml")) == Format::rdf);
    CHECK(detect(fixture("golem.de-rss.ISO-8859-1.xml")) == Format::rss);  // comment before the root
    CHECK(detect(fixture("rss091_netscape_doctype.xml")) == Format::rss);  // DOCTYPE before the root
    CHECK(detect(fixture("json_feed_1_1.json")) == Format::json_feed);
    CHECK(detect(fixture("sitemap_urlset.xml")) == Format::sitemap_urlset);
    CHECK(detect(fixture("sitemap_index.xml")) == Format::sitemap_index);
    CHECK(detect(fixture("opml/nested_folders.opml")) == Format::opml);
    CHECK(detect(fixture("rss2_utf16le_bom.xml")) == Format::rss);
    CHECK(detect(fixture("rss2_utf8_bom_leading_blank_lines.xml")) == Format::rss);
    CHECK(detect(fixture("rss2_php_warning_before_declaration.xml")) == Format::rss);
    CHECK(detect(fixture("html_page_not_a_feed.html")) == Format::unknown);
}

TEST_CASE("detect reads prefixes, namespaces and whitespace, not a content type", "[feed]") {
    CHECK(detect("\n\t <rss version=\"2.0\"><channel/></rss>") == Format::rss);
    CHECK(detect("<atom:feed xmlns:atom=\"http://www.w3.org/2005/Atom\"/>") == Format::atom);
    CHECK(detect("<!-- generator --><?xml-stylesheet href=\"a.xsl\"?><rdf:RDF xmlns:rdf=\"x\"/>") == Format::rdf);
    CHECK(detect("<!DOCTYPE html><html><body><rss></rss></body></html>") == Format::unknown);
    CHECK(detect("<!DOCTYPE html>\n<rss version=\"2.0\"><channel/></rss>") == Format::rss);  // the root decides
    CHECK(detect("<html><head><title>rss</title></head></html>") == Format::unknown);
}

TEST_CASE("detect recognises JSON Feed only by its version URL, escaped slashes included", "[feed]") {
    CHECK(detect(R"({"version":"https://jsonfeed.org/version/1","items":[]})") == Format::json_feed);
    CHECK(detect(R"({"items":[],"title":"x","version":"https:\/\/jsonfeed.org\/version\/1.1"})") == Format::json_feed);
    CHECK(detect(R"({"version":"2.0","items":[]})") == Format::unknown);
    CHECK(detect(R"({"see":"https://jsonfeed.org/"})") == Format::unknown);
}

TEST_CASE("detect returns unknown for empty, binary and plain text input", "[feed]") {
    CHECK(detect("") == Format::unknown);
    CHECK(detect("   \n") == Format::unknown);
    CHECK(detect(std::string("\x1F\x8B\x08\x00\x00\x00", 6)) == Format::unknown);
    CHECK(detect(std::string("\0\1\2\3<rss>", 9)) == Format::unknown);
    CHECK(detect("Service Unavailable") == Format::unknown);
}
