#pragma once
// judge(): is an incoming article a copy of a stored one? Scores the candidates the store found
// by LSH band keys against the thresholds below. No SQL, no I/O.
#include <cstdint>
#include <optional>
#include <span>

#include "dossier/core/date_time.hpp"
#include "dossier/dedup/minhash.hpp"

namespace dossier::dedup {

/// Every dedup threshold, with the measurement behind it. [issue 6]: measured before any code.
/// [quality]: printed by tests/unit/dedup/dedup_quality_test.cpp over tests/fixtures/dedup —
/// 74 texts (63 real ones in zh/ja/en/de/es/fr/cs/pt, 11 written for the test), 446 copies
/// (other chrome, first half, middle 60 %, light edits, paragraphs reversed, chrome + edits, 2 real
/// copies from other captures) and 4,124 negative pairs (every pair of different texts, incl.
/// articles on one CVE or vendor, and short real articles inside one site template).
/// Result: 0 false positives, 1 false negative.
struct Thresholds {
    /// Same story when the smaller shingle set lies this much inside the larger.
    /// [issue 6] caught every edited copy and half-length excerpt; highest negative 0.70.
    /// [quality] lowest excerpt 0.858 (first half), lowest chrome copy 0.959; highest negative
    /// 0.568 (short articles in one template), 0.489 between full texts (two monthly roundups).
    double same_story_containment = 0.8;
    /// Near-duplicate when the estimated Jaccard reaches this.
    /// [issue 6] caught 99 % of edited copies.
    /// [quality] lowest light edit 0.578, lowest reordering 0.633; highest negative 0.383
    /// (template), 0.32 between full texts. The one miss: chrome plus edits around a 1.2 KB
    /// article (J 0.44, C 0.68).
    double near_duplicate_jaccard = 0.5;
    /// Containment counts only from this estimated Jaccard on. Its error is the Jaccard error
    /// times (|A| + |B|) / min(|A|, |B|): a 100-shingle text sharing 40 % with a 1,000-shingle
    /// one (J 0.038, about 5 equal slots) moves 0.08 per slot and reaches 0.8 in about 1 % of
    /// such pairs; at J 0.2 (26 slots) that takes 10 standard errors. Costs nothing the crawl
    /// would find: LSH proposes a pair at J 0.2 with probability 0.05. [quality] lowest
    /// grouped excerpt J 0.391; the one-sentence teaser in pairs/ (J 0.09, C 0.63) stays apart.
    double containment_min_jaccard = 0.2;
};

/// The thresholds dossier runs with.
inline constexpr Thresholds k_thresholds{};

/// A stored article the store found by a shared band key.
struct Candidate {
    std::int64_t id = 0;
    Fingerprint fingerprint;
    std::optional<core::DateTime> published;
    /// The incoming article's origin URL (provenance) has the candidate's URL key: the incoming
    /// article says it copies this one.
    bool cited_by_incoming = false;
    /// The candidate's origin URL has the incoming article's URL key: it says it copies the
    /// incoming one.
    bool cites_incoming = false;
};

/// The incoming article as judge() needs it.
struct Incoming {
    Fingerprint fingerprint;
    std::optional<core::DateTime> published;
};

enum class Relation {
    new_story,       ///< no candidate passes: the article starts its own group
    same_story,      ///< containment >= same_story_containment: a copy, excerpt or extension
    near_duplicate,  ///< Jaccard >= near_duplicate_jaccard: an edited copy
};

struct Verdict {
    Relation relation = Relation::new_story;
    /// The matched candidate's id (0 for new_story). The incoming article joins its group.
    std::int64_t match_id = 0;
    /// Scores of the matched candidate, or of the best-scoring one for new_story (0 without
    /// candidates), so callers can log how close a miss was.
    double jaccard = 0.0;
    double containment = 0.0;
    /// True when the incoming article, not the match, is the original of the two (see
    /// is_original_over); false for new_story.
    bool incoming_is_original = false;
};

/// Judges `incoming` against `candidates`. A candidate passes when containment (trusted only at
/// Jaccard >= containment_min_jaccard) or Jaccard reaches its threshold; among those passing,
/// the one the incoming article cites wins, then the highest Jaccard, then the lowest id.
/// same_story takes precedence over near_duplicate for the same candidate.
Verdict judge(const Incoming& incoming, std::span<const Candidate> candidates,
              const Thresholds& thresholds = k_thresholds);

/// What decides which of two copies is the group's original.
struct CopyFacts {
    std::optional<core::DateTime> published;
    bool cites_other = false;  ///< its origin URL names the other copy
};

/// True when `a` rather than `b` is the original: an explicit attribution wins (a copy that
/// cites the other is not the original; one the other cites is), then the earlier publication
/// instant (an unknown offset counts as UTC; when either is a date only, the calendar days are
/// compared). False when neither decides (a missing date, the same day or instant), so the
/// copy stored first stays the original.
bool is_original_over(const CopyFacts& a, const CopyFacts& b);

}  // namespace dossier::dedup
