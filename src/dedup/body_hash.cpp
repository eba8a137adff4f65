#include "dossier/dedup/body_hash.hpp"

#include "dossier/core/sha1.hpp"
#include "dossier/text/unicode.hpp"

namespace dossier::dedup {

std::string normalize_body(std::string_view text) {
    // NFKC case folding first (width, compatibility forms, ß -> ss), then keep only letters,
    // digits and marks: whitespace and punctuation differ between copies of one text.
    const std::string folded = text::nfkc_casefold(text);
    std::string out;
    out.reserve(folded.size());
    for (std::size_t i = 0; i < folded.size();) {
        const char32_t cp = text::next_codepoint(folded, i);
        if (text::is_token_char(cp)) text::append_utf8(out, cp);
    }
    return out;
}

std::string body_hash(std::string_view text) {
    const std::string normalized = normalize_body(text);
    if (normalized.empty()) return {};
    return core::sha1_hex(normalized);
}

}  // namespace dossier::dedup
