// Author cascade. A byline names people; a site or publisher name, a URL or a whole
// paragraph is not an author and is passed over.
#include <array>

#include "boilerplate.hpp"
#include "dossier/core/strings.hpp"
#include "dossier/text/unicode.hpp"
#include "fields.hpp"
#include "text_measure.hpp"

namespace dossier::extract::detail {

namespace {

using TextField = Field<std::string>;

constexpr auto k_author_metas =
    std::to_array<std::string_view>({"author", "article:author", "byl", "dc.creator", "dcterms.creator",
                                     "parsely-author", "sailthru.author", "cxenseparse:author", "citation_author"});

// Prefixes bylines print before the name.
constexpr auto k_byline_prefixes = std::to_array<std::string_view>(
    {"posted by", "written by", "reported by", "by", "von", "por", "par", "de", "作者：", "作者:", "作者", "文/",
     "文｜", "投稿者", "撰文：", "编辑：", "責任編集："});

// Visible patterns around a name: "作者：X", "本文由X原创发布".
struct Pattern {
    std::string_view before;
    std::string_view after;    // empty: the name runs to a space or punctuation
    bool at_boundary = false;  // `before` must follow a space, '|' or a line start ("| 作者魏星")
};
// "本文由X原创发布" is a credit line that sites often hide; it is read from all text.
constexpr auto k_credit_patterns = std::to_array<Pattern>({{"本文由", "原创发布"}, {"本文由", "发布"}});
// Read from visible text only.
constexpr auto k_text_patterns =
    std::to_array<Pattern>({{"作者：", ""}, {"作者:", ""}, {"作者 ", ""}, {"文/", ""}, {"作者", "", true}});

bool at_boundary(const std::string& text, std::size_t at) {
    return at == 0 || text[at - 1] == ' ' || text[at - 1] == '\n' || text[at - 1] == '|';
}

/// URLs and domain names ("CSDN.NET", "example.com/about") name sites, not people.
bool looks_like_url(std::string_view s) {
    if (s.find("://") != std::string_view::npos || core::istarts_with(s, "www.") ||
        s.find('/') != std::string_view::npos)
        return true;
    if (s.find(' ') != std::string_view::npos) return false;
    const std::string lower = core::to_lower_ascii(s);
    for (std::string_view tld : {".com", ".net", ".org", ".cn", ".io", ".info", ".co"})
        if (lower.size() > tld.size() && lower.compare(lower.size() - tld.size(), tld.size(), tld) == 0) return true;
    return false;
}

bool is_site(const Page& page, std::string_view name) {
    for (const std::string& s : page.site_names)
        if (core::iequals(s, name)) return true;
    return false;
}

/// The name in a byline text: first line, prefixes like "By " removed, cut at " | ".
std::string clean_name(std::string_view raw) {
    std::string_view s = raw.substr(0, raw.find('\n'));
    std::string t = collapse_ws(s);
    for (bool again = true; again;) {
        again = false;
        for (std::string_view p : k_byline_prefixes) {
            if (!core::istarts_with(t, p)) continue;
            const bool latin = p.back() >= 'a' && p.back() <= 'z';
            if (latin && t.size() > p.size() && t[p.size()] != ' ' && t[p.size()] != ':') continue;
            t = collapse_ws(std::string_view(t).substr(p.size()));
            if (!t.empty() && (t.front() == ':' || t.front() == '.')) t = collapse_ws(std::string_view(t).substr(1));
            again = true;
            break;
        }
    }
    for (std::string_view cut : {" | ", " · ", " • ", "|", " - ", " – ", " — "})
        if (const auto at = t.find(cut); at != std::string::npos && at > 0) t = collapse_ws(t.substr(0, at));
    return t;
}

std::optional<std::string> acceptable(const Page& page, std::string name) {
    name = collapse_ws(name);
    if (name.empty() || name.size() > page.opts.max_author_chars || looks_like_url(name) || is_site(page, name))
        return std::nullopt;
    return name;
}

std::optional<TextField> from_json_ld(const Page& page) {
    std::string joined;
    for (const std::string& a : page.ld.authors) {
        auto name = acceptable(page, a);
        if (!name || joined.find(*name) != std::string::npos) continue;
        if (!joined.empty()) joined += ", ";
        joined += *name;
    }
    if (joined.empty()) return std::nullopt;
    return TextField{joined, "json-ld:author"};
}

std::optional<TextField> from_metas(const Page& page) {
    for (std::string_view key : k_author_metas)
        for (const std::string& v : page.meta_all(key))
            if (auto name = acceptable(page, clean_name(v))) return TextField{*name, "meta:" + std::string(key)};
    return std::nullopt;
}

/// What kind of byline element `n` is, or "" when it is none.
std::string byline_kind(html::Node n) {
    if (n.tag() == "a" && n.attr("rel") && icontains(*n.attr("rel"), "author")) return "rel=author";
    if (auto prop = n.attr("itemprop"); prop && core::iequals(*prop, "author")) return "itemprop=author";
    const std::string names =
        core::to_lower_ascii(n.attr("class").value_or("")) + " " + core::to_lower_ascii(n.attr("id").value_or(""));
    if (names.find("byline") != std::string::npos) return ".byline";
    if (names.find("autor") != std::string::npos) return ".autor";  // German, Spanish, Portuguese
    if (names.find("author") != std::string::npos && names.find("bio") == std::string::npos &&
        names.find("avatar") == std::string::npos)
        return ".author";
    return {};
}

/// Bylines often sit in share/byline bars ("ShareByline"), so only structural furniture is
/// skipped here; bylines of other stories come after the article's own in document order.
std::optional<TextField> from_elements(const Page& page) {
    const html::Node top = page.doc.body();
    for (html::Node n = top; n;) {
        // A post's own <footer> often holds its byline.
        const bool furniture = n.is_element() && n.tag() != "footer" && is_boilerplate(n, Strictness::tags_only);
        if (n.is_element() && !furniture) {
            const std::string kind = byline_kind(n);
            if (!kind.empty())
                if (auto name = acceptable(page, clean_name(n.visible_text())))
                    return TextField{*name, "element:" + kind};
        }
        n = html::next_in_tree(n, top, furniture);
    }
    return std::nullopt;
}

bool ends_name(char32_t cp) {
    return cp == ' ' || cp == '\n' || cp == 0x3000 || cp == 0xFF0C || cp == 0x3001 || cp == 0x3002 || cp == ',' ||
           cp == '|' || cp == 0xFF5C || cp == 0xFF08 || cp == '(';
}

/// All character data of the body except scripts and styles, hidden elements included.
std::string all_text(html::Node scope) {
    std::string out;
    for (html::Node n = scope; n;) {
        const std::string_view tag = n.tag();
        const bool code = tag == "script" || tag == "style" || tag == "template";
        if (n.is_text()) out += n.text();
        n = html::next_in_tree(n, scope, code);
    }
    return out;
}

template <std::size_t N>
std::optional<TextField> match_patterns(const Page& page, const std::string& text,
                                        const std::array<Pattern, N>& patterns) {
    for (const Pattern& p : patterns) {
        auto at = text.find(p.before);
        // "原作者" is the original author of a translated text, not the byline.
        while (at != std::string::npos &&
               ((at >= 3 && text.compare(at - 3, 3, "原") == 0) || (p.at_boundary && !at_boundary(text, at))))
            at = text.find(p.before, at + 1);
        if (at == std::string::npos) continue;
        const std::size_t from = at + p.before.size();
        std::size_t end = from;
        if (!p.after.empty()) {
            end = text.find(p.after, from);
            if (end == std::string::npos || end - from > 60) continue;
        } else {
            while (end < text.size() && end - from < 60) {
                std::size_t next = end;
                if (ends_name(text::next_codepoint(text, next))) break;
                end = next;
            }
        }
        if (auto name = acceptable(page, text.substr(from, end - from)))
            return TextField{*name, "text:" + std::string(p.before)};
    }
    return std::nullopt;
}

std::optional<TextField> from_text(const Page& page) {
    if (auto f = match_patterns(page, collapse_ws(all_text(page.doc.body())), k_credit_patterns)) return f;
    html::TextOptions opts;
    opts.skip = [](html::Node n) { return is_boilerplate(n, Strictness::tags_only); };
    return match_patterns(page, page.doc.root().visible_text(opts), k_text_patterns);
}

}  // namespace

std::optional<Field<std::string>> find_author(const Page& page) {
    if (auto h = hint_value(page, "author", page.hints.author))
        if (auto name = acceptable(page, clean_name(*h))) return TextField{*name, "hint"};
    if (auto f = from_json_ld(page)) return f;
    if (auto f = from_metas(page)) return f;
    if (auto f = from_elements(page)) return f;
    return from_text(page);
}

}  // namespace dossier::extract::detail
