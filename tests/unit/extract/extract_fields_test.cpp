// Each field's cascade on small pages: which stage wins and what it yields.
#include <catch2/catch.hpp>
#include <string>

#include "dossier/extract/extract.hpp"

using namespace dossier;

namespace {

const std::string k_body =
    "<p>Researchers disclosed a remote code execution flaw in a popular web server, and the vendor has "
    "released a fix. Administrators should upgrade quickly, since exploit code is already circulating.</p>"
    "<p>The flaw sits in the request parser, which trusted a length field sent by the client. A crafted "
    "request overflows a heap buffer, and attackers can run code as the server user.</p>"
    "<p>Attacks against exposed servers began two days after the advisory, according to several incident "
    "response firms, who urge operators to check their logs for unusual requests.</p>";

core::Article run(const std::string& head, const std::string& body,
                  std::string_view url = "https://news.example.com/a/1") {
    const std::string page = "<!DOCTYPE html><html><head>" + head + "</head><body>" + body + "</body></html>";
    auto r = extract::extract(page, url);
    REQUIRE(r.has_value());
    return std::move(r).value();
}

std::string article(const std::string& inner) { return "<article>" + inner + k_body + "</article>"; }

}  // namespace

TEST_CASE("JSON-LD in a @graph gives headline, date, authors, keywords and image", "[extract]") {
    const std::string ld = R"(<script type="application/ld+json">{"@context":"https://schema.org","@graph":[
        {"@type":"WebSite","name":"Example News"},
        {"@type":["NewsArticle"],"headline":"Flaw &amp; fix in web server","datePublished":"2024-03-10T08:00:00+01:00",
         "dateModified":"2024-03-11T09:30:00+01:00",
         "author":[{"@type":"Person","name":"Ann Lee"},{"@type":"Person","name":"Bo Chen"},{"@type":"Organization","name":"Example News"}],
         "keywords":"servers, patches","image":{"@type":"ImageObject","url":"/img/lead.png"},
         "publisher":{"@type":"Organization","name":"Example News"}}]}</script>)";
    const auto a = run("<title>Something else</title>" + ld, article(""));
    CHECK(a.title == "Flaw & fix in web server");
    CHECK(a.methods.at("title") == "json-ld:headline");
    REQUIRE(a.published);
    CHECK(a.published->to_iso() == "2024-03-10T08:00:00+01:00");
    REQUIRE(a.updated);
    CHECK(a.updated->to_iso() == "2024-03-11T09:30:00+01:00");
    CHECK(a.author == "Ann Lee, Bo Chen");  // the publisher is not an author
    CHECK(a.methods.at("author") == "json-ld:author");
    CHECK(a.tags == std::vector<std::string>{"servers", "patches"});
    CHECK(a.lead_image == "https://news.example.com/img/lead.png");
}

TEST_CASE("broken JSON-LD is ignored and OpenGraph takes over, minus the site name", "[extract]") {
    const auto a = run(R"(<script type="application/ld+json">{"@type":"NewsArticle","headline":</script>
        <meta property="og:title" content="Flaw found in web server | Example News">
        <meta property="og:site_name" content="Example News">
        <meta property="og:image" content="https://cdn.example.com/x.jpg">)",
                       article(""));
    CHECK(a.title == "Flaw found in web server");
    CHECK(a.methods.at("title") == "meta:og:title");
    CHECK(a.lead_image == "https://cdn.example.com/x.jpg");
}

TEST_CASE("an <h1> found inside <title> is the title, else <title> loses its site name", "[extract]") {
    CHECK(run("<title>Flaw found in web server - Example News</title>", article("<h1>Flaw found in web server</h1>"))
              .title == "Flaw found in web server");
    const auto plain = run("<title>Flaw found in a popular web server | Example</title>", article(""));
    CHECK(plain.title == "Flaw found in a popular web server");
    CHECK(plain.methods.at("title") == "title");
    CHECK(run("<title>某路由器固件曝出命令注入漏洞_安全周刊</title>", article("")).title ==
          "某路由器固件曝出命令注入漏洞");
    // A dash inside a word is not a separator.
    CHECK(run("<title>CVE-2024-1234 explained in detail</title>", article("")).title ==
          "CVE-2024-1234 explained in detail");
}

