// Author cascade. A byline names people; a site or publisher name, a URL or a whole
// paragraph is not an author and is passed over.
#include <algorithm>
#include <array>

#include "boilerplate.hpp"
#include "date_text.hpp"
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
            // "Byby ANN LEE": a screen-reader "By" span glued to the visible "by" has no space; the
            // prefix repeated counts as the prefix.
            const bool doubled = core::istarts_with(std::string_view(t).substr(p.size()), p);
            if (latin && !doubled && t.size() > p.size() && t[p.size()] != ' ' && t[p.size()] != ':') continue;
            t = collapse_ws(std::string_view(t).substr(p.size()));
            if (!t.empty() && (t.front() == ':' || t.front() == '.')) t = collapse_ws(std::string_view(t).substr(1));
            again = true;
            break;
        }
    }
    for (std::string_view cut : {" | ", " · ", " • ", "|", " - ", " – ", " — "})
        if (const auto at = t.find(cut); at != std::string::npos && at > 0) t = collapse_ws(t.substr(0, at));
    // "GILLIAN MOHNEY March 11, 2015 3:46 PM": the byline's date is not part of the name.
    if (auto d = find_date_in_text(t); d && d->position > 0) {
        t = collapse_ws(t.substr(0, d->position));
        if (!t.empty() && t.back() == ':') return {};  // "Last Updated: <date>" is a label, not a name
        while (!t.empty() && (t.back() == ',' || t.back() == ';')) t.pop_back();
        for (std::string_view on : {" on", " am", " le", " el"})
            if (t.size() > on.size() && t.compare(t.size() - on.size(), on.size(), on) == 0)
                t.resize(t.size() - on.size());
    }
    return t;
}

}  // namespace

std::optional<std::string> accept_author_name(const Page& page, std::string name) {
    name = collapse_ws(name);
    if (name.empty() || name.size() > page.opts.max_author_chars || looks_like_url(name) || is_site(page, name) ||
        core::iequals(name, page.headline))  // a headline link inside an author-classed block
        return std::nullopt;
    return name;
}

