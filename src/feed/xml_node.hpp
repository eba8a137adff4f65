#pragma once
// Read-only helpers over libxml2 nodes: names, namespaces, children, attributes, text with
// bounded entity expansion, and xml:base resolution. Private to the feed module.
#include <libxml/tree.h>

#include <string>
#include <string_view>
#include <vector>

namespace dossier::feed::detail {

// Namespace URIs the parsers look for.
inline constexpr std::string_view k_ns_atom = "http://www.w3.org/2005/Atom";            // RFC 4287
inline constexpr std::string_view k_ns_atom03 = "http://purl.org/atom/ns#";              // Atom 0.3
inline constexpr std::string_view k_ns_rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
inline constexpr std::string_view k_ns_dc = "http://purl.org/dc/elements/1.1/";
inline constexpr std::string_view k_ns_dcterms = "http://purl.org/dc/terms/";
inline constexpr std::string_view k_ns_content = "http://purl.org/rss/1.0/modules/content/";
inline constexpr std::string_view k_ns_xhtml = "http://www.w3.org/1999/xhtml";
inline constexpr std::string_view k_ns_news = "http://www.google.com/schemas/sitemap-news/0.9";
inline constexpr std::string_view k_ns_xml = "http://www.w3.org/XML/1998/namespace";

/// The local name of an element ("title" for <dc:title>).
std::string_view local_name(const xmlNode* node);
/// The namespace URI of an element; empty when it has none.
std::string_view ns_uri(const xmlNode* node);
/// True when `node` is an element named `local` in namespace `ns` (empty = no namespace).
bool is_element(const xmlNode* node, std::string_view local, std::string_view ns);
/// The first child element named `local` in `ns`, or null.
const xmlNode* child(const xmlNode* parent, std::string_view local, std::string_view ns);
/// All child elements named `local` in `ns`, in document order.
std::vector<const xmlNode*> children(const xmlNode* parent, std::string_view local, std::string_view ns);
/// All child elements, in document order.
std::vector<const xmlNode*> child_elements(const xmlNode* parent);

/// The text of `node` and its descendants. Internal entity references are expanded to at most
/// k_entity_budget bytes and 8 levels; external entities are never read.
std::string text(const xmlNode* node);
/// Trimmed text of the first child `local` in `ns`; empty when absent.
std::string child_text(const xmlNode* parent, std::string_view local, std::string_view ns);
/// The value of the attribute `name` without a namespace; empty when absent.
std::string attribute(const xmlNode* node, std::string_view name);
/// The value of the attribute `name` in namespace `ns` (rdf:about); empty when absent.
std::string attribute_ns(const xmlNode* node, std::string_view name, std::string_view ns);
/// The value of the first attribute whose name equals `name` ignoring ASCII case (OPML
/// exporters write xmlUrl, xmlurl and xmlURL); empty when absent.
std::string attribute_icase(const xmlNode* node, std::string_view name);
/// The markup of the children of `node` (for Atom type="xhtml" content).
std::string inner_xml(const xmlNode* node);

/// The base URI in effect at `node`: `document_url` resolved through every xml:base on the way
/// from the root down to `node` (XML Base section 4.2, RFC 3986 section 5.1).
std::string base_of(const xmlNode* node, std::string_view document_url);

inline constexpr std::size_t k_entity_budget = std::size_t{64} << 10;

}  // namespace dossier::feed::detail
