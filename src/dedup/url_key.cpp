// Canonical URL keys: RFC 3986 section 6.2.2 syntax-based normalisation, section 6.2.3
// scheme-based normalisation (default port, empty path), plus tracking-parameter removal and
// site rules. docs/dedup.md ("URL key") explains each rule and what is deliberately left alone.
#include "dossier/dedup/url_key.hpp"

#include <algorithm>
#include <optional>
#include <utility>
#include <vector>

#include "dossier/core/strings.hpp"
#include "dossier/core/url.hpp"
#include "url_host.hpp"

namespace dossier::dedup {

namespace {

/// Parameters that track a click, a share or a session and never select a different document.
/// Left out on purpose, because they select content on some site: id, p, aid, articleid, cid,
/// sid (a story id on some CMSs), page, s, source, ref (a git ref on code hosts), m, amp, lang.
constexpr TrackingParam k_tracking_params[] = {
    // Analytics campaign tags.
    {"utm_*", false, "Google Analytics campaign tags; FeedBurner appends utm_source=feedburner to feed links"},
    {"mtm_*", false, "Matomo campaign tags"},
    {"pk_*", false, "Piwik/Matomo campaign tags (pk_campaign, pk_kwd)"},
    {"hmsr", false, "Baidu Tongji campaign source"},
    {"hmmd", false, "Baidu Tongji campaign medium"},
    {"hmpl", false, "Baidu Tongji campaign plan"},
    {"hmkw", false, "Baidu Tongji campaign keyword"},
    {"hmci", false, "Baidu Tongji campaign creative"},
    {"wt.*", false, "Webtrends tags (WT.mc_id, WT.tsrc)"},
    {"s_cid", false, "Adobe Analytics campaign id"},
    {"cmpid", false, "publisher campaign id on newsletter and social links"},
    {"ncid", false, "syndication-network campaign id (Yahoo and partners)"},
    {"_ga", false, "Google Analytics cross-domain linker"},
    {"_gl", false, "Google tag cross-domain linker"},
    // Advertising click ids.
    {"fbclid", false, "Facebook click id"},
    {"gclid", false, "Google Ads click id"},
    {"gclsrc", false, "Google Ads click source"},
    {"dclid", false, "Google Display & Video click id"},
    {"gbraid", false, "Google Ads app-to-web click id"},
    {"wbraid", false, "Google Ads web-to-app click id"},
    {"msclkid", false, "Microsoft Advertising click id"},
    {"yclid", false, "Yandex click id"},
    {"twclid", false, "X/Twitter click id"},
    {"ttclid", false, "TikTok click id"},
    {"li_fat_id", false, "LinkedIn ad click id"},
    {"igshid", false, "Instagram share id"},
    // E-mail newsletters.
    {"mc_cid", false, "Mailchimp campaign id"},
    {"mc_eid", false, "Mailchimp subscriber id"},
    {"_hsenc", false, "HubSpot e-mail tracking signature"},
    {"_hsmi", false, "HubSpot e-mail message id"},
    {"mkt_tok", false, "Marketo e-mail token"},
    {"_mc", false, "Informa newsletter tag on Dark Reading links (_mc=NL_DR_EDT_...)"},
    // Social referrers and share buttons.
    {"ref_src", false, "X/Twitter embed referrer"},
    {"ref_url", false, "X/Twitter embed referrer page"},
    {"share", false, "WordPress (Jetpack) share-button action: share=twitter shows the same post"},
    {"share_*", false, "share-button tags of Chinese apps (share_source, share_medium, share_token, share_plat)"},
    {"shareid", false, "share id of Chinese apps"},
    // Chinese sites and apps.
    {"spm", false, "Alibaba click-position tag (spm=a2c4e.10696291.0.0) on Aliyun-linked pages"},
    {"spm_id_from", false, "Bilibili click-position tag"},
    {"vd_source", false, "Bilibili viewer tag"},
    {"from", false, "WeChat/Weibo/Zhihu share origin (from=timeline, singlemessage, groupmessage)"},
    {"from_source", false, "share origin tag (Toutiao and others)"},
    {"isappinstalled", false, "WeChat share: whether the reader had the app (isappinstalled=0)"},
    {"scene", false, "WeChat scene code: where the link was opened"},
    {"subscene", false, "WeChat scene sub-code"},
    {"srcid", false, "WeChat share source id"},
    {"sharer_sharetime", false, "WeChat sharer timestamp"},
    {"sharer_shareid", false, "WeChat sharer id"},
    {"sharer_shareinfo", false, "WeChat sharer stamp"},
    {"sharer_shareinfo_first", false, "WeChat sharer stamp"},
    {"clicktime", false, "WeChat time the link was opened"},
    {"enterid", false, "WeChat open id"},
    {"wfr", false, "Baidu Baijiahao / Weibo crawler tag (wfr=spider)"},
    // Google AMP viewer.
    {"amp_js_v", false, "AMP viewer runtime version on AMP cache links"},
    {"usqp", false, "Google AMP viewer flag on AMP cache links"},
    // Session ids.
    {"jsessionid", true, "Java servlet session id, also as a ;jsessionid= path parameter"},
    {"phpsessid", true, "PHP session id"},
    {"sessionid", true, "generic session id"},
    {"session_id", true, "generic session id"},
};

const TrackingParam* find_tracking(std::string_view name) {
    const std::string lower = core::to_lower_ascii(name);
    for (const TrackingParam& p : k_tracking_params) {
        const bool prefix = p.name.ends_with('*');
        if (prefix ? lower.starts_with(p.name.substr(0, p.name.size() - 1)) : lower == p.name) return &p;
    }
    return nullptr;
}

bool is_unreserved(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
           c == '_' || c == '~';
}

/// Bytes that are not URI characters at all (RFC 3986 section 2; RFC 3987 section 3.1 maps an
/// IRI's non-ASCII characters to their UTF-8 octets, percent-encoded): a raw "/漏洞" and
/// "/%E6%BC%8F%E6%B4%9E" are the same path.
bool must_encode(char ch) {
    const auto c = static_cast<unsigned char>(ch);
    return c <= 0x20 || c >= 0x7F || c == '"' || c == '<' || c == '>' || c == '\\' || c == '^' || c == '`' ||
           c == '{' || c == '|' || c == '}';
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

void append_triplet(std::string& out, unsigned char c) {
    static constexpr char k_hex[] = "0123456789ABCDEF";
    out.push_back('%');
    out.push_back(k_hex[c >> 4]);
    out.push_back(k_hex[c & 15]);
}

/// RFC 3986 section 6.2.2: decode percent-encoded unreserved characters, upper-case the rest.
/// A '%' that starts no triplet is written "%25": left alone, a decoded digit after it could
/// form a new triplet ("%%42" -> "%B"), and the key of the key would differ.
std::string normalize_percent(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%' && i + 2 < s.size() && hex_value(s[i + 1]) >= 0 && hex_value(s[i + 2]) >= 0) {
            const auto c = static_cast<unsigned char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2]));
            if (is_unreserved(static_cast<char>(c)))
                out.push_back(static_cast<char>(c));
            else
                append_triplet(out, c);
            i += 2;
        } else if (s[i] == '%' || must_encode(s[i])) {
            append_triplet(out, static_cast<unsigned char>(s[i]));
        } else {
            out.push_back(s[i]);
        }
    }
    return out;
}

