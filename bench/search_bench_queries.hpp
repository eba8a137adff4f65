#pragma once
// The search benchmark's fixed query set, in named classes. Rare and common terms are taken
// from the generator's own vocabulary ranks, so "rare" and "common" are true of the archive.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "dossier/store/article_store.hpp"
#include "search_bench_gen.hpp"
#include "search_bench_vocab.hpp"

namespace dossier::bench {

struct BenchQuery {
    std::string cls;              ///< class: zh-common, zh-rare, zh-1char, zh-phrase, en-..., id, filtered, boolean
    std::string text;             ///< the user query, as typed after `dossier search`
    store::ArticleFilter filter;  ///< extra filter fields (limit is set by the timer)
    std::string note;             ///< where the term comes from ("zh rank 20013"), or the filter fields
    /// The planted identifier whose article count the generator tracks; empty when the
    /// query's true match count is not known.
    std::string truth_key;
};

/// The query set (>= 50 queries), the same for every archive and seed.
std::vector<BenchQuery> make_queries(const Vocabularies& vocab, const IdPools& pools);

/// The class names in print order.
std::vector<std::string> query_classes();

/// A TruthCounts with a zero count for every truth_key of `queries`.
TruthCounts tracked_ids(const std::vector<BenchQuery>& queries);

/// Unix seconds of midnight UTC of a date.
std::int64_t utc_midnight(int year, unsigned month, unsigned day);

}  // namespace dossier::bench
