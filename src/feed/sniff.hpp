#pragma once
// Reading the start of a document: byte order mark, junk, XML declaration, DOCTYPE and the root
// element, without a parser. Shared by detect() and by parse(), so both agree on what a
// document is.
#include <cstddef>
#include <string>
#include <string_view>

#include "dossier/feed/feed.hpp"

namespace dossier::feed::detail {

enum class Bom { none, utf8, utf16le, utf16be };

/// What the first bytes of a document say about it.
struct Prolog {
    Bom bom = Bom::none;
    std::size_t start = 0;          ///< where parsing should begin (after a UTF-8 BOM, whitespace, junk)
    std::size_t junk_bytes = 0;     ///< non-whitespace bytes skipped before an XML declaration
    std::string declared_encoding;  ///< encoding="..." of the XML declaration, as written
    std::string root_local;         ///< local name of the root element; empty when none was found
    std::string root_ns;            ///< namespace URI bound to the root element's prefix
    bool json_object = false;       ///< the first non-space byte is '{'
};

/// Reads the prolog of `bytes` (UTF-16 documents are read through their low bytes).
Prolog read_prolog(std::string_view bytes);

/// The format that a prolog names; JSON needs the bytes to find the JSON Feed version.
Format classify(const Prolog& prolog, std::string_view bytes);

/// Index just past the '>' closing a DOCTYPE declaration whose body starts at s[i] (an
/// internal subset in brackets and quoted strings are skipped), or npos when it does not end.
std::size_t doctype_end(std::string_view s, std::size_t i);

/// A short, printable, ASCII-only description of the first bytes, for error messages:
/// "empty input", "gzip data", "binary data (00 01 ...)" or the quoted start of the text.
std::string describe_start(std::string_view bytes);

}  // namespace dossier::feed::detail
