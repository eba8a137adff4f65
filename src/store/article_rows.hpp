#pragma once
// Mapping between core::Article and rows of the articles table (private to store).
#include <cstdint>
#include <optional>

#include "dossier/core/article.hpp"
#include "store_state.hpp"

namespace dossier::store::detail {

/// The article columns every SELECT lists first, table alias `a`, in read_article's order.
extern const char* const k_article_columns;
inline constexpr int k_article_column_count = 30;

/// INSERT statement whose first 28 parameters bind_article fills; ?29 is the new id, ?30 its
/// sort key (sort_key.hpp) and ?31 its story group, which the caller binds.
extern const char* const k_insert_article_sql;

/// The stored name of a date precision: "date", "minute" or "second".
const char* precision_name(core::DateTime::Precision p);

/// Binds a date to three consecutive parameters from `first`: seconds, offset (NULL when
/// unknown), precision; all three NULL for no date.
void bind_date(Statement& st, int first, const std::optional<core::DateTime>& d);

/// Reads a date stored by bind_date from three consecutive columns from `first`.
std::optional<core::DateTime> read_date(const Statement& st, int first);

/// Binds every stored field of `a` to the insert statement. Fails when a capture offset or
/// length does not fit SQLite's signed 64-bit integers.
core::Result<void> bind_article(Statement& st, const core::Article& a, std::int64_t first_seen);

/// Reads the article in the current row of `st` (columns 0..29) and its tags. Fails when a
/// stored JSON column is corrupt or the tag query fails.
core::Result<core::Article> read_article(StoreState& state, const Statement& st);

/// Inserts the CVE rows of article `id` (sort key `key`): the ids find_cve_ids finds in its
/// title and text, each once. Fails when SQLite fails.
core::Result<void> insert_cves(StoreState& s, std::int64_t id, std::int64_t key, const core::Article& a);

/// The article with this id (read_article), or empty when there is none.
core::Result<std::optional<core::Article>> load_article(StoreState& state, std::int64_t id);

}  // namespace dossier::store::detail
