#pragma once
// Fuzz entry "listing": listing::parse (the html module's selector parser and matcher over a
// Gumbo tree, link resolution, visible dates) and listing::parse_visible_date.
// Input: line 1 = base URL, lines 2-5 = item, link, title and date selectors (link, title and
// date may be empty), the rest = the listing page (UTF-8 HTML).
#include <set>
#include <string>
#include <string_view>

#include "dossier/listing/listing.hpp"
#include "dossier/listing/visible_date.hpp"
#include "fuzz_input.hpp"

namespace dossier::fuzz {

/// Entry cap used while fuzzing: small, so that the cap path runs on ordinary inputs.
inline constexpr std::size_t k_listing_max_items = 50;
/// parse_visible_date scans the first this many bytes of the page.
inline constexpr std::size_t k_visible_date_window = 2048;

/// Runs one input through the listing parser; returns the invariants its result broke.
inline Violations run_listing(std::string_view input) {
    Violations v;
    InputReader in(input);
    const std::string_view base_url = in.line();
    core::IndexSpec spec;
    spec.kind = core::IndexSpec::Kind::listing;
    spec.item = in.line();
    spec.link = in.line();
    spec.title = in.line();
    spec.date = in.line();
    const std::string_view html = in.rest();
    check_date(v, listing::parse_visible_date(html.substr(0, k_visible_date_window)), "listing: visible date");
    listing::Options opts;
    opts.max_items = k_listing_max_items;
    auto r = listing::parse(html, base_url, spec, opts);
    if (!r) {
        check(v, starts_with(r.error().message, "listing: "), "listing: error without the module prefix");
        return v;
    }
    check(v, r->entries.size() <= k_listing_max_items, "listing: more entries than max_items");
    std::set<std::string> urls;
    for (const core::Entry& e : r->entries) {
        check(v, is_http_url(e.url), "listing: entry url not http(s): " + e.url);
        check(v, e.url.find('#') == std::string::npos, "listing: entry url keeps its fragment: " + e.url);
        check(v, urls.insert(e.url).second, "listing: duplicate entry url: " + e.url);
        check_utf8(v, e.title, "listing: entry title");
        check_date(v, e.published, "listing: entry published");
    }
    for (const std::string& w : r->warnings)
        check(v, starts_with(w, "listing: "), "listing: warning without prefix: " + w);
    return v;
}

}  // namespace dossier::fuzz
