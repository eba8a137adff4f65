// Field selectors of source definitions: "sel@attr" (DESIGN.md, "Source definitions").
#include <algorithm>

#include "dossier/core/source.hpp"
#include "dossier/core/strings.hpp"

namespace dossier::core {

namespace {

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_name_char(char c) { return is_alpha(c) || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == ':' || c == '.'; }

// The last '@' outside [...], (...) and quoted strings, or npos. A backslash escapes the next
// character inside quotes, as in CSS strings; brackets inside quotes do not count.
std::size_t last_attr_at(std::string_view s) {
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

}  // namespace

std::pair<std::string, std::string> split_selector_attr(std::string_view spec) {
    const std::size_t at = last_attr_at(spec);
    if (at != std::string_view::npos) {
        const std::string_view attribute = trim(spec.substr(at + 1));
        if (is_attribute_name(attribute)) return {std::string(trim(spec.substr(0, at))), std::string(attribute)};
    }
    return {std::string(trim(spec)), {}};
}

std::size_t selector_attr_at(std::string_view spec) { return last_attr_at(spec); }

}  // namespace dossier::core
