// Sitemaps protocol 0.9 (https://www.sitemaps.org/protocol.html) and the Google News sitemap
// extension (<news:news> with <news:publication_date> and <news:title>).
#include <string>
#include <vector>

#include "dossier/core/strings.hpp"
#include "dossier/core/url.hpp"
#include "parsers.hpp"
#include "text_clean.hpp"
#include "xml_node.hpp"

namespace dossier::feed::detail {

namespace {

std::string location(const xmlNode* node, std::string_view ns, std::string_view base_url) {
    const std::string loc = child_text(node, "loc", ns);
    return loc.empty() ? loc : core::resolve_url(base_url, loc);
}

/// <lastmod> is the page's last change, often the sitemap's generation time for every URL, so
/// it goes to `updated` only; `published` comes from news:publication_date alone.
core::Entry read_url(const xmlNode* url, std::string_view ns, std::string_view base_url, EntrySink& sink) {
    core::Entry e;
    e.url = location(url, ns, base_url);
    const xmlNode* news = child(url, "news", k_ns_news);
    sink.set_dates(e, {child_text(news, "publication_date", k_ns_news)}, {child_text(url, "lastmod", ns)},
                   /*published_from_updated=*/false);
    e.title = clean_title(child_text(news, "title", k_ns_news), TitleKind::loose);
    std::vector<std::string> tags;
    const std::string keywords = child_text(news, "keywords", k_ns_news);
    for (auto keyword : core::split(keywords, ',')) tags.emplace_back(keyword);
    e.tags = clean_tags(tags);
    return e;
}

}  // namespace

void read_sitemap(const xmlNode* root, std::string_view base_url, Feed& /*feed*/, EntrySink& sink) {
    const std::string_view ns = ns_uri(root);
    if (local_name(root) == "sitemapindex") {
        for (const xmlNode* sitemap : children(root, "sitemap", ns)) {
            if (!sink.accepting()) return;
            sink.add_sitemap(location(sitemap, ns, base_url));
        }
        return;
    }
    for (const xmlNode* url : children(root, "url", ns)) {
        if (!sink.accepting()) return;
        sink.add(read_url(url, ns, base_url, sink));
    }
}

}  // namespace dossier::feed::detail
