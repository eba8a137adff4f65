#pragma once
// Private to extract/: which elements are page furniture (navigation, footers, share bars,
// related-story lists, comments, ads) rather than article content.
#include <array>
#include <optional>
#include <unordered_map>

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

/// Verdicts already reached for the elements of one document: the walkers of the body, author
/// and date stages visit the same elements many times, and reading class/id names is the
/// costly part. Only valid while that document lives.
class BoilerplateCache {
public:
    struct Verdicts {
        std::array<signed char, 4> boilerplate{-1, -1, -1, -1};  ///< per Strictness; -1 unknown
        signed char by_name = -1;                                 ///< furniture by class/id; -1 unknown
        std::optional<int> weight;                                ///< class_weight, once computed
    };
    /// The (possibly still empty) verdicts for `element`.
    Verdicts& at(html::Node element) { return m_verdicts[element]; }

private:
    std::unordered_map<html::Node, Verdicts> m_verdicts;
};

/// True when `element` and its subtree are not article content: invisible or non-text
/// elements, structural furniture tags, furniture ARIA roles, and (with_names) class/id names
/// that say navigation, menu, footer, sidebar, related, comment, share, social, ad, breadcrumb,
/// subscribe or recommend, including the pinyin names of Chinese sites.
/// With a `cache`, remembers the verdict for this element and strictness.
bool is_boilerplate(html::Node element, Strictness strictness, BoilerplateCache* cache = nullptr);

/// Readability's class weight: +25 when the class/id says content (article, body, content,
/// entry, main, post, story, text), -25 when it says furniture, 0 otherwise or when both.
/// With a `cache`, remembers the weight for this element.
int class_weight(html::Node element, BoilerplateCache* cache = nullptr);

}  // namespace dossier::extract::detail
