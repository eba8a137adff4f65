// The exactness contract of search (docs/search.md, "Tokenizer"): over the fixture archive
// tests/fixtures/search/articles.jsonl, each query of queries.jsonl finds exactly the articles
// listed for it: every article that contains the term as written, and no other.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "dossier/core/date_time.hpp"
#include "dossier/store/article_store.hpp"
#include "dossier/text/unicode.hpp"
#include "temp_archive.hpp"

using dossier::core::Article;
using dossier::store::ArticleFilter;
using dossier::store::ArticleStore;
using dossier::store::OpenMode;
using dossier::store::SortOrder;
using dossier::store::test::TempDir;
using nlohmann::json;

namespace {

const std::string k_dir = std::string(DOSSIER_FIXTURES) + "/search/";

std::vector<json> read_jsonl(const std::string& path) {
    std::ifstream in(path);
    REQUIRE(in.good());
    std::vector<json> out;
    for (std::string line; std::getline(in, line);)
        if (!line.empty()) out.push_back(json::parse(line));
    return out;
}

struct Query {
    std::string text, why;
    std::set<std::string> expect;
};

std::vector<Query> queries() {
    std::vector<Query> out;
    for (const auto& j : read_jsonl(k_dir + "queries.jsonl")) {
        Query q{j.at("query").get<std::string>(), j.at("why").get<std::string>(), {}};
        for (const auto& key : j.at("expect")) q.expect.insert(key.get<std::string>());
        out.push_back(std::move(q));
    }
    return out;
}

/// The fixture articles in a real archive, each known by its key.
struct FixtureArchive {
    TempDir dir;
    ArticleStore store;
    std::map<std::string, Article> by_key;
    std::map<std::int64_t, std::string> key_of;

    FixtureArchive() : store(ArticleStore::open(dir.db(), OpenMode::read_write).value()) {
        REQUIRE(store.begin().has_value());
        for (const auto& j : read_jsonl(k_dir + "articles.jsonl")) {
            const auto key = j.at("key").get<std::string>();
            Article a = dossier::store::test::article(key, j.at("title"), j.at("body"), j.at("source"), j.at("lang"));
            a.published = dossier::core::parse_iso8601(j.at("published").get<std::string>());
            REQUIRE(a.published.has_value());
            a.id = store.put(a).value();
            REQUIRE(key_of.emplace(a.id, key).second);
            REQUIRE(by_key.emplace(key, a).second);
        }
        REQUIRE(store.commit().has_value());
    }

    std::set<std::string> hits(const std::string& query, SortOrder order) {
        auto r = store.search(query, ArticleFilter{}, order);
        INFO((r ? std::string() : r.error().message));
        REQUIRE(r.has_value());
        std::set<std::string> keys;
        for (const auto& h : *r) keys.insert(key_of.at(h.article.id));
        return keys;
    }

    std::string snippet(const std::string& query, const std::string& key) {
        auto r = store.search(query, ArticleFilter{}, SortOrder::rank);
        REQUIRE(r.has_value());
        for (const auto& h : *r)
            if (key_of.at(h.article.id) == key) return h.snippet;
        FAIL("no hit " << key << " for " << query);
        return {};
    }
};

/// `s` folded one character at a time, as the tokenizer folds it (case, width).
std::string folded(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size();) {
        const char32_t c = dossier::text::fold(dossier::text::next_codepoint(s, i));
        if (c != 0) dossier::text::append_utf8(out, c);
    }
    return out;
}

bool all_cjk(std::string_view s) {
    for (std::size_t i = 0; i < s.size();)
        if (!dossier::text::is_cjk(dossier::text::fold(dossier::text::next_codepoint(s, i)))) return false;
    return !s.empty();
}

}  // namespace

TEST_CASE("every fixture query finds exactly the articles that contain its term", "[store]") {
    FixtureArchive archive;
    const auto table = queries();
    REQUIRE(table.size() >= 60);
    for (const auto& q : table) {
        INFO("query: " << q.text << " (" << q.why << ")");
        for (const auto& key : q.expect) REQUIRE(archive.by_key.count(key) == 1);
        CHECK(archive.hits(q.text, SortOrder::rank) == q.expect);
        CHECK(archive.hits(q.text, SortOrder::newest) == q.expect);
        auto n = archive.store.count(q.text, ArticleFilter{});
        REQUIRE(n.has_value());
        CHECK(*n == static_cast<std::int64_t>(q.expect.size()));
    }
}

TEST_CASE("the expected set of a CJK query is every article whose folded text contains it", "[store]") {
    // Guards the hand-written table: for a term of CJK characters only, "contains as written"
    // is plain substring search over folded text.
    FixtureArchive archive;
    int checked = 0;
    for (const auto& q : queries()) {
        if (!all_cjk(q.text)) continue;
        INFO("query: " << q.text);
        const std::string needle = folded(q.text);
        std::set<std::string> containing;
        for (const auto& [key, a] : archive.by_key)
            if (folded(a.title).find(needle) != std::string::npos || folded(a.text).find(needle) != std::string::npos)
                containing.insert(key);
        CHECK(q.expect == containing);
        ++checked;
    }
    CHECK(checked >= 15);
}

TEST_CASE("a hit is marked exactly where the term is written", "[store]") {
    FixtureArchive archive;
    CHECK(archive.snippet("192.168.1.1", "ip-exact") == "The implant beacons to [192.168.1.1] every minute.");
    CHECK(archive.snippet("192", "ip-exact") == "The implant beacons to [192].168.1.1 every minute.");
    CHECK(archive.snippet("CVE-2025-59934", "cve-exact") ==
          "The advisory for [CVE-2025-59934] describes a heap overflow in the parser.");
    CHECK(archive.snippet(".NET", "dotnet") == "Microsoft shipped [.NET] 9 with a faster JIT.");
    CHECK(archive.snippet("ASP.NET", "aspnet") == "An [ASP.NET] Core update fixes request smuggling.");
    CHECK(archive.snippet("C++", "zh-cpp") == "用[C++]写的工具存在漏洞。");
    CHECK(archive.snippet("中文English", "zh-mixed") == "[中文English]混排测试。");
    CHECK(archive.snippet("洞CVE", "cve-glued") == "攻击者利用漏[洞CVE]-2025-59934获取权限。");
    CHECK(archive.snippet("192.168.1.1", "ip-fullwidth") == "攻击者扫描了地址[１９２．１６８．１．１]的主机。");
}
