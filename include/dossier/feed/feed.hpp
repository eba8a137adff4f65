#pragma once
// feed: syndication documents (RSS 0.9x/2.0, RSS 1.0 / RDF, Atom 1.0 and 0.3, JSON Feed 1.x) and
// sitemaps (urlset incl. Google News, sitemap index) turned into core::Entry values.
// Bytes in, values out: no I/O. The format is sniffed from the bytes, never from a Content-Type.
// Field mapping, caps and parser security settings: docs/feeds.md.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "dossier/core/entry.hpp"
#include "dossier/core/result.hpp"

namespace dossier::feed {

/// What a document is, judged from its bytes.
enum class Format { rss, rdf, atom, json_feed, sitemap_urlset, sitemap_index, opml, unknown };

/// A lower-case name for `f` ("rss", "rdf", "atom", "json_feed", "sitemap_urlset",
/// "sitemap_index", "opml", "unknown"), for logs and reports.
std::string_view format_name(Format f);

/// A parsed feed or sitemap.
struct Feed {
    Format format = Format::unknown;
    std::string title;                        ///< channel / feed title (plain text)
    std::string site_url;                     ///< channel link / Atom link rel=alternate / home_page_url (absolute)
    std::vector<core::Entry> entries;         ///< document order; only entries with an http(s) link
    std::vector<std::string> child_sitemaps;  ///< sitemap index only: absolute child sitemap URLs
    /// Things skipped or repaired, one line each, e.g. "feed: 3 items without a link skipped",
    /// "feed: item cap 10000 reached", "feed: XML error at line 7: ... (recovered)".
    std::vector<std::string> warnings;
};

/// Caps that keep hostile or runaway documents bounded (see docs/feeds.md, "Caps").
struct ParseOptions {
    /// Larger inputs are refused ("feed: input over N bytes"); the fetcher truncates endless feeds.
    std::size_t max_bytes = std::size_t{32} << 20;
    /// At most this many entries (and child sitemaps) are returned; the rest is dropped with a warning.
    std::size_t max_items = 10000;
    /// JSON nesting deeper than this is refused before parsing (libxml2 caps XML depth at 256).
    std::size_t max_depth = 64;
};

/// Sniffs the format from the bytes alone: skips a byte order mark, whitespace, junk before an
/// XML declaration, the declaration, comments, processing instructions and a DOCTYPE, then
/// looks at the root element's local name and namespace (rss, rdf:RDF, feed, urlset,
/// sitemapindex, opml). A JSON object whose "version" names https://jsonfeed.org/version/1...
/// is a JSON Feed. Returns Format::unknown for anything else (HTML pages, binary data, empty).
Format detect(std::string_view bytes);

/// Parses a feed or sitemap fetched from `base_url`, which relative links and xml:base resolve
/// against. The encoding comes from a byte order mark, else the XML declaration, else UTF-8
/// (gb2312/gbk are read as GB18030 and iso-8859-1/us-ascii as windows-1252, as browsers do).
/// Recoverable damage (unescaped '&', undefined HTML entities, truncation, bad bytes) yields what
/// could be read plus warnings. Fails with "feed: input over N bytes", "feed: not a feed or
/// sitemap: <summary of the first bytes>" (also for OPML, which is parse_opml's), "feed: XML
/// error at line L: ..." or "feed: JSON error ..." when nothing usable could be read.
core::Result<Feed> parse(std::string_view bytes, std::string_view base_url, const ParseOptions& opts = {});

}  // namespace dossier::feed
