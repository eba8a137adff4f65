// Formats and field mapping on small fixtures written for one quirk each.
#include <catch2/catch.hpp>

#include "dossier/feed/feed.hpp"
#include "feed_fixture.hpp"

using dossier::feed::Format;
using dossier::feed::parse;
using feed_test::fixture;
using feed_test::warned;

TEST_CASE("JSON Feed 1.1 items map url, external_url, authors, tags and dates", "[feed]") {
    const auto feed = parse(fixture("json_feed_1_1.json"), "https://notes.example.org/feed.json");
    REQUIRE(feed);
    CHECK(feed->format == Format::json_feed);
    CHECK(feed->title == "Example Security Notes");
    CHECK(feed->site_url == "https://notes.example.org/");
    REQUIRE(feed->entries.size() == 3);
    const auto& a = feed->entries[0];
    CHECK(a.url == "https://notes.example.org/2024/cve-2024-3094");
    CHECK(a.title == "xz backdoor (CVE-2024-3094) & what to check");
    CHECK(a.author == "Grace Example, Linus Example");
    CHECK(a.tags == std::vector<std::string>{"supply chain", "linux"});
    CHECK(a.summary == "<p>Check <code>liblzma</code> versions 5.6.0 and 5.6.1.</p>");
    CHECK(a.published->to_iso() == "2024-03-29T18:00:00+01:00");
    CHECK(a.updated->to_iso() == "2024-03-30T09:00:00+01:00");
    const auto& b = feed->entries[1];
    CHECK(b.url == "https://www.openwall.com/lists/oss-security/2024/03/29/4");  // external_url
    CHECK(b.guid == "42");
    CHECK(b.author == "Ada Example");  // inherited from the feed
    CHECK(b.summary == "Plain text body.");
    CHECK(b.published->to_iso() == "2024-03-29T20:15:00Z");  // only date_modified given
    CHECK(feed->entries[2].url == "https://notes.example.org/2024/relative-link");
    CHECK(warned(*feed, "1 item without an http(s) link skipped"));
}

TEST_CASE("Atom links resolve through nested xml:base and prefer the HTML alternate", "[feed]") {
    const auto feed = parse(fixture("atom_xml_base_relative_links.xml"), "https://blog.example.net/feeds/atom.xml");
    REQUIRE(feed);
    CHECK(feed->title == "Example Security Blog");  // type="html" title: tags stripped
    CHECK(feed->site_url == "https://blog.example.net/security/");
    REQUIRE(feed->entries.size() == 3);
    const auto& a = feed->entries[0];
    CHECK(a.url == "https://blog.example.net/security/posts/patch-tuesday.html");
    CHECK(a.title == "Patch Tuesday: May & more");
    CHECK(a.author == "Jane Analyst");
    CHECK(a.tags == std::vector<std::string>{"microsoft", "patches"});
    CHECK(a.summary == "<p>Full <b>content</b>.</p>");  // content preferred over summary
    CHECK(a.published->to_iso() == "2024-05-01T09:30:00-07:00");
    CHECK(a.updated->to_iso() == "2024-05-01T12:00:00-07:00");
    const auto& b = feed->entries[1];
    CHECK(b.url == "https://blog.example.net/archive/2024/only-updated.html");
    CHECK(b.title == "An XHTML title");
    CHECK(b.author == "Feed Author");  // RFC 4287 section 4.2.1 inheritance
    CHECK(b.summary.find("<b>XHTML</b>") != std::string::npos);
    REQUIRE(b.published);  // only <updated>: published falls back to it
    CHECK(b.published->to_iso() == "2024-04-30T08:00:00+02:00");
    CHECK(feed->entries[2].url == "https://other.example.com/absolute");
    CHECK(feed->entries[2].title == "Plain text title with <angle> brackets");  // type="text" keeps text
}

