#pragma once
// Private to html/: the parsed form of a selector list.
#include <string>
#include <string_view>
#include <vector>

#include "dossier/core/result.hpp"

namespace dossier::html::detail {

enum class AttrOp { exists, equals, includes, prefix, suffix, substring };

struct AttrTest {
    std::string name;  // lower-case
    AttrOp op = AttrOp::exists;
    std::string value;
};

/// A compound selector: simple selectors that all apply to one element.
struct Compound {
    std::string tag;  // lower-case; empty = any element
    std::vector<std::string> ids;
    std::vector<std::string> classes;
    std::vector<AttrTest> attrs;
    std::vector<Compound> negations;  // :not(a, b) -> {a, b}
};

enum class Combinator { descendant, child, next_sibling, subsequent_sibling };

/// A complex selector: parts joined by combinators (combinators[i] sits between parts[i] and parts[i+1]).
struct Complex {
    std::vector<Compound> parts;
    std::vector<Combinator> combinators;
};

/// Most compound selectors one complex selector may chain (bounds matching recursion).
inline constexpr std::size_t k_max_compounds = 32;
/// Longest selector text accepted.
inline constexpr std::size_t k_max_selector_length = 4096;

/// Parses a selector list; the error names the text, the reason and the 1-based column.
core::Result<std::vector<Complex>> parse_selector_list(std::string_view text);

}  // namespace dossier::html::detail
