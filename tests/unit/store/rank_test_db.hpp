#pragma once
// A second connection to a test archive with the store's tokenizer and SQL functions, for the
// rank tests: they compare the store's ranks with FTS5's own bm25 and call the rank helpers
// (src/store/rank_*.hpp) directly.
#include <catch2/catch.hpp>
#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "../../../src/store/fts5_tokenizer.hpp"
#include "../../../src/store/sql_functions.hpp"

namespace dossier::store::test {

class RankTestDb {
public:
    explicit RankTestDb(const std::filesystem::path& path) {
        REQUIRE(sqlite3_open(path.c_str(), &m_db) == SQLITE_OK);
        REQUIRE(detail::register_tokenizer(m_db).has_value());
        REQUIRE(detail::register_sql_functions(m_db).has_value());
    }
    RankTestDb(const RankTestDb&) = delete;
    RankTestDb& operator=(const RankTestDb&) = delete;
    ~RankTestDb() { sqlite3_close(m_db); }

    sqlite3* get() const { return m_db; }

    /// (first column as integer, second as real) of each row of `sql` with `text` bound to ?1.
    std::vector<std::pair<std::int64_t, double>> rows(const std::string& sql, const std::string& text) const {
        sqlite3_stmt* st = nullptr;
        INFO(sql << ": " << sqlite3_errmsg(m_db));
        REQUIRE(sqlite3_prepare_v2(m_db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK);
        sqlite3_bind_text(st, 1, text.c_str(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
        std::vector<std::pair<std::int64_t, double>> out;
        int rc = 0;
        while ((rc = sqlite3_step(st)) == SQLITE_ROW)
            out.emplace_back(sqlite3_column_int64(st, 0), sqlite3_column_double(st, 1));
        sqlite3_finalize(st);
        REQUIRE(rc == SQLITE_DONE);
        return out;
    }

private:
    sqlite3* m_db = nullptr;
};

}  // namespace dossier::store::test
