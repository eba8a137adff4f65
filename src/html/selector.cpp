// Selector: a recursive-descent parser for the subset of CSS Selectors Level 4 (W3C) named in
// selector.hpp, and right-to-left matching. Matching returns "fails completely" as browsers do
// (WebKit's SelectorChecker), so a descendant chain is not retried up every ancestor: time
// stays proportional to depth x compounds even on deep trees.
#include "dossier/html/selector.hpp"

#include "dossier/core/strings.hpp"
#include "selector_ast.hpp"

namespace dossier::html {

using detail::AttrOp;
using detail::AttrTest;
using detail::Combinator;
using detail::Complex;
using detail::Compound;

struct Selector::Impl {
    std::string text;
    std::vector<Complex> groups;
};

namespace {

enum class Match { yes, fails_locally, fails_all_siblings, fails_completely };

Node parent_element(Node n) {
    Node p = n.parent();
    return p.is_element() ? p : Node();
}

Node previous_element(Node n) {
    for (Node s = n.previous_sibling(); s; s = s.previous_sibling())
        if (s.is_element()) return s;
    return {};
}

bool is_ws(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

/// [attr~=word]: `word` is one of the whitespace-separated words of `list`.
bool word_in(std::string_view list, std::string_view word) {
    if (word.empty()) return false;
    std::size_t i = 0;
    while (i < list.size()) {
        while (i < list.size() && is_ws(list[i])) ++i;
        std::size_t end = i;
        while (end < list.size() && !is_ws(list[end])) ++end;
        if (list.substr(i, end - i) == word) return true;
        i = end;
    }
    return false;
}

bool attr_matches(const AttrTest& t, Node n) {
    const auto v = n.attr(t.name);
    if (!v) return false;
    const std::string_view value = *v;
    switch (t.op) {
        case AttrOp::exists:
            return true;
        case AttrOp::equals:
            return value == t.value;
        case AttrOp::includes:
            return word_in(value, t.value);
        case AttrOp::prefix:
            return !t.value.empty() && value.substr(0, t.value.size()) == t.value;
        case AttrOp::suffix:
            return !t.value.empty() && value.size() >= t.value.size() &&
                   value.substr(value.size() - t.value.size()) == t.value;
        case AttrOp::substring:
            return !t.value.empty() && value.find(t.value) != std::string_view::npos;
    }
    return false;
}

bool compound_matches(const Compound& c, Node n) {
    if (!n.is_element()) return false;
    if (!c.tag.empty() && !core::iequals(n.tag(), c.tag)) return false;
    for (const std::string& id : c.ids)
        if (n.attr("id") != std::optional<std::string_view>(id)) return false;
    for (const std::string& cls : c.classes)
        if (!n.has_class(cls)) return false;
    for (const AttrTest& t : c.attrs)
        if (!attr_matches(t, n)) return false;
    for (const Compound& negated : c.negations)
        if (compound_matches(negated, n)) return false;
    return true;
}

/// Matches parts[0..k] of `cx` with parts[k] at `n`. Recursion depth is at most k.
Match match_complex(const Complex& cx, std::size_t k, Node n) {
    if (!compound_matches(cx.parts[k], n)) return Match::fails_locally;
    if (k == 0) return Match::yes;
    switch (cx.combinators[k - 1]) {
        case Combinator::child: {
            const Node p = parent_element(n);
            return p ? match_complex(cx, k - 1, p) : Match::fails_completely;
        }
        case Combinator::descendant:
            for (Node p = parent_element(n); p; p = parent_element(p)) {
                const Match m = match_complex(cx, k - 1, p);
                if (m == Match::yes || m == Match::fails_completely) return m;
            }
            return Match::fails_completely;
        case Combinator::next_sibling: {
            const Node s = previous_element(n);
            return s ? match_complex(cx, k - 1, s) : Match::fails_all_siblings;
        }
        case Combinator::subsequent_sibling:
            for (Node s = previous_element(n); s; s = previous_element(s)) {
                const Match m = match_complex(cx, k - 1, s);
                if (m != Match::fails_locally) return m;
            }
            return Match::fails_all_siblings;
    }
    return Match::fails_locally;
}

}  // namespace

core::Result<Selector> Selector::parse(std::string_view text) {
    auto groups = detail::parse_selector_list(text);
    if (!groups) return core::fail(std::move(groups).error().message);
    auto impl = std::make_shared<Impl>();
    impl->text.assign(text);
    impl->groups = std::move(*groups);
    return Selector(std::move(impl));
}

bool Selector::matches(Node element) const {
    if (!element.is_element()) return false;
    for (const Complex& cx : m_impl->groups)
        if (match_complex(cx, cx.parts.size() - 1, element) == Match::yes) return true;
    return false;
}

const std::string& Selector::text() const { return m_impl->text; }

std::vector<Node> select_all(Node scope, const Selector& selector) {
    std::vector<Node> out;
    for (Node n = next_in_tree(scope, scope); n; n = next_in_tree(n, scope))
        if (selector.matches(n)) out.push_back(n);
    return out;
}

Node select_first(Node scope, const Selector& selector) {
    for (Node n = next_in_tree(scope, scope); n; n = next_in_tree(n, scope))
        if (selector.matches(n)) return n;
    return {};
}

}  // namespace dossier::html
