// Prefix phrases as an OR of their index terms (src/store/rank_prefix.hpp): the same matches
// as FTS5's own prefix query, on read-write and read-only stores.
#include <catch2/catch.hpp>

#include <string>
#include <utility>
#include <vector>

#include "../../../src/store/rank_prefix.hpp"
#include "dossier/store/article_store.hpp"
#include "dossier/store/query.hpp"
#include "rank_test_db.hpp"
#include "temp_archive.hpp"

using dossier::store::ArticleStore;
using dossier::store::OpenMode;
using dossier::store::SortOrder;
using dossier::store::detail::expand_prefixes;
using dossier::store::detail::k_max_prefix_terms;
using dossier::store::detail::prefix_terms;
using dossier::store::test::article;
using dossier::store::test::RankTestDb;
using dossier::store::test::TempDir;
using V = std::vector<std::string>;

namespace {

struct PrefixArchive {
    TempDir dir;
    ArticleStore store{ArticleStore::open(dir.db(), OpenMode::read_write).value()};

    PrefixArchive() {
        REQUIRE(store.begin().has_value());
        // "exploit" in 40 articles: more instances than one walk steps through
        for (int k = 0; k < 40; ++k) add("e" + std::to_string(k), "weekly", "an exploit was used");
        add("ed", "Exploited", "the flaw was exploited; remote exploitation followed");
        add("x", "bang", "it could explode");
        add("ip", "addresses", "traffic from 192.168.1.1 and port 192");
        for (std::size_t k = 0; k <= k_max_prefix_terms; ++k)
            add("z" + std::to_string(k), "many", "zq" + std::to_string(k));
        // 30 + 30 + 5 terms: more than one query may look up (k_max_expanded_terms)
        for (const auto& [prefix, n] : {std::pair{"ya", 30}, std::pair{"yb", 30}, std::pair{"yd", 5}})
            for (int k = 0; k < n; ++k) add(prefix + std::to_string(k), "budget", prefix + std::to_string(k) + "x");
        REQUIRE(store.commit().has_value());
    }
    void add(const std::string& slug, const std::string& title, const std::string& body) {
        REQUIRE(store.put(article(slug, title, body, "src", "en")).has_value());
    }
};

std::string expanded(sqlite3* db, const std::string& user_query) {
    auto r = expand_prefixes(db, dossier::store::to_match_expression(user_query).value());
    INFO((r ? "" : r.error().message));
    REQUIRE(r.has_value());
    return *r;
}

}  // namespace

TEST_CASE("a prefix becomes the OR of the index terms that start with it", "[store]") {
    PrefixArchive a;
    RankTestDb raw(a.dir.db());
    const auto terms = prefix_terms(raw.get(), "explo");
    REQUIRE(terms.has_value());
    REQUIRE(terms->has_value());
    CHECK(**terms == V{"explode", "exploit", "exploitation", "exploited"});
    CHECK(expanded(raw.get(), "explo*") == "(\"explode\" OR \"exploit\" OR \"exploitation\" OR \"exploited\")");
    CHECK(expanded(raw.get(), "title:exploi* bang") ==
          "((title : \"exploit\" OR title : \"exploitation\" OR title : \"exploited\") AND \"bang\")");
    CHECK(expanded(raw.get(), "exploitation*") == "(\"exploitation\")");
    // kept as they are: a prefix of more than k_max_prefix_terms terms, a term that is not a
    // query of itself (the address is also its parts), a prefix that ends a longer phrase,
    // and a prefix of no term at all
    CHECK_FALSE(prefix_terms(raw.get(), "zq").value().has_value());
    for (const char* q : {"zq*", "192*", "\"remote explo\"*", "nothing*"})
        CHECK(expanded(raw.get(), q) == dossier::store::to_match_expression(q).value());
    // the first two prefixes take 60 of the query's 64 terms; the third has 5, so it stays
    static_assert(dossier::store::detail::k_max_expanded_terms == 64);
    const std::string budget = expanded(raw.get(), "ya* OR yb* OR yd*");
    CHECK(budget.find("\"ya29x\"") != std::string::npos);
    CHECK(budget.find("\"yb29x\"") != std::string::npos);
    CHECK(budget.find("\"yd\"*") != std::string::npos);
    CHECK(expanded(raw.get(), "yd*").find("\"yd4x\"") != std::string::npos);
}

TEST_CASE("a prefix query finds what FTS5's prefix query finds, on a read-only store too", "[store]") {
    PrefixArchive a;
    RankTestDb raw(a.dir.db());
    auto reader = ArticleStore::open(a.dir.db(), OpenMode::read_only).value();
    CHECK(reader.count("explo*", {}).value() == 42);
    for (const char* q : {"explo*", "title:exploi*", "exploit* -explode", "192*", "zq*", "\"remote explo\"*",
                          "nothing*", "ex* OR bang", "ya* OR yb* OR yd*"}) {
        INFO(q);
        const auto fts5 = raw.rows("SELECT count(*), 0 FROM articles_fts WHERE articles_fts MATCH ?1",
                                   dossier::store::to_match_expression(q).value());
        const std::int64_t expected = fts5.at(0).first;
        for (ArticleStore* s : {&a.store, &reader}) {
            CHECK(s->count(q, {}).value() == expected);
            for (const SortOrder order : {SortOrder::newest, SortOrder::rank}) {
                auto hits = s->search(q, {}, order);
                INFO((hits ? "" : hits.error().message));
                REQUIRE(hits.has_value());
                CHECK(static_cast<std::int64_t>(hits->size()) == expected);
            }
        }
    }
}
