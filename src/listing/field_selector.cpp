// "sel@attr" selectors: split, then parsed by the html module's selector subset.
#include "field_selector.hpp"

#include <algorithm>

#include "dossier/core/strings.hpp"
#include "dossier/listing/listing.hpp"

namespace dossier::listing {
namespace {

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_name_char(char c) { return is_alpha(c) || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == ':' || c == '.'; }

// The last '@' outside [...], (...) and quoted strings, or npos. A backslash escapes the next
// character inside quotes, as in CSS strings; brackets inside quotes do not count.
std::size_t attribute_separator(std::string_view s) {
    std::size_t found = std::string_view::npos;
    int depth = 0;
    char quote = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (quote != 0) {
            if (c == '\\') ++i;
            else if (c == quote) quote = 0;
        } else if (c == '"' || c == '\'') {
            quote = c;
        } else if (c == '[' || c == '(') {
            ++depth;
        } else if ((c == ']' || c == ')') && depth > 0) {
            --depth;
        } else if (c == '@' && depth == 0) {
            found = i;
        }
    }
    return found;
}

bool is_attribute_name(std::string_view s) {
    return !s.empty() && is_alpha(s.front()) && std::all_of(s.begin(), s.end(), is_name_char);
}

// The html module words its errors `html: bad selector "TEXT": REASON at column N`; the
// listing message names the role and the source's text itself, so only REASON... is kept.
std::string selector_reason(const std::string& message, std::string_view selector) {
    const std::string prefix = "html: bad selector \"" + std::string(selector) + "\": ";
    if (message.rfind(prefix, 0) == 0) return message.substr(prefix.size());
    if (message.rfind("html: ", 0) == 0) return message.substr(6);
    return message;
}

}  // namespace

std::pair<std::string, std::string> split_selector_attr(std::string_view spec) {
    const std::size_t at = attribute_separator(spec);
    if (at != std::string_view::npos) {
        const std::string_view attribute = core::trim(spec.substr(at + 1));
        if (is_attribute_name(attribute)) return {std::string(core::trim(spec.substr(0, at))), std::string(attribute)};
    }
    return {std::string(core::trim(spec)), {}};
}

core::Result<FieldSelector> compile_field(std::string_view role, std::string_view text, bool allow_attribute) {
    FieldSelector field;
    field.text = std::string(text);
    if (core::trim(text).empty()) return field;
    const std::string bad = "listing: bad " + std::string(role) + " selector \"" + field.text + "\": ";
    auto [selector_text, attribute] = split_selector_attr(text);
    if (!attribute.empty() && !allow_attribute) return core::fail(bad + "takes no @attribute");
    if (selector_text.empty()) return core::fail(bad + "no selector before '@'");
    auto selector = html::Selector::parse(selector_text);
    if (!selector) return core::fail(bad + selector_reason(selector.error().message, selector_text));
    field.selector = std::move(selector).value();
    field.attribute = std::move(attribute);
    return field;
}

}  // namespace dossier::listing
