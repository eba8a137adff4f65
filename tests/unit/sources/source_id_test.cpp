#include <catch2/catch.hpp>

#include "dossier/sources/source_id.hpp"

using dossier::sources::find_by_index_url;
using dossier::sources::ImportedFeed;
using dossier::sources::is_valid_id;
using dossier::sources::make_id;
using dossier::sources::source_from_import;

namespace {
const std::set<std::string> k_none;
}

TEST_CASE("an English title becomes a lower-case slug", "[sources]") {
    CHECK(make_id("Krebs on Security", "https://krebsonsecurity.com/feed/", k_none) == "krebs-on-security");
    CHECK(make_id("BleepingComputer", "https://www.bleepingcomputer.com/feed/", k_none) == "bleepingcomputer");
    CHECK(make_id("  Dark   Reading!! ", "https://www.darkreading.com/rss.xml", k_none) == "dark-reading");
}

TEST_CASE("a tagline and words like feed or rss are dropped from a title", "[sources]") {
    CHECK(make_id("The Hacker News | #1 Trusted Cybersecurity News Site", "", k_none) == "the-hacker-news");
    CHECK(make_id("SecurityWeek \u00bb Feed", "", k_none) == "securityweek");
    CHECK(make_id("paper - Last paper", "", k_none) == "paper");
    CHECK(make_id("RSS: Example Blog", "", k_none) == "example-blog");
}

TEST_CASE("a long title is cut at a word boundary", "[sources]") {
    const std::string id = make_id("one two three four five six seven eight nine ten eleven", "", k_none);
    CHECK(id == "one-two-three-four-five-six-seven-eight");
    CHECK(id.size() <= 40);
}

TEST_CASE("a Chinese title takes the id from the host", "[sources]") {
    CHECK(make_id("FreeBuf网络安全行业门户", "https://www.freebuf.com/feed", k_none) == "freebuf");
    CHECK(make_id("安全客-有思想的安全新媒体", "https://api.anquanke.com/data/v1/rss", k_none) == "anquanke");
    CHECK(make_id("嘶吼 RoarTalk – 网络安全行业综合服务平台,4hou.com", "https://www.4hou.com/feed", k_none) == "4hou");
    CHECK(make_id("知道创宇404实验室", "https://paper.seebug.org/rss/", k_none) == "paper-seebug");
}

TEST_CASE("the host drops service prefixes and the public suffix", "[sources]") {
    CHECK(make_id("", "https://rss.example.com.cn/feed", k_none) == "example");
    CHECK(make_id("", "http://feeds.example.co.uk/all.xml", k_none) == "example");
    CHECK(make_id("", "https://scan.netsecurity.ne.jp/rss/index.rdf", k_none) == "scan-netsecurity");
    CHECK(make_id("", "https://localhost:8080/feed", k_none) == "localhost");
}

TEST_CASE("a FeedBurner feed takes its id from the feed name", "[sources]") {
    CHECK(make_id("黑客新闻", "https://feeds.feedburner.com/TheHackersNews", k_none) == "thehackersnews");
}

TEST_CASE("an id that names nothing falls back to feed", "[sources]") {
    CHECK(make_id("", "", k_none) == "feed");
    CHECK(make_id("网络安全", "http://192.168.1.10/rss", k_none) == "feed");
}

TEST_CASE("taken ids get a numeric suffix", "[sources]") {
    const std::set<std::string> taken{"freebuf", "freebuf-2", "krebs-on-security"};
    CHECK(make_id("FreeBuf网络安全行业门户", "https://www.freebuf.com/feed", taken) == "freebuf-3");
    CHECK(make_id("Krebs on Security", "", taken) == "krebs-on-security-2");
    CHECK(make_id("Dark Reading", "", taken) == "dark-reading");
}

TEST_CASE("made ids are always valid ids", "[sources]") {
    for (const char* title : {"", "---", "Ünïcödé Nëws", "C++ Weekly", "100% Security", "\xff\xfe"}) {
        INFO(title);
        CHECK(is_valid_id(make_id(title, "https://www.example.org/feed", k_none)));
    }
    CHECK(is_valid_id("4hou"));
    CHECK_FALSE(is_valid_id("-x"));
    CHECK_FALSE(is_valid_id("Upper"));
    CHECK_FALSE(is_valid_id("a/b"));
    CHECK_FALSE(is_valid_id(""));
}

TEST_CASE("an imported feed becomes an enabled source with one feed index", "[sources]") {
    ImportedFeed f{"安全客-有思想的安全新媒体", "https://api.anquanke.com/data/v1/rss", "https://www.anquanke.com/", "zh-news"};
    auto s = source_from_import(f, k_none);
    REQUIRE(s);
    CHECK(s->id == "anquanke");
    CHECK(s->name == "安全客-有思想的安全新媒体");
    CHECK(s->homepage == "https://www.anquanke.com/");
    CHECK(s->lang == "zh");
    CHECK(s->timezone.empty());
    CHECK(s->enabled);
    CHECK(s->tags == std::vector<std::string>{"zh-news"});
    REQUIRE(s->index.size() == 1);
    CHECK(s->index[0].kind == dossier::core::IndexSpec::Kind::feed);
    CHECK(s->index[0].url == "https://api.anquanke.com/data/v1/rss");
}

TEST_CASE("an imported feed without a site link gets the feed's origin as homepage", "[sources]") {
    auto s = source_from_import({"", "https://feeds.feedburner.com/TheHackersNews", "", ""}, k_none);
    REQUIRE(s);
    CHECK(s->id == "thehackersnews");
    CHECK(s->name == "thehackersnews");
    CHECK(s->homepage == "https://feeds.feedburner.com/");
    CHECK(s->lang.empty());
    CHECK(s->tags.empty());
}

TEST_CASE("an imported feed's site link names a Chinese feed better than an aggregator host", "[sources]") {
    auto s = source_from_import({"嘶吼", "https://wechat2rss.xlab.app/feed/0123abcd.xml", "https://www.4hou.com/", ""}, k_none);
    REQUIRE(s);
    CHECK(s->id == "4hou");
}

TEST_CASE("an imported feed with a non-http url is refused", "[sources]") {
    auto s = source_from_import({"X", "file:///etc/passwd", "", ""}, k_none);
    REQUIRE_FALSE(s);
    CHECK(s.error().message == "sources: not an http(s) feed url: file:///etc/passwd");
}

TEST_CASE("the same feed spelt differently is found among existing sources", "[sources]") {
    dossier::core::Source a;
    a.id = "securityweek";
    a.index.push_back({dossier::core::IndexSpec::Kind::feed, "https://www.securityweek.com/feed/", "", "", "", ""});
    const std::vector<dossier::core::Source> all{a};
    CHECK(find_by_index_url(all, "http://securityweek.com/feed") == &all[0]);
    CHECK(find_by_index_url(all, "https://WWW.SecurityWeek.com/feed/") == &all[0]);
    CHECK(find_by_index_url(all, "https://www.securityweek.com/category/ics/feed/") == nullptr);
}
