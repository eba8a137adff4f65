// Opening the archive (checks before any write), transactions, and the per-article calls.
#include "dossier/store/article_store.hpp"

#include <algorithm>
#include <system_error>

#include "article_rows.hpp"
#include "band_filter_table.hpp"
#include "dossier/core/date_time.hpp"
#include "fts5_tokenizer.hpp"
#include "index_queue.hpp"
#include "schema.hpp"
#include "sort_key.hpp"
#include "sql_functions.hpp"
#include "store_state.hpp"

namespace dossier::store {

namespace {

using detail::StoreState;

struct Inspection {
    std::int64_t application_id = 0;
    int version = 0;
    std::int64_t objects = 0;  // rows in sqlite_master: 0 for a new, empty database
};

/// Reads the header fields that decide whether this is a dossier archive. Only reads.
core::Result<Inspection> inspect(sqlite3* db, const std::filesystem::path& path) {
    sqlite3_stmt* raw = nullptr;
    const char* sql =
        "SELECT (SELECT application_id FROM pragma_application_id), (SELECT user_version FROM pragma_user_version), "
        "(SELECT count(*) FROM sqlite_master)";
    int rc = sqlite3_prepare_v2(db, sql, -1, &raw, nullptr);
    if (rc == SQLITE_OK) rc = sqlite3_step(raw);
    Inspection out;
    if (rc == SQLITE_ROW) {
        out.application_id = sqlite3_column_int64(raw, 0);
        out.version = sqlite3_column_int(raw, 1);
        out.objects = sqlite3_column_int64(raw, 2);
    }
    sqlite3_finalize(raw);
    if (rc == SQLITE_ROW) return out;
    if ((sqlite3_errcode(db) & 0xFF) == SQLITE_NOTADB)
        return core::fail("store: not a dossier archive (not an SQLite database): " + path.string());
    return core::fail(detail::db_error(db, "cannot read " + path.string()));
}

/// Decides from the inspection whether the open may go on; never touches the file.
core::Result<void> check_archive(const Inspection& info, OpenMode mode, const std::filesystem::path& path) {
    const bool empty = info.application_id == 0 && info.objects == 0 && info.version == 0;
    if (!empty && info.application_id != k_application_id)
        return core::fail("store: not a dossier archive (another application's SQLite database): " + path.string());
    if (info.version > latest_schema_version())
        return core::fail("store: archive schema version " + std::to_string(info.version) +
                          " is newer than this dossier supports (" + std::to_string(latest_schema_version()) +
                          "); upgrade dossier: " + path.string());
    if (mode == OpenMode::read_only && empty)
        return core::fail("store: empty database, not a dossier archive yet: " + path.string());
    if (mode == OpenMode::read_only && info.version < latest_schema_version())
        return core::fail("store: archive schema version " + std::to_string(info.version) + " is older than " +
                          std::to_string(latest_schema_version()) +
                          "; run a write command (dossier crawl or import) once to upgrade it: " + path.string());
    return {};
}

core::Result<void> configure(sqlite3* db, OpenMode mode) {
    if (mode == OpenMode::read_only) return detail::exec(db, "PRAGMA foreign_keys = ON; PRAGMA query_only = ON", "configure");
    // WAL: readers (search) never block the nightly writer; NORMAL is durable at checkpoints
    // and safe against corruption in WAL mode, and much faster for batched writes.
    auto st = detail::Statement::prepare(db, "PRAGMA journal_mode = WAL", "set WAL mode");
    if (!st) return core::fail(std::move(st).error().message);
    auto row = st->step("set WAL mode");
    if (!row) return core::fail(std::move(row).error().message);
    if (!*row || st->text(0) != "wal") return core::fail("store: this file system does not support WAL mode");
    // cache_size: 64 MiB instead of 2 MiB keeps the upper levels of the url, hash and time
    // indexes (random-order inserts) and of the FTS5 index in memory as an archive grows.
    // temp_store: the index queue and sorts stay in memory instead of a temporary file.
    return detail::exec(db,
                        "PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA cache_size = -65536; "
                        "PRAGMA temp_store = MEMORY",
                        "configure");
}

core::Result<std::unique_ptr<StoreState>> open_state(const std::filesystem::path& path, OpenMode mode, int target) {
    std::error_code ec;
    const bool exists = std::filesystem::exists(path, ec);
    if (mode == OpenMode::read_only && !exists) return core::fail("store: no archive database at " + path.string());
    auto state = std::make_unique<StoreState>();
    state->mode = mode;
    state->path = path;
    sqlite3* raw = nullptr;
    const int flags = mode == OpenMode::read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
    state->db.reset(raw);
    if (rc != SQLITE_OK) return core::fail(detail::db_error(raw, "cannot open " + path.string()));
    sqlite3* db = state->handle();
    sqlite3_extended_result_codes(db, 1);
    sqlite3_busy_timeout(db, 5000);  // a crawl writing beside a search waits instead of failing
    // Inspect before anything else: preparing any statement reads the file's schema, and a
    // file that is not an archive must get our one-line error, not SQLite's.
    auto info = inspect(db, path);
    if (!info) return core::fail(std::move(info).error().message);
    if (auto r = check_archive(*info, mode, path); !r) return core::fail(r.error().message);
    if (auto r = detail::register_tokenizer(db); !r) return core::fail(r.error().message);
    if (auto r = detail::register_sql_functions(db); !r) return core::fail(r.error().message);
    if (auto r = configure(db, mode); !r) return core::fail(r.error().message);
    if (mode == OpenMode::read_write && info->version < target) {
        if (auto r = detail::migrate(db, target); !r) return core::fail(r.error().message);
    }
    if (mode == OpenMode::read_write) {
        if (auto r = detail::create_index_queue(db); !r) return core::fail(r.error().message);
    }
    auto version = detail::read_user_version(db);
    if (!version) return core::fail(std::move(version).error().message);
    state->version = *version;
    return state;
}

}  // namespace

int latest_schema_version() noexcept { return detail::migration_count(); }

core::Result<void> ArticleStore::set_cache_mib(int mib) {
    if (mib < 1) return core::fail("store: cache size must be at least 1 MiB");
    const std::string sql = "PRAGMA cache_size = -" + std::to_string(mib * 1024);
    return detail::exec(m_state->db.get(), sql.c_str(), "set cache size");
}

core::Result<ArticleStore> ArticleStore::open(const std::filesystem::path& path, OpenMode mode) {
    auto state = open_state(path, mode, latest_schema_version());
    if (!state) return core::fail(std::move(state).error().message);
    return ArticleStore(std::move(*state));
}

core::Result<void> create_archive_at_version(const std::filesystem::path& path, int version) {
    if (version < 1 || version > latest_schema_version())
        return core::fail("store: no schema version " + std::to_string(version));
    auto state = open_state(path, OpenMode::read_write, version);
    if (!state) return core::fail(std::move(state).error().message);
    return {};
}

ArticleStore::ArticleStore(std::unique_ptr<detail::StoreState> state) : m_state(std::move(state)) {}
ArticleStore::ArticleStore(ArticleStore&&) noexcept = default;
ArticleStore& ArticleStore::operator=(ArticleStore&&) noexcept = default;
ArticleStore::~ArticleStore() = default;

int ArticleStore::schema_version() const { return m_state->version; }

core::Result<void> ArticleStore::begin() {
    if (auto r = m_state->require_writable(); !r) return r;
    if (sqlite3_get_autocommit(m_state->handle()) == 0) return core::fail("store: a transaction is already open");
    // IMMEDIATE takes the write lock now, so a concurrent writer waits on busy_timeout here
    // instead of failing later when a read transaction cannot be upgraded.
    return detail::exec(m_state->handle(), "BEGIN IMMEDIATE", "begin transaction");
}

core::Result<void> ArticleStore::commit() {
    if (sqlite3_get_autocommit(m_state->handle()) != 0) return core::fail("store: no transaction to commit");
    if (auto r = detail::index_queued(*m_state); !r) return r;
    if (auto r = detail::flush_band_filter(*m_state); !r) return r;
    return detail::exec(m_state->handle(), "COMMIT", "commit");
}

core::Result<void> ArticleStore::rollback() {
    if (sqlite3_get_autocommit(m_state->handle()) != 0) return core::fail("store: no transaction to roll back");
    auto r = detail::exec(m_state->handle(), "ROLLBACK", "roll back");
    if (sqlite3_get_autocommit(m_state->handle()) != 0) {
        detail::queue_rolled_back(*m_state);
        detail::drop_band_filter(*m_state);  // it may hold rows the rollback took back
    }
    return r;
}

namespace {

using detail::Statement;

/// The id the next article gets: SQLite's own choice for a rowid table (max + 1), taken
/// before the insert because the sort key (sort_key.hpp) is made from it.
core::Result<std::int64_t> next_id(StoreState& s) {
    auto st = s.cached(s.next_id, "SELECT coalesce(max(id), 0) + 1 FROM articles", "next article id");
    if (!st) return core::fail(std::move(st).error().message);
    detail::ResetGuard guard(**st);
    auto row = (*st)->step("next article id");
    if (!row) return core::fail(std::move(row).error().message);
    const std::int64_t id = (*st)->int64(0);
    if (id > detail::k_max_sort_key_id) return core::fail("store: the archive is full (2^30 articles)");
    return id;
}

core::Result<std::int64_t> insert_rows(StoreState& s, const core::Article& a) {
    auto ins = s.cached(s.insert_article, detail::k_insert_article_sql, "prepare article insert");
    if (!ins) return core::fail(std::move(ins).error().message);
    auto new_id = next_id(s);
    if (!new_id) return new_id;
    detail::ResetGuard guard(**ins);
    const std::int64_t first_seen = a.first_seen != 0 ? a.first_seen : core::now_seconds();
    if (auto r = detail::bind_article(**ins, a, first_seen); !r) return core::fail(r.error().message);
    const std::int64_t time = a.published ? a.published->seconds : first_seen;
    const std::int64_t key = detail::sort_key(time, *new_id);
    // A new story starts a group named after its first member (migration 6).
    const std::int64_t group = a.group_id != 0 ? a.group_id : *new_id;
    (*ins)->bind(29, *new_id);
    (*ins)->bind(30, key);
    (*ins)->bind(31, group);
    if (auto r = (*ins)->run("insert article " + a.url); !r) return core::fail(r.error().message);
    const std::int64_t id = *new_id;
    if (a.group_id == 0) {
        auto g = s.cached(s.new_group, "INSERT INTO story_groups (id, original_id) VALUES (?1, ?1)", "start story");
        if (!g) return core::fail(std::move(g).error().message);
        detail::ResetGuard group_guard(**g);
        (*g)->bind(1, id);
        if (auto r = (*g)->run("start story " + a.url); !r) return core::fail(r.error().message);
    }
    if (auto r = detail::queue_for_index(s, id); !r) return core::fail(r.error().message);
    if (auto r = detail::insert_cves(s, id, key, a); !r) return core::fail(r.error().message);
    auto tag = s.cached(s.insert_tag, "INSERT INTO article_tags (article_id, ord, tag) VALUES (?1, ?2, ?3)",
                        "prepare tag insert");
    if (!tag) return core::fail(std::move(tag).error().message);
    for (std::size_t k = 0; k < a.tags.size(); ++k) {
        detail::ResetGuard tag_guard(**tag);
        (*tag)->bind(1, id);
        (*tag)->bind(2, static_cast<std::int64_t>(k));
        (*tag)->bind(3, a.tags[k]);
        if (auto r = (*tag)->run("insert tag " + a.url); !r) return core::fail(r.error().message);
    }
    return id;
}

core::Result<std::optional<std::int64_t>> single_id(StoreState& s, const char* sql, std::string_view key,
                                                    std::string_view what) {
    if (key.empty()) return std::optional<std::int64_t>{};
    auto st = detail::Statement::prepare(s.handle(), sql, what);
    if (!st) return core::fail(std::move(st).error().message);
    st->bind(1, key);
    auto row = st->step(what);
    if (!row) return core::fail(std::move(row).error().message);
    return *row ? st->opt_int64(0) : std::nullopt;
}

/// Runs one of put()'s savepoint statements, prepared once per connection.
core::Result<void> savepoint_step(StoreState& s, Statement& slot, const char* sql) {
    auto st = s.cached(slot, sql, "insert article");
    if (!st) return core::fail(std::move(st).error().message);
    detail::ResetGuard guard(**st);
    return (*st)->run("insert article");
}

}  // namespace

core::Result<std::int64_t> ArticleStore::put(const core::Article& a) {
    if (auto r = m_state->require_writable(); !r) return core::fail(r.error().message);
    if (a.url.empty()) return core::fail("store: article has no url");
    StoreState& s = *m_state;
    // Outside begin() this put is its own transaction, so it indexes its row before releasing.
    const bool own_transaction = sqlite3_get_autocommit(s.handle()) != 0;
    // A savepoint makes the row, its tags and its queue entry one unit, inside or outside begin().
    if (auto r = savepoint_step(s, s.savepoint, "SAVEPOINT put_article"); !r) return core::fail(r.error().message);
    auto id = insert_rows(s, a);
    if (id && own_transaction) {
        if (auto r = detail::index_queued(s); !r) id = core::fail(r.error().message);
    }
    if (!id) {
        (void)savepoint_step(s, s.rollback_to, "ROLLBACK TO put_article");
        (void)savepoint_step(s, s.release, "RELEASE put_article");
        return id;
    }
    if (auto r = savepoint_step(s, s.release, "RELEASE put_article"); !r) return core::fail(r.error().message);
    return id;
}

core::Result<std::optional<std::int64_t>> ArticleStore::find_by_url(std::string_view url) {
    // Two indexed lookups; an OR over two columns could fall back to a table scan.
    return single_id(*m_state,
                     "SELECT min(id) FROM (SELECT id FROM articles WHERE url = ?1 "
                     "UNION ALL SELECT id FROM articles WHERE canonical_url = ?1)",
                     url, "find by url");
}

core::Result<std::optional<std::int64_t>> ArticleStore::find_by_body_hash(std::string_view body_hash) {
    return single_id(*m_state, "SELECT min(id) FROM articles WHERE body_hash = ?1", body_hash, "find by body hash");
}

core::Result<std::optional<core::Article>> ArticleStore::get(std::int64_t id) {
    return detail::load_article(*m_state, id);
}

}  // namespace dossier::store
