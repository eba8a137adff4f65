#pragma once
// XmlDocument: a libxml2 tree parsed with the settings docs/feeds.md describes (recovery on,
// network off, no entity substitution, no DTD loading), plus the errors libxml2 reported.
#include <libxml/tree.h>

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "dossier/core/result.hpp"
#include "dossier/feed/feed.hpp"
#include "sniff.hpp"

namespace dossier::feed::detail {

/// One error libxml2 reported while parsing.
struct XmlError {
    int line = 0;
    std::string message;  ///< libxml2's text without its trailing newline
};

/// Where a parse may stop: once more than `max` elements named `local_name` (any namespace)
/// have been read, the rest of the document is not parsed, so its tree is never built.
struct ItemLimit {
    std::string_view local_name;
    std::size_t max = 0;
};

class XmlDocument {
public:
    /// Prepares `bytes` (see xml_input.hpp) and parses them; repair notes go to `warnings`.
    /// With a `limit`, parsing stops right after the element that passes it (stopped_at_limit()).
    /// Fails ("feed: XML error at line L: ...") only when libxml2 produced no root element.
    static core::Result<XmlDocument> parse(std::string_view bytes, const Prolog& prolog,
                                           std::vector<std::string>& warnings, const ItemLimit* limit = nullptr);

    /// True when the parse stopped at the ItemLimit: the tree ends after that element.
    bool stopped_at_limit() const { return m_stopped; }

    /// The root element (never null for a parsed document).
    const xmlNode* root() const { return xmlDocGetRootElement(m_doc.get()); }
    /// Errors reported by libxml2 (the first k_kept_errors of them) and their total count.
    const std::vector<XmlError>& errors() const { return m_errors; }
    std::size_t error_count() const { return m_error_count; }
    /// "feed: XML error at line L: message" for the first error; empty when there was none.
    std::string first_error_text() const;
    /// Adds "feed: XML error at line L: ... (recovered, N errors)" to `warnings` when there were errors.
    void warn_recovered(std::vector<std::string>& warnings) const;

    static constexpr std::size_t k_kept_errors = 5;

private:
    struct DocFree {
        void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
    };
    std::unique_ptr<xmlDoc, DocFree> m_doc;
    std::vector<XmlError> m_errors;
    std::size_t m_error_count = 0;
    bool m_stopped = false;

    friend struct ErrorSink;
};

}  // namespace dossier::feed::detail
