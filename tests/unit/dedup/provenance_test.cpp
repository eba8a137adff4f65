#include <catch2/catch.hpp>

#include "dedup_quality_support.hpp"
#include "dossier/dedup/provenance.hpp"

using dossier::dedup::find_origin;
using dossier::dedup::is_attribution_line;
using dossier::dedup::strip_attribution;

namespace {

std::string fixture(const std::string& path) { return dossier::dedup::quality::load_text(path); }

/// `line` between paragraphs of prose, so only `line` can attribute the text.
std::string body_with(const std::string& line) {
    return "攻击者利用该漏洞可以远程执行任意代码。\n\n研究人员已向厂商报告了该问题。\n\n" + line + "\n";
}

const std::string k_medium_url =
    "https://medium.com/tenable-techblog/android-mx-player-path-traversal-to-code-execution-9134b623eb34";

}  // namespace

TEST_CASE("anquanke's translation credits name medium.com and the original's address", "[dedup]") {
    const std::string body = fixture("provenance/anquanke-translation-credits.txt");
    const auto origin = find_origin(body);
    REQUIRE(origin);
    CHECK(origin->name == "medium.com");
    CHECK(origin->url == k_medium_url);
    CHECK(origin->line == "本文是翻译文章，文章原作者 David Wells，文章来源：medium.com");
    CHECK_FALSE(origin->self);
}

TEST_CASE("strip_attribution removes credits and repost notices near the ends, not the text", "[dedup]") {
    const std::string stripped = strip_attribution(fixture("provenance/anquanke-translation-credits.txt"));
    CHECK(stripped.find("文章来源") == std::string::npos);
    CHECK(stripped.find("原文地址") == std::string::npos);
    CHECK(stripped.find("本文转载自") == std::string::npos);
    CHECK(stripped.find("如若转载") == std::string::npos);
    CHECK(stripped.find("转载，请参考转载声明") == std::string::npos);
    CHECK(stripped.find("MX Player是一个Android应用程序") != std::string::npos);
    CHECK(stripped.find("安全客 - 有思想的安全新媒体") != std::string::npos);  // chrome, not a credit
}

TEST_CASE("an English closing line 'originally appeared on' names the publication", "[dedup]") {
    // The real last line of the CityLab article in the readability corpus.
    const auto origin = find_origin(fixture("texts/rd-citylab-1.txt"));
    REQUIRE(origin);
    CHECK(origin->name == "The Atlantic");
    CHECK(origin->url.empty());
    CHECK(origin->line == "This article originally appeared on The Atlantic.");
}

TEST_CASE("Chinese origin labels give the name, cut at the next label or list punctuation", "[dedup]") {
    const auto name_of = [](const std::string& line) {
        const auto origin = find_origin(body_with(line));
        return origin ? origin->name : std::string("<none>");
    };
    CHECK(name_of("本文转载自：FreeBuf") == "FreeBuf");
    CHECK(name_of("转载自 嘶吼") == "嘶吼");
    CHECK(name_of("来源: 安全客") == "安全客");
    CHECK(name_of("【来源：新华网】") == "新华网");
    CHECK(name_of("编译自The Hacker News") == "The Hacker News");
    CHECK(name_of("本文编译自 The Record") == "The Record");
    CHECK(name_of("译自《连线》杂志") == "《连线》杂志");
    CHECK(name_of("来源：《人民日报》") == "人民日报");
    CHECK(name_of("*参考来源：thehackernews，FB小编Alpha_h4ck编译，转载请注明来自FreeBuf.COM") == "thehackernews");
    // gmw's header line: a date before the label, and more labels after the name.
    CHECK(name_of("2017-03-10 09:58:03  来源： 网易科学人   作者：  责任编辑：肖春芳") == "网易科学人");
}

TEST_CASE("a URL in an origin line or an 原文链接 line becomes the origin URL", "[dedup]") {
    auto origin = find_origin(body_with("原文链接：https://www.bleepingcomputer.com/news/security/x/"));
    REQUIRE(origin);
    CHECK(origin->name.empty());
    CHECK(origin->url == "https://www.bleepingcomputer.com/news/security/x/");

    origin = find_origin(body_with("文章来源：https://example.com/a?id=1。"));
    REQUIRE(origin);
    CHECK(origin->name.empty());
    CHECK(origin->url == "https://example.com/a?id=1");
}

TEST_CASE("a translator, an editor or a repost notice is no origin but is stripped", "[dedup]") {
    for (const std::string line : {"译者：张三", "编译/林靖东", "责任编辑：肖春芳", "转载请注明出处：https://www.anquanke.com/post/id/1",
                                   "【美国The Next Web作品的中文相关权益归腾讯公司独家所有。未经授权，不得转载、摘编等。】",
                                   "来源：网络", "Translated by Jane Doe"}) {
        INFO(line);
        CHECK(is_attribution_line(line));
        CHECK_FALSE(find_origin(body_with(line)));
        CHECK(strip_attribution(body_with(line)).find(line) == std::string::npos);
    }
}

TEST_CASE("qq's inline credit and closing rights notice name no origin", "[dedup]") {
    const std::string body = fixture("texts/rd-qq.txt");
    CHECK_FALSE(find_origin(body));
    const std::string stripped = strip_attribution(body);
    CHECK(stripped.find("不得转载") == std::string::npos);
    CHECK(stripped.find("（编译/林靖东）") != std::string::npos);  // inside a paragraph of prose
}

