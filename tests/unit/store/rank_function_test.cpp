// The rank of SortOrder::rank (docs/search.md, "Ranking"): dossier_rank scores as FTS5's
// bm25(10.0, 1.0) does, with each phrase's document frequency sampled on the newest articles
// (exact when the sample is the whole archive), and each page row gets its snippet.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "dossier/store/article_store.hpp"
#include "dossier/store/query.hpp"
#include "rank_test_db.hpp"
#include "temp_archive.hpp"

using dossier::core::Article;
using dossier::core::DateTime;
using dossier::store::ArticleFilter;
using dossier::store::ArticleStore;
using dossier::store::OpenMode;
using dossier::store::SearchHit;
using dossier::store::SortOrder;
using dossier::store::test::article;
using dossier::store::test::RankTestDb;
using dossier::store::test::TempDir;

namespace {

std::int64_t put_at(ArticleStore& store, const std::string& slug, const std::string& title, const std::string& body,
                    std::int64_t published, const std::string& lang = "en") {
    Article a = article(slug, title, body, "testsrc", lang);
    a.published = DateTime{published, 0, DateTime::Precision::second};
    auto id = store.put(a);
    INFO((id ? "" : id.error().message));
    REQUIRE(id.has_value());
    return *id;
}

std::vector<SearchHit> ranked(ArticleStore& store, const std::string& q, ArticleFilter f = {}) {
    auto hits = store.search(q, f, SortOrder::rank, "[", "]");
    INFO(q << ": " << (hits ? "" : hits.error().message));
    REQUIRE(hits.has_value());
    return *hits;
}

std::vector<std::int64_t> ids_of(const std::vector<SearchHit>& hits) {
    std::vector<std::int64_t> out;
    for (const auto& h : hits) out.push_back(h.article.id);
    return out;
}

std::size_t position(const std::vector<std::int64_t>& ids, std::int64_t id) {
    const auto it = std::find(ids.begin(), ids.end(), id);
    REQUIRE(it != ids.end());
    return static_cast<std::size_t>(it - ids.begin());
}

/// `n` copies of "word ", for bodies of controlled length and term frequency.
std::string words(const std::string& word, int n) {
    std::string out;
    for (int k = 0; k < n; ++k) out += word + " ";
    return out;
}

struct MixedArchive {
    TempDir dir;
    ArticleStore store{ArticleStore::open(dir.db(), OpenMode::read_write).value()};

    MixedArchive() {
        std::int64_t t = 1700000000;
        put_at(store, "a", "Ransomware gang hits hospital",
               "The ransomware attack on the healthcare provider encrypted records. Ransomware negotiators asked for "
               "bitcoin.",
               t++);
        put_at(store, "b", "Weekly notes", "ransomware and extortion were discussed, along with patch news.", t++);
        put_at(store, "c", "Extortion crew leaks data", "An extortion group leaked healthcare data without ransomware.",
               t++);
        put_at(store, "d", "Patch Tuesday", "A patch for an exploited flaw; no ransomware this time. Patch now.", t++);
        put_at(store, "e", "Bitcoin mixer seized", "Police seized a bitcoin mixer used by a ransomware affiliate.",
               t++);
        put_at(store, "f", "勒索软件攻击医院", "某医院遭勒索软件攻击，攻击者索要比特币。", t++, "zh");
        put_at(store, "g", "安全周报", "本周勒索事件较少，漏洞利用增多，攻击者利用漏洞。", t++, "zh");
        put_at(store, "h", "漏洞预警", "厂商发布补丁修复远程代码执行漏洞，建议尽快更新。", t++, "zh");
        put_at(store, "i", "Remote code execution in router",
               "A remote code execution flaw lets attackers run code remotely. Remote code paths.", t++);
        put_at(store, "j", "Long report", words("filler", 80) + "ransomware " + words("filler", 80), t++);
        put_at(store, "k", "ransomware ransomware", "ransomware", t++);
        put_at(store, "l", "Healthcare ransomware attack wave", "Another ransomware attack on healthcare; it spread.",
               t++);
    }
};

}  // namespace

TEST_CASE("ranked hits score as FTS5's bm25(10, 1) when the IDF sample is the whole archive", "[store]") {
    MixedArchive m;
    RankTestDb raw(m.dir.db());
    for (const char* q : {"ransomware", "\"ransomware attack\"", "ransomware healthcare", "ransomware OR extortion",
                          "ransomware -bitcoin", "title:ransomware", "勒索软件", "勒索 攻击", "\"remote code\" execution",
                          "攻击 OR 漏洞", "healthcare OR (patch -bitcoin)"}) {
        INFO(q);
        const auto match = dossier::store::to_match_expression(q).value();
        std::map<std::int64_t, double> bm25;
        for (const auto& [id, score] :
             raw.rows("SELECT a.id, bm25(articles_fts, 10.0, 1.0) FROM articles_fts CROSS JOIN articles AS a "
                      "ON a.sort_key = articles_fts.rowid WHERE articles_fts MATCH ?1",
                      match))
            bm25[id] = score;
        REQUIRE_FALSE(bm25.empty());
        for (const bool exhaustive : {false, true}) {
            ArticleFilter f;
            f.exhaustive = exhaustive;
            const auto hits = ranked(m.store, q, f);
            CHECK(hits.size() == bm25.size());
            for (std::size_t k = 0; k < hits.size(); ++k) {
                REQUIRE(bm25.count(hits[k].article.id) == 1);
                CHECK(hits[k].rank == Approx(bm25[hits[k].article.id]).epsilon(1e-12));
                if (k > 0) CHECK(hits[k - 1].rank <= hits[k].rank);
            }
        }
    }
}

