#pragma once
// Fuzz entry "sources_toml": sources::load_text, the loader and schema checks of feeds/*.toml
// (toml++ itself is a system library and not instrumented; the checks over its tree are).
// Input: the whole input is the TOML text of feeds/fuzz.toml.
#include <string>
#include <string_view>

#include "dossier/sources/loader.hpp"
#include "fuzz_input.hpp"

namespace dossier::fuzz {

/// The path the text is loaded as; a valid definition must declare id = "fuzz".
inline constexpr const char* k_sources_path = "feeds/fuzz.toml";

/// Runs one input through the source loader; returns the invariants broken.
inline Violations run_sources_toml(std::string_view input) {
    Violations v;
    auto r = sources::load_text(input, k_sources_path);
    if (!r) {
        // One problem per line, each naming the file.
        for (std::string_view line : split_fields(r.error().message, '\n'))
            check(v, starts_with(line, std::string(k_sources_path) + ": "), "sources: problem line without the path");
        return v;
    }
    check(v, r->id == "fuzz", "sources: loaded with an id other than the file stem: " + r->id);
    check(v, !r->index.empty(), "sources: loaded without an index");
    check(v, is_http_url(r->homepage), "sources: homepage not http(s): " + r->homepage);
    for (const core::IndexSpec& spec : r->index) {
        check(v, is_http_url(spec.url), "sources: index url not http(s): " + spec.url);
        if (spec.kind == core::IndexSpec::Kind::listing) check(v, !spec.item.empty(), "sources: listing without item");
    }
    if (r->fetch.max_new) check(v, *r->fetch.max_new >= 1, "sources: max_new below 1");
    if (r->fetch.min_interval_seconds) check(v, *r->fetch.min_interval_seconds >= 0, "sources: negative min_interval");
    return v;
}

}  // namespace dossier::fuzz
