// Migrations. Never edit a migration that has shipped: append a new one. Each runs once, in
// order, inside a transaction, and sets PRAGMA user_version to its number.
#include "schema.hpp"

#include <array>
#include <string>

#include "sqlite_statement.hpp"

namespace dossier::store::detail {

namespace {

struct Migration {
    const char* what;
    const char* sql;
};

// 1: sources and articles. Dates: *_at is unix seconds (the wall clock read as UTC when
// *_offset, in minutes, is NULL = unknown); *_precision is 'date' | 'minute' | 'second'.
// Tags live in their own table so a tag: filter can use an index. canonical_url is not
// UNIQUE: revisions and copies are kept; uniqueness is the pipeline's decision.
constexpr const char* k_migration_1 = R"sql(
PRAGMA application_id = 1146049363;
CREATE TABLE sources (
    id        TEXT PRIMARY KEY,
    name      TEXT NOT NULL DEFAULT '',
    homepage  TEXT NOT NULL DEFAULT '',
    lang      TEXT NOT NULL DEFAULT '',
    added_at  INTEGER NOT NULL
);
CREATE TABLE articles (
    id                  INTEGER PRIMARY KEY,
    url                 TEXT NOT NULL,
    canonical_url       TEXT NOT NULL DEFAULT '',
    title               TEXT NOT NULL DEFAULT '',
    published_at        INTEGER,
    published_offset    INTEGER,
    published_precision TEXT CHECK (published_precision IN ('date', 'minute', 'second')),
    published_source    TEXT NOT NULL DEFAULT '',
    updated_at          INTEGER,
    updated_offset      INTEGER,
    updated_precision   TEXT CHECK (updated_precision IN ('date', 'minute', 'second')),
    author              TEXT NOT NULL DEFAULT '',
    lang                TEXT NOT NULL DEFAULT '',
    body                TEXT NOT NULL DEFAULT '',
    lead_image          TEXT NOT NULL DEFAULT '',
    source_id           TEXT NOT NULL DEFAULT '',
    first_seen          INTEGER NOT NULL,
    fetched_at          INTEGER NOT NULL DEFAULT 0,
    capture_file        TEXT NOT NULL DEFAULT '',
    capture_offset      INTEGER NOT NULL DEFAULT 0,
    capture_length      INTEGER NOT NULL DEFAULT 0,
    body_hash           TEXT NOT NULL DEFAULT '',
    extractor_version   TEXT NOT NULL DEFAULT '',
    methods             TEXT NOT NULL DEFAULT '{}',
    warnings            TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX articles_url ON articles(url);
CREATE INDEX articles_canonical_url ON articles(canonical_url);
CREATE INDEX articles_body_hash ON articles(body_hash);
CREATE INDEX articles_time ON articles(COALESCE(published_at, first_seen));
CREATE INDEX articles_source_time ON articles(source_id, COALESCE(published_at, first_seen));
CREATE TABLE article_tags (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    ord        INTEGER NOT NULL,
    tag        TEXT NOT NULL,
    PRIMARY KEY (article_id, ord)
) WITHOUT ROWID;
CREATE INDEX article_tags_tag ON article_tags(tag COLLATE NOCASE, article_id);
)sql";

// 2: the full-text index: external content (the text is stored once, in articles), kept in
// sync by triggers; rank = bm25 with the title weighted 10x, configured once so queries can
// ORDER BY rank. 'rebuild' indexes rows an archive already had.
constexpr const char* k_migration_2 = R"sql(
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, body, content='articles', content_rowid='id', tokenize='dossier', detail=full);
INSERT INTO articles_fts(articles_fts, rank) VALUES ('rank', 'bm25(10.0, 1.0)');
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, body ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
    INSERT INTO articles_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
END;
INSERT INTO articles_fts(articles_fts) VALUES ('rebuild');
)sql";