TEST_CASE("meta values given as value= are read like content=", "[extract]") {
    const auto a = run(R"(<meta property="og:title" value="Flaw found in web server">
        <meta property="article:published_time" value="2019-03-18T13:29:53+0000">)",
                       article(""));
    CHECK(a.title == "Flaw found in web server");
    REQUIRE(a.published);
    CHECK(a.published->to_iso() == "2019-03-18T13:29:53Z");
    CHECK(a.published_source == "meta:article:published_time");
}

TEST_CASE("the date cascade falls through meta, time elements, visible text and the URL", "[extract]") {
    const auto time_el = run("", article("<time datetime=\"2015-04-16T20:02:01+00:00\">Apr 16, 2015</time>"));
    REQUIRE(time_el.published);
    CHECK(time_el.published->to_iso() == "2015-04-16T20:02:01Z");
    CHECK(time_el.published_source == "time:datetime");

    const auto itemprop = run("", article("<span itemprop=\"datePublished\">May 19, 2020</span>"));
    REQUIRE(itemprop.published);
    CHECK(itemprop.published->to_iso() == "2020-05-19");
    CHECK(itemprop.published_source == "itemprop:datePublished");

    const auto english = run("", article("<h1>Flaw found</h1><div>December 16, 2016, 4:19 PM</div>"));
    REQUIRE(english.published);
    CHECK(english.published->to_iso() == "2016-12-16T16:19");
    CHECK(english.published_source == "text");

    // A date labelled as published wins over an earlier one labelled as updated.
    const auto labelled = run("", article("<h1>Flaw found</h1><p>Last Updated: September 24, 2020, 9:27 PM IST</p>"
                                          "<p>First Published: September 24, 2020, 9:13 PM IST</p>"));
    REQUIRE(labelled.published);
    CHECK(labelled.published->to_iso() == "2020-09-24T21:13");
    CHECK(labelled.published_source == "text:first published");

    const auto chinese = run("", article("<h1>漏洞通告</h1><p>发布时间 : 2025-12-23 14:55:52</p>"));
    REQUIRE(chinese.published);
    CHECK(chinese.published->to_iso() == "2025-12-23T14:55:52");  // no offset printed: none invented

    const auto url = run("", article(""), "https://news.example.com/2021/03/04/flaw-found/");
    REQUIRE(url.published);
    CHECK(url.published->to_iso() == "2021-03-04");
    CHECK(url.published_source == "url");

    const auto meta_first = run(R"(<meta property="article:published_time" content="2024-01-02T03:04:05Z">)",
                                article("<time datetime=\"2015-04-16\">x</time>"), "https://e.com/2021/03/04/x");
    CHECK(meta_first.published_source == "meta:article:published_time");
}

TEST_CASE("the author cascade skips URLs and site names and cleans bylines", "[extract]") {
    const auto a = run(R"(<meta name="author" content="https://www.facebook.com/examplenews">)",
                       article("<p class=\"byline\">By Jane Doe | May 3, 2021</p>"));
    CHECK(a.author == "Jane Doe");
    CHECK(a.methods.at("author") == "element:.byline");
    const auto rel = run("", article("<a rel=\"author\" href=\"/u/ann\">Ann Lee</a>"));
    CHECK(rel.author == "Ann Lee");
    CHECK(rel.methods.at("author") == "element:rel=author");
    const auto zh = run("", article("<div class=\"info\">来源：安全周刊　作者：李四　2023-02-03</div>"));
    CHECK(zh.author == "李四");
    // a screen-reader "By" span glued to the visible "by": the doubled prefix is removed too
    const auto glued =
        run("", article("<div class=\"byline\"><span class=\"sr-only\">By</span><span>by ANN LEE and BO CHEN</span></div>"));
    CHECK(glued.author == "ANN LEE and BO CHEN");
    const auto none = run("", article(""));
    CHECK(none.author.empty());
    CHECK(none.methods.count("author") == 0);
}

