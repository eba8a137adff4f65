// The time-ordered index (migration 5): newest-first pages, the rank window, the CVE facet,
// and the upgrade of a schema-4 archive.
#include <catch2/catch.hpp>
#include <sqlite3.h>

#include <string>
#include <vector>

#include "dossier/store/article_store.hpp"
#include "dossier/store/search_tokenizer.hpp"
#include "temp_archive.hpp"

using dossier::core::Article;
using dossier::core::DateTime;
using dossier::store::ArticleFilter;
using dossier::store::ArticleStore;
using dossier::store::OpenMode;
using dossier::store::SortOrder;
using dossier::store::test::article;
using dossier::store::test::raw_exec;
using dossier::store::test::TempDir;
using V = std::vector<std::int64_t>;

namespace {

std::int64_t put_at(ArticleStore& store, const std::string& slug, const std::string& title, const std::string& body,
                    std::int64_t published, const std::string& source = "testsrc") {
    Article a = article(slug, title, body, source, "en");
    a.published = DateTime{published, 0, DateTime::Precision::second};
    auto id = store.put(a);
    INFO((id ? "" : id.error().message));
    REQUIRE(id.has_value());
    return *id;
}

V ids_of(ArticleStore& store, std::string_view q, const ArticleFilter& f, SortOrder order) {
    auto hits = store.search(q, f, order);
    INFO(q << ": " << (hits ? "" : hits.error().message));
    REQUIRE(hits.has_value());
    V out;
    for (const auto& h : *hits) out.push_back(h.article.id);
    return out;
}

}  // namespace

TEST_CASE("pages come in time order whatever order the articles arrived in", "[store]") {
    TempDir dir;
    auto store = ArticleStore::open(dir.db(), OpenMode::read_write).value();
    // ids ascend 1..5, times do not; two share a second (then the lower id is older)
    const auto a = put_at(store, "a", "patch notes", "ransomware patch", 3000);
    const auto b = put_at(store, "b", "patch notes", "ransomware patch", 1000);
    const auto c = put_at(store, "c", "patch notes", "ransomware patch", 5000);
    const auto d = put_at(store, "d", "patch notes", "ransomware patch", 1000);
    const auto e = put_at(store, "e", "patch notes", "ransomware patch", -86400);  // 1969: before the epoch
    ArticleFilter f;
    CHECK(ids_of(store, "ransomware", f, SortOrder::newest) == V{c, a, d, b, e});
    CHECK(ids_of(store, "ransomware", f, SortOrder::oldest) == V{e, b, d, a, c});
    CHECK(ids_of(store, "source:testsrc", f, SortOrder::newest) == V{c, a, d, b, e});
    f.limit = 2;
    f.offset = 1;
    CHECK(ids_of(store, "ransomware", f, SortOrder::newest) == V{a, d});
    // since is inclusive and until exclusive, to the second, on both paths
    f = {};
    f.since = 1000;
    f.until = 3000;
    CHECK(ids_of(store, "ransomware", f, SortOrder::newest) == V{d, b});
    CHECK(ids_of(store, "source:testsrc", f, SortOrder::newest) == V{d, b});
    CHECK(store.count("ransomware", f).value() == 2);
    f = {};
    f.until = 0;
    CHECK(ids_of(store, "ransomware", f, SortOrder::newest) == V{e});
}

TEST_CASE("rank orders the newest rank_window matches; exhaustive ranks them all", "[store]") {
    TempDir dir;
    auto store = ArticleStore::open(dir.db(), OpenMode::read_write).value();
    // the best match (term in the title) is the oldest article
    const auto best = put_at(store, "best", "ransomware gang", "the ransomware gang struck", 1000);
    const auto mid = put_at(store, "mid", "weekly notes", "ransomware and other news", 2000);
    const auto newer = put_at(store, "newer", "weekly notes", "ransomware again", 3000);
    const auto newest = put_at(store, "newest", "weekly notes", "ransomware once more", 4000);
    ArticleFilter f;
    CHECK(ids_of(store, "ransomware", f, SortOrder::rank).front() == best);
    f.rank_window = 3;
    const auto windowed = ids_of(store, "ransomware", f, SortOrder::rank);
    CHECK(windowed.size() == 3);
    CHECK(std::find(windowed.begin(), windowed.end(), best) == windowed.end());
    CHECK(std::find(windowed.begin(), windowed.end(), mid) != windowed.end());
    f.exhaustive = true;
    CHECK(ids_of(store, "ransomware", f, SortOrder::rank) == ids_of(store, "ransomware", {}, SortOrder::rank));
    CHECK(ids_of(store, "ransomware", f, SortOrder::rank).size() == 4);
    (void)newer;
    (void)newest;
}


