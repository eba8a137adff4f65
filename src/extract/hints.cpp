// Site hints from feeds/<id>.toml: a selector, optionally "@attr" to read an attribute.
#include "dossier/core/strings.hpp"
#include "dossier/html/selector.hpp"
#include "fields.hpp"
#include "text_measure.hpp"

namespace dossier::extract::detail {

namespace {

bool is_attr_name(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s)
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
              c == ':'))
            return false;
    return true;
}

}  // namespace

std::optional<std::string> hint_value(const Page& page, std::string_view field, const std::string& hint) {
    if (core::trim(hint).empty()) return std::nullopt;
    std::string_view sel = hint;
    std::string_view attr;
    // "a[href='x@y']" has '@' inside brackets: only a trailing "@name" outside them counts.
    if (const auto at = sel.rfind('@'); at != std::string_view::npos && is_attr_name(sel.substr(at + 1)) &&
                                        sel.find(']', at) == std::string_view::npos) {
        attr = sel.substr(at + 1);
        sel = sel.substr(0, at);
    }
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