TEST_CASE("RSS quirks: relative links, bare ampersands, HTML entities, guid and origLink", "[feed]") {
    const auto feed = parse(fixture("rss2_relative_links_and_quirks.xml"), "https://news.example.com/feed/");
    REQUIRE(feed);
    CHECK(feed->title == "News & Views");
    CHECK(feed->site_url == "https://news.example.com/");
    REQUIRE(feed->entries.size() == 4);
    const auto& a = feed->entries[0];
    CHECK(a.title == "AT&T patches router flaw \xE2\x80\x94 update now");
    CHECK(a.url == "https://news.example.com/section/2024/att-router.html");
    CHECK(a.author == "Sam Editor");
    CHECK(a.tags == std::vector<std::string>{"routers", "vulnerabilities"});
    CHECK(a.summary == "<p>The full article body, much longer than the teaser.</p>");
    CHECK(a.published->to_iso() == "2022-11-15T12:00:00+08:00");  // "GMT+8"
    const auto& b = feed->entries[1];
    CHECK(b.url == "https://news.example.com/guid-permalink");
    CHECK(b.title == "Double-escaped \xE2\x80\x99quote\xE2\x80\x99 & bold");
    CHECK(b.author == "First Writer, Second Writer");
    CHECK(b.published->to_iso() == "2022-11-15T13:00:00+01:00");  // dc:date
    CHECK(feed->entries[2].url == "https://news.example.com/2024/original.html");
    CHECK(feed->entries[2].published->to_iso() == "2018-10-01T08:00:00");  // no offset: stays unknown
    CHECK_FALSE(feed->entries[3].published.has_value());
    CHECK(warned(*feed, "1 item without an http(s) link skipped"));  // guid isPermaLink="false"
    CHECK(warned(*feed, "unescaped '&'"));
    CHECK(warned(*feed, "unreadable dates left empty, e.g. \"sometime last week\""));
}

TEST_CASE("RSS 1.0 reads dc:date, dc:subject and falls back to rdf:about", "[feed]") {
    const auto feed = parse(fixture("rss10_dc_date.rdf"), "https://jvn.example.jp/rss/jvn.rdf");
    REQUIRE(feed);
    CHECK(feed->format == Format::rdf);
    REQUIRE(feed->entries.size() == 2);
    CHECK(feed->entries[0].published->to_iso() == "2024-06-03T14:00+09:00");
    CHECK(feed->entries[0].tags == std::vector<std::string>{"CVE-2024-0001"});
    CHECK(feed->entries[1].url == "https://jvn.example.jp/vu/JVNVU00000002/");
    CHECK(feed->entries[1].published->date_only());
}

TEST_CASE("Atom 0.3 reads issued, modified and escaped titles", "[feed]") {
    const auto feed = parse(fixture("atom03_escaped_content.xml"), "https://oldblog.example.com/atom.xml");
    REQUIRE(feed);
    CHECK(feed->format == Format::atom);
    REQUIRE(feed->entries.size() == 1);
    CHECK(feed->entries[0].title == "Old & busted");
    CHECK(feed->entries[0].published->to_iso() == "2005-01-10T10:00:00-05:00");
    CHECK(feed->entries[0].updated->to_iso() == "2005-01-11T10:00:00-05:00");
    CHECK(feed->entries[0].summary == "<p>Hello</p>");
}

TEST_CASE("an RSS 0.91 DOCTYPE is not loaded and its HTML entities still decode", "[feed]") {
    const auto feed = parse(fixture("rss091_netscape_doctype.xml"), "https://legacy.example.com/rss.xml");
    REQUIRE(feed);
    REQUIRE(feed->entries.size() == 1);
    CHECK(feed->entries[0].title == "Caf\xC3\xA9 owners \xE2\x80\x93 beware \xC2\xA9 scams");
}

TEST_CASE("a sitemap urlset keeps lastmod as updated, not published", "[feed]") {
    const auto feed = parse(fixture("sitemap_urlset.xml"), "https://www.example.com/sitemap.xml");
    REQUIRE(feed);
    CHECK(feed->format == Format::sitemap_urlset);
    REQUIRE(feed->entries.size() == 3);
    CHECK(feed->entries[1].url == "https://www.example.com/post/id/313963");
    CHECK(feed->entries[1].updated->to_iso() == "2024-05-02T10:15:00+08:00");
    CHECK_FALSE(feed->entries[1].published.has_value());
    CHECK(feed->entries[2].url == "https://www.example.com/about?a=1&b=2");
}

