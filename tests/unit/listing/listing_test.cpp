#include "dossier/listing/listing.hpp"

#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>
#include <string>

namespace {

using dossier::core::IndexSpec;
using dossier::listing::Listing;
using dossier::listing::Options;

std::string fixture(const std::string& name) {
    std::ifstream in(std::string(DOSSIER_FIXTURES) + "/listing/" + name, std::ios::binary);
    REQUIRE(in);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

IndexSpec listing_spec(std::string item, std::string link = "", std::string title = "", std::string date = "") {
    IndexSpec spec;
    spec.kind = IndexSpec::Kind::listing;
    spec.item = std::move(item);
    spec.link = std::move(link);
    spec.title = std::move(title);
    spec.date = std::move(date);
    return spec;
}

Listing parse_ok(const std::string& html, const std::string& url, const IndexSpec& spec, const Options& opts = {}) {
    auto result = dossier::listing::parse(html, url, spec, opts);
    INFO((result ? std::string() : result.error().message));
    REQUIRE(result);
    return std::move(result).value();
}

std::string date_of(const dossier::core::Entry& e) { return e.published ? e.published->to_iso() : "none"; }

std::string error_of(std::string_view html, const IndexSpec& spec) {
    auto result = dossier::listing::parse(html, "https://example.com/", spec);
    REQUIRE_FALSE(result);
    return result.error().message;
}

constexpr const char* k_freebuf = "https://www.freebuf.com/articles/vuls/";

}  // namespace

TEST_CASE("freebuf-like cards give resolved links, titles and visible dates", "[listing]") {
    const auto out = parse_ok(fixture("freebuf_cards_relative_links.html"), k_freebuf,
                              listing_spec(".article-item", "", ".title", ".time"));
    REQUIRE(out.entries.size() == 4);
    CHECK(out.entries[0].url == "https://www.freebuf.com/articles/vuls/462013.html");
    CHECK(out.entries[0].title == "Notepad++ 更新机制遭劫持： 供应链攻击分析");
    CHECK(date_of(out.entries[0]) == "2025-12-23T14:55");
    CHECK(out.entries[1].url == "https://www.freebuf.com/articles/web/461800.html");
    CHECK(date_of(out.entries[1]) == "2025-12-22");
    CHECK(out.entries[2].url == "https://www.freebuf.com/news/461700.html");
    CHECK(out.entries[2].title == "勒索软件周报：多家医院遭攻击");
    CHECK(date_of(out.entries[2]) == "none");
    CHECK(out.entries[3].url == "https://www.freebuf.com/articles/network/461650.html");
    CHECK(date_of(out.entries[3]) == "2025-12-20T09:03:41");
    REQUIRE(out.warnings.size() == 1);
    CHECK(out.warnings[0] ==
          "listing: date selector \".time\" gave no date for 1 of 4 entries on https://www.freebuf.com/articles/vuls/"
          " (e.g. \"3 小时前\")");
}

TEST_CASE("without a title selector the title comes from the titled link to the same article", "[listing]") {
    // The first <a> of each card wraps only a thumbnail.
    const auto out = parse_ok(fixture("freebuf_cards_relative_links.html"), k_freebuf, listing_spec(".article-item"));
    REQUIRE(out.entries.size() == 4);
    CHECK(out.entries[0].title == "Notepad++ 更新机制遭劫持： 供应链攻击分析");
    CHECK(out.entries[1].title == "CVE-2025-55182 React Server Components 远程代码执行漏洞复现");
    CHECK(out.warnings.empty());
}

TEST_CASE("an item selector that matches nothing is a warning with no entries", "[listing]") {
    const auto out = parse_ok(fixture("freebuf_cards_relative_links.html"), k_freebuf, listing_spec(".post-card"));
    CHECK(out.entries.empty());
    REQUIRE(out.warnings.size() == 1);
    CHECK(out.warnings[0] == "listing: item selector \".post-card\" matched nothing on https://www.freebuf.com/articles/vuls/");
}

TEST_CASE("entries beyond max_items are dropped with a warning", "[listing]") {
    Options opts;
    opts.max_items = 2;
    const auto out = parse_ok(fixture("freebuf_cards_relative_links.html"), k_freebuf, listing_spec(".article-item"), opts);
    REQUIRE(out.entries.size() == 2);
    CHECK(out.entries[1].url == "https://www.freebuf.com/articles/web/461800.html");
    REQUIRE(out.warnings.size() == 1);
    CHECK(out.warnings[0] ==
          "listing: kept the first 2 entries, dropped 2 more (item selector \".article-item\" is probably too broad)"
          " on https://www.freebuf.com/articles/vuls/");
}

TEST_CASE("a title or date selector that matches nothing is reported", "[listing]") {
    const auto out = parse_ok(fixture("freebuf_cards_relative_links.html"), k_freebuf,
                              listing_spec(".article-item", "", "h3.headline", ".pubdate"));
    REQUIRE(out.entries.size() == 4);
    CHECK(out.entries[3].title == "内网渗透中的 Kerberos 委派攻击总结");
    REQUIRE(out.warnings.size() == 2);
    CHECK(out.warnings[0] == "listing: title selector \"h3.headline\" matched nothing on "
                             "https://www.freebuf.com/articles/vuls/; titles are the link text");
    CHECK(out.warnings[1] == "listing: date selector \".pubdate\" matched nothing on https://www.freebuf.com/articles/vuls/");
}

TEST_CASE("time@datetime gives the machine date with its offset", "[listing]") {
    const auto out = parse_ok(fixture("english_blog_time_datetime.html"), "https://blog.example.org/category/research/",
                              listing_spec("article.post-card", "h2.entry-title a@href", "", "time@datetime"));
    REQUIRE(out.entries.size() == 4);
    CHECK(out.entries[0].url == "https://blog.example.org/2025/12/23/notepad-update-hijack/");
    CHECK(out.entries[0].title == "Inside the Notepad++ Update Hijack");
    CHECK(date_of(out.entries[0]) == "2025-12-23T14:55:52Z");
    CHECK(out.entries[1].url == "https://blog.example.org/2025/12/19/react2shell-in-the-wild/");
    CHECK(date_of(out.entries[1]) == "2025-12-19");
    CHECK(date_of(out.entries[2]) == "none");  // no datetime attribute, and the selector asked for one
    REQUIRE(out.warnings.size() == 1);
    CHECK(out.warnings[0] == "listing: date selector \"time@datetime\" gave no date for 2 of 4 entries on "
                             "https://blog.example.org/category/research/");
}

TEST_CASE("a <time> read as text prefers datetime, then its visible date, never a relative one", "[listing]") {
    const auto out = parse_ok(fixture("english_blog_time_datetime.html"), "https://blog.example.org/category/research/",
                              listing_spec("article.post-card", "h2 a", "", "time"));
    REQUIRE(out.entries.size() == 4);
    CHECK(date_of(out.entries[0]) == "2025-12-23T14:55:52Z");
    CHECK(date_of(out.entries[1]) == "2025-12-19");
    CHECK(date_of(out.entries[2]) == "2025-12-15");
    CHECK(out.entries[3].title == "Breaking: New Fortinet Advisory");
    CHECK(date_of(out.entries[3]) == "none");
    REQUIRE(out.warnings.size() == 1);
    CHECK(out.warnings[0].find("gave no date for 1 of 4 entries") != std::string::npos);
    CHECK(out.warnings[0].find("(e.g. \"2 hours ago\")") != std::string::npos);
}

TEST_CASE("without a date selector an item's <time> element gives the date unless turned off", "[listing]") {
    const std::string html = fixture("english_blog_time_datetime.html");
    const auto spec = listing_spec("article.post-card", "h2 a@href");
    const auto with_time = parse_ok(html, "https://blog.example.org/category/research/", spec);
    REQUIRE(with_time.entries.size() == 4);
    CHECK(date_of(with_time.entries[0]) == "2025-12-23T14:55:52Z");
    CHECK(date_of(with_time.entries[2]) == "2025-12-15");
    CHECK(with_time.warnings.empty());  // no date selector was asked for, so nothing to report

    Options opts;
    opts.time_element_fallback = false;
    const auto without = parse_ok(html, "https://blog.example.org/category/research/", spec, opts);
    REQUIRE(without.entries.size() == 4);
    CHECK(date_of(without.entries[0]) == "none");
}

TEST_CASE("links resolve against <base href>, itself resolved against the page URL", "[listing]") {
    const auto out = parse_ok(fixture("base_href_relative_links.html"), "https://sec.example.cn/index.php?page=2",
                              listing_spec("li.news-item", "", "", ".date"));
    REQUIRE(out.entries.size() == 3);
    CHECK(out.entries[0].url == "https://sec.example.cn/cn/news/2025/12/apt-campaign.html");
    CHECK(out.entries[0].title == "APT 组织针对能源行业的新一轮钓鱼活动");
    CHECK(out.entries[1].url == "https://sec.example.cn/cn/news/2025/12/ivanti-advisory.html");
    CHECK(out.entries[2].url == "https://sec.example.cn/en/2025/12/english-only.html");
    CHECK(date_of(out.entries[2]) == "2025-12-20");
    CHECK(out.warnings.empty());
}

TEST_CASE("a non-http <base href> is ignored", "[listing]") {
    const std::string html = R"html(<base href="javascript:alert(1)"><ul><li><a href="p/1">One</a></li></ul>)html";
    const auto out = parse_ok(html, "https://example.com/news/", listing_spec("li"));
    REQUIRE(out.entries.size() == 1);
    CHECK(out.entries[0].url == "https://example.com/news/p/1");
}

TEST_CASE("a link selector on the title h2 skips category and thumbnail links", "[listing]") {
    const std::string html = fixture("link_on_title_h2.html");
    const auto out = parse_ok(html, "https://www.securityweek.example/latest/",
                              listing_spec("div.post", "h2.post-title a@href", "", ".meta"));
    REQUIRE(out.entries.size() == 3);
    CHECK(out.entries[0].url == "https://www.securityweek.example/gootloader-returns/");
    CHECK(out.entries[0].title == "GootLoader Returns With New Font Trick");
    CHECK(date_of(out.entries[0]) == "2025-12-23");
    CHECK(out.entries[1].title == "WordPress Plugin Flaw Exploited to Take Over Sites");
    CHECK(date_of(out.entries[1]) == "2025-12-22T15:10");
    CHECK(date_of(out.entries[2]) == "2025-12-21");
    CHECK(out.warnings.empty());

    // The default "a@href" takes each item's first link: here the category tag.
    const auto by_default = parse_ok(html, "https://www.securityweek.example/latest/", listing_spec("div.post"));
    REQUIRE(by_default.entries.size() == 2);
    CHECK(by_default.entries[0].url == "https://www.securityweek.example/category/malware/");
}

TEST_CASE("javascript:, mailto:, anchors, empty and non-http links are dropped and counted", "[listing]") {
    const auto out = parse_ok(fixture("javascript_mailto_links.html"), "https://www.example.com/security/advisories",
                              listing_spec("tr.row"));
    REQUIRE(out.entries.size() == 2);
    CHECK(out.entries[0].url == "https://www.example.com/advisories/2025-031");
    CHECK(out.entries[0].title == "ESA-2025-031: Stored XSS in admin console");
    CHECK(out.entries[1].url == "https://www.example.com/advisories/2025-025");  // href wrapped over two lines
    REQUIRE(out.warnings.size() == 1);
    CHECK(out.warnings[0] == "listing: 7 of 9 items have no http(s) link (link selector \"a@href\") on "
                             "https://www.example.com/security/advisories");
}

TEST_CASE("duplicate links give one entry at the first position, filled from later copies", "[listing]") {
    const auto out = parse_ok(fixture("duplicate_links.html"), "https://www.secrss.com/articles?tag=news",
                              listing_spec("div.item", "", "", "span.date"));
    REQUIRE(out.entries.size() == 3);
    CHECK(out.entries[0].url == "https://www.secrss.com/articles/70001");
    CHECK(out.entries[0].title == "2025 年度网络安全十大事件");
    CHECK(date_of(out.entries[0]) == "2025-12-01");
    CHECK(out.entries[1].url == "https://www.secrss.com/articles/70105");
    CHECK(out.entries[1].title == "美国 CISA 将 3 个漏洞加入 KEV 目录");
    CHECK(out.entries[2].url == "https://www.secrss.com/articles/70104");
    CHECK(out.warnings.empty());
}

TEST_CASE("a link selector with @ inside an attribute value reads the attribute after the last @", "[listing]") {
    const auto out = parse_ok(fixture("medium_at_sign_links.html"), "https://infosecwriteups.example/",
                              listing_spec("li.story", R"(a[href*="/@"]@href)", "h3@title", ".meta@data-published"));
    REQUIRE(out.entries.size() == 2);
    CHECK(out.entries[0].url ==
          "https://medium.com/@alice.sec/how-i-found-an-idor-in-a-banking-api-3f2a1b7c9d10?source=collection_home");
    CHECK(out.entries[0].title == "How I Found an IDOR in a Banking API");
    CHECK(date_of(out.entries[0]) == "2025-12-23T08:12:00Z");
    CHECK(out.entries[1].url == "https://medium.com/@bob_redteam/abusing-adcs-esc15-in-2025-a1b2c3d4e5f6");
    CHECK(out.entries[1].title == "Abusing ADCS ESC15 in 2025");
    CHECK(out.warnings.empty());
}

TEST_CASE("a date in a title attribute beats the relative text shown to readers", "[listing]") {
    const std::string html = fixture("anquanke_relative_time_title_attr.html");
    const auto by_attr = parse_ok(html, "https://www.anquanke.com/news",
                                  listing_spec(".article-item", ".title a@href", "", ".date span@title"));
    REQUIRE(by_attr.entries.size() == 2);
    CHECK(by_attr.entries[0].url == "https://www.anquanke.com/post/id/313963");
    CHECK(date_of(by_attr.entries[0]) == "2025-12-23T14:55:52");
    CHECK(date_of(by_attr.entries[1]) == "none");

    const auto by_text = parse_ok(html, "https://www.anquanke.com/news",
                                  listing_spec(".article-item", ".title a@href", "", ".date span"));
    REQUIRE(by_text.entries.size() == 2);
    CHECK(date_of(by_text.entries[0]) == "none");
    REQUIRE(by_text.warnings.size() == 1);
    CHECK(by_text.warnings[0] == "listing: date selector \".date span\" gave no date for 2 of 2 entries on "
                                 "https://www.anquanke.com/news (e.g. \"3 小时前\")");
}

TEST_CASE("an item that is itself the link is read as its own link", "[listing]") {
    const std::string html = R"(<div class="hot"><a class="card" href="/p/9"><b>Title nine</b><i>2025-12-23</i></a></div>)";
    const auto out = parse_ok(html, "https://example.com/", listing_spec("a.card", "", "b", "i"));
    REQUIRE(out.entries.size() == 1);
    CHECK(out.entries[0].url == "https://example.com/p/9");
    CHECK(out.entries[0].title == "Title nine");
    CHECK(date_of(out.entries[0]) == "2025-12-23");
}

TEST_CASE("a link selector with @attr skips elements without that attribute", "[listing]") {
    const std::string html = R"(<ul><li><a name="p1"></a><a href="/p/1">One</a></li><li><a id="x">No link</a></li></ul>)";
    const auto out = parse_ok(html, "https://example.com/", listing_spec("li"));
    REQUIRE(out.entries.size() == 1);
    CHECK(out.entries[0].url == "https://example.com/p/1");
    CHECK(out.entries[0].title == "One");
    REQUIRE(out.warnings.size() == 1);
    CHECK(out.warnings[0] == "listing: 1 of 2 items have no http(s) link (link selector \"a@href\") on https://example.com/");
}

TEST_CASE("a bad item selector is an error naming the selector and the reason", "[listing]") {
    const std::string message = error_of("<p>x</p>", listing_spec("div[class"));
    CHECK(message.rfind("listing: bad item selector \"div[class\": ", 0) == 0);
    CHECK(message.find("column") != std::string::npos);
    CHECK(message.find("html:") == std::string::npos);
}

TEST_CASE("an item selector with @attr or no text is an error", "[listing]") {
    CHECK(error_of("", listing_spec("div@class")) == "listing: bad item selector \"div@class\": takes no @attribute");
    CHECK(error_of("", listing_spec("  ")) == "listing: bad item selector \"\": empty");
}

TEST_CASE("bad link, title and date selectors are errors naming their role", "[listing]") {
    CHECK(error_of("", listing_spec("li", "a[href@href")).rfind("listing: bad link selector \"a[href@href\": ", 0) == 0);
    CHECK(error_of("", listing_spec("li", "", "h2:hover")).rfind("listing: bad title selector \"h2:hover\": ", 0) == 0);
    CHECK(error_of("", listing_spec("li", "", "", "@datetime")) ==
          "listing: bad date selector \"@datetime\": no selector before '@'");
}

TEST_CASE("a page the html parser refuses is an error naming the page", "[listing]") {
    std::string deep;
    for (int i = 0; i < 3000; ++i) deep += "<div>";
    auto result = dossier::listing::parse(deep, "https://example.com/list", listing_spec("div"));
    REQUIRE_FALSE(result);
    CHECK(result.error().message.rfind("listing: cannot parse page https://example.com/list: ", 0) == 0);
    CHECK(result.error().message.find("nested deeper") != std::string::npos);
}
