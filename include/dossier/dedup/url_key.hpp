#pragma once
// Canonical URL keys: two URLs with the same key name the same document.
#include <string>
#include <string_view>

namespace dossier::dedup {

/// The canonical key of `url`: lower-case scheme and host, no default port, no fragment,
/// dot segments removed, percent-encoding normalised (unreserved characters decoded, hex upper-case),
/// tracking and session parameters removed (see k_tracking_params in url_key.cpp), remaining query
/// parameters sorted by name, WeChat article links reduced to their identifying parameters.
/// A string that is not an absolute URL is returned trimmed and otherwise unchanged.
std::string url_key(std::string_view url);

/// True when `name` is a tracking or session parameter that never changes the document.
bool is_tracking_param(std::string_view name);

/// Chooses the key to store for a page fetched from `url` that declares `declared_canonical`
/// (rel=canonical / og:url): the declared one wins when it is an http(s) URL on the same site
/// (same registrable host, ignoring "www."), else the fetched URL's key.
std::string preferred_key(std::string_view url, std::string_view declared_canonical);

}  // namespace dossier::dedup
