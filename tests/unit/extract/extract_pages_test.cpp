// Whole pages through extract(): real pages from the security-news corpus
// (tests/fixtures/pages/<slug>/, also scored by fixture_pages_test.cpp) and pages written for
// dossier (tests/fixtures/extract/<quirk>/).
#include <catch2/catch.hpp>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "dossier/extract/extract.hpp"

using namespace dossier;

namespace {

/// `folder` is relative to the fixture root: "pages/<slug>" or "extract/<quirk>".
std::string fixture(const std::string& folder) {
    std::ifstream in(std::string(DOSSIER_FIXTURES) + "/" + folder + "/source.html", std::ios::binary);
    REQUIRE(in.good());
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

core::Article run(const std::string& folder, std::string_view url, const extract::Hints& hints = {}) {
    auto r = extract::extract(fixture(folder), url, {}, hints);
    REQUIRE(r.has_value());
    return std::move(r).value();
}

/// Whitespace runs as one space, as the corpus truth is compared.
std::string squash(std::string_view s) {
    std::string out;
    bool space = false;
    for (char c : s) {
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
            space = !out.empty();
            continue;
        }
        if (space) out.push_back(' ');
        space = false;
        out.push_back(c);
    }
    return out;
}

/// Code points in s[from, to): the corpus measures positions in characters.
std::size_t chars(std::string_view s, std::size_t from, std::size_t to) {
    std::size_t n = 0;
    for (std::size_t i = from; i < to; ++i)
        if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) ++n;
    return n;
}

/// The corpus checks: body_first starts within the first 400 characters, body_last ends within
/// the last 400 characters, and no boilerplate string occurs.
void check_body(const core::Article& a, std::string_view first, std::string_view last,
                const std::vector<std::string>& absent) {
    const std::string text = squash(a.text);
    const auto f = text.find(squash(first));
    REQUIRE(f != std::string::npos);
    CHECK(chars(text, 0, f) <= 400);
    const auto l = text.rfind(squash(last));
    REQUIRE(l != std::string::npos);
    CHECK(chars(text, l + squash(last).size(), text.size()) <= 400);
    for (const std::string& s : absent) {
        INFO("boilerplate: " << s);
        CHECK(text.find(squash(s)) == std::string::npos);
    }
}

}  // namespace

TEST_CASE("an anquanke page gives its headline, visible 发布时间 date, credited author and body", "[extract]") {
    const auto a = run("pages/anquanke-1", "https://www.anquanke.com/post/id/210200");
    CHECK(a.title == "CVE-2020-5764：安卓MX Player播放器路径穿越和代码执行漏洞");
    REQUIRE(a.published);
    CHECK(a.published->to_iso() == "2020-07-10T16:30:16");  // no zone on the page: offset unknown
    CHECK(a.published_source == "text:发布时间");
    CHECK(a.author == "hx1997");
    CHECK(a.lang == "zh");
    CHECK(a.methods.at("charset") == "UTF-8 (meta)");
    check_body(a, "MX Player是一个Android应用程序，可以在Google Play商店中找到它，下载量超过5亿。",
               "在后续偶尔进行的测试里，我们发现路径穿越问题已经于1.24.5版中修复。",
               {"您还未登录，请先登录。", "商务合作，文章发布请联系 anquanke@360.cn", "简析IAST—Agent篇",
                "官网QQ群8：819797106", "译文仅供参考，具体内容表达以及含义原文为准。",
                "本文翻译自medium.com 原文链接。如若转载请注明出处。"});
    CHECK(a.extractor_version == extract::k_extractor_version);
    CHECK(a.warnings.empty());
}