TEST_CASE("a filtered rank window reads at most 3 x rank_window matches when that fills the page", "[store]") {
    TempDir dir;
    auto store = ArticleStore::open(dir.db(), OpenMode::read_write).value();
    auto put_lang = [&](const std::string& slug, const std::string& body, std::int64_t t, const std::string& lang) {
        Article a = article(slug, "notes", body, "testsrc", lang);
        a.published = DateTime{t, 0, DateTime::Precision::second};
        return store.put(a).value();
    };
    // newest first, the matches of "wiper": en x3, zh_new, en x2 | en x2, zh_best (best score)
    const auto zh_best = put_lang("zh-best", "wiper wiper wiper wiper", 1000, "zh");
    for (int k = 0; k < 4; ++k) put_lang("en-old" + std::to_string(k), "wiper once", 2000 + k, "en");
    const auto zh_new = put_lang("zh-new", "wiper once", 3000, "zh");
    for (int k = 0; k < 3; ++k) put_lang("en-new" + std::to_string(k), "wiper once", 4000 + k, "en");
    ArticleFilter f;
    f.rank_window = 2;  // so the filter may examine the newest 6 matches of the terms
    f.limit = 1;
    // the 6 newest matches hold one zh article, which fills the page of 1
    CHECK(ids_of(store, "wiper lang:zh", f, SortOrder::rank) == V{zh_new});
    // a page they cannot fill is filled from the whole window instead
    f.limit = 2;
    CHECK(ids_of(store, "wiper lang:zh", f, SortOrder::rank) == V{zh_best, zh_new});
    f.limit = 1;
    f.exhaustive = true;
    CHECK(ids_of(store, "wiper lang:zh", f, SortOrder::rank) == V{zh_best});
    // without a per-match filter the window is the newest 2 matches, whatever their language
    f = {};
    f.rank_window = 2;
    CHECK(ids_of(store, "wiper", f, SortOrder::rank).size() == 2);
}
TEST_CASE("CVE ids are stored per article and counted with the earliest report", "[store]") {
    TempDir dir;
    auto store = ArticleStore::open(dir.db(), OpenMode::read_write).value();
    const auto late = put_at(store, "late", "CVE-2025-59934 exploited", "cve-2025-59934 and CVE-2024-3094", 5000, "thn");
    const auto early = put_at(store, "early", "Notepad++ flaw", "Tracked as CVE-2025-59934.", 1000, "freebuf");
    put_at(store, "none", "no ids", "CVE-2025-5993x is not an id", 3000);
    CHECK(store.article_cves(late).value() == std::vector<std::string>{"CVE-2024-3094", "CVE-2025-59934"});
    CHECK(store.article_cves(early).value() == std::vector<std::string>{"CVE-2025-59934"});
    const auto all = store.cve_counts(std::nullopt, -1).value();
    REQUIRE(all.size() == 2);
    CHECK(all[0].cve == "CVE-2025-59934");
    CHECK(all[0].articles == 2);
    CHECK(all[0].first_time == 1000);
    CHECK(all[0].first_article == early);
    CHECK(all[0].first_source == "freebuf");
    CHECK(all[1].cve == "CVE-2024-3094");
    CHECK(all[1].articles == 1);
    const auto recent = store.cve_counts(2000, -1).value();
    REQUIRE(recent.size() == 2);
    CHECK(recent[0].articles == 1);  // only the late article counts since 2000
    CHECK(recent[0].first_article == late);
    CHECK(store.cve_counts(std::nullopt, 1).value().size() == 1);
}