TEST_CASE("dossier_rank takes a phrase's IDF, or its number of matches, or counts them itself", "[store]") {
    MixedArchive m;
    RankTestDb raw(m.dir.db());
    const std::string from = " FROM articles_fts WHERE articles_fts MATCH ?1 ORDER BY rowid";
    const auto bm25 = raw.rows("SELECT rowid, bm25(articles_fts, 10.0, 1.0)" + from, "ransomware");
    const auto matches = static_cast<std::int64_t>(bm25.size());
    REQUIRE(matches == 8);
    // counted by the function (NULL or no argument), or given as an INTEGER: bm25 exactly
    CHECK(raw.rows("SELECT rowid, dossier_rank(articles_fts)" + from, "ransomware") == bm25);
    CHECK(raw.rows("SELECT rowid, dossier_rank(articles_fts, NULL)" + from, "ransomware") == bm25);
    CHECK(raw.rows("SELECT rowid, dossier_rank(articles_fts, " + std::to_string(matches) + ")" + from, "ransomware") ==
          bm25);
    // a REAL is the IDF itself: scores scale with it
    const auto one = raw.rows("SELECT rowid, dossier_rank(articles_fts, 1.0)" + from, "ransomware");
    const auto two = raw.rows("SELECT rowid, dossier_rank(articles_fts, 2.0)" + from, "ransomware");
    REQUIRE(one.size() == bm25.size());
    REQUIRE(two.size() == bm25.size());
    for (std::size_t k = 0; k < one.size(); ++k) {
        CHECK(one[k].second < 0);
        CHECK(two[k].second == Approx(2 * one[k].second).epsilon(1e-12));
        CHECK(one[k].second / bm25[k].second == Approx(one[0].second / bm25[0].second).epsilon(1e-12));
    }
}

TEST_CASE("rank puts a title hit over a body hit, more hits over fewer, and a rarer term over a common one",
          "[store]") {
    TempDir dir;
    auto store = ArticleStore::open(dir.db(), OpenMode::read_write).value();
    std::int64_t t = 1700000000;
    for (int k = 0; k < 8; ++k)
        put_at(store, "filler" + std::to_string(k), "notes", "patch " + words("filler", 5), t++);
    // equal lengths (title 1 token, body 6 tokens), so only the hits differ
    const auto rare_twice = put_at(store, "rare2", "alpha", "wiper wiper patch filler filler filler", t++);
    const auto common_twice = put_at(store, "common2", "beta", "patch patch wiper filler filler filler", t++);
    const auto in_title = put_at(store, "title", "trojan", "filler filler filler filler filler filler", t++);
    const auto in_body = put_at(store, "body", "gamma", "trojan filler filler filler filler filler", t++);
    const auto three = put_at(store, "three", "delta", "stealer stealer stealer filler filler filler", t++);
    const auto one = put_at(store, "one", "epsilon", "stealer filler filler filler filler filler", t++);

    const auto both = ids_of(ranked(store, "wiper patch"));
    CHECK(position(both, rare_twice) < position(both, common_twice));
    CHECK(ids_of(ranked(store, "trojan")) == std::vector<std::int64_t>{in_title, in_body});
    CHECK(ids_of(ranked(store, "stealer")) == std::vector<std::int64_t>{three, one});
    // ties go to the newer article
    const auto tied = ids_of(ranked(store, "title:notes"));
    REQUIRE(tied.size() == 8);
    CHECK(std::is_sorted(tied.begin(), tied.end(), [](std::int64_t a, std::int64_t b) { return a > b; }));
}

TEST_CASE("every hit of every ranked page has the snippet newest-first search makes for it", "[store]") {
    TempDir dir;
    auto store = ArticleStore::open(dir.db(), OpenMode::read_write).value();
    for (int k = 0; k < 40; ++k)
        put_at(store, "p" + std::to_string(k), "report " + std::to_string(k),
               words("filler", k % 7) + words("ransomware", 1 + k % 5) + words("filler", 30 - k % 11),
               1700000000 + k * 60);
    std::map<std::int64_t, std::string> expected;
    const auto newest = store.search("ransomware", {}, SortOrder::newest, "[", "]").value();
    for (const auto& h : newest) expected[h.article.id] = h.snippet;
    REQUIRE(expected.size() == 40);
    std::size_t seen = 0;
    for (std::int64_t offset = 0; offset < 40; offset += 7) {
        ArticleFilter f;
        f.limit = 7;
        f.offset = offset;
        for (const auto& h : ranked(store, "ransomware", f)) {
            CHECK(h.snippet.find("[ransomware]") != std::string::npos);
            CHECK(h.snippet == expected[h.article.id]);
            ++seen;
        }
    }
    CHECK(seen == 40);
}

TEST_CASE("a ranked page gets its snippets even when every row improves on the one before", "[store]") {
    // Rows are scored newest first; here each older article scores better, so each one enters
    // the running first place and dossier_top stops reporting after 10 * 1 + 200 rows: the
    // best row's snippet must then come from a lookup.
    TempDir dir;
    auto store = ArticleStore::open(dir.db(), OpenMode::read_write).value();
    REQUIRE(store.begin().has_value());
    std::int64_t best = 0;
    for (int k = 0; k < 260; ++k) {
        const int hits = 260 - k;  // the oldest has the most
        const auto id = put_at(store, "r" + std::to_string(k), "report",
                               words("wiper", hits) + words("filler", 300 - hits), 1700000000 + k * 60);
        if (k == 0) best = id;
    }
    REQUIRE(store.commit().has_value());
    ArticleFilter f;
    f.limit = 1;
    const auto hits = ranked(store, "wiper", f);
    REQUIRE(hits.size() == 1);
    CHECK(hits[0].article.id == best);
    CHECK(hits[0].snippet.find("[wiper]") != std::string::npos);
}
