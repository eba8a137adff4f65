#pragma once
// Private to extract/: month names in running text ("19. Mai 2020", "3 février 2021").
#include <cstddef>
#include <string_view>

namespace dossier::extract::detail {

/// The month (1-12) a name or abbreviation stands for in English, German, French, Spanish,
/// Italian, Portuguese or Dutch, any case ("MÄRZ", "Sept", "déc"); 0 for other words.
int month_number(std::string_view word);

/// The word at s[i]: ASCII letters and Latin-1 letters in UTF-8 (C3 xx: ä, é, û); may be empty.
std::string_view word_at(std::string_view s, std::size_t i);

}  // namespace dossier::extract::detail