TEST_CASE("an own-site claim is returned as self, and a foreign origin wins over it", "[dedup]") {
    auto origin = find_origin(body_with("来源：本站原创"));
    REQUIRE(origin);
    CHECK(origin->self);
    CHECK(origin->name.empty());
    CHECK(origin->line == "来源：本站原创");

    origin = find_origin(body_with("本文由hx1997原创发布"));
    REQUIRE(origin);
    CHECK(origin->self);

    origin = find_origin(body_with("本文由hx1997原创发布\n本文转载自: medium.com"));
    REQUIRE(origin);
    CHECK_FALSE(origin->self);
    CHECK(origin->name == "medium.com");
}

TEST_CASE("English markers name the publication and stop at the end of its name", "[dedup]") {
    const auto name_of = [](const std::string& line) {
        const auto origin = find_origin("Attackers exploited the flaw for weeks.\n\n" + line + "\n");
        return origin ? origin->name : std::string("<none>");
    };
    CHECK(name_of("Source: The Hacker News") == "The Hacker News");
    CHECK(name_of("Via: The Register") == "The Register");
    CHECK(name_of("This story was originally published by ProPublica and is republished with permission.") ==
          "ProPublica");
    CHECK(name_of("A version of this article first appeared in The Conversation.") == "The Conversation");
    CHECK(name_of("This article is republished from The Conversation under a Creative Commons license.") ==
          "The Conversation");
    CHECK(name_of("Originally published at Krebs on Security") == "Krebs on Security");
    CHECK(name_of("Originally published on Medium on March 3, 2020.") == "Medium");
    CHECK(name_of("Source: Supplied") == "<none>");
    CHECK(name_of("Source: Getty Images") == "<none>");
    CHECK(name_of("Originally published in 1966.") == "<none>");
    CHECK(name_of("McLintock, Alexander, ed. (April 2009) [originally published in 1966].") == "<none>");
}

TEST_CASE("an English source URL is kept with or without a name", "[dedup]") {
    const auto origin = find_origin("Text.\n\nThis post originally appeared on Example Blog (https://blog.example.com/p/1).\n");
    REQUIRE(origin);
    CHECK(origin->name == "Example Blog");
    CHECK(origin->url == "https://blog.example.com/p/1");
}

TEST_CASE("attribution markers in the middle of an article or inside prose are ignored", "[dedup]") {
    std::string body;
    for (int i = 0; i < 20; ++i) body += "Paragraph " + std::to_string(i) + " of the report.\n\n";
    body.insert(body.find("Paragraph 10"), "本文转载自：FreeBuf\n\n");
    CHECK_FALSE(find_origin(body));
    CHECK(strip_attribution(body) == body);

    CHECK_FALSE(is_attribution_line("来源不明的攻击流量在周末达到峰值。"));
    CHECK_FALSE(is_attribution_line("作者认为该漏洞的影响被低估了。"));
    CHECK_FALSE(is_attribution_line("来源：" + std::string(300, 'x')));  // a paragraph, not a credit
    CHECK_FALSE(is_attribution_line("The source: a misconfigured bucket."));
}

TEST_CASE("a caption-like 'Source:' or bare 来源 counts only in the first line or the last two", "[dedup]") {
    const std::string prose = "The attackers used a loader.\n\nIt fetched a second stage.\n\n";
    const std::string caption = "Source: BleepingComputer\n\n";
    // A screenshot caption three lines from the end is part of the article.
    const std::string body = prose + caption + "The group is still active.\n\nPatch now.\n\nMore soon.\n";
    CHECK_FALSE(find_origin(body));
    CHECK(strip_attribution(body) == body);
    // Closing the article, it names the source.
    const auto origin = find_origin(prose + caption);
    REQUIRE(origin);
    CHECK(origin->name == "BleepingComputer");
    // A strong marker counts anywhere among the last 8 lines.
    CHECK(find_origin(prose + "This article originally appeared on Wired.\n\nA.\n\nB.\n\nC.\n"));
    CHECK_FALSE(find_origin(prose + "来源：国家统计局\n\nA。\n\nB。\n\nC。\n"));
    CHECK(find_origin(prose + "文章来源：国家统计局\n\nA。\n\nB。\n\nC。\n"));
}

TEST_CASE("gmw's closing credits are stripped and name no origin", "[dedup]") {
    // The real end of the gmw article: a producer, an author and an editor; 原标题 is a title.
    const std::string body = fixture("texts/rd-gmw.txt");
    CHECK_FALSE(find_origin(body));
    const std::string stripped = strip_attribution(body);
    CHECK(stripped.find("出品︱网易科学人栏目组") == std::string::npos);
    CHECK(stripped.find("作者︱春春") == std::string::npos);
    CHECK(stripped.find("[责任编辑:肖春芳]") == std::string::npos);
    CHECK(stripped.find("原标题：他晚于阿姆斯特朗登月") != std::string::npos);
    CHECK(body.size() - stripped.size() < 120);
}

TEST_CASE("strip_attribution keeps a body without credits byte for byte", "[dedup]") {
    const std::string body = fixture("texts/rd-youth.txt");
    CHECK(strip_attribution(body) == body);
    CHECK(strip_attribution("").empty());
    CHECK_FALSE(find_origin(""));
}
