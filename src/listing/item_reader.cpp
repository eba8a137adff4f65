// One listing item -> URL, title, date. Each field is read "within the item": the first
// matching descendant in document order, else the item itself (so item = "a.card" with
// link = "a@href" works).
#include "item_reader.hpp"

#include <utility>

#include "dossier/core/strings.hpp"
#include "dossier/core/url.hpp"
#include "dossier/listing/visible_date.hpp"

namespace dossier::listing {
namespace {

// With an attribute named, only elements that carry it count: "a@href" skips a leading
// <a name="top"> and takes the first real link.
html::Node find_within(html::Node item, const html::Selector& selector, const std::string& attribute) {
    const auto usable = [&](html::Node n) { return selector.matches(n) && (attribute.empty() || n.attr(attribute)); };
    for (html::Node n = html::next_in_tree(item, item); n; n = html::next_in_tree(n, item))
        if (usable(n)) return n;
    return usable(item) ? item : html::Node{};
}

std::optional<html::Selector> fixed_selector(std::string_view text) {
    auto selector = html::Selector::parse(text);
    if (!selector) return std::nullopt;
    return std::move(selector).value();
}

// The attribute's value, or the element's visible text when no attribute is named.
std::string node_value(html::Node n, const std::string& attribute) {
    if (attribute.empty()) return collapse_whitespace(n.visible_text());
    return collapse_whitespace(n.attr(attribute).value_or(""));
}

// WHATWG URL parsing strips leading/trailing C0 controls and spaces and removes tabs and
// newlines anywhere; pages wrap long hrefs over lines, so we do the same.
std::string clean_href(std::string_view href) {
    std::string out;
    out.reserve(href.size());
    for (char c : href)
        if (c != '\t' && c != '\n' && c != '\r') out += c;
    std::size_t begin = 0, end = out.size();
    while (begin < end && static_cast<unsigned char>(out[begin]) <= 0x20) ++begin;
    while (end > begin && static_cast<unsigned char>(out[end - 1]) <= 0x20) --end;
    return out.substr(begin, end - begin);
}

std::optional<core::DateTime> parse_any_date(std::string_view text) {
    const std::string_view t = core::trim(text);
    if (t.empty()) return std::nullopt;
    if (auto dt = core::parse_date(t)) return dt;
    return parse_visible_date(t);
}

}  // namespace

std::string collapse_whitespace(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    bool pending_space = false;
    for (std::size_t i = 0; i < text.size();) {
        const char c = text[i];
        std::size_t width = 0;
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') width = 1;
        else if (text.substr(i, 2) == "\u00a0") width = 2;       // no-break space
        else if (text.substr(i, 3) == "\u3000") width = 3;       // ideographic space
        if (width > 0) {
            pending_space = !out.empty();
            i += width;
            continue;
        }
        if (pending_space) out += ' ';
        pending_space = false;
        out += c;
        ++i;
    }
    return out;
}

ItemReader::ItemReader(FieldSelector link, FieldSelector title, FieldSelector date, bool time_element_fallback,
                       std::string base)
    : m_link(std::move(link)),
      m_title(std::move(title)),
      m_date(std::move(date)),
      m_anchors(fixed_selector("a[href]")),
      m_base(std::move(base)) {
    if (time_element_fallback && !m_date.selector) m_time = fixed_selector("time");
}

// An absolute http(s) URL without its fragment, or "" for anything else: javascript:,
// mailto:, in-page anchors ("#top") and hrefs that do not parse are not articles.
std::string ItemReader::resolve_link(std::string_view href) const {
    const std::string ref = clean_href(href);
    if (ref.empty() || ref.front() == '#') return {};
    const auto base = core::Url::parse(m_base);
    auto url = base ? base->resolve(ref) : core::Url::parse(ref);
    if (!url || !url->is_http() || url->host.empty()) return {};
    url->fragment.reset();  // never sent to the server: "/a#comments" is the article "/a"
    return url->to_string();
}

// With no attribute named, a link element gives its href; any other element its text.
std::string ItemReader::link_url(html::Node link) const {
    if (!m_link.attribute.empty()) return resolve_link(link.attr(m_link.attribute).value_or(""));
    if (auto href = link.attr("href")) return resolve_link(*href);
    return resolve_link(collapse_whitespace(link.visible_text()));
}

// Image cards often put a thumbnail link first and the titled link second, both to the same
// article; the link's title attribute or its image's alt text come last.
std::string ItemReader::fallback_title(html::Node item, html::Node link, const std::string& url) const {
    if (std::string text = collapse_whitespace(link.visible_text()); !text.empty()) return text;
    if (m_anchors) {
        for (html::Node a : html::select_all(item, *m_anchors)) {
            if (a == link || resolve_link(a.attr("href").value_or("")) != url) continue;
            if (std::string text = collapse_whitespace(a.visible_text()); !text.empty()) return text;
        }
    }
    if (std::string text = collapse_whitespace(link.attr("title").value_or("")); !text.empty()) return text;
    for (html::Node n = link; n; n = html::next_in_tree(n, link)) {
        if (n.tag() != "img") continue;
        if (std::string text = collapse_whitespace(n.attr("alt").value_or("")); !text.empty()) return text;
    }
    return {};
}

// A <time> read for its text offers its datetime attribute first: that is the machine form
// of the same date, and the text is often relative ("3 hours ago").
void ItemReader::read_date(html::Node item, ItemFields& fields) const {
    html::Node node;
    std::string attribute;
    if (m_date.selector) {
        node = find_within(item, *m_date.selector, m_date.attribute);
        attribute = m_date.attribute;
        fields.date_matched = static_cast<bool>(node);
    } else if (m_time) {
        node = html::select_first(item, *m_time);
    }
    if (!node) return;
    if (attribute.empty() && node.tag() == "time") {
        if (auto dt = parse_any_date(node.attr("datetime").value_or(""))) {
            fields.published = dt;
            return;
        }
    }
    const std::string text = node_value(node, attribute);
    fields.published = parse_any_date(text);
    if (!fields.published) fields.date_text = text;
}

ItemFields ItemReader::read(html::Node item) const {
    ItemFields fields;
    const html::Node link = m_link.selector ? find_within(item, *m_link.selector, m_link.attribute) : html::Node{};
    if (!link) return fields;
    fields.url = link_url(link);
    if (fields.url.empty()) return fields;
    if (m_title.selector) {
        if (html::Node title = find_within(item, *m_title.selector, m_title.attribute)) {
            fields.title_matched = true;
            fields.title = node_value(title, m_title.attribute);
        }
    }
    if (fields.title.empty()) fields.title = fallback_title(item, link, fields.url);
    read_date(item, fields);
    return fields;
}

}  // namespace dossier::listing