TEST_CASE("a news sitemap gives titles, publication dates and keywords", "[feed]") {
    const auto feed = parse(fixture("sitemap_news.xml"), "https://www.securityweek.example/news-sitemap.xml");
    REQUIRE(feed);
    REQUIRE(feed->entries.size() == 2);
    const auto& a = feed->entries[0];
    CHECK(a.title == "Critical Flaw Patched in Example VPN");
    CHECK(a.published->to_iso() == "2024-05-02T17:30:00-04:00");
    CHECK(a.updated->to_iso() == "2024-05-03T09:00:00Z");
    CHECK(a.tags == std::vector<std::string>{"VPN", "vulnerability", "patch"});
    CHECK(feed->entries[1].published->to_iso() == "2024-05-02");
}

TEST_CASE("a sitemap index returns its child sitemaps, resolved", "[feed]") {
    const auto feed = parse(fixture("sitemap_index.xml"), "https://www.example.com/sitemap.xml");
    REQUIRE(feed);
    CHECK(feed->format == Format::sitemap_index);
    CHECK(feed->entries.empty());
    CHECK(feed->child_sitemaps == std::vector<std::string>{"https://www.example.com/sitemap-posts-2024.xml",
                                                           "https://www.example.com/sitemap-news.xml",
                                                           "https://www.example.com/sitemap-pages.xml.gz"});
}

TEST_CASE("a gb2312 declaration over GBK bytes decodes every character", "[feed]") {
    const auto feed = parse(fixture("rss2_gb2312_declared_gbk_bytes.xml"), "https://api.anquanke.com/data/v1/rss");
    REQUIRE(feed);
    CHECK(feed->title == "安全客-有思想的安全新媒体");
    REQUIRE(feed->entries.size() == 1);
    CHECK(feed->entries[0].title == "漏洞利用：朱镕基与王堃的测试标题");
    CHECK(feed->entries[0].summary == "描述");
    CHECK(feed->entries[0].published->to_iso() == "2025-12-23T14:55:52");
}

TEST_CASE("UTF-16, a UTF-8 BOM with blank lines and junk before the declaration all parse", "[feed]") {
    const auto utf16 = parse(fixture("rss2_utf16le_bom.xml"), "https://utf16.example.com/feed");
    REQUIRE(utf16);
    REQUIRE(utf16->entries.size() == 1);
    CHECK(utf16->entries[0].title == "Überprüfung 检查");
    const auto bom = parse(fixture("rss2_utf8_bom_leading_blank_lines.xml"), "https://bom.example.com/feed");
    REQUIRE(bom);
    REQUIRE(bom->entries.size() == 1);
    CHECK(bom->entries[0].title == "Grüße");
    CHECK(bom->warnings.empty());
    const auto php = parse(fixture("rss2_php_warning_before_declaration.xml"), "https://php.example.com/feed");
    REQUIRE(php);
    REQUIRE(php->entries.size() == 1);
    CHECK(php->entries[0].url == "https://php.example.com/after");
    CHECK(warned(*php, "bytes before the XML declaration skipped"));
}

TEST_CASE("undeclared non-UTF-8 bytes are read as windows-1252", "[feed]") {
    const auto feed = parse(fixture("rss2_undeclared_windows1252.xml"), "https://cp.example.com/feed");
    REQUIRE(feed);
    REQUIRE(feed->entries.size() == 1);
    CHECK(feed->entries[0].title == "\xE2\x80\x9C" "Caf\xC3\xA9\xE2\x80\x9D");
    CHECK(warned(*feed, "read as windows-1252"));
}

TEST_CASE("declared UTF-8 with stray bytes keeps the text and marks the bad byte", "[feed]") {
    const std::string doc = "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss><channel><item><title>caf\xE9 "
                            "\xE5\xAE\x89\xE5\x85\xA8</title><link>https://x.example/a</link></item></channel></rss>";
    const auto feed = parse(doc, "https://x.example/feed");
    REQUIRE(feed);
    REQUIRE(feed->entries.size() == 1);
    CHECK(feed->entries[0].title == "caf\xEF\xBF\xBD 安全");
    CHECK(warned(*feed, "1 invalid UTF-8 bytes replaced"));
}
