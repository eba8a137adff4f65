#include "dossier/store/article_store.hpp"

#include <catch2/catch.hpp>
#include <sqlite3.h>

#include "temp_archive.hpp"

using dossier::core::Article;
using dossier::core::DateTime;
using dossier::store::ArticleFilter;
using dossier::store::ArticleStore;
using dossier::store::OpenMode;
using dossier::store::SortOrder;
using dossier::store::test::article;
using dossier::store::test::raw_exec;
using dossier::store::test::read_bytes;
using dossier::store::test::TempDir;

namespace {

ArticleStore open_rw(const std::filesystem::path& path) {
    auto store = ArticleStore::open(path, OpenMode::read_write);
    INFO((store ? "" : store.error().message));
    REQUIRE(store.has_value());
    return std::move(*store);
}

Article full_article() {
    Article a;
    a.url = "https://www.anquanke.com/post/id/313963";
    a.canonical_url = "https://www.anquanke.com/post/id/313963?canonical";
    a.title = "某厂商数据泄密事件分析";
    a.published = DateTime{1766472952, 480, DateTime::Precision::second};
    a.published_source = "meta:article:published_time";
    a.updated = DateTime{1766500000, std::nullopt, DateTime::Precision::minute};
    a.author = "安全客";
    a.lang = "zh-CN";
    a.tags = {"数据泄露", "apt", "zeta"};
    a.text = "第一段。\n\n第二段 \"quoted\" \\ back\tslash.";
    a.lead_image = "https://p0.example.com/lead.png";
    a.source_id = "anquanke";
    a.first_seen = 1766473000;
    a.fetched_at = 1766473001;
    a.capture = {"20251223T000000-0.warc.gz", 123456, 7890};
    a.body_hash = "a1b2c3";
    a.extractor_version = "extract/3";
    a.methods = {{"title", "jsonld"}, {"published", "selector:.publish"}, {"body", "heuristic"}};
    a.warnings = {"author: missing", "odd \"quote\"\n"};
    return a;
}

}  // namespace

TEST_CASE("opening a missing file read-write creates an archive at the latest schema", "[store]") {
    TempDir dir;
    {
        auto store = open_rw(dir.db());
        CHECK(store.schema_version() == dossier::store::latest_schema_version());
    }
    CHECK(std::filesystem::exists(dir.db()));
    auto again = ArticleStore::open(dir.db(), OpenMode::read_only);
    REQUIRE(again.has_value());
    CHECK(again->schema_version() == dossier::store::latest_schema_version());
}

TEST_CASE("opening a missing file read-only fails and creates nothing", "[store]") {
    TempDir dir;
    auto store = ArticleStore::open(dir.db(), OpenMode::read_only);
    REQUIRE_FALSE(store.has_value());
    CHECK(store.error().message == "store: no archive database at " + dir.db().string());
    CHECK_FALSE(std::filesystem::exists(dir.db()));
}

TEST_CASE("another application's SQLite database is refused and left byte-for-byte unchanged", "[store]") {
    TempDir dir;
    raw_exec(dir.db(), "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('keep me');");
    const std::string before = read_bytes(dir.db());
    for (const auto mode : {OpenMode::read_write, OpenMode::read_only}) {
        auto store = ArticleStore::open(dir.db(), mode);
        REQUIRE_FALSE(store.has_value());
        CHECK(store.error().message.rfind("store: not a dossier archive", 0) == 0);
        CHECK(store.error().message.find('\n') == std::string::npos);
    }
    CHECK(read_bytes(dir.db()) == before);
    CHECK_FALSE(std::filesystem::exists(dir.path() / "dossier.db-wal"));
}

TEST_CASE("a file that is not SQLite at all is refused with a one-line error and left unchanged", "[store]") {
    TempDir dir;
    const std::string text = "id,title\n1,not a database at all, just some CSV text padded out to a few lines\n";
    std::ofstream(dir.db(), std::ios::binary) << text;
    auto store = ArticleStore::open(dir.db(), OpenMode::read_write);
    REQUIRE_FALSE(store.has_value());
    CHECK(store.error().message == "store: not a dossier archive (not an SQLite database): " + dir.db().string());
    CHECK(read_bytes(dir.db()) == text);
}

TEST_CASE("an archive from a newer dossier is refused and left unchanged", "[store]") {
    TempDir dir;
    { auto store = open_rw(dir.db()); }
    raw_exec(dir.db(), "PRAGMA user_version = 99");
    const std::string before = read_bytes(dir.db());
    auto store = ArticleStore::open(dir.db(), OpenMode::read_write);
    REQUIRE_FALSE(store.has_value());
    CHECK(store.error().message.find("newer than this dossier supports") != std::string::npos);
    CHECK(read_bytes(dir.db()) == before);
}

