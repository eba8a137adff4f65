#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

#include "dossier/store/article_store.hpp"
#include "temp_archive.hpp"

using dossier::core::Article;
using dossier::core::DateTime;
using dossier::store::ArticleFilter;
using dossier::store::ArticleStore;
using dossier::store::OpenMode;
using dossier::store::SortOrder;
using dossier::store::test::article;
using dossier::store::test::TempDir;

namespace {

/// A small mixed-language archive; `ids` maps each slug to its row id.
struct Corpus {
    TempDir dir;
    ArticleStore store;
    std::vector<Article> articles;

    Corpus() : store(ArticleStore::open(dir.db(), OpenMode::read_write).value()) {
        add("zh-exploit", "漏洞利用分析", "攻击者利用该漏洞获取服务器权限。", "freebuf", "zh-CN");
        add("zh-leak", "数据泄密", "某公司发生大规模泄密事件，涉及用户数据。", "anquanke", "zh");
        add("zh-weather", "普通新闻", "今天天气很好，没有安全事件。", "anquanke", "zh");
        add("zh-split", "山洞", "发现一个漏，山洞很深，漏，洞。", "freebuf", "zh");
        add("zh-mixed-run", "披露", "新漏洞CVE-2024-1234披露", "freebuf", "zh");
        add("en-notepad", "CVE-2025-59934 in Notepad++",
            "A flaw tracked as CVE-2025-59934 affects Notepad++ 8.8. Log4j2 is unrelated. Server 192.168.1.1 was hit.",
            "bleeping", "en");
        add("en-near", "CVE-2025-5993", "Only CVE-2025-5993 here, in code written in C and C#.", "bleeping", "en");
        add("en-cpp", "C++ library bug", "A C++ template library. ＣＶＥ－２０２５－１２３４ written in full width.",
            "bleeping", "en-US");
        add("ja", "日本語ニュース", "ひらがなとカタカナの記事です。", "jpcert", "ja");
        add("ko", "보안", "한국어 보안 뉴스", "krcert", "ko");
        add("mixed", "混排", "中文English混排测试", "freebuf", "zh");
    }

    void add(const std::string& slug, const std::string& title, const std::string& body, const std::string& source,
             const std::string& lang) {
        Article a = article(slug, title, body, source, lang);
        a.id = store.put(a).value();
        articles.push_back(a);
    }

    std::int64_t id(const std::string& slug) const {
        for (const auto& a : articles)
            if (a.url == "https://news.example.com/" + slug) return a.id;
        FAIL("no article " << slug);
        return 0;
    }

    std::set<std::int64_t> hits(std::string_view query, const ArticleFilter& f = {}) {
        auto r = store.search(query, f, SortOrder::rank);
        INFO(query << ": " << (r ? "" : r.error().message));
        REQUIRE(r.has_value());
        std::set<std::int64_t> out;
        for (const auto& h : *r) out.insert(h.article.id);
        return out;
    }

    std::set<std::int64_t> ids(std::initializer_list<const char*> slugs) const {
        std::set<std::int64_t> out;
        for (const char* s : slugs) out.insert(id(s));
        return out;
    }

    /// The articles whose title or body contains `needle` byte for byte.
    std::set<std::int64_t> containing(const std::string& needle) const {
        std::set<std::int64_t> out;
        for (const auto& a : articles)
            if (a.title.find(needle) != std::string::npos || a.text.find(needle) != std::string::npos) out.insert(a.id);
        return out;
    }
};

}  // namespace

TEST_CASE("a 1- or 2-character Chinese query finds exactly the articles that contain it", "[store]") {
    Corpus c;
    for (const char* q : {"漏", "洞", "漏洞", "泄密", "利用", "数据", "天气", "事件", "用", "露", "山洞", "漏洞利用",
                          "发生大规模泄密", "中文", "混排"}) {
        INFO(q);
        const auto expected = c.containing(q);
        CHECK_FALSE(expected.empty());
        CHECK(c.hits(q) == expected);
    }
    CHECK(c.hits("泄漏").empty());
}

TEST_CASE("a Chinese term next to Latin text matches only the exact sequence", "[store]") {
    Corpus c;
    CHECK(c.hits("漏洞CVE") == c.ids({"zh-mixed-run"}));
    CHECK(c.hits("洞CVE") == c.ids({"zh-mixed-run"}));
    CHECK(c.hits("漏CVE").empty());
    CHECK(c.hits("English混排") == c.ids({"mixed"}));
    CHECK(c.hits("English") == c.ids({"mixed"}));
}

