#include "dossier/archive/library_version.hpp"

#include <zlib.h>

namespace dossier::archive {

// zlibVersion() is the library actually loaded, which can differ from the header's ZLIB_VERSION.
std::string library_version() { return zlibVersion(); }

}  // namespace dossier::archive
