// FTS5 custom tokenizer glue (https://sqlite.org/fts5.html#custom_tokenizers). The tokenizer
// is stateless, so every instance is the same static object.
#include "fts5_tokenizer.hpp"

#include <new>
#include <string_view>

#include "sqlite_statement.hpp"
#include "tokenizer_core.hpp"

namespace dossier::store::detail {

namespace {

static_assert(k_token_colocated == FTS5_TOKEN_COLOCATED);

struct Instance {
    int unused = 0;
};
Instance g_instance;

int create_instance(void*, const char**, int arg_count, Fts5Tokenizer** out) {
    if (arg_count != 0) return SQLITE_ERROR;  // the tokenizer takes no options
    *out = reinterpret_cast<Fts5Tokenizer*>(&g_instance);
    return SQLITE_OK;
}

void delete_instance(Fts5Tokenizer*) {}

int tokenize_text(Fts5Tokenizer*, void* ctx, int flags, const char* text, int size,
                  int (*token)(void*, int, const char*, int, int, int)) {
    // FTS5_TOKENIZE_QUERY is set for MATCH terms (with FTS5_TOKENIZE_PREFIX for "x*");
    // documents, deletes and auxiliary functions (snippet) all tokenize as documents.
    TokenizeMode mode = TokenizeMode::document;
    if ((flags & FTS5_TOKENIZE_QUERY) != 0)
        mode = (flags & FTS5_TOKENIZE_PREFIX) != 0 ? TokenizeMode::prefix_query : TokenizeMode::query;
    if (text == nullptr || size <= 0) return SQLITE_OK;
    try {
        return tokenize(std::string_view(text, static_cast<std::size_t>(size)), mode, token, ctx);
    } catch (const std::bad_alloc&) {
        return SQLITE_NOMEM;  // never let an exception cross into SQLite's C frames
    } catch (...) {
        return SQLITE_ERROR;
    }
}

fts5_tokenizer g_tokenizer{create_instance, delete_instance, tokenize_text};

}  // namespace

core::Result<void> register_tokenizer(sqlite3* db) {
    // The documented way to reach the fts5_api: SELECT fts5(?1) with a bound pointer.
    fts5_api* api = nullptr;
    sqlite3_stmt* raw = nullptr;
    if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &raw, nullptr) != SQLITE_OK)
        return core::fail(db_error(db, "fts5 api"));
    sqlite3_bind_pointer(raw, 1, static_cast<void*>(&api), "fts5_api_ptr", nullptr);
    sqlite3_step(raw);
    sqlite3_finalize(raw);
    if (api == nullptr || api->iVersion < 2) return core::fail("store: this SQLite has no usable FTS5");
    if (api->xCreateTokenizer(api, "dossier", nullptr, &g_tokenizer, nullptr) != SQLITE_OK)
        return core::fail(db_error(db, "register tokenizer"));
    return {};
}

}  // namespace dossier::store::detail