TEST_CASE("a Chinese phrase does not match across punctuation, a Latin phrase does", "[store]") {
    TempDir dir;
    auto store = ArticleStore::open(dir.db(), OpenMode::read_write).value();
    REQUIRE(store.put(article("p", "标点", "发现漏洞，利用方式未知。remote, code")).has_value());
    CHECK(store.count("漏洞", {}).value() == 1);
    CHECK(store.count("漏洞利用", {}).value() == 0);
    CHECK(store.count("\"remote code\"", {}).value() == 1);
}

TEST_CASE("CVE identifiers, C++, C#, Notepad++, Log4j2 and IPv4 addresses match exactly", "[store]") {
    Corpus c;
    CHECK(c.hits("CVE-2025-59934") == c.ids({"en-notepad"}));
    CHECK(c.hits("CVE-2025-5993") == c.ids({"en-near"}));
    CHECK(c.hits("Notepad++") == c.ids({"en-notepad"}));
    CHECK(c.hits("C++") == c.ids({"en-cpp"}));
    CHECK(c.hits("C#") == c.ids({"en-near"}));
    CHECK(c.hits("Log4j2") == c.ids({"en-notepad"}));
    CHECK(c.hits("log4j").empty());
    CHECK(c.hits("192.168.1.1") == c.ids({"en-notepad"}));
    CHECK(c.hits("192.168.1.12").empty());
}

TEST_CASE("full-width and ASCII forms match each other", "[store]") {
    Corpus c;
    CHECK(c.hits("cve-2025-1234") == c.ids({"en-cpp"}));
    CHECK(c.hits("ＣＶＥ－２０２５") == c.ids({"en-notepad", "en-near", "en-cpp"}));
}

TEST_CASE("Japanese kana and Korean Hangul are searchable", "[store]") {
    Corpus c;
    CHECK(c.hits("カタカナ") == c.ids({"ja"}));
    CHECK(c.hits("ひらがな") == c.ids({"ja"}));
    CHECK(c.hits("한국어") == c.ids({"ko"}));
    CHECK(c.hits("보안") == c.ids({"ko"}));
}

TEST_CASE("query operators combine terms", "[store]") {
    Corpus c;
    CHECK(c.hits("漏洞 权限") == c.ids({"zh-exploit"}));
    CHECK(c.hits("泄密 OR 天气") == c.ids({"zh-leak", "zh-weather"}));
    CHECK(c.hits("事件 -泄密") == c.ids({"zh-weather"}));
    CHECK(c.hits("\"written in\"") == c.ids({"en-near", "en-cpp"}));
    CHECK(c.hits("Notep*") == c.ids({"en-notepad"}));
    CHECK(c.hits("title:泄密") == c.ids({"zh-leak"}));
    CHECK(c.hits("title:事件").empty());
    // en-cpp writes ＣＶＥ in full width, which folds to cve.
    CHECK(c.hits("source:bleeping CVE") == c.ids({"en-notepad", "en-near", "en-cpp"}));
    CHECK(c.hits("source:bleeping CVE -C++") == c.ids({"en-notepad", "en-near"}));
}

TEST_CASE("the deepest query the parser accepts still runs in FTS5", "[store]") {
    Corpus c;
    // Each level renders as ((x AND (... OR y)) NOT z): the most FTS5 parentheses per level.
    std::string q;
    for (int k = 0; k < 12; ++k) q += "(漏洞 -泄密 ";
    q += "权限";
    for (int k = 0; k < 12; ++k) q += " OR 天气)";
    auto r = c.store.search(q, {}, SortOrder::rank);
    INFO((r ? "" : r.error().message));
    REQUIRE(r.has_value());
    CHECK(r->size() == 1);
}

TEST_CASE("snippets highlight body hits with the caller's markers", "[store]") {
    Corpus c;
    auto r = c.store.search("泄密", {}, SortOrder::rank, "<b>", "</b>");
    REQUIRE(r.has_value());
    REQUIRE(r->size() == 1);
    CHECK(r->front().snippet.find("<b>泄密</b>") != std::string::npos);
    CHECK(r->front().snippet.find('\x01') == std::string::npos);
    CHECK(r->front().rank < 0);

    auto en = c.store.search("CVE-2025-59934", {}, SortOrder::rank);
    REQUIRE(en.has_value());
    REQUIRE(en->size() == 1);
    CHECK(en->front().snippet.find("[CVE-2025-59934]") != std::string::npos);
}

