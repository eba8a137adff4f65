#pragma once
// Canonical URL keys: two URLs with the same key name the same document. The rules, in order,
// and what is deliberately left alone are in docs/dedup.md, section "URL key".
#include <span>
#include <string>
#include <string_view>

namespace dossier::dedup {

/// One entry of the tracking-parameter list.
struct TrackingParam {
    std::string_view name;  ///< lower-case; a trailing '*' matches every name with that prefix ("utm_*")
    bool session;           ///< a session id: also removed as a path parameter (";jsessionid=0A1B")
    std::string_view why;   ///< who adds it, and why it never selects a different document
};

/// The one list of tracking and session parameters url_key removes, matched ignoring ASCII case.
/// Never contains a name that identifies an article on some site (id, p, aid, articleid, sid...).
std::span<const TrackingParam> tracking_params();

/// True when `name` (a query parameter name, percent-decoded) is in tracking_params().
bool is_tracking_param(std::string_view name);

/// The canonical key of `url`. For an absolute URL: lower-case scheme and host, the host's
/// percent-encoding decoded and Unicode labels written as IDNA A-labels, no trailing dot, no
/// default port (nor leading zeros in one), no fragment; a Google AMP cache URL becomes the
/// origin URL it copies; percent-encoding normalised in path and query (unreserved characters
/// decoded, other triplets upper-case, non-ASCII bytes and characters that may not appear in a
/// URI encoded, a stray '%' written "%25"); session path parameters (";jsessionid=...") and dot
/// segments removed; tracking and session query parameters removed, the others sorted by name
/// (stable, so a repeated name keeps its order) and an empty query dropped; WeChat article
/// links reduced to the parameters that identify the article. Never fails: a text that is not
/// an absolute URL is returned trimmed and otherwise unchanged. url_key(url_key(x)) == url_key(x).
std::string url_key(std::string_view url);

/// The key of a page fetched from `fetched_url` that declares `declared_canonical` (its
/// rel=canonical or og:url; may be empty). The declared URL's key wins when it is an http(s)
/// URL on the same site as the fetched one (same approximate registrable domain: the last two
/// host labels, three under "com.cn"-like suffixes, one more than a shared-hosting suffix such as
/// blogspot.com) and it does not name the site's home page for a page that is not the home
/// page. A relative declaration resolves against the fetched URL when it starts with '/'
/// (path-relative ones such as "undefined" are template debris and are ignored). When the
/// fetched URL is not http(s) (a saved file), an absolute http(s) declaration wins. In every
/// other case -- empty, malformed, another site (syndication: provenance, not identity) --
/// the result is url_key(fetched_url). The result is always a fixed point of url_key.
std::string article_key(std::string_view fetched_url, std::string_view declared_canonical);

/// Former name of article_key, kept for existing callers; same result.
inline std::string preferred_key(std::string_view url, std::string_view declared_canonical) {
    return article_key(url, declared_canonical);
}

}  // namespace dossier::dedup
