// OPML subscription lists from ../shared/corpus/opml (bytes unchanged) and one written here.
#include <catch2/catch.hpp>

#include "dossier/feed/opml.hpp"
#include "feed_fixture.hpp"

using dossier::feed::OpmlOutline;
using dossier::feed::parse_opml;
using feed_test::fixture;

namespace {

const OpmlOutline* find_url(const std::vector<OpmlOutline>& outlines, const std::string& url) {
    for (const auto& o : outlines)
        if (o.xml_url == url) return &o;
    return nullptr;
}

}  // namespace

TEST_CASE("corpus OPML lists give the feed counts their README states", "[feed]") {
    CHECK(parse_opml(fixture("opml/zer0yu-CyberSecurityRSS-2021-01-31.opml"))->size() == 1400);
    CHECK(parse_opml(fixture("opml/zer0yu-CyberSecurityRSS-2017-first-commit.opml"))->size() == 142);
    CHECK(parse_opml(fixture("opml/zhengjim-Chinese-Security-RSS.via-yarb.opml"))->size() == 530);
    CHECK(parse_opml(fixture("opml/Lazypersonfive-ai_security.opml"))->size() == 32);
}

TEST_CASE("nested folders become the category; OPML 2.0 category attributes are read", "[feed]") {
    const auto ai = parse_opml(fixture("opml/Lazypersonfive-ai_security.opml"));
    REQUIRE(ai);
    const auto& first = ai->front();
    CHECK(first.title == "OpenAI News");
    CHECK(first.xml_url == "https://openai.com/news/rss.xml");
    CHECK(first.html_url == "https://openai.com/news");
    CHECK(first.category == "FirstParty");
    const auto* red = find_url(*ai, "https://embracethered.com/blog/index.xml");
    REQUIRE(red != nullptr);
    CHECK(red->category == "AISecurityLabs");

    const auto old = parse_opml(fixture("opml/zer0yu-CyberSecurityRSS-2021-01-31.opml"));
    REQUIRE(old);
    const auto* thn = find_url(*old, "https://feeds.feedburner.com/TheHackersNews");
    REQUIRE(thn != nullptr);
    CHECK(thn->title == "The Hacker News");
    CHECK(thn->html_url == "https://thehackernews.com/");
    CHECK(thn->category == "Misc");  // from category="Misc" on a top-level outline
    const auto* freebuf = find_url(*old, "https://www.freebuf.com/feed");
    REQUIRE(freebuf != nullptr);
    CHECK(freebuf->title == "FreeBuf网络安全行业门户");
}

TEST_CASE("Chinese titles and double-escaped entities read cleanly", "[feed]") {
    const auto zh = parse_opml(fixture("opml/zhengjim-Chinese-Security-RSS.via-yarb.opml"));
    REQUIRE(zh);
    const auto* aqk = find_url(*zh, "https://api.anquanke.com/data/v1/rss");
    REQUIRE(aqk != nullptr);
    CHECK(aqk->title == "安全客");
    CHECK(aqk->html_url == "https://www.anquanke.com");
    CHECK(aqk->category.empty());
    const auto first = parse_opml(fixture("opml/zer0yu-CyberSecurityRSS-2017-first-commit.opml"));
    REQUIRE(first);
    const auto* blog = find_url(*first, "http://blog.cctv.com.im/feed");
    REQUIRE(blog != nullptr);
    CHECK(blog->title == "醉卧烟雨's Blog");  // written as &amp;apos; in the file
}

TEST_CASE("a hand-written OPML keeps the folder path and ignores non-feed outlines", "[feed]") {
    const auto list = parse_opml(fixture("opml/nested_folders.opml"));
    REQUIRE(list);
    REQUIRE(list->size() == 4);
    CHECK((*list)[0].category == "Security/Chinese");
    CHECK((*list)[0].title == "安全客");
    CHECK((*list)[1].xml_url == "https://www.freebuf.com/feed");  // lower-case xmlurl, trimmed
    CHECK((*list)[1].title == "FreeBuf");                         // text when there is no title
    CHECK((*list)[2].category == "Security");
    CHECK((*list)[3].category == "News/Cyber");
}

TEST_CASE("parse_opml refuses feeds and garbage, and honours the caps", "[feed]") {
    const auto rss = parse_opml(fixture("dustri.org-artificial-truth.rss.xml"));
    REQUIRE_FALSE(rss);
    CHECK(rss.error().message.rfind("feed: not an OPML document: ", 0) == 0);
    CHECK_FALSE(parse_opml(""));
    dossier::feed::ParseOptions opts;
    opts.max_items = 10;
    CHECK(parse_opml(fixture("opml/zer0yu-CyberSecurityRSS-2021-01-31.opml"), opts)->size() == 10);
    opts.max_bytes = 100;
    CHECK(parse_opml(fixture("opml/nested_folders.opml"), opts).error().message == "feed: input over 100 bytes");
}
