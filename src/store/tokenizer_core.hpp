#pragma once
// The tokenizer algorithm behind the "dossier" FTS5 tokenizer, with FTS5's callback shape so
// the SQLite glue passes xToken straight through (private to store).
#include <string_view>

#include "dossier/store/search_tokenizer.hpp"

namespace dossier::store::detail {

/// Receives one token; the same signature as FTS5's xToken. A non-zero return stops
/// tokenizing and is returned by tokenize().
using TokenSink = int (*)(void* ctx, int flags, const char* token, int size, int start, int end);

/// The flag bit for a token at the same position as the previous one (FTS5_TOKEN_COLOCATED).
inline constexpr int k_token_colocated = 0x0001;

/// Tokenizes `text` (docs/search.md, "Tokenizer") and passes each token to `sink`.
/// Returns 0, or the first non-zero value `sink` returned.
int tokenize(std::string_view text, TokenizeMode mode, TokenSink sink, void* ctx);

}  // namespace dossier::store::detail
