#pragma once
// The search benchmark's article generator: article number i of an archive of N is a pure
// function of (seed, i, N), so an archive can be regenerated, extended by a writer thread
// (i >= N) and checked against the planted IDs it holds.
#include <cstdint>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "dossier/core/article.hpp"
#include "search_bench_rng.hpp"
#include "search_bench_vocab.hpp"

namespace dossier::bench {

/// Identifiers planted into article text, each pool in rank order with a Zipf sampler.
/// Independent of --seed, so queries name the same IDs for every archive.
struct IdPools {
    std::vector<std::string> cves, ips, sha256s, md5s;
    Zipf cve_zipf, ip_zipf, sha_zipf, md5_zipf, product_zipf;
};

/// Builds the pools. CVE ranks 0, 1, 40 and 3000/3001 are pinned: CVE-2021-44228,
/// CVE-2025-59934 (common) and CVE-2025-5993 (its prefix, rarer), CVE-2023-4966/CVE-2023-49660.
IdPools make_id_pools(std::size_t product_count);

/// How many articles mention each tracked identifier (exact, from the generator).
using TruthCounts = std::unordered_map<std::string, std::int64_t>;

class Generator {
public:
    /// `vocab` and `pools` must outlive the generator. `n` is the archive size the timeline
    /// (five years, 2021-2025) is spread over; articles past n continue it.
    Generator(const Vocabularies& vocab, const IdPools& pools, std::uint64_t seed, std::int64_t n);

    /// Article number `index` (url unique per index). When `truth` is given, adds 1 to the
    /// count of each of its keys that the article's title or body mentions.
    core::Article make(std::int64_t index, TruthCounts* truth = nullptr) const;

    /// The sources as (id, language), Chinese ones first.
    std::vector<std::pair<std::string, std::string>> sources() const;

private:
    std::vector<std::string> planted_ids(Rng& rng, bool zh) const;
    std::string body(Rng& rng, bool zh, const std::vector<std::string>& topics,
                     const std::vector<std::string>& inserts) const;
    std::string title(Rng& rng, bool zh, const std::vector<std::string>& inserts) const;
    const std::string& word(Rng& rng, bool zh, const std::vector<std::string>& topics) const;
    void set_dates(Rng& rng, std::int64_t index, bool zh, core::Article& a) const;

    const Vocabularies& m_vocab;
    const IdPools& m_pools;
    std::uint64_t m_seed;
    std::int64_t m_n;
    Zipf m_zh_source_zipf, m_en_source_zipf, m_tag_zipf;
};

}  // namespace dossier::bench
