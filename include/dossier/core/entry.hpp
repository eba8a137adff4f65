#pragma once
// Entry: one item found on an index (feed item, listing row, sitemap url) — a candidate article.
#include <optional>
#include <string>
#include <vector>

#include "dossier/core/date_time.hpp"

namespace dossier::core {

struct Entry {
    std::string url;                    ///< absolute article URL (resolved against xml:base / the index URL)
    std::string title;
    std::optional<DateTime> published;  ///< as the index gives it; empty when absent or unparsable
    std::optional<DateTime> updated;
    std::string author;
    std::string summary;                ///< description / summary / content text or HTML, as given
    std::vector<std::string> tags;
    std::string guid;                   ///< RSS guid / Atom id / JSON Feed id
};

}  // namespace dossier::core
