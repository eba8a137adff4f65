// The scoring follows Mozilla Readability.js (_grabArticle / _initializeNode /
// _getLinkDensity), with two changes: text blocks are found per block-level container
// (so <br>-separated text directly in a <div>, common on Chinese sites, votes like <p>s do) and
// lengths count CJK characters with a weight (Options::cjk_char_weight).
#include "body_analysis.hpp"

#include <algorithm>
#include <array>
#include <vector>

#include "dossier/core/strings.hpp"
#include "text_measure.hpp"

namespace dossier::extract::detail {

namespace {

/// Ancestor levels that receive a block's score (Readability: 5).
constexpr std::size_t k_score_levels = 5;
/// Readability's per-block length bonus: one point per 100 characters, at most 3.
constexpr double k_chars_per_point = 100.0;
constexpr double k_max_length_points = 3.0;

constexpr auto k_inline_tags = std::to_array<std::string_view>(
    {"a",      "abbr",   "acronym", "b",   "bdi",  "bdo",   "big",  "cite", "code", "data", "del",     "dfn",   "em",
     "font",   "i",      "img",     "ins", "kbd",  "label", "mark", "nobr", "q",    "s",    "samp",    "small", "span",
     "strike", "strong", "sub",     "sup", "time", "tt",    "u",    "var",  "wbr",  "br",   "picture", "source"});

// Blocks whose score goes to their container, as Readability scores p, td and pre.
constexpr auto k_paragraph_tags =
    std::to_array<std::string_view>({"p", "pre", "td", "th", "blockquote", "dd", "h2", "h3", "h4", "h5", "h6", "li"});

template <std::size_t N>
bool listed(std::string_view s, const std::array<std::string_view, N>& list) {
    for (std::string_view w : list)
        if (s == w) return true;
    return false;
}

/// Readability's _initializeNode: a starting score by tag plus the class weight.
double initial_score(html::Node n, BoilerplateCache& cache) {
    const std::string_view t = n.tag();
    double s = 0;
    if (t == "div" || t == "article" || t == "section" || t == "main")
        s = 5;
    else if (t == "pre" || t == "td" || t == "blockquote")
        s = 3;
    else if (t == "address" || t == "ol" || t == "ul" || t == "dl" || t == "dd" || t == "dt" || t == "li" ||
             t == "form")
        s = -3;
    else if (t == "h1" || t == "h2" || t == "h3" || t == "h4" || t == "h5" || t == "h6" || t == "th")
        s = -5;
    return s + class_weight(n, &cache);
}

struct OwnText {
    double length = 0;
    std::size_t commas = 0;
};

/// An <a> that goes somewhere: "javascript:" pseudo-links (buttons in disguise, or wrappers of
/// whole blocks) lead nowhere, so their text is not link text.
bool is_link(html::Node n) {
    if (n.tag() != "a") return false;
    const auto href = n.attr("href");
    return !(href && core::istarts_with(core::trim(*href), "javascript:"));
}

class Walker {
public:
    Walker(html::Node scope, const Page& page, Strictness strictness, Analysis& out,
           const std::function<bool(html::Node)>& protect)
        : m_scope(scope), m_page(page), m_strictness(strictness), m_out(out), m_protect(protect) {}

    void run() {
        html::walk(
            m_scope, [this](html::Node n) { return enter(n); }, [this](html::Node n) { leave(n); });
        for (auto& [node, score] : m_raw) m_out.scores[node] = score * (1.0 - m_out.stats[node].link_density());
    }

private:
    bool enter(html::Node n) {
        if (n.is_text()) {
            add_text(n);
            return false;
        }
        if (!n.is_element()) return false;
        if (n != m_scope && furniture(n)) {
            m_out.furniture.insert(n);
            return false;
        }
        m_out.stats.try_emplace(n);
        if (is_link(n)) ++m_in_link;
        if (!listed(n.tag(), k_inline_tags)) m_holders.push_back(n);
        return true;
    }

    bool furniture(html::Node n) const {
        if (uses_names(m_strictness) && m_protect && m_protect(n))
            return is_boilerplate(n, reveals(m_strictness) ? Strictness::revealed_tags : Strictness::tags_only,
                                  &m_page.boilerplate);
        return is_boilerplate(n, m_strictness, &m_page.boilerplate);
    }

    void leave(html::Node n) {
        if (!n.is_element() || m_out.furniture.count(n) > 0) return;
        if (is_link(n)) --m_in_link;
        if (!m_holders.empty() && m_holders.back() == n) {
            m_holders.pop_back();
            score_block(n);
        }
        if (n != m_scope) {
            const Stats& s = m_out.stats[n];
            Stats& p = m_out.stats[n.parent()];
            p.text += s.text;
            p.links += s.links;
            p.commas += s.commas;
            p.paragraphs += s.paragraphs;
        }
    }

    void add_text(html::Node n) {
        const Measure m = measure_collapsed(n.text(), m_page.opts.cjk_char_weight);
        if (m.empty) return;
        const auto len = static_cast<double>(m.length);
        const std::size_t commas = m.commas;
        Stats& s = m_out.stats[n.parent()];
        s.text += len;
        s.commas += commas;
        if (m_in_link > 0) s.links += len;
        if (!m_holders.empty()) {
            OwnText& own = m_own[m_holders.back()];
            own.length += len;
            own.commas += commas;
        }
    }

    /// A finished block: if its own text is long enough it votes for its containers.
    void score_block(html::Node block) {
        if (block.tag() == "h1") return;  // the headline is not body text (Readability does not score h1)
        const auto it = m_own.find(block);
        if (it == m_own.end() || it->second.length < static_cast<double>(m_page.opts.min_paragraph_chars)) return;
        const OwnText own = it->second;
        m_own.erase(it);
        ++m_out.stats[block].paragraphs;
        const double points =
            1.0 + static_cast<double>(own.commas) + std::min(own.length / k_chars_per_point, k_max_length_points);
        html::Node target = listed(block.tag(), k_paragraph_tags) ? block.parent() : block;
        for (std::size_t level = 0; level < k_score_levels && target.is_element(); ++level) {
            if (target.tag() == "html") break;
            const double divider = level == 0 ? 1.0 : level == 1 ? 2.0 : static_cast<double>(level) * 3.0;
            auto [slot, fresh] = m_raw.try_emplace(target, 0.0);
            if (fresh) slot->second = initial_score(target, m_page.boilerplate);
            slot->second += points / divider;
            if (target == m_scope) break;
            target = target.parent();
        }
    }

    html::Node m_scope;
    const Page& m_page;
    Strictness m_strictness;
    Analysis& m_out;
    const std::function<bool(html::Node)>& m_protect;
    std::vector<html::Node> m_holders;  // open block-level elements, innermost last
    std::unordered_map<html::Node, OwnText> m_own;
    std::unordered_map<html::Node, double> m_raw;
    int m_in_link = 0;
};

}  // namespace

void analyze(html::Node scope, const Page& page, Strictness strictness, Analysis& out,
             const std::function<bool(html::Node)>& protect) {
    Walker(scope, page, strictness, out, protect).run();
}

}  // namespace dossier::extract::detail
