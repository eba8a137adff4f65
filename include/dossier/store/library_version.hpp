#pragma once
#include <string>

namespace dossier::store {

/// The version of the SQLite library the store runs with ("3.40.1"), for `dossier --version`.
std::string library_version();

}  // namespace dossier::store
