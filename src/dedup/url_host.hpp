#pragma once
// Host rules behind dedup's URL keys (private to dedup): the host form a key uses (percent-decoded,
// IDNA A-labels, no trailing dot), the approximate "same site" used by article_key, and the
// origin of a Google AMP cache URL.
#include <optional>
#include <string>
#include <string_view>

#include "dossier/core/url.hpp"

namespace dossier::dedup {

/// RFC 3492 Punycode of one label's code points, without the "xn--" prefix. Returns nothing
/// when the label would overflow the algorithm's integer range (section 6.4).
std::optional<std::string> punycode_encode(std::u32string_view label);

/// `host` (already ASCII-lower-cased by core::Url::parse) as keys write it: percent-encoded
/// octets decoded, Unicode labels mapped to IDNA A-labels ("例子.中国" -> "xn--fsqu00a.xn--fiqs8s",
/// UTS 46 section 4 approximated by NFKC_Casefold, ideographic full stops read as dots) and every
/// trailing dot removed. A step that cannot be applied cleanly (malformed UTF-8, a decoded
/// character that may not stand in a host name) leaves the host as it was before that step.
std::string normalize_host(std::string_view host);

/// The approximate registrable domain of a normalised host, without a public-suffix list: the
/// last two labels; three when the last two look like a country's second level ("com.cn",
/// "co.uk", "gov.cn"); one more than a known shared-hosting suffix ("alice.blogspot.com");
/// the whole host for IP literals and single-label hosts.
std::string site_of(std::string_view host);

/// For a document served by the Google AMP cache ("https://www-example-com.cdn.ampproject.org/c/s/
/// www.example.com/a"), the origin URL it copies ("https://www.example.com/a", query kept);
/// nothing for any other URL or when the origin part is empty.
std::optional<std::string> amp_cache_origin(const core::Url& url);

}  // namespace dossier::dedup
