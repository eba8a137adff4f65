// Node: read-only accessors over Gumbo's tree, and the iterative walk every traversal uses
// (the tree can be hundreds of levels deep, so nothing here recurses).
#include <string>

#include "dossier/core/strings.hpp"
#include "node_access.hpp"

namespace dossier::html {

using detail::NodeAccess;

namespace {

const GumboNode* raw(Node n) { return NodeAccess::raw(n); }

bool is_ws(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

/// The tag name as written for tags Gumbo does not know (custom elements): the original
/// "<my-tag ...>" text minus '<' and everything from the first space, '/' or '>'.
std::string_view unknown_tag_name(const GumboElement& e) {
    std::string_view s(e.original_tag.data, e.original_tag.length);
    if (!s.empty() && s.front() == '<') s.remove_prefix(1);
    if (!s.empty() && s.front() == '/') s.remove_prefix(1);
    std::size_t end = 0;
    while (end < s.size() && !is_ws(s[end]) && s[end] != '/' && s[end] != '>') ++end;
    return s.substr(0, end);
}

}  // namespace

bool Node::is_element() const {
    const GumboNode* g = raw(*this);
    return g != nullptr && (g->type == GUMBO_NODE_ELEMENT || g->type == GUMBO_NODE_TEMPLATE);
}

bool Node::is_text() const {
    const GumboNode* g = raw(*this);
    return g != nullptr &&
           (g->type == GUMBO_NODE_TEXT || g->type == GUMBO_NODE_CDATA || g->type == GUMBO_NODE_WHITESPACE);
}

bool Node::is_comment() const {
    const GumboNode* g = raw(*this);
    return g != nullptr && g->type == GUMBO_NODE_COMMENT;
}

bool Node::is_document() const {
    const GumboNode* g = raw(*this);
    return g != nullptr && g->type == GUMBO_NODE_DOCUMENT;
}

std::string_view Node::tag() const {
    if (!is_element()) return {};
    const GumboElement& e = raw(*this)->v.element;
    if (e.tag == GUMBO_TAG_UNKNOWN) return unknown_tag_name(e);
    return gumbo_normalized_tagname(e.tag);
}

std::optional<std::string_view> Node::attr(std::string_view name) const {
    if (!is_element()) return std::nullopt;
    const GumboVector& attrs = raw(*this)->v.element.attributes;
    for (unsigned i = 0; i < attrs.length; ++i) {
        const auto* a = static_cast<const GumboAttribute*>(attrs.data[i]);
        if (core::iequals(a->name, name)) return std::string_view(a->value);
    }
    return std::nullopt;
}

bool Node::has_class(std::string_view name) const {
    const auto cls = attr("class");
    if (!cls || name.empty()) return false;
    std::string_view s = *cls;
    std::size_t i = 0;
    while (i < s.size()) {
        while (i < s.size() && is_ws(s[i])) ++i;
        std::size_t end = i;
        while (end < s.size() && !is_ws(s[end])) ++end;
        if (s.substr(i, end - i) == name) return true;
        i = end;
    }
    return false;
}

std::string_view Node::text() const {
    const GumboNode* g = raw(*this);
    if (g == nullptr || !(is_text() || is_comment())) return {};
    return g->v.text.text;
}

Node Node::parent() const {
    const GumboNode* g = raw(*this);
    return g == nullptr ? Node() : Node(g->parent);
}

std::size_t Node::child_count() const {
    const GumboVector* v = detail::children_of(raw(*this));
    return v == nullptr ? 0 : v->length;
}

Node Node::child(std::size_t index) const {
    const GumboVector* v = detail::children_of(raw(*this));
    if (v == nullptr || index >= v->length) return {};
    return Node(v->data[index]);
}

std::vector<Node> Node::children() const {
    std::vector<Node> out;
    const std::size_t n = child_count();
    out.reserve(n);
    for (std::size_t i = 0; i < n; ++i) out.push_back(child(i));
    return out;
}

Node Node::next_sibling() const {
    const GumboNode* g = raw(*this);
    if (g == nullptr || g->parent == nullptr) return {};
    return Node::parent().child(g->index_within_parent + 1);
}

Node Node::previous_sibling() const {
    const GumboNode* g = raw(*this);
    if (g == nullptr || g->parent == nullptr || g->index_within_parent == 0) return {};
    return Node::parent().child(g->index_within_parent - 1);
}

Node next_in_tree(Node n, Node scope, bool skip_children) {
    if (!n) return {};
    if (!skip_children && n.child_count() > 0) return n.child(0);
    while (n && n != scope) {
        if (Node sib = n.next_sibling()) return sib;
        n = n.parent();
    }
    return {};
}

void walk(Node scope, const std::function<bool(Node)>& enter, const std::function<void(Node)>& leave) {
    if (!scope) return;
    Node n = scope;
    bool descend = enter(n);
    for (;;) {
        if (descend && n.child_count() > 0) {
            n = n.child(0);
            descend = enter(n);
            continue;
        }
        // n is finished: leave it and its finished ancestors until one has a next sibling.
        for (;;) {
            if (leave) leave(n);
            if (n == scope) return;
            if (Node sib = n.next_sibling()) {
                n = sib;
                descend = enter(n);
                break;
            }
            n = n.parent();
        }
    }
}

bool is_hidden(Node element) {
    if (!element.is_element()) return false;
    if (element.attr("hidden")) return true;
    const auto style = element.attr("style");
    if (!style) return false;
    std::string compact;
    compact.reserve(style->size());
    for (char c : *style)
        if (!is_ws(c)) compact.push_back(c);
    compact = core::to_lower_ascii(compact);
    return compact.find("display:none") != std::string::npos || compact.find("visibility:hidden") != std::string::npos;
}

}  // namespace dossier::html
