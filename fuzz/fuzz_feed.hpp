#pragma once
// Fuzz entry "feed": feed::detect and feed::parse (RSS 0.9x/1.0/2.0, Atom, JSON Feed, sitemaps).
// Input: line 1 = the base URL the document was fetched from, the rest = the document bytes.
#include <string>
#include <string_view>

#include "dossier/feed/feed.hpp"
#include "fuzz_input.hpp"

namespace dossier::fuzz {

/// Items cap used while fuzzing: small, so that the cap path runs on ordinary inputs.
inline constexpr std::size_t k_feed_max_items = 50;

/// Runs one input through the feed parser; returns the invariants its result broke.
inline Violations run_feed(std::string_view input) {
    Violations v;
    InputReader in(input);
    const std::string_view base_url = in.line();
    const std::string_view bytes = in.rest();
    (void)feed::format_name(feed::detect(bytes));
    feed::ParseOptions opts;
    opts.max_items = k_feed_max_items;
    auto r = feed::parse(bytes, base_url, opts);
    if (!r) {
        check(v, starts_with(r.error().message, "feed: "), "feed: error without the module prefix");
        return v;
    }
    check(v, r->entries.size() <= k_feed_max_items, "feed: more entries than max_items");
    check(v, r->child_sitemaps.size() <= k_feed_max_items, "feed: more child sitemaps than max_items");
    check_utf8(v, r->title, "feed: title");
    if (valid_utf8(base_url)) check_utf8(v, r->site_url, "feed: site_url");
    for (const core::Entry& e : r->entries) {
        check(v, is_http_url(e.url), "feed: entry url not http(s): " + e.url);
        // A relative link keeps the base URL's bytes: its URL is only as valid as the base.
        if (valid_utf8(base_url)) check_utf8(v, e.url, "feed: entry url");
        check_utf8(v, e.title, "feed: entry title");
        check_utf8(v, e.author, "feed: entry author");
        check_utf8(v, e.summary, "feed: entry summary");
        check_utf8(v, e.guid, "feed: entry guid");
        for (const std::string& t : e.tags) check_utf8(v, t, "feed: entry tag");
        check_date(v, e.published, "feed: entry published");
        check_date(v, e.updated, "feed: entry updated");
    }
    for (const std::string& w : r->warnings) check(v, starts_with(w, "feed: "), "feed: warning without prefix: " + w);
    return v;
}

}  // namespace dossier::fuzz