// 3: runs (crawl, import, reextract) and their failure rows.
constexpr const char* k_migration_3 = R"sql(
CREATE TABLE crawl_runs (
    id              INTEGER PRIMARY KEY,
    kind            TEXT NOT NULL,
    started_at      INTEGER NOT NULL,
    finished_at     INTEGER,
    new_count       INTEGER NOT NULL DEFAULT 0,
    duplicate_count INTEGER NOT NULL DEFAULT 0,
    failed_count    INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE run_reports (
    id        INTEGER PRIMARY KEY,
    run_id    INTEGER NOT NULL REFERENCES crawl_runs(id) ON DELETE CASCADE,
    source_id TEXT NOT NULL DEFAULT '',
    url       TEXT NOT NULL DEFAULT '',
    stage     TEXT NOT NULL DEFAULT '',
    message   TEXT NOT NULL DEFAULT '',
    at        INTEGER NOT NULL
);
CREATE INDEX run_reports_run ON run_reports(run_id);
)sql";

// 4: what the nightly crawler keeps between runs, and bulk indexing.
// * index_state: conditional-GET validators per index URL. source_health: per source, updated
//   at the end of each crawl of it; quality_flags is a JSON array of strings. Article counts
//   are not stored: they are counted from articles when read, so they cannot drift.
//   run_source_counts: what one run did per source.
// * The AFTER INSERT trigger goes: ArticleStore::put queues the new id in a temp table and
//   indexes a whole batch with one INSERT ... SELECT (src/store/index_queue.cpp). A trigger
//   makes every article insert a statement transaction, and on SQLite 3.40 releasing one
//   makes FTS5 flush its pending terms: one index segment per article, endlessly merged.
//   The delete and update triggers stay (rare, and they must see the indexed text).
// * FTS5 merge settings (docs/search.md, "Writing"; measured on 10,000 Chinese articles):
//   hashsize: FTS5 writes a segment each time its pending terms pass this many bytes; 4 MiB
//   instead of 1 MiB makes segments 4x larger (16 MiB was slower again: the pending-term
//   hash outgrows the CPU caches). automerge: merge 16 segments of a level at a time instead
//   of 4, so each term is rewritten about half as often as an archive grows; crisismerge
//   stays above it. Queries read more segments; at 100,000 articles they took as long as
//   before within noise (docs/search.md, "Ingest speed").
constexpr const char* k_migration_4 = R"sql(
CREATE TABLE index_state (
    url           TEXT PRIMARY KEY,
    etag          TEXT NOT NULL DEFAULT '',
    last_modified TEXT NOT NULL DEFAULT '',
    last_fetched  INTEGER NOT NULL DEFAULT 0,
    last_status   INTEGER NOT NULL DEFAULT 0,
    last_error    TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;
CREATE TABLE source_health (
    source_id            TEXT PRIMARY KEY,
    last_attempt         INTEGER,
    last_success         INTEGER,
    last_error           TEXT NOT NULL DEFAULT '',
    consecutive_failures INTEGER NOT NULL DEFAULT 0,
    last_new             INTEGER NOT NULL DEFAULT 0,
    quality_flags        TEXT NOT NULL DEFAULT '[]'
) WITHOUT ROWID;
CREATE TABLE run_source_counts (
    run_id       INTEGER NOT NULL REFERENCES crawl_runs(id) ON DELETE CASCADE,
    source_id    TEXT NOT NULL,
    new_count    INTEGER NOT NULL DEFAULT 0,
    duplicate    INTEGER NOT NULL DEFAULT 0,
    not_modified INTEGER NOT NULL DEFAULT 0,
    failed       INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (run_id, source_id)
) WITHOUT ROWID;
DROP TRIGGER articles_fts_insert;
INSERT INTO articles_fts(articles_fts, rank) VALUES ('hashsize', 4194304);
INSERT INTO articles_fts(articles_fts, rank) VALUES ('automerge', 16);
INSERT INTO articles_fts(articles_fts, rank) VALUES ('crisismerge', 32);
)sql";

