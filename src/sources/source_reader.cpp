// Schema checks over the toml++ tree. toml++ as packaged by Debian is built with exceptions
// (the "ex" ABI), so its parse_error is caught here, at the one call of toml::parse, and becomes
// a Problem; nothing else in dossier sees a toml++ type or exception.
#include "source_reader.hpp"

#include <algorithm>
#include <array>
#include <span>
#include <toml++/toml.h>

#include "dossier/core/strings.hpp"
#include "dossier/sources/duration.hpp"
#include "dossier/sources/source_id.hpp"
#include "field_checks.hpp"
#include "toml_text.hpp"

namespace dossier::sources {
namespace {

using Problems = std::vector<Problem>;

constexpr std::array<std::string_view, 10> k_top_keys{"id",   "name",  "homepage", "lang",    "timezone",
                                                       "tags", "enabled", "index", "article", "fetch"};
constexpr std::array<std::string_view, 6> k_index_keys{"kind", "url", "item", "link", "title", "date"};
constexpr std::array<std::string_view, 5> k_article_keys{"title", "body", "date", "author", "remove"};
constexpr std::array<std::string_view, 6> k_fetch_keys{"min_interval", "max_new", "proxy",
                                                       "user_agent",   "cookies", "headers"};
constexpr std::int64_t k_max_new_limit = 100000;

std::string type_name(const toml::node& n) {
    switch (n.type()) {
        case toml::node_type::table: return "a table";
        case toml::node_type::array: return "an array";
        case toml::node_type::string: return "a string";
        case toml::node_type::integer: return "an integer";
        case toml::node_type::floating_point: return "a float";
        case toml::node_type::boolean: return "a boolean";
        case toml::node_type::date: return "a date";
        case toml::node_type::time: return "a time";
        case toml::node_type::date_time: return "a date-time";
        case toml::node_type::none: break;
    }
    return "nothing";
}

// A view of one TOML table that reports problems under `prefix` ("", "fetch.", "index[2].").
class TableReader {
public:
    TableReader(const toml::table& table, std::string prefix, Problems& out)
        : m_table(table), m_prefix(std::move(prefix)), m_out(out) {}

    std::string path(std::string_view key) const { return m_prefix + toml_key(key); }
    void add(std::string_view key, std::string reason) const { m_out.push_back({path(key), std::move(reason)}); }
    // A problem with element `i` (0-based) of the array `key`, shown 1-based: "tags[2]".
    void add_item(std::string_view key, std::size_t i, std::string reason) const {
        m_out.push_back({path(key) + "[" + std::to_string(i + 1) + "]", std::move(reason)});
    }
    const toml::node* find(std::string_view key) const { return m_table.get(key); }

    // Absent -> nothing (a problem when `required`); wrong type or empty -> a problem.
    std::optional<std::string> string(std::string_view key, bool required) const {
        const toml::node* n = find(key);
        if (n == nullptr) {
            if (required) add(key, "missing");
            return std::nullopt;
        }
        if (!n->is_string()) return wrong_type(key, *n, "a string");
        std::string v = n->as_string()->get();
        if (v.empty()) {
            add(key, "empty");
            return std::nullopt;
        }
        return v;
    }

    std::optional<std::vector<std::string>> strings(std::string_view key) const {
        const toml::node* n = find(key);
        if (n == nullptr) return std::nullopt;
        const toml::array* a = n->as_array();
        if (a == nullptr) return wrong_type(key, *n, "an array of strings");
        std::vector<std::string> out;
        for (std::size_t i = 0; i < a->size(); ++i) {
            const toml::node& el = *a->get(i);
            if (!el.is_string()) {
                add_item(key, i, "expected a string, found " + type_name(el));
                return std::nullopt;
            }
            out.push_back(el.as_string()->get());
        }
        return out;
    }

    std::optional<bool> boolean(std::string_view key) const {
        const toml::node* n = find(key);
        if (n == nullptr) return std::nullopt;
        if (!n->is_boolean()) return wrong_type(key, *n, "true or false");
        return n->as_boolean()->get();
    }

    const toml::table* table(std::string_view key) const {
        const toml::node* n = find(key);
        if (n == nullptr) return nullptr;
        if (!n->is_table()) wrong_type(key, *n, "a table");
        return n->as_table();
    }

