#pragma once
// Private to html/: the bridge between Node views and Gumbo's nodes.
#include <gumbo.h>

#include "dossier/html/document.hpp"

namespace dossier::html::detail {

struct NodeAccess {
    static const GumboNode* raw(Node n) { return static_cast<const GumboNode*>(n.m_node); }
    static Node wrap(const GumboNode* g) { return Node(g); }
};

/// The children vector of an element, template or document node; nullptr for the others.
inline const GumboVector* children_of(const GumboNode* g) {
    if (g == nullptr) return nullptr;
    switch (g->type) {
        case GUMBO_NODE_DOCUMENT:
            return &g->v.document.children;
        case GUMBO_NODE_ELEMENT:
        case GUMBO_NODE_TEMPLATE:
            return &g->v.element.children;
        default:
            return nullptr;
    }
}

}  // namespace dossier::html::detail
