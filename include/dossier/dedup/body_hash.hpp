#pragma once
// Exact-duplicate detection on the extracted body.
#include <string>
#include <string_view>

namespace dossier::dedup {

/// The body text reduced to what identifies it: NFKC, case- and width-folded, with every
/// whitespace and punctuation character removed (so re-wrapped or re-punctuated copies match).
std::string normalize_body(std::string_view text);

/// Hex SHA-1 of normalize_body(text); empty when the normalised body is empty (an empty body
/// never makes two articles duplicates).
std::string body_hash(std::string_view text);

}  // namespace dossier::dedup
