// libxml2 set up for untrusted input. XML_PARSE_NONET forbids network access; entity
// substitution (XML_PARSE_NOENT) and DTD loading (XML_PARSE_DTDLOAD) stay off, so an external
// entity is never read (no XXE) and internal ones stay references in the tree (xml_node.cpp
// expands them under a budget). libxml2 2.9's own entity checks stop billion-laughs documents
// ("Detected an entity reference loop"); XML_PARSE_HUGE stays off, so its depth (256) and text
// node (10 MB) limits hold. XML_PARSE_RECOVER keeps what precedes damage in broken feeds.
#include "xml_document.hpp"

#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#include <climits>
#include <mutex>

#include "dossier/core/strings.hpp"
#include "xml_input.hpp"

namespace dossier::feed::detail {

namespace {

constexpr int k_parse_options = XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                                XML_PARSE_NOCDATA;

/// Generic (unstructured) libxml2 messages, such as iconv's "encoding error", would go to
/// stderr; they repeat what the structured handler already records.
void silent_generic_error(void* /*ctx*/, const char* /*msg*/, ...) {}

/// External entities and DTDs are never loaded, whatever a document asks for.
xmlParserInputPtr refuse_entity(void* /*ctx*/, const xmlChar* /*public_id*/, const xmlChar* /*system_id*/) {
    return nullptr;
}
void ignore_external_subset(void* /*ctx*/, const xmlChar* /*name*/, const xmlChar* /*external_id*/,
                            const xmlChar* /*system_id*/) {}

/// Restores the thread's generic error handler when a parse ends.
class GenericErrorGuard {
public:
    GenericErrorGuard() : m_func(xmlGenericError), m_ctx(xmlGenericErrorContext) {
        xmlSetGenericErrorFunc(nullptr, silent_generic_error);
    }
    ~GenericErrorGuard() { xmlSetGenericErrorFunc(m_ctx, m_func); }
    GenericErrorGuard(const GenericErrorGuard&) = delete;
    GenericErrorGuard& operator=(const GenericErrorGuard&) = delete;

private:
    xmlGenericErrorFunc m_func;
    void* m_ctx;
};

struct CtxtFree {
    void operator()(xmlParserCtxt* ctxt) const { xmlFreeParserCtxt(ctxt); }
};

std::string format_error(const XmlError& e) {
    return "feed: XML error at line " + std::to_string(e.line) + ": " + e.message;
}

}  // namespace

/// Receives libxml2's structured errors for one parse (through the context's _private field),
/// and counts the elements an ItemLimit names.
struct ErrorSink {
    XmlDocument* doc;
    const ItemLimit* limit = nullptr;
    std::size_t seen = 0;
    endElementNsSAX2Func end_element = nullptr;  ///< libxml2's own tree-building handler

    // The tree is built by SAX2 callbacks; after the element that passes the limit, the parser
    // is stopped, so a feed of 100,000 items costs the tree of max_items + 1 (docs/faults.md).
    static void end_element_counted(void* user_data, const xmlChar* local, const xmlChar* prefix, const xmlChar* uri) {
        auto* ctxt = static_cast<xmlParserCtxt*>(user_data);
        auto* self = static_cast<ErrorSink*>(ctxt->_private);
        self->end_element(user_data, local, prefix, uri);
        if (local == nullptr || self->doc->m_stopped) return;
        if (std::string_view(reinterpret_cast<const char*>(local)) != self->limit->local_name) return;
        if (++self->seen > self->limit->max) {
            self->doc->m_stopped = true;
            xmlStopParser(ctxt);
        }
    }

    static void receive(void* user_data, xmlErrorPtr error) {
        // The SAX2 user data is the parser context itself (parserInternals.c, xmlInitParserCtxt).
        auto* ctxt = static_cast<xmlParserCtxt*>(user_data);
        if (ctxt == nullptr || ctxt->_private == nullptr || error == nullptr) return;
        XmlDocument& doc = *static_cast<ErrorSink*>(ctxt->_private)->doc;
        ++doc.m_error_count;
        if (doc.m_errors.size() >= XmlDocument::k_kept_errors) return;
        std::string message = error->message != nullptr ? error->message : "unknown error";
        doc.m_errors.push_back({error->line, std::string(core::trim(message))});
    }
};

core::Result<XmlDocument> XmlDocument::parse(std::string_view bytes, const Prolog& prolog,
                                             std::vector<std::string>& warnings, const ItemLimit* limit) {
    static std::once_flag init;
    std::call_once(init, [] { xmlInitParser(); });
    XmlInput input = prepare_xml(bytes, prolog);
    warnings.insert(warnings.end(), input.warnings.begin(), input.warnings.end());
    if (input.bytes.size() > static_cast<std::size_t>(INT_MAX)) return core::fail("feed: input too large for libxml2");

    std::unique_ptr<xmlParserCtxt, CtxtFree> ctxt(xmlNewParserCtxt());
    if (!ctxt) return core::fail("feed: cannot create an XML parser");
    XmlDocument result;
    ErrorSink sink{&result};
    ctxt->_private = &sink;
    ctxt->sax->serror = &ErrorSink::receive;
    ctxt->sax->resolveEntity = &refuse_entity;
    ctxt->sax->externalSubset = &ignore_external_subset;
    if (limit != nullptr && ctxt->sax->endElementNs != nullptr) {
        sink.limit = limit;
        sink.end_element = ctxt->sax->endElementNs;
        ctxt->sax->endElementNs = &ErrorSink::end_element_counted;
    }

    GenericErrorGuard quiet;
    xmlDoc* doc = xmlCtxtReadMemory(ctxt.get(), input.bytes.data(), static_cast<int>(input.bytes.size()), nullptr,
                                    input.encoding.empty() ? nullptr : input.encoding.c_str(), k_parse_options);
    result.m_doc.reset(doc);
    if (doc == nullptr || xmlDocGetRootElement(doc) == nullptr) {
        if (!result.m_errors.empty()) return core::fail(format_error(result.m_errors.front()));
        return core::fail("feed: XML error: no root element");
    }
    return result;
}

std::string XmlDocument::first_error_text() const {
    return m_errors.empty() ? std::string() : format_error(m_errors.front());
}

void XmlDocument::warn_recovered(std::vector<std::string>& warnings) const {
    if (m_errors.empty()) return;
    std::string text = first_error_text() + " (recovered";
    if (m_error_count > 1) text += ", " + std::to_string(m_error_count) + " errors";
    warnings.push_back(text + ")");
}

}  // namespace dossier::feed::detail
