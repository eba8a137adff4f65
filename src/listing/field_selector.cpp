// "sel@attr" selectors: split, then parsed by the html module's selector subset.
#include "field_selector.hpp"

#include <algorithm>

#include "dossier/core/strings.hpp"
#include "dossier/listing/listing.hpp"

namespace dossier::listing {
namespace {

// The html module words its errors `html: bad selector "TEXT": REASON at column N`; the
// listing message names the role and the source's text itself, so only REASON... is kept.
std::string selector_reason(const std::string& message, std::string_view selector) {
    const std::string prefix = "html: bad selector \"" + std::string(selector) + "\": ";
    if (message.rfind(prefix, 0) == 0) return message.substr(prefix.size());
    if (message.rfind("html: ", 0) == 0) return message.substr(6);
    return message;
}

}  // namespace

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