TEST_CASE("the language comes from markup, else from the script of the body", "[extract]") {
    const std::string doc_en =
        "<!DOCTYPE html><html lang=\"en-US\"><head></head><body>" + article("") + "</body></html>";
    auto en = extract::extract(doc_en, "https://e.com/");
    REQUIRE(en.has_value());
    CHECK(en->lang == "en");
    CHECK(en->methods.at("lang") == "html:lang");
    CHECK(run(R"(<meta http-equiv="content-language" content="de">)", article("")).lang == "de");
    CHECK(run("", article("")).lang.empty());  // Latin text: not guessed
    const auto zh =
        run("",
            "<div><p>研究人员在一款家用路由器的固件中发现了命令注入漏洞，攻击者无需登录即可在设备上执行任意命令。"
            "该漏洞位于网页管理界面的诊断功能，输入内容没有经过过滤就被拼接进了系统命令。</p></div>");
    CHECK(zh.lang == "zh");
    CHECK(zh.methods.at("lang") == "guess");
}

TEST_CASE("the canonical URL is resolved against the page URL and must be http(s)", "[extract]") {
    CHECK(run(R"(<link rel="canonical" href="/a/1?ref=x">)", article("")).canonical_url ==
          "https://news.example.com/a/1?ref=x");
    CHECK(
        run(R"x(<link rel="canonical" href="javascript:void(0)"><meta property="og:url" content="https://news.example.com/og">)x",
            article(""))
            .canonical_url == "https://news.example.com/og");
    CHECK(run("", article("")).canonical_url == "https://news.example.com/a/1");
}

TEST_CASE("tags come from article:tag, JSON-LD keywords and meta keywords, deduplicated", "[extract]") {
    const auto a =
        run(R"(<meta property="article:tag" content="Ransomware"><meta property="article:tag" content="Android">
        <meta name="keywords" content="android, mobile，恶意软件、 ">)",
            article(""));
    CHECK(a.tags == std::vector<std::string>{"Ransomware", "Android", "mobile", "恶意软件"});
}

TEST_CASE("the body keeps blocks as paragraphs and leaves out furniture and link lists", "[extract]") {
    const std::string body =
        "<nav><a href=/>Home</a> <a href=/news>News</a></nav>"
        "<div class=\"post-content\"><h1>Flaw found</h1>" +
        k_body +
        "<h2>What to do</h2><ul><li>Upgrade to 2.4.1.</li><li>Check the logs.</li></ul>"
        "<blockquote>We fixed it within a day.</blockquote><pre>$ server --version\n  2.4.1</pre>"
        "<figure><img src=x.png><figcaption>The ad&shy;vi&shy;sory\xEE\x80\x82 time&#x200B;line.</figcaption></figure>"
        "<div class=\"read-more\"><a href=/b>Another flaw</a> <a href=/c>Yet another flaw</a></div>"
        "<div class=\"share-bar\">Share on Twitter</div></div>"
        "<aside>Sidebar text that is long enough to count as a paragraph if it were scored at all.</aside>"
        "<footer>Copyright 2024 Example News</footer>";
    const auto a = run("<title>Flaw found</title>", body);
    const std::string tail =
        "What to do\n\nUpgrade to 2.4.1.\n\nCheck the logs.\n\nWe fixed it within a day.\n\n"
        "$ server --version\n  2.4.1\n\nThe advisory timeline.";
    CHECK(a.text.rfind("Researchers disclosed a remote code execution flaw", 0) == 0);  // the h1 repeats the title
    CHECK(a.text.size() >= tail.size());
    CHECK(a.text.substr(a.text.size() - tail.size()) == tail);  // private-use glyph, U+00AD, U+200B dropped
    for (const char* absent : {"Home", "Another flaw", "Share on Twitter", "Sidebar text", "Copyright"}) {
        INFO(absent);
        CHECK(a.text.find(absent) == std::string::npos);
    }
}

TEST_CASE("class names on wrappers of the whole article do not hide it", "[extract]") {
    // "sidebar" in a layout wrapper, a WordPress taxonomy class on the article itself.
    const std::string body = "<div class=\"layout-with-sidebar\"><article class=\"post tag-social-engineering\">" +
                             k_body +
                             "</article><div class=\"sidebar\"><p>Popular: a list of other stories that people read "
                             "this week, with several words.</p></div></div>";
    const auto a = run("", body);
    CHECK(a.methods.at("text") == "score");
    CHECK(a.text.rfind("Researchers disclosed", 0) == 0);
    CHECK(a.text.find("Popular:") == std::string::npos);
}
