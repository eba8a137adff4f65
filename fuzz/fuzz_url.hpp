#pragma once
// Fuzz entry "url": core::Url parse / resolve / recomposition, core::resolve_url and the
// canonical keys of dedup (url_key, preferred_key, is_tracking_param).
// Input: line 1 = a URL (the base), line 2 = a reference resolved against it, line 3 = a
// declared canonical URL (rel=canonical) for preferred_key.
#include <string>
#include <string_view>

#include "dossier/core/url.hpp"
#include "dossier/dedup/url_key.hpp"
#include "fuzz_input.hpp"

namespace dossier::fuzz {

/// True when `path` (absolute, "/...") still holds a "." or ".." segment.
inline bool has_dot_segment(std::string_view path) {
    for (std::string_view seg : split_fields(path, '/'))
        if (seg == "." || seg == "..") return true;
    return false;
}

/// Recomposing a parsed URL and parsing it again must give the same text (RFC 3986 section 5.3):
/// stored keys and links are this text.
inline void check_recomposition(Violations& v, const core::Url& url, std::string_view what) {
    const std::string text = url.to_string();
    const auto again = core::Url::parse(text);
    if (!again) {
        v.push_back(std::string(what) + ": recomposed url does not parse: " + text);
        return;
    }
    if (again->to_string() != text) v.push_back(std::string(what) + ": recomposition not stable: " + text);
    // ...and the same parts: a part that changes on the way is one the parser misread.
    if (again->scheme != url.scheme || again->userinfo != url.userinfo || again->host != url.host ||
        again->port != url.port || again->path != url.path || again->query != url.query ||
        again->fragment != url.fragment)
        v.push_back(std::string(what) + ": recomposed url parses into other parts: " + text);
}

/// Runs one input through URL parsing and canonicalisation; returns the invariants broken.
inline Violations run_url(std::string_view input) {
    Violations v;
    InputReader in(input);
    const std::string_view base_text = in.line();
    const std::string_view reference = in.line();
    const std::string_view declared = in.line();
    (void)core::resolve_url(base_text, reference);
    (void)core::remove_dot_segments(reference);
    if (auto base = core::Url::parse(base_text)) {
        (void)base->authority();
        check_recomposition(v, *base, "url: base");
        if (auto resolved = base->resolve(reference)) {
            check_recomposition(v, *resolved, "url: resolved");
            // RFC 3986 section 5.2.4: the target of a resolution has no dot segments (unless it
            // took the base's path unchanged, section 5.2.2, empty reference path).
            if (!resolved->path.empty() && resolved->path.front() == '/' && !has_dot_segment(base->path))
                check(v, !has_dot_segment(resolved->path), "url: resolved path keeps a dot segment: " + resolved->path);
        }
    }
    // Canonicalising is idempotent: a stored key, canonicalised again, finds itself.
    const std::string key = dedup::url_key(base_text);
    check(v, dedup::url_key(key) == key, "url: url_key not idempotent: " + key);
    const std::string preferred = dedup::preferred_key(base_text, declared);
    check(v, dedup::url_key(preferred) == preferred, "url: preferred_key not a fixed point of url_key: " + preferred);
    (void)dedup::is_tracking_param(reference);
    return v;
}

}  // namespace dossier::fuzz
