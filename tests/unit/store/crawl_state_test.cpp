#include "dossier/store/crawl_state.hpp"

#include <catch2/catch.hpp>
#include <sqlite3.h>

#include <algorithm>

#include "dossier/store/article_store.hpp"
#include "temp_archive.hpp"

using dossier::store::ArticleStore;
using dossier::store::IndexState;
using dossier::store::OpenMode;
using dossier::store::RunSourceCounts;
using dossier::store::SourceHealth;
using dossier::store::test::article;
using dossier::store::test::TempDir;

namespace {

ArticleStore open_rw(const std::filesystem::path& path) {
    auto store = ArticleStore::open(path, OpenMode::read_write);
    INFO((store ? "" : store.error().message));
    REQUIRE(store.has_value());
    return std::move(*store);
}

/// The names in sqlite_master of `type` ("table", "trigger"), read with a plain connection.
std::vector<std::string> schema_names(const std::filesystem::path& path, const char* type) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, "SELECT name FROM sqlite_master WHERE type = ?1 ORDER BY name", -1, &st, nullptr) ==
            SQLITE_OK);
    sqlite3_bind_text(st, 1, type, -1, nullptr);
    std::vector<std::string> out;
    while (sqlite3_step(st) == SQLITE_ROW) out.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)));
    sqlite3_finalize(st);
    sqlite3_close(db);
    return out;
}

bool contains(const std::vector<std::string>& v, const std::string& x) {
    return std::find(v.begin(), v.end(), x) != v.end();
}

SourceHealth health_of(ArticleStore& store, const std::string& id) {
    auto h = store.source_health(id);
    INFO((h ? "" : h.error().message));
    REQUIRE(h.has_value());
    REQUIRE(h->has_value());
    return **h;
}

}  // namespace

TEST_CASE("a schema-3 archive is migrated to the latest schema, keeps its rows and gains the crawl tables", "[store]") {
    TempDir dir;
    REQUIRE(dossier::store::create_archive_at_version(dir.db(), 3).has_value());
    CHECK_FALSE(contains(schema_names(dir.db(), "table"), "source_health"));
    std::int64_t run = 0;
    {
        // Opening at schema 3 is only possible through create_archive_at_version, so rows are
        // written the way a schema-3 dossier wrote them: through its insert trigger.
        sqlite3* db = nullptr;
        REQUIRE(sqlite3_open(dir.db().c_str(), &db) == SQLITE_OK);
        REQUIRE(sqlite3_exec(db, "INSERT INTO sources (id, name, added_at) VALUES ('old', 'Old', 1600000000)", nullptr,
                             nullptr, nullptr) == SQLITE_OK);
        REQUIRE(sqlite3_exec(db, "INSERT INTO crawl_runs (kind, started_at) VALUES ('crawl', 1600000000)", nullptr,
                             nullptr, nullptr) == SQLITE_OK);
        run = sqlite3_last_insert_rowid(db);
        sqlite3_close(db);
    }
    auto store = open_rw(dir.db());
    CHECK(store.schema_version() == dossier::store::latest_schema_version());
    CHECK(store.run(run).value().has_value());
    const auto tables = schema_names(dir.db(), "table");
    for (const char* t : {"index_state", "source_health", "run_source_counts", "articles", "crawl_runs"})
        CHECK(contains(tables, t));
    // Indexing moved from the insert trigger to put(); delete and update stay triggers.
    const auto triggers = schema_names(dir.db(), "trigger");
    CHECK_FALSE(contains(triggers, "articles_fts_insert"));
    CHECK(contains(triggers, "articles_fts_delete"));
    CHECK(contains(triggers, "articles_fts_update"));
    const auto old = store.source_health("old").value();
    REQUIRE(old.has_value());
    CHECK_FALSE(old->last_attempt.has_value());
    CHECK(store.add_run_source_counts(run, RunSourceCounts{"old", 1, 0, 0, 0}).has_value());
}

TEST_CASE("rows indexed at schema 3 stay searchable beside rows put after migration to 4", "[store]") {
    TempDir dir;
    // Schema-1 rows, indexed by migration 2's rebuild on the way to schema 3.
    REQUIRE(dossier::store::create_archive_at_version(dir.db(), 1).has_value());
    {
        sqlite3* db = nullptr;
        REQUIRE(sqlite3_open(dir.db().c_str(), &db) == SQLITE_OK);
        REQUIRE(sqlite3_exec(db,
                             "INSERT INTO articles (url, title, body, source_id, first_seen) VALUES "
                             "('https://old.example.com/1', '旧标题', '迁移之前的数据泄密', 'old', 1600000000)",
                             nullptr, nullptr, nullptr) == SQLITE_OK);
        sqlite3_close(db);
    }
    REQUIRE(dossier::store::create_archive_at_version(dir.db(), 3).has_value());
    auto store = open_rw(dir.db());
    REQUIRE(store.put(article("b", "新标题", "迁移之后的数据泄密")).has_value());
    CHECK(store.count("泄密", {}).value() == 2);
    CHECK(store.count("迁移之前", {}).value() == 1);
    CHECK(store.count("迁移之后", {}).value() == 1);
    CHECK(store.check_index().has_value());
    CHECK(health_of(store, "old").articles == 1);
}