TEST_CASE("a schema-4 archive gains sort keys, a time-ordered index and its CVE rows", "[store]") {
    TempDir dir;
    REQUIRE(dossier::store::create_archive_at_version(dir.db(), 4).has_value());
    // article rows as a schema-4 dossier wrote them (a plain connection has no "dossier"
    // tokenizer to index them with, and migration 5 rebuilds the index from the rows anyway)
    raw_exec(dir.db(),
         "INSERT INTO articles (id, url, title, body, published_at, first_seen) VALUES "
         "(1, 'https://a.example/1', 'old news', 'CVE-2021-44228 in Log4j2', 2000, 9000), "
         "(2, 'https://a.example/2', 'newer news', 'Log4j2 again, no id', NULL, 3000), "
         "(3, 'https://a.example/3', 'oldest news', 'Log4j2 first seen', 1000, 9000);");
    auto store = ArticleStore::open(dir.db(), OpenMode::read_write).value();
    CHECK(store.schema_version() == dossier::store::latest_schema_version());
    CHECK(ids_of(store, "log4j2", {}, SortOrder::newest) == V{2, 1, 3});
    CHECK(store.article_cves(1).value() == std::vector<std::string>{"CVE-2021-44228"});
    CHECK(store.check_index().has_value());
    // a new article after the upgrade takes the next id and its place in time
    const auto id = put_at(store, "n", "log4j2 news", "Log4j2", 2500);
    CHECK(id == 4);
    CHECK(ids_of(store, "log4j2", {}, SortOrder::newest) == V{2, 4, 1, 3});
    // the index records the tokenizer it was built with
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(dir.db().c_str(), &db) == SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, "SELECT value FROM store_meta WHERE key = 'tokenizer_version'", -1, &st, nullptr) ==
            SQLITE_OK);
    REQUIRE(sqlite3_step(st) == SQLITE_ROW);
    CHECK(sqlite3_column_int(st, 0) == dossier::store::k_tokenizer_version);
    sqlite3_finalize(st);
    sqlite3_close(db);
}

TEST_CASE("reindex rebuilds the index and the CVE rows from the articles alone", "[store]") {
    TempDir dir;
    auto store = ArticleStore::open(dir.db(), OpenMode::read_write).value();
    const auto a = put_at(store, "a", "Exchange flaw", "CVE-2021-26855 in Exchange", 1000);
    put_at(store, "b", "Chrome flaw", "漏洞 CVE-2025-6554 in Chrome", 2000);
    // damage what is derived: empty the index and the CVE rows behind the store's back
    raw_exec(dir.db(), "DELETE FROM article_cves");
    {
        auto raw = ArticleStore::open(dir.db(), OpenMode::read_write).value();  // has the tokenizer
        CHECK(raw.count("exchange", {}).value() == 1);
    }
    const auto report = store.reindex();
    INFO((report ? "" : report.error().message));
    REQUIRE(report.has_value());
    CHECK(report->articles == 2);
    CHECK(report->cve_mentions == 2);
    CHECK(report->tokenizer_version == dossier::store::k_tokenizer_version);
    CHECK(store.article_cves(a).value() == std::vector<std::string>{"CVE-2021-26855"});
    CHECK(ids_of(store, "漏洞", {}, SortOrder::rank).size() == 1);
    CHECK(store.check_index().has_value());
    // inside a caller's transaction it refuses instead of committing someone else's work
    REQUIRE(store.begin().has_value());
    CHECK_FALSE(store.reindex().has_value());
    CHECK(store.rollback().has_value());
}

TEST_CASE("cve: alone walks that id's articles in time order, with other filters", "[store]") {
    TempDir dir;
    auto store = ArticleStore::open(dir.db(), OpenMode::read_write).value();
    const auto a = put_at(store, "a", "one", "CVE-2024-3094 and CVE-2021-44228", 3000, "thn");
    const auto b = put_at(store, "b", "two", "CVE-2024-3094 only", 1000, "freebuf");
    const auto c = put_at(store, "c", "three", "cve-2024-3094 and CVE-2021-44228", 5000, "freebuf");
    put_at(store, "d", "four", "CVE-2021-44228 only", 4000, "thn");
    ArticleFilter f;
    CHECK(ids_of(store, "cve:CVE-2024-3094", f, SortOrder::newest) == V{c, a, b});
    CHECK(ids_of(store, "cve:CVE-2024-3094", f, SortOrder::oldest) == V{b, a, c});
    CHECK(ids_of(store, "cve:CVE-2024-3094 cve:CVE-2021-44228", f, SortOrder::newest) == V{c, a});
    CHECK(ids_of(store, "cve:CVE-2024-3094 source:freebuf", f, SortOrder::newest) == V{c, b});
    CHECK(ids_of(store, "cve:CVE-2024-3094 since:1970-01-01", f, SortOrder::newest) == V{c, a, b});
    f.since = 2000;
    f.until = 5000;
    CHECK(ids_of(store, "cve:CVE-2024-3094", f, SortOrder::newest) == V{a});
    CHECK(store.count("cve:CVE-2024-3094", f).value() == 1);
    CHECK(ids_of(store, "only cve:CVE-2024-3094", {}, SortOrder::newest) == V{b});
}
