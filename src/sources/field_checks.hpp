#pragma once
// Checks of single values in a source definition. Each returns the reason a value is bad
// (lower-case, no key, e.g. "not http(s)"), or nothing when it is good. No TOML here, so the
// writer and the id maker can share them.
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace dossier::sources {

using Reason = std::optional<std::string>;

/// An absolute http(s) URL with a host.
Reason url_problem(std::string_view url);
/// A BCP 47 shaped tag: 2-3 (or 4-8) letters, then subtags of 1-8 letters/digits after '-'.
Reason lang_problem(std::string_view lang);
/// An IANA zone name; checked against the TZif files in `zoneinfo` when that folder exists.
Reason timezone_problem(std::string_view zone, const std::filesystem::path& zoneinfo);
/// A selector as the html module reads it, optionally "sel@attr" when `attr_allowed`. Only the
/// shape is checked here (sources may not use html); the listing/extract code parses it.
Reason selector_problem(std::string_view selector, bool attr_allowed);
/// A proxy URL curl understands: http, https, socks4, socks4a, socks5 or socks5h with a host.
Reason proxy_problem(std::string_view proxy);
/// An HTTP field name (RFC 9110 section 5.1 token) that [fetch] does not set another way.
Reason header_name_problem(std::string_view name);
/// Text that goes into an HTTP header (user agent, cookies, header values): no CR, LF or NUL.
Reason header_value_problem(std::string_view value);

/// The candidate within edit distance 2 of `key` (the closest), for "did you mean" hints.
std::optional<std::string_view> closest_key(std::string_view key, std::span<const std::string_view> candidates);

}  // namespace dossier::sources
