#include "page.hpp"

#include "dossier/core/strings.hpp"
#include "text_measure.hpp"

namespace dossier::extract::detail {

namespace {

/// <meta> under any of the attribute names pages use for the key (HTML name, OpenGraph
/// property, microdata itemprop, http-equiv). Saved pages sometimes carry value= for content=.
void collect_metas(const html::Document& doc, std::vector<MetaTag>& out) {
    for (html::Node m : elements_by_tag(doc.document(), "meta")) {
        auto value = m.attr("content");
        if (!value) value = m.attr("value");
        if (!value) continue;
        for (std::string_view attr : {"name", "property", "itemprop", "http-equiv"}) {
            auto key = m.attr(attr);
            if (!key) continue;
            // RDFa allows several space-separated properties on one tag ("og:title twitter:title").
            for (std::string_view k : core::split(*key, ' ')) {
                k = core::trim(k);
                if (!k.empty()) out.push_back(MetaTag{core::to_lower_ascii(k), std::string(*value)});
            }
        }
    }
}

void add_site_name(std::vector<std::string>& names, std::optional<std::string> name) {
    if (!name || name->empty()) return;
    for (const std::string& n : names)
        if (core::iequals(n, *name)) return;
    names.push_back(std::move(*name));
}

}  // namespace

std::vector<html::Node> elements_by_tag(html::Node scope, std::string_view tag) {
    std::vector<html::Node> out;
    for (html::Node n = scope; n; n = html::next_in_tree(n, scope))
        if (n.is_element() && n.tag() == tag) out.push_back(n);
    return out;
}

const std::string& Page::plain_text() const {
    if (!plain_text_cache) {
        html::TextOptions text_opts;
        text_opts.skip = [this](html::Node n) { return is_boilerplate(n, Strictness::tags_only, &boilerplate); };
        plain_text_cache = doc.root().visible_text(text_opts);
    }
    return *plain_text_cache;
}

std::optional<std::string> Page::meta(std::string_view key) const {
    for (const MetaTag& m : metas) {
        if (m.key != key) continue;
        std::string v = collapse_ws(m.value);
        if (!v.empty()) return v;
    }
    return std::nullopt;
}

std::vector<std::string> Page::meta_all(std::string_view key) const {
    std::vector<std::string> out;
    for (const MetaTag& m : metas) {
        if (m.key != key) continue;
        std::string v = collapse_ws(m.value);
        if (!v.empty()) out.push_back(std::move(v));
    }
    return out;
}

Page read_page(const html::Document& doc, std::string_view url, const Hints& hints, const Options& opts) {
    Page page{doc, url, hints, opts, {}, {}, {}, {}, {}, {}, {}, {}};
    collect_metas(doc, page.metas);
    page.ld = read_json_ld(doc, opts);
    for (html::Node t : elements_by_tag(doc.document(), "title")) {
        // <title> inside <svg> is an SVG tooltip, not the document title.
        if (t.parent().tag() == "svg" || t.parent().tag() == "symbol") continue;
        std::string text;
        for (html::Node c : t.children()) text += c.text();
        page.title_tag = collapse_ws(text);
        break;
    }
    add_site_name(page.site_names, page.meta("og:site_name"));
    add_site_name(page.site_names, page.meta("application-name"));
    if (!page.ld.publisher.empty()) add_site_name(page.site_names, page.ld.publisher);
    return page;
}

}  // namespace dossier::extract::detail
