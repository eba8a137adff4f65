#include "dossier/store/library_version.hpp"

#include <sqlite3.h>

namespace dossier::store {

std::string library_version() { return sqlite3_libversion(); }

}  // namespace dossier::store
