#pragma once
// Private to extract/: which elements are page furniture (navigation, footers, share bars,
// related-story lists, comments, ads) rather than article content.
#include "dossier/html/document.hpp"

namespace dossier::extract::detail {

/// How much of the classifier applies.
enum class Strictness {
    tags_only,   ///< structural tags (nav, footer, aside, form, ...) and ARIA roles only
    with_names,  ///< also class/id names (comment, sidebar, related, share, tuijian, ...)
    revealed_tags,  ///< as tags_only, but <noscript> and hidden elements are content (last resort)
    revealed,       ///< as with_names, but <noscript> and hidden elements are content (last resort)
};

/// True for the strictness levels that read class/id names.
inline bool uses_names(Strictness s) { return s == Strictness::with_names || s == Strictness::revealed; }
/// True for the strictness levels that treat <noscript> and hidden elements as content.
inline bool reveals(Strictness s) { return s == Strictness::revealed_tags || s == Strictness::revealed; }

/// True when `element` and its subtree are not article content: invisible or non-text
/// elements, structural furniture tags, furniture ARIA roles, and (with_names) class/id names
/// that say navigation, menu, footer, sidebar, related, comment, share, social, ad, breadcrumb,
/// subscribe or recommend, including the pinyin names of Chinese sites.
bool is_boilerplate(html::Node element, Strictness strictness);

/// Readability's class weight: +25 when the class/id says content (article, body, content,
/// entry, main, post, story, text), -25 when it says furniture, 0 otherwise or when both.
int class_weight(html::Node element);

}  // namespace dossier::extract::detail
