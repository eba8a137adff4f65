#pragma once
// Inverse document frequencies for dossier_rank (rank_function.hpp), estimated on the newest
// articles instead of counted over the whole index (docs/search.md, "Ranking"). Private to
// store.
#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "dossier/core/result.hpp"

namespace dossier::store::detail {

/// A phrase's frequency is estimated on at most this many of the newest articles...
inline constexpr std::int64_t k_idf_sample_articles = 20000;
/// ...and on fewer, the newest that hold this many of its matches, when it is that common.
inline constexpr std::int64_t k_idf_sample_hits = 1000;

/// Where a phrase sits in a MATCH expression written by parse_query.
struct PhraseSpan {
    std::size_t begin = 0, end = 0;  ///< [begin, end): column filter, quoted string and star
    std::string column;              ///< "title", "body", or empty
    std::string text;                ///< the quoted string's text, its doubled quotes undone
    bool prefix = false;             ///< a star follows the string
};

/// The phrases of `match` (written by parse_query: every phrase is a double-quoted string,
/// perhaps after `column : ` and before `*`), left to right, which is the order FTS5 numbers
/// them in.
std::vector<PhraseSpan> phrase_spans(std::string_view match);

/// The phrases of a MATCH expression written by parse_query, in the order FTS5 numbers them
/// (left to right), each as a MATCH expression of its own: its column filter, the quoted
/// string, and the prefix star (`title : "勒索"`, `"vuln"*`). Empty for an empty expression.
std::vector<std::string> match_phrases(std::string_view match);

/// The document frequency of a phrase in a sample: `hits` of `articles` articles hold it.
struct PhraseSample {
    std::int64_t hits = 0;
    std::int64_t articles = 0;
};

/// Samples each phrase of `match` (match_phrases) on the newest articles of `db`: its matches
/// among the newest k_idf_sample_articles articles, or, for a phrase with more matches there
/// than k_idf_sample_hits, its newest k_idf_sample_hits matches and the number of articles
/// they span. An archive of at most k_idf_sample_articles articles is sampled whole, so the
/// frequencies are exact. Fails with a "search:" message when FTS5 rejects a phrase, else
/// with the store's message.
core::Result<std::vector<PhraseSample>> sample_phrases(sqlite3* db, std::string_view match);

/// The number of matches of each phrase of `match` over the whole index: a pass over every
/// match of every phrase, as FTS5's bm25 makes. Given these, dossier_rank computes bm25
/// exactly. Fails like sample_phrases.
core::Result<std::vector<std::int64_t>> count_phrases(sqlite3* db, std::string_view match);

}  // namespace dossier::store::detail
