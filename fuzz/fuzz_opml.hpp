#pragma once
// Fuzz entry "opml": feed::parse_opml, the reader behind `dossier sources import-opml FILE`.
// Input: the whole input is the OPML document.
#include <string>
#include <string_view>

#include "dossier/feed/opml.hpp"
#include "fuzz_input.hpp"

namespace dossier::fuzz {

/// Outline cap used while fuzzing: small, so that the cap path runs on ordinary inputs.
inline constexpr std::size_t k_opml_max_items = 50;

/// Runs one input through the OPML reader; returns the invariants its result broke.
inline Violations run_opml(std::string_view input) {
    Violations v;
    feed::ParseOptions opts;
    opts.max_items = k_opml_max_items;
    auto r = feed::parse_opml(input, opts);
    if (!r) {
        check(v, starts_with(r.error().message, "feed: "), "opml: error without the module prefix");
        return v;
    }
    check(v, r->size() <= k_opml_max_items, "opml: more outlines than max_items");
    for (const feed::OpmlOutline& o : *r) {
        check(v, !o.xml_url.empty(), "opml: outline without xmlUrl");
        check_utf8(v, o.title, "opml: title");
        check_utf8(v, o.xml_url, "opml: xml_url");
        check_utf8(v, o.html_url, "opml: html_url");
        check_utf8(v, o.category, "opml: category");
    }
    return v;
}

}  // namespace dossier::fuzz