/// Removes ";name=value" path parameters that are session ids: servlet containers append
/// ";jsessionid=0A1B..." to every link when the reader refuses cookies.
std::string strip_session_path_params(std::string_view path) {
    std::string out;
    out.reserve(path.size());
    std::size_t i = 0;
    while (i < path.size()) {
        if (path[i] != ';') {
            out.push_back(path[i++]);
            continue;
        }
        std::size_t end = path.find_first_of(";/", i + 1);
        if (end == std::string_view::npos) end = path.size();
        const std::string_view param = path.substr(i + 1, end - i - 1);
        const TrackingParam* p = find_tracking(param.substr(0, param.find('=')));
        if (!p || !p->session) out.append(path.substr(i, end - i));
        i = end;
    }
    return out;
}

using Params = std::vector<std::pair<std::string, std::string>>;

/// How a query is reduced: drop tracking names; keep only WeChat's article ids; drop it all.
enum class QueryRule { generic, wechat_ids, none };

/// WeChat article links (mp.weixin.qq.com/s?__biz=..&mid=..&idx=..&sn=.., and the 2014 form
/// /mp/appmsg/show?__biz=..&appmsgid=..&itemidx=..&sign=..) carry a dozen share and client
/// parameters (chksm, scene, key, uin, pass_ticket...); the ids name the article. The short form
/// /s/<id> is named by its path. Links without __biz (Sogou's temporary /s?src=..&signature=..)
/// are left to the generic rule: reducing them would merge every one of them.
QueryRule query_rule(const core::Url& u, const Params& params) {
    if (u.host != "mp.weixin.qq.com") return QueryRule::generic;
    if (u.path.starts_with("/s/") && u.path.size() > 3) return QueryRule::none;
    if (u.path != "/s" && u.path != "/mp/appmsg/show") return QueryRule::generic;
    const bool has_biz = std::any_of(params.begin(), params.end(), [](const auto& p) { return p.first == "__biz"; });
    return has_biz ? QueryRule::wechat_ids : QueryRule::generic;
}

bool is_wechat_id(std::string_view name) {
    return name == "__biz" || name == "mid" || name == "idx" || name == "sn" || name == "appmsgid" ||
           name == "itemidx" || name == "sign";
}

