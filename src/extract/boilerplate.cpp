// The class/id vocabulary follows Readability's "unlikely candidates" and class-weight
// patterns (Mozilla Readability.js), matched on words rather than by regular expression, plus
// the pinyin and English names Chinese security sites use (tuijian 推荐, xiangguan 相关,
// pinglun 评论, fenxiang 分享, guanggao 广告, banquan 版权, remen 热门, daohang 导航).
#include "boilerplate.hpp"

#include <array>
#include <string>
#include <vector>

#include "dossier/core/strings.hpp"

namespace dossier::extract::detail {

namespace {

constexpr auto k_furniture_tags = std::to_array<std::string_view>(
    {"script",   "style",  "noscript", "template", "svg",   "math",   "iframe", "object",
     "embed",    "canvas", "nav",      "footer",   "aside", "button", "input",  "select",
     "textarea", "dialog", "menu",     "head",     "link",  "meta",   "title"});

constexpr auto k_furniture_roles =
    std::to_array<std::string_view>({"navigation", "banner", "contentinfo", "complementary", "search", "menu",
                                     "menubar", "dialog", "alertdialog", "toolbar", "tablist"});

// Words that mark furniture whatever else the class/id says. A class word matches when it
// equals, starts with or ends with one ("comments", "commentlist", "sitefooter").
constexpr auto k_strong = std::to_array<std::string_view>(
    {"comment",   "related", "recommend", "breadcrumb", "subscribe", "newsletter", "share",      "sharing",
     "social",    "sidebar", "advert",    "sponsor",    "popup",     "cookie",     "pagination", "pager",
     "copyright", "tuijian", "xiangguan", "pinglun",    "fenxiang",  "guanggao",   "banquan",    "disqus",
     "outbrain",  "taboola", "login",     "signup",     "gdpr",       "ai2html",    "popular",    "trending"});

// Multi-word names of visually hidden helpers, matched as substrings of the class attribute.
constexpr auto k_hidden_names = std::to_array<std::string_view>({"sr-only", "screen-reader", "visually-hidden"});

// Furniture words that a content word in the same class/id overrides ("article-footer" is
// kept and scored low rather than dropped, as in Readability).
constexpr auto k_weak =
    std::to_array<std::string_view>({"footer", "header", "masthead", "menu", "navbar", "navigation", "banner", "widget",
                                     "toolbar", "promo", "modal", "overlay", "tagcloud", "topbar", "skyscraper",
                                     "footnotes"});

// Short furniture words, matched only whole.
constexpr auto k_weak_words = std::to_array<std::string_view>(
    {"nav",  "ad",    "ads", "adv",   "hot", "rank", "ranking", "foot",   "tags",   "tag",   "tools",   "extra",
     "side", "aside", "rss", "print", "top", "hotnews", "subnav", "bottom", "remen", "daohang", "dibu",
     "legends"});

// Whole words that hide an element through the site's CSS.
constexpr auto k_hidden_words = std::to_array<std::string_view>({"hidden", "hide", "invisible"});

// Content words that override weak furniture words ("entry-header" stays). Not "main" or
// "text": "main-nav" and "text-menu" are menus.
constexpr auto k_override = std::to_array<std::string_view>(
    {"article", "content", "entry", "post", "story", "body", "hentry", "detail", "zhengwen"});

// Content words for the class weight: Readability's positive pattern.
constexpr auto k_positive = std::to_array<std::string_view>(
    {"article", "content", "entry", "main", "post", "story", "text", "body", "blog", "hentry", "detail", "zhengwen"});

bool is_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }
bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_lower(char c) { return c >= 'a' && c <= 'z'; }

bool starts_or_ends(std::string_view word, std::string_view kw) {
    return word.size() >= kw.size() && (word.substr(0, kw.size()) == kw || word.substr(word.size() - kw.size()) == kw);
}

template <std::size_t N>
bool listed(std::string_view s, const std::array<std::string_view, N>& list) {
    for (std::string_view w : list)
        if (s == w) return true;
    return false;
}

/// The words of an element's class and id, lower-case: split at non-alphanumerics and at
/// camelCase humps ("PageBuilder-pageRow" -> page builder page row). Class words that are
/// WordPress/Drupal taxonomy markers ("tag-social-media", "category-comment") are dropped:
/// they name the article's topics, not the element's role.
struct Names {
    std::vector<std::string> words;
    std::string raw;  // class and id, lower-case

