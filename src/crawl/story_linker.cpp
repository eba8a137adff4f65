#include "dossier/crawl/story_linker.hpp"

#include <algorithm>

#include "dossier/dedup/judge.hpp"
#include "dossier/dedup/provenance.hpp"
#include "dossier/dedup/url_key.hpp"

namespace dossier::crawl {

namespace {

/// Candidates read per incoming article, most shared band keys first. A copy shares most of
/// its 32 keys with its original; unrelated articles that share one key by chance come last.
constexpr std::size_t k_max_candidates = 64;

std::vector<std::uint64_t> band_keys(const dedup::Fingerprint& f) {
    const auto keys = dedup::lsh_bands(f.signature);
    return {keys.begin(), keys.end()};
}

/// Fills the origin fields from the attribution lines near either end of the text.
core::Result<void> read_origin(store::ArticleStore& store, core::Article& a) {
    const auto origin = dedup::find_origin(a.text);
    if (!origin || origin->self) return {};
    a.origin_name = origin->name;
    if (origin->url.empty()) return {};
    a.origin_url = dedup::url_key(origin->url);
    if (a.origin_url == a.canonical_url) {  // an article citing its own address names no origin
        a.origin_url.clear();
        return {};
    }
    auto found = store.find_by_url(a.origin_url);
    if (!found) return core::fail(std::move(found).error().message);
    if (*found) a.origin_id = **found;
    return {};
}

/// Whether the incoming article should replace the group's current original: an explicit
/// attribution between the two decides, else the earlier publication (dedup::is_original_over).
core::Result<bool> beats_original(store::ArticleStore& store, const core::Article& a, std::int64_t member) {
    auto facts = store.story_facts(member);
    if (!facts) return core::fail(std::move(facts).error().message);
    if (!*facts) return false;
    auto original = store.story_facts((*facts)->original_id);
    if (!original) return core::fail(std::move(original).error().message);
    if (!*original) return false;
    const store::StoryFacts& o = **original;
    dedup::CopyFacts incoming{a.published, !a.origin_url.empty() && a.origin_url == o.canonical_url};
    dedup::CopyFacts current{o.published, !o.origin_url.empty() && o.origin_url == a.canonical_url};
    return dedup::is_original_over(incoming, current);
}

core::Result<std::optional<std::int64_t>> group_of(store::ArticleStore& store, std::int64_t id) {
    auto facts = store.story_facts(id);
    if (!facts) return core::fail(std::move(facts).error().message);
    if (!*facts) return std::optional<std::int64_t>{};
    return std::optional<std::int64_t>((*facts)->group_id);
}

/// The group judge() puts the article in by its fingerprint, with the relation; 0 when none.
core::Result<std::pair<std::int64_t, dedup::Relation>> judge_by_fingerprint(store::ArticleStore& store,
                                                                           const core::Article& a,
                                                                           const dedup::Fingerprint& f) {
    auto found = store.dedup_candidates(band_keys(f), dedup::k_minhash_version, k_max_candidates);
    if (!found) return core::fail(std::move(found).error().message);
    std::vector<dedup::Candidate> candidates;
    std::vector<std::int64_t> groups;
    for (const store::DedupCandidate& c : *found) {
        auto sig = dedup::decode_signature(c.signature);
        if (!sig) continue;  // a damaged row proposes nothing
        dedup::Candidate d;
        d.id = c.id;
        d.fingerprint = dedup::Fingerprint{*sig, c.shingles};
        d.published = c.published;
        d.cited_by_incoming = !a.origin_url.empty() && a.origin_url == c.canonical_url;
        d.cites_incoming = !c.origin_url.empty() && c.origin_url == a.canonical_url;
        candidates.push_back(d);
        groups.push_back(c.group_id);
    }
    const dedup::Verdict v = dedup::judge(dedup::Incoming{f, a.published}, candidates);
    if (v.relation == dedup::Relation::new_story) return std::pair<std::int64_t, dedup::Relation>{0, v.relation};
    for (std::size_t i = 0; i < candidates.size(); ++i)
        if (candidates[i].id == v.match_id) return std::pair<std::int64_t, dedup::Relation>{groups[i], v.relation};
    return std::pair<std::int64_t, dedup::Relation>{0, dedup::Relation::new_story};
}

}  // namespace

core::Result<Placement> place_story(store::ArticleStore& store, core::Article& a) {
    Placement p;
    a.group_id = 0;
    a.relation.clear();
    if (auto r = read_origin(store, a); !r) return core::fail(r.error().message);
    p.fingerprint = dedup::minhash(dedup::strip_attribution(a.text));
    if (!a.body_hash.empty()) {
        auto same = store.find_by_body_hash(a.body_hash);
        if (!same) return core::fail(std::move(same).error().message);
        if (*same) {
            auto g = group_of(store, **same);
            if (!g) return core::fail(std::move(g).error().message);
            if (*g) {
                a.group_id = **g;
                a.relation = "exact";
            }
        }
    }
    if (a.group_id == 0 && p.fingerprint) {
        auto judged = judge_by_fingerprint(store, a, *p.fingerprint);
        if (!judged) return core::fail(std::move(judged).error().message);
        if (judged->first != 0) {
            a.group_id = judged->first;
            a.relation = judged->second == dedup::Relation::same_story ? "same_story" : "near_duplicate";
        }
    }
    if (a.group_id == 0 && a.origin_id != 0) {  // a translation or rewrite of an archived article
        auto g = group_of(store, a.origin_id);
        if (!g) return core::fail(std::move(g).error().message);
        if (*g) {
            a.group_id = **g;
            a.relation = "cites";
        }
    }
    auto citing = store.find_citing(a.canonical_url);
    if (!citing) return core::fail(std::move(citing).error().message);
    p.citing = std::move(*citing);
    if (a.group_id == 0 && !p.citing.empty()) {  // the original of what was stored as its copy
        auto g = group_of(store, p.citing.front());
        if (!g) return core::fail(std::move(g).error().message);
        if (*g) {
            a.group_id = **g;
            a.relation = "cited";
            p.original = true;
            return p;
        }
    }
    if (a.group_id != 0 && a.relation != "cites") {
        auto beats = beats_original(store, a, a.group_id);  // a group's id is one of its members
        if (!beats) return core::fail(std::move(beats).error().message);
        p.original = *beats;
    }
    return p;
}

namespace {

/// Stores `f` as article `id`'s fingerprint; a text too short for one gets an empty row, so
/// that it counts as fingerprinted (ids_without_fingerprint) but is never a candidate.
core::Result<void> store_fingerprint(store::ArticleStore& store, std::int64_t id,
                                     const std::optional<dedup::Fingerprint>& f) {
    if (!f) return store.put_fingerprint(id, dedup::k_minhash_version, 0, {}, {});
    return store.put_fingerprint(id, dedup::k_minhash_version, f->shingles, dedup::encode_signature(f->signature),
                                 band_keys(*f));
}

}  // namespace

core::Result<void> record_story(store::ArticleStore& store, const core::Article& a, const Placement& p) {
    if (auto r = store_fingerprint(store, a.id, p.fingerprint); !r) return r;
    if (p.original && a.group_id != 0)
        if (auto r = store.set_group_original(a.group_id, a.id); !r) return r;
    for (std::int64_t id : p.citing)
        if (auto r = store.set_origin_id(id, a.id); !r) return r;
    return {};
}

core::Result<void> refingerprint_story(store::ArticleStore& store, std::int64_t id, std::string_view text) {
    return store_fingerprint(store, id, dedup::minhash(dedup::strip_attribution(text)));
}

core::Result<std::int64_t> fingerprint_missing(store::ArticleStore& store) {
    std::int64_t done = 0, after = 0;
    for (;;) {
        auto ids = store.ids_without_fingerprint(dedup::k_minhash_version, after, 1000);
        if (!ids) return core::fail(std::move(ids).error().message);
        if (ids->empty()) return done;
        if (auto r = store.begin(); !r) return core::fail(r.error().message);
        for (std::int64_t id : *ids) {
            auto a = store.get(id);
            if (!a) {
                (void)store.rollback();
                return core::fail(std::move(a).error().message);
            }
            if (*a)
                if (auto r = refingerprint_story(store, id, (*a)->text); !r) {
                    (void)store.rollback();
                    return core::fail(r.error().message);
                }
            after = id;
            ++done;
        }
        if (auto r = store.commit(); !r) {
            (void)store.rollback();
            return core::fail(r.error().message);
        }
    }
}

}  // namespace dossier::crawl