TEST_CASE("a WordPress news page gives JSON-LD title, date with offset and author, entities decoded", "[extract]") {
    const auto a =
        run("pages/threatpost-1",
            "https://threatpost.com/android-ransomware-spreads-via-sex-simulation-game-links-on-reddit-sms/146774/");
    CHECK(a.title == "Android Ransomware Spreads Via ‘Sex Simulation Game’ Links on Reddit, SMS");
    CHECK(a.methods.at("title") == "json-ld:headline");
    REQUIRE(a.published);
    CHECK(a.published->to_iso() == "2019-07-30T13:16:29-04:00");
    CHECK(a.published_source == "json-ld:datePublished");
    CHECK(a.author == "Lindsey O'Donnell");
    CHECK(a.lang == "en");
    CHECK(a.canonical_url ==
          "https://threatpost.com/android-ransomware-spreads-via-sex-simulation-game-links-on-reddit-sms/146774/");
    CHECK_FALSE(a.lead_image.empty());
    check_body(
        a,
        "Researchers are warning of a new Android ransomware being spread via links in online forums and SMS messages.",
        "Researchers have also spotted a mobile surveillance-ware remote access trojan for Android called Monokle, "
        "using novel techniques to exfiltrate data.",
        {"Subscribe to our Threatpost Today newsletter", "Suggested articles", "Leave A Comment",
         "This site uses Akismet to reduce spam.", "The Texas Ransomware Attacks: A Gamechanger for Cybercriminals",
         "Nation-State Actors Go All-In on Mobile Malware"});
}

TEST_CASE("a CSDN page gives the date and author printed in a bar of same-class spans", "[extract]") {
    const auto a = run("pages/csdn-1", "http://www.csdn.net/article/2014-08-24/2821349-KnownSec-KconV3");
    CHECK(a.title == "第三届知道安全论坛鸟巢举办 知道创宇发布新版ZoomEye");
    REQUIRE(a.published);
    CHECK(a.published->to_iso() == "2014-08-24T21:30");
    CHECK(a.published_source == "text:发表于");
    CHECK(a.author == "魏星");  // the meta author "CSDN.NET" is a site, not a person
    check_body(a,
               "2014年8月22日，由北京知道创宇联合知乎网主办的第三届知道安全论坛（Kcon V3）在北京鸟巢·国家体育场举行。",
               "“然而，ZoomEye最核心的竞争力就是一支强干的团队”，余弦骄傲地说道。",
               {"本文为CSDN原创文章，未经允许不得转载，如需转载请联系market#csdn.net(#换成@)", "推荐阅读相关主题：",
                "VIP会员续费8折", "你有一张VIP限时优惠券哦", "订阅业界RSS", "硬核干货! 你的业务是否适合上链"});
}

TEST_CASE("a Japanese page with CRLF line ends gives its 年月日 date and layout-table body", "[extract]") {
    const auto a = run("pages/ipa-1", "https://www.ipa.go.jp/security/topics/alert20190402.html");
    CHECK(a.title == "ゴールデンウィークにおける情報セキュリティに関する注意喚起");
    REQUIRE(a.published);
    CHECK(a.published->to_iso() == "2019-04-02");
    CHECK(a.lang == "ja");
    check_body(a,
               "長期休暇中は、「システム管理者が長期間不在になる」、「友人や家族と旅行に出かける」等、いつもと異なる状"
               "況になります。",
               "宅配便業者をかたる偽ショートメッセージに関する新たな手口が出現し、iPhoneも標的に（2018/11/29）",
               {"Copyright © 2022 Information-technology Promotion Agency, Japan（IPA）", "（法人番号 5010005007126）",
                "HOME情報セキュリティ"});
}

TEST_CASE("a page whose body is loaded by script gives its summary and no sidebar text", "[extract]") {
    const auto a = run("pages/scan-netsecurity-2", "https://scan.netsecurity.ne.jp/article/2019/03/05/42049.html");
    CHECK(a.title == "パスワードロック未実施のUSBメモリを電車内で紛失の可能性（阪南大学）");
    REQUIRE(a.published);
    CHECK(a.published->to_iso() == "2019-03-05T08:15:11+09:00");
    CHECK(a.author.empty());
    const std::string sentence =
        "阪南大学は3月4日、同学の専任教員が学生情報等を保存したUSBメモリを紛失したことが判明したと発表した。";
    check_body(a, sentence, sentence,
               {"編集部にメッセージを送る", "関連記事",
                "児童の遅刻・欠席一覧を誤って保護者に配布、今後は紙への印刷をやめパソコンによる閲覧に切り替え",
                "小中学校の校務ネットワークにランサムウェア攻撃"});
}

