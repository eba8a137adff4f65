// The fields read straight from markup: language, canonical URL, tags and lead image.
#include <array>

#include "dossier/core/strings.hpp"
#include "dossier/core/url.hpp"
#include "fields.hpp"
#include "text_measure.hpp"

namespace dossier::extract::detail {

namespace {

/// A share of Han characters above this makes the body Chinese (unless it has kana).
constexpr double k_han_share_for_zh = 0.3;

/// The primary subtag of a BCP 47 tag or a POSIX locale ("zh-CN", "zh_CN" -> "zh"); "" if malformed.
std::string primary_tag(std::string_view tag) {
    std::string_view t = core::trim(tag);
    const auto end = t.find_first_of("-_");
    t = t.substr(0, end);
    if (t.size() < 2 || t.size() > 3) return {};
    for (char c : t)
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) return {};
    return core::to_lower_ascii(t);
}

std::string resolved_http(const Page& page, std::string_view ref) {
    const std::string_view r = core::trim(ref);
    if (r.empty()) return {};
    std::string abs = page.url.empty() ? std::string(r) : core::resolve_url(page.url, r);
    const auto u = core::Url::parse(abs);
    if (!u) return {};
    const auto base = core::Url::parse(page.url);
    if (!u->is_http() && (!base || base->is_http())) return {};  // javascript:, data:, ...
    return abs;
}

void add_tag(std::vector<std::string>& tags, std::string_view raw, const Options& opts) {
    std::string tag = collapse_ws(raw);
    if (tag.empty() || tag.size() > opts.max_tag_chars * 4 || weighted_length(tag, 1) > opts.max_tag_chars) return;
    if (tags.size() >= opts.max_tags) return;
    for (const std::string& t : tags)
        if (core::iequals(t, tag)) return;
    tags.push_back(std::move(tag));
}

/// Splits a keywords list at ',', '，', '、', ';' and '；'.
std::vector<std::string> split_keywords(std::string_view s) {
    std::vector<std::string> out;
    std::string cur;
    for (std::size_t i = 0; i < s.size();) {
        std::size_t sep = 0;
        for (std::string_view d : {",", ";", "，", "、", "；"})
            if (s.substr(i, d.size()) == d) sep = d.size();
        if (sep > 0) {
            out.push_back(cur);
            cur.clear();
            i += sep;
        } else {
            cur.push_back(s[i++]);
        }
    }
    out.push_back(cur);
    return out;
}

}  // namespace

std::optional<Field<std::string>> find_lang(const Page& page, const std::string& body_text) {
    if (auto t = primary_tag(page.hints.lang); !t.empty()) return Field<std::string>{t, "hint"};
    for (std::string_view a : {"lang", "xml:lang"})
        if (auto t = primary_tag(page.doc.root().attr(a).value_or("")); !t.empty())
            return Field<std::string>{t, "html:" + std::string(a)};
    for (std::string_view key : {"content-language", "language", "dc.language", "og:locale"})
        if (auto v = page.meta(key))
            if (auto t = primary_tag(*v); !t.empty()) return Field<std::string>{t, "meta:" + std::string(key)};
    if (auto t = primary_tag(page.ld.in_language); !t.empty()) return Field<std::string>{t, "json-ld:inLanguage"};
    const double han = cjk_share(body_text);
    if (han > k_han_share_for_zh) {
        if (has_kana(body_text)) return Field<std::string>{"ja", "guess"};
        if (has_hangul(body_text)) return Field<std::string>{"ko", "guess"};
        return Field<std::string>{"zh", "guess"};
    }
    return std::nullopt;
}

std::string find_canonical(const Page& page) {
    for (html::Node l : elements_by_tag(page.doc.document(), "link")) {
        const auto rel = l.attr("rel");
        if (!rel || !icontains(*rel, "canonical")) continue;
        if (auto u = resolved_http(page, l.attr("href").value_or("")); !u.empty()) return u;
    }
    if (auto og = page.meta("og:url"))
        if (auto u = resolved_http(page, *og); !u.empty()) return u;
    if (auto u = resolved_http(page, page.ld.url); !u.empty()) return u;
    return std::string(page.url);
}

std::vector<std::string> find_tags(const Page& page) {
    std::vector<std::string> tags;
    for (const std::string& t : page.meta_all("article:tag")) add_tag(tags, t, page.opts);
    for (const std::string& t : page.ld.keywords) add_tag(tags, t, page.opts);
    for (std::string_view key : {"keywords", "news_keywords"})
        for (const std::string& v : page.meta_all(key))
            for (const std::string& t : split_keywords(v)) add_tag(tags, t, page.opts);
    return tags;
}

std::string find_lead_image(const Page& page) {
    for (std::string_view key :
         {"og:image", "og:image:url", "og:image:secure_url", "twitter:image", "twitter:image:src"})
        if (auto v = page.meta(key))
            if (auto u = resolved_http(page, *v); !u.empty()) return u;
    return resolved_http(page, page.ld.image);
}

}  // namespace dossier::extract::detail
