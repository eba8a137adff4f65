#pragma once
// Prefix queries as an OR of index terms (docs/search.md, "Prefix queries"). Private to store.
#include <sqlite3.h>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dossier/core/result.hpp"

namespace dossier::store::detail {

/// A prefix phrase is expanded only when the index holds at most this many terms with it...
inline constexpr std::size_t k_max_prefix_terms = 32;
/// ...and the prefixes of one query look up at most this many terms in all.
inline constexpr std::size_t k_max_expanded_terms = 64;

/// The index terms of articles_fts that start with `prefix` (a token as the tokenizer writes
/// it), in byte order; nullopt when there are more than `max_terms`. Each step to the next
/// term is a seek in every index segment (fts5vocab, "instance"), so this costs about one
/// seek per term, not a read of the terms' matches. Fails with the store's message.
core::Result<std::optional<std::vector<std::string>>> prefix_terms(sqlite3* db, std::string_view prefix,
                                                                   std::size_t max_terms = k_max_prefix_terms);

/// `match` (an expression written by parse_query) with each prefix phrase of one token
/// (`"explo"*`, `title : "vuln"*`) replaced by the OR of the index terms it stands for
/// (`("exploit" OR "exploited")`), when prefix_terms finds some and each of them, as a query,
/// is exactly that one token. The result matches the same rows. Other phrases, prefixes with
/// more terms, and the prefixes after k_max_expanded_terms terms were looked up, stay as they
/// are. Fails with the store's message.
core::Result<std::string> expand_prefixes(sqlite3* db, std::string_view match);

}  // namespace dossier::store::detail