TEST_CASE("an archive at schema 1 is migrated on a read-write open and keeps its rows", "[store]") {
    TempDir dir;
    REQUIRE(dossier::store::create_archive_at_version(dir.db(), 1).has_value());
    // Rows written by a schema-1 dossier, before the full-text index existed.
    raw_exec(dir.db(),
             "INSERT INTO articles (url, title, body, source_id, lang, first_seen) VALUES "
             "('https://old.example.com/1', '旧文章', '某公司发生数据泄密事件', 'old', 'zh', 1600000000);"
             "INSERT INTO article_tags (article_id, ord, tag) VALUES (1, 0, 'legacy');");

    SECTION("read-only refuses to migrate") {
        auto ro = ArticleStore::open(dir.db(), OpenMode::read_only);
        REQUIRE_FALSE(ro.has_value());
        CHECK(ro.error().message.find("run a write command") != std::string::npos);
    }
    SECTION("read-write migrates, indexes the old rows and accepts new data") {
        auto store = open_rw(dir.db());
        CHECK(store.schema_version() == dossier::store::latest_schema_version());
        auto old = store.get(1);
        REQUIRE(old.has_value());
        REQUIRE(old->has_value());
        CHECK((*old)->title == "旧文章");
        CHECK((*old)->tags == std::vector<std::string>{"legacy"});
        auto hits = store.search("泄密", {}, SortOrder::rank);
        REQUIRE(hits.has_value());
        REQUIRE(hits->size() == 1);
        CHECK(hits->front().article.id == 1);
        auto run = store.begin_run("crawl");
        CHECK(run.has_value());
    }
}

TEST_CASE("put and get round-trip every article field", "[store]") {
    TempDir dir;
    auto store = open_rw(dir.db());
    const Article a = full_article();
    auto id = store.put(a);
    REQUIRE(id.has_value());
    auto got = store.get(*id);
    REQUIRE(got.has_value());
    REQUIRE(got->has_value());
    Article expected = a;
    expected.id = *id;
    const Article& b = **got;
    CHECK(b.id == expected.id);
    CHECK(b.url == expected.url);
    CHECK(b.canonical_url == expected.canonical_url);
    CHECK(b.title == expected.title);
    CHECK(b.published == expected.published);
    CHECK(b.published_source == expected.published_source);
    CHECK(b.updated == expected.updated);
    CHECK(b.author == expected.author);
    CHECK(b.lang == expected.lang);
    CHECK(b.tags == expected.tags);
    CHECK(b.text == expected.text);
    CHECK(b.lead_image == expected.lead_image);
    CHECK(b.source_id == expected.source_id);
    CHECK(b.first_seen == expected.first_seen);
    CHECK(b.fetched_at == expected.fetched_at);
    CHECK(b.capture.warc_file == expected.capture.warc_file);
    CHECK(b.capture.offset == expected.capture.offset);
    CHECK(b.capture.length == expected.capture.length);
    CHECK(b.body_hash == expected.body_hash);
    CHECK(b.extractor_version == expected.extractor_version);
    CHECK(b.methods == expected.methods);
    CHECK(b.warnings == expected.warnings);
}

TEST_CASE("dates keep a known offset, an unknown offset and date-only precision", "[store]") {
    TempDir dir;
    auto store = open_rw(dir.db());
    const DateTime with_offset{1766472952, -330, DateTime::Precision::second};
    const DateTime no_offset{1766472900, std::nullopt, DateTime::Precision::minute};
    const DateTime date_only{1766448000, std::nullopt, DateTime::Precision::date};
    for (const auto& d : {with_offset, no_offset, date_only}) {
        Article a = article("d" + std::to_string(d.seconds), "t", "b");
        a.published = d;
        auto id = store.put(a);
        REQUIRE(id.has_value());
        auto got = store.get(*id);
        REQUIRE(got.has_value());
        REQUIRE(got->has_value());
        REQUIRE((*got)->published.has_value());
        CHECK(*(*got)->published == d);
        CHECK((*got)->published->to_iso() == d.to_iso());
        CHECK_FALSE((*got)->updated.has_value());
    }
}

TEST_CASE("put sets first_seen when it is 0 and refuses an article without url", "[store]") {
    TempDir dir;
    auto store = open_rw(dir.db());
    Article a = article("fresh", "t", "b");
    a.first_seen = 0;
    const auto before = dossier::core::now_seconds();
    auto id = store.put(a);
    REQUIRE(id.has_value());
    auto got = store.get(*id);
    REQUIRE(got.has_value());
    CHECK((*got)->first_seen >= before);

    Article bad = article("x", "t", "b");
    bad.url.clear();
    auto failed = store.put(bad);
    REQUIRE_FALSE(failed.has_value());
    CHECK(failed.error().message == "store: article has no url");
    CHECK(store.count("", {}).value_or(-1) == 1);
}