// 5: newest-first search that stops after one page, and the CVE facet.
// * sort_key (sort_key.hpp) orders articles by time; the full-text index is rebuilt with it as
//   rowid (content_rowid), so FTS5 returns matches newest first and a LIMIT stops the walk.
//   The two time-expression indexes give way to the key's own. put() sets the key; the
//   update trigger re-indexes an article whose key (its date) changes.
//   articles_sort_filters covers the join from the index with the source and language
//   filters: source_id is stored after the body, so reading it from the row means walking
//   the body's overflow pages (a source-filtered count took 2 s at 100,000 articles).
// * article_cves: each CVE id an article mentions (dossier_cves, cve_ids.hpp), for cve: and
//   `dossier cves`, keyed (cve, sort_key) so a cve: page walks one id's articles newest first
//   (an IN set of 74,000 ids built per query took 0.3 s at 1,000,000 articles).
// * store_meta: facts about the archive; tokenizer_version = the k_tokenizer_version the index
//   was built with. A tokenizer change ships as a migration that rebuilds the index and bumps it.
constexpr const char* k_migration_5 = R"sql(
ALTER TABLE articles ADD COLUMN sort_key INTEGER;
UPDATE articles SET sort_key = dossier_sort_key(COALESCE(published_at, first_seen), id);
CREATE UNIQUE INDEX articles_sort_key ON articles(sort_key);
DROP INDEX articles_time;
DROP INDEX articles_source_time;
CREATE INDEX articles_source_sort ON articles(source_id, sort_key);
CREATE INDEX articles_sort_filters ON articles(sort_key, source_id, lang);
DROP TRIGGER articles_fts_delete;
DROP TRIGGER articles_fts_update;
DROP TABLE articles_fts;
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, body, content='articles', content_rowid='sort_key', tokenize='dossier', detail=full);
INSERT INTO articles_fts(articles_fts, rank) VALUES ('rank', 'bm25(10.0, 1.0)');
INSERT INTO articles_fts(articles_fts, rank) VALUES ('hashsize', 4194304);
INSERT INTO articles_fts(articles_fts, rank) VALUES ('automerge', 16);
INSERT INTO articles_fts(articles_fts, rank) VALUES ('crisismerge', 32);
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, body) VALUES ('delete', old.sort_key, old.title, old.body);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, body, sort_key ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, body) VALUES ('delete', old.sort_key, old.title, old.body);
    INSERT INTO articles_fts(rowid, title, body) VALUES (new.sort_key, new.title, new.body);
END;
INSERT INTO articles_fts(articles_fts) VALUES ('rebuild');
CREATE TABLE article_cves (
    cve        TEXT NOT NULL,
    sort_key   INTEGER NOT NULL,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    PRIMARY KEY (cve, sort_key)
) WITHOUT ROWID;
CREATE INDEX article_cves_article ON article_cves(article_id);
INSERT INTO article_cves (cve, sort_key, article_id)
    SELECT j.value, a.sort_key, a.id FROM articles AS a, json_each(dossier_cves(a.title, a.body)) AS j;
CREATE TABLE store_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
INSERT INTO store_meta (key, value) VALUES ('tokenizer_version', '2');
)sql";

