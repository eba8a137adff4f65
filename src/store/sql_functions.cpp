#include "sql_functions.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include "dossier/store/cve_ids.hpp"
#include "rank_function.hpp"
#include "sort_key.hpp"
#include "sqlite_statement.hpp"

namespace dossier::store::detail {

namespace {

std::string_view text_arg(sqlite3_value* v) {
    const auto* p = sqlite3_value_text(v);
    if (p == nullptr) return {};
    return {reinterpret_cast<const char*>(p), static_cast<std::size_t>(sqlite3_value_bytes(v))};
}

void sort_key_fn(sqlite3_context* ctx, int, sqlite3_value** argv) {
    const std::int64_t id = sqlite3_value_int64(argv[1]);
    if (id < 1 || id > k_max_sort_key_id) {
        sqlite3_result_error(ctx, "store: article id out of the sort key's range", -1);
        return;
    }
    sqlite3_result_int64(ctx, sort_key(sqlite3_value_int64(argv[0]), id));
}

void cves_fn(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
    std::string json = "[";
    std::vector<std::string> seen;
    for (int k = 0; k < argc; ++k) {
        for (const std::string& id : find_cve_ids(text_arg(argv[k]))) {
            if (std::find(seen.begin(), seen.end(), id) != seen.end()) continue;
            json += seen.empty() ? "\"" : ",\"";
            json += id;  // only [A-Z0-9-]: no JSON escaping needed
            json += '"';
            seen.push_back(id);
        }
    }
    json += ']';
    sqlite3_result_text(ctx, json.data(), static_cast<int>(json.size()), SQLITE_TRANSIENT);
}

}  // namespace

core::Result<void> register_sql_functions(sqlite3* db) {
    constexpr int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;
    if (sqlite3_create_function(db, "dossier_sort_key", 2, flags, nullptr, sort_key_fn, nullptr, nullptr) != SQLITE_OK)
        return core::fail(db_error(db, "register dossier_sort_key"));
    if (sqlite3_create_function(db, "dossier_cves", 2, flags, nullptr, cves_fn, nullptr, nullptr) != SQLITE_OK)
        return core::fail(db_error(db, "register dossier_cves"));
    return register_rank_function(db);
}

}  // namespace dossier::store::detail
