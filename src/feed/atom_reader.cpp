// Atom 1.0 (RFC 4287) and its predecessor Atom 0.3, matched in whatever namespace the root
// element uses (a missing xmlns is read as Atom too).
#include <initializer_list>
#include <string>
#include <vector>

#include "dossier/core/strings.hpp"
#include "dossier/core/url.hpp"
#include "parsers.hpp"
#include "text_clean.hpp"
#include "xml_node.hpp"

namespace dossier::feed::detail {

namespace {

enum class TextType { text, html, xhtml };

/// RFC 4287 section 3.1.1: type is "text" (default), "html" or "xhtml"; Atom 0.3 used MIME
/// types and mode="escaped" | "xml".
TextType text_type(const xmlNode* node) {
    const std::string type = core::to_lower_ascii(core::trim(attribute(node, "type")));
    const std::string mode = core::to_lower_ascii(core::trim(attribute(node, "mode")));
    if (type == "xhtml" || type == "application/xhtml+xml" || (mode == "xml" && type.find("html") != std::string::npos))
        return TextType::xhtml;
    if (type == "html" || type == "text/html" || mode == "escaped") return TextType::html;
    return TextType::text;
}

/// A Text construct (title, subtitle) as plain one-line text.
std::string plain_text(const xmlNode* node) {
    if (node == nullptr) return {};
    switch (text_type(node)) {
    case TextType::html:
        return clean_title(text(node), TitleKind::html);
    case TextType::xhtml:  // RFC 4287 section 3.1.1.3: the markup is elements; their text is the title
        return clean_title(decode_entities(text(node)), TitleKind::plain);
    case TextType::text:
        break;
    }
    return clean_title(text(node), TitleKind::plain);
}

/// A content or summary element as given: HTML for html/xhtml, the text for text.
std::string content_markup(const xmlNode* node) {
    if (node == nullptr || !attribute(node, "src").empty()) return {};  // out-of-line content (section 4.1.3.2)
    if (text_type(node) == TextType::xhtml) {
        const xmlNode* div = child(node, "div", k_ns_xhtml);
        return std::string(core::trim(inner_xml(div != nullptr ? div : node)));
    }
    return std::string(core::trim(text(node)));
}

/// RFC 4287 section 4.2.7.2: a link without rel is rel="alternate". Among alternates the
/// HTML one is preferred (section 4.1.1 allows one per type and hreflang).
std::string alternate_link(const xmlNode* parent, std::string_view ns, std::string_view base_url) {
    const xmlNode* best = nullptr;
    int best_score = 0;
    for (const xmlNode* link : children(parent, "link", ns)) {
        const std::string rel(core::trim(attribute(link, "rel")));
        if (!rel.empty() && rel != "alternate" && rel != "http://www.iana.org/assignments/relation/alternate") continue;
        if (core::trim(attribute(link, "href")).empty()) continue;
        const std::string type = core::to_lower_ascii(core::trim(attribute(link, "type")));
        const int score = (type.empty() || type == "text/html" || type == "application/xhtml+xml") ? 2 : 1;
        if (score > best_score) {
            best = link;
            best_score = score;
        }
    }
    if (best == nullptr) return {};
    return core::resolve_url(base_of(best, base_url), core::trim(attribute(best, "href")));
}

/// Names of the person constructs <author><name> under `parent`, joined by ", ".
std::string author_names(const xmlNode* parent, std::string_view ns) {
    std::string joined;
    for (const xmlNode* author : children(parent, "author", ns)) {
        const std::string name = clean_name(child_text(author, "name", ns));
        if (!name.empty()) joined += (joined.empty() ? "" : ", ") + name;
    }
    return joined;
}

/// The trimmed texts of the children named in `names` (in namespace `ns`), in that order.
std::vector<std::string> texts(const xmlNode* entry, std::string_view ns,
                               std::initializer_list<std::string_view> names) {
    std::vector<std::string> out;
    for (auto name : names)
        for (const xmlNode* c : children(entry, name, ns)) out.emplace_back(core::trim(text(c)));
    return out;
}

core::Entry read_entry(const xmlNode* entry, std::string_view ns, std::string_view base_url,
                       const std::string& feed_authors, EntrySink& sink) {
    core::Entry e;
    e.guid = child_text(entry, "id", ns);
    e.url = alternate_link(entry, ns, base_url);
    if (e.url.empty() && is_http_url(e.guid)) e.url = e.guid;  // some feeds give only a permalink id
    e.title = plain_text(child(entry, "title", ns));
    // published (1.0) / issued, created (0.3); updated (1.0) / modified (0.3).
    sink.set_dates(e, texts(entry, ns, {"published", "issued", "created"}), texts(entry, ns, {"updated", "modified"}));
    // Section 4.2.1: an entry without authors takes those of its source, else of the feed.
    e.author = author_names(entry, ns);
    if (e.author.empty()) e.author = author_names(child(entry, "source", ns), ns);
    if (e.author.empty()) e.author = feed_authors;
    std::vector<std::string> tags;
    for (const xmlNode* category : children(entry, "category", ns)) {
        std::string term = attribute(category, "term");
        tags.push_back(term.empty() ? attribute(category, "label") : term);
    }
    e.tags = clean_tags(tags);
    e.summary = content_markup(child(entry, "content", ns));
    if (e.summary.empty()) e.summary = content_markup(child(entry, "summary", ns));
    return e;
}

}  // namespace

void read_atom(const xmlNode* root, std::string_view base_url, Feed& feed, EntrySink& sink) {
    const std::string_view ns = ns_uri(root);
    feed.title = plain_text(child(root, "title", ns));
    feed.site_url = alternate_link(root, ns, base_url);
    const std::string feed_authors = author_names(root, ns);
    for (const xmlNode* entry : children(root, "entry", ns)) {
        if (!sink.accepting()) return;
        sink.add(read_entry(entry, ns, base_url, feed_authors, sink));
    }
}

}  // namespace dossier::feed::detail