TEST_CASE("find_by_url matches url or canonical url, find_by_body_hash the hash", "[store]") {
    TempDir dir;
    auto store = open_rw(dir.db());
    Article a = article("a", "t", "b");
    a.canonical_url = "https://news.example.com/canonical-a";
    a.body_hash = "hash-a";
    const auto id = store.put(a).value();
    CHECK(store.find_by_url("https://news.example.com/a").value() == id);
    CHECK(store.find_by_url("https://news.example.com/canonical-a").value() == id);
    CHECK_FALSE(store.find_by_url("https://news.example.com/other").value().has_value());
    CHECK_FALSE(store.find_by_url("").value().has_value());
    CHECK(store.find_by_body_hash("hash-a").value() == id);
    CHECK_FALSE(store.find_by_body_hash("hash-b").value().has_value());
    CHECK_FALSE(store.get(id + 100).value().has_value());
}

TEST_CASE("a rolled-back batch leaves no trace and a committed one is kept", "[store]") {
    TempDir dir;
    auto store = open_rw(dir.db());
    REQUIRE(store.begin().has_value());
    CHECK_FALSE(store.begin().has_value());
    for (int k = 0; k < 5; ++k) REQUIRE(store.put(article("r" + std::to_string(k), "回滚", "回滚测试")).has_value());
    REQUIRE(store.rollback().has_value());
    CHECK(store.count("", {}).value() == 0);
    CHECK(store.count("回滚", {}).value() == 0);

    REQUIRE(store.begin().has_value());
    for (int k = 0; k < 300; ++k) REQUIRE(store.put(article("c" + std::to_string(k), "提交", "批量提交")).has_value());
    REQUIRE(store.commit().has_value());
    CHECK_FALSE(store.commit().has_value());
    CHECK(store.count("", {}).value() == 300);
    CHECK(store.count("提交", {}).value() == 300);
}

TEST_CASE("a read-only store reads but refuses writes", "[store]") {
    TempDir dir;
    {
        auto store = open_rw(dir.db());
        REQUIRE(store.put(article("a", "标题", "正文")).has_value());
    }
    auto ro = ArticleStore::open(dir.db(), OpenMode::read_only);
    REQUIRE(ro.has_value());
    CHECK(ro->count("正文", {}).value() == 1);
    auto put = ro->put(article("b", "t", "b"));
    REQUIRE_FALSE(put.has_value());
    CHECK(put.error().message.rfind("store: archive is open read-only", 0) == 0);
    CHECK(ro->count("", {}).value() == 1);
}

TEST_CASE("runs record their counts and report rows in order", "[store]") {
    TempDir dir;
    auto store = open_rw(dir.db());
    const auto run = store.begin_run("crawl").value();
    const dossier::store::RunReportRow first{"freebuf", "https://www.freebuf.com/1", "fetch", "fetch: timeout after 30 s"};
    const dossier::store::RunReportRow second{"anquanke", "https://www.anquanke.com/2", "extract", "extract: no body"};
    REQUIRE(store.add_report(run, first).has_value());
    REQUIRE(store.add_report(run, second).has_value());
    CHECK_FALSE(store.add_report(run + 1, first).has_value());
    REQUIRE(store.finish_run(run, 12, 3, 2).has_value());
    CHECK_FALSE(store.finish_run(run + 1, 0, 0, 0).has_value());
    auto summary = store.run(run).value();
    REQUIRE(summary.has_value());
    CHECK(summary->kind == "crawl");
    CHECK(summary->finished_at.has_value());
    CHECK(summary->new_count == 12);
    CHECK(summary->duplicate_count == 3);
    CHECK(summary->failed_count == 2);
    CHECK(store.reports(run).value() == std::vector<dossier::store::RunReportRow>{first, second});
    CHECK(store.optimize_after_run().has_value());
}

TEST_CASE("errors leave everything stored before intact", "[store]") {
    TempDir dir;
    {
        auto store = open_rw(dir.db());
        REQUIRE(store.put(article("keep", "保留", "之前存储的数据泄密文章")).has_value());
        CHECK_FALSE(store.search("\"unbalanced", {}, SortOrder::rank).has_value());
        CHECK_FALSE(store.search("AND AND", {}, SortOrder::rank).has_value());
        Article bad = article("bad", "t", "b");
        bad.url.clear();
        CHECK_FALSE(store.put(bad).has_value());
    }
    auto store = open_rw(dir.db());
    CHECK(store.count("", {}).value() == 1);
    CHECK(store.count("泄密", {}).value() == 1);
}
