#pragma once
// A compiled "sel@attr" from a source's [[index]] table (docs/sources.md, "Selectors").
#include <optional>
#include <string>
#include <string_view>

#include "dossier/core/result.hpp"
#include "dossier/html/selector.hpp"

namespace dossier::listing {

struct FieldSelector {
    std::string text;                        ///< as the source wrote it, for messages
    std::optional<html::Selector> selector;  ///< empty when the source gave no selector
    std::string attribute;                   ///< read this attribute; empty: read the text
};

/// Compiles `text` for the `role` ("item", "link", "title", "date"). Empty text gives a
/// FieldSelector without a selector. Fails with "listing: bad ROLE selector "TEXT": REASON"
/// when the selector does not parse, or when `allow_attribute` is false and it has "@attr".
core::Result<FieldSelector> compile_field(std::string_view role, std::string_view text, bool allow_attribute = true);

}  // namespace dossier::listing
