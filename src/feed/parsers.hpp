#pragma once
// The per-format readers behind feed::parse. Each one fills `feed` (title, site_url) and passes
// its entries to `sink`, resolving links against `base_url` and any xml:base in scope.
#include <libxml/tree.h>

#include <string_view>

#include "dossier/core/result.hpp"
#include "dossier/feed/feed.hpp"
#include "entry_sink.hpp"

namespace dossier::feed::detail {

/// RSS 0.9x / 2.0 (<rss><channel><item>) and RDF-based RSS 0.9 / 1.0 (<rdf:RDF> with items
/// beside the channel).
void read_rss(const xmlNode* root, std::string_view base_url, Feed& feed, EntrySink& sink);
/// Atom 1.0 (RFC 4287) and Atom 0.3.
void read_atom(const xmlNode* root, std::string_view base_url, Feed& feed, EntrySink& sink);
/// Sitemaps protocol 0.9 <urlset> (with Google News extensions) and <sitemapindex>.
void read_sitemap(const xmlNode* root, std::string_view base_url, Feed& feed, EntrySink& sink);
/// JSON Feed 1.0 / 1.1. Fails on invalid JSON, nesting over opts.max_depth or a missing items array.
core::Result<Feed> read_json_feed(std::string_view bytes, std::string_view base_url, const ParseOptions& opts);

}  // namespace dossier::feed::detail
