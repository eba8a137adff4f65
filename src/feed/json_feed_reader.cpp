// JSON Feed 1.0 and 1.1 (https://www.jsonfeed.org/version/1.1/). The bytes are first walked by
// a SAX pass that only measures nesting and reports syntax errors, so a hostile "[[[[..." is
// refused before a tree is built; nlohmann/json runs without exceptions throughout.
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "dossier/core/strings.hpp"
#include "dossier/core/url.hpp"
#include "parsers.hpp"
#include "text_clean.hpp"

namespace dossier::feed::detail {

namespace {

using Json = nlohmann::json;

/// Checks syntax and depth without building anything.
class DepthCheck final : public nlohmann::json_sax<Json> {
public:
    explicit DepthCheck(std::size_t max_depth) : m_max_depth(max_depth) {}

    bool null() override { return true; }
    bool boolean(bool /*val*/) override { return true; }
    bool number_integer(number_integer_t /*val*/) override { return true; }
    bool number_unsigned(number_unsigned_t /*val*/) override { return true; }
    bool number_float(number_float_t /*val*/, const string_t& /*s*/) override { return true; }
    bool string(string_t& /*val*/) override { return true; }
    bool binary(binary_t& /*val*/) override { return true; }
    bool key(string_t& /*val*/) override { return true; }
    bool start_object(std::size_t /*elements*/) override { return enter(); }
    bool end_object() override { return leave(); }
    bool start_array(std::size_t /*elements*/) override { return enter(); }
    bool end_array() override { return leave(); }
    bool parse_error(std::size_t position, const std::string& /*last_token*/,
                     const nlohmann::detail::exception& ex) override {
        m_error = "feed: JSON error at byte " + std::to_string(position) + ": " + ex.what();
        return false;
    }

    /// Empty when the document is well-formed and shallow enough.
    const std::string& error() const { return m_error; }

private:
    bool enter() {
        if (++m_depth <= m_max_depth) return true;
        m_error = "feed: JSON nested deeper than " + std::to_string(m_max_depth) + " levels";
        return false;
    }
    bool leave() {
        --m_depth;
        return true;
    }

    std::size_t m_max_depth;
    std::size_t m_depth = 0;
    std::string m_error;
};

/// The string member `key` of `object`; empty when absent or not a string.
std::string member(const Json& object, const char* key) {
    if (!object.is_object()) return {};
    const auto it = object.find(key);
    if (it == object.end() || !it->is_string()) return {};
    return it->get_ref<const std::string&>();
}

/// The item id: a string by the spec, a number in some feeds (written as its digits).
std::string id_member(const Json& item) {
    const auto it = item.find("id");
    if (it != item.end() && (it->is_number_integer() || it->is_number_unsigned())) return it->dump();
    return member(item, "id");
}

/// Section "authors": an array of {name, url, avatar}; version 1.0's single "author" object.
std::string author_names(const Json& object) {
    std::string joined;
    const auto add = [&](const Json& author) {
        const std::string name = clean_name(member(author, "name"));
        if (!name.empty()) joined += (joined.empty() ? "" : ", ") + name;
    };
    if (const auto it = object.find("authors"); it != object.end() && it->is_array())
        for (const auto& author : *it) add(author);
    if (joined.empty())
        if (const auto it = object.find("author"); it != object.end()) add(*it);
    return joined;
}

std::vector<std::string> tags_of(const Json& item) {
    std::vector<std::string> raw;
    if (const auto it = item.find("tags"); it != item.end() && it->is_array())
        for (const auto& tag : *it)
            if (tag.is_string()) raw.push_back(tag.get_ref<const std::string&>());
    return clean_tags(raw);
}

core::Entry read_item(const Json& item, std::string_view base_url, const std::string& feed_authors,
                      EntrySink& sink) {
    core::Entry e;
    if (!item.is_object()) return e;  // counted as an entry without a link
    e.guid = id_member(item);
    std::string url(core::trim(member(item, "url")));
    if (url.empty()) url = core::trim(member(item, "external_url"));
    if (!url.empty()) e.url = core::resolve_url(base_url, url);
    e.title = clean_title(member(item, "title"), TitleKind::loose);
    sink.set_dates(e, {member(item, "date_published")}, {member(item, "date_modified")});
    e.author = author_names(item);
    if (e.author.empty()) e.author = feed_authors;  // section "authors": items inherit the feed's
    e.tags = tags_of(item);
    e.summary = member(item, "content_html");
    if (e.summary.empty()) e.summary = member(item, "content_text");
    if (e.summary.empty()) e.summary = member(item, "summary");
    return e;
}

}  // namespace

core::Result<Feed> read_json_feed(std::string_view bytes, std::string_view base_url, const ParseOptions& opts) {
    DepthCheck check(opts.max_depth);
    Json::sax_parse(bytes.begin(), bytes.end(), &check);
    if (!check.error().empty()) return core::fail(check.error());
    const Json doc = Json::parse(bytes.begin(), bytes.end(), nullptr, /*allow_exceptions=*/false);
    if (!doc.is_object()) return core::fail("feed: JSON Feed is not an object");
    const auto items = doc.find("items");
    if (items == doc.end() || !items->is_array()) return core::fail("feed: JSON Feed without an items array");

    Feed feed;
    feed.format = Format::json_feed;
    feed.title = clean_title(member(doc, "title"), TitleKind::loose);
    const std::string home(core::trim(member(doc, "home_page_url")));
    if (!home.empty()) feed.site_url = core::resolve_url(base_url, home);
    const std::string feed_authors = author_names(doc);
    EntrySink sink(feed, opts);
    for (const auto& item : *items) {
        if (!sink.accepting()) break;
        sink.add(read_item(item, base_url, feed_authors, sink));
    }
    sink.finish();
    return feed;
}

}  // namespace dossier::feed::detail