TEST_CASE("index state is stored, read back and replaced per URL", "[store]") {
    TempDir dir;
    auto store = open_rw(dir.db());
    const std::string url = "https://www.freebuf.com/feed";
    CHECK_FALSE(store.index_state(url).value().has_value());

    const IndexState first{url, "W/\"abc\"", "Tue, 23 Dec 2025 06:55:52 GMT", 1766472952, 200, ""};
    REQUIRE(store.put_index_state(first).has_value());
    CHECK(store.index_state(url).value() == first);

    // A failed attempt keeps whatever validators the caller passes and records the error.
    const IndexState second{url, "", "", 1766480000, 0, "fetch: timeout after 30 s"};
    REQUIRE(store.put_index_state(second).has_value());
    CHECK(store.index_state(url).value() == second);

    const IndexState other{"https://api.anquanke.com/data/v1/rss", "\"x\"", "", 1766480001, 304, ""};
    REQUIRE(store.put_index_state(other).has_value());
    CHECK(store.index_state(url).value() == second);
    CHECK(store.index_state(other.url).value() == other);

    auto empty = store.put_index_state(IndexState{});
    REQUIRE_FALSE(empty.has_value());
    CHECK(empty.error().message == "store: index state has no url");
}

TEST_CASE("source health counts consecutive failures and resets them on success", "[store]") {
    TempDir dir;
    auto store = open_rw(dir.db());
    CHECK_FALSE(store.source_health("freebuf").value().has_value());

    REQUIRE(store.record_source_crawl("freebuf", 1000, false, "fetch: HTTP 503", 0, {}).has_value());
    auto h = health_of(store, "freebuf");
    CHECK(h.consecutive_failures == 1);
    CHECK(h.last_attempt == 1000);
    CHECK_FALSE(h.last_success.has_value());
    CHECK(h.last_error == "fetch: HTTP 503");

    REQUIRE(store.record_source_crawl("freebuf", 2000, false, "fetch: timeout after 30 s", 0, {}).has_value());
    h = health_of(store, "freebuf");
    CHECK(h.consecutive_failures == 2);
    CHECK(h.last_attempt == 2000);
    CHECK(h.last_error == "fetch: timeout after 30 s");

    REQUIRE(store.record_source_crawl("freebuf", 3000, true, "ignored on success", 7, {}).has_value());
    h = health_of(store, "freebuf");
    CHECK(h.consecutive_failures == 0);
    CHECK(h.last_attempt == 3000);
    CHECK(h.last_success == 3000);
    CHECK(h.last_error.empty());
    CHECK(h.last_new == 7);

    // A failure after a success keeps the last success.
    REQUIRE(store.record_source_crawl("freebuf", 4000, false, "listing: no entries", 0, {}).has_value());
    h = health_of(store, "freebuf");
    CHECK(h.consecutive_failures == 1);
    CHECK(h.last_success == 3000);
    CHECK(h.last_attempt == 4000);
    CHECK(h.last_new == 0);

    auto unnamed = store.record_source_crawl("", 1, true, "", 0, {});
    REQUIRE_FALSE(unnamed.has_value());
    CHECK(unnamed.error().message == "store: source has no id");
}

TEST_CASE("quality flags of the last crawl replace the previous crawl's", "[store]") {
    TempDir dir;
    auto store = open_rw(dir.db());
    const std::vector<std::string> first{"no_date", "body_too_short", "odd \"quoted\"\nflag"};
    REQUIRE(store.record_source_crawl("anquanke", 100, true, "", 3, first).has_value());
    CHECK(health_of(store, "anquanke").quality_flags == first);
    REQUIRE(store.record_source_crawl("anquanke", 200, true, "", 1, {"listing_empty"}).has_value());
    CHECK(health_of(store, "anquanke").quality_flags == std::vector<std::string>{"listing_empty"});
    REQUIRE(store.record_source_crawl("anquanke", 300, true, "", 2, {}).has_value());
    CHECK(health_of(store, "anquanke").quality_flags.empty());
}