TEST_CASE("highlights cover exactly the matched characters", "[store]") {
    Corpus c;
    auto snippet = [&](std::string_view q) {
        auto r = c.store.search(q, {}, SortOrder::rank);
        REQUIRE(r.has_value());
        REQUIRE(r->size() == 1);
        return r->front().snippet;
    };
    CHECK(snippet("权") == "攻击者利用该漏洞获取服务器[权]限。");
    CHECK(snippet("服务器") == "攻击者利用该漏洞获取[服务器]权限。");
    CHECK(snippet("C++") == "A [C++] template library. ＣＶＥ－２０２５－１２３４ written in full width.");
    CHECK(snippet("ひらがな") == "[ひらがな]とカタカナの記事です。");
}

TEST_CASE("a title-only hit's snippet is the start of the body", "[store]") {
    Corpus c;
    std::string body;
    for (int k = 0; k < 60; ++k) body += "正文第" + std::to_string(k) + "句。\n\n";
    c.add("title-only", "独家标题词", body, "freebuf", "zh");
    auto r = c.store.search("独家", {}, SortOrder::rank);
    REQUIRE(r.has_value());
    REQUIRE(r->size() == 1);
    const std::string& s = r->front().snippet;
    CHECK(s.rfind("正文第0句。 正文第1句。", 0) == 0);
    CHECK(s.find('\n') == std::string::npos);
    CHECK(s.size() < body.size());
    CHECK(s.substr(s.size() - 3) == "…");
}

TEST_CASE("a title hit outranks a body hit", "[store]") {
    TempDir dir;
    auto store = ArticleStore::open(dir.db(), OpenMode::read_write).value();
    const auto body_hit = store.put(article("b", "周报", "本周发生了一起勒索软件攻击事件，影响较大。")).value();
    const auto title_hit = store.put(article("t", "勒索软件攻击", "本周安全周报：详见正文，影响较大。")).value();
    auto r = store.search("勒索", {}, SortOrder::rank);
    REQUIRE(r.has_value());
    REQUIRE(r->size() == 2);
    CHECK((*r)[0].article.id == title_hit);
    CHECK((*r)[1].article.id == body_hit);
}

TEST_CASE("filters select by source, language, date and page", "[store]") {
    TempDir dir;
    auto store = ArticleStore::open(dir.db(), OpenMode::read_write).value();
    auto dated = [&](const std::string& slug, const std::string& src, const std::string& lang,
                     std::optional<std::int64_t> published, std::int64_t first_seen) {
        Article a = article(slug, "安全周报 " + slug, "本周漏洞汇总", src, lang);
        if (published) a.published = DateTime{*published, 480, DateTime::Precision::second};
        a.first_seen = first_seen;
        return store.put(a).value();
    };
    const auto a = dated("a", "freebuf", "zh-CN", 1000, 5000);
    const auto b = dated("b", "anquanke", "zh", 2000, 5000);
    const auto c = dated("c", "freebuf", "en", std::nullopt, 3000);  // no date: first_seen counts
    const auto d = dated("d", "seebug", "zh", 4000, 5000);

    auto ids = [&](std::string_view q, const ArticleFilter& f, SortOrder order = SortOrder::newest) {
        std::vector<std::int64_t> out;
        const auto hits = store.search(q, f, order).value();
        for (const auto& h : hits) out.push_back(h.article.id);
        return out;
    };
    using V = std::vector<std::int64_t>;
    ArticleFilter f;
    CHECK(ids("漏洞", f) == V{d, c, b, a});
    CHECK(ids("漏洞", f, SortOrder::oldest) == V{a, b, c, d});
    f.sources = {"freebuf", "seebug"};
    CHECK(ids("漏洞", f) == V{d, c, a});
    f = {};
    f.lang = "zh";
    CHECK(ids("漏洞", f) == V{d, b, a});
    f = {};
    f.since = 2000;
    f.until = 4000;
    CHECK(ids("漏洞", f) == V{c, b});
    f = {};
    f.limit = 2;
    f.offset = 1;
    CHECK(ids("漏洞", f) == V{c, b});
    CHECK(store.count("漏洞", f).value() == 4);
    CHECK(ids("漏洞 lang:en", {}) == V{c});
    CHECK(ids("source:freebuf", {}) == V{c, a});
    f = {};
    f.sources = {"anquanke"};
    CHECK(ids("漏洞 source:freebuf", f).empty());
    CHECK(store.count("", f).value() == 1);
}

