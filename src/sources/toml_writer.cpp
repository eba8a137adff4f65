// Writes a Source as a feeds/<id>.toml a person can review: keys in the order of docs/sources.md,
// short comments on the less obvious keys, commented-out examples for what is not set. Written by
// hand rather than with toml++'s formatter, which sorts keys and cannot write comments.
#include "dossier/sources/toml_writer.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>

#include "dossier/core/strings.hpp"
#include "dossier/sources/duration.hpp"
#include "dossier/sources/source_id.hpp"
#include "toml_text.hpp"

namespace dossier::sources {
namespace {

constexpr std::size_t k_comment_column = 36;

class Writer {
public:
    // `key = value`, with an optional trailing comment aligned to k_comment_column.
    void line(std::string_view key, const std::string& value, std::string_view comment = {}) {
        raw(toml_key(key) + " = " + value, comment);
    }
    void string(std::string_view key, std::string_view value, std::string_view comment = {}) {
        line(key, toml_string(value), comment);
    }
    void string_if(std::string_view key, std::string_view value, std::string_view comment = {}) {
        if (!value.empty()) string(key, value, comment);
    }
    void raw(std::string text, std::string_view comment = {}) {
        if (!comment.empty()) {
            text.resize(std::max(text.size() + 1, k_comment_column), ' ');
            text += "# ";
            text += comment;
        }
        m_out += text;
        m_out += '\n';
    }
    void blank() { m_out += '\n'; }
    std::string take() { return std::move(m_out); }

private:
    std::string m_out;
};

std::string string_array(const std::vector<std::string>& items) {
    std::string out = "[";
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i > 0) out += ", ";
        out += toml_string(items[i]);
    }
    return out + "]";
}

std::string_view kind_name(core::IndexSpec::Kind k) {
    switch (k) {
        case core::IndexSpec::Kind::feed: return "feed";
        case core::IndexSpec::Kind::listing: return "listing";
        case core::IndexSpec::Kind::sitemap: return "sitemap";
    }
    return "feed";
}

// The zone most sites in `lang` print their times in: a hint in a comment, never a value.
std::string_view zone_example(std::string_view lang) {
    if (lang == "zh" || core::istarts_with(lang, "zh-")) return "Asia/Shanghai";
    if (lang == "ja" || core::istarts_with(lang, "ja-")) return "Asia/Tokyo";
    if (lang == "ko" || core::istarts_with(lang, "ko-")) return "Asia/Seoul";
    return "UTC";
}

void write_header(Writer& w, std::string_view comment) {
    if (comment.empty()) return;
    for (std::string_view l : core::split(comment, '\n')) {
        while (!l.empty() && l.back() == '\r') l.remove_suffix(1);
        w.raw(l.empty() ? "#" : "# " + std::string(l));
    }
    w.blank();
}

void write_identity(Writer& w, const core::Source& s) {
    w.string("id", s.id, "= the file name");
    w.string("name", s.name);
    w.string("homepage", s.homepage);
    if (s.lang.empty()) w.raw("# lang = \"en\"", "BCP 47: \"zh\", \"en\", \"zh-CN\"");
    else w.string("lang", s.lang);
    if (s.timezone.empty()) w.raw("# timezone = \"" + std::string(zone_example(s.lang)) + "\"", "IANA name, for dates without an offset");
    else w.string("timezone", s.timezone, "for dates printed without an offset");
    w.line("tags", string_array(s.tags));
    w.line("enabled", s.enabled ? "true" : "false");
}

void write_index(Writer& w, const core::IndexSpec& ix) {
    w.blank();
    w.raw("[[index]]");
    w.string("kind", kind_name(ix.kind), "feed | listing | sitemap");
    w.string("url", ix.url);
    if (ix.kind != core::IndexSpec::Kind::listing) return;
    w.string("item", ix.item, "one element per entry");
    w.string_if("link", ix.link, "within an item; \"sel@attr\" reads an attribute");
    w.string_if("title", ix.title);
    w.string_if("date", ix.date);
}

void write_article(Writer& w, const core::ArticleHints& a) {
    w.blank();
    const bool empty = a.title.empty() && a.body.empty() && a.date.empty() && a.author.empty() && a.remove.empty();
    if (empty) {
        w.raw("# [article]", "optional extraction hints (docs/sources.md)");
        w.raw("# body = \"#content\"", "\"sel@attr\" reads an attribute");
        return;
    }
    w.raw("[article]", "on a miss the generic cascade takes over");
    w.string_if("title", a.title);
    w.string_if("body", a.body);
    w.string_if("date", a.date);
    w.string_if("author", a.author);
    if (!a.remove.empty()) w.line("remove", string_array(a.remove), "dropped from the body");
}

void write_fetch(Writer& w, const core::FetchSettings& f) {
    w.blank();
    const bool empty = !f.min_interval_seconds && !f.max_new && f.proxy.empty() && f.user_agent.empty() &&
                       f.cookies.empty() && f.headers.empty();
    if (empty) {
        w.raw("# [fetch]", "optional overrides of the crawl's defaults");
        w.raw("# min_interval = \"1h\"", "30s, 15m, 1h, 1d, 1h30m");
        w.raw("# max_new = 50", "new articles per run at most");
        return;
    }
    w.raw("[fetch]");
    if (f.min_interval_seconds) w.string("min_interval", format_duration(*f.min_interval_seconds), "30s, 15m, 1h, 1d, 1h30m");
    if (f.max_new) w.line("max_new", std::to_string(*f.max_new), "new articles per run at most");
    w.string_if("proxy", f.proxy);
    w.string_if("user_agent", f.user_agent);
    w.string_if("cookies", f.cookies, "sent as the Cookie header");
    if (f.headers.empty()) return;
    auto headers = f.headers;  // the loader returns them sorted by name; write them that way
    std::stable_sort(headers.begin(), headers.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    w.blank();
    w.raw("[fetch.headers]");
    for (const auto& [name, value] : headers) w.string(name, value);
}

}  // namespace

std::string to_toml(const core::Source& s, std::string_view header_comment) {
    Writer w;
    write_header(w, header_comment);
    write_identity(w, s);
    for (const core::IndexSpec& ix : s.index) write_index(w, ix);
    write_article(w, s.article);
    write_fetch(w, s.fetch);
    return w.take();
}

core::Result<std::filesystem::path> write_file(const std::filesystem::path& dir, const core::Source& s,
                                               std::string_view header_comment) {
    if (!is_valid_id(s.id)) return core::fail("sources: not a valid id: \"" + s.id + "\"");
    const std::filesystem::path path = dir / (s.id + ".toml");
    const std::string text = to_toml(s, header_comment);
    // "x" (C11 exclusive mode): fails when the file exists, so an import never overwrites a file
    // someone has edited, even when two imports race.
    std::FILE* f = std::fopen(path.c_str(), "wx");
    if (f == nullptr) {
        const int err = errno;
        if (err == EEXIST) return core::fail("sources: " + path.string() + ": already exists");
        return core::fail("sources: " + path.string() + ": cannot write: " + std::strerror(err));
    }
    const bool wrote = std::fwrite(text.data(), 1, text.size(), f) == text.size();
    const bool closed = std::fclose(f) == 0;
    if (!wrote || !closed) {
        const int err = errno;
        std::remove(path.c_str());
        return core::fail("sources: " + path.string() + ": cannot write: " + std::strerror(err));
    }
    return path;
}

}  // namespace dossier::sources
