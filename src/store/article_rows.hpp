#pragma once
// Mapping between core::Article and rows of the articles table (private to store).
#include <cstdint>
#include <optional>

#include "dossier/core/article.hpp"
#include "store_state.hpp"

namespace dossier::store::detail {

/// The article columns every SELECT lists first, table alias `a`, in read_article's order.
extern const char* const k_article_columns;
inline constexpr int k_article_column_count = 25;

/// INSERT statement whose first 24 parameters bind_article fills; ?25 is the new id and ?26
/// its sort key (sort_key.hpp), which the caller binds.
extern const char* const k_insert_article_sql;

/// Binds every stored field of `a` to the insert statement. Fails when a capture offset or
/// length does not fit SQLite's signed 64-bit integers.
core::Result<void> bind_article(Statement& st, const core::Article& a, std::int64_t first_seen);

/// Reads the article in the current row of `st` (columns 0..24) and its tags. Fails when a
/// stored JSON column is corrupt or the tag query fails.
core::Result<core::Article> read_article(StoreState& state, const Statement& st);

/// The article with this id (read_article), or empty when there is none.
core::Result<std::optional<core::Article>> load_article(StoreState& state, std::int64_t id);

}  // namespace dossier::store::detail
