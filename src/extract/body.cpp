// Body text: the hinted container(s), else the best-scoring container and its qualifying
// siblings (Readability's top candidate and sibling joining), then cleaned of link lists,
// share bars and the repeated headline, and written as paragraphs separated by blank lines.
#include <algorithm>
#include <functional>

#include "body_analysis.hpp"
#include "dossier/core/strings.hpp"
#include "dossier/html/selector.hpp"
#include "dossier/text/unicode.hpp"
#include "fields.hpp"
#include "text_measure.hpp"

namespace dossier::extract::detail {

namespace {

/// Readability's sibling rules for <p> siblings without a score of their own.
constexpr double k_sibling_min_score = 10.0;
constexpr double k_long_sibling_chars = 80.0;
constexpr double k_long_sibling_link_density = 0.25;

bool is_heading(std::string_view t) { return t.size() == 2 && t[0] == 'h' && t[1] >= '1' && t[1] <= '6'; }

class BodyWriter {
public:
    BodyWriter(const Page& page, const Analysis& analysis, std::vector<html::Selector> removes, bool reveal = false)
        : m_reveal(reveal),
          m_page(page),
          m_analysis(analysis),
          m_removes(std::move(removes)),
          m_headline(core::to_lower_ascii(page.headline)) {}

    std::string write(const std::vector<html::Node>& roots) const {
        html::TextOptions opts;
        opts.paragraphs = true;
        opts.reveal_hidden = m_reveal;
        opts.skip = [this](html::Node n) { return skip(n); };
        std::string out;
        for (html::Node r : roots) {
            m_root = r;  // the chosen containers themselves are never cleaned away
            std::string part = r.visible_text(opts);
            if (part.empty()) continue;
            if (!out.empty()) out += "\n\n";
            out += part;
        }
        return drop_invisible(text::strip_private_use(out));
    }

private:
    bool skip(html::Node n) const {
        if (n == m_root) return false;
        if (m_analysis.furniture.count(n) > 0) return true;
        for (const html::Selector& s : m_removes)
            if (s.matches(n)) return true;
        const std::string_view tag = n.tag();
        if (is_heading(tag)) return repeats_headline(n) || class_weight(n, &m_page.boilerplate) < 0;
        if (tag == "div" || tag == "section" || tag == "ul" || tag == "ol" || tag == "table" || tag == "dl" ||
            tag == "header" || tag == "aside" || tag == "center")
            return is_link_list(n);
        if (tag == "p") return is_story_link(n);
        return false;
    }

    /// A paragraph that is nothing but a link to another story ("Read more: <headline>").
    /// Paragraphs with some links in their prose stay, as in Readability, and so does a short
    /// link ("<p><a>download</a></p>"), which is part of the text.
    bool is_story_link(html::Node p) const {
        const auto it = m_analysis.stats.find(p);
        if (it == m_analysis.stats.end()) return false;
        const Stats& s = it->second;
        return s.text >= static_cast<double>(m_page.opts.min_story_link_chars) &&
               s.link_density() >= m_page.opts.story_link_density;
    }

    bool repeats_headline(html::Node h) const {
        if (m_headline.empty()) return false;
        const std::string text = core::to_lower_ascii(collapse_ws(h.visible_text()));
        if (text.empty()) return false;
        return text == m_headline || (h.tag() == "h1" && (m_headline.find(text) != std::string::npos ||
                                                          text.find(m_headline) != std::string::npos));
    }

    /// Readability's _cleanConditionally, reduced to its link-density tests.
    bool is_link_list(html::Node n) const {
        const auto it = m_analysis.stats.find(n);
        if (it == m_analysis.stats.end()) return false;
        const Stats& s = it->second;
        const Options& o = m_page.opts;
        if (s.text <= 0 || s.commas >= o.min_commas_for_prose) return false;
        if (class_weight(n, &m_page.boilerplate) < 0) return true;
        const double ld = s.link_density();
        if (s.text < static_cast<double>(o.short_block_chars) && ld > o.max_short_block_link_density) return true;
        return ld > o.max_link_density;
    }

