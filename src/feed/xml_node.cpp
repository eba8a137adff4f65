// Node helpers. Text is gathered by hand rather than with xmlNodeGetContent because the latter
// expands entity references without any bound.
#include "xml_node.hpp"

#include <libxml/entities.h>

#include "dossier/core/strings.hpp"
#include "dossier/core/url.hpp"

namespace dossier::feed::detail {

namespace {

std::string_view view(const xmlChar* s) {
    return s == nullptr ? std::string_view{} : std::string_view(reinterpret_cast<const char*>(s));
}

constexpr int k_max_entity_depth = 8;
constexpr int k_max_element_depth = 512;  // above libxml2's own 256

struct TextWalk {
    std::string out;
    std::size_t entity_bytes = 0;  // bytes appended from inside entity expansions

    void append(std::string_view s, int entity_depth) {
        if (entity_depth > 0) {
            if (entity_bytes >= k_entity_budget) return;
            if (s.size() > k_entity_budget - entity_bytes) s = s.substr(0, k_entity_budget - entity_bytes);
            entity_bytes += s.size();
        }
        out.append(s);
    }

    void walk(const xmlNode* first, int entity_depth, int element_depth) {
        if (element_depth > k_max_element_depth) return;
        for (const xmlNode* n = first; n != nullptr; n = n->next) {
            switch (n->type) {
            case XML_TEXT_NODE:
            case XML_CDATA_SECTION_NODE:
                append(view(n->content), entity_depth);
                break;
            case XML_ELEMENT_NODE:
                walk(n->children, entity_depth, element_depth + 1);
                break;
            case XML_ENTITY_REF_NODE:
                reference(n, entity_depth, element_depth);
                break;
            default:
                break;  // comments, processing instructions
            }
        }
    }

    /// An entity reference node points at its declaration through `children` (tree.h).
    void reference(const xmlNode* ref, int entity_depth, int element_depth) {
        const auto* entity = reinterpret_cast<const xmlEntity*>(ref->children);
        if (entity == nullptr || entity->type != XML_ENTITY_DECL) return;
        if (entity->etype != XML_INTERNAL_GENERAL_ENTITY) return;  // external: never read (XXE)
        if (entity_depth >= k_max_entity_depth || entity_bytes >= k_entity_budget) return;
        if (entity->children != nullptr)
            walk(entity->children, entity_depth + 1, element_depth + 1);
        else
            append(view(entity->content), entity_depth + 1);
    }
};

}  // namespace

std::string_view local_name(const xmlNode* node) { return node == nullptr ? std::string_view{} : view(node->name); }

std::string_view ns_uri(const xmlNode* node) {
    return node == nullptr || node->ns == nullptr ? std::string_view{} : view(node->ns->href);
}

bool is_element(const xmlNode* node, std::string_view local, std::string_view ns) {
    return node != nullptr && node->type == XML_ELEMENT_NODE && local_name(node) == local && ns_uri(node) == ns;
}

const xmlNode* child(const xmlNode* parent, std::string_view local, std::string_view ns) {
    if (parent == nullptr) return nullptr;
    for (const xmlNode* n = parent->children; n != nullptr; n = n->next)
        if (is_element(n, local, ns)) return n;
    return nullptr;
}

std::vector<const xmlNode*> children(const xmlNode* parent, std::string_view local, std::string_view ns) {
    std::vector<const xmlNode*> out;
    if (parent == nullptr) return out;
    for (const xmlNode* n = parent->children; n != nullptr; n = n->next)
        if (is_element(n, local, ns)) out.push_back(n);
    return out;
}

std::vector<const xmlNode*> child_elements(const xmlNode* parent) {
    std::vector<const xmlNode*> out;
    if (parent == nullptr) return out;
    for (const xmlNode* n = parent->children; n != nullptr; n = n->next)
        if (n->type == XML_ELEMENT_NODE) out.push_back(n);
    return out;
}

std::string text(const xmlNode* node) {
    if (node == nullptr) return {};
    TextWalk walk;
    walk.walk(node->children, 0, 0);
    return std::move(walk.out);
}

std::string child_text(const xmlNode* parent, std::string_view local, std::string_view ns) {
    const std::string t = text(child(parent, local, ns));
    const auto first = t.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) return {};
    return t.substr(first, t.find_last_not_of(" \t\r\n") - first + 1);
}

namespace {

/// The attribute node `name` in namespace `ns` (empty = none), or null.
const xmlAttr* find_attribute(const xmlNode* node, std::string_view name, std::string_view ns) {
    if (node == nullptr || node->type != XML_ELEMENT_NODE) return nullptr;
    for (const xmlAttr* a = node->properties; a != nullptr; a = a->next) {
        const std::string_view a_ns = a->ns == nullptr ? std::string_view{} : view(a->ns->href);
        if (view(a->name) == name && a_ns == ns) return a;
    }
    return nullptr;
}

std::string attribute_value(const xmlAttr* a) {
    if (a == nullptr) return {};
    TextWalk walk;
    walk.walk(a->children, 0, 0);
    return std::move(walk.out);
}

}  // namespace

std::string attribute(const xmlNode* node, std::string_view name) {
    return attribute_value(find_attribute(node, name, {}));
}

std::string attribute_ns(const xmlNode* node, std::string_view name, std::string_view ns) {
    return attribute_value(find_attribute(node, name, ns));
}

std::string attribute_icase(const xmlNode* node, std::string_view name) {
    if (node == nullptr || node->type != XML_ELEMENT_NODE) return {};
    for (const xmlAttr* a = node->properties; a != nullptr; a = a->next)
        if (a->ns == nullptr && core::iequals(view(a->name), name)) return attribute_value(a);
    return {};
}

std::string inner_xml(const xmlNode* node) {
    if (node == nullptr) return {};
    xmlBuffer* buffer = xmlBufferCreate();
    if (buffer == nullptr) return {};
    for (xmlNode* n = node->children; n != nullptr; n = n->next) xmlNodeDump(buffer, node->doc, n, 0, 0);
    std::string out(reinterpret_cast<const char*>(xmlBufferContent(buffer)),
                    static_cast<std::size_t>(xmlBufferLength(buffer)));
    xmlBufferFree(buffer);
    return out;
}

std::string base_of(const xmlNode* node, std::string_view document_url) {
    std::vector<std::string> bases;  // innermost first
    for (const xmlNode* n = node; n != nullptr && n->type == XML_ELEMENT_NODE; n = n->parent) {
        const xmlAttr* a = find_attribute(n, "base", k_ns_xml);
        if (a != nullptr) bases.push_back(attribute_value(a));
    }
    std::string base(document_url);
    for (auto it = bases.rbegin(); it != bases.rend(); ++it) base = core::resolve_url(base, *it);
    return base;
}

}  // namespace dossier::feed::detail
