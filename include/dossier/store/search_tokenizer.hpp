#pragma once
// The FTS5 tokenizer dossier registers on every SQLite connection under the name "dossier"
// (docs/search.md, "Tokenizer"). Han/kana/Hangul runs become overlapping bigrams with each
// character also indexed as a unigram at its own position; letters and digits of other
// scripts follow SQLite's unicode61 rules (folded for case, width and diacritics).
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace dossier::store {

/// The version of the document tokens. Bumped whenever the tokens of stored text change; the
/// schema then gets a migration that rebuilds the full-text index (docs/search.md, "Reindex"),
/// and ArticleStore records the version the index was built with.
/// 2: ".net" beside "net" after a dot; IPv4 addresses and CVE ids also as one token.
inline constexpr int k_tokenizer_version = 2;

/// What the text is tokenized for. Documents get every token, including colocated ones
/// (unigrams beside bigrams, "c" beside "c++", "cve-2025-59934" beside "cve"); queries get
/// only the tokens a phrase needs. A prefix query ("CVE-2025-5993*") is a query whose
/// addresses and CVE ids stay in parts, so its last part can be a prefix.
enum class TokenizeMode { document, query, prefix_query };

/// One token as FTS5 receives it.
struct SearchToken {
    std::string text;        ///< folded UTF-8 ("漏洞", "cve", "c++")
    bool colocated = false;  ///< at the same position as the previous token (a synonym)
    std::size_t start = 0;   ///< byte offset of the token's first character in the input
    std::size_t end = 0;     ///< byte offset just past its last character

    friend bool operator==(const SearchToken&, const SearchToken&) = default;
};

/// Returns the tokens the "dossier" FTS5 tokenizer produces for `text` in `mode`. Never
/// fails: invalid UTF-8 reads as U+FFFD, which separates tokens. For debugging and tests;
/// the FTS5 index calls the same code.
std::vector<SearchToken> tokenize_for_search(std::string_view text, TokenizeMode mode);

}  // namespace dossier::store
