#pragma once
// Preparing XML bytes for libxml2: choosing the encoding to read them in and repairing the
// damage real feeds carry (unescaped '&', HTML entities XML does not define, control bytes,
// invalid UTF-8) before the parser sees it, because libxml2's recovery drops such text.
#include <string>
#include <string_view>
#include <vector>

#include "sniff.hpp"

namespace dossier::feed::detail {

/// Bytes ready for libxml2.
struct XmlInput {
    std::string bytes;     ///< the document from its real start, repaired (unchanged for UTF-16)
    std::string encoding;  ///< encoding to force on libxml2; empty = let it read the BOM
    std::vector<std::string> warnings;
};

/// Picks the encoding (BOM, declaration with WHATWG supersets, UTF-8 validation, windows-1252
/// for undeclared non-UTF-8) and repairs the bytes. Never fails: the parser reports what is left.
XmlInput prepare_xml(std::string_view bytes, const Prolog& prolog);

}  // namespace dossier::feed::detail
