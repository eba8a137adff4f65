#pragma once
// EntrySink: where every format's parser puts its entries. It owns the rules all formats share:
// only http(s) links, the item cap, the published/updated choice and the warnings they cause.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "dossier/core/entry.hpp"
#include "dossier/feed/feed.hpp"

namespace dossier::feed::detail {

class EntrySink {
public:
    EntrySink(Feed& feed, const ParseOptions& opts) : m_feed(feed), m_max_items(opts.max_items) {}

    /// False once the item cap has been passed: parsers stop walking the document.
    bool accepting() const { return !m_capped; }
    /// Keeps `entry` when its url is an absolute http(s) URL and the cap allows; counts it otherwise.
    void add(core::Entry entry);
    /// Keeps a child sitemap URL of a sitemap index under the same rules.
    void add_sitemap(std::string url);
    /// Sets entry.published and entry.updated from the date texts a format offers, in order of
    /// preference: the first text that reads as a date wins. Unless `published_from_updated` is
    /// false, published falls back to the update time when the item gives none (Atom requires
    /// only <updated>). When texts were given but none reads, the date stays empty (the crawler
    /// then keeps the fetch time) and a warning counts it.
    void set_dates(core::Entry& entry, const std::vector<std::string>& published,
                   const std::vector<std::string>& updated, bool published_from_updated = true);
    /// The document was read only up to the item cap (XmlDocument::stopped_at_limit): the cap
    /// warning is due even when some of the items read had no link.
    void stop_at_cap() { m_stopped_at_cap = true; }
    /// Adds the warnings for what was skipped. Call once, after the last add().
    void finish();

private:
    bool admit(std::string_view url);

    Feed& m_feed;
    std::size_t m_max_items;
    std::size_t m_kept = 0;
    std::size_t m_without_link = 0;
    std::size_t m_bad_dates = 0;
    std::string m_bad_date_example;
    bool m_capped = false;
    bool m_stopped_at_cap = false;
};

/// True when `url` parses as an absolute http or https URL.
bool is_http_url(std::string_view url);

/// Tags cleaned, empty ones and repeats dropped, order kept.
std::vector<std::string> clean_tags(const std::vector<std::string>& raw);

}  // namespace dossier::feed::detail
