#pragma once
// The near-duplicate and provenance stage of the pipeline (DESIGN.md, "Data flow": Article ->
// dedup fingerprint -> store candidates -> dedup::judge): decides which story group an
// incoming article joins and whether it becomes that story's original, then records the
// fingerprint and the links once the article has its id. docs/dedup.md tells the rules.
// Pipeline::process calls it; it is public so that bench/dedup_bench.cpp times this exact code.
#include <cstdint>
#include <optional>
#include <vector>

#include "dossier/core/article.hpp"
#include "dossier/core/result.hpp"
#include "dossier/dedup/minhash.hpp"
#include "dossier/store/article_store.hpp"

namespace dossier::crawl {

/// What place_story() decided, for record_story() after the article is stored.
struct Placement {
    std::optional<dedup::Fingerprint> fingerprint;  ///< empty for a text too short to fingerprint
    bool original = false;                         ///< the incoming article becomes its group's original
    std::vector<std::int64_t> citing;              ///< stored articles whose attribution names it
};

/// Reads `a`'s attribution into origin_name / origin_url / origin_id and sets group_id and
/// relation: the group of an article with the same normalised body ("exact"), else of the
/// best near-duplicate judge() accepts ("same_story", "near_duplicate"), else of the archived
/// article its attribution names ("cites"), else of an archived article whose attribution names
/// it ("cited"); group_id 0 (a new story) when none. Fails when the store fails.
core::Result<Placement> place_story(store::ArticleStore& store, core::Article& a);

/// After `a` was stored with id `a.id`: stores its fingerprint, makes it its group's original
/// when place_story() said so, and links the articles that cite it. Fails when the store fails.
core::Result<void> record_story(store::ArticleStore& store, const core::Article& a, const Placement& p);

/// Stores the fingerprint of `text` as article `id`'s (after a revision changed its text, or
/// for an article stored before fingerprints existed). Fails when the store fails.
core::Result<void> refingerprint_story(store::ArticleStore& store, std::int64_t id, std::string_view text);

/// Fingerprints every article without a fingerprint of this k_minhash_version (stored before
/// migration 6, or under an older version), 1,000 per transaction; returns how many. They keep
/// their groups: from then on, new copies find them as candidates. Fails when the store fails.
core::Result<std::int64_t> fingerprint_missing(store::ArticleStore& store);

}  // namespace dossier::crawl
