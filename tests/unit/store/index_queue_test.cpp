// put() indexes through a queue (src/store/index_queue.hpp): these tests pin that every
// article is indexed exactly once, that this connection always sees its own puts, and that
// rollbacks take index entries with their rows.
#include <catch2/catch.hpp>
#include <sqlite3.h>

#include "dossier/store/article_store.hpp"
#include "temp_archive.hpp"

using dossier::store::ArticleStore;
using dossier::store::OpenMode;
using dossier::store::test::article;
using dossier::store::test::TempDir;

namespace {

ArticleStore open_rw(const std::filesystem::path& path) {
    auto store = ArticleStore::open(path, OpenMode::read_write);
    INFO((store ? "" : store.error().message));
    REQUIRE(store.has_value());
    return std::move(*store);
}

std::int64_t count(ArticleStore& store, const char* query) {
    auto n = store.count(query, {});
    INFO((n ? "" : n.error().message));
    REQUIRE(n.has_value());
    return *n;
}

void check_index(ArticleStore& store) {
    auto r = store.check_index();
    INFO((r ? "" : r.error().message));
    CHECK(r.has_value());
}

}  // namespace

TEST_CASE("articles put in an open batch are found by the same store before commit", "[store]") {
    TempDir dir;
    auto store = open_rw(dir.db());
    REQUIRE(store.begin().has_value());
    REQUIRE(store.put(article("a", "批量", "第一篇漏洞通告")).has_value());
    CHECK(count(store, "漏洞") == 1);
    REQUIRE(store.put(article("b", "批量", "第二篇漏洞通告")).has_value());
    auto hits = store.search("漏洞", {}, dossier::store::SortOrder::rank);
    REQUIRE(hits.has_value());
    CHECK(hits->size() == 2);
    REQUIRE(store.commit().has_value());
    CHECK(count(store, "漏洞") == 2);
    CHECK(count(store, "第二篇") == 1);
    check_index(store);
}

TEST_CASE("another connection sees a single put at once and a batch only after commit", "[store]") {
    TempDir dir;
    auto writer = open_rw(dir.db());
    REQUIRE(writer.put(article("single", "单篇", "单独写入的勒索软件报道")).has_value());
    auto reader = ArticleStore::open(dir.db(), OpenMode::read_only);
    REQUIRE(reader.has_value());
    CHECK(count(*reader, "勒索") == 1);

    REQUIRE(writer.begin().has_value());
    REQUIRE(writer.put(article("batch", "批量", "批量写入的勒索软件报道")).has_value());
    CHECK(count(*reader, "勒索") == 1);
    REQUIRE(writer.commit().has_value());
    CHECK(count(*reader, "勒索") == 2);
    CHECK(count(*reader, "批量写入") == 1);
}

TEST_CASE("a rollback takes index entries with their rows, even after a search indexed them", "[store]") {
    TempDir dir;
    auto store = open_rw(dir.db());
    REQUIRE(store.put(article("kept", "保留", "保留的钓鱼邮件")).has_value());
    REQUIRE(store.begin().has_value());
    REQUIRE(store.put(article("gone1", "撤销", "撤销的钓鱼邮件")).has_value());
    CHECK(count(store, "钓鱼") == 2);  // indexes the queue inside the transaction
    REQUIRE(store.put(article("gone2", "撤销", "又一封撤销的钓鱼邮件")).has_value());
    REQUIRE(store.rollback().has_value());
    CHECK(count(store, "") == 1);
    CHECK(count(store, "钓鱼") == 1);
    CHECK(count(store, "撤销") == 0);
    check_index(store);

    // The queue is empty again: the next batch indexes only its own rows.
    REQUIRE(store.begin().has_value());
    REQUIRE(store.put(article("next", "之后", "之后的钓鱼邮件")).has_value());
    REQUIRE(store.commit().has_value());
    CHECK(count(store, "钓鱼") == 2);
    check_index(store);
}

TEST_CASE("every article is indexed exactly once across searches, commits and single puts", "[store]") {
    TempDir dir;
    auto store = open_rw(dir.db());
    int stored = 0;
    for (int batch = 0; batch < 3; ++batch) {
        REQUIRE(store.begin().has_value());
        for (int k = 0; k < 40; ++k) {
            // Each article has its own term ("标记" + number) once in the title and once in the body.
            const std::string mark = "标记" + std::to_string(stored) + "号";
            REQUIRE(store.put(article("m" + std::to_string(stored), mark, "正文 " + mark + " 数据泄露")).has_value());
            ++stored;
            if (k % 15 == 0) CHECK(count(store, "数据泄露") == stored);
        }
        REQUIRE(store.commit().has_value());
        REQUIRE(store.put(article("s" + std::to_string(batch), "单篇", "单篇 数据泄露")).has_value());
        ++stored;
    }
    CHECK(count(store, "数据泄露") == stored);
    for (const int k : {0, 1, 16, 41, 79, 119}) {
        const std::string mark = "\"标记" + std::to_string(k) + "号\"";
        CHECK(count(store, mark.c_str()) == 1);
    }
    check_index(store);
    REQUIRE(store.optimize_after_run().has_value());
    check_index(store);
}

TEST_CASE("a batch never committed leaves neither rows nor index entries", "[store]") {
    TempDir dir;
    {
        auto store = open_rw(dir.db());
        REQUIRE(store.put(article("kept", "保留", "保留的文章")).has_value());
        REQUIRE(store.begin().has_value());
        REQUIRE(store.put(article("lost", "丢失", "未提交的文章")).has_value());
    }  // closed with the transaction open
    auto store = open_rw(dir.db());
    CHECK(count(store, "") == 1);
    CHECK(count(store, "文章") == 1);
    CHECK(count(store, "未提交") == 0);
    check_index(store);
}

TEST_CASE("check_index reports an index that no longer matches the articles", "[store]") {
    TempDir dir;
    {
        auto store = open_rw(dir.db());
        REQUIRE(store.put(article("a", "标题", "会被绕过触发器删除的文章")).has_value());
        check_index(store);
        CHECK_FALSE(ArticleStore::open(dir.db(), OpenMode::read_only)->check_index().has_value());
    }
    // Delete the row behind the index's back (no delete trigger), as a foreign tool might.
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(dir.db().c_str(), &db) == SQLITE_OK);
    CHECK(sqlite3_exec(db, "DROP TRIGGER articles_fts_delete; DELETE FROM articles", nullptr, nullptr, nullptr) ==
          SQLITE_OK);
    sqlite3_close(db);
    auto store = open_rw(dir.db());
    auto r = store.check_index();
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().message.rfind("store: check index: ", 0) == 0);
}
