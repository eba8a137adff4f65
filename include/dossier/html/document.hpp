#pragma once
// An HTML document parsed by Gumbo (WHATWG HTML parsing algorithm), read through Node views.
// Gumbo stays inside src/html/: this header names none of its types.
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dossier/core/result.hpp"

namespace dossier::html {

class Node;
namespace detail {
struct NodeAccess;  // src/html/: wraps and unwraps parser nodes
}

/// Guards applied before and during parsing. Every limit exists because the input is untrusted.
struct ParseOptions {
    /// Larger inputs are refused: real article pages are well under 4 MiB.
    std::size_t max_bytes = std::size_t{16} << 20;
    /// Refused when the markup nests deeper than this (estimated from the tags before parsing).
    /// Gumbo scans the stack of open elements for most start tags, so parsing time grows with
    /// elements x depth; real pages stay under ~100 levels.
    std::size_t max_depth = 1024;
    /// Refused when the markup has more start tags than this (estimated before parsing):
    /// bounds the parse tree's memory (a few hundred bytes per element).
    std::size_t max_elements = 1'000'000;
    /// Gumbo keeps at most this many parse errors. Each error copies the stack of open
    /// elements, so an unlimited count costs depth x errors memory on broken markup.
    int max_errors = 100;
};

/// How visible_text lays out its text.
struct TextOptions {
    /// false: every block boundary and <br> is one newline.
    /// true: blocks are separated by a blank line ("\n\n"); a single <br> is one newline and two or
    /// more <br> in a row make a paragraph break.
    bool paragraphs = false;
    /// When set, subtrees for which it returns true are left out (besides the invisible ones).
    std::function<bool(Node)> skip;
    /// true: <noscript> content and elements hidden by the `hidden` attribute or an inline
    /// display:none / visibility:hidden style are text too. Pages that build the article with
    /// script keep its only static copy there.
    bool reveal_hidden = false;
};

/// A view of one node of a Document: element, text (incl. CDATA and whitespace-only), comment
/// or the document node itself. Cheap to copy; valid while its Document lives. A default
/// constructed Node is null: every accessor then returns an empty value.
class Node {
public:
    Node() = default;

    bool is_element() const;  ///< elements, including <template>
    bool is_text() const;     ///< text, CDATA and whitespace-only text nodes
    bool is_comment() const;
    bool is_document() const;  ///< the document node above <html>

    /// The lower-case tag name ("div"); an unknown tag by its name as written; "" for non-elements.
    std::string_view tag() const;
    /// The value of attribute `name` (ASCII case-insensitive); nothing when absent or not an element.
    std::optional<std::string_view> attr(std::string_view name) const;
    /// True when the class attribute has `name` as one of its whitespace-separated words.
    bool has_class(std::string_view name) const;
    /// The character data of a text or comment node, entities decoded; "" for other nodes.
    std::string_view text() const;

    Node parent() const;                  ///< null for the document node
    std::size_t child_count() const;      ///< children of elements and of the document node
    Node child(std::size_t index) const;  ///< null when out of range
    std::vector<Node> children() const;
    Node next_sibling() const;      ///< null for the last child
    Node previous_sibling() const;  ///< null for the first child

    explicit operator bool() const { return m_node != nullptr; }
    bool operator==(const Node& other) const { return m_node == other.m_node; }
    bool operator!=(const Node& other) const { return m_node != other.m_node; }
    /// An identity usable as a hash or map key.
    const void* id() const { return m_node; }

    /// The text a reader sees in this subtree, UTF-8. Leaves out script, style, noscript,
    /// template, svg, math, head, iframe, object, embed, canvas, audio, video, select and
    /// textarea elements, elements with the `hidden` attribute and elements whose inline style
    /// says display:none or visibility:hidden. Block elements (p, div, h1-h6, li, tr,
    /// blockquote, pre, section, article, figure, figcaption, table, ...) and <br> separate
    /// lines; table cells are separated by a space; whitespace (incl. U+00A0 and U+3000) is
    /// collapsed to single spaces and trimmed at line ends, except inside <pre>.
    std::string visible_text() const;
    std::string visible_text(const TextOptions& options) const;

private:
    friend struct detail::NodeAccess;
    explicit Node(const void* raw) : m_node(raw) {}
    const void* m_node = nullptr;
};

/// The node after `n` in document order within `scope`'s subtree, or null when the subtree is
/// done. With `skip_children` the children of `n` are passed over. Iterative, O(1) memory:
/// `for (Node n = scope; n; n = next_in_tree(n, scope))` visits scope and all its descendants.
Node next_in_tree(Node n, Node scope, bool skip_children = false);

/// Visits `scope` and its descendants in document order without recursion. `enter(n)` is called
/// on the way down and returns whether to descend into n's children; `leave(n)`, when given, is
/// called for every entered node after its children (or right away when they were skipped).
void walk(Node scope, const std::function<bool(Node)>& enter, const std::function<void(Node)>& leave = {});

/// True when an element is invisible to a reader by its own markup: the `hidden` attribute, or
/// an inline style with display:none or visibility:hidden.
bool is_hidden(Node element);

/// A parsed HTML document. Move-only; owns the parse tree and a copy of the input. Nodes stay
/// valid across a move; a moved-from Document may only be destroyed or assigned to.
class Document {
public:
    /// Parses UTF-8 HTML (invalid bytes are read as U+FFFD). Fails with an "html: ..." message
    /// when the input is over opts.max_bytes, nests deeper than opts.max_depth, has more than
    /// opts.max_elements start tags, or the parser returns no tree.
    static core::Result<Document> parse(std::string_view utf8, const ParseOptions& opts = {});

    Document(Document&&) noexcept;
    Document& operator=(Document&&) noexcept;
    Document(const Document&) = delete;
    Document& operator=(const Document&) = delete;
    ~Document();

    Node document() const;  ///< the document node (parent of <html>)
    Node root() const;      ///< <html>; the parser always creates it
    Node head() const;      ///< <head>; the parser always creates it
    Node body() const;      ///< <body>, or null for a frameset document
    /// Elements plus text nodes in the tree (counted on first call).
    std::size_t node_count() const;

private:
    struct Impl;
    explicit Document(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

}  // namespace dossier::html

template <>
struct std::hash<dossier::html::Node> {
    std::size_t operator()(const dossier::html::Node& n) const noexcept { return std::hash<const void*>{}(n.id()); }
};