// 6: story groups and provenance (docs/dedup.md). Every article belongs to one story group
//   (group_id; a group's id is its first stored member's id); story_groups names the group's
//   original, which the crawl pipeline decides (an explicit attribution, else the earliest
//   publication). relation says how an article joined its group. origin_* is what its
//   attribution line names (origin_url in URL-key form, so citations are found by key);
//   origin_id is the archived article origin_url names. Fingerprints: the MinHash signature
//   (512 bytes) and shingle count, with the LSH band keys in their own WITHOUT ROWID table so
//   a lookup is one index probe per band. Revisions: earlier versions of an article whose URL
//   was fetched again with a changed body; the articles row always holds the newest.
constexpr const char* k_migration_6 = R"sql(
ALTER TABLE articles ADD COLUMN group_id INTEGER NOT NULL DEFAULT 0;
ALTER TABLE articles ADD COLUMN relation TEXT NOT NULL DEFAULT '';
ALTER TABLE articles ADD COLUMN origin_name TEXT NOT NULL DEFAULT '';
ALTER TABLE articles ADD COLUMN origin_url TEXT NOT NULL DEFAULT '';
ALTER TABLE articles ADD COLUMN origin_id INTEGER NOT NULL DEFAULT 0;
UPDATE articles SET group_id = id;
CREATE INDEX articles_group ON articles(group_id, sort_key);
CREATE INDEX articles_origin_url ON articles(origin_url) WHERE origin_url <> '';
CREATE TABLE story_groups (
    id          INTEGER PRIMARY KEY,
    original_id INTEGER NOT NULL
);
INSERT INTO story_groups (id, original_id) SELECT id, id FROM articles;
CREATE TABLE article_fingerprints (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    version    INTEGER NOT NULL,
    shingles   INTEGER NOT NULL,
    signature  BLOB NOT NULL
);
CREATE TABLE article_bands (
    band       INTEGER NOT NULL,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    PRIMARY KEY (band, article_id)
) WITHOUT ROWID;
CREATE INDEX article_bands_article ON article_bands(article_id);
CREATE TABLE article_revisions (
    id             INTEGER PRIMARY KEY,
    article_id     INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    title          TEXT NOT NULL,
    body           TEXT NOT NULL,
    body_hash      TEXT NOT NULL,
    fetched_at     INTEGER NOT NULL,
    capture_file   TEXT NOT NULL,
    capture_offset INTEGER NOT NULL,
    capture_length INTEGER NOT NULL,
    replaced_at    INTEGER NOT NULL
);
CREATE INDEX article_revisions_article ON article_revisions(article_id, id);
)sql";

// Migration 7: the band filter (band_filter.hpp, band_filter_table.hpp), a Bloom filter of every
//   LSH band key in rows of 3,968 bytes (one per page), with its key count. Created empty: the
//   first writer to judge or fingerprint builds it from article_bands, then keeps it in step in
//   the same transactions.
constexpr const char* k_migration_7 = R"sql(
CREATE TABLE band_filter_rows (
    slot INTEGER PRIMARY KEY,
    bits BLOB NOT NULL
);
CREATE TABLE band_filter_info (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    keys INTEGER NOT NULL,
    rows INTEGER NOT NULL
);
)sql";

constexpr std::array<Migration, 7> k_migrations{{
    {"migration 1 (sources, articles)", k_migration_1},
    {"migration 2 (full-text index)", k_migration_2},
    {"migration 3 (runs and reports)", k_migration_3},
    {"migration 4 (crawl state, bulk indexing)", k_migration_4},
    {"migration 5 (time-ordered index, CVE facet, store_meta)", k_migration_5},
    {"migration 6 (story groups, provenance, fingerprints, revisions)", k_migration_6},
    {"migration 7 (band filter)", k_migration_7},
}};

core::Result<void> apply(sqlite3* db, int version) {
    const Migration& m = k_migrations[static_cast<std::size_t>(version - 1)];
    if (auto r = exec(db, m.sql, m.what); !r) return r;
    const std::string pragma = "PRAGMA user_version = " + std::to_string(version);
    return exec(db, pragma.c_str(), m.what);
}

}  // namespace

int migration_count() noexcept { return static_cast<int>(k_migrations.size()); }

core::Result<int> read_user_version(sqlite3* db) {
    auto st = Statement::prepare(db, "PRAGMA user_version", "read schema version");
    if (!st) return core::fail(std::move(st).error().message);
    auto row = st->step("read schema version");
    if (!row) return core::fail(std::move(row).error().message);
    return *row ? static_cast<int>(st->int64(0)) : 0;
}

core::Result<void> migrate(sqlite3* db, int target) {
    for (;;) {
        if (auto r = exec(db, "BEGIN IMMEDIATE", "start migration"); !r) return r;
        auto version = read_user_version(db);
        if (!version || *version >= target) {
            (void)exec(db, "ROLLBACK", "end migration");
            if (!version) return core::fail(std::move(version).error().message);
            return {};
        }
        if (auto r = apply(db, *version + 1); !r) {
            (void)exec(db, "ROLLBACK", "undo migration");
            return r;
        }
        if (auto r = exec(db, "COMMIT", "commit migration"); !r) {
            (void)exec(db, "ROLLBACK", "undo migration");
            return r;
        }
    }
}

}  // namespace dossier::store::detail
