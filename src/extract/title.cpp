// Title cascade. <title> usually carries the site name ("Headline | Site", "标题-站名 - 口号",
// "Site — Headline"): an <h1> found inside <title> is the headline, else site-name segments
// are cut off.
#include <algorithm>
#include <array>
#include <cctype>

#include "dossier/core/strings.hpp"
#include "dossier/core/url.hpp"
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
    for (const std::string& n : site_names)  // the site's own page ("Yahoo News - Latest News")
        if (core::iequals(n, title)) return title;
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

/// A heading's text without the permalink mark documentation generators append ("Setup¶").
std::string heading_text(html::Node h) {
    std::string text = collapse_ws(h.visible_text());
    for (std::string_view mark : {"¶", "§"})  // not "#": "Why we still write C#"
        if (text.size() > mark.size() && text.compare(text.size() - mark.size(), mark.size(), mark) == 0)
            text = collapse_ws(std::string_view(text).substr(0, text.size() - mark.size()));
    return text;
}

/// An <h1> that is only a link to the site's front page is the site's logo or name.
bool is_logo_h1(html::Node h, const Page& page) {
    const std::string text = collapse_ws(h.visible_text());
    for (html::Node n = h; n; n = html::next_in_tree(n, h)) {
        if (!n.is_element() || n.tag() != "a") continue;
        if (collapse_ws(n.visible_text()) != text) return false;
        const std::string href(core::trim(n.attr("href").value_or("")));
        if (href == "/" || href == "./" || href == "index.html" || href == "index.htm") return true;
        const auto page_url = core::Url::parse(page.url);
        const auto link = core::Url::parse(href);
        return page_url && link && link->host == page_url->host && (link->path.empty() || link->path == "/");
    }
    return false;
}

/// The longest <h1> found inside <title>: a site-name <h1> in the header is shorter than the
/// headline's.
std::optional<std::string> h1_in_title(const Page& page) {
    const std::string title = comparable(page.title_tag);
    if (title.empty()) return std::nullopt;
    std::optional<std::string> best;
    for (html::Node h : elements_by_tag(page.doc.document(), "h1")) {
        std::string text = heading_text(h);
        if (is_logo_h1(h, page)) continue;
        if (weighted_length(text, 2) >= 6 && title.find(comparable(text)) != std::string::npos &&
            (!best || text.size() > best->size()))
            best = std::move(text);
    }
    return best;
}

std::optional<std::string> first_h1(const Page& page) {
    for (html::Node h : elements_by_tag(page.doc.document(), "h1")) {
        std::string text = collapse_ws(h.visible_text());
        if (!text.empty()) return text;
    }
    return std::nullopt;
}

/// Lower-case word tokens: runs of ASCII letters and digits and of non-ASCII bytes.
std::vector<std::string> word_tokens(std::string_view s) {
    std::vector<std::string> out;
    std::string cur;
    for (char c : s) {
        const auto u = static_cast<unsigned char>(c);
        if (u >= 0x80 || (std::isalnum(u) != 0)) {
            cur.push_back(static_cast<char>(std::tolower(u)));
        } else if (!cur.empty()) {
            out.push_back(std::move(cur));
            cur.clear();
        }
    }
    if (!cur.empty()) out.push_back(std::move(cur));
    return out;
}

/// The share (by characters) of `candidate`'s words that also occur in `reference`: 1 when
/// every word of the candidate is in the reference (the measure Readability uses).
double word_overlap(std::string_view candidate, std::string_view reference) {
    const auto cand = word_tokens(candidate), ref = word_tokens(reference);
    if (cand.empty() || ref.empty()) return 0;
    std::size_t total = 0, missing = 0;
    for (const std::string& w : cand) {
        total += w.size() + 1;
        if (std::find(ref.begin(), ref.end(), w) == ref.end()) missing += w.size() + 1;
    }
    return 1.0 - static_cast<double>(missing) / static_cast<double>(total);
}

/// JSON-LD "headline" or "name": they should agree, but some sites put their own name in
/// "name" and others a section label in "headline". The one that <title> confirms wins;
/// "name" when neither or both are confirmed (as Readability decides).
std::string json_ld_title(const Page& page) {
    if (page.ld.name.empty()) return page.ld.headline;
    if (is_site_name(page.ld.name, page.site_names)) return page.ld.headline;
    const std::string title = strip_title_tag(page.title_tag, page.site_names);
    const double need = page.opts.title_overlap;
    const bool headline_ok = word_overlap(page.ld.headline, title) > need;
    const bool name_ok = word_overlap(page.ld.name, title) > need;
    return headline_ok && !name_ok ? page.ld.headline : page.ld.name;
}