    // Every key not in `known` is a problem; typos get a suggestion.
    void reject_unknown(std::span<const std::string_view> known) const {
        for (auto&& [k, v] : m_table) {
            const std::string_view key = k.str();
            if (std::find(known.begin(), known.end(), key) != known.end()) continue;
            std::string reason = "unknown key";
            if (auto guess = closest_key(key, known)) reason += " (did you mean \"" + std::string(*guess) + "\"?)";
            add(key, std::move(reason));
        }
    }

private:
    std::nullopt_t wrong_type(std::string_view key, const toml::node& n, std::string_view expected) const {
        add(key, "expected " + std::string(expected) + ", found " + type_name(n));
        return std::nullopt;
    }

    const toml::table& m_table;
    std::string m_prefix;
    Problems& m_out;
};

// A selector key: checked for shape; set when good.
void read_selector(const TableReader& t, std::string_view key, bool attr_allowed, std::string& into) {
    const toml::node* n = t.find(key);
    if (n == nullptr) return;
    if (!n->is_string()) {
        t.add(key, "expected a selector string, found " + type_name(*n));
        return;
    }
    const std::string v = n->as_string()->get();
    if (auto why = selector_problem(v, attr_allowed)) return t.add(key, *why);
    into = v;
}

void read_url(const TableReader& t, std::string_view key, std::string& into) {
    auto v = t.string(key, true);
    if (!v) return;
    if (auto why = url_problem(*v)) return t.add(key, *why);
    into = std::move(*v);
}

std::optional<core::IndexSpec::Kind> parse_kind(std::string_view s) {
    if (s == "feed") return core::IndexSpec::Kind::feed;
    if (s == "listing") return core::IndexSpec::Kind::listing;
    if (s == "sitemap") return core::IndexSpec::Kind::sitemap;
    return std::nullopt;
}

core::IndexSpec read_index_entry(const TableReader& t) {
    core::IndexSpec spec;
    t.reject_unknown(k_index_keys);
    if (auto kind = t.string("kind", true)) {
        if (auto k = parse_kind(*kind)) spec.kind = *k;
        else t.add("kind", "unknown kind \"" + *kind + "\" (feed, listing or sitemap)");
    }
    read_url(t, "url", spec.url);
    const bool listing = spec.kind == core::IndexSpec::Kind::listing;
    if (!listing) {
        for (std::string_view k : {"item", "link", "title", "date"})
            if (t.find(k) != nullptr) t.add(k, "only for kind = \"listing\"");
        return spec;
    }
    if (t.find("item") == nullptr) t.add("item", "missing (a listing needs an item selector)");
    read_selector(t, "item", false, spec.item);
    read_selector(t, "link", true, spec.link);
    read_selector(t, "title", true, spec.title);
    read_selector(t, "date", true, spec.date);
    if (t.find("link") == nullptr) spec.link = "a@href";
    return spec;
}

void read_index(const TableReader& top, Problems& out, std::vector<core::IndexSpec>& into) {
    const toml::node* n = top.find("index");
    const toml::array* arr = n != nullptr ? n->as_array() : nullptr;
    if (n == nullptr || (arr != nullptr && arr->empty()))
        return top.add("index", "missing (add at least one [[index]] table)");
    if (arr == nullptr || !arr->is_array_of_tables())
        return top.add("index", "expected [[index]] tables, found " + type_name(*n));
    for (std::size_t i = 0; i < arr->size(); ++i) {
        const toml::table* entry = arr->get_as<toml::table>(i);
        if (entry == nullptr) continue;  // cannot happen after is_array_of_tables()
        const TableReader t(*entry, "index[" + std::to_string(i + 1) + "].", out);
        into.push_back(read_index_entry(t));
        for (std::size_t j = 0; j < i; ++j)
            if (!into[i].url.empty() && into[j].url == into[i].url)
                t.add("url", "same as index[" + std::to_string(j + 1) + "].url");
    }
}

void read_article(const TableReader& top, Problems& out, core::ArticleHints& into) {
    const toml::table* tbl = top.table("article");
    if (tbl == nullptr) return;
    const TableReader t(*tbl, "article.", out);
    t.reject_unknown(k_article_keys);
    read_selector(t, "title", true, into.title);
    read_selector(t, "body", false, into.body);
    read_selector(t, "date", true, into.date);
    read_selector(t, "author", true, into.author);
    auto remove = t.strings("remove");
    if (!remove) return;
    for (std::size_t i = 0; i < remove->size(); ++i) {
        if (auto why = selector_problem((*remove)[i], false))
            t.add_item("remove", i, *why);
    }
    into.remove = std::move(*remove);
}

void read_headers(const TableReader& fetch, Problems& out, core::FetchSettings& into) {
    const toml::table* tbl = fetch.table("headers");
    if (tbl == nullptr) return;
    const TableReader t(*tbl, "fetch.headers.", out);
    for (auto&& [k, v] : *tbl) {
        const std::string name(k.str());
        if (auto why = header_name_problem(name)) {
            t.add(name, *why);
        } else if (!v.is_string()) {
            t.add(name, "expected a string, found " + type_name(v));
        } else if (auto bad = header_value_problem(v.as_string()->get())) {
            t.add(name, *bad);
        } else {
            into.headers.emplace_back(name, v.as_string()->get());
        }
    }
}

void read_fetch(const TableReader& top, Problems& out, core::FetchSettings& into) {
    const toml::table* tbl = top.table("fetch");
    if (tbl == nullptr) return;
    const TableReader t(*tbl, "fetch.", out);
    t.reject_unknown(k_fetch_keys);
    if (const toml::node* n = t.find("min_interval")) {
        // An integer is refused too: "3600" hides its unit, "1h" does not.
        const auto seconds = n->is_string() ? parse_duration(n->as_string()->get()).value_or(-1) : -1;
        if (seconds >= 0) into.min_interval_seconds = seconds;
        else t.add("min_interval", "not a duration (use 30m, 1h, 1d)");
    }
    if (const toml::node* n = t.find("max_new")) {
        const auto v = n->value<std::int64_t>();
        if (!n->is_integer() || !v) t.add("max_new", "expected an integer, found " + type_name(*n));
        else if (*v < 1 || *v > k_max_new_limit) t.add("max_new", "out of range (1 to 100000)");
        else into.max_new = static_cast<int>(*v);
    }
    if (auto v = t.string("proxy", false)) {
        if (auto why = proxy_problem(*v)) t.add("proxy", *why);
        else into.proxy = std::move(*v);
    }
    for (auto [key, field] : {std::pair{"user_agent", &into.user_agent}, std::pair{"cookies", &into.cookies}}) {
        auto v = t.string(key, false);
        if (!v) continue;
        if (auto why = header_value_problem(*v)) t.add(key, *why);
        else *field = std::move(*v);
    }
    read_headers(t, out, into);
}

void read_identity(const TableReader& t, std::string_view file_stem, core::Source& s) {
    if (auto id = t.string("id", true)) {
        if (!is_valid_id(*id)) t.add("id", "\"" + *id + "\" is not a valid id (a-z, 0-9, - and _)");
        else if (*id != file_stem) t.add("id", "\"" + *id + "\" does not match the file name");
        s.id = std::move(*id);
    }
    if (auto name = t.string("name", true)) s.name = std::move(*name);
    read_url(t, "homepage", s.homepage);
    if (auto enabled = t.boolean("enabled")) s.enabled = *enabled;
    if (auto tags = t.strings("tags")) {
        for (std::size_t i = 0; i < tags->size(); ++i)
            if (core::trim((*tags)[i]).empty()) t.add_item("tags", i, "empty");
        s.tags = std::move(*tags);
    }
}

void read_locale(const TableReader& t, const std::filesystem::path& zoneinfo, core::Source& s) {
    if (const toml::node* n = t.find("lang"); n != nullptr && !n->is_string()) {
        t.add("lang", "expected a string, found " + type_name(*n));
    } else if (n != nullptr) {
        s.lang = n->as_string()->get();
        if (auto why = lang_problem(s.lang)) t.add("lang", *why);
    }
    if (const toml::node* n = t.find("timezone"); n != nullptr && !n->is_string()) {
        t.add("timezone", "expected a string, found " + type_name(*n));
    } else if (n != nullptr) {
        s.timezone = n->as_string()->get();
        if (auto why = timezone_problem(s.timezone, zoneinfo)) t.add("timezone", *why);
    }
}

std::string lower_first(std::string_view s) {
    std::string out(s);
    if (!out.empty() && out[0] >= 'A' && out[0] <= 'Z') out[0] = static_cast<char>(out[0] - 'A' + 'a');
    return out;
}

}  // namespace

ReadOutcome read_source(std::string_view text, std::string_view file_stem, const std::filesystem::path& zoneinfo) {
    ReadOutcome r;
    toml::table doc;
    try {
        doc = toml::parse(text, std::string_view("source"));
    } catch (const toml::parse_error& e) {
        r.problems.push_back({"line " + std::to_string(e.source().begin.line), lower_first(e.description())});
        return r;
    }
    const TableReader top(doc, "", r.problems);
    top.reject_unknown(k_top_keys);
    read_identity(top, file_stem, r.source);
    read_locale(top, zoneinfo, r.source);
    read_index(top, r.problems, r.source.index);
    read_article(top, r.problems, r.source.article);
    read_fetch(top, r.problems, r.source.fetch);
    return r;
}

}  // namespace dossier::sources
