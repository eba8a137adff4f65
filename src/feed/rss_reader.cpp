// RSS in its three shapes: RSS 0.91/0.92/2.0 (https://www.rssboard.org/rss-specification),
// RSS 0.9 (my.netscape.com/rdf/simple/0.9/) and RSS 1.0 (https://web.resource.org/rss/1.0/spec),
// the latter two with <item> elements beside <channel> under <rdf:RDF>. The core elements are
// matched in the namespace the channel itself uses, so all three share one reader.
#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

#include "dossier/core/strings.hpp"
#include "dossier/core/url.hpp"
#include "parsers.hpp"
#include "text_clean.hpp"
#include "xml_node.hpp"

namespace dossier::feed::detail {

namespace {

constexpr std::string_view k_ns_feedburner = "http://rssnamespace.org/feedburner/ext/1.0";

bool looks_like_url(std::string_view s) {
    return core::istarts_with(s, "http://") || core::istarts_with(s, "https://");
}

/// A link element's target resolved against the base in scope at that element.
std::string resolve_at(const xmlNode* node, std::string_view href, std::string_view base_url) {
    return core::resolve_url(base_of(node, base_url), core::trim(href));
}

/// RSS 2.0 "link", else <guid> unless isPermaLink="false" (RSS 2.0 "guid" sub-element),
/// else atom:link rel=alternate, else RSS 1.0's rdf:about. FeedBurner's origLink wins over a
/// feedproxy redirect in <link>.
std::string item_link(const xmlNode* item, std::string_view ns, std::string_view base_url) {
    if (const xmlNode* orig = child(item, "origLink", k_ns_feedburner)) {
        const std::string href = text(orig);
        if (looks_like_url(core::trim(href))) return resolve_at(orig, href, base_url);
    }
    if (const xmlNode* link = child(item, "link", ns)) {
        std::string href = text(link);
        if (core::trim(href).empty()) href = attribute(link, "href");  // <link href="..."/> written Atom-style
        if (!core::trim(href).empty()) return resolve_at(link, href, base_url);
    }
    if (const xmlNode* guid = child(item, "guid", ns)) {
        const std::string id(core::trim(text(guid)));
        if (!core::iequals(core::trim(attribute(guid, "isPermaLink")), "false") && looks_like_url(id))
            return resolve_at(guid, id, base_url);
    }
    for (const xmlNode* link : children(item, "link", k_ns_atom)) {
        const std::string rel = attribute(link, "rel");
        if (rel.empty() || rel == "alternate") return resolve_at(link, attribute(link, "href"), base_url);
    }
    const std::string about = attribute_ns(item, "about", k_ns_rdf);
    return about.empty() ? std::string() : resolve_at(item, about, base_url);
}

/// RSS 2.0 <author> is "email (Name)"; the name is what a reader wants.
std::string author_name(std::string_view raw) {
    const std::string_view s = core::trim(raw);
    const std::size_t open = s.find('(');
    if (open != std::string_view::npos && s.back() == ')' && s.substr(0, open).find('@') != std::string_view::npos)
        return clean_name(s.substr(open + 1, s.size() - open - 2));
    return clean_name(s);
}

std::string item_author(const xmlNode* item, std::string_view ns) {
    if (std::string a = author_name(child_text(item, "author", ns)); !a.empty()) return a;
    std::string joined;
    for (const xmlNode* creator : children(item, "creator", k_ns_dc)) {
        const std::string name = clean_name(text(creator));
        if (name.empty()) continue;
        joined += (joined.empty() ? "" : ", ") + name;
    }
    return joined;
}

std::vector<std::string> item_tags(const xmlNode* item, std::string_view ns) {
    std::vector<std::string> raw;
    for (const xmlNode* c : children(item, "category", ns)) raw.push_back(text(c));
    for (const xmlNode* c : children(item, "subject", k_ns_dc)) raw.push_back(text(c));
    return clean_tags(raw);
}

/// The trimmed texts of the children (local name, namespace) listed, in that order.
std::vector<std::string> texts(const xmlNode* item,
                               std::initializer_list<std::pair<std::string_view, std::string_view>> names) {
    std::vector<std::string> out;
    for (const auto& [local, ns] : names)
        for (const xmlNode* c : children(item, local, ns)) out.emplace_back(core::trim(text(c)));
    return out;
}

core::Entry read_item(const xmlNode* item, std::string_view ns, std::string_view base_url, EntrySink& sink) {
    core::Entry e;
    e.url = item_link(item, ns, base_url);
    e.title = clean_title(child_text(item, "title", ns), TitleKind::loose);
    e.guid = child_text(item, "guid", ns);
    if (e.guid.empty()) e.guid = attribute_ns(item, "about", k_ns_rdf);
    sink.set_dates(e,
                   texts(item, {{"pubDate", ns}, {"date", k_ns_dc}, {"issued", k_ns_dcterms},
                                {"created", k_ns_dcterms}, {"published", k_ns_atom}}),
                   texts(item, {{"updated", k_ns_atom}, {"modified", k_ns_dcterms}}));
    e.author = item_author(item, ns);
    e.tags = item_tags(item, ns);
    // content:encoded usually holds the full post and <description> a teaser; keep the fuller.
    std::string description = child_text(item, "description", ns);
    std::string encoded = child_text(item, "encoded", k_ns_content);
    e.summary = encoded.size() > description.size() ? std::move(encoded) : std::move(description);
    return e;
}

}  // namespace

void read_rss(const xmlNode* root, std::string_view base_url, Feed& feed, EntrySink& sink) {
    const xmlNode* channel = nullptr;
    for (const xmlNode* n : child_elements(root))
        if (local_name(n) == "channel") {
            channel = n;
            break;
        }
    const std::string_view ns = channel != nullptr ? ns_uri(channel) : ns_uri(root);
    if (channel != nullptr) {
        feed.title = clean_title(child_text(channel, "title", ns), TitleKind::loose);
        if (const xmlNode* link = child(channel, "link", ns); link != nullptr && !core::trim(text(link)).empty())
            feed.site_url = resolve_at(link, text(link), base_url);
        for (const xmlNode* link : children(channel, "link", k_ns_atom))
            if (feed.site_url.empty() && attribute(link, "rel") == "alternate")
                feed.site_url = resolve_at(link, attribute(link, "href"), base_url);
    }
    // RSS 2.0 puts items in the channel; RSS 0.9 and 1.0 put them beside it.
    for (const xmlNode* parent : {channel, root}) {
        if (parent == nullptr) continue;
        for (const xmlNode* item : children(parent, "item", ns)) {
            if (!sink.accepting()) return;
            sink.add(read_item(item, ns, base_url, sink));
        }
    }
}

}  // namespace dossier::feed::detail
