#pragma once
// Url: an RFC 3986 URI reference split into components, with reference resolution.
#include <optional>
#include <string>
#include <string_view>

namespace dossier::core {

struct Url {
    std::string scheme;     ///< lower-case, without ':'
    std::string userinfo;
    std::string host;       ///< lower-case for http(s); IPv6 literals keep their brackets
    std::string port;       ///< digits as written; empty when absent
    std::string path;
    std::optional<std::string> query;     ///< without '?'; empty optional = no '?'
    std::optional<std::string> fragment;  ///< without '#'

    /// Parses an absolute URI. Returns nothing when `text` has no scheme or is not a URI.
    static std::optional<Url> parse(std::string_view text);

    /// Resolves `reference` against this base (RFC 3986 section 5.2) and removes dot segments.
    /// As browsers do with links, tabs and newlines in `reference` are dropped and other control
    /// characters and spaces percent-encoded, so the result always re-parses. Returns nothing
    /// when the reference cannot be parsed, or when it would give an http(s) URL without a host.
    std::optional<Url> resolve(std::string_view reference) const;

    /// "host" or "host:port".
    std::string authority() const;
    /// The URI as text (RFC 3986 section 5.3 recomposition).
    std::string to_string() const;
    bool is_http() const { return scheme == "http" || scheme == "https"; }
};

/// RFC 3986 section 5.2.4: removes "." and ".." segments from a path.
std::string remove_dot_segments(std::string_view path);

/// A file:// URL for an absolute or relative local path (made absolute, percent-encoded).
std::string file_url(std::string_view path);

/// Resolves `reference` against `base`; returns `reference` unchanged when either fails to parse.
std::string resolve_url(std::string_view base, std::string_view reference);

}  // namespace dossier::core
