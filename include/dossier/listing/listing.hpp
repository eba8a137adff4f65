#pragma once
// Listing pages: an HTML index page plus the source's item/link/title/date selectors -> Entry
// list, for sites without a feed (DESIGN.md, data flow; docs/sources.md, [[index]] keys).
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "dossier/core/entry.hpp"
#include "dossier/core/result.hpp"
#include "dossier/core/source.hpp"

namespace dossier::listing {

/// What a listing page yielded. `warnings` are content-quality notes (selector matched
/// nothing, items without a usable link, dates not understood, cap reached), each one line
/// starting with "listing: " and naming the page URL; the crawler reports them as flags.
struct Listing {
    std::vector<core::Entry> entries;
    std::vector<std::string> warnings;
};

struct Options {
    /// At most this many entries are kept; the rest are dropped with a warning. A listing page
    /// shows tens of items; more means the item selector is wrong (it matches every <div>).
    std::size_t max_items = 1000;
    /// When the source gives no date selector, the first <time> element of an item supplies
    /// the date (its datetime attribute, else its text). <time> is explicit date markup, so
    /// this reads a date the page states; it never guesses one.
    bool time_element_fallback = true;
};

/// Applies the index's selectors to a listing page (UTF-8 HTML; the caller decodes the charset).
///
/// - item: every element matching `spec.item` (document order) is one entry. It takes no "@attr".
/// - link (default "a@href"): the first element within the item (a descendant, else the item
///   itself) that matches and, for "sel@attr", has that attribute gives the URL, from the
///   attribute (no '@': its href, else its text). Title and date pick their element alike. The
///   URL is resolved against the first <base href> (itself resolved against `base_url`) and then
///   `base_url`; its #fragment is dropped; only http(s) URLs are kept (javascript:, mailto:,
///   "#top" and empty links are skipped and counted in a warning).
/// - title: the selector's text or attribute within the item; without a selector, or when it
///   finds nothing, the link's visible text, else the text of another link in the item to the
///   same URL, else the link's title attribute, else its image's alt text. Whitespace collapsed.
/// - date: the selector's text or attribute within the item (a <time> read as text gives its
///   datetime attribute first), parsed with core::parse_date and then parse_visible_date.
///   Relative dates ("3 小时前", "2 hours ago") and dates without a year stay empty: never guessed.
/// - Entries are de-duplicated by URL, keeping document order; a later duplicate only fills a
///   title or date the first one lacked.
///
/// Fails with "listing: bad item selector "TEXT": REASON" (likewise link/title/date) when a
/// selector does not parse, and with "listing: cannot parse page BASE_URL: REASON" when the
/// html module refuses the page (size, nesting or element caps). An item selector that
/// matches nothing is not an error: the result is empty with the warning
/// `listing: item selector "TEXT" matched nothing on BASE_URL`.
core::Result<Listing> parse(std::string_view html_utf8, std::string_view base_url, const core::IndexSpec& spec,
                            const Options& options = {});

/// The "sel@attr" rule of source definitions (core::split_selector_attr), re-exported here
/// because listing selectors are its main users.
using core::split_selector_attr;

}  // namespace dossier::listing
