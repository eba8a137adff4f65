#pragma once
// Charset labels -> encodings (private to text/): the WHATWG Encoding standard's label table
// for the encodings real pages use, with ICU's alias table as the fallback.
#include <optional>
#include <string>
#include <string_view>

namespace dossier::text::detail {

/// How a charset is decoded.
enum class Decoder { utf8, windows1252, icu };

struct Encoding {
    std::string name;  ///< canonical name reported to callers ("GB18030")
    std::string icu;   ///< ICU converter name; empty for the built-in decoders
    Decoder decoder = Decoder::icu;
    /// False for encodings in which ASCII bytes do not stand for ASCII (UTF-16, ISO-2022-JP):
    /// a UTF-8 validity check says nothing about them.
    bool ascii_compatible = true;
};

/// The encoding a label names (ASCII case-insensitive, surrounding whitespace ignored).
/// Nothing when neither the table nor ICU knows the label.
std::optional<Encoding> find_encoding(std::string_view label);

}  // namespace dossier::text::detail