TEST_CASE("tag: filters need every listed tag, case-insensitively", "[store]") {
    TempDir dir;
    auto store = ArticleStore::open(dir.db(), OpenMode::read_write).value();
    Article one = article("one", "周报", "漏洞");
    one.tags = {"APT", "ransomware"};
    Article two = article("two", "周报", "漏洞");
    two.tags = {"apt"};
    const auto id_one = store.put(one).value();
    const auto id_two = store.put(two).value();
    CHECK(store.count("漏洞 tag:apt", {}).value() == 2);
    auto r = store.search("tag:apt tag:Ransomware", {}, SortOrder::rank).value();
    REQUIRE(r.size() == 1);
    CHECK(r[0].article.id == id_one);
    CHECK(id_two != id_one);
}

TEST_CASE("for_each streams matching articles newest first and stops when asked", "[store]") {
    TempDir dir;
    auto store = ArticleStore::open(dir.db(), OpenMode::read_write).value();
    REQUIRE(store.begin().has_value());
    for (int k = 0; k < 50; ++k) {
        Article a = article("s" + std::to_string(k), "标题", k % 2 == 0 ? "偶数漏洞" : "奇数文章");
        a.published = DateTime{1700000000 + (k * 7919 % 50) * 3600, 0, DateTime::Precision::second};
        REQUIRE(store.put(a).has_value());
    }
    REQUIRE(store.commit().has_value());

    std::vector<std::int64_t> times;
    auto all = store.for_each("", {}, [&](const Article& a) {
        times.push_back(a.published->seconds);
        return true;
    });
    REQUIRE(all.has_value());
    CHECK(times.size() == 50);
    CHECK(std::is_sorted(times.rbegin(), times.rend()));

    int seen = 0;
    REQUIRE(store.for_each("漏洞", {}, [&](const Article& a) {
                     CHECK(a.text == "偶数漏洞");
                     return ++seen < 10;
                 }).has_value());
    CHECK(seen == 10);
    CHECK_FALSE(store.for_each("AND AND", {}, [](const Article&) { return true; }).has_value());
}

TEST_CASE("count with an empty query counts every article; search with one is an error", "[store]") {
    Corpus c;
    CHECK(c.store.count("", {}).value() == static_cast<std::int64_t>(c.articles.size()));
    auto r = c.store.search("  ", {}, SortOrder::rank);
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().message == "search: empty query");
}

TEST_CASE("stats count articles per source and language", "[store]") {
    Corpus c;
    Article dated = article("dated", "t", "b", "freebuf", "zh");
    dated.published = DateTime{1600000000, 0, DateTime::Precision::second};
    c.add("dated2", "t", "b", "freebuf", "zh");  // no date
    REQUIRE(c.store.put(dated).has_value());
    REQUIRE(c.store.upsert_source("freebuf", "FreeBuf", "https://www.freebuf.com/", "zh").has_value());
    REQUIRE(c.store.upsert_source("freebuf", "FreeBuf 安全", "https://www.freebuf.com/", "zh").has_value());
    REQUIRE(c.store.begin_run("crawl").has_value());
    auto s = c.store.stats();
    REQUIRE(s.has_value());
    CHECK(s->articles == 13);
    REQUIRE_FALSE(s->by_source.empty());
    CHECK(s->by_source.front() == dossier::store::KeyCount{"freebuf", 6});
    CHECK(std::find(s->by_lang.begin(), s->by_lang.end(), dossier::store::KeyCount{"ko", 1}) != s->by_lang.end());
    CHECK(s->oldest_published == 1600000000);
    CHECK(s->newest_published == 1600000000);
    CHECK(s->sources == 1);
    CHECK(s->runs == 1);
    CHECK(s->db_size_bytes > 0);
    CHECK(s->schema_version == dossier::store::latest_schema_version());
}
