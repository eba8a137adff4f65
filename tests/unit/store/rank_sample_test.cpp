// The phrases of a MATCH expression and their document frequencies sampled on the newest
// articles (src/store/rank_sample.hpp).
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "../../../src/store/rank_sample.hpp"
#include "dossier/store/article_store.hpp"
#include "dossier/store/query.hpp"
#include "rank_test_db.hpp"
#include "temp_archive.hpp"

using dossier::core::Article;
using dossier::core::DateTime;
using dossier::store::ArticleStore;
using dossier::store::OpenMode;
using dossier::store::detail::k_idf_sample_hits;
using dossier::store::detail::match_phrases;
using dossier::store::detail::phrase_spans;
using dossier::store::detail::PhraseSample;
using dossier::store::test::article;
using dossier::store::test::RankTestDb;
using dossier::store::test::TempDir;
using V = std::vector<std::string>;

TEST_CASE("the phrases of a MATCH expression come out in FTS5's order with their column and star", "[store]") {
    // as parse_query writes them: a doubled quote inside a string, a column filter, a star
    const std::string match = "(((\"a\" OR title : \"say \"\"hi\") AND \"vuln\"*) NOT body : \"x\")";
    CHECK(match_phrases(dossier::store::to_match_expression("(a OR title:hi) vuln* -body:x").value()) ==
          V{"\"a\"", "title : \"hi\"", "\"vuln\"*", "body : \"x\""});
    CHECK(match_phrases(match) == V{"\"a\"", "title : \"say \"\"hi\"", "\"vuln\"*", "body : \"x\""});
    const auto spans = phrase_spans(match);
    REQUIRE(spans.size() == 4);
    CHECK(spans[1].column == "title");
    CHECK(spans[1].text == "say \"hi");
    CHECK_FALSE(spans[1].prefix);
    CHECK(spans[2].prefix);
    CHECK(spans[2].text == "vuln");
    CHECK(spans[3].column == "body");
    for (const auto& s : spans) CHECK(match.substr(s.begin, s.end - s.begin).find('"') != std::string::npos);
    CHECK(match_phrases("").empty());
}

TEST_CASE("a phrase with many matches is sampled on the newest articles that hold the first of them", "[store]") {
    TempDir dir;
    auto store = ArticleStore::open(dir.db(), OpenMode::read_write).value();
    constexpr int k_articles = 1500;
    REQUIRE(store.begin().has_value());
    for (int k = 0; k < k_articles; ++k) {
        // every article: "everywhere"; every third: "third"; the newest 100 of every other: "recent"
        std::string body = "everywhere";
        if (k % 3 == 0) body += " third";
        if (k >= k_articles - 200 && k % 2 == 0) body += " recent";
        Article a = article("s" + std::to_string(k), "t", body, "src", "en");
        a.published = DateTime{1700000000 + k * 60, 0, DateTime::Precision::second};
        REQUIRE(store.put(a).has_value());
    }
    REQUIRE(store.commit().has_value());
    RankTestDb raw(dir.db());
    const auto samples =
        dossier::store::detail::sample_phrases(raw.get(), "(\"everywhere\" AND \"third\" AND \"recent\" AND \"none\")");
    REQUIRE(samples.has_value());
    REQUIRE(samples->size() == 4);
    // more than k_idf_sample_hits matches: the newest k_idf_sample_hits, and the articles they span
    CHECK((*samples)[0].hits == k_idf_sample_hits);
    CHECK((*samples)[0].articles == k_idf_sample_hits);
    // fewer: counted over the whole sample, here the whole archive (under k_idf_sample_articles)
    CHECK((*samples)[1].hits == k_articles / 3);
    CHECK((*samples)[1].articles == k_articles);
    CHECK((*samples)[2].hits == 100);
    CHECK((*samples)[2].articles == k_articles);
    CHECK((*samples)[3].hits == 0);
    // exhaustive counts everything
    const auto counts = dossier::store::detail::count_phrases(raw.get(), "(\"everywhere\" AND \"third\")");
    REQUIRE(counts.has_value());
    CHECK(*counts == std::vector<std::int64_t>{k_articles, k_articles / 3});
}
