// JSON-LD (W3C JSON-LD 1.1 in <script type="application/ld+json">) with schema.org types:
// the first Article-like object (NewsArticle, BlogPosting, ...) gives the article's fields,
// a WebPage object fills in missing dates, and a WebSite/Organization name is a site name.
// Parsed with nlohmann/json without exceptions; walked with an explicit, bounded stack.
#include <array>
#include <nlohmann/json.hpp>

#include "dossier/core/strings.hpp"
#include "page.hpp"
#include "text_measure.hpp"

namespace dossier::extract::detail {

namespace {

using nlohmann::json;

/// At most this many JSON values are visited per script: real JSON-LD has a few hundred.
constexpr std::size_t k_max_values = 20000;

constexpr auto k_article_types = std::to_array<std::string_view>(
    {"article", "newsarticle", "blogposting", "reportagenews", "analysisnewsarticle", "opinionnewsarticle",
     "backgroundnewsarticle", "reviewnewsarticle", "technicalarticle", "techarticle", "scholarlyarticle",
     "socialmediaposting", "liveblogposting", "report", "posting"});
constexpr auto k_page_types =
    std::to_array<std::string_view>({"webpage", "itempage", "collectionpage", "aboutpage", "profilepage"});
constexpr auto k_site_types = std::to_array<std::string_view>({"website", "newsmediaorganization", "organization"});

template <std::size_t N>
bool has_type(const json& obj, const std::array<std::string_view, N>& types) {
    const auto it = obj.find("@type");
    if (it == obj.end()) return false;
    const auto matches = [&](const json& t) {
        if (!t.is_string()) return false;
        std::string name = core::to_lower_ascii(t.get_ref<const std::string&>());
        if (const auto slash = name.rfind('/'); slash != std::string::npos)
            name.erase(0, slash + 1);  // "http://schema.org/NewsArticle"
        for (std::string_view ty : types)
            if (name == ty) return true;
        return false;
    };
    if (it->is_array()) {
        for (const json& t : *it)
            if (matches(t)) return true;
        return false;
    }
    return matches(*it);
}

/// A string member, or the first string of an array member; "" otherwise.
std::string string_of(const json& obj, const char* key) {
    const auto it = obj.find(key);
    if (it == obj.end()) return {};
    if (it->is_string()) return collapse_ws(decode_entities(it->get_ref<const std::string&>()));
    if (it->is_array())
        for (const json& v : *it)
            if (v.is_string()) return collapse_ws(decode_entities(v.get_ref<const std::string&>()));
    return {};
}

/// A name from a string, an object's "name", or the names of an array of those.
void names_of(const json& v, std::vector<std::string>& out) {
    if (v.is_string()) {
        std::string s = collapse_ws(decode_entities(v.get_ref<const std::string&>()));
        if (!s.empty()) out.push_back(std::move(s));
    } else if (v.is_object()) {
        std::string s = string_of(v, "name");
        if (!s.empty()) out.push_back(std::move(s));
    } else if (v.is_array()) {
        for (const json& e : v)
            if (!e.is_array()) names_of(e, out);
    }
}

/// image: a URL string, an ImageObject's "url", or the first of an array of those.
std::string image_of(const json& obj) {
    const auto it = obj.find("image");
    if (it == obj.end()) return {};
    const json* v = &*it;
    if (v->is_array() && !v->empty()) v = &(*v)[0];
    if (v->is_string()) return collapse_ws(v->get_ref<const std::string&>());
    if (v->is_object()) return string_of(*v, "url");
    return {};
}

void keywords_of(const json& obj, std::vector<std::string>& out) {
    const auto it = obj.find("keywords");
    if (it == obj.end()) return;
    std::vector<std::string> raw;
    names_of(*it, raw);
    for (const std::string& k : raw)
        for (std::string_view part : core::split(k, ',')) {
            std::string tag = collapse_ws(part);
            if (!tag.empty()) out.push_back(std::move(tag));
        }
}

void fill_from_article(const json& obj, JsonLd& ld) {
    ld.headline = string_of(obj, "headline");
    ld.name = string_of(obj, "name");
    if (ld.headline.empty()) ld.headline = ld.name;
    if (ld.name == ld.headline) ld.name.clear();
    ld.date_published = string_of(obj, "datePublished");
    ld.date_modified = string_of(obj, "dateModified");
    if (const auto a = obj.find("author"); a != obj.end()) names_of(*a, ld.authors);
    keywords_of(obj, ld.keywords);
    ld.image = image_of(obj);
    ld.url = string_of(obj, "url");
    ld.in_language = string_of(obj, "inLanguage");
    if (const auto p = obj.find("publisher"); p != obj.end()) {
        std::vector<std::string> names;
        names_of(*p, names);
        if (!names.empty()) ld.publisher = names.front();
    }
}

struct Found {
    const json* article = nullptr;
    const json* page = nullptr;
    std::string site_name;
};

/// Depth-first over every object of one parsed script (including @graph and nested values).
void scan(const json& root, Found& found) {
    std::vector<const json*> stack{&root};
    std::size_t visited = 0;
    while (!stack.empty() && visited++ < k_max_values) {
        const json* v = stack.back();
        stack.pop_back();
        if (v->is_object()) {
            if (found.article == nullptr && has_type(*v, k_article_types)) found.article = v;
            if (found.page == nullptr && has_type(*v, k_page_types)) found.page = v;
            if (found.site_name.empty() && has_type(*v, k_site_types)) found.site_name = string_of(*v, "name");
        }
        if (v->is_structured()) {
            // Push in reverse so the first member is visited first (document order).
            std::vector<const json*> kids;
            for (const json& child : *v)
                if (child.is_structured()) kids.push_back(&child);
            for (auto it = kids.rbegin(); it != kids.rend(); ++it) stack.push_back(*it);
        }
    }
}

/// Drops `prefix` (after leading whitespace) from the front of `s`; true when it was there.
bool eat(std::string_view& s, std::string_view prefix) {
    s = core::trim(s);
    if (s.substr(0, prefix.size()) != prefix) return false;
    s.remove_prefix(prefix.size());
    return true;
}

/// Drops `suffix` (before trailing whitespace) from the end of `s`; true when it was there.
bool eat_back(std::string_view& s, std::string_view suffix) {
    s = core::trim(s);
    if (s.size() < suffix.size() || s.substr(s.size() - suffix.size()) != suffix) return false;
    s.remove_suffix(suffix.size());
    return true;
}

/// The JSON inside a script body. Pages written as XHTML (and DOM serializers) wrap script
/// text in "<![CDATA[ ... ]]>", often behind JavaScript comments ("//<![CDATA[",
/// "/*<![CDATA[*/"), or in an HTML comment "<!-- ... -->"; none of it is JSON.
std::string_view unwrap_script(std::string_view s) {
    eat(s, "<!--");
    eat_back(s, "-->");
    std::string_view t = s;
    const bool block = !eat(t, "//") && eat(t, "/*");
    if (!eat(t, "<![CDATA[")) return core::trim(s);  // a leading "//" comment is left to the parser
    if (block) eat(t, "*/");
    eat_back(t, "*/");
    if (eat_back(t, "]]>") && !eat_back(t, "/*")) eat_back(t, "//");
    return core::trim(t);
}

}  // namespace

JsonLd read_json_ld(const html::Document& doc, const Options& opts) {
    std::vector<json> parsed;  // kept alive: Found points into these
    for (html::Node s : elements_by_tag(doc.document(), "script")) {
        const auto type = s.attr("type");
        if (!type || !core::istarts_with(core::trim(*type), "application/ld+json")) continue;
        std::string text;
        for (html::Node c : s.children()) text += c.text();
        if (text.size() > opts.max_json_ld_bytes) continue;
        json j = json::parse(unwrap_script(text), nullptr, /*allow_exceptions=*/false, /*ignore_comments=*/true);
        if (!j.is_discarded()) parsed.push_back(std::move(j));
    }
    Found found;
    for (const json& j : parsed) scan(j, found);
    JsonLd ld;
    if (found.article != nullptr) fill_from_article(*found.article, ld);
    if (found.page != nullptr) {
        if (ld.date_published.empty()) ld.date_published = string_of(*found.page, "datePublished");
        if (ld.date_modified.empty()) ld.date_modified = string_of(*found.page, "dateModified");
    }
    if (ld.publisher.empty()) ld.publisher = found.site_name;
    return ld;
}

}  // namespace dossier::extract::detail
