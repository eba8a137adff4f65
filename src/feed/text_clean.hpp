#pragma once
// Turning feed text fields into plain one-line text: HTML entity decoding, tag stripping,
// whitespace collapsing.
#include <string>
#include <string_view>

namespace dossier::feed::detail {

/// How a title's text is to be read.
enum class TitleKind {
    plain,  ///< Atom type="text" (RFC 4287 section 3.1.1.1): no markup; whitespace collapsed only
    loose,  ///< RSS, RDF, JSON Feed, OPML: text that publishers often escape twice or mark up
    html,   ///< Atom type="html": escaped HTML; tags stripped, entities decoded
};

/// Runs of ASCII whitespace and U+00A0 become one space; the ends are trimmed.
std::string collapse_whitespace(std::string_view s);
/// Decodes HTML character references: numeric (&#8217; &#x2019;), the XML five and the HTML 4
/// named entities (&nbsp; &eacute; &hellip;). Unknown or malformed references stay as written.
std::string decode_entities(std::string_view s);
/// Removes tags, comments and <script>/<style> content from an HTML fragment.
std::string strip_tags(std::string_view html);
/// Removes only common inline formatting tags (<b>, <em>, <a ...>, <span>, <br>...), so text
/// such as "Bypass with <script> tags" keeps its words.
std::string strip_inline_tags(std::string_view s);
/// A title as plain one-line text, per `kind`.
std::string clean_title(std::string_view raw, TitleKind kind);
/// A name (author, category, OPML title): entities decoded, whitespace collapsed.
std::string clean_name(std::string_view raw);
/// Appends `c` to `out` as UTF-8 (invalid code points become U+FFFD).
void append_utf8(std::string& out, unsigned long c);

}  // namespace dossier::feed::detail
