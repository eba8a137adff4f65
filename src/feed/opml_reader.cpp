// OPML 1.0 / 2.0 (http://opml.org/spec2.opml): subscriptions are <outline> elements with an
// xmlUrl; outlines without one are folders, and feed readers nest them freely.
#include <string>
#include <vector>

#include "dossier/core/strings.hpp"
#include "dossier/feed/opml.hpp"
#include "sniff.hpp"
#include "text_clean.hpp"
#include "xml_document.hpp"
#include "xml_node.hpp"

namespace dossier::feed {

namespace {

using detail::attribute_icase;
using detail::clean_name;

/// OPML 2.0 section "category": comma-separated, slash-delimited paths ("/Security/Chinese").
std::string first_category(std::string_view attribute) {
    const auto first = core::split(attribute, ',');
    std::string_view path = core::trim(first.empty() ? std::string_view{} : first.front());
    while (!path.empty() && path.front() == '/') path.remove_prefix(1);
    return clean_name(path);
}

class OutlineWalk {
public:
    OutlineWalk(std::size_t max_items, std::size_t max_depth) : m_max_items(max_items), m_max_depth(max_depth) {}

    void walk(const xmlNode* parent, std::vector<std::string>& path) {
        if (path.size() > m_max_depth) return;
        for (const xmlNode* n : detail::child_elements(parent)) {
            if (detail::local_name(n) != "outline") continue;
            const std::string xml_url(core::trim(attribute_icase(n, "xmlUrl")));
            std::string name = clean_name(attribute_icase(n, "title"));
            if (name.empty()) name = clean_name(attribute_icase(n, "text"));
            if (!xml_url.empty()) add(n, xml_url, name, path);
            // A folder's name joins the path of what it holds; a feed outline with children
            // (rare) passes its own path down unchanged.
            if (xml_url.empty()) {
                std::string folder = clean_name(attribute_icase(n, "text"));
                path.push_back(folder.empty() ? name : folder);
                walk(n, path);
                path.pop_back();
            } else {
                walk(n, path);
            }
        }
    }

    std::vector<OpmlOutline> take() { return std::move(m_out); }

private:
    void add(const xmlNode* n, const std::string& xml_url, std::string name, const std::vector<std::string>& path) {
        if (m_out.size() >= m_max_items) return;
        OpmlOutline o;
        o.title = std::move(name);
        o.xml_url = xml_url;
        o.html_url = std::string(core::trim(attribute_icase(n, "htmlUrl")));
        for (const auto& folder : path)
            if (!folder.empty()) o.category += (o.category.empty() ? "" : "/") + folder;
        if (o.category.empty()) o.category = first_category(attribute_icase(n, "category"));
        m_out.push_back(std::move(o));
    }

    std::size_t m_max_items;
    std::size_t m_max_depth;
    std::vector<OpmlOutline> m_out;
};

}  // namespace

core::Result<std::vector<OpmlOutline>> parse_opml(std::string_view bytes, const ParseOptions& opts) {
    if (bytes.size() > opts.max_bytes)
        return core::fail("feed: input over " + std::to_string(opts.max_bytes) + " bytes");
    const detail::Prolog prolog = detail::read_prolog(bytes);
    if (detail::classify(prolog, bytes) != Format::opml)
        return core::fail("feed: not an OPML document: " + detail::describe_start(bytes));
    std::vector<std::string> warnings;  // repairs are not reported for OPML: the result is a list
    auto doc = detail::XmlDocument::parse(bytes, prolog, warnings);
    if (!doc) return core::fail(std::move(doc).error().message);
    const xmlNode* root = doc->root();
    const xmlNode* body = detail::child(root, "body", detail::ns_uri(root));
    OutlineWalk walk(opts.max_items, opts.max_depth);
    std::vector<std::string> path;
    walk.walk(body != nullptr ? body : root, path);
    std::vector<OpmlOutline> outlines = walk.take();
    if (outlines.empty() && doc->error_count() > 0) return core::fail(doc->first_error_text());
    return outlines;
}

}  // namespace dossier::feed
