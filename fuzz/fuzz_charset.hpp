#pragma once
// Fuzz entry "charset": text::decode_to_utf8 (BOM, HTTP charset, <meta>/XML prescan, ICU
// detection and conversion), charset_from_content_type, prescan_charset, canonical_charset and
// decode_as.
// Input: line 1 = an HTTP Content-Type value, line 2 = a charset label for decode_as, the rest =
// the document bytes.
#include <string>
#include <string_view>

#include "dossier/text/charset.hpp"
#include "fuzz_input.hpp"

namespace dossier::fuzz {

/// Runs one input through charset detection and decoding; returns the invariants broken.
inline Violations run_charset(std::string_view input) {
    Violations v;
    InputReader in(input);
    const std::string_view content_type = in.line();
    const std::string_view label = in.line();
    const std::string_view bytes = in.rest();
    (void)text::charset_from_content_type(content_type);
    (void)text::prescan_charset(bytes);
    auto decoded = text::decode_to_utf8(bytes, content_type);
    if (!decoded) {
        check(v, starts_with(decoded.error().message, "text: "), "charset: error without the module prefix");
    } else {
        check_utf8(v, decoded->utf8, "charset: decoded text");
        // The byte order mark is dropped; a second U+FEFF after it is text (ZWNBSP) and stays.
        constexpr std::string_view k_bom = "\xEF\xBB\xBF";
        if (starts_with(bytes, k_bom) && !starts_with(bytes.substr(3), k_bom))
            check(v, !starts_with(decoded->utf8, k_bom), "charset: decoded text keeps the byte order mark");
        check(v, !decoded->charset.empty(), "charset: no charset named");
        const std::string& m = decoded->method;
        check(v, m == "bom" || m == "http" || m == "meta" || m == "validated" || m == "detected" || m == "default",
              "charset: unknown method " + m);
    }
    if (auto canonical = text::canonical_charset(label)) {
        // The canonical name is itself a label of the same charset.
        check(v, text::canonical_charset(*canonical) == canonical, "charset: canonical name not canonical: " + *canonical);
        auto as = text::decode_as(bytes, label);
        check(v, as.has_value(), "charset: decode_as refuses a known label");
        if (as) check_utf8(v, *as, "charset: decode_as text");
    } else {
        check(v, !text::decode_as(bytes, label).has_value(), "charset: decode_as accepts an unknown label");
    }
    return v;
}

}  // namespace dossier::fuzz