/// WeChat's server reads its query as form data, where "%3D" in a value is "=": __biz is
/// base64 and is shared both as "MzA==" and "MzA%3D%3D".
std::string decode_equals(std::string value) {
    for (auto at = value.find("%3D"); at != std::string::npos; at = value.find("%3D", at)) value.replace(at, 3, "=");
    return value;
}

std::optional<std::string> normalize_query(const core::Url& u) {
    Params params;
    for (std::string_view piece : core::split(*u.query, '&')) {
        if (piece.empty()) continue;
        const auto eq = piece.find('=');
        std::string name = normalize_percent(piece.substr(0, eq));
        std::string value = eq == std::string_view::npos ? std::string() : normalize_percent(piece.substr(eq + 1));
        // A bare "=" would print as nothing and be skipped as an empty piece next time.
        if (name.empty() && value.empty()) continue;
        params.emplace_back(std::move(name), std::move(value));
    }
    const QueryRule rule = query_rule(u, params);
    Params kept;
    for (auto& [name, value] : params) {
        if (rule == QueryRule::none) break;
        if (rule == QueryRule::wechat_ids && !is_wechat_id(name)) continue;
        if (rule == QueryRule::generic && is_tracking_param(name)) continue;
        if (rule == QueryRule::wechat_ids) value = decode_equals(std::move(value));
        kept.emplace_back(std::move(name), std::move(value));
    }
    std::stable_sort(kept.begin(), kept.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::string q;
    for (const auto& [name, value] : kept) {
        if (!q.empty()) q.push_back('&');
        q += name;
        if (!value.empty()) q += "=" + value;
    }
    if (q.empty()) return std::nullopt;
    return q;
}

/// RFC 3986 section 6.2.3: leading zeros and the scheme's default port say nothing.
void normalize_port(core::Url& u) {
    const std::size_t digits = u.port.find_first_not_of('0');
    u.port = digits == std::string::npos ? (u.port.empty() ? "" : "0") : u.port.substr(digits);
    if ((u.scheme == "http" && u.port == "80") || (u.scheme == "https" && u.port == "443")) u.port.clear();
}

/// A declared canonical as a URL: absolute, or relative starting with '/' (absolute-path or
/// network-path reference) resolved against the fetched URL.
std::optional<core::Url> declared_url(std::string_view fetched_key, std::string_view declared) {
    if (auto absolute = core::Url::parse(declared)) return absolute;
    if (!declared.starts_with('/')) return std::nullopt;
    auto base = core::Url::parse(fetched_key);
    if (!base) return std::nullopt;
    return base->resolve(declared);
}

}  // namespace

std::span<const TrackingParam> tracking_params() { return k_tracking_params; }

bool is_tracking_param(std::string_view name) { return find_tracking(name) != nullptr; }

std::string url_key(std::string_view url) {
    auto parsed = core::Url::parse(url);
    if (!parsed) return std::string(core::trim(url));
    core::Url u = std::move(*parsed);
    u.host = normalize_host(u.host);
    normalize_port(u);
    u.fragment.reset();
    // Percent-decoding first, as RFC 3986 section 6.2.2 orders it: "%2E%2E" decodes to a ".."
    // segment, which must then be removed like a written one.
    u.path = core::remove_dot_segments(strip_session_path_params(normalize_percent(u.path)));
    if (u.is_http() && u.path.empty()) u.path.push_back('/');
    // After the path is normalised, so that the key of a key finds the same origin.
    if (auto origin = amp_cache_origin(u)) return url_key(*origin);
    if (u.query) u.query = normalize_query(u);
    // WeChat serves articles over https only; old links say http.
    if (u.host == "mp.weixin.qq.com" && u.scheme == "http") u.scheme = "https";
    return u.to_string();
}

std::string article_key(std::string_view fetched_url, std::string_view declared_canonical) {
    std::string fetched = url_key(fetched_url);
    const std::string_view declared = core::trim(declared_canonical);
    if (declared.empty()) return fetched;
    auto resolved = declared_url(fetched, declared);
    if (!resolved || !resolved->is_http()) return fetched;
    std::string key = url_key(resolved->to_string());
    auto d = core::Url::parse(key);
    if (!d || !d->is_http()) return fetched;
    auto f = core::Url::parse(fetched);
    // A saved page has no site of its own: what it says it is is the best identity there is.
    if (!f || !f->is_http()) return key;
    if (site_of(d->host) != site_of(f->host)) return fetched;  // syndication: provenance, not identity
    // "Every page's canonical is the home page" is a common template error, never an identity.
    if (d->path == "/" && !d->query && (f->path != "/" || f->query)) return fetched;
    return key;
}

}  // namespace dossier::dedup