TEST_CASE("source health lists every known source sorted by id with article counts", "[store]") {
    TempDir dir;
    auto store = open_rw(dir.db());
    REQUIRE(store.begin().has_value());
    for (int k = 0; k < 3; ++k) REQUIRE(store.put(article("z" + std::to_string(k), "t", "b", "zdnet")).has_value());
    REQUIRE(store.put(article("a0", "t", "b", "anquanke")).has_value());
    REQUIRE(store.put(article("none", "t", "b", "")).has_value());  // no source: not a source
    REQUIRE(store.commit().has_value());
    REQUIRE(store.upsert_source("freebuf", "FreeBuf", "https://www.freebuf.com/", "zh").has_value());
    REQUIRE(store.record_source_crawl("krebs", 500, false, "fetch: HTTP 403", 0, {"listing_empty"}).has_value());
    REQUIRE(store.record_source_crawl("zdnet", 600, true, "", 3, {}).has_value());

    auto all = store.source_health();
    REQUIRE(all.has_value());
    std::vector<std::string> ids;
    for (const auto& h : *all) ids.push_back(h.source_id);
    CHECK(ids == std::vector<std::string>{"anquanke", "freebuf", "krebs", "zdnet"});
    const auto& anquanke = (*all)[0];
    CHECK(anquanke.articles == 1);
    CHECK_FALSE(anquanke.last_attempt.has_value());
    CHECK(anquanke.consecutive_failures == 0);
    CHECK((*all)[1].articles == 0);  // registered, never crawled
    CHECK_FALSE((*all)[1].last_attempt.has_value());
    CHECK((*all)[2].articles == 0);
    CHECK((*all)[2].consecutive_failures == 1);
    CHECK((*all)[2].quality_flags == std::vector<std::string>{"listing_empty"});
    CHECK((*all)[3].articles == 3);
    CHECK((*all)[3].last_success == 600);
    CHECK((*all)[3].last_new == 3);
    // The single-source read agrees with the list.
    for (const auto& h : *all) CHECK(health_of(store, h.source_id) == h);
    CHECK_FALSE(store.source_health("").value().has_value());
    CHECK_FALSE(store.source_health("unknown").value().has_value());
}

TEST_CASE("per-source run counts add up per source and list sorted by source", "[store]") {
    TempDir dir;
    auto store = open_rw(dir.db());
    const auto run = store.begin_run("crawl").value();
    const auto other = store.begin_run("crawl").value();
    REQUIRE(store.add_run_source_counts(run, RunSourceCounts{"zdnet", 4, 2, 1, 0}).has_value());
    REQUIRE(store.add_run_source_counts(run, RunSourceCounts{"anquanke", 1, 0, 0, 3}).has_value());
    REQUIRE(store.add_run_source_counts(run, RunSourceCounts{"zdnet", 1, 1, 1, 1}).has_value());
    REQUIRE(store.add_run_source_counts(other, RunSourceCounts{"zdnet", 9, 9, 9, 9}).has_value());
    CHECK(store.run_source_counts(run).value() ==
          std::vector<RunSourceCounts>{{"anquanke", 1, 0, 0, 3}, {"zdnet", 5, 3, 2, 1}});
    CHECK(store.run_source_counts(other).value() == std::vector<RunSourceCounts>{{"zdnet", 9, 9, 9, 9}});
    CHECK(store.run_source_counts(other + 1).value().empty());
    CHECK_FALSE(store.add_run_source_counts(other + 1, RunSourceCounts{"zdnet", 1, 0, 0, 0}).has_value());
    CHECK_FALSE(store.add_run_source_counts(run, RunSourceCounts{"", 1, 0, 0, 0}).has_value());
}

TEST_CASE("a read-only store reads crawl state but refuses to write it", "[store]") {
    TempDir dir;
    {
        auto store = open_rw(dir.db());
        REQUIRE(store.record_source_crawl("freebuf", 1, true, "", 0, {}).has_value());
        REQUIRE(store.put_index_state(IndexState{"https://a.example/feed", "\"e\"", "", 1, 200, ""}).has_value());
    }
    auto ro = ArticleStore::open(dir.db(), OpenMode::read_only);
    REQUIRE(ro.has_value());
    CHECK(ro->source_health().value().size() == 1);
    CHECK(ro->index_state("https://a.example/feed").value().has_value());
    CHECK_FALSE(ro->record_source_crawl("freebuf", 2, true, "", 0, {}).has_value());
    CHECK_FALSE(ro->put_index_state(IndexState{"https://a.example/feed", "", "", 2, 200, ""}).has_value());
}
