#pragma once
// Private to html/: a cheap look at the tags before Gumbo builds a tree from them.
#include <cstddef>
#include <string>
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

/// `html` with every numeric character reference beyond U+10FFFF (`&#x6F0EEEEEEEEF;`,
/// `&#99999999999;`) replaced by `&#xFFFD;`, what the HTML standard decodes them to. Gumbo 0.10
/// accumulates the digits in an int that overflows and then writes ill-formed UTF-8 (a lone
/// 0xEF byte), nothing, or bytes from past the reference; found by the listing fuzz target.
/// The rest is copied unchanged; the result is never longer than `html`.
std::string with_safe_char_refs(std::string_view html);

}  // namespace dossier::html::detail