    template <std::size_t N>
    bool any_affix(const std::array<std::string_view, N>& list) const {
        for (const std::string& w : words)
            for (std::string_view kw : list)
                if (starts_or_ends(w, kw)) return true;
        return false;
    }
    template <std::size_t N>
    bool any_word(const std::array<std::string_view, N>& list) const {
        for (const std::string& w : words)
            if (listed(w, list)) return true;
        return false;
    }
};

void split_words(std::string_view s, std::vector<std::string>& out) {
    std::string cur;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (!is_alnum(c)) {
            if (!cur.empty()) out.push_back(std::move(cur));
            cur.clear();
            continue;
        }
        if (is_upper(c) && i > 0 && is_lower(s[i - 1]) && !cur.empty()) {
            out.push_back(std::move(cur));
            cur.clear();
        }
        cur.push_back(is_upper(c) ? static_cast<char>(c - 'A' + 'a') : c);
    }
    if (!cur.empty()) out.push_back(std::move(cur));
}

/// An id made from a heading's words ("sharing-with-a-single-developer", as documentation
/// generators and Markdown renderers write anchors) says what the section is about, not what
/// role the element plays: at least k_slug_words lower-case words joined by '-' or '_', one of
/// them a function word that role names never use ("related-posts-widget-area" stays a role).
constexpr std::size_t k_slug_words = 4;
constexpr auto k_function_words = std::to_array<std::string_view>(
    {"a", "an", "the", "and", "or", "of", "to", "in", "on", "at", "as", "for", "with", "from", "by", "is", "are",
     "how", "why", "what", "when", "your", "you", "we", "it", "not", "into", "vs"});

bool is_heading_slug(std::string_view id) {
    std::size_t words = 0;
    bool function_word = false;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= id.size(); ++i) {
        if (i < id.size() && id[i] != '-' && id[i] != '_') {
            if (!is_lower(id[i]) && !(id[i] >= '0' && id[i] <= '9')) return false;
            continue;
        }
        const std::string_view w = id.substr(start, i - start);
        ++words;
        function_word = function_word || listed(w, k_function_words);
        start = i + 1;
    }
    return words >= k_slug_words && function_word;
}

Names names_of(html::Node n) {
    Names names;
    if (auto cls = n.attr("class")) {
        std::size_t i = 0;
        const std::string_view s = *cls;
        while (i < s.size()) {
            while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) ++i;
            std::size_t end = i;
            while (end < s.size() && !(s[end] == ' ' || s[end] == '\t' || s[end] == '\n' || s[end] == '\r')) ++end;
            const std::string_view w = s.substr(i, end - i);
            i = end;
            if (w.empty() || core::istarts_with(w, "tag-") || core::istarts_with(w, "category-") ||
                core::istarts_with(w, "categories-") || core::istarts_with(w, "topic-"))
                continue;
            split_words(w, names.words);
            names.raw += core::to_lower_ascii(w);
            names.raw += ' ';
        }
    }
    if (auto id = n.attr("id"); id && !is_heading_slug(*id)) {
        split_words(*id, names.words);
        names.raw += core::to_lower_ascii(*id);
    }
    return names;
}

// "more" alone names "read more" wrappers of article text too, so it only marks furniture
// followed by what the box offers more of ("more-stories", "moreNews", "more_from").
constexpr auto k_more_of = std::to_array<std::string_view>(
    {"stories", "news", "articles", "posts", "from", "videos", "coverage", "headlines", "reading"});