    bool m_reveal;
    const Page& m_page;
    const Analysis& m_analysis;
    std::vector<html::Selector> m_removes;
    std::string m_headline;
    mutable html::Node m_root;
};

double score_of(const Analysis& a, html::Node n) {
    const auto it = a.scores.find(n);
    return it == a.scores.end() ? 0.0 : it->second;
}

std::size_t element_children(html::Node n) {
    std::size_t count = 0;
    for (html::Node c = n.child(0); c; c = c.next_sibling())
        if (c.is_element()) ++count;
    return count;
}

/// The nearest <article> element around `n` (itself included), or null.
html::Node enclosing_article(html::Node n) {
    for (html::Node p = n; p.is_element(); p = p.parent())
        if (p.tag() == "article") return p;
    return {};
}

/// Readability: when several of the best candidates score close to the best one, the article
/// is split across them (sections of a long document): the nearest ancestor holding
/// opts.min_peer_candidates of them is the container. `ranked` is sorted best first.
html::Node common_ancestor_of_peers(const std::vector<std::pair<double, html::Node>>& ranked, const Options& opts) {
    const html::Node top = ranked.front().second;
    std::vector<html::Node> peers;
    const html::Node article = enclosing_article(top);
    for (const auto& [score, node] : ranked)  // another <article> holds another story
        if (score >= ranked.front().first * opts.peer_candidate_ratio && enclosing_article(node) == article)
            peers.push_back(node);
    if (peers.size() < opts.min_peer_candidates) return top;
    for (html::Node p = top.parent(); p.is_element() && p.tag() != "body" && p.tag() != "html"; p = p.parent()) {
        std::size_t inside = 0;
        for (html::Node peer : peers)
            for (html::Node q = peer; q; q = q.parent())
                if (q == p) {
                    ++inside;
                    break;
                }
        if (inside >= opts.min_peer_candidates) return p;
    }
    return top;
}

/// Readability: a parent whose score beats the candidate's is the better container.
html::Node promote(const Analysis& a, html::Node top) {
    const double threshold = score_of(a, top) / 3.0;
    double last = score_of(a, top);
    for (html::Node p = top.parent(); p.is_element() && p.tag() != "body" && p.tag() != "html"; p = p.parent()) {
        if (a.scores.count(p) == 0) continue;
        const double s = score_of(a, p);
        if (s < threshold) break;
        if (s > last) return p;
        last = s;
    }
    // An only child hides its siblings from sibling joining: use the parent.
    while (top.parent().is_element() && top.parent().tag() != "body" && element_children(top.parent()) == 1)
        top = top.parent();
    return top;
}

bool sentence_like(const std::string& text) {
    return text.find(". ") != std::string::npos || (!text.empty() && text.back() == '.') ||
           text.find("。") != std::string::npos;
}

/// The top candidate and those of its siblings that belong to the article.
std::vector<html::Node> join_siblings(const Analysis& a, html::Node top, const Options& opts) {
    const double top_score = score_of(a, top);
    const double threshold = std::max(k_sibling_min_score, top_score * opts.sibling_score_ratio);
    const html::Node parent = top.parent();
    if (!parent.is_element() || top.tag() == "body") return {top};
    std::vector<html::Node> out;
    const auto top_class = top.attr("class");
    for (html::Node s = parent.child(0); s; s = s.next_sibling()) {
        if (s == top) {
            out.push_back(s);
            continue;
        }
        if (!s.is_element() || a.furniture.count(s) > 0) continue;
        // A sibling <article> is a self-contained composition: another story (endless pages,
        // "next article" blocks), never the rest of this one.
        if (s.tag() == "article" && top.tag() == "article") continue;
        const double bonus = (top_class && !top_class->empty() && s.attr("class") == top_class) ? top_score * 0.2 : 0;
        if (a.scores.count(s) > 0 && score_of(a, s) + bonus >= threshold) {
            out.push_back(s);
        } else if (s.tag() == "p") {
            const auto it = a.stats.find(s);
            if (it == a.stats.end()) continue;
            const double len = it->second.text;
            const double ld = it->second.link_density();
            if ((len > k_long_sibling_chars && ld < k_long_sibling_link_density) ||
                (len > 0 && len <= k_long_sibling_chars && ld == 0 && sentence_like(collapse_ws(s.visible_text()))))
                out.push_back(s);
        }
    }
    return out;
}

std::string_view first_class(html::Node n) {
    const auto cls = n.attr("class");
    if (!cls) return {};
    const std::string_view t = core::trim(*cls);
    return t.substr(0, t.find_first_of(" \t\n\r"));
}

bool inside_any(html::Node n, const std::vector<html::Node>& roots) {
    for (html::Node p = n; p.is_element(); p = p.parent())
        if (std::find(roots.begin(), roots.end(), p) != roots.end()) return true;
    return false;
}

/// The chosen containers plus, in document order, the article's continuation blocks elsewhere
/// on the page: elements of the same tag and first class as the best candidate ("story-body",
/// "post__content") that score as prose. CMSs repeat the container class around pull quotes,
/// ads and embeds, which breaks the article into non-sibling pieces. Blocks in another
/// <article> (the next story of an endless page) are not taken.
std::vector<html::Node> add_continuations(const Analysis& a, html::Node scope, html::Node top,
                                          std::vector<html::Node> roots, const Options& opts) {
    const std::string_view cls = first_class(top);
    if (cls.empty()) return roots;
    const html::Node article = enclosing_article(top);
    const double need = score_of(a, top) * opts.continuation_score_ratio;
    std::vector<html::Node> out;
    for (html::Node n = scope; n;) {
        const bool chosen = std::find(roots.begin(), roots.end(), n) != roots.end();
        const bool extra = !chosen && n.is_element() && n.tag() == top.tag() && first_class(n) == cls &&
                           a.furniture.count(n) == 0 && score_of(a, n) >= need && !inside_any(n, roots) &&
                           enclosing_article(n) == article;
        bool holds_root = false;
        if (extra)  // a wrapper around a chosen container is not a continuation of it
            for (html::Node r : roots) holds_root = holds_root || (r != n && inside_any(r, {n}));
        const bool take = chosen || (extra && !holds_root);
        if (take) out.push_back(n);
        n = html::next_in_tree(n, scope, take || a.furniture.count(n) > 0);
    }
    return out;
}

std::vector<html::Selector> parse_removes(const Page& page) {
    std::vector<html::Selector> out;
    for (const std::string& r : page.hints.remove) {
        auto s = html::Selector::parse(r);
        if (s)
            out.push_back(std::move(*s));
        else
            page.warnings.push_back("extract: hint remove: " + s.error().message);
    }
    return out;
}

/// A page too small to have scored blocks (a note, a test page) is its whole <body>, unless
/// that is mostly links (a menu or a listing is not an article).
std::string tiny_page_body(const Page& page, const std::vector<html::Selector>& removes) {
    const html::Node scope = page.doc.body() ? page.doc.body() : page.doc.root();
    Analysis a;
    analyze(scope, page, Strictness::with_names, a);
    const auto it = a.stats.find(scope);
    if (it == a.stats.end() || it->second.text <= 0) return {};
    const Stats& st = it->second;
    if (st.text > static_cast<double>(page.opts.tiny_page_chars) || st.link_density() > page.opts.max_link_density)
        return {};
    return BodyWriter(page, a, removes).write({scope});
}

/// The heuristic body for one strictness: best candidate, promoted, with its siblings.
std::string scored_body(const Page& page, Strictness strictness, const std::vector<html::Selector>& removes) {
    const html::Node scope = page.doc.body() ? page.doc.body() : page.doc.root();
    // A first pass without names measures the prose (non-link text) under every element: a
    // class like "with-sidebar-layout" must not remove the element that holds most of it.
    Analysis plain;
    analyze(scope, page, reveals(strictness) ? Strictness::revealed_tags : Strictness::tags_only, plain);
    const auto prose = [&plain](html::Node n) {
        const auto it = plain.stats.find(n);
        return it == plain.stats.end() ? 0.0 : it->second.text - it->second.links;
    };
    const double protect_from = prose(scope) * page.opts.protect_prose_share;
    Analysis a;
    if (!uses_names(strictness))
        a = std::move(plain);
    else
        // Lists are not protected: an article is not a <ul>, a 50-caption photo gallery is.
        analyze(scope, page, strictness, a, [&](html::Node n) {
            return protect_from > 0 && prose(n) >= protect_from && n.tag() != "ul" && n.tag() != "ol";
        });
    std::vector<std::pair<double, html::Node>> ranked;
    for (const auto& [node, score] : a.scores) {
        // A container that is mostly links is a link list, however well it scores.
        const auto st = a.stats.find(node);
        if (st != a.stats.end() && st->second.link_density() > page.opts.max_link_density) continue;
        if (score > 0) ranked.emplace_back(score, node);
    }
    if (ranked.empty()) return {};
    const std::size_t keep = std::min(ranked.size(), page.opts.top_candidates);
    std::partial_sort(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(keep), ranked.end(),
                      [](const auto& x, const auto& y) {
                          if (x.first != y.first) return x.first > y.first;
                          return std::less<const void*>{}(x.second.id(), y.second.id());  // stable across runs
                      });
    ranked.resize(keep);
    const html::Node top = common_ancestor_of_peers(ranked, page.opts);
    return BodyWriter(page, a, removes, reveals(strictness))
        .write(add_continuations(a, scope, top, join_siblings(a, promote(a, top), page.opts), page.opts));
}

std::optional<std::string> hinted_body(const Page& page, const std::vector<html::Selector>& removes) {
    if (core::trim(page.hints.body).empty()) return std::nullopt;
    auto sel = html::Selector::parse(page.hints.body);
    if (!sel) {
        page.warnings.push_back("extract: hint body: " + sel.error().message);
        return std::nullopt;
    }
    std::vector<html::Node> roots;
    for (html::Node n : html::select_all(page.doc.document(), *sel)) {
        bool nested = false;
        for (html::Node p = n.parent(); p && !nested; p = p.parent())
            nested = std::find(roots.begin(), roots.end(), p) != roots.end();
        if (!nested) roots.push_back(n);
    }
    if (roots.empty()) {
        page.warnings.push_back("extract: hint body \"" + page.hints.body + "\" matched nothing");
        return std::nullopt;
    }
    Analysis a;
    for (html::Node r : roots) analyze(r, page, Strictness::with_names, a);
    std::string text = BodyWriter(page, a, removes).write(roots);
    if (text.empty()) return std::nullopt;
    return text;
}

/// The page says it is an article: og:type article, an article date meta, or JSON-LD.
bool looks_like_article(const Page& page) {
    const auto type = page.meta("og:type");
    return (type && core::iequals(*type, "article")) || page.meta("article:published_time") ||
           !page.ld.headline.empty() || !page.ld.date_published.empty();
}

}  // namespace

std::optional<Field<std::string>> find_body(const Page& page) {
    const auto removes = parse_removes(page);
    if (auto text = hinted_body(page, removes)) return Field<std::string>{std::move(*text), "hint"};
    const std::size_t weight = page.opts.cjk_char_weight;
    std::string text = scored_body(page, Strictness::with_names, removes);
    std::string method = "score";
    if (weighted_length(text, weight) < page.opts.retry_below_chars) {
        // Class/id names sometimes hide the article itself ("page-with-sidebar"): retry without them.
        std::string loose = scored_body(page, Strictness::tags_only, removes);
        if (weighted_length(loose, weight) > weighted_length(text, weight)) {
            text = std::move(loose);
            method = "score:tags-only";
        }
    }
    if (weighted_length(text, weight) < page.opts.retry_below_chars) {
        // Script-built pages keep the article's only static copy in <noscript> or in a wrapper
        // that script unhides (display:none): last resort, as such places also hold notices.
        std::string hidden = scored_body(page, Strictness::revealed, removes);
        if (static_cast<double>(weighted_length(hidden, weight)) >
            static_cast<double>(weighted_length(text, weight)) * page.opts.reveal_gain) {
            text = std::move(hidden);
            method = "score:revealed";
        }
    }
    if (weighted_length(text, weight) >= page.opts.min_body_chars) return Field<std::string>{std::move(text), method};
    // An article page whose body is loaded by script still describes itself in its metadata.
    if (looks_like_article(page))
        for (std::string_view key : {"og:description", "description", "twitter:description"})
            if (auto d = page.meta(key); d && weighted_length(*d, weight) >= page.opts.min_body_chars) {
                page.warnings.push_back("extract: article body not in the page; using its " + std::string(key));
                return Field<std::string>{text::strip_private_use(*d), "meta:" + std::string(key)};
            }
    if (std::string tiny = tiny_page_body(page, removes); !tiny.empty())
        return Field<std::string>{std::move(tiny), "page:tiny"};
    return std::nullopt;
}

}  // namespace dossier::extract::detail
