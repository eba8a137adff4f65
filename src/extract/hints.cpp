// Site hints from feeds/<id>.toml: a selector, optionally "@attr" to read an attribute.
#include "dossier/core/source.hpp"
#include "dossier/core/strings.hpp"
#include "dossier/html/selector.hpp"
#include "fields.hpp"
#include "text_measure.hpp"

namespace dossier::extract::detail {

std::optional<std::string> hint_value(const Page& page, std::string_view field, const std::string& hint) {
    if (core::trim(hint).empty()) return std::nullopt;
    const auto [sel, attr] = core::split_selector_attr(hint);  // the one "sel@attr" rule
    auto selector = html::Selector::parse(core::trim(sel));
    if (!selector) {
        page.warnings.push_back("extract: hint " + std::string(field) + ": " + selector.error().message);
        return std::nullopt;
    }
    const html::Node n = html::select_first(page.doc.document(), *selector);
    if (!n) {
        page.warnings.push_back("extract: hint " + std::string(field) + " \"" + hint + "\" matched nothing");
        return std::nullopt;
    }
    std::string value = attr.empty() ? collapse_ws(n.visible_text()) : collapse_ws(n.attr(attr).value_or(""));
    if (value.empty()) return std::nullopt;
    return value;
}

}  // namespace dossier::extract::detail
