#pragma once
#include <string>

namespace dossier::text {

/// The ICU version the text module runs with ("72.1"), for `dossier --version`.
std::string library_version();

}  // namespace dossier::text
