#pragma once
// Private to extract/: one pass over a subtree that measures every element (text, link text,
// commas, paragraphs) and scores candidate containers the way Readability does.
#include <functional>
#include <unordered_map>
#include <unordered_set>

#include "boilerplate.hpp"
#include "page.hpp"

namespace dossier::extract::detail {

/// Totals over an element's subtree, furniture left out. Lengths are weighted characters.
struct Stats {
    double text = 0;
    double links = 0;
    std::size_t commas = 0;
    std::size_t paragraphs = 0;  ///< text blocks of at least Options::min_paragraph_chars

    double link_density() const { return text > 0 ? links / text : 0.0; }
};

struct Analysis {
    std::unordered_map<html::Node, Stats> stats;    ///< every element visited
    std::unordered_map<html::Node, double> scores;  ///< candidates: content score x (1 - link density)
    std::unordered_set<html::Node> furniture;       ///< roots of the subtrees left out
};

/// Measures `scope` (never itself treated as furniture) and scores the containers of its text
/// blocks: each block of at least min_paragraph_chars gives 1 + commas + min(length / 100, 3)
/// to its container, half to the next ancestor and 1/(3 level) further up (Readability).
/// Results are added to `out`, so several scopes can share one Analysis.
/// With `protect`, elements for which it returns true are not dropped for their class/id names
/// (only for their tag or role).
void analyze(html::Node scope, const Page& page, Strictness strictness, Analysis& out,
             const std::function<bool(html::Node)>& protect = {});

}  // namespace dossier::extract::detail