TEST_CASE("a GBK page with <br>-separated paragraphs decodes and drops pinyin-named boilerplate", "[extract]") {
    const auto a = run("extract/gbk_br_paragraphs", "https://news.example.cn/news/2023/0203/1188.html");
    CHECK(a.methods.at("charset") == "GB18030 (meta)");
    CHECK(a.title == "某路由器固件曝出命令注入漏洞");
    REQUIRE(a.published);
    CHECK(a.published->to_iso() == "2023-02-03T10:45");
    CHECK(a.author == "张三");
    CHECK(a.lang == "zh");
    CHECK(a.methods.at("lang") == "guess");
    CHECK(a.canonical_url == "https://news.example.cn/news/2023/0203/1188.html");
    CHECK(a.tags == std::vector<std::string>{"路由器", "命令注入", "固件"});
    const std::string expected =
        "研究人员在一款家用路由器的固件中发现了命令注入漏洞，攻击者无需登录即可在设备上执行任意命令。"
        "该漏洞位于网页管理界面的诊断功能，输入内容没有经过过滤就被拼接进了系统命令。\n\n"
        "厂商在收到报告后发布了新版固件，修复了参数过滤问题，并建议用户尽快升级，同时关闭远程管理功能。"
        "研究人员表示，同类设备中类似的问题并不少见，管理员应当定期检查固件版本。\n\n"
        "截至发稿时，尚未发现该漏洞被大规模利用的迹象，但公开的验证代码已经在网上流传，风险正在上升。";
    CHECK(a.text == expected);
}

TEST_CASE("site hints take precedence and their remove selectors trim the body", "[extract]") {
    extract::Hints hints;
    hints.title = "title";
    hints.body = "div.main";
    hints.date = ".info";
    hints.author = "h1@class";
    hints.remove = {".info", ".fenxiang", "h1"};
    hints.lang = "zh-CN";
    const auto a = run("extract/gbk_br_paragraphs", "https://news.example.cn/x", hints);
    CHECK(a.title == "某路由器固件曝出命令注入漏洞_安全周刊");
    CHECK(a.methods.at("title") == "hint");
    CHECK(a.published_source == "hint");
    CHECK(a.author == "article-title");
    CHECK(a.lang == "zh");
    CHECK(a.methods.at("lang") == "hint");
    CHECK(a.methods.at("text") == "hint");
    CHECK(a.text.rfind("研究人员在一款家用路由器", 0) == 0);
    // The generic cleaning still applies inside a hinted body: related list, comments, ad.
    CHECK(a.text.find("相关文章") == std::string::npos);
    CHECK(a.text.find("发表评论") == std::string::npos);
    CHECK(a.text.find("广告") == std::string::npos);
    CHECK(a.warnings.empty());
}

TEST_CASE("hints that are invalid or match nothing fall back to the cascade with a warning", "[extract]") {
    extract::Hints hints;
    hints.body = "div[";
    hints.title = ".no-such-title";
    const auto a = run("extract/gbk_br_paragraphs", "https://news.example.cn/x", hints);
    CHECK(a.title == "某路由器固件曝出命令注入漏洞");
    CHECK(a.methods.at("text") == "score");
    REQUIRE(a.warnings.size() == 2);
    CHECK(a.warnings[0] == "extract: hint title \".no-such-title\" matched nothing");
    CHECK(a.warnings[1] == "extract: hint body: html: bad selector \"div[\": expected an attribute name at column 5");
}

TEST_CASE("a listing page without an article gives no body and a warning, not an error", "[extract]") {
    const auto a = run("extract/no_article_listing", "https://news.example.com/");
    CHECK(a.text.empty());
    CHECK(a.title == "Security News Daily");
    CHECK_FALSE(a.published);
    REQUIRE(a.warnings.size() == 2);
    CHECK(a.warnings[0] == "extract: no publication date found");
    CHECK(a.warnings[1] == "extract: no article body found");
    CHECK(a.methods.count("text") == 0);
}
