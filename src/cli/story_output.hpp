#pragma once
// Story groups, origins and revisions as `show` and `export` print them (docs/dedup.md).
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "dossier/core/article.hpp"
#include "dossier/store/article_store.hpp"

namespace dossier::cli {

/// {"name", "url", "id"} of what the article's attribution names; null when it names nothing.
nlohmann::json origin_json(const core::Article& a);

/// {"id", "original_id", "copies": N, "members": [...]} of the article's story: every member
/// with id, source, url, title, published, relation. `members` is left out when !with_members
/// (export carries the count, show the list).
nlohmann::json story_json(const store::StoryGroup& g, bool with_members);

/// Text lines for `show`: the origin line and the story's other copies.
std::string story_text(const core::Article& a, const store::StoryGroup* g);

/// Each version's header (number, fetch time, capture) and a unified diff of the text
/// (paragraphs as lines) between each version and the next, for `show --revisions`.
std::string revisions_text(const std::vector<store::Revision>& revisions);

/// The versions as JSON: number, current, fetched_at, capture, title, body_hash, and `diff`
/// (the unified diff from the version before; empty for the first).
nlohmann::json revisions_json(const std::vector<store::Revision>& revisions);

/// A unified diff (---/+++ header, @@ hunks with `context` lines around each change) of two
/// texts split into lines; empty when they are equal. Line lists longer than a few thousand
/// lines compare as one replaced block.
std::string unified_diff(const std::string& before, const std::string& after, const std::string& before_name,
                         const std::string& after_name, std::size_t context = 2);

}  // namespace dossier::cli
