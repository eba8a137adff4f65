// Thin RAII layer over the sqlite3 C API; every SQLite error becomes a "store: ..." Result.
#include "sqlite_statement.hpp"

#include <cstring>
#include <limits>

namespace dossier::store::detail {

namespace {

// SQLITE_TRANSIENT is a macro with an old-style cast; this is the same sentinel, spelled in C++.
const sqlite3_destructor_type k_transient =
    reinterpret_cast<sqlite3_destructor_type>(static_cast<std::intptr_t>(-1));

}  // namespace

std::string db_error(sqlite3* db, std::string_view what) {
    std::string message = "store: ";
    message += what;
    message += ": ";
    message += db != nullptr ? sqlite3_errmsg(db) : "out of memory";
    // An I/O error or a full disk says more with the OS reason ("disk I/O error (File too large)").
    if (db != nullptr) {
        const int code = sqlite3_extended_errcode(db) & 0xFF;
        const int os = sqlite3_system_errno(db);
        if ((code == SQLITE_IOERR || code == SQLITE_FULL || code == SQLITE_CANTOPEN) && os != 0) {
            message += " (";
            message += std::strerror(os);
            message += ")";
        }
    }
    return message;
}

core::Result<void> exec(sqlite3* db, const char* sql, std::string_view what) {
    if (sqlite3_exec(db, sql, nullptr, nullptr, nullptr) != SQLITE_OK) return core::fail(db_error(db, what));
    return {};
}

Statement& Statement::operator=(Statement&& other) noexcept {
    if (this != &other) {
        sqlite3_finalize(m_stmt);
        m_stmt = other.m_stmt;
        m_db = other.m_db;
        other.m_stmt = nullptr;
    }
    return *this;
}

core::Result<Statement> Statement::prepare(sqlite3* db, std::string_view sql, std::string_view what) {
    Statement st;
    st.m_db = db;
    if (sql.size() > static_cast<std::size_t>(std::numeric_limits<int>::max()))
        return core::fail("store: " + std::string(what) + ": statement too long");
    if (sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &st.m_stmt, nullptr) != SQLITE_OK)
        return core::fail(db_error(db, what));
    return st;
}

void Statement::bind(int index, std::int64_t value) noexcept { sqlite3_bind_int64(m_stmt, index, value); }

void Statement::bind(int index, double value) noexcept { sqlite3_bind_double(m_stmt, index, value); }

void Statement::bind(int index, std::string_view value) noexcept {
    const char* data = value.data() != nullptr ? value.data() : "";
    sqlite3_bind_text64(m_stmt, index, data, value.size(), k_transient, SQLITE_UTF8);
}

void Statement::bind_blob(int index, std::string_view bytes) noexcept {
    const char* data = bytes.data() != nullptr ? bytes.data() : "";
    sqlite3_bind_blob64(m_stmt, index, data, bytes.size(), k_transient);
}

void Statement::bind_null(int index) noexcept { sqlite3_bind_null(m_stmt, index); }

void Statement::bind(int index, std::optional<std::int64_t> value) noexcept {
    if (value) bind(index, *value);
    else bind_null(index);
}

core::Result<bool> Statement::step(std::string_view what) {
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    return core::fail(db_error(m_db, what));
}

core::Result<void> Statement::run(std::string_view what) {
    for (;;) {
        auto row = step(what);
        if (!row) return core::fail(std::move(row).error().message);
        if (!*row) return {};
    }
}

void Statement::reset() noexcept {
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

std::string Statement::blob(int col) const {
    const void* p = sqlite3_column_blob(m_stmt, col);
    const int n = sqlite3_column_bytes(m_stmt, col);
    if (p == nullptr) return {};
    return std::string(static_cast<const char*>(p), static_cast<std::size_t>(n));
}

std::string Statement::text(int col) const {
    const auto* p = sqlite3_column_text(m_stmt, col);
    const int n = sqlite3_column_bytes(m_stmt, col);
    if (p == nullptr) return {};
    return std::string(reinterpret_cast<const char*>(p), static_cast<std::size_t>(n));
}

std::optional<std::int64_t> Statement::opt_int64(int col) const noexcept {
    if (is_null(col)) return std::nullopt;
    return int64(col);
}

}  // namespace dossier::store::detail