/// <meta> title keys, most specific first (Dublin Core is set deliberately by publishers;
/// twitter: and parsely- titles are often shortened for sharing).
constexpr auto k_title_metas = std::to_array<std::string_view>(
    {"dc:title", "dc.title", "dcterm:title", "dcterms:title", "dcterms.title", "og:title", "weibo:article:title",
     "weibo:webpage:title", "title", "twitter:title", "parsely-title"});

std::optional<Field<std::string>> pick(const Page& page) {
    if (auto h = hint_value(page, "title", page.hints.title)) return Field<std::string>{*h, "hint"};
    if (!page.ld.headline.empty())
        return Field<std::string>{strip_site_names(json_ld_title(page), page.site_names), "json-ld:headline"};
    for (std::string_view key : k_title_metas)
        if (auto m = page.meta(key))
            return Field<std::string>{strip_site_names(*m, page.site_names), "meta:" + std::string(key)};
    if (auto h = h1_in_title(page)) return Field<std::string>{*h, "h1"};
    if (!page.title_tag.empty()) return Field<std::string>{strip_title_tag(page.title_tag, page.site_names), "title"};
    if (auto h = first_h1(page)) return Field<std::string>{*h, "h1"};
    return std::nullopt;
}

/// The text of the first element child of `h` when more text follows it inside `h`: the
/// kicker (Dachzeile, eyebrow) that some sites print above the headline in the same <h1>.
std::string kicker_of(html::Node h) {
    for (html::Node c : h.children()) {
        if (c.is_text() && !core::trim(c.text()).empty()) return {};  // text before any element
        if (!c.is_element()) continue;
        std::string kicker = collapse_ws(c.visible_text());
        const std::string all = collapse_ws(h.visible_text());
        if (kicker.empty() || all.size() <= kicker.size() + 1) return {};
        return kicker;
    }
    return {};
}

/// `title` without a segment that is the kicker of an <h1>: meta titles often join kicker
/// and headline ("Headline - Kicker", "Kicker: Headline"), the reader sees the headline.
std::string drop_kicker(const std::string& title, const Page& page) {
    const auto segs = segments(title);
    if (segs.size() < 2) return title;
    for (html::Node h : elements_by_tag(page.doc.document(), "h1")) {
        const std::string kicker = kicker_of(h);
        if (kicker.empty()) continue;
        for (std::size_t k = 0; k < segs.size(); ++k) {
            if (!core::iequals(segs[k], kicker)) continue;
            std::vector<std::string> rest(segs);
            rest.erase(rest.begin() + static_cast<std::ptrdiff_t>(k));
            return join(rest, 0, rest.size(), " - ");
        }
    }
    return title;
}

/// True when `part`, trimmed, starts (at_end = false) or ends (at_end = true) with a
/// site-name separator.
bool has_separator(std::string_view part, bool at_end) {
    part = core::trim(part);
    const auto matches = [&](std::string_view sep) {
        if (sep.empty() || part.size() < sep.size()) return false;
        return at_end ? part.substr(part.size() - sep.size()) == sep : part.substr(0, sep.size()) == sep;
    };
    for (std::string_view sep : k_spaced_separators)
        if (matches(core::trim(sep))) return true;
    for (std::string_view sep : k_tight_separators)
        if (matches(sep)) return true;
    return false;
}

/// A title that is an <h1> plus separated extra text ("Headline | Unknown Site", "Site — Headline")
/// is cut to the <h1>: the page shows the headline alone. The <h1> must be the longer part, so a
/// site-name <h1> never replaces the headline.
std::string cut_to_h1(const std::string& title, const Page& page) {
    for (html::Node h : elements_by_tag(page.doc.document(), "h1")) {
        const std::string text = collapse_ws(h.visible_text());
        if (text.empty() || text.size() >= title.size()) continue;
        const std::size_t w = weighted_length(text, 2);
        const std::string_view t(title);
        if (t.substr(0, text.size()) == text) {
            const std::string_view rest = t.substr(text.size());
            if (has_separator(rest, false) && w > weighted_length(rest, 2)) return text;
        }
        if (t.substr(t.size() - text.size()) == text) {
            const std::string_view rest = t.substr(0, t.size() - text.size());
            if (has_separator(rest, true) && w > weighted_length(rest, 2)) return text;
        }
    }
    return title;
}

}  // namespace

std::optional<Field<std::string>> find_title(const Page& page) {
    auto f = pick(page);
    if (!f) return std::nullopt;
    if (f->method != "hint") f->value = cut_to_h1(drop_kicker(f->value, page), page);
    f->value = truncate_codepoints(collapse_ws(f->value), page.opts.max_title_chars);
    if (f->value.empty()) return std::nullopt;
    return f;
}

}  // namespace dossier::extract::detail