namespace {

std::optional<TextField> from_json_ld(const Page& page) {
    std::string joined;
    for (const std::string& a : page.ld.authors) {
        auto name = accept_author_name(page, a);
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
            if (auto name = accept_author_name(page, clean_name(v))) return TextField{*name, "meta:" + std::string(key)};
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
        names.find("avatar") == std::string::npos && names.find("authoriz") == std::string::npos)
        return ".author";
    return {};
}

/// True for a name as bylines print it: two to max_name_words words, each capitalized (or a
/// non-Latin script), no digits.
bool looks_like_name(std::string_view name, const Options& opts) {
    const auto words = core::split(name, ' ');
    if (words.size() < 2 || words.size() > opts.max_name_words) return false;
    for (std::string_view w : words) {
        if (w.empty()) return false;
        const auto c = static_cast<unsigned char>(w.front());
        if (c < 0x80 && !(c >= 'A' && c <= 'Z')) return false;
        for (char d : w)
            if (d >= '0' && d <= '9') return false;
    }
    return true;
}

/// A link to an author page ("/author/ann-lee/", WordPress and most CMSs) whose text is a name,
/// searched from the headline on so that staff lists in the header do not count.
std::optional<TextField> from_author_links(const Page& page) {
    const html::Node top = page.doc.body();
    bool after_headline = page.headline.empty();
    for (html::Node n = top; n;) {
        // Names too: related-story lists after the article link their authors' pages.
        const bool furniture = n.is_element() && is_boilerplate(n, Strictness::with_names, &page.boilerplate);
        if (!after_headline && n.is_element() && n.tag() == "h1") after_headline = true;
        if (after_headline && n.is_element() && n.tag() == "a" && !furniture) {
            const std::string href = core::to_lower_ascii(n.attr("href").value_or(""));
            if (href.find("/author/") != std::string::npos || href.find("/authors/") != std::string::npos) {
                const std::string name = collapse_ws(n.visible_text());
                if (looks_like_name(name, page.opts))
                    if (auto ok = accept_author_name(page, name)) return TextField{*ok, "link:/author/"};
            }
        }
        n = html::next_in_tree(n, top, furniture);
    }
    return std::nullopt;
}

/// Bylines often sit in share/byline bars ("ShareByline"), so only structural furniture is
/// skipped here; bylines of other stories come after the article's own in document order.
std::optional<TextField> from_elements(const Page& page) {
    const html::Node top = page.doc.body();
    for (html::Node n = top; n;) {
        // A post's own <footer> often holds its byline.
        // <noscript> holds the static copy of script-built posts, byline included.
        const bool furniture = n.is_element() && n.tag() != "footer" && n.tag() != "noscript" &&
                               is_boilerplate(n, Strictness::tags_only, &page.boilerplate);
        // <body class="author-4326"> is WordPress's archive marker, not a byline.
        if (n.is_element() && !furniture && n != top) {
            const std::string kind = byline_kind(n);
            if (!kind.empty())
                if (auto name = accept_author_name(page, clean_name(n.visible_text())))
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
        if (auto name = accept_author_name(page, text.substr(from, end - from)))
            return TextField{*name, "text:" + std::string(p.before)};
    }
    return std::nullopt;
}

/// Words that may stand between names in a byline.
constexpr auto k_name_joiners = std::to_array<std::string_view>({"and", "und", "y", "e", "et", "en", "&"});
/// Byline line prefixes (English, German, Spanish/Portuguese, French, Dutch), case as printed.
constexpr auto k_by_prefixes = std::to_array<std::string_view>({"By ", "BY ", "Von ", "Por ", "Par ", "Door "});

/// The names of a line that is only a byline ("By Ann Lee and Bo Chen", "Von Jan Strunz, NDR"):
/// after the prefix, one to eight words that are each capitalized or a joiner. "" otherwise.
std::string by_line(std::string_view line, const Options& opts) {
    const std::string t = collapse_ws(line);
    bool prefixed = false;
    for (std::string_view p : k_by_prefixes) prefixed = prefixed || std::string_view(t).substr(0, p.size()) == p;
    if (!prefixed) return {};
    const std::string name = clean_name(t);
    const auto words = core::split(name, ' ');
    if (name.empty() || words.size() > opts.max_byline_words) return {};
    for (std::string_view w : words) {
        while (!w.empty() && (w.back() == ',' || w.back() == ';')) w.remove_suffix(1);
        if (w.empty()) return {};
        const bool joiner = std::find(k_name_joiners.begin(), k_name_joiners.end(), w) != k_name_joiners.end();
        const auto c = static_cast<unsigned char>(w.front());
        if (!joiner && !(c >= 'A' && c <= 'Z') && c < 0x80) return {};
        for (char d : w)
            if (d >= '0' && d <= '9') return {};
    }
    return name;
}

/// A byline line among the lines just after the headline.
std::optional<TextField> from_by_line(const Page& page, const std::string& text) {
    std::size_t at = page.headline.empty() ? std::string::npos : text.find(page.headline);
    if (at == std::string::npos) return std::nullopt;
    const std::size_t end = std::min(text.size(), at + page.opts.date_scan_chars);
    while (at < end) {
        const std::size_t nl = std::min(text.find('\n', at), end);
        if (auto name = accept_author_name(page, by_line(std::string_view(text).substr(at, nl - at), page.opts)))
            return TextField{*name, "text:by"};
        at = nl + 1;
    }
    return std::nullopt;
}

/// An issuer line: short, no digits, no sentence punctuation, and two or more words (Latin) or
/// four or more characters (CJK): "セキュリティセンター", "Press Office".
bool issuer_line(std::string_view line, const Options& opts) {
    if (line.empty() || line.size() > opts.max_issuer_line_bytes) return false;
    std::size_t spaces = 0;
    for (char c : line) {
        if ((c >= '0' && c <= '9') || c == '.' || c == '!' || c == '?' || c == ':') return false;
        spaces += c == ' ' ? 1 : 0;
    }
    if (line.find("。") != std::string_view::npos || line.find("：") != std::string_view::npos) return false;
    return static_cast<unsigned char>(line.front()) >= 0x80 ? line.size() >= 12 : spaces >= 1;
}

/// The paragraphs of a text written with blank lines between them.
std::vector<std::string_view> paragraphs_of(std::string_view text) {
    std::vector<std::string_view> out;
    while (!text.empty()) {
        const auto end = text.find("\n\n");
        if (end != 0) out.push_back(text.substr(0, end));
        if (end == std::string_view::npos) break;
        text.remove_prefix(end + 2);
    }
    return out;
}

/// A block just under the headline made of a date line and one to three issuer lines
/// ("最終更新日：2019年4月2日 / 独立行政法人情報処理推進機構 / セキュリティセンター"), as press
/// releases of agencies and companies sign them: the issuer lines, joined.
std::optional<TextField> from_dated_block(const Page& page) {
    html::TextOptions opts;
    opts.paragraphs = true;
    opts.skip = [&page](html::Node n) { return is_boilerplate(n, Strictness::tags_only, &page.boilerplate); };
    const std::string text = page.doc.root().visible_text(opts);
    std::size_t at = page.headline.empty() ? std::string::npos : text.find(page.headline);
    if (at == std::string::npos) return std::nullopt;
    const std::string_view after = std::string_view(text).substr(at, page.opts.date_scan_chars);
    std::size_t blocks = 0;
    for (std::string_view block : paragraphs_of(after)) {
        if (++blocks > 4) break;
        const auto lines = core::split(block, '\n');
        if (lines.size() < 2 || lines.size() > 4 || !find_date_in_text(lines.front())) continue;
        std::string issuer;
        for (std::size_t k = 1; k < lines.size(); ++k) {
            const std::string line = collapse_ws(lines[k]);
            if (!issuer_line(line, page.opts)) return std::nullopt;
            issuer += (issuer.empty() ? "" : " ") + line;
        }
        if (auto name = accept_author_name(page, issuer)) return TextField{*name, "text:issuer"};
    }
    return std::nullopt;
}

std::optional<TextField> from_text(const Page& page) {
    if (auto f = match_patterns(page, collapse_ws(all_text(page.doc.body())), k_credit_patterns)) return f;
    const std::string& text = page.plain_text();
    if (auto f = match_patterns(page, text, k_text_patterns)) return f;
    if (auto f = from_by_line(page, text)) return f;
    return from_dated_block(page);
}

}  // namespace

std::optional<Field<std::string>> find_author(const Page& page) {
    if (auto h = hint_value(page, "author", page.hints.author))
        if (auto name = accept_author_name(page, clean_name(*h))) return TextField{*name, "hint"};
    if (auto f = from_json_ld(page)) return f;
    if (auto f = from_metas(page)) return f;
    if (auto f = from_elements(page)) return f;
    if (auto f = from_author_links(page)) return f;
    return from_text(page);
}

}  // namespace dossier::extract::detail
