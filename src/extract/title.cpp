// Title cascade. <title> usually carries the site name ("Headline | Site", "标题-站名 - 口号",
// "Site — Headline"): an <h1> found inside <title> is the headline, else site-name segments
// are cut off.
#include <array>

#include "dossier/core/strings.hpp"
#include "fields.hpp"
#include "text_measure.hpp"

namespace dossier::extract::detail {

namespace {

// Separators between a headline and a site name, with spaces around them.
constexpr auto k_spaced_separators =
    std::to_array<std::string_view>({" | ", " - ", " – ", " — ", " _ ", " :: ", " » ", " · ", " « ", " / "});
// Separators used without spaces (common on Chinese sites: "标题｜站名").
constexpr auto k_tight_separators = std::to_array<std::string_view>({"|", "｜", "—"});

/// Splits a title into segments at site-name separators. A tight "-" or "_" counts only
/// between two non-ASCII characters ("漏洞-安全客", "标题_站名"), never inside "CVE-2020-5764".
std::vector<std::string> segments(std::string_view t) {
    std::vector<std::string> out;
    std::string cur;
    for (std::size_t i = 0; i < t.size();) {
        std::size_t sep = 0;
        for (std::string_view s : k_spaced_separators)
            if (t.substr(i, s.size()) == s) sep = s.size();
        if (sep == 0)
            for (std::string_view s : k_tight_separators)
                if (t.substr(i, s.size()) == s) sep = s.size();
        if (sep == 0 && (t[i] == '-' || t[i] == '_') && i > 0 && i + 1 < t.size() &&
            static_cast<unsigned char>(t[i - 1]) >= 0x80 && static_cast<unsigned char>(t[i + 1]) >= 0x80)
            sep = 1;
        if (sep > 0) {
            out.push_back(collapse_ws(cur));
            cur.clear();
            i += sep;
        } else {
            cur.push_back(t[i++]);
        }
    }
    out.push_back(collapse_ws(cur));
    return out;
}

bool is_site_name(const std::string& segment, const std::vector<std::string>& site_names) {
    for (const std::string& n : site_names)
        if (!segment.empty() && (core::iequals(segment, n) || icontains(n, segment) || icontains(segment, n)))
            return true;
    return false;
}

std::string join(const std::vector<std::string>& segs, std::size_t from, std::size_t to, std::string_view sep) {
    std::string out;
    for (std::size_t k = from; k < to; ++k) {
        if (k > from) out += sep;
        out += segs[k];
    }
    return out;
}

/// Removes leading and trailing segments that name the site.
std::string strip_site_names(const std::string& title, const std::vector<std::string>& site_names) {
    const auto segs = segments(title);
    std::size_t from = 0, to = segs.size();
    while (to - from > 1 && is_site_name(segs[to - 1], site_names)) --to;
    while (to - from > 1 && is_site_name(segs[from], site_names)) ++from;
    if (from == 0 && to == segs.size()) return title;
    return join(segs, from, to, " - ");
}

/// <title> minus its site name: known site names first, else trailing segments much shorter
/// than the headline ("Headline | Site | Section").
std::string strip_title_tag(const std::string& title, const std::vector<std::string>& site_names) {
    std::string t = strip_site_names(title, site_names);
    if (t != title) return t;
    const auto segs = segments(title);
    if (segs.size() < 2) return title;
    // The longest segment is the headline; everything after it is the site name.
    std::size_t best = 0;
    for (std::size_t k = 1; k < segs.size(); ++k)
        if (weighted_length(segs[k], 2) > weighted_length(segs[best], 2)) best = k;
    if (weighted_length(segs[best], 2) < 10) return title;
    return segs[best];
}

/// Normalized for comparing a heading with <title>.
std::string comparable(std::string_view s) { return core::to_lower_ascii(collapse_ws(s)); }

std::optional<std::string> h1_in_title(const Page& page) {
    const std::string title = comparable(page.title_tag);
    if (title.empty()) return std::nullopt;
    for (html::Node h : elements_by_tag(page.doc.document(), "h1")) {
        std::string text = collapse_ws(h.visible_text());
        if (weighted_length(text, 2) >= 6 && title.find(comparable(text)) != std::string::npos) return text;
    }
    return std::nullopt;
}

std::optional<std::string> first_h1(const Page& page) {
    for (html::Node h : elements_by_tag(page.doc.document(), "h1")) {
        std::string text = collapse_ws(h.visible_text());
        if (!text.empty()) return text;
    }
    return std::nullopt;
}

std::optional<Field<std::string>> pick(const Page& page) {
    if (auto h = hint_value(page, "title", page.hints.title)) return Field<std::string>{*h, "hint"};
    if (!page.ld.headline.empty())
        return Field<std::string>{strip_site_names(page.ld.headline, page.site_names), "json-ld:headline"};
    if (auto og = page.meta("og:title"))
        return Field<std::string>{strip_site_names(*og, page.site_names), "meta:og:title"};
    if (auto h = h1_in_title(page)) return Field<std::string>{*h, "h1"};
    if (!page.title_tag.empty()) return Field<std::string>{strip_title_tag(page.title_tag, page.site_names), "title"};
    if (auto h = first_h1(page)) return Field<std::string>{*h, "h1"};
    return std::nullopt;
}

}  // namespace

std::optional<Field<std::string>> find_title(const Page& page) {
    auto f = pick(page);
    if (!f) return std::nullopt;
    f->value = truncate_codepoints(collapse_ws(f->value), page.opts.max_title_chars);
    if (f->value.empty()) return std::nullopt;
    return f;
}

}  // namespace dossier::extract::detail
