// Document: RAII ownership of Gumbo's output plus the guards that keep hostile input from
// costing unbounded time or memory (see markup_guard.cpp for why the guard precedes Gumbo).
#include "dossier/html/document.hpp"

#include <string>

#include "markup_guard.hpp"
#include "node_access.hpp"

namespace dossier::html {

using detail::NodeAccess;

struct Document::Impl {
    std::string source;  // Gumbo's nodes point into the buffer they were parsed from
    GumboOptions options = kGumboDefaultOptions;
    GumboOutput* output = nullptr;
    mutable std::optional<std::size_t> node_count;

    Impl() = default;
    Impl(const Impl&) = delete;
    Impl& operator=(const Impl&) = delete;
    ~Impl() {
        if (output != nullptr) gumbo_destroy_output(&options, output);
    }
};

Document::Document(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
Document::Document(Document&&) noexcept = default;
Document& Document::operator=(Document&&) noexcept = default;
Document::~Document() = default;

core::Result<Document> Document::parse(std::string_view utf8, const ParseOptions& opts) {
    if (utf8.size() > opts.max_bytes)
        return core::fail("html: input over " + std::to_string(opts.max_bytes) + " bytes");
    const detail::MarkupShape shape = detail::measure_markup(utf8, opts.max_depth, opts.max_elements);
    if (shape.max_depth > opts.max_depth)
        return core::fail("html: markup nested deeper than " + std::to_string(opts.max_depth) + " levels");
    if (shape.start_tags > opts.max_elements)
        return core::fail("html: more than " + std::to_string(opts.max_elements) + " elements");
    auto impl = std::make_unique<Impl>();
    impl->source = detail::with_safe_char_refs(utf8);
    impl->options.max_errors = opts.max_errors;
    impl->output = gumbo_parse_with_options(&impl->options, impl->source.data(), impl->source.size());
    if (impl->output == nullptr || impl->output->root == nullptr || impl->output->document == nullptr)
        return core::fail("html: the parser returned no document");
    return Document(std::move(impl));
}

Node Document::document() const { return NodeAccess::wrap(m_impl->output->document); }

Node Document::root() const { return NodeAccess::wrap(m_impl->output->root); }

namespace {
Node child_with_tag(Node parent, GumboTag tag) {
    for (std::size_t i = 0, n = parent.child_count(); i < n; ++i) {
        const GumboNode* g = NodeAccess::raw(parent.child(i));
        if (g->type == GUMBO_NODE_ELEMENT && g->v.element.tag == tag) return parent.child(i);
    }
    return {};
}
}  // namespace

Node Document::head() const { return child_with_tag(root(), GUMBO_TAG_HEAD); }

Node Document::body() const { return child_with_tag(root(), GUMBO_TAG_BODY); }

std::size_t Document::node_count() const {
    if (!m_impl->node_count) {
        std::size_t count = 0;
        const Node top = document();
        for (Node n = top; n; n = next_in_tree(n, top))
            if (n.is_element() || n.is_text()) ++count;
        m_impl->node_count = count;
    }
    return *m_impl->node_count;
}

}  // namespace dossier::html
