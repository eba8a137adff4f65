#pragma once
// Charset detection and decoding to UTF-8 for fetched pages and feeds (WHATWG Encoding
// standard labels; ICU does the conversion and, when nothing is declared, the guessing).
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "dossier/core/result.hpp"

namespace dossier::text {

/// The outcome of decode_to_utf8.
struct Decoded {
    std::string utf8;     ///< the text as well-formed UTF-8, without a byte order mark
    std::string charset;  ///< canonical name of the charset used ("UTF-8", "GB18030", "Big5", "windows-1252")
    std::string method;   ///< how it was chosen: "bom", "http", "meta", "validated", "detected" or "default"
};

/// Default cap of decode_to_utf8: larger inputs are refused rather than decoded.
inline constexpr std::size_t k_default_decode_cap = std::size_t{64} << 20;

/// How many leading bytes prescan_charset reads by default.
inline constexpr std::size_t k_prescan_window = 4096;

/// Decodes a page or feed to UTF-8. The charset is chosen in this order:
///   1. a byte order mark (UTF-8, UTF-16LE, UTF-16BE);
///   2. the charset parameter of the HTTP Content-Type `content_type`;
///   3. <meta charset>, <meta http-equiv="Content-Type" content="...">, or an XML declaration's
///      encoding in the first k_prescan_window bytes (prescan_charset);
///   4. "validated": a declared non-UTF-8 charset is overridden when the bytes are valid UTF-8
///      and contain non-ASCII bytes; undeclared valid UTF-8 is taken as UTF-8. Conversely a
///      declared UTF-8 is overridden ("detected") when the bytes are mostly invalid UTF-8 (at
///      least 8 invalid sequences, 20% of the non-ASCII bytes) and ICU's detector names another
///      charset (GBK pages under a UTF-8 template);
///   5. "detected": ICU's charset detector, when nothing usable is declared;
///   6. "default": windows-1252.
/// gb2312/gbk/x-gbk decode as GB18030 and iso-8859-1/latin1/us-ascii as windows-1252, as the
/// WHATWG Encoding standard says. Invalid byte sequences become U+FFFD.
/// Fails only when `bytes` is longer than `max_bytes` ("text: input over N bytes").
core::Result<Decoded> decode_to_utf8(std::string_view bytes, std::string_view content_type = {},
                                     std::size_t max_bytes = k_default_decode_cap);

/// The charset parameter of a Content-Type value ("text/html; charset=GBK" -> "GBK"), unquoted
/// and trimmed, as written. Nothing when there is no non-empty charset parameter.
std::optional<std::string> charset_from_content_type(std::string_view content_type);

/// The charset a document declares in its first `window` bytes: the encoding of a leading XML
/// declaration (<?xml version="1.0" encoding="gbk"?>), else the HTML prescan of
/// <meta charset> / <meta http-equiv=Content-Type content="...; charset=..."> (WHATWG HTML
/// section 13.2.3.2, skipping comments and other tags). Returns the label as written;
/// nothing when none is declared.
std::optional<std::string> prescan_charset(std::string_view bytes, std::size_t window = k_prescan_window);

/// The canonical name for a charset label ("gbk" -> "GB18030", "latin1" -> "windows-1252",
/// "sjis" -> "Shift_JIS"), for labels of the WHATWG Encoding standard and any other charset ICU
/// knows. Nothing when the label names no charset this build can decode.
std::optional<std::string> canonical_charset(std::string_view label);

/// Decodes `bytes` as the charset named by `label` (any label canonical_charset accepts), invalid
/// sequences as U+FFFD, a leading byte order mark of that charset dropped. Nothing when the
/// label is unknown.
std::optional<std::string> decode_as(std::string_view bytes, std::string_view label);

}  // namespace dossier::text
