#pragma once
// RAII wrappers over sqlite3 connections and prepared statements (private to store).
#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "dossier/core/result.hpp"

namespace dossier::store::detail {

struct DbCloser {
    void operator()(sqlite3* db) const noexcept { sqlite3_close_v2(db); }
};
using DbHandle = std::unique_ptr<sqlite3, DbCloser>;

/// "store: <what>: <sqlite message>" for the connection's last error.
std::string db_error(sqlite3* db, std::string_view what);

/// Runs SQL text without parameters (schema, pragmas, transaction control). Fails with
/// db_error(db, what).
core::Result<void> exec(sqlite3* db, const char* sql, std::string_view what);

/// Runs `body` (returning a core::Result) inside SAVEPOINT `name`: released when it succeeds,
/// rolled back to and released when it fails, so its writes happen together or not at all,
/// inside or outside an open transaction. Returns body's result, or the savepoint's failure.
template <typename Body>
auto in_savepoint(sqlite3* db, const std::string& name, Body&& body) -> decltype(body()) {
    if (auto r = exec(db, ("SAVEPOINT " + name).c_str(), name); !r) return core::fail(r.error().message);
    auto result = body();
    if (!result) {
        (void)exec(db, ("ROLLBACK TO " + name + "; RELEASE " + name).c_str(), name);
        return result;
    }
    if (auto r = exec(db, ("RELEASE " + name).c_str(), name); !r) return core::fail(r.error().message);
    return result;
}

/// A prepared statement. Binding indexes are 1-based, column indexes 0-based, as in SQLite.
class Statement {
public:
    Statement() = default;
    Statement(Statement&& other) noexcept : m_stmt(other.m_stmt), m_db(other.m_db) { other.m_stmt = nullptr; }
    Statement& operator=(Statement&& other) noexcept;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    ~Statement() { sqlite3_finalize(m_stmt); }

    /// Compiles `sql`; fails with db_error(db, what).
    static core::Result<Statement> prepare(sqlite3* db, std::string_view sql, std::string_view what);
    bool prepared() const noexcept { return m_stmt != nullptr; }
    /// The raw statement, for a loop over millions of rows (band_filter_table.cpp).
    sqlite3_stmt* get() const noexcept { return m_stmt; }

    void bind(int index, std::int64_t value) noexcept;
    void bind(int index, double value) noexcept;
    /// Binds a copy of the text (an empty view binds '', never NULL).
    void bind(int index, std::string_view value) noexcept;
    void bind(int index, const std::string& value) noexcept { bind(index, std::string_view(value)); }
    void bind(int index, const char* value) noexcept { bind(index, std::string_view(value)); }
    /// Binds a copy of `bytes` as a BLOB.
    void bind_blob(int index, std::string_view bytes) noexcept;
    void bind_null(int index) noexcept;
    void bind(int index, std::optional<std::int64_t> value) noexcept;

    /// Steps once: true with a row, false when done; fails with db_error(db, what).
    core::Result<bool> step(std::string_view what);
    /// Steps to completion (for statements without rows).
    core::Result<void> run(std::string_view what);
    /// Makes the statement reusable and releases its bindings.
    void reset() noexcept;

    bool is_null(int col) const noexcept { return sqlite3_column_type(m_stmt, col) == SQLITE_NULL; }
    std::int64_t int64(int col) const noexcept { return sqlite3_column_int64(m_stmt, col); }
    double real(int col) const noexcept { return sqlite3_column_double(m_stmt, col); }
    std::string text(int col) const;
    /// The column's bytes as a BLOB (empty for NULL).
    std::string blob(int col) const;
    std::optional<std::int64_t> opt_int64(int col) const noexcept;
    /// The primary result code of the connection's last failure (SQLITE_ERROR, SQLITE_BUSY ...).
    int error_code() const noexcept { return sqlite3_errcode(m_db) & 0xFF; }

private:
    sqlite3_stmt* m_stmt = nullptr;
    sqlite3* m_db = nullptr;
};

/// Resets a cached statement when it leaves scope, whatever path returns.
class ResetGuard {
public:
    explicit ResetGuard(Statement& st) noexcept : m_st(st) {}
    ResetGuard(const ResetGuard&) = delete;
    ResetGuard& operator=(const ResetGuard&) = delete;
    ~ResetGuard() { m_st.reset(); }

private:
    Statement& m_st;
};

}  // namespace dossier::store::detail
