// judge(): thresholds from Thresholds (judge.hpp), estimates from minhash.cpp.
#include "dossier/dedup/judge.hpp"

namespace dossier::dedup {

namespace {

struct Scored {
    const Candidate* candidate = nullptr;
    Relation relation = Relation::new_story;
    double jaccard = 0.0;
    double containment = 0.0;
};

Scored score(const Fingerprint& incoming, const Candidate& candidate, const Thresholds& t) {
    Scored s;
    s.candidate = &candidate;
    s.jaccard = jaccard_estimate(incoming.signature, candidate.fingerprint.signature);
    s.containment = containment_estimate(incoming, candidate.fingerprint);
    if (s.jaccard >= t.containment_min_jaccard && s.containment >= t.same_story_containment) {
        s.relation = Relation::same_story;
    } else if (s.jaccard >= t.near_duplicate_jaccard) {
        s.relation = Relation::near_duplicate;
    }
    return s;
}

/// The order of judge.hpp: passing first, then cited by the incoming article, then the higher
/// Jaccard, then the lower id (so the result does not depend on the candidates' order).
bool better(const Scored& a, const Scored& b) {
    const bool a_pass = a.relation != Relation::new_story;
    const bool b_pass = b.relation != Relation::new_story;
    if (a_pass != b_pass) return a_pass;
    if (a.candidate->cited_by_incoming != b.candidate->cited_by_incoming) return a.candidate->cited_by_incoming;
    if (a.jaccard != b.jaccard) return a.jaccard > b.jaccard;
    return a.candidate->id < b.candidate->id;
}

constexpr std::int64_t k_day = 86400;

std::int64_t floor_day(std::int64_t seconds) {
    return seconds >= 0 ? seconds / k_day : -((-seconds + k_day - 1) / k_day);
}

}  // namespace

Verdict judge(const Incoming& incoming, std::span<const Candidate> candidates, const Thresholds& thresholds) {
    Verdict verdict;
    std::optional<Scored> best;
    for (const Candidate& candidate : candidates) {
        const Scored s = score(incoming.fingerprint, candidate, thresholds);
        if (!best || better(s, *best)) best = s;
    }
    if (!best) return verdict;
    verdict.jaccard = best->jaccard;
    verdict.containment = best->containment;
    if (best->relation == Relation::new_story) return verdict;
    verdict.relation = best->relation;
    verdict.match_id = best->candidate->id;
    verdict.incoming_is_original =
        is_original_over({incoming.published, best->candidate->cited_by_incoming},
                         {best->candidate->published, best->candidate->cites_incoming});
    return verdict;
}

bool is_original_over(const CopyFacts& a, const CopyFacts& b) {
    if (a.cites_other != b.cites_other) return b.cites_other;
    if (!a.published || !b.published) return false;
    if (a.published->date_only() || b.published->date_only()) {
        return floor_day(a.published->local_seconds()) < floor_day(b.published->local_seconds());
    }
    return a.published->seconds < b.published->seconds;
}

}  // namespace dossier::dedup
