// feed::detect and feed::parse: size cap, sniffing, then the reader for the format found.
#include "dossier/feed/feed.hpp"

#include "entry_sink.hpp"
#include "parsers.hpp"
#include "sniff.hpp"
#include "xml_document.hpp"

namespace dossier::feed {

std::string_view format_name(Format f) {
    switch (f) {
    case Format::rss: return "rss";
    case Format::rdf: return "rdf";
    case Format::atom: return "atom";
    case Format::json_feed: return "json_feed";
    case Format::sitemap_urlset: return "sitemap_urlset";
    case Format::sitemap_index: return "sitemap_index";
    case Format::opml: return "opml";
    case Format::unknown: break;
    }
    return "unknown";
}

namespace {

std::string_view item_element(Format f) {
    switch (f) {
    case Format::atom: return "entry";
    case Format::sitemap_urlset: return "url";
    case Format::sitemap_index: return "sitemap";
    default: return "item";  // RSS 0.9x/2.0 and RSS 1.0 / RDF
    }
}

}  // namespace

Format detect(std::string_view bytes) { return detail::classify(detail::read_prolog(bytes), bytes); }

core::Result<Feed> parse(std::string_view bytes, std::string_view base_url, const ParseOptions& opts) {
    if (bytes.size() > opts.max_bytes)
        return core::fail("feed: input over " + std::to_string(opts.max_bytes) + " bytes");
    const detail::Prolog prolog = detail::read_prolog(bytes);
    const Format format = detail::classify(prolog, bytes);
    if (format == Format::unknown) return core::fail("feed: not a feed or sitemap: " + detail::describe_start(bytes));
    if (format == Format::opml)
        return core::fail("feed: not a feed or sitemap: an OPML subscription list (read it with parse_opml)");
    if (format == Format::json_feed) return detail::read_json_feed(bytes.substr(prolog.start), base_url, opts);

    Feed feed;
    feed.format = format;
    // The element each format lists its entries in: reading stops after one more than the
    // item cap, so memory follows the cap, not the document (a 50,000-URL sitemap, a 100,000-item feed).
    const detail::ItemLimit limit{item_element(format), opts.max_items};
    auto doc = detail::XmlDocument::parse(bytes, prolog, feed.warnings, &limit);
    if (!doc) return core::fail(std::move(doc).error().message);
    detail::EntrySink sink(feed, opts);
    if (doc->stopped_at_limit()) sink.stop_at_cap();
    const xmlNode* root = doc->root();
    if (format == Format::rss || format == Format::rdf)
        detail::read_rss(root, base_url, feed, sink);
    else if (format == Format::atom)
        detail::read_atom(root, base_url, feed, sink);
    else
        detail::read_sitemap(root, base_url, feed, sink);
    // Recovery that salvaged nothing means the document is not usable: report the error itself.
    if (doc->error_count() > 0 && feed.entries.empty() && feed.child_sitemaps.empty())
        return core::fail(doc->first_error_text());
    doc->warn_recovered(feed.warnings);
    sink.finish();
    return feed;
}

}  // namespace dossier::feed