bool offers_more(const std::string& raw) {
    for (std::size_t at = raw.find("more"); at != std::string::npos; at = raw.find("more", at + 1)) {
        std::size_t k = at + 4;
        if (k < raw.size() && (raw[k] == '-' || raw[k] == '_')) ++k;
        for (std::string_view w : k_more_of)
            if (raw.compare(k, w.size(), w) == 0) return true;
    }
    return false;
}

bool furniture_by_name(html::Node n) {
    const std::string_view tag = n.tag();
    // A link's class says how it looks ("popup", "share-link"), and its text is part of the
    // sentence around it (Readability never removes <a> for its names either).
    if (tag == "html" || tag == "body" || tag == "a") return false;
    const Names names = names_of(n);
    if (names.words.empty()) return false;
    if (names.any_affix(k_strong) || names.any_word(k_hidden_words) || offers_more(names.raw)) return true;
    for (std::string_view h : k_hidden_names)
        if (names.raw.find(h) != std::string::npos) return true;
    if (!names.any_affix(k_weak) && !names.any_word(k_weak_words)) return false;
    // Weak furniture names lose to content words, and never remove <article> or <main>.
    return tag != "article" && tag != "main" && !names.any_affix(k_override);
}

/// A <form> is furniture (search, login, comment box) unless it holds paragraphs: ASP.NET
/// pages wrap the whole page, article included, in one <form>.
bool is_small_form(html::Node form) {
    std::size_t paragraphs = 0;
    for (html::Node n = form; n; n = html::next_in_tree(n, form))
        if (n.is_element() && n.tag() == "p" && ++paragraphs >= 3) return false;
    return true;
}

/// furniture_by_name, remembered in `cache` when there is one.
bool furniture_by_name(html::Node n, BoilerplateCache* cache) {
    if (cache == nullptr) return furniture_by_name(n);
    BoilerplateCache::Verdicts& v = cache->at(n);
    if (v.by_name < 0) v.by_name = furniture_by_name(n) ? 1 : 0;
    return v.by_name > 0;
}

bool boilerplate_verdict(html::Node n, Strictness strictness, BoilerplateCache* cache) {
    const std::string_view tag = n.tag();
    if (reveals(strictness)) {
        if (tag != "noscript" && listed(tag, k_furniture_tags)) return true;
    } else if (listed(tag, k_furniture_tags) || html::is_hidden(n)) {
        return true;
    }
    if (tag == "form") return is_small_form(n);
    if (auto role = n.attr("role"); role && listed(core::to_lower_ascii(core::trim(*role)), k_furniture_roles))
        return true;
    if (auto aria = n.attr("aria-hidden"); aria && core::iequals(core::trim(*aria), "true")) return true;
    return uses_names(strictness) && furniture_by_name(n, cache);
}

int weight_of(html::Node n) {
    const Names names = names_of(n);
    if (names.words.empty()) return 0;
    const bool negative = names.any_affix(k_strong) || names.any_affix(k_weak) || names.any_word(k_weak_words);
    const bool positive =
        names.any_affix(k_positive) || (n.attr("itemprop") && core::iequals(*n.attr("itemprop"), "articleBody"));
    if (negative == positive) return 0;
    return positive ? 25 : -25;
}

}  // namespace

bool is_boilerplate(html::Node n, Strictness strictness, BoilerplateCache* cache) {
    if (!n.is_element()) return n.is_comment();
    if (cache == nullptr) return boilerplate_verdict(n, strictness, nullptr);
    signed char& slot = cache->at(n).boilerplate[static_cast<std::size_t>(strictness)];
    if (slot < 0) slot = boilerplate_verdict(n, strictness, cache) ? 1 : 0;
    return slot > 0;
}

int class_weight(html::Node n, BoilerplateCache* cache) {
    if (cache == nullptr) return weight_of(n);
    std::optional<int>& w = cache->at(n).weight;
    if (!w) w = weight_of(n);
    return *w;
}

}  // namespace dossier::extract::detail
