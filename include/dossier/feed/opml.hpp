#pragma once
// OPML subscription lists (OPML 1.0 / 2.0, as exported by feed readers) for
// `dossier sources import-opml FILE`. Bytes in, values out: no I/O.
#include <string>
#include <string_view>
#include <vector>

#include "dossier/core/result.hpp"
#include "dossier/feed/feed.hpp"

namespace dossier::feed {

/// One subscription: an <outline> with an xmlUrl attribute.
struct OpmlOutline {
    std::string title;     ///< title attribute, else text (entities decoded, whitespace collapsed)
    std::string xml_url;   ///< the feed URL, as written (trimmed)
    std::string html_url;  ///< the site URL, as written; empty when absent
    /// Names of the enclosing outlines joined by '/' ("Security/Chinese"); when the outline sits
    /// at the top level, the first entry of its OPML 2.0 category attribute; else empty.
    std::string category;
};

/// Reads every outline with an xmlUrl in document order; nested category outlines are flattened
/// and their path kept in `category`. Only max_bytes and max_items of `opts` apply (outlines past
/// the cap are dropped). Fails with "feed: input over N bytes", "feed: not an OPML document:
/// <summary>" or "feed: XML error at line L: ..." when the document cannot be read at all.
/// An OPML file without subscriptions yields an empty list.
core::Result<std::vector<OpmlOutline>> parse_opml(std::string_view bytes, const ParseOptions& opts = {});

}  // namespace dossier::feed
