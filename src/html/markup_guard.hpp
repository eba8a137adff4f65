#pragma once
// Private to html/: a cheap look at the tags before Gumbo builds a tree from them.
#include <cstddef>
#include <string_view>

namespace dossier::html::detail {

struct MarkupShape {
    std::size_t max_depth = 0;   ///< deepest nesting of elements that need an end tag
    std::size_t start_tags = 0;  ///< start tags seen
};

/// Estimates the nesting depth and the start-tag count of HTML without building a tree.
/// Elements whose end tag is optional or absent (void elements, p, li, td, option, ...) do not
/// add depth, "/>" closes only inside svg/math, an end tag closes one level, and the contents
/// of comments and raw-text elements (script, style, textarea, title, ...) are skipped. Stops early once a limit is
/// exceeded.
MarkupShape measure_markup(std::string_view html, std::size_t depth_limit, std::size_t tag_limit);

}  // namespace dossier::html::detail
