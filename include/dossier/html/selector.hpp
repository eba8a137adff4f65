#pragma once
// A subset of CSS Selectors Level 4 for site hints and listing pages.
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "dossier/core/result.hpp"
#include "dossier/html/document.hpp"

namespace dossier::html {

/// A parsed selector list. Supported: type selectors (div) and *, #id, .class (several),
/// [attr], [attr=value], [attr~=value], [attr^=value], [attr$=value], [attr*=value] (values
/// bare or quoted), :not(compound selectors), the descendant (space), child (>), next-sibling (+)
/// and subsequent-sibling (~) combinators, and groups (a, b). Type and attribute names match
/// ASCII case-insensitively; ids, classes and attribute values case-sensitively. Cheap to copy.
class Selector {
public:
    /// Parses selector text. Fails with "html: bad selector "TEXT": REASON at column N" (N is
    /// the 1-based byte column) on syntax it does not support.
    static core::Result<Selector> parse(std::string_view text);

    /// True when the element matches any selector of the group. False for non-elements.
    bool matches(Node element) const;

    /// The text the selector was parsed from.
    const std::string& text() const;

    struct Impl;

private:
    explicit Selector(std::shared_ptr<const Impl> impl) : m_impl(std::move(impl)) {}
    std::shared_ptr<const Impl> m_impl;
};

/// The elements below `scope` (not `scope` itself) that match, in document order.
std::vector<Node> select_all(Node scope, const Selector& selector);

/// The first element below `scope` in document order that matches, or a null Node.
Node select_first(Node scope, const Selector& selector);

}  // namespace dossier::html
