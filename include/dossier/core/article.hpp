#pragma once
// Article: the clean article dossier stores, with where each value came from.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "dossier/core/capture.hpp"
#include "dossier/core/date_time.hpp"

namespace dossier::core {

struct Article {
    std::int64_t id = 0;             ///< store row id; 0 until stored
    std::string url;                 ///< the URL the capture was fetched from
    std::string canonical_url;       ///< rel=canonical / og:url when the page gives one, else url
    std::string title;
    std::optional<DateTime> published;
    std::string published_source;    ///< which stage/field gave `published` ("meta:article:published_time")
    std::optional<DateTime> updated;
    std::string author;
    std::string lang;                ///< BCP 47 primary tag as found ("zh", "en"); empty when unknown
    std::vector<std::string> tags;
    std::string text;                ///< body text, paragraphs separated by blank lines
    std::string lead_image;
    std::string source_id;           ///< feeds/<id>.toml id, or the host for imported pages
    std::int64_t first_seen = 0;     ///< unix seconds, when dossier first stored this URL
    std::int64_t fetched_at = 0;     ///< unix seconds, when the capture was made
    CaptureRef capture;              ///< the WARC record the article was extracted from
    std::string body_hash;           ///< dedup hash of the normalized body (hex)
    /// Story group (docs/dedup.md): the copies, excerpts and translations of one story share
    /// it. The id of the group's first stored member; 0 before storing means "a new story".
    std::int64_t group_id = 0;
    /// How the article joined its group: "" (it started it), "exact" (same normalised body),
    /// "same_story" (contained in or containing a member), "near_duplicate" (an edited copy),
    /// "cites" (its attribution names a member: a translation or rewrite), "cited" (a member's
    /// attribution names it).
    std::string relation;
    std::string origin_name;         ///< the source its attribution line names ("FreeBuf"); empty when none
    std::string origin_url;          ///< the URL its attribution line names (URL-key form); empty when none
    std::int64_t origin_id = 0;      ///< the archived article origin_url names; 0 when not archived
    std::string extractor_version;
    std::map<std::string, std::string> methods;  ///< field -> stage that produced it
    std::vector<std::string> warnings;           ///< why a field is missing or doubtful
};

}  // namespace dossier::core
